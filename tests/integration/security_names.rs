//! Security schemes under names of their own.

use fastrs::prelude::*;
use serde_json::{Value, json};

mod named {
    use fastrs::prelude::*;
    use fastrs::security::{ApiKey, ApiKeyIn, ApiKeyName, OAuth2Password, OAuth2PasswordBearer};

    pub struct PartnerKey;
    impl ApiKeyName for PartnerKey {
        const NAME: &'static str = "x-partner";
        const IN: ApiKeyIn = ApiKeyIn::Header;
        const SCHEME_NAME: Option<&'static str> = Some("PartnerKey");
    }

    pub struct Staff;
    impl OAuth2Password for Staff {
        const TOKEN_URL: &'static str = "/staff/token";
        const SCHEME_NAME: Option<&'static str> = Some("StaffLogin");
    }

    #[get("/partner")]
    pub async fn partner(
        _key: Depends<ApiKey<PartnerKey>>,
        _staff: Depends<OAuth2PasswordBearer<Staff>>,
    ) -> &'static str {
        "ok"
    }
}

#[test]
fn schemes_can_be_given_a_name() {
    let app = App::empty().mount(fastrs::routes![named::partner]);
    let document: Value = serde_json::from_slice(&app.openapi().unwrap().to_json()).unwrap();
    let names: Vec<&String> = document["components"]["securitySchemes"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(names, ["PartnerKey", "StaffLogin"]);
    assert_eq!(
        document["paths"]["/partner"]["get"]["security"],
        json!([{ "PartnerKey": [] }, { "StaffLogin": [] }])
    );
}
