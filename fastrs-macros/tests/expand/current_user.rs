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
    static __FASTRS_PARAM_AUTHORIZATION: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "authorization",
        "authorization",
        ::fastrs::__private::Source::Header,
    );
    static __FASTRS_PARAM_SETTINGS: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "settings",
        "settings",
        ::fastrs::__private::Source::Inferred,
    );
    impl ::fastrs::__private::Dependency for current_user {
        type Output = User;
        const CACHED: bool = true;
        const APP_SCOPED: bool = false;
        fn describe(__fastrs_meta: &mut ::fastrs::__private::Meta) {
            use ::fastrs::__private::kinds::*;
            (&&&&::fastrs::__private::Probe::<String>::new())
                .__fastrs_kind()
                .describe(__fastrs_meta, &__FASTRS_PARAM_AUTHORIZATION);
            ::fastrs::__private::describe_dependency::<settings>(__fastrs_meta);
        }
        fn resolve<'a, 'r: 'a>(
            __fastrs_cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Resolution<Self::Output>,
        > + ::core::marker::Send + 'a {
            ::fastrs::__private::resolve_fn::<__FastrsFn>(__fastrs_cx)
        }
    }
    /// Reads the arguments of the function and calls it.
    struct __FastrsFn;
    impl ::fastrs::__private::DependencyFn for __FastrsFn {
        type Output = User;
        type Args = (String, Depends<settings>);
        fn read<'a, 'r: 'a>(
            __fastrs_cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Read<Self::Args>,
        > + ::core::marker::Send + 'a {
            async move {
                use ::fastrs::__private::kinds::*;
                let __fastrs_settings = __fastrs_cx.depends::<settings>().await?;
                __fastrs_cx.begin_own_params();
                let authorization = (&&&&::fastrs::__private::Probe::<String>::new())
                    .__fastrs_kind()
                    .read(
                        __fastrs_cx,
                        &__FASTRS_PARAM_AUTHORIZATION,
                        ::core::option::Option::None,
                        (&&::fastrs::__private::Check::<String>::new())
                            .__fastrs_validator(),
                        ::core::option::Option::None,
                    );
                let settings = __fastrs_settings;
                ::core::result::Result::Ok(
                    ::fastrs::__private::all_some((authorization, settings)),
                )
            }
        }
        fn invoke(
            __fastrs_args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<Self::Output, ::fastrs::__private::Response>,
        > + ::core::marker::Send {
            let __fastrs_handler = current_user;
            let (authorization, settings) = __fastrs_args;
            async move {
                __fastrs_handler(authorization, settings)
                    .await
                    .map_err(::fastrs::__private::IntoResponse::into_response)
            }
        }
    }
};
