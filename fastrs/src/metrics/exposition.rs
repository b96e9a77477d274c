//! `/metrics`: the route that shows an app's metrics, and their text put in a steady order.

use axum::response::{IntoResponse, Response};

use super::Metrics;
use crate::context::{Cx, DependencyRef, Meta};
use crate::extract::FromCx as _;
use crate::route::{Method, Read, Reading, RouteDef, RouteFn, RouteOptions};
use crate::state::State;

/// The content type of Prometheus's text format, version 0.0.4.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The route `GET path` showing the metrics, after `dependencies`, left out of the document.
/// Made once per app that serves them, and kept for the program's life as the macros' routes
/// are.
pub(crate) fn route(path: &str, dependencies: &[DependencyRef]) -> &'static RouteDef {
    let path: &'static str = Box::leak(path.to_owned().into_boxed_str());
    let dependencies: &'static [DependencyRef] =
        Box::leak(dependencies.to_vec().into_boxed_slice());
    Box::leak(Box::new(RouteDef {
        method: Method::Get,
        template: path,
        axum_path: path,
        openapi_path: path,
        name: "metrics",
        module: module_path!(),
        file: file!(),
        line: line!(),
        doc: "Endpoint that serves Prometheus metrics.",
        options: RouteOptions {
            include_in_schema: false,
            dependencies,
            ..RouteOptions::DEFAULT
        },
        params: &[],
        serve: crate::pipeline::serve::<ShowMetrics>,
        describe,
    }))
}

/// What the route reads: the app's `State<Metrics>`.
fn describe(meta: &mut Meta) {
    <State<Metrics> as crate::extract::FromCx>::describe(meta);
}

/// The route's handler.
struct ShowMetrics;

impl RouteFn for ShowMetrics {
    type Args = State<Metrics>;

    fn read<'a, 'r: 'a>(cx: &'a mut Cx<'r>) -> impl Reading<Self::Args> + 'a {
        let metrics = State::<Metrics>::from_cx(cx);
        async move { Read::Ok(metrics) }
    }

    #[allow(refining_impl_trait)]
    async fn invoke(metrics: Self::Args) -> Response {
        text(metrics.render())
    }
}

/// The metrics' text as an answer.
fn text(text: String) -> Response {
    ([(http::header::CONTENT_TYPE, TEXT_FORMAT)], text).into_response()
}

/// `text` (the exporter's, whose families and series come in a hash map's order) with its
/// families sorted by name and each family's series by their labels, a histogram's or a
/// summary's lines kept together in their order.
pub(super) fn sorted(text: &str) -> String {
    let mut families: Vec<(&str, Vec<&str>)> = Vec::new();
    for block in text.split("\n\n").filter(|block| !block.trim().is_empty()) {
        let name = block
            .lines()
            .find_map(|line| line.strip_prefix("# TYPE "))
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or("");
        families.push((name, block.lines().collect()));
    }
    families.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::with_capacity(text.len());
    for (_, mut lines) in families {
        let comments = lines
            .iter()
            .take_while(|line| line.starts_with('#'))
            .count();
        // A stable sort by the series' labels keeps a series' own lines in their order.
        lines[comments..].sort_by_key(|line| series_of(line));
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The labels that tell a sample's series: all but a bucket's `le` and a summary's `quantile`.
fn series_of(line: &str) -> &str {
    let (Some(open), Some(close)) = (line.find('{'), line.rfind('}')) else {
        return "";
    };
    let labels = &line[open + 1..close];
    for last in [",le=\"", ",quantile=\""] {
        if let Some(at) = labels.rfind(last) {
            return &labels[..at];
        }
    }
    if labels.starts_with("le=\"") || labels.starts_with("quantile=\"") {
        return "";
    }
    labels
}

#[cfg(test)]
mod tests {
    #[test]
    fn families_and_series_come_sorted_and_a_series_lines_together() {
        let text = "# TYPE b counter\nb{h=\"2\"} 1\nb{h=\"1\"} 2\n\n\
                    # TYPE a histogram\na_bucket{h=\"z\",le=\"1\"} 1\na_bucket{h=\"z\",le=\"+Inf\"} 1\n\
                    a_sum{h=\"z\"} 0.5\na_count{h=\"z\"} 1\na_bucket{h=\"y\",le=\"1\"} 0\n\
                    a_bucket{h=\"y\",le=\"+Inf\"} 1\na_sum{h=\"y\"} 2\na_count{h=\"y\"} 1\n\n";
        assert_eq!(
            super::sorted(text),
            "# TYPE a histogram\na_bucket{h=\"y\",le=\"1\"} 0\na_bucket{h=\"y\",le=\"+Inf\"} 1\n\
             a_sum{h=\"y\"} 2\na_count{h=\"y\"} 1\na_bucket{h=\"z\",le=\"1\"} 1\n\
             a_bucket{h=\"z\",le=\"+Inf\"} 1\na_sum{h=\"z\"} 0.5\na_count{h=\"z\"} 1\n\n\
             # TYPE b counter\nb{h=\"1\"} 2\nb{h=\"2\"} 1\n\n"
        );
    }
}
