//! Writes the 1,000 routes of the start-up benchmark, when its feature is on.

use std::fmt::Write as _;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_STARTUP").is_none() {
        return;
    }
    let mut out = String::new();
    for model in 0..10 {
        writeln!(
            out,
            "#[derive(serde::Deserialize, serde::Serialize, schemars::JsonSchema, garde::Validate)]\n\
             pub struct Model{model} {{\n    #[garde(length(min = 1, max = 50))]\n    pub name: String,\n    \
             #[garde(range(min = 0.0))]\n    pub price: f64,\n    #[garde(skip)]\n    pub tags: Vec<String>,\n}}\n"
        )
        .unwrap();
    }
    for i in 0..1000 {
        let model = (i / 2) % 10;
        if i % 2 == 0 {
            writeln!(
                out,
                "/// Route {i}.\n#[fastrs::get(\"/r{i}/<id>\", tags = [\"t{model}\"])]\n\
                 pub async fn r{i}(id: u64, q: Option<String>, #[query(default = 10, ge = 1, le = 100)] limit: u32) \
                 -> fastrs::Json<(u64, Option<String>, u32)> {{\n    fastrs::Json((id, q, limit))\n}}\n"
            )
            .unwrap();
        } else {
            writeln!(
                out,
                "/// Route {i}.\n#[fastrs::post(\"/r{i}\", status = 201)]\n\
                 pub async fn r{i}(item: Model{model}) -> fastrs::Json<Model{model}> {{\n    fastrs::Json(item)\n}}\n"
            )
            .unwrap();
        }
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("routes.rs");
    std::fs::write(path, out).unwrap();
}
