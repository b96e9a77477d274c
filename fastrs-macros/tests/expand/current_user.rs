async fn current_user(
    authorization: String,
    settings: Depends<settings>,
) -> Result<User, HttpError> {
    todo()
}
/// The fastrs dependency [`current_user`]: ask for it with `Depends<current_user>`.
#[allow(non_camel_case_types)]
struct current_user {}
const _: () = {
    use ::fastrs::__private::kinds::*;
    static __FASTRS_PARAM_AUTHORIZATION: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "authorization",
        ::fastrs::__private::Source::Header,
    );
    static __FASTRS_PARAM_SETTINGS: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "settings",
        ::fastrs::__private::Source::Inferred,
    );
    impl ::fastrs::__private::Dependency for current_user {
        type Output = User;
        const CACHED: bool = true;
        const APP_SCOPED: bool = false;
        fn describe(meta: &mut ::fastrs::__private::Meta) {
            let authorization = &&&&::fastrs::__private::Probe::<String>::new();
            authorization
                .__fastrs_kind()
                .describe(
                    meta,
                    &__FASTRS_PARAM_AUTHORIZATION,
                    authorization.__fastrs_validator(),
                );
            ::fastrs::kind::is_dependency::<settings>();
            (&&::fastrs::__private::DependencyProbe::<settings>::new())
                .__fastrs_describe_dependency(meta);
        }
        fn resolve<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Resolution<Self::Output>,
        > + ::core::marker::Send + 'a {
            ::fastrs::__private::resolve_fn::<__FastrsFn>(cx)
        }
    }
    struct __FastrsFn;
    impl ::fastrs::__private::DependencyFn for __FastrsFn {
        type Output = User;
        type Args = (String, Depends<settings>);
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async move {
                let settings = (&&::fastrs::__private::DependencyProbe::<
                    settings,
                >::new())
                    .__fastrs_resolve_dependency(cx)
                    .await?;
                cx.begin_own_params();
                let authorization = (&&&&::fastrs::__private::Probe::<String>::new())
                    .__fastrs_kind()
                    .read(
                        cx,
                        &__FASTRS_PARAM_AUTHORIZATION,
                        ::core::option::Option::None,
                        (&&&&::fastrs::__private::Probe::<String>::new())
                            .__fastrs_validator(),
                    );
                ::fastrs::__private::arguments((authorization, settings))
            }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<Self::Output, ::fastrs::__private::Response>,
        > + ::core::marker::Send {
            let handler = current_user;
            let (authorization, settings) = args;
            async move {
                handler(authorization, settings)
                    .await
                    .map_err(::fastrs::__private::raise)
            }
        }
    }
};
