//! A model whose documentation shows garde rules that nothing runs (no `derive(Validate)`) stops
//! the app at start-up. Its own module: the other tests mount theirs whole.

use fastrs::prelude::*;

/// garde's rules without `derive(Validate)`: schemars documents them, nothing would check them.
#[derive(Deserialize, JsonSchema)]
struct Unchecked {
    #[garde(length(min = 1))]
    name: String,
}

#[post("/unchecked")]
async fn create_unchecked(item: Unchecked) -> String {
    item.name
}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct Address {
    #[garde(range(min = 0.5))]
    weight: f64,
    zip: u16,
}

/// The rule is on a nested model's float; the integer's documented range is its type's.
#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct Parcel {
    to: Address,
}

#[post("/parcels")]
async fn create_parcel(#[body] parcel: Parcel) -> &'static str {
    let _ = parcel.to.weight;
    "ok"
}

/// Integers' ranges, enums and lists without rules: nothing is documented that goes unchecked.
#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct Plain {
    count: u8,
    tags: Vec<String>,
    note: Option<String>,
}

#[post("/plain")]
async fn create_plain(plain: Plain) -> &'static str {
    let _ = plain;
    "ok"
}

#[test]
fn documented_rules_that_nothing_checks_stop_the_app() {
    let error = App::empty()
        .mount(fastrs::routes![create_unchecked])
        .try_into_router()
        .unwrap_err();
    assert!(
        error.to_string().starts_with(
            "`create_unchecked` (POST /unchecked at tests/integration/unchecked_rules.rs:"
        ),
        "{error}"
    );
    assert!(
        error.to_string().ends_with(
            "reads `item`, whose type documents `minLength` on `name`, but nothing checks it: derive `garde::Validate` for the type, whose `#[garde(...)]` rules run only then"
        ),
        "{error}"
    );
    let error = App::empty()
        .mount(fastrs::routes![create_parcel])
        .try_into_router()
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("reads `parcel`, whose type documents `minimum` on `to.weight`,"),
        "{error}"
    );
    assert!(
        App::empty()
            .mount(fastrs::routes![create_plain])
            .try_into_router()
            .is_ok()
    );
}
