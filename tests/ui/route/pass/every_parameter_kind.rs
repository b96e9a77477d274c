use fastrs::prelude::*;

#[derive(Deserialize, Serialize, JsonSchema, Validate)]
struct Item {
    #[garde(length(min = 1))]
    name: String,
}

#[derive(Deserialize, JsonSchema)]
struct Filter {
    limit: u32,
}

#[derive(Deserialize, Scalar, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Color {
    Red,
    Blue,
}

#[put("/items/<id>/<rest..>", status = 201, tags = ["items"], summary = "Put", description = "d", operation_id = "put_item", deprecated, include_in_schema = false)]
async fn put_item(
    id: u64,
    rest: String,
    q: Option<String>,
    tags: Vec<String>,
    color: Color,
    #[query(alias = "l", default = 10, ge = 1, le = 100, title = "Limit", description = "d", deprecated, include_in_schema = true)] limit: u32,
    #[query(min_length = 1, max_length = 5, pattern = "^[a-z]+$")] word: String,
    #[query] filter: Filter,
    #[header] user_agent: Option<String>,
    #[cookie] session: Option<String>,
    item: Item,
    #[body(gt = -1.5, lt = 2)] weight: f64,
) -> Result<Json<Item>, HttpError> {
    let _ = (id, rest, q, tags, color, limit, word, filter.limit, user_agent, session, weight);
    Ok(Json(item))
}

#[post("/files", max_fields = 10, max_files = 2, max_part_size = "64KiB")]
async fn upload(
    file: fastrs::UploadFile,
    maybe: Option<fastrs::UploadFile>,
    #[form] more: Vec<fastrs::UploadFile>,
    #[file] extra: Vec<fastrs::UploadFile>,
    #[form] note: String,
) -> String {
    format!("{} {} {} {} {note}", file.filename(), maybe.is_some(), more.len(), extra.len())
}

fn main() {
    let _ = App::empty().mount(fastrs::routes![put_item, upload]);
}
