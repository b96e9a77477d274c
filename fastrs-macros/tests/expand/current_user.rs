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
        fn require(__fastrs_needs: &mut ::fastrs::__private::Requirements) {
            use ::fastrs::__private::{NeedsFramework as _, NeedsNothing as _};
            use ::fastrs::__private::{
                ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
                ViaNoCheck as _,
            };
            (&&::fastrs::__private::Needs::<Depends<settings>>::new())
                .__fastrs_require(__fastrs_needs);
            __fastrs_needs
                .bodies(
                    usize::from(
                        (&&&::fastrs::__private::Probe::<Depends<settings>>::new())
                            .__fastrs_kind() == ::fastrs::__private::Kind::Model,
                    ),
                );
        }
        fn document(__fastrs_doc: &mut ::fastrs::__private::RouteDoc<'_>) {
            use ::fastrs::__private::{
                DocFramework as _, DocParam as _, DocModel as _, DocNone as _,
                ViaResponseDoc as _, ViaAnyResponse as _,
            };
            (&&&::fastrs::__private::Doc::<String>::new())
                .__fastrs_document(__fastrs_doc, &__FASTRS_PARAM_AUTHORIZATION);
            (&&&&::fastrs::__private::Doc::<Depends<settings>>::new())
                .__fastrs_document(__fastrs_doc, &__FASTRS_PARAM_SETTINGS);
        }
        fn resolve<'a, 'r: 'a>(
            __fastrs_cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Resolution<Self::Output>,
        > + ::core::marker::Send + 'a {
            async move {
                use ::fastrs::__private::{
                    ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
                    ViaNoCheck as _,
                };
                use ::fastrs::__private::{ViaDepends as _, ViaNoDepends as _};
                let __fastrs_handler = current_user;
                let __fastrs_dep_settings = if (&&::fastrs::__private::DepProbe::<
                    Depends<settings>,
                >::new())
                    .__fastrs_is_dependency()
                {
                    match (&&::fastrs::__private::DepProbe::<Depends<settings>>::new())
                        .__fastrs_resolve(__fastrs_cx)
                        .await
                    {
                        ::fastrs::__private::DepOutcome::Answer(response) => {
                            return ::fastrs::__private::Resolution::answer(*response);
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
                let __fastrs_start = __fastrs_cx.error_count();
                let __fastrs_bodies: usize = usize::from(
                    (&&&::fastrs::__private::Probe::<Depends<settings>>::new())
                        .__fastrs_kind() == ::fastrs::__private::Kind::Model,
                );
                if __fastrs_bodies > 0 {
                    if let ::core::result::Result::Err(rejection) = __fastrs_cx
                        .read_body(__fastrs_bodies)
                        .await
                    {
                        return ::fastrs::__private::Resolution::answer(rejection);
                    }
                }
                let authorization: ::core::option::Option<String> = (&&::fastrs::__private::Probe::<
                    String,
                >::new())
                    .__fastrs_extract(
                        __fastrs_cx,
                        &__FASTRS_PARAM_AUTHORIZATION,
                        ::core::option::Option::None,
                    );
                if let ::core::option::Option::Some(__fastrs_value) = &authorization {
                    (&&::fastrs::__private::Check::<String>::new())
                        .__fastrs_validate(
                            __fastrs_value,
                            __fastrs_cx,
                            &__FASTRS_PARAM_AUTHORIZATION,
                        );
                }
                let settings: ::core::option::Option<Depends<settings>> = match __fastrs_dep_settings {
                    ::core::option::Option::Some(value) => value,
                    ::core::option::Option::None => {
                        (&&&::fastrs::__private::Probe::<Depends<settings>>::new())
                            .__fastrs_extract(
                                __fastrs_cx,
                                &__FASTRS_PARAM_SETTINGS,
                                ::core::option::Option::None,
                            )
                    }
                };
                if let ::core::option::Option::Some(__fastrs_value) = &settings {
                    (&&::fastrs::__private::Check::<Depends<settings>>::new())
                        .__fastrs_validate(
                            __fastrs_value,
                            __fastrs_cx,
                            &__FASTRS_PARAM_SETTINGS,
                        );
                }
                __fastrs_cx.close_unit(__fastrs_start);
                match (authorization, settings) {
                    (
                        ::core::option::Option::Some(authorization),
                        ::core::option::Option::Some(settings),
                    ) if __fastrs_cx.error_count() == __fastrs_start => {
                        match __fastrs_handler(authorization, settings).await {
                            ::core::result::Result::Ok(value) => {
                                ::fastrs::__private::Resolution::Value(value)
                            }
                            ::core::result::Result::Err(error) => {
                                ::fastrs::__private::Resolution::answer(
                                    ::fastrs::__private::IntoResponse::into_response(error),
                                )
                            }
                        }
                    }
                    _ => ::fastrs::__private::Resolution::Invalid,
                }
            }
        }
    }
};
