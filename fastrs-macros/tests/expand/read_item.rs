/// Read one item.
async fn read_item(
    item_id: u64,
    q: Option<String>,
    limit: u32,
) -> Result<Json<Item>, HttpError> {
    todo()
}
/// The fastrs route `GET /items/<item_id>`, served by [`read_item`].
#[allow(non_camel_case_types)]
struct read_item {}
const _: () = {
    fn __fastrs_default_limit() -> u32 {
        10
    }
    fn __fastrs_default_json_limit() -> ::core::option::Option<
        ::fastrs::__private::Value,
    > {
        use ::fastrs::__private::{ViaSerialize as _, ViaNoSerialize as _};
        (&&::fastrs::__private::JsonOf::<u32>::new())
            .__fastrs_json(&__fastrs_default_limit())
    }
    static __FASTRS_PARAM_ITEM_ID: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "item_id",
        "item_id",
        ::fastrs::__private::Source::Path,
    );
    static __FASTRS_PARAM_Q: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "q",
        "q",
        ::fastrs::__private::Source::Inferred,
    );
    static __FASTRS_PARAM_LIMIT: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
            "limit",
            "limit",
            ::fastrs::__private::Source::Query,
        )
        .with_default(__fastrs_default_json_limit)
        .with_ge(::fastrs::__private::Bound {
            value: ::fastrs::__private::Num::Int(1),
            text: "1",
        })
        .with_le(::fastrs::__private::Bound {
            value: ::fastrs::__private::Num::Int(100),
            text: "100",
        });
    fn __fastrs_document(__fastrs_doc: &mut ::fastrs::__private::RouteDoc<'_>) {
        use ::fastrs::__private::{
            DocFramework as _, DocParam as _, DocModel as _, DocNone as _,
            ViaResponseDoc as _, ViaAnyResponse as _,
        };
        (&&&::fastrs::__private::Doc::<u64>::new())
            .__fastrs_document(__fastrs_doc, &__FASTRS_PARAM_ITEM_ID);
        (&&&&::fastrs::__private::Doc::<Option<String>>::new())
            .__fastrs_document(__fastrs_doc, &__FASTRS_PARAM_Q);
        (&&&::fastrs::__private::Doc::<u32>::new())
            .__fastrs_document(__fastrs_doc, &__FASTRS_PARAM_LIMIT);
        (&&::fastrs::__private::Returns::<Result<Json<Item>, HttpError>>::new())
            .__fastrs_response(__fastrs_doc);
    }
    fn __fastrs_requires(__fastrs_needs: &mut ::fastrs::__private::Requirements) {
        use ::fastrs::__private::{NeedsFramework as _, NeedsNothing as _};
        use ::fastrs::__private::{
            ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
            ViaNoCheck as _,
        };
        (&&::fastrs::__private::Needs::<Option<String>>::new())
            .__fastrs_require(__fastrs_needs);
        __fastrs_needs.path_param(__FASTRS_PARAM_ITEM_ID.key);
        __fastrs_needs
            .bodies(
                usize::from(
                    (&&&::fastrs::__private::Probe::<Option<String>>::new())
                        .__fastrs_kind() == ::fastrs::__private::Kind::Model,
                ),
            );
    }
    static __FASTRS_ROUTE: ::fastrs::__private::RouteDef = ::fastrs::__private::RouteDef {
        method: ::fastrs::__private::Method::Get,
        template: "/items/<item_id>",
        axum_path: "/items/{item_id}",
        openapi_path: "/items/{item_id}",
        name: "read_item",
        module: ::core::module_path!(),
        file: ::core::file!(),
        line: ::core::line!(),
        doc: "Read one item.",
        options: ::fastrs::__private::RouteOptions {
            status: ::core::option::Option::None,
            tags: &["items"],
            summary: ::core::option::Option::None,
            description: ::core::option::Option::None,
            operation_id: ::core::option::Option::None,
            deprecated: false,
            include_in_schema: true,
            responses: &[],
            body_limit: ::core::option::Option::None,
        },
        params: &[&__FASTRS_PARAM_ITEM_ID, &__FASTRS_PARAM_Q, &__FASTRS_PARAM_LIMIT],
        mount: ::fastrs::__private::mount::<read_item>,
        document: __fastrs_document,
        requires: __fastrs_requires,
    };
    impl ::fastrs::__private::Route for read_item {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
        fn call(
            __fastrs_req: ::fastrs::__private::Request,
            __fastrs_app: ::fastrs::__private::Arc<::fastrs::__private::Shared>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Response,
        > + ::core::marker::Send + 'static {
            let (mut __fastrs_parts, __fastrs_body) = __fastrs_req.into_parts();
            async move {
                use ::fastrs::__private::{
                    ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
                    ViaNoCheck as _,
                };
                use ::fastrs::__private::{ViaDepends as _, ViaNoDepends as _};
                let __fastrs_handler = read_item;
                let __fastrs_path = match ::fastrs::__private::path_params(
                        &mut __fastrs_parts,
                    )
                    .await
                {
                    ::core::result::Result::Ok(path) => path,
                    ::core::result::Result::Err(rejection) => return rejection,
                };
                let mut __fastrs_request = ::fastrs::__private::Cx::new(
                    &__fastrs_parts,
                    ::core::option::Option::Some(&__fastrs_path),
                    &__fastrs_app,
                    __fastrs_body,
                );
                let __fastrs_answer = '__fastrs_answer: {
                    let __fastrs_cx = &mut __fastrs_request;
                    if __fastrs_app.has_dependencies() {
                        if let ::core::result::Result::Err(response) = __fastrs_cx
                            .app_dependencies()
                            .await
                        {
                            break '__fastrs_answer response;
                        }
                    }
                    let __fastrs_dep_q = if (&&::fastrs::__private::DepProbe::<
                        Option<String>,
                    >::new())
                        .__fastrs_is_dependency()
                    {
                        match (&&::fastrs::__private::DepProbe::<Option<String>>::new())
                            .__fastrs_resolve(__fastrs_cx)
                            .await
                        {
                            ::fastrs::__private::DepOutcome::Answer(response) => {
                                break '__fastrs_answer *response;
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
                    let __fastrs_bodies: usize = usize::from(
                        (&&&::fastrs::__private::Probe::<Option<String>>::new())
                            .__fastrs_kind() == ::fastrs::__private::Kind::Model,
                    );
                    if __fastrs_bodies > 0 {
                        if let ::core::result::Result::Err(rejection) = __fastrs_cx
                            .read_body(__fastrs_bodies)
                            .await
                        {
                            break '__fastrs_answer rejection;
                        }
                    }
                    let item_id: ::core::option::Option<u64> = __fastrs_cx
                        .param::<
                            u64,
                        >(
                            &__FASTRS_PARAM_ITEM_ID,
                            ::fastrs::__private::Source::Path,
                            ::core::option::Option::None,
                        );
                    let q: ::core::option::Option<Option<String>> = match __fastrs_dep_q {
                        ::core::option::Option::Some(value) => value,
                        ::core::option::Option::None => {
                            (&&&::fastrs::__private::Probe::<Option<String>>::new())
                                .__fastrs_extract(
                                    __fastrs_cx,
                                    &__FASTRS_PARAM_Q,
                                    ::core::option::Option::None,
                                )
                        }
                    };
                    if let ::core::option::Option::Some(__fastrs_value) = &q {
                        (&&::fastrs::__private::Check::<Option<String>>::new())
                            .__fastrs_validate(
                                __fastrs_value,
                                __fastrs_cx,
                                &__FASTRS_PARAM_Q,
                            );
                    }
                    let limit: ::core::option::Option<u32> = (&&::fastrs::__private::Probe::<
                        u32,
                    >::new())
                        .__fastrs_extract(
                            __fastrs_cx,
                            &__FASTRS_PARAM_LIMIT,
                            ::core::option::Option::Some(
                                __fastrs_default_limit as fn() -> u32,
                            ),
                        );
                    if let ::core::option::Option::Some(__fastrs_value) = &limit {
                        (&&::fastrs::__private::Check::<u32>::new())
                            .__fastrs_validate(
                                __fastrs_value,
                                __fastrs_cx,
                                &__FASTRS_PARAM_LIMIT,
                            );
                    }
                    match (item_id, q, limit) {
                        (
                            ::core::option::Option::Some(item_id),
                            ::core::option::Option::Some(q),
                            ::core::option::Option::Some(limit),
                        ) if __fastrs_cx.is_valid() => {
                            if !__fastrs_cx.has_cleanups() {
                                let response = ::fastrs::__private::respond(
                                    __fastrs_handler(item_id, q, limit).await,
                                    ::core::option::Option::None,
                                );
                                break '__fastrs_answer response;
                            }
                            match ::fastrs::__private::FutureExt::catch_unwind(
                                    ::fastrs::__private::AssertUnwindSafe(
                                        __fastrs_handler(item_id, q, limit),
                                    ),
                                )
                                .await
                            {
                                ::core::result::Result::Ok(answer) => {
                                    ::fastrs::__private::respond(
                                        answer,
                                        ::core::option::Option::None,
                                    )
                                }
                                ::core::result::Result::Err(panic) => {
                                    __fastrs_cx.run_cleanups().await;
                                    ::fastrs::__private::resume_unwind(panic)
                                }
                            }
                        }
                        _ => __fastrs_cx.reject(),
                    }
                };
                __fastrs_request.run_cleanups().await;
                __fastrs_answer
            }
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
