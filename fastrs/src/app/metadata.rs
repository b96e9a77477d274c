//! What the OpenAPI document says of the app as a whole, and where the docs are served.

use fastrs_openapi::OperationIds;
use fastrs_openapi::model::{Contact, License, Server, Tag};

use super::App;

impl App {
    /// The API's title (FastAPI's default is `FastAPI`).
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.metadata.info.title = title.into();
        self
    }

    /// The API's version (default `0.1.0`).
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.metadata.info.version = version.into();
        self
    }

    /// A one-line summary of the API.
    #[must_use]
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.metadata.info.summary = Some(summary.into());
        self
    }

    /// A description of the API (Markdown).
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.metadata.info.description = Some(description.into());
        self
    }

    /// A URL to the terms of service.
    #[must_use]
    pub fn terms_of_service(mut self, url: impl Into<String>) -> Self {
        self.metadata.info.terms_of_service = Some(url.into());
        self
    }

    /// Who to contact about the API.
    #[must_use]
    pub fn contact(mut self, contact: Contact) -> Self {
        self.metadata.info.contact = Some(contact);
        self
    }

    /// The API's license.
    #[must_use]
    pub fn license(mut self, license: License) -> Self {
        self.metadata.info.license = Some(license);
        self
    }

    /// Adds a server the API is reachable at.
    #[must_use]
    pub fn server(mut self, server: Server) -> Self {
        self.metadata.servers.push(server);
        self
    }

    /// Describes a tag (FastAPI's `openapi_tags`); tags are listed in the order described.
    #[must_use]
    pub fn tag(mut self, tag: Tag) -> Self {
        self.metadata.tags.push(tag);
        self
    }

    /// Where the OpenAPI document is served (default `/openapi.json`); `None` switches it off.
    #[must_use]
    pub fn openapi_url(mut self, url: Option<&str>) -> Self {
        self.openapi_url = url.map(str::to_owned);
        self
    }

    /// Where Swagger UI is served (default `/docs`); `None` switches it off. It needs the
    /// document, so it is off too when [`App::openapi_url`] is `None`.
    #[must_use]
    pub fn docs_url(mut self, url: Option<&str>) -> Self {
        self.docs_url = url.map(str::to_owned);
        self
    }

    /// Where the second documentation page (an API reference by Scalar) is served (default
    /// `/redoc`, as FastAPI's ReDoc); `None` switches it off.
    #[must_use]
    pub fn redoc_url(mut self, url: Option<&str>) -> Self {
        self.redoc_url = url.map(str::to_owned);
        self
    }

    /// How operation ids are made for routes that give none: the function's name (default),
    /// or FastAPI's generated ids for clients generated against a FastAPI app.
    #[must_use]
    pub fn operation_ids(mut self, ids: OperationIds) -> Self {
        self.metadata.operation_ids = ids;
        self
    }

    /// How much the document says beyond what FastAPI's would: by default integers and floats
    /// carry their `format` (`int32`, `double`) and the bounds their Rust type implies;
    /// [`OpenApiStyle::FastApi`](crate::OpenApiStyle::FastApi) leaves out what pydantic
    /// would not write. With [`OperationIds::FastApi`] too, an app ported from FastAPI serves
    /// the document FastAPI served, so that clients generated from it stay the same.
    #[must_use]
    pub fn openapi_style(mut self, style: crate::OpenApiStyle) -> Self {
        self.metadata.style = style;
        self
    }
}
