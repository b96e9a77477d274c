//! Large uploads against a server process (`tests/bin/files_server.rs`), watched from outside:
//! its peak memory, what it writes, and the temporary files it keeps.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MIB: usize = 1 << 20;
const BOUNDARY: &str = "large-files-boundary";

/// The server, and the directory it makes its temporary files in.
struct Server {
    child: Child,
    addr: SocketAddr,
    tmp: PathBuf,
}

impl Server {
    fn start(name: &str) -> Server {
        let tmp = std::env::temp_dir().join(format!("fastrs-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_files_server"));
        command
            .env("TMPDIR", &tmp)
            .env("FASTRS_FILES_DIR", &tmp)
            .stderr(Stdio::null());
        let (child, addr) = crate::server_process::spawn_serving(command);
        Server { child, addr, tmp }
    }

    /// A line of `/proc/<pid>/status` in KiB (`VmHWM`: the peak resident memory).
    fn status_kib(&self, key: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    /// The bytes the server has passed to `write` and its kin so far (`wchar`).
    fn written(&self) -> u64 {
        let io = std::fs::read_to_string(format!("/proc/{}/io", self.child.id())).unwrap();
        io.lines()
            .find_map(|l| l.strip_prefix("wchar: "))
            .and_then(|v| v.parse().ok())
            .unwrap()
    }

    /// The server's open files in its temporary directory.
    fn open_temporary_files(&self) -> Vec<String> {
        let fds = std::fs::read_dir(format!("/proc/{}/fd", self.child.id())).unwrap();
        fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
            .filter(|target| target.starts_with(&self.tmp))
            .map(|target| target.display().to_string())
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}

/// Sends a multipart upload of `size` bytes (a repeating pattern) to `path`, chunked when
/// `chunked` (no `Content-Length`), in pieces; the status line and body of the answer.
fn upload(addr: SocketAddr, path: &str, size: usize, chunked: bool) -> (String, String) {
    let head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    );
    let tail = format!("\r\n--{BOUNDARY}--\r\n");
    let length = head.len() + size + tail.len();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let framing = if chunked {
        "Transfer-Encoding: chunked".to_owned()
    } else {
        format!("Content-Length: {length}")
    };
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n{framing}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let piece: Vec<u8> = (0..MIB).map(|i| (i % 251) as u8).collect();
    let send = |stream: &mut TcpStream, bytes: &[u8]| -> std::io::Result<()> {
        if chunked {
            stream.write_all(format!("{:x}\r\n", bytes.len()).as_bytes())?;
            stream.write_all(bytes)?;
            stream.write_all(b"\r\n")
        } else {
            stream.write_all(bytes)
        }
    };
    // The server may answer (413) and close before everything is sent: stop sending then.
    let sent = (|| {
        send(&mut stream, head.as_bytes())?;
        let mut left = size;
        while left > 0 {
            let n = left.min(MIB);
            send(&mut stream, &piece[..n])?;
            left -= n;
        }
        send(&mut stream, tail.as_bytes())?;
        if chunked {
            stream.write_all(b"0\r\n\r\n")?;
        }
        Ok::<_, std::io::Error>(())
    })();
    let _ = sent;
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let mut rest = String::new();
    let _ = reader.read_to_string(&mut rest);
    let body = rest
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status.trim_end().to_owned(), body)
}

/// The checksum the server computes of the pattern `upload` sends.
fn pattern_sum(size: usize) -> u32 {
    (0..size).fold(0u32, |s, i| s.wrapping_add((i % MIB % 251) as u32))
}

fn empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn a_200_mib_upload_streams_to_disk_in_bounded_memory() {
    let server = Server::start("upload");
    let size = 200 * MIB;
    let (status, body) = upload(server.addr, "/upload", size, false);
    assert_eq!(status, "HTTP/1.1 200 OK", "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["size"], size);
    assert_eq!(answer["read"], size);
    assert_eq!(answer["on_disk"], true);
    assert_eq!(answer["sum"], pattern_sum(size));
    let peak = server.status_kib("VmHWM:");
    eprintln!("200 MiB upload: peak RSS {peak} KiB");
    assert!(peak < 64 * 1024, "peak RSS {peak} KiB");
    // The temporary file had no name, and is closed once the request has ended.
    assert!(empty(&server.tmp));
    let started = Instant::now();
    while !server.open_temporary_files().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            server.open_temporary_files()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_1_gib_upload_over_the_limit_is_refused_having_written_at_most_the_limit() {
    let server = Server::start("refused");
    let before = server.written();
    // Announced: refused before a byte of the body is read.
    let (status, _) = upload(server.addr, "/upload-default", 1024 * MIB, false);
    assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
    // Chunked, with no length: read up to the limit (2 MiB), then refused.
    let (status, body) = upload(server.addr, "/upload-default", 1024 * MIB, true);
    assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
    assert!(body.contains(r#"{"detail":"Payload Too Large"}"#), "{body}");
    let written = server.written() - before;
    eprintln!("1 GiB uploads over the limit: {written} bytes written");
    assert!(written < 3 * MIB as u64, "{written} bytes written");
    assert!(empty(&server.tmp));
}

#[test]
fn a_200_mib_download_streams_in_bounded_memory() {
    let server = Server::start("download");
    let size = 200 * MIB as u64;
    // A sparse file: every byte is read from disk and sent all the same.
    let file = std::fs::File::create(server.tmp.join("big.bin")).unwrap();
    file.set_len(size).unwrap();
    drop(file);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream
        .write_all(b"GET /files/big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert!(head.contains(&format!("content-length: {size}")), "{head}");
    let received = std::io::copy(&mut reader, &mut std::io::sink()).unwrap();
    assert_eq!(received, size);
    let peak = server.status_kib("VmHWM:");
    eprintln!("200 MiB download: peak RSS {peak} KiB");
    assert!(peak < 64 * 1024, "peak RSS {peak} KiB");
}
