//! The users, with argon2 password hashes (an example's in-memory table).

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use fastrs::prelude::*;

/// A user, as answered (the hash is never serialized).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct User {
    /// The login name.
    pub username: String,
    /// The full name.
    pub full_name: String,
    /// The email address.
    pub email: String,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// The argon2 hash of the password.
    #[serde(skip)]
    pub hashed_password: String,
    /// The scopes the user may be granted.
    #[serde(skip)]
    pub scopes: Vec<&'static str>,
}

/// The argon2 hash of `password`, with a fixed salt so that start-up is repeatable (a real
/// app stores hashes made with random salts).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(b"fastrs-example-salt").expect("a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashes")
        .to_string()
}

/// Whether `password` matches `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

fn table() -> &'static [User] {
    static USERS: OnceLock<Vec<User>> = OnceLock::new();
    USERS.get_or_init(|| {
        vec![
            User {
                username: "johndoe".to_owned(),
                full_name: "John Doe".to_owned(),
                email: "johndoe@example.com".to_owned(),
                disabled: false,
                hashed_password: hash_password("secret"),
                scopes: vec!["me", "items"],
            },
            User {
                username: "alice".to_owned(),
                full_name: "Alice Chains".to_owned(),
                email: "alicechains@example.com".to_owned(),
                disabled: true,
                hashed_password: hash_password("secret2"),
                scopes: vec!["me", "items"],
            },
        ]
    })
}

/// The user named `username`.
pub fn find(username: &str) -> Option<User> {
    table().iter().find(|u| u.username == username).cloned()
}
