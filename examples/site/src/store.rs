//! The site's data: items and uploads, in memory, and the feed of new items.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use fastrs::prelude::*;
use tokio::sync::broadcast;

/// An item of the list.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// Its number, from 1.
    pub id: u64,
    /// Its name.
    pub name: String,
}

/// An item to add.
#[derive(Debug, Deserialize, JsonSchema, Validate)]
pub struct NewItem {
    /// Its name: 1 to 100 characters.
    #[garde(length(chars, min = 1, max = 100))]
    pub name: String,
}

/// A file uploaded, as listed on the page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Upload {
    /// Its name as sent.
    pub filename: String,
    /// Its size in bytes.
    pub size: u64,
}

/// The most uploads listed: older ones are forgotten.
const UPLOADS_KEPT: usize = 20;

/// The items, the uploads, and the feed of new items; cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Mutex<Inner>>,
    feed: broadcast::Sender<Item>,
}

#[derive(Default)]
struct Inner {
    items: Vec<Item>,
    uploads: VecDeque<Upload>,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            inner: Arc::default(),
            feed: broadcast::channel(64).0,
        }
    }
}

impl Store {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds an item and tells the feed's listeners.
    pub fn add(&self, name: String) -> Item {
        let item = {
            let mut inner = self.lock();
            let item = Item {
                id: inner.items.len() as u64 + 1,
                name,
            };
            inner.items.push(item.clone());
            item
        };
        // No listener is not an error.
        let _ = self.feed.send(item.clone());
        item
    }

    /// Every item, oldest first.
    pub fn items(&self) -> Vec<Item> {
        self.lock().items.clone()
    }

    /// Records an upload.
    pub fn uploaded(&self, upload: Upload) {
        let mut inner = self.lock();
        if inner.uploads.len() == UPLOADS_KEPT {
            inner.uploads.pop_front();
        }
        inner.uploads.push_back(upload);
    }

    /// The latest uploads, oldest first.
    pub fn uploads(&self) -> Vec<Upload> {
        self.lock().uploads.iter().cloned().collect()
    }

    /// The items added from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Item> {
        self.feed.subscribe()
    }
}
