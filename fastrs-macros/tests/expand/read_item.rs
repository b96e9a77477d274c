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
    use ::fastrs::__private::kinds::*;
    fn __fastrs_default_limit() -> u32 {
        10
    }
    static __FASTRS_PARAM_ITEM_ID: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "item_id",
        ::fastrs::__private::Source::Path,
    );
    static __FASTRS_PARAM_Q: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "q",
        ::fastrs::__private::Source::Inferred,
    );
    static __FASTRS_PARAM_LIMIT: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
            "limit",
            ::fastrs::__private::Source::Query,
        )
        .with_default(|| {
            use ::fastrs::__private::{ViaSerialize as _, ViaNoSerialize as _};
            (&&::fastrs::__private::JsonOf::<u32>::new())
                .__fastrs_json(&__fastrs_default_limit())
        })
        .with_ge(::fastrs::__private::Bound::int(1, "1"))
        .with_le(::fastrs::__private::Bound::int(100, "100"));
    fn __fastrs_describe(meta: &mut ::fastrs::__private::Meta) {
        let item_id = &&&&::fastrs::__private::Probe::<u64>::new();
        item_id
            .__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_ITEM_ID, item_id.__fastrs_validator());
        let q = &&&&::fastrs::__private::Probe::<Option<String>>::new();
        q.__fastrs_kind().describe(meta, &__FASTRS_PARAM_Q, q.__fastrs_validator());
        let limit = &&&&::fastrs::__private::Probe::<u32>::new();
        limit
            .__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_LIMIT, limit.__fastrs_validator());
        (&&::fastrs::__private::Returns::<Result<Json<Item>, HttpError>>::new())
            .__fastrs_response(meta);
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
            tags: &["items"],
            ..::fastrs::__private::RouteOptions::DEFAULT
        },
        params: &[&__FASTRS_PARAM_ITEM_ID, &__FASTRS_PARAM_Q, &__FASTRS_PARAM_LIMIT],
        serve: ::fastrs::__private::serve::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for read_item {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = (u64, Option<String>, u32);
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async move {
                let q_probe = &&&&::fastrs::__private::Probe::<Option<String>>::new();
                let q = q_probe.__fastrs_kind().resolve(cx).await?;
                cx.read_body(q_probe.__fastrs_kind().body_count(&__FASTRS_PARAM_Q))
                    .await?;
                let item_id = cx.path::<u64>(&__FASTRS_PARAM_ITEM_ID);
                let q = q_probe
                    .__fastrs_kind()
                    .read_unmarked(
                        cx,
                        &__FASTRS_PARAM_Q,
                        ::core::option::Option::None,
                        q_probe.__fastrs_validator(),
                        q,
                    );
                let limit = (&&&&::fastrs::__private::Probe::<u32>::new())
                    .__fastrs_kind()
                    .read(
                        cx,
                        &__FASTRS_PARAM_LIMIT,
                        ::core::option::Option::Some(__fastrs_default_limit),
                        (&&&&::fastrs::__private::Probe::<u32>::new())
                            .__fastrs_validator(),
                    );
                ::fastrs::__private::arguments((item_id, q, limit))
            }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let handler = read_item;
            let (item_id, q, limit) = args;
            (&&::fastrs::__private::Returned::<Result<Json<Item>, HttpError>>::new())
                .__fastrs_answer(handler(item_id, q, limit))
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
