//! A model with a pattern, served by `parity_server` (which declares a parameter's pattern, so
//! its walk lists the model's mismatches beside the type errors, as FastAPI does) and by
//! `lean_server` (which declares none: the model's pattern is garde's alone).

use fastrs::prelude::*;

// `code` is three capitals (a plain comment: a doc comment would be the schema's description).
#[derive(Deserialize, Serialize, JsonSchema, Validate)]
pub struct Coded {
    #[garde(pattern(r"^[A-Z]{3}$"))]
    code: String,
    #[garde(skip)]
    count: i64,
}

#[post("/coded")]
pub async fn coded(c: Coded) -> Json<Coded> {
    Json(c)
}
