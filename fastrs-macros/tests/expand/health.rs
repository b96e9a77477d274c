async fn health() -> &'static str {
    "ok"
}
/// The fastrs route `GET /health`, served by [`health`].
#[allow(non_camel_case_types)]
struct health {}
const _: () = {
    fn __fastrs_document(__fastrs_doc: &mut ::fastrs::__private::RouteDoc<'_>) {
        use ::fastrs::__private::{
            DocFramework as _, DocParam as _, DocModel as _, DocNone as _,
            ViaResponseDoc as _, ViaAnyResponse as _,
        };
        (&&::fastrs::__private::Returns::<&'static str>::new())
            .__fastrs_response(__fastrs_doc);
    }
    fn __fastrs_requires(__fastrs_needs: &mut ::fastrs::__private::Requirements) {
        let _ = __fastrs_needs;
    }
    static __FASTRS_ROUTE: ::fastrs::__private::RouteDef = ::fastrs::__private::RouteDef {
        method: ::fastrs::__private::Method::Get,
        template: "/health",
        axum_path: "/health",
        openapi_path: "/health",
        name: "health",
        module: ::core::module_path!(),
        file: ::core::file!(),
        line: ::core::line!(),
        doc: "",
        options: ::fastrs::__private::RouteOptions {
            status: ::core::option::Option::None,
            tags: &[],
            summary: ::core::option::Option::None,
            description: ::core::option::Option::None,
            operation_id: ::core::option::Option::None,
            deprecated: false,
            include_in_schema: true,
            responses: &[],
            body_limit: ::core::option::Option::None,
        },
        params: &[],
        mount: ::fastrs::__private::mount::<health>,
        document: __fastrs_document,
        requires: __fastrs_requires,
    };
    impl ::fastrs::__private::Route for health {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
        fn call(
            __fastrs_req: ::fastrs::__private::Request,
            __fastrs_app: ::fastrs::__private::Arc<::fastrs::__private::Shared>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Response,
        > + ::core::marker::Send + 'static {
            async move {
                if __fastrs_app.has_dependencies() {
                    if let ::core::result::Result::Err(response) = ::fastrs::__private::app_dependencies_only(
                            __fastrs_req,
                            &__fastrs_app,
                        )
                        .await
                    {
                        return response;
                    }
                }
                ::fastrs::__private::respond(
                    health().await,
                    ::core::option::Option::None,
                )
            }
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
