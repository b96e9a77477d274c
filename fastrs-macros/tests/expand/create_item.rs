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
    fn __fastrs_describe(__fastrs_meta: &mut ::fastrs::__private::Meta) {
        use ::fastrs::__private::kinds::*;
        (&&&&::fastrs::__private::Probe::<Item>::new())
            .__fastrs_kind()
            .describe(__fastrs_meta, &__FASTRS_PARAM_ITEM);
        use ::fastrs::__private::{ViaResponseDoc as _, ViaAnyResponse as _};
        (&&::fastrs::__private::Returns::<Json<Item>>::new())
            .__fastrs_response(__fastrs_meta);
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
            ..::fastrs::__private::RouteOptions::DEFAULT
        },
        has_path_params: false,
        params: &[&__FASTRS_PARAM_ITEM],
        mount: ::fastrs::__private::mount::<__FastrsFn>,
        describe: __fastrs_describe,
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
        fn read<'a, 'r: 'a>(
            __fastrs_cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::core::future::Future<
            Output = ::fastrs::__private::Read<Self::Args>,
        > + ::core::marker::Send + 'a {
            async move {
                use ::fastrs::__private::kinds::*;
                let __fastrs_item = (&&&&::fastrs::__private::Probe::<Item>::new())
                    .__fastrs_kind()
                    .resolve(__fastrs_cx)
                    .await?;
                __fastrs_cx
                    .read_body(
                        (&&&&::fastrs::__private::Probe::<Item>::new())
                            .__fastrs_kind()
                            .body_count(&__FASTRS_PARAM_ITEM),
                        false,
                    )
                    .await?;
                let item = (&&&&::fastrs::__private::Probe::<Item>::new())
                    .__fastrs_kind()
                    .read_unmarked(
                        __fastrs_cx,
                        &__FASTRS_PARAM_ITEM,
                        ::core::option::Option::None,
                        (&&::fastrs::__private::Check::<Item>::new())
                            .__fastrs_validator(),
                        __fastrs_item,
                    );
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
