//! Serving an app: the program's entry point, and `serve` with its graceful shutdown.

use super::App;

impl App {
    /// The program's entry point: serves on `addr`, or, when the program is called with
    /// `openapi [FILE]`, writes the OpenAPI document (indented JSON) to `FILE` or to standard
    /// output and returns. `cargo run -p my-app -- openapi > openapi.json` lets a CI diff the
    /// document.
    pub async fn run(self, addr: impl tokio::net::ToSocketAddrs) -> std::io::Result<()> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args.first().map(String::as_str) {
            Some("openapi") => {
                let document = self.openapi().map_err(std::io::Error::other)?;
                let json = format!("{}\n", document.to_pretty_json());
                match args.get(1) {
                    Some(file) => std::fs::write(file, json),
                    None => std::io::Write::write_all(&mut std::io::stdout(), json.as_bytes()),
                }
            }
            Some(other) => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "unknown command `{other}`; run with no argument to serve, or `openapi [FILE]` to write the OpenAPI document"
                ),
            )),
            None => self.serve(addr).await,
        }
    }

    /// Serves the app on `addr` until SIGTERM or Ctrl-C, then finishes in-flight requests.
    pub async fn serve(self, addr: impl tokio::net::ToSocketAddrs) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        self.serve_on(listener).await
    }

    /// Serves the app on a bound listener, as [`App::serve`] does.
    pub async fn serve_on(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        self.serve_with_shutdown(listener, crate::serve::shutdown_signal())
            .await
    }

    /// Serves the app on a bound listener until `signal` completes, then stops accepting and
    /// finishes the requests in flight before returning.
    pub async fn serve_with_shutdown(
        self,
        listener: tokio::net::TcpListener,
        signal: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let banner = format!(
            "{} {}",
            self.metadata.info.title, self.metadata.info.version
        );
        let limits = self.limits.clone();
        let (router, shared, lifespan) = match self.start_serving().await {
            Ok(started) => started,
            Err(error) => {
                // Said here in plain words: `main` returning the `io::Error` prints its `Debug`.
                crate::say::say_error!("cannot start: {error}");
                return Err(std::io::Error::other(error));
            }
        };
        crate::say::say_info!("{banner} serving on http://{}", listener.local_addr()?);
        let served = crate::serve::serve(listener, router, &shared, signal, limits).await;
        // The last request is done: the lifespan's shut-down work runs.
        lifespan.shut_down().await;
        served
    }

    /// The lifespan's start-up, the checks and the app-scoped dependencies, in that order.
    async fn start_serving(
        self,
    ) -> Result<
        (
            crate::middleware::AppService,
            std::sync::Arc<crate::context::AppContext>,
            crate::lifespan::Lifespan,
        ),
        crate::error::StartupError,
    > {
        let (app, lifespan) = self.start().await?;
        let (router, shared) = app.build()?;
        shared
            .warm()
            .await
            .map_err(crate::error::StartupError::new)?;
        Ok((router, shared, lifespan))
    }
}
