async fn health() -> &'static str {
    "ok"
}
/// The fastrs route `GET /health`, served by [`health`].
#[allow(non_camel_case_types)]
struct health {}
const _: () = {
    use ::fastrs::__private::kinds::*;
    fn __fastrs_describe(meta: &mut ::fastrs::__private::Meta) {
        (&&::fastrs::__private::Returns::<&'static str>::new()).__fastrs_response(meta);
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
        params: &[],
        serve: ::fastrs::__private::serve::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for health {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = ();
        fn no_args() -> ::core::option::Option<()> {
            ::core::option::Option::Some(())
        }
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async { ::core::result::Result::Ok(::core::option::Option::Some(())) }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let handler = health;
            let () = args;
            (&&::fastrs::__private::Returned::<&'static str>::new())
                .__fastrs_answer(handler())
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
