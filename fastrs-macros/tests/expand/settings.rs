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
        fn require(__fastrs_needs: &mut ::fastrs::__private::Requirements) {
            use ::fastrs::__private::{NeedsFramework as _, NeedsNothing as _};
            use ::fastrs::__private::{
                ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
                ViaNoCheck as _,
            };
            (&&::fastrs::__private::Needs::<State<Config>>::new())
                .__fastrs_require(__fastrs_needs);
            __fastrs_needs
                .bodies(
                    usize::from(
                        (&&&::fastrs::__private::Probe::<State<Config>>::new())
                            .__fastrs_kind() == ::fastrs::__private::Kind::Model,
                    ),
                );
        }
        fn document(__fastrs_doc: &mut ::fastrs::__private::RouteDoc<'_>) {
            use ::fastrs::__private::{
                DocFramework as _, DocParam as _, DocModel as _, DocNone as _,
                ViaResponseDoc as _, ViaAnyResponse as _,
            };
            (&&&&::fastrs::__private::Doc::<State<Config>>::new())
                .__fastrs_document(__fastrs_doc, &__FASTRS_PARAM_CONFIG);
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
            Output = ::core::result::Result<
                ::core::option::Option<Self::Args>,
                ::fastrs::__private::Response,
            >,
        > + ::core::marker::Send + 'a {
            async move {
                use ::fastrs::__private::{
                    ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
                    ViaNoCheck as _,
                };
                use ::fastrs::__private::{ViaDepends as _, ViaNoDepends as _};
                let __fastrs_dep_config = if (&&::fastrs::__private::DepProbe::<
                    State<Config>,
                >::new())
                    .__fastrs_is_dependency()
                {
                    match (&&::fastrs::__private::DepProbe::<State<Config>>::new())
                        .__fastrs_resolve(__fastrs_cx)
                        .await
                    {
                        ::fastrs::__private::DepOutcome::Answer(response) => {
                            return ::core::result::Result::Err(*response);
                        }
                        ::fastrs::__private::DepOutcome::Resolved(value) => {
                            ::core::option::Option::Some(value)
                        }
                        ::fastrs::__private::DepOutcome::NotADependency => {
                            ::core::option::Option::None
                        }
                    }
                } else {
                    ::core::option::Option::None
                };
                __fastrs_cx.begin_own_params();
                let __fastrs_bodies: usize = usize::from(
                    (&&&::fastrs::__private::Probe::<State<Config>>::new())
                        .__fastrs_kind() == ::fastrs::__private::Kind::Model,
                );
                if __fastrs_bodies > 0 {
                    if let ::core::result::Result::Err(rejection) = __fastrs_cx
                        .read_body(__fastrs_bodies)
                        .await
                    {
                        return ::core::result::Result::Err(rejection);
                    }
                }
                let config: ::core::option::Option<State<Config>> = match __fastrs_dep_config {
                    ::core::option::Option::Some(value) => value,
                    ::core::option::Option::None => {
                        (&&&::fastrs::__private::Probe::<State<Config>>::new())
                            .__fastrs_extract_unmarked(
                                __fastrs_cx,
                                &__FASTRS_PARAM_CONFIG,
                                ::core::option::Option::None,
                            )
                    }
                };
                if let ::core::option::Option::Some(__fastrs_value) = &config {
                    (&&::fastrs::__private::Check::<State<Config>>::new())
                        .__fastrs_validate(
                            __fastrs_value,
                            __fastrs_cx,
                            &__FASTRS_PARAM_CONFIG,
                        );
                }
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
