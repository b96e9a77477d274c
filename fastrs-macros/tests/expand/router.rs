/// One `router!` per module: a second one is refused here.
#[allow(dead_code)]
const __FASTRS_ONE_ROUTER_PER_MODULE: () = ();
const _: () = {
    static __FASTRS_ROUTER: ::fastrs::__private::RouterDef = ::fastrs::__private::RouterDef {
        module: ::core::module_path!(),
        prefix: "/items",
        tags: &["items"],
        dependencies: &[::fastrs::__private::DependencyRef::of::<verify_token>()],
        responses: &[
            ::fastrs::__private::ExtraResponse {
                status: 404,
                description: ::core::option::Option::None,
                schema: ::core::option::Option::Some(
                    ::fastrs::__private::schema_of::<Message>,
                ),
                example: ::core::option::Option::None,
            },
        ],
        deprecated: false,
        include_in_schema: true,
        middleware: &[],
        exception_handlers: &[],
        rate_limit: ::core::option::Option::None,
        rate_limit_headers: true,
        file: ::core::file!(),
        line: ::core::line!(),
    };
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::RouterRegistration(& __FASTRS_ROUTER)
    }
};
