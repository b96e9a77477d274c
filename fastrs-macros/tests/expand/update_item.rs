async fn update_item(
    id: u64,
    user_agent: Option<String>,
    session: String,
    item: Item,
    importance: i32,
) -> Json<Item> {
    Json(item)
}
/// The fastrs route `PUT /items/<id>`, served by [`update_item`].
#[allow(non_camel_case_types)]
struct update_item {}
const _: () = {
    use ::fastrs::__private::kinds::*;
    static __FASTRS_PARAM_ID: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "id",
        ::fastrs::__private::Source::Path,
    );
    static __FASTRS_PARAM_USER_AGENT: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
            "user_agent",
            ::fastrs::__private::Source::Header,
        )
        .with_key("user-agent");
    static __FASTRS_PARAM_SESSION: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
            "session",
            ::fastrs::__private::Source::Cookie,
        )
        .with_key("session-id");
    static __FASTRS_PARAM_ITEM: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "item",
        ::fastrs::__private::Source::Inferred,
    );
    static __FASTRS_PARAM_IMPORTANCE: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
            "importance",
            ::fastrs::__private::Source::Body,
        )
        .with_gt(::fastrs::__private::Bound::int(0, "0"));
    fn __fastrs_describe(meta: &mut ::fastrs::__private::Meta) {
        let id = &&&&::fastrs::__private::Probe::<u64>::new();
        id.__fastrs_kind().describe(meta, &__FASTRS_PARAM_ID, id.__fastrs_validator());
        let user_agent = &&&&::fastrs::__private::Probe::<Option<String>>::new();
        user_agent
            .__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_USER_AGENT, user_agent.__fastrs_validator());
        let session = &&&&::fastrs::__private::Probe::<String>::new();
        session
            .__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_SESSION, session.__fastrs_validator());
        let item = &&&&::fastrs::__private::Probe::<Item>::new();
        item.__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_ITEM, item.__fastrs_validator());
        let importance = &&&&::fastrs::__private::Probe::<i32>::new();
        importance
            .__fastrs_kind()
            .describe_body(
                meta,
                &__FASTRS_PARAM_IMPORTANCE,
                importance.__fastrs_validator(),
            );
        (&&::fastrs::__private::Returns::<Json<Item>>::new()).__fastrs_response(meta);
    }
    static __FASTRS_ROUTE: ::fastrs::__private::RouteDef = ::fastrs::__private::RouteDef {
        method: ::fastrs::__private::Method::Put,
        template: "/items/<id>",
        axum_path: "/items/{id}",
        openapi_path: "/items/{id}",
        name: "update_item",
        module: ::core::module_path!(),
        file: ::core::file!(),
        line: ::core::line!(),
        doc: "",
        options: ::fastrs::__private::RouteOptions {
            ..::fastrs::__private::RouteOptions::DEFAULT
        },
        params: &[
            &__FASTRS_PARAM_ID,
            &__FASTRS_PARAM_USER_AGENT,
            &__FASTRS_PARAM_SESSION,
            &__FASTRS_PARAM_ITEM,
            &__FASTRS_PARAM_IMPORTANCE,
        ],
        serve: ::fastrs::__private::serve::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for update_item {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = (u64, Option<String>, String, Item, i32);
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async move {
                let item_probe = &&&&::fastrs::__private::Probe::<Item>::new();
                let item = item_probe.__fastrs_kind().resolve(cx).await?;
                cx.read_body(
                        item_probe.__fastrs_kind().body_count(&__FASTRS_PARAM_ITEM)
                            + 1usize,
                    )
                    .await?;
                let id = cx.path::<u64>(&__FASTRS_PARAM_ID);
                let user_agent = (&&&&::fastrs::__private::Probe::<
                    Option<String>,
                >::new())
                    .__fastrs_kind()
                    .read(
                        cx,
                        &__FASTRS_PARAM_USER_AGENT,
                        ::core::option::Option::None,
                        (&&&&::fastrs::__private::Probe::<Option<String>>::new())
                            .__fastrs_validator(),
                    );
                let session = (&&&&::fastrs::__private::Probe::<String>::new())
                    .__fastrs_kind()
                    .read(
                        cx,
                        &__FASTRS_PARAM_SESSION,
                        ::core::option::Option::None,
                        (&&&&::fastrs::__private::Probe::<String>::new())
                            .__fastrs_validator(),
                    );
                let item = item_probe
                    .__fastrs_kind()
                    .read_unmarked(
                        cx,
                        &__FASTRS_PARAM_ITEM,
                        ::core::option::Option::None,
                        item_probe.__fastrs_validator(),
                        item,
                    );
                let importance = cx
                    .body::<
                        i32,
                    >(
                        &__FASTRS_PARAM_IMPORTANCE,
                        ::core::option::Option::None,
                        (&&&&::fastrs::__private::Probe::<i32>::new())
                            .__fastrs_validator(),
                    );
                ::fastrs::__private::arguments((
                    id,
                    user_agent,
                    session,
                    item,
                    importance,
                ))
            }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let handler = update_item;
            let (id, user_agent, session, item, importance) = args;
            (&&::fastrs::__private::Returned::<Json<Item>>::new())
                .__fastrs_answer(handler(id, user_agent, session, item, importance))
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
