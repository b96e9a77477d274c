//! A file's media type from its extension, as Python's `mimetypes` guesses the common ones
//! (Starlette's `FileResponse` and `StaticFiles` use it).

/// The media type of `path`'s extension; `application/octet-stream` when unknown.
pub(crate) fn guess(path: &std::path::Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let Some(extension) = extension else {
        return OCTET_STREAM;
    };
    TYPES
        .binary_search_by(|(known, _)| known.cmp(&extension.as_str()))
        .map_or(OCTET_STREAM, |i| TYPES[i].1)
}

pub(crate) const OCTET_STREAM: &str = "application/octet-stream";

/// Extensions and types, sorted by extension (checked by a test).
const TYPES: &[(&str, &str)] = &[
    ("avif", "image/avif"),
    ("bmp", "image/bmp"),
    ("css", "text/css"),
    ("csv", "text/csv"),
    ("gif", "image/gif"),
    ("htm", "text/html"),
    ("html", "text/html"),
    ("ico", "image/vnd.microsoft.icon"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("md", "text/markdown"),
    ("mjs", "text/javascript"),
    ("mp3", "audio/mpeg"),
    ("mp4", "video/mp4"),
    ("otf", "font/otf"),
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("svg", "image/svg+xml"),
    ("tar", "application/x-tar"),
    ("ttf", "font/ttf"),
    ("txt", "text/plain"),
    ("wasm", "application/wasm"),
    ("webm", "video/webm"),
    ("webp", "image/webp"),
    ("woff", "font/woff"),
    ("woff2", "font/woff2"),
    ("xml", "application/xml"),
    ("zip", "application/zip"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_found() {
        assert!(TYPES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(guess("a/b.HTML".as_ref()), "text/html");
        assert_eq!(guess("README".as_ref()), OCTET_STREAM);
        assert_eq!(guess("x.unknown".as_ref()), OCTET_STREAM);
    }
}
