//! Where a file part is written while it arrives: memory up to 1 MiB, then an unnamed temporary
//! file (Starlette's `SpooledTemporaryFile`), written on a blocking thread in large batches.

use std::io::{self, Write};

use bytes::{Bytes, BytesMut};

/// A part kept in memory up to this size; past it, on disk (Starlette's `spool_max_size`).
pub(crate) const SPOOL_MAX_SIZE: usize = 1024 * 1024;

/// Bytes gathered before one write to the temporary file.
const WRITE_BATCH: usize = 256 * 1024;

/// A file part's content once received.
pub(crate) enum Content {
    /// At most [`SPOOL_MAX_SIZE`] bytes.
    Memory(Bytes),
    /// A temporary file with no name: the system frees it when the last handle closes, so it
    /// is gone when the request ends, even if the process dies.
    Disk(std::sync::Arc<std::fs::File>),
}

/// A file part being received.
#[derive(Default)]
pub(crate) struct Spool {
    pending: BytesMut,
    file: Option<std::fs::File>,
    size: u64,
}

impl Spool {
    /// Adds `chunk`; past [`SPOOL_MAX_SIZE`] the part goes to a temporary file.
    pub(crate) async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        self.size += chunk.len() as u64;
        self.pending.extend_from_slice(chunk);
        let to_disk = match self.file {
            None => self.pending.len() > SPOOL_MAX_SIZE,
            Some(_) => self.pending.len() >= WRITE_BATCH,
        };
        if to_disk {
            self.flush().await?;
        }
        Ok(())
    }

    /// Writes what is pending to the temporary file, creating it first if need be.
    async fn flush(&mut self) -> io::Result<()> {
        let file = self.file.take();
        let pending = std::mem::take(&mut self.pending);
        let (file, mut pending) = tokio::task::spawn_blocking(move || {
            let mut file = match file {
                Some(file) => file,
                None => tempfile::tempfile()?,
            };
            file.write_all(&pending)?;
            Ok::<_, io::Error>((file, pending))
        })
        .await
        .map_err(io::Error::other)??;
        pending.clear();
        self.pending = pending;
        self.file = Some(file);
        Ok(())
    }

    /// The part's size and content, once it has all arrived.
    pub(crate) async fn finish(mut self) -> io::Result<(u64, Content)> {
        if self.file.is_some() && !self.pending.is_empty() {
            self.flush().await?;
        }
        let content = match self.file {
            Some(file) => Content::Disk(std::sync::Arc::new(file)),
            None => Content::Memory(self.pending.freeze()),
        };
        Ok((self.size, content))
    }
}
