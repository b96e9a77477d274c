//! The security example, after FastAPI's "OAuth2 with Password (and hashing), Bearer with JWT
//! tokens" and "OAuth2 scopes" tutorials, plus HTTP Basic:
//!
//! - `POST /token` takes FastAPI's password form, checks the user's argon2 hash, and answers an
//!   HS256 JWT with an expiry and the scopes asked for (of those the user may have);
//! - [`current_user`] decodes the token and checks the scopes required along the chain;
//!   [`current_active_user`] refuses disabled users;
//! - `GET /users/me` needs scope `me`, `GET /users/me/items` scopes `me` and `items`,
//!   `GET /status` only a valid token;
//! - `GET /basic/me` checks HTTP Basic credentials in constant time with `subtle`.
//!
//! Passwords, tokens and credentials are never logged nor put in an error body.

pub mod users;

use std::time::{SystemTime, UNIX_EPOCH};

use fastrs::HttpError;
use fastrs::http::StatusCode;
use fastrs::prelude::*;
use fastrs::security::{
    HttpBasic, OAuth2Password, OAuth2PasswordBearer, OAuth2PasswordRequestForm, SecurityScopes,
};
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use subtle::ConstantTimeEq;

pub use users::User;

/// The key tokens are signed with. An example's key: a real app reads its own from its
/// configuration.
const SECRET_KEY: &[u8] = b"09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7";

/// How long a token lives.
pub const ACCESS_TOKEN_MINUTES: u64 = 30;

/// The password flow: where to log in, and the scopes it offers.
pub struct Tokens;

impl OAuth2Password for Tokens {
    const TOKEN_URL: &'static str = "/token";
    const SCOPES: &'static [(&'static str, &'static str)] = &[
        ("me", "Read information about the current user."),
        ("items", "Read items."),
    ];
}

/// What a token says: who, until when, with which scopes.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user name.
    pub sub: String,
    /// Expiry, in seconds since the Unix epoch.
    pub exp: u64,
    /// The scopes granted, separated by spaces.
    pub scope: String,
}

/// The answer to a successful login.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct Token {
    /// The JWT.
    pub access_token: String,
    /// `bearer`.
    pub token_type: String,
}

/// An item of the current user.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// The item's id.
    pub item_id: String,
    /// Its owner.
    pub owner: String,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A signed token for `user` with `scopes`, valid for `minutes`.
pub fn create_access_token(user: &str, scopes: &[&str], minutes: u64) -> String {
    token_until(user, scopes, now() + minutes * 60)
}

/// A signed token for `user` with `scopes`, valid until `exp` (seconds since the epoch).
pub fn token_until(user: &str, scopes: &[&str], exp: u64) -> String {
    let claims = Claims {
        sub: user.to_owned(),
        exp,
        scope: scopes.join(" "),
    };
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(SECRET_KEY),
    )
    .expect("HS256 signing does not fail")
}

/// Logs in with FastAPI's password form; answers a bearer token with the scopes asked for
/// that the user may have.
#[post("/token", tags = ["auth"], responses(400 = (description = "Incorrect username or password")))]
pub async fn login(#[form] form: OAuth2PasswordRequestForm) -> Result<Json<Token>, HttpError> {
    let incorrect = || HttpError::new(StatusCode::BAD_REQUEST, "Incorrect username or password");
    let user = users::find(&form.username).ok_or_else(incorrect)?;
    if !users::verify_password(&form.password, &user.hashed_password) {
        return Err(incorrect());
    }
    let scopes: Vec<&str> = form
        .scopes()
        .into_iter()
        .filter(|scope| user.scopes.contains(scope))
        .collect();
    Ok(Json(Token {
        access_token: create_access_token(&user.username, &scopes, ACCESS_TOKEN_MINUTES),
        token_type: "bearer".to_owned(),
    }))
}

/// The user the bearer token names, if the token is valid, unexpired, and grants every scope
/// required along the chain.
#[depends]
pub fn current_user(
    security_scopes: SecurityScopes,
    token: Depends<OAuth2PasswordBearer<Tokens>>,
) -> Result<User, HttpError> {
    let invalid = || {
        HttpError::new(StatusCode::UNAUTHORIZED, "Could not validate credentials")
            .header("www-authenticate", &security_scopes.authenticate_value())
    };
    let claims = jsonwebtoken::decode::<Claims>(
        token.as_str(),
        &DecodingKey::from_secret(SECRET_KEY),
        &Validation::default(),
    )
    .map_err(|_| invalid())?
    .claims;
    let user = users::find(&claims.sub).ok_or_else(invalid)?;
    let granted: Vec<&str> = claims.scope.split_whitespace().collect();
    security_scopes.check(&granted)?;
    Ok(user)
}

/// The current user, unless disabled (400 `Inactive user`).
#[depends(scopes = ["me"])]
pub fn current_active_user(user: Depends<current_user>) -> Result<User, HttpError> {
    if user.disabled {
        return Err(HttpError::new(StatusCode::BAD_REQUEST, "Inactive user"));
    }
    Ok(user.into_inner())
}

/// The current user.
#[get("/users/me", tags = ["users"])]
pub async fn read_users_me(user: Depends<current_active_user>) -> Json<User> {
    Json(user.into_inner())
}

/// The current user's items; needs scope `items` too.
#[get("/users/me/items", tags = ["users"], scopes = ["items"])]
pub async fn read_own_items(user: Depends<current_active_user>) -> Json<Vec<Item>> {
    Json(vec![Item {
        item_id: "Foo".to_owned(),
        owner: user.username.clone(),
    }])
}

/// Any valid token.
#[get("/status", tags = ["users"])]
pub async fn read_system_status(_user: Depends<current_user>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// HTTP Basic: the name and password are compared in constant time, both always compared.
#[get("/basic/me", tags = ["basic"])]
pub async fn read_basic_user(credentials: Depends<HttpBasic>) -> Result<String, HttpError> {
    let name_ok = credentials.username.as_bytes().ct_eq(b"stanleyjobson");
    let password_ok = credentials.password.as_bytes().ct_eq(b"swordfish");
    if !bool::from(name_ok & password_ok) {
        return Err(
            HttpError::new(StatusCode::UNAUTHORIZED, "Incorrect username or password")
                .header("www-authenticate", "Basic"),
        );
    }
    Ok(credentials.username.clone())
}

/// The app.
pub fn app() -> App {
    App::scoped(module_path!())
        .title("Auth")
        .version("1.0.0")
        .description("FastAPI's security tutorials: OAuth2 password flow with JWTs and scopes, and HTTP Basic.")
}
