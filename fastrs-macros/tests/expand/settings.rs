fn settings(config: State<Config>) -> Settings {
    todo()
}
/// The fastrs dependency [`settings`]: ask for it with `Depends<settings>`.
#[allow(non_camel_case_types)]
struct settings {}
const _: () = {
    static __FASTRS_PARAM_CONFIG: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "config",
        "config",
        ::fastrs::__private::Source::Inferred,
    );
    impl ::fastrs::__private::Dependency for settings {
        type Output = Settings;
        const CACHED: bool = true;
        const APP_SCOPED: bool = true;
        fn describe(__fastrs_meta: &mut ::fastrs::__private::Meta) {
            use ::fastrs::__private::kinds::*;
            (&&&&::fastrs::__private::Probe::<State<Config>>::new())
                .__fastrs_kind()
                .describe(__fastrs_meta, &__FASTRS_PARAM_CONFIG);
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
        type Output = Settings;
        type Args = (State<Config>,);
        fn read<'a, 'r: 'a>(
            __fastrs_cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Read<Self::Args>,
        > + ::core::marker::Send + 'a {
            async move {
                use ::fastrs::__private::kinds::*;
                let __fastrs_config = (&&&&::fastrs::__private::Probe::<
                    State<Config>,
                >::new())
                    .__fastrs_kind()
                    .resolve(__fastrs_cx)
                    .await?;
                __fastrs_cx.begin_own_params();
                __fastrs_cx
                    .read_body(
                        (&&&&::fastrs::__private::Probe::<State<Config>>::new())
                            .__fastrs_kind()
                            .body_count(&__FASTRS_PARAM_CONFIG),
                        false,
                    )
                    .await?;
                let config = (&&&&::fastrs::__private::Probe::<State<Config>>::new())
                    .__fastrs_kind()
                    .read_unmarked(
                        __fastrs_cx,
                        &__FASTRS_PARAM_CONFIG,
                        ::core::option::Option::None,
                        (&&::fastrs::__private::Check::<State<Config>>::new())
                            .__fastrs_validator(),
                        __fastrs_config,
                    );
                ::core::result::Result::Ok(::fastrs::__private::all_some((config,)))
            }
        }
        fn invoke(
            __fastrs_args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<Self::Output, ::fastrs::__private::Response>,
        > + ::core::marker::Send {
            let __fastrs_handler = settings;
            let (config,) = __fastrs_args;
            async move { ::core::result::Result::Ok(__fastrs_handler(config)) }
        }
    }
};
