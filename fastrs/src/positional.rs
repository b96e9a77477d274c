//! Reading a file at a position of one's own, on a blocking thread: several readers may
//! share one open file (clones of an `UploadFile`, the ranges of a `FileResponse`).

use std::io;
use std::sync::Arc;

use bytes::Bytes;

/// Up to `max` bytes of `file` from `position` (fewer only at the end), read on a blocking
/// thread.
pub(crate) async fn read_at(
    file: Arc<std::fs::File>,
    position: u64,
    max: usize,
) -> io::Result<Bytes> {
    if max == 0 {
        return Ok(Bytes::new());
    }
    tokio::task::spawn_blocking(move || read_at_now(&file, position, max))
        .await
        .map_err(io::Error::other)?
}

/// The same, on this thread.
pub(crate) fn read_at_now(file: &std::fs::File, position: u64, max: usize) -> io::Result<Bytes> {
    let mut buffer = vec![0; max];
    let mut filled = 0;
    while filled < max {
        match file_read_at(file, &mut buffer[filled..], position + filled as u64)? {
            0 => break,
            n => filled += n,
        }
    }
    buffer.truncate(filled);
    Ok(Bytes::from(buffer))
}

/// Reads a file from a position of its own, leaving the file's cursor alone.
#[cfg_attr(not(feature = "multipart"), allow(dead_code))]
pub(crate) struct PositionalReader<'f> {
    pub(crate) file: &'f std::fs::File,
    pub(crate) position: u64,
}

impl io::Read for PositionalReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = file_read_at(self.file, buf, self.position)?;
        self.position += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn file_read_at(file: &std::fs::File, buf: &mut [u8], position: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, position)
}

#[cfg(windows)]
fn file_read_at(file: &std::fs::File, buf: &mut [u8], position: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, position)
}
