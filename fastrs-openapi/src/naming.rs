//! FastAPI's names: `item_id` is titled `Item Id`, `read_item` is summarised `Read Item`.

/// pydantic's title of a field or parameter: `_` becomes a space, then Python's
/// `str.title()` (`item_id` → `Item Id`, `item-query` → `Item-Query`).
pub fn title(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut after_letter = false;
    for c in name.replace('_', " ").trim().chars() {
        if c.is_alphabetic() {
            if after_letter {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            after_letter = true;
        } else {
            out.push(c);
            after_letter = false;
        }
    }
    out
}

/// FastAPI's summary of an operation without one: the function name titled
/// (`read_item` → `Read Item`).
pub fn summary(function: &str) -> String {
    title(function)
}

/// FastAPI's generated operation id: the function name, then the path with every
/// non-word character replaced by `_`, then the lowercase method
/// (`read_item`, `/items/{item_id}`, `GET` → `read_item_items__item_id__get`).
pub fn fastapi_operation_id(function: &str, openapi_path: &str, method: &str) -> String {
    let path: String = openapi_path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{function}{path}_{}", method.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_as_pydantic() {
        assert_eq!(title("item_id"), "Item Id");
        assert_eq!(title("q"), "Q");
        assert_eq!(title("user_agent"), "User Agent");
        assert_eq!(title("item-query"), "Item-Query");
        assert_eq!(title("x2y_id"), "X2Y Id");
        assert_eq!(summary("read_item"), "Read Item");
    }

    #[test]
    fn operation_ids_as_fastapi() {
        assert_eq!(
            fastapi_operation_id("read_item", "/items/{item_id}", "GET"),
            "read_item_items__item_id__get"
        );
        assert_eq!(fastapi_operation_id("root", "/", "GET"), "root__get");
        assert_eq!(
            fastapi_operation_id("create_item", "/items/", "POST"),
            "create_item_items__post"
        );
    }
}
