pub async fn create_item(item: Item) -> Json<Item> {
    Json(item)
}
/// The fastrs route `POST /items`, served by [`create_item`].
#[allow(non_camel_case_types)]
pub struct create_item {}
const _: () = {
    static __FASTRS_PARAM_ITEM: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "item",
        "item",
        ::fastrs::__private::Source::Inferred,
    );
    fn __fastrs_document(__fastrs_doc: &mut ::fastrs::__private::RouteDoc<'_>) {
        use ::fastrs::__private::{
            DocFramework as _, DocParam as _, DocModel as _, DocNone as _,
            ViaResponseDoc as _, ViaAnyResponse as _,
        };
        (&&&&::fastrs::__private::Doc::<Item>::new())
            .__fastrs_document(__fastrs_doc, &__FASTRS_PARAM_ITEM);
        (&&::fastrs::__private::Returns::<Json<Item>>::new())
            .__fastrs_response(__fastrs_doc);
    }
    fn __fastrs_requires(__fastrs_needs: &mut ::fastrs::__private::Requirements) {
        use ::fastrs::__private::{NeedsFramework as _, NeedsNothing as _};
        use ::fastrs::__private::{
            ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
            ViaNoCheck as _,
        };
        (&&::fastrs::__private::Needs::<Item>::new()).__fastrs_require(__fastrs_needs);
        __fastrs_needs
            .bodies(
                usize::from(
                    (&&&::fastrs::__private::Probe::<Item>::new()).__fastrs_kind()
                        == ::fastrs::__private::Kind::Model,
                ),
            );
    }
    static __FASTRS_ROUTE: ::fastrs::__private::RouteDef = ::fastrs::__private::RouteDef {
        method: ::fastrs::__private::Method::Post,
        template: "/items",
        axum_path: "/items",
        openapi_path: "/items",
        name: "create_item",
        module: ::core::module_path!(),
        file: ::core::file!(),
        line: ::core::line!(),
        doc: "",
        options: ::fastrs::__private::RouteOptions {
            status: ::core::option::Option::Some(201),
            tags: &[],
            summary: ::core::option::Option::None,
            description: ::core::option::Option::None,
            operation_id: ::core::option::Option::None,
            deprecated: false,
            include_in_schema: true,
            responses: &[],
            body_limit: ::core::option::Option::None,
        },
        params: &[&__FASTRS_PARAM_ITEM],
        mount: ::fastrs::__private::mount::<create_item>,
        document: __fastrs_document,
        requires: __fastrs_requires,
    };
    impl ::fastrs::__private::Route for create_item {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
        fn call(
            __fastrs_req: ::fastrs::__private::Request,
            __fastrs_app: ::fastrs::__private::Arc<::fastrs::__private::Shared>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Response,
        > + ::core::marker::Send + 'static {
            let (__fastrs_parts, __fastrs_body) = __fastrs_req.into_parts();
            async move {
                use ::fastrs::__private::{
                    ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _,
                    ViaNoCheck as _,
                };
                use ::fastrs::__private::{ViaDepends as _, ViaNoDepends as _};
                let __fastrs_handler = create_item;
                let mut __fastrs_request = ::fastrs::__private::Cx::new(
                    &__fastrs_parts,
                    ::core::option::Option::None,
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
                    let __fastrs_dep_item = if (&&::fastrs::__private::DepProbe::<
                        Item,
                    >::new())
                        .__fastrs_is_dependency()
                    {
                        match (&&::fastrs::__private::DepProbe::<Item>::new())
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
                        (&&&::fastrs::__private::Probe::<Item>::new()).__fastrs_kind()
                            == ::fastrs::__private::Kind::Model,
                    );
                    if __fastrs_bodies > 0 {
                        if let ::core::result::Result::Err(rejection) = __fastrs_cx
                            .read_body(__fastrs_bodies)
                            .await
                        {
                            break '__fastrs_answer rejection;
                        }
                    }
                    let item: ::core::option::Option<Item> = match __fastrs_dep_item {
                        ::core::option::Option::Some(value) => value,
                        ::core::option::Option::None => {
                            (&&&::fastrs::__private::Probe::<Item>::new())
                                .__fastrs_extract(
                                    __fastrs_cx,
                                    &__FASTRS_PARAM_ITEM,
                                    ::core::option::Option::None,
                                )
                        }
                    };
                    if let ::core::option::Option::Some(__fastrs_value) = &item {
                        (&&::fastrs::__private::Check::<Item>::new())
                            .__fastrs_validate(
                                __fastrs_value,
                                __fastrs_cx,
                                &__FASTRS_PARAM_ITEM,
                            );
                    }
                    match (item,) {
                        (
                            ::core::option::Option::Some(item),
                        ) if __fastrs_cx.is_valid() => {
                            if !__fastrs_cx.has_cleanups() {
                                let response = ::fastrs::__private::respond(
                                    __fastrs_handler(item).await,
                                    ::fastrs::__private::StatusCode::from_u16(201).ok(),
                                );
                                break '__fastrs_answer response;
                            }
                            match ::fastrs::__private::FutureExt::catch_unwind(
                                    ::fastrs::__private::AssertUnwindSafe(
                                        __fastrs_handler(item),
                                    ),
                                )
                                .await
                            {
                                ::core::result::Result::Ok(answer) => {
                                    ::fastrs::__private::respond(
                                        answer,
                                        ::fastrs::__private::StatusCode::from_u16(201).ok(),
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
