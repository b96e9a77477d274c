async fn login(user: String) -> String {
    user
}
/// The fastrs route `POST /login`, served by [`login`].
#[allow(non_camel_case_types)]
struct login {}
const _: () = {
    use ::fastrs::__private::kinds::*;
    static __FASTRS_PARAM_USER: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
            "user",
            ::fastrs::__private::Source::Query,
        )
        .with_pattern("^[a-z]+$");
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::PatternEngine::REGEX
    }
    fn __fastrs_describe(meta: &mut ::fastrs::__private::Meta) {
        let user = &&&&::fastrs::__private::Probe::<String>::new();
        user.__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_USER, user.__fastrs_validator());
        (&&::fastrs::__private::Returns::<String>::new()).__fastrs_response(meta);
    }
    static __FASTRS_ROUTE: ::fastrs::__private::RouteDef = ::fastrs::__private::RouteDef {
        method: ::fastrs::__private::Method::Post,
        template: "/login",
        axum_path: "/login",
        openapi_path: "/login",
        name: "login",
        module: ::core::module_path!(),
        file: ::core::file!(),
        line: ::core::line!(),
        doc: "",
        options: ::fastrs::__private::RouteOptions {
            rate_limit: ::core::option::Option::Some(
                ::fastrs::__private::Rate::__from_parts(5, 1, 60),
            ),
            ..::fastrs::__private::RouteOptions::DEFAULT
        },
        params: &[&__FASTRS_PARAM_USER],
        serve: ::fastrs::__private::serve::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for login {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = (String,);
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async move {
                let user = (&&&&::fastrs::__private::Probe::<String>::new())
                    .__fastrs_kind()
                    .read(
                        cx,
                        &__FASTRS_PARAM_USER,
                        ::core::option::Option::None,
                        (&&&&::fastrs::__private::Probe::<String>::new())
                            .__fastrs_validator(),
                    );
                ::fastrs::__private::arguments((user,))
            }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let handler = login;
            let (user,) = args;
            (&&::fastrs::__private::Returned::<String>::new())
                .__fastrs_answer(handler(user))
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
