//! The header read and keep-alive timeouts of a connection, kept by one watch per connection
//! rather than a timer per request: the stream notes when a request's head starts and when an
//! answer is written, and the watch wakes at the deadlines that follow from them.
//!
//! A connection is in one of three phases: idle (open, or after an answer was written), reading
//! a head (bytes arrived while idle), or serving a request (its head was read). Idle past the
//! keep-alive timeout, the connection is shut down gracefully; reading one head past the header
//! timeout (slowloris), it is closed. A request being served is never timed out here, and a
//! connection upgraded to another protocol (a websocket) is the upgrade's: the watch acts on
//! the HTTP connection only, which ends with the upgrade.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;

/// Open, or an answer was written last.
const IDLE: u8 = 0;
/// Bytes of a head arrived since.
const HEAD: u8 = 1;
/// The head was read: a request is being served.
const SERVING: u8 = 2;

/// What the stream, the service and the watch of one connection share.
pub(crate) struct Phase {
    start: Instant,
    phase: AtomicU8,
    /// Milliseconds from `start` to the change to the current phase (idle or head).
    since: AtomicU64,
}

impl Phase {
    fn enter(&self, phase: u8) {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.since.store(now, Ordering::Relaxed);
        self.phase.store(phase, Ordering::Release);
    }

    /// The request's head was read: no timeout applies until its answer is written.
    pub(crate) fn serving(&self) {
        self.phase.store(SERVING, Ordering::Release);
    }

    fn at(&self, millis: u64) -> Instant {
        self.start + Duration::from_millis(millis)
    }
}

/// Why the watch of a connection ended it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Expired {
    /// Idle past the keep-alive timeout: shut down gracefully.
    Idle,
    /// A head took longer than the header timeout: close.
    Head,
}

/// A connection's stream, noting the changes of phase. It holds what the connection holds of
/// the server (its slot under `max_connections`, its place in the graceful shutdown's wait),
/// so that a connection upgraded to another protocol, which takes the stream with it, keeps
/// them until it closes.
pub(crate) struct Watched {
    stream: TcpStream,
    phase: Arc<Phase>,
    _held: Held,
}

/// What a connection holds of the server until its stream is dropped (held, never read).
pub(crate) struct Held {
    /// Its slot under `max_connections`, if there is a cap.
    pub(crate) _slot: Option<tokio::sync::OwnedSemaphorePermit>,
    /// Its place in the graceful shutdown's wait: the server waits until every one is gone.
    pub(crate) _serving: tokio::sync::watch::Receiver<bool>,
}

/// `stream`, the phase its service marks, and the watch: it resolves once the connection has
/// been idle for `keep_alive`, or has spent `header` on one head (never for a `None`).
pub(crate) fn watched(
    stream: TcpStream,
    held: Held,
    keep_alive: Option<Duration>,
    header: Option<Duration>,
) -> (
    Watched,
    Arc<Phase>,
    Pin<Box<dyn Future<Output = Expired> + Send>>,
) {
    let phase = Arc::new(Phase {
        start: Instant::now(),
        phase: AtomicU8::new(IDLE),
        since: AtomicU64::new(0),
    });
    let io = Watched {
        stream,
        phase: Arc::clone(&phase),
        _held: held,
    };
    let watch = watch(Arc::clone(&phase), keep_alive, header);
    (io, phase, Box::pin(watch))
}

/// Sleeps to the next deadline the phase allows, wakes, and looks again. Without a head, a head
/// may start any time, so it wakes at least every `header`; its deadline is then exact.
async fn watch(
    phase: Arc<Phase>,
    keep_alive: Option<Duration>,
    header: Option<Duration>,
) -> Expired {
    // While serving, or with no timeout for the phase, look again now and then.
    const AGAIN: Duration = Duration::from_secs(60);
    loop {
        let now = Instant::now();
        // The phase first: its Acquire makes the `since` stored with it visible (read before
        // it, an old `since` could be taken for the new phase's).
        let current = phase.phase.load(Ordering::Acquire);
        let since = phase.at(phase.since.load(Ordering::Relaxed));
        let wake = match current {
            IDLE => {
                if keep_alive.is_some_and(|k| now >= since + k) {
                    return Expired::Idle;
                }
                let idle_end = keep_alive.map_or(now + AGAIN, |k| since + k);
                header.map_or(idle_end, |h| idle_end.min(now + h))
            }
            // A head is read in microseconds, and the phase moves on without waking the watch:
            // look again within the keep-alive timeout, so that the idle time after the answer
            // is not slept through until the head's own deadline.
            HEAD => match header {
                Some(h) if now >= since + h => return Expired::Head,
                Some(h) => (since + h).min(now + keep_alive.unwrap_or(AGAIN)),
                None => now + keep_alive.unwrap_or(AGAIN),
            },
            _ => now + header.unwrap_or(AGAIN).min(keep_alive.unwrap_or(AGAIN)),
        };
        tokio::time::sleep_until(wake).await;
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before && self.phase.phase.load(Ordering::Relaxed) == IDLE {
            self.phase.enter(HEAD);
        }
        polled
    }
}

impl Watched {
    fn wrote(&self, polled: &Poll<io::Result<usize>>) {
        if matches!(polled, Poll::Ready(Ok(n)) if *n > 0) {
            self.phase.enter(IDLE);
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.wrote(&polled);
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.wrote(&polled);
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
