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
            scopes: &[],
            dependencies: &[],
        },
        has_path_params: false,
        params: &[&__FASTRS_PARAM_ITEM],
        mount: ::fastrs::__private::mount::<__FastrsFn>,
        document: __fastrs_document,
        requires: __fastrs_requires,
    };
    impl ::fastrs::__private::Route for create_item {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    /// Reads the arguments of the handler and calls it.
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = (Item,);
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
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
                let __fastrs_bodies: usize = usize::from(
                    (&&&::fastrs::__private::Probe::<Item>::new()).__fastrs_kind()
                        == ::fastrs::__private::Kind::Model,
                );
                if __fastrs_bodies > 0 {
                    if let ::core::result::Result::Err(rejection) = __fastrs_cx
                        .read_body(__fastrs_bodies)
                        .await
                    {
                        return ::core::result::Result::Err(rejection);
                    }
                }
                let item: ::core::option::Option<Item> = match __fastrs_dep_item {
                    ::core::option::Option::Some(value) => value,
                    ::core::option::Option::None => {
                        (&&&::fastrs::__private::Probe::<Item>::new())
                            .__fastrs_extract_unmarked(
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
                ::core::result::Result::Ok(::fastrs::__private::all_some((item,)))
            }
        }
        fn invoke(
            __fastrs_args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let __fastrs_handler = create_item;
            let (item,) = __fastrs_args;
            __fastrs_handler(item)
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
