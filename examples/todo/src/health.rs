//! `/health` (the process serves) and `/ready` (its database answers, and Redis when the app
//! has one): what a proxy or an orchestrator asks before sending requests.

use fastrs::HttpError;
use fastrs::http::StatusCode;
use fastrs::prelude::*;

use crate::db::get_db;

/// How a check went.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
}

/// The Redis the app counts its limits in, if any, for `/ready` to ask.
#[derive(Clone, Default)]
pub struct ReadyChecks {
    /// The rate limits' store.
    pub redis: Option<fastrs::ratelimit::RedisStore>,
}

/// Liveness: 200 while the process serves.
#[get("/health", tags = ["health"])]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
    })
}

/// Readiness: 200 when the database, and Redis when the app has one, answer; 503 otherwise.
#[get("/ready", tags = ["health"], responses(503 = crate::error::Message))]
pub async fn ready(
    db: Depends<get_db>,
    checks: State<ReadyChecks>,
) -> Result<Json<Health>, HttpError> {
    let unavailable = |what: &str| {
        HttpError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{what} unavailable"),
        )
    };
    sqlx::query("SELECT 1")
        .execute(&**db)
        .await
        .map_err(|_| unavailable("database"))?;
    if let Some(redis) = &checks.redis
        && !redis.ping().await
    {
        return Err(unavailable("redis"));
    }
    Ok(Json(Health {
        status: "ok".to_owned(),
    }))
}
