//! Golden expansion tests: each sample route, expanded and pretty-printed, must equal its file
//! under `fastrs-macros/tests/expand/`. Re-bless with `FASTRS_BLESS=1`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::route::{HttpMethod, expand};

fn check(name: &str, expanded: TokenStream) {
    let file: syn::File = syn::parse2(expanded).expect("the expansion parses as a file");
    let pretty = crate::expand::prettyprint(&file);
    let path = format!("{}/tests/expand/{name}.rs", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("FASTRS_BLESS").is_some() {
        std::fs::write(&path, &pretty).expect("write the golden file");
        return;
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {path}; run with FASTRS_BLESS=1 to create it"));
    assert!(
        golden == pretty,
        "the expansion of `{name}` changed; compare {path} with:\n{pretty}"
    );
}

#[test]
fn path_query_and_options() {
    let attr = quote!("/items/<item_id>", tags = ["items"]);
    let item = quote! {
        /// Read one item.
        async fn read_item(
            item_id: u64,
            q: Option<String>,
            #[query(default = 10, ge = 1, le = 100)] limit: u32,
        ) -> Result<Json<Item>, HttpError> {
            todo()
        }
    };
    check("read_item", expand(HttpMethod::Get, attr, item).unwrap());
}

#[test]
fn json_body_with_status() {
    let attr = quote!("/items", status = 201);
    let item = quote! {
        pub async fn create_item(item: Item) -> Json<Item> {
            Json(item)
        }
    };
    check("create_item", expand(HttpMethod::Post, attr, item).unwrap());
}

#[test]
fn headers_cookies_and_embedded_body() {
    let attr = quote!("/items/<id>");
    let item = quote! {
        async fn update_item(
            id: u64,
            #[header] user_agent: Option<String>,
            #[cookie(alias = "session-id")] session: String,
            item: Item,
            #[body(gt = 0)] importance: i32,
        ) -> Json<Item> {
            Json(item)
        }
    };
    check("update_item", expand(HttpMethod::Put, attr, item).unwrap());
}

#[test]
fn a_rate_limit_and_a_pattern() {
    let attr = quote!("/login", rate_limit = "5 per minute");
    let item = quote! {
        async fn login(#[query(pattern = "^[a-z]+$")] user: String) -> String {
            user
        }
    };
    check("login", expand(HttpMethod::Post, attr, item).unwrap());
}

#[test]
fn no_parameters() {
    let item = quote! {
        async fn health() -> &'static str {
            "ok"
        }
    };
    check(
        "health",
        expand(HttpMethod::Get, quote!("/health"), item).unwrap(),
    );
}

#[test]
fn scalar_derive() {
    let item = quote! {
        #[derive(Deserialize)]
        enum Color { Red, Green }
    };
    check("scalar_enum", crate::scalar::expand(item).unwrap());
    let item = quote! {
        struct UserId(u64);
    };
    check("scalar_newtype", crate::scalar::expand(item).unwrap());
}

#[test]
fn module_router() {
    let input = quote!(
        prefix = "/items",
        tags = ["items"],
        dependencies = [verify_token],
        responses(404 = Message),
    );
    check("router", crate::router::expand(input).unwrap());
}

#[test]
fn rate_limited_router() {
    let input = quote!(
        prefix = "/search",
        rate_limit = "100/minute",
        rate_limit_headers = false,
    );
    check("rate_limited_router", crate::router::expand(input).unwrap());
}

#[test]
fn dependency() {
    let item = quote! {
        async fn current_user(
            #[header] authorization: String,
            settings: Depends<settings>,
        ) -> Result<User, HttpError> {
            todo()
        }
    };
    check(
        "current_user",
        crate::depends::expand(quote!(), item).unwrap(),
    );
    let item = quote! {
        fn settings(config: State<Config>) -> Settings {
            todo()
        }
    };
    check(
        "settings",
        crate::depends::expand(quote!(app), item).unwrap(),
    );
}

#[test]
fn websocket_with_parameters_and_a_dependency() {
    let attr = quote!("/ws/<room>");
    let item = quote! {
        /// A member of a room.
        async fn join(
            mut ws: WebSocket,
            room: String,
            token: Depends<member>,
        ) -> Result<(), WebSocketException> {
            ws.send_text(room).await?;
            Ok(())
        }
    };
    check(
        "websocket",
        expand(HttpMethod::WebSocket, attr, item).unwrap(),
    );
}
