async fn health() -> &'static str {
    "ok"
}
/// The fastrs route `GET /health`, served by [`health`].
#[allow(non_camel_case_types)]
struct health {}
const _: () = {
    fn __fastrs_describe(__fastrs_meta: &mut ::fastrs::__private::Meta) {
        use ::fastrs::__private::kinds::*;
        use ::fastrs::__private::{ViaResponseDoc as _, ViaAnyResponse as _};
        (&&::fastrs::__private::Returns::<&'static str>::new())
            .__fastrs_response(__fastrs_meta);
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
            ..::fastrs::__private::RouteOptions::DEFAULT
        },
        has_path_params: false,
        params: &[],
        mount: ::fastrs::__private::mount::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for health {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    /// Reads the arguments of the handler and calls it.
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = ();
        fn no_args() -> ::core::option::Option<()> {
            ::core::option::Option::Some(())
        }
        fn read<'a, 'r: 'a>(
            __fastrs_cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Read<Self::Args>,
        > + ::core::marker::Send + 'a {
            async { ::core::result::Result::Ok(::core::option::Option::Some(())) }
        }
        fn invoke(
            __fastrs_args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let __fastrs_handler = health;
            let () = __fastrs_args;
            __fastrs_handler()
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
