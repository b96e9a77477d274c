//! `PathTemplate`: `"/items/<id>"` parsed and rewritten for axum (`{id}`) and OpenAPI.

use proc_macro2::Span;
use syn::LitStr;

/// One `<name>` or `<name..>` of a template.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub(crate) name: String,
    pub(crate) rest: bool,
}

/// A parsed path template; spans point at the string literal.
#[derive(Debug, Clone)]
pub(crate) struct PathTemplate {
    pub(crate) lit: LitStr,
    pub(crate) params: Vec<Segment>,
    pub(crate) axum: String,
    pub(crate) openapi: String,
}

impl PathTemplate {
    /// Parses and checks the template; every problem names the segment and the rule.
    pub(crate) fn parse(lit: LitStr) -> syn::Result<Self> {
        let text = lit.value();
        let span = lit.span();
        if text.is_empty() {
            // The path of a router's prefix itself (`/items`), as FastAPI's `""`.
            return Ok(Self {
                lit,
                params: Vec::new(),
                axum: String::new(),
                openapi: String::new(),
            });
        }
        if !text.starts_with('/') {
            return Err(err(
                span,
                format!(
                    "the path `{text}` must start with `/` (or be `\"\"`, the prefix of its router)"
                ),
            ));
        }
        let segments: Vec<&str> = text[1..].split('/').collect();
        let mut params: Vec<Segment> = Vec::new();
        let mut axum = String::new();
        let mut openapi = String::new();
        let last = segments.len() - 1;
        for (i, segment) in segments.iter().enumerate() {
            axum.push('/');
            openapi.push('/');
            if segment.is_empty() {
                if i == last {
                    // `/items/`: a trailing slash is a distinct path, as in FastAPI.
                    continue;
                }
                return Err(err(
                    span,
                    format!("the path `{text}` has an empty segment (`//`); remove one `/`"),
                ));
            }
            if segment.contains(['{', '}']) {
                return Err(err(span, braces(segment)));
            }
            if !segment.contains(['<', '>']) {
                axum.push_str(segment);
                openapi.push_str(segment);
                continue;
            }
            let param = parse_param(segment).map_err(|rule| err(span, rule))?;
            if param.rest && i != last {
                return Err(err(
                    span,
                    format!(
                        "`<{}..>` in the path must be the last segment: it takes the rest of the path",
                        param.name
                    ),
                ));
            }
            if params.iter().any(|p| p.name == param.name) {
                return Err(err(
                    span,
                    format!(
                        "`<{}>` appears twice in the path; each name can be used once",
                        param.name
                    ),
                ));
            }
            if param.rest {
                axum.push_str(&format!("{{*{}}}", param.name));
            } else {
                axum.push_str(&format!("{{{}}}", param.name));
            }
            openapi.push_str(&format!("{{{}}}", param.name));
            params.push(param);
        }
        Ok(Self {
            lit,
            params,
            axum,
            openapi,
        })
    }

    /// The template as written.
    pub(crate) fn text(&self) -> String {
        self.lit.value()
    }
}

/// What to write instead of a segment with braces: FastAPI's and axum's `{name}` is `<name>`
/// here, `{*name}` is `<name..>`, and a brace is not a path character otherwise.
fn braces(segment: &str) -> String {
    let inner = segment
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .filter(|s| !s.contains(['{', '}']));
    match inner {
        Some(name) if name.starts_with('*') => format!(
            "`{segment}` in the path is axum's syntax; write `<{}..>` for the rest of the path",
            &name[1..]
        ),
        Some(name) => format!("`{segment}` in the path is FastAPI's syntax; write `<{name}>`"),
        None => format!(
            "`{segment}` in the path has a brace; a parameter is written `<name>`, and braces are not allowed otherwise"
        ),
    }
}

fn err(span: Span, message: String) -> syn::Error {
    syn::Error::new(span, message)
}

/// `<name>` or `<name..>` filling a whole segment.
fn parse_param(segment: &str) -> Result<Segment, String> {
    let Some(inner) = segment.strip_prefix('<') else {
        return Err(format!(
            "`{segment}` in the path mixes text and a parameter; a `<name>` must fill its whole segment"
        ));
    };
    let Some(inner) = inner.strip_suffix('>') else {
        return Err(if segment.contains('>') {
            format!(
                "`{segment}` in the path mixes text and a parameter; a `<name>` must fill its whole segment"
            )
        } else {
            format!("`{segment}` in the path is not closed; write `{segment}>`")
        });
    };
    let (name, rest) = match inner.strip_suffix("..") {
        Some(name) => (name, true),
        None => (inner, false),
    };
    if name.contains(['<', '>']) {
        return Err(format!("`{segment}` in the path has nested `<` or `>`"));
    }
    if syn::parse_str::<syn::Ident>(name).is_err() {
        return Err(format!(
            "`{segment}` in the path: `{name}` is not a valid argument name"
        ));
    }
    Ok(Segment {
        name: name.to_owned(),
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<PathTemplate, String> {
        PathTemplate::parse(LitStr::new(s, Span::call_site())).map_err(|e| e.to_string())
    }

    #[test]
    fn rewrites_for_axum_and_openapi() {
        let t = parse("/items/<id>/files/<path..>").unwrap();
        assert_eq!(t.axum, "/items/{id}/files/{*path}");
        assert_eq!(t.openapi, "/items/{id}/files/{path}");
        assert_eq!(parse("/").unwrap().axum, "/");
        assert_eq!(parse("/items/").unwrap().axum, "/items/");
    }

    #[test]
    fn refuses_malformed_templates() {
        assert!(parse("items").unwrap_err().contains("must start with `/`"));
        assert!(parse("/a//b").unwrap_err().contains("empty segment"));
        assert!(parse("/a/<id").unwrap_err().contains("not closed"));
        assert!(
            parse("/a/<p..>/b")
                .unwrap_err()
                .contains("must be the last segment")
        );
        assert!(parse("/a/<id>/<id>").unwrap_err().contains("appears twice"));
        assert_eq!(
            parse("/things/{thing_id}").unwrap_err(),
            "`{thing_id}` in the path is FastAPI's syntax; write `<thing_id>`"
        );
        assert!(
            parse("/files/{*path}")
                .unwrap_err()
                .contains("write `<path..>`")
        );
        assert!(parse("/a/x{y").unwrap_err().contains("has a brace"));
        assert!(parse("/a/x<id>").unwrap_err().contains("whole segment"));
        assert!(
            parse("/a/<1d>")
                .unwrap_err()
                .contains("not a valid argument name")
        );
    }
}

/// Property tests: no template makes the parser panic, and well-formed ones round-trip.
#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::*;

    fn parse(s: &str) -> Result<PathTemplate, String> {
        PathTemplate::parse(LitStr::new(s, Span::call_site())).map_err(|e| e.to_string())
    }

    fn config() -> ProptestConfig {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(2_000);
        ProptestConfig {
            cases,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    /// A segment: a literal, or a parameter `(name, rest)`.
    fn segment() -> impl Strategy<Value = Result<String, String>> {
        prop_oneof![
            "[a-z0-9._~-]{1,8}".prop_map(Ok),
            "[a-z][a-z0-9_]{0,7}".prop_map(Err),
        ]
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_template_parses_or_is_refused(text in ".*") {
            let _ = parse(&text);
        }

        #[test]
        fn any_slashed_template_parses_or_is_refused(text in "/[a-z<>./_*{}-]{0,40}") {
            let _ = parse(&text);
        }

        #[test]
        fn well_formed_templates_round_trip(
            segments in proptest::collection::vec(segment(), 0..6),
            rest in proptest::option::of("[a-z][a-z0-9_]{0,7}"),
        ) {
            let mut names = Vec::new();
            let mut template = String::new();
            let mut axum = String::new();
            for segment in &segments {
                match segment {
                    Ok(literal) => {
                        template.push_str(&format!("/{literal}"));
                        axum.push_str(&format!("/{literal}"));
                    }
                    Err(name) => {
                        // Names are unique in a template, and must not be keywords.
                        if names.contains(name) || syn::parse_str::<syn::Ident>(name).is_err() {
                            continue;
                        }
                        names.push(name.clone());
                        template.push_str(&format!("/<{name}>"));
                        axum.push_str(&format!("/{{{name}}}"));
                    }
                }
            }
            if let Some(name) = rest.filter(|n| !names.contains(n) && syn::parse_str::<syn::Ident>(n).is_ok()) {
                template.push_str(&format!("/<{name}..>"));
                axum.push_str(&format!("/{{*{name}}}"));
                names.push(name);
            }
            if template.is_empty() {
                template.push('/');
                axum.push('/');
            }
            let parsed = parse(&template).map_err(|e| TestCaseError::fail(format!("{template}: {e}")))?;
            prop_assert_eq!(&parsed.axum, &axum);
            prop_assert_eq!(parsed.openapi, axum.replace("{*", "{"));
            let parsed_names: Vec<String> = parsed.params.iter().map(|s| s.name.clone()).collect();
            prop_assert_eq!(parsed_names, names);
        }
    }
}
