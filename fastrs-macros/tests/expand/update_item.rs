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
    static __FASTRS_PARAM_ID: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "id",
        "id",
        ::fastrs::__private::Source::Path,
    );
    static __FASTRS_PARAM_USER_AGENT: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "user_agent",
        "user-agent",
        ::fastrs::__private::Source::Header,
    );
    static __FASTRS_PARAM_SESSION: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "session",
        "session-id",
        ::fastrs::__private::Source::Cookie,
    );
    static __FASTRS_PARAM_ITEM: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "item",
        "item",
        ::fastrs::__private::Source::Inferred,
    );
    static __FASTRS_PARAM_IMPORTANCE: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
            "importance",
            "importance",
            ::fastrs::__private::Source::Body,
        )
        .with_gt(::fastrs::__private::Bound {
            value: ::fastrs::__private::Num::Int(0),
            text: "0",
        });
    fn __fastrs_describe(__fastrs_meta: &mut ::fastrs::__private::Meta) {
        use ::fastrs::__private::kinds::*;
        (&&&&::fastrs::__private::Probe::<u64>::new())
            .__fastrs_kind()
            .describe(__fastrs_meta, &__FASTRS_PARAM_ID);
        (&&&&::fastrs::__private::Probe::<Option<String>>::new())
            .__fastrs_kind()
            .describe(__fastrs_meta, &__FASTRS_PARAM_USER_AGENT);
        (&&&&::fastrs::__private::Probe::<String>::new())
            .__fastrs_kind()
            .describe(__fastrs_meta, &__FASTRS_PARAM_SESSION);
        (&&&&::fastrs::__private::Probe::<Item>::new())
            .__fastrs_kind()
            .describe(__fastrs_meta, &__FASTRS_PARAM_ITEM);
        (&&&&::fastrs::__private::Probe::<i32>::new())
            .__fastrs_kind()
            .describe_body(__fastrs_meta, &__FASTRS_PARAM_IMPORTANCE);
        use ::fastrs::__private::{ViaResponseDoc as _, ViaAnyResponse as _};
        (&&::fastrs::__private::Returns::<Json<Item>>::new())
            .__fastrs_response(__fastrs_meta);
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
        has_path_params: true,
        params: &[
            &__FASTRS_PARAM_ID,
            &__FASTRS_PARAM_USER_AGENT,
            &__FASTRS_PARAM_SESSION,
            &__FASTRS_PARAM_ITEM,
            &__FASTRS_PARAM_IMPORTANCE,
        ],
        mount: ::fastrs::__private::mount::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for update_item {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    /// Reads the arguments of the handler and calls it.
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = (u64, Option<String>, String, Item, i32);
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
                            .body_count(&__FASTRS_PARAM_ITEM) + 1usize,
                        false,
                    )
                    .await?;
                let id = __fastrs_cx
                    .param::<
                        u64,
                    >(
                        &__FASTRS_PARAM_ID,
                        ::fastrs::__private::Source::Path,
                        ::core::option::Option::None,
                    );
                let user_agent = (&&&&::fastrs::__private::Probe::<
                    Option<String>,
                >::new())
                    .__fastrs_kind()
                    .read(
                        __fastrs_cx,
                        &__FASTRS_PARAM_USER_AGENT,
                        ::core::option::Option::None,
                        (&&::fastrs::__private::Check::<Option<String>>::new())
                            .__fastrs_validator(),
                        ::core::option::Option::None,
                    );
                let session = (&&&&::fastrs::__private::Probe::<String>::new())
                    .__fastrs_kind()
                    .read(
                        __fastrs_cx,
                        &__FASTRS_PARAM_SESSION,
                        ::core::option::Option::None,
                        (&&::fastrs::__private::Check::<String>::new())
                            .__fastrs_validator(),
                        ::core::option::Option::None,
                    );
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
                let importance = __fastrs_cx
                    .body::<
                        i32,
                    >(
                        &__FASTRS_PARAM_IMPORTANCE,
                        ::core::option::Option::None,
                        (&&::fastrs::__private::Check::<i32>::new()).__fastrs_validator(),
                    );
                ::core::result::Result::Ok(
                    ::fastrs::__private::all_some((
                        id,
                        user_agent,
                        session,
                        item,
                        importance,
                    )),
                )
            }
        }
        fn invoke(
            __fastrs_args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let __fastrs_handler = update_item;
            let (id, user_agent, session, item, importance) = __fastrs_args;
            __fastrs_handler(id, user_agent, session, item, importance)
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
