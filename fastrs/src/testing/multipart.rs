//! `MultipartForm`: a `multipart/form-data` body for the test client, as a browser sends it.

use bytes::{BufMut, Bytes, BytesMut};

/// The boundary between parts; no test content contains it.
const BOUNDARY: &str = "fastrs-test-boundary-7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body: text fields and files, in order.
///
/// ```
/// use fastrs::testing::MultipartForm;
///
/// let form = MultipartForm::new()
///     .text("note", "hello")
///     .file("file", "notes.txt", "text/plain", "line one\n");
/// ```
#[derive(Debug, Clone, Default)]
pub struct MultipartForm {
    body: BytesMut,
}

impl MultipartForm {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    #[must_use]
    pub fn text(mut self, name: &str, value: &str) -> Self {
        self.part(
            &format!("form-data; name=\"{}\"", escape(name)),
            None,
            value.as_bytes(),
        );
        self
    }

    /// Adds a file, with its name and content type.
    #[must_use]
    pub fn file(
        mut self,
        name: &str,
        filename: &str,
        content_type: &str,
        content: impl AsRef<[u8]>,
    ) -> Self {
        let disposition = format!(
            "form-data; name=\"{}\"; filename=\"{}\"",
            escape(name),
            escape(filename)
        );
        self.part(&disposition, Some(content_type), content.as_ref());
        self
    }

    fn part(&mut self, disposition: &str, content_type: Option<&str>, content: &[u8]) {
        self.body.put_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        self.body
            .put_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
        if let Some(content_type) = content_type {
            self.body
                .put_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        self.body.put_slice(b"\r\n");
        self.body.put_slice(content);
        self.body.put_slice(b"\r\n");
    }

    /// The content type, with the boundary.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={BOUNDARY}")
    }

    /// The body, closed.
    pub fn into_body(self) -> Bytes {
        let mut body = self.body;
        body.put_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        body.freeze()
    }
}

/// A name in a quoted parameter, escaped as browsers do (WHATWG's `multipart/form-data`).
fn escape(name: &str) -> String {
    name.replace('\n', "%0A")
        .replace('\r', "%0D")
        .replace('"', "%22")
}
