/// A member of a room.
async fn join(
    mut ws: WebSocket,
    room: String,
    token: Depends<member>,
) -> Result<(), WebSocketException> {
    ws.send_text(room).await?;
    Ok(())
}
/// The fastrs route `WEBSOCKET /ws/<room>`, served by [`join`].
#[allow(non_camel_case_types)]
struct join {}
const _: () = {
    use ::fastrs::__private::kinds::*;
    static __FASTRS_PARAM_WS: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "ws",
        ::fastrs::__private::Source::Inferred,
    );
    static __FASTRS_PARAM_ROOM: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "room",
        ::fastrs::__private::Source::Path,
    );
    static __FASTRS_PARAM_TOKEN: ::fastrs::__private::ParamSpec = ::fastrs::__private::ParamSpec::new(
        "token",
        ::fastrs::__private::Source::Inferred,
    );
    fn __fastrs_describe(meta: &mut ::fastrs::__private::Meta) {
        let ws = &&&&::fastrs::__private::Probe::<WebSocket>::new();
        ws.__fastrs_kind().describe(meta, &__FASTRS_PARAM_WS, ws.__fastrs_validator());
        let room = &&&&::fastrs::__private::Probe::<String>::new();
        room.__fastrs_kind()
            .describe(meta, &__FASTRS_PARAM_ROOM, room.__fastrs_validator());
        ::fastrs::kind::is_dependency::<member>();
        (&&::fastrs::__private::DependencyProbe::<member>::new())
            .__fastrs_describe_dependency(meta);
        (&&::fastrs::__private::Returns::<Result<(), WebSocketException>>::new())
            .__fastrs_response(meta);
    }
    static __FASTRS_ROUTE: ::fastrs::__private::RouteDef = ::fastrs::__private::RouteDef {
        method: ::fastrs::__private::Method::WebSocket,
        template: "/ws/<room>",
        axum_path: "/ws/{room}",
        openapi_path: "/ws/{room}",
        name: "join",
        module: ::core::module_path!(),
        file: ::core::file!(),
        line: ::core::line!(),
        doc: "A member of a room.",
        options: ::fastrs::__private::RouteOptions {
            ..::fastrs::__private::RouteOptions::DEFAULT
        },
        params: &[&__FASTRS_PARAM_WS, &__FASTRS_PARAM_ROOM, &__FASTRS_PARAM_TOKEN],
        serve: ::fastrs::__private::serve_websocket::<__FastrsFn>,
        describe: __fastrs_describe,
    };
    impl ::fastrs::__private::Route for join {
        fn def() -> &'static ::fastrs::__private::RouteDef {
            &__FASTRS_ROUTE
        }
    }
    struct __FastrsFn;
    impl ::fastrs::__private::RouteFn for __FastrsFn {
        type Args = (WebSocket, String, Depends<member>);
        fn read<'a, 'r: 'a>(
            cx: &'a mut ::fastrs::__private::Cx<'r>,
        ) -> impl ::fastrs::__private::Reading<Self::Args> + 'a {
            async move {
                let ws_probe = &&&&::fastrs::__private::Probe::<WebSocket>::new();
                let ws = ws_probe.__fastrs_kind().resolve(cx).await?;
                let token = (&&::fastrs::__private::DependencyProbe::<member>::new())
                    .__fastrs_resolve_dependency(cx)
                    .await?;
                cx.read_body(ws_probe.__fastrs_kind().body_count(&__FASTRS_PARAM_WS))
                    .await?;
                let ws = ws_probe
                    .__fastrs_kind()
                    .read_unmarked(
                        cx,
                        &__FASTRS_PARAM_WS,
                        ::core::option::Option::None,
                        ws_probe.__fastrs_validator(),
                        ws,
                    );
                let room = cx.path::<String>(&__FASTRS_PARAM_ROOM);
                ::fastrs::__private::arguments((ws, room, token))
            }
        }
        fn invoke(
            args: Self::Args,
        ) -> impl ::core::future::Future<
            Output = impl ::fastrs::__private::Responder,
        > + ::core::marker::Send {
            let handler = join;
            let (ws, room, token) = args;
            (&&::fastrs::__private::Returned::<Result<(), WebSocketException>>::new())
                .__fastrs_answer(handler(ws, room, token))
        }
    }
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::Registration(& __FASTRS_ROUTE)
    }
};
