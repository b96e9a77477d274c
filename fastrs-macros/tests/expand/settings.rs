fn settings(config: State<Config>) -> Settings {
    todo()
}
/// The fastrs dependency [`settings`]: ask for it with `Depends<settings>`.
#[allow(non_camel_case_types)]
struct settings {}
const _: () = {
    use ::fastrs::__private::kinds::*;
    static __FASTRS_PARAM_CONFIG: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "config",
        ::fastrs::__private::Source::Inferred,
    );
    impl ::fastrs::__private::Dependency for settings {
        type Output = Settings;
        const CACHED: bool = true;
        const APP_SCOPED: bool = true;
        fn describe(meta: &mut ::fastrs::__private::Meta) {
            let config = &&&&::fastrs::__private::Probe::<State<Config>>::new();
            config
                .__fastrs_kind()
                .describe(meta, &__FASTRS_PARAM_CONFIG, config.__fastrs_validator());
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
        type Output = Settings;
        type Args = (State<Config>,);
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async move {
                let config_probe = &&&&::fastrs::__private::Probe::<
                    State<Config>,
                >::new();
                let config = config_probe.__fastrs_kind().resolve(cx).await?;
                cx.begin_own_params();
                cx.read_body(
                        config_probe.__fastrs_kind().body_count(&__FASTRS_PARAM_CONFIG),
                    )
                    .await?;
                let config = config_probe
                    .__fastrs_kind()
                    .read_unmarked(
                        cx,
                        &__FASTRS_PARAM_CONFIG,
                        ::core::option::Option::None,
                        config_probe.__fastrs_validator(),
                        config,
                    );
                ::fastrs::__private::arguments((config,))
            }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<Self::Output, ::fastrs::__private::Response>,
        > + ::core::marker::Send {
            let handler = settings;
            let (config,) = args;
            async move { ::core::result::Result::Ok(handler(config)) }
        }
    }
};
