/// One `router!` per module: a second one is refused here.
#[allow(dead_code)]
const __FASTRS_ONE_ROUTER_PER_MODULE: () = ();
const _: () = {
    static __FASTRS_ROUTER: ::fastrs::__private::RouterDef = ::fastrs::__private::RouterDef {
        module: ::core::module_path!(),
        prefix: "/search",
        tags: &[],
        dependencies: &[],
        responses: &[],
        deprecated: false,
        include_in_schema: true,
        middleware: &[],
        exception_handlers: &[],
        rate_limit: ::core::option::Option::Some(
            ::fastrs::__private::Rate::__from_parts(100, 1, 60),
        ),
        rate_limit_headers: false,
        file: ::core::file!(),
        line: ::core::line!(),
    };
    ::fastrs::__private::inventory::submit! {
        ::fastrs::__private::RouterRegistration(& __FASTRS_ROUTER)
    }
};
