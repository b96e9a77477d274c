pub async fn create_item(item: Item) -> Json<Item> {
    Json(item)
}
/// The fastrs route `POST /items`, served by [`create_item`].
#[allow(non_camel_case_types)]
pub struct create_item {}
const _: () = {
    use ::fastrs::__private::kinds::*;
    static __FASTRS_PARAM_ITEM: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "item",
        ::fastrs::__private::Source::Inferred,
    );
    fn __fastrs_describe(meta: &mut ::fastrs::__private::Meta) {
        let item = &&&&::fastrs::__private::Probe::<Item>::new();
        item.__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_ITEM, item.__fastrs_validator());
        (&&::fastrs::__private::Returns::<Json<Item>>::new()).__fastrs_response(meta);
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
        params: &[&__FASTRS_PARAM_ITEM],
        serve: ::fastrs::__private::serve::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for create_item {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = (Item,);
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async move {
                let item_probe = &&&&::fastrs::__private::Probe::<Item>::new();
                let item = item_probe.__fastrs_kind().resolve(cx).await?;
                cx.read_body(item_probe.__fastrs_kind().body_count(&__FASTRS_PARAM_ITEM))
                    .await?;
                let item = item_probe
                    .__fastrs_kind()
                    .read_unmarked(
                        cx,
                        &__FASTRS_PARAM_ITEM,
                        ::core::option::Option::None,
                        item_probe.__fastrs_validator(),
                        item,
                    );
                ::fastrs::__private::arguments((item,))
            }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let handler = create_item;
            let (item,) = args;
            (&&::fastrs::__private::Returned::<Json<Item>>::new())
                .__fastrs_answer(handler(item))
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
