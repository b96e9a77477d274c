//! Code generation for a checked route: the handler struct, its `Route` impl, its parameter
//! specs and its `inventory` registration. Reads only the parsed model, never raw syntax.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::LitBool;
use syn::spanned::Spanned;

use super::HttpMethod;
use super::args::{FormLimitArgs, ResponseModelArgs, RouteArgs};
use super::check::{Arg, Resolved};
use super::handler::{Handler, Param};
use super::param_attr::{NumLit, NumValue};
use crate::paths;
use crate::responses::extra_responses;

/// The whole expansion after the user's function.
pub(crate) fn generate(
    method: HttpMethod,
    args: &RouteArgs,
    handler: &Handler,
    params: &[Arg<'_>],
) -> TokenStream {
    let fn_ident = &handler.func.sig.ident;
    let vis = &handler.func.vis;
    let template = args.template.text();
    let doc = format!(
        " The fastrs route `{} {template}`, served by [`{fn_ident}`].",
        method.as_str()
    );
    let specs: Vec<TokenStream> = params.iter().map(param_spec).collect();
    let defaults = handler.params.iter().filter_map(default_fns);
    let route_def = route_def(method, args, handler);
    let describe = describe_fn(handler, params);
    let route_impl = route_impl(args, handler, params);
    let (registration, inventory) = (paths::registration(), paths::inventory());
    let kinds = paths::kind_traits();
    let body = paths::hygienic(quote! {
        // The probe levels, for every function below.
        use #kinds;
        #(#defaults)*
        #(#specs)*
        #describe
        #route_def
        #route_impl
        #inventory::submit! {
            #registration(&__FASTRS_ROUTE)
        }
    });
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        #vis struct #fn_ident {}

        const _: () = { #body };
    }
}

pub(crate) fn spec_ident(param: &Param) -> syn::Ident {
    format_ident!(
        "__FASTRS_PARAM_{}",
        param
            .ident
            .to_string()
            .trim_start_matches("r#")
            .to_uppercase()
    )
}

/// The wire name: the alias, a header's name with hyphens, or the argument's name.
fn wire_key(param: &Param, resolved: Resolved<'_>) -> String {
    if let Some(alias) = &param.options.alias {
        return alias.value();
    }
    let name = param.ident.to_string().trim_start_matches("r#").to_owned();
    if resolved == Resolved::Header {
        name.replace('_', "-")
    } else {
        name
    }
}

fn source_variant(resolved: Resolved<'_>) -> syn::Ident {
    format_ident!(
        "{}",
        match resolved {
            Resolved::Path => "Path",
            Resolved::Query => "Query",
            Resolved::Header => "Header",
            Resolved::Cookie => "Cookie",
            Resolved::Body => "Body",
            Resolved::Form => "Form",
            Resolved::Inferred | Resolved::Depends(_) => "Inferred",
        }
    )
}

/// `Bound::int(1, "1")`: a bound's value and its text, for messages.
fn bound(lit: &NumLit) -> TokenStream {
    let bound = paths::bound();
    let text = &lit.text;
    match lit.value {
        NumValue::Int(v) => {
            let v = Literal::i128_unsuffixed(v);
            quote!(#bound::int(#v, #text))
        }
        NumValue::Float(v) => {
            let v = Literal::f64_unsuffixed(v);
            quote!(#bound::float(#v, #text))
        }
    }
}

/// `static __FASTRS_PARAM_X: ParamSpec = ParamSpec { ... };` with only the options given.
pub(crate) fn param_spec(arg: &Arg<'_>) -> TokenStream {
    let (param, resolved) = (arg.param, arg.source);
    let ident = spec_ident(param);
    let name = param.ident.to_string().trim_start_matches("r#").to_owned();
    let key = wire_key(param, resolved);
    let source = source_variant(resolved);
    let (spec_ty, source_ty) = (paths::param_spec(), paths::source());
    let o = &param.options;
    let usize_lit = |l: &super::param_attr::LenLit| {
        let v = Literal::usize_unsuffixed(l.value);
        quote!(#v)
    };
    let options: Vec<(&str, Option<TokenStream>)> = vec![
        (
            "default",
            o.default.as_ref().map(|_| {
                let (f, ty) = (default_ident(param), &param.ty);
                let (json_of, json_traits) = (paths::json_of(), paths::json_traits());
                quote!(|| {
                    use #json_traits;
                    (&&#json_of::<#ty>::new()).__fastrs_json(&#f())
                })
            }),
        ),
        ("ge", o.ge.as_ref().map(bound)),
        ("gt", o.gt.as_ref().map(bound)),
        ("le", o.le.as_ref().map(bound)),
        ("lt", o.lt.as_ref().map(bound)),
        ("min_length", o.min_length.as_ref().map(usize_lit)),
        ("max_length", o.max_length.as_ref().map(usize_lit)),
        ("pattern", o.pattern.as_ref().map(|l| quote!(#l))),
        ("title", o.title.as_ref().map(|l| quote!(#l))),
        ("description", o.description.as_ref().map(|l| quote!(#l))),
        ("deprecated", o.deprecated.as_ref().map(|b| quote!(#b))),
        (
            "include_in_schema",
            o.include_in_schema.as_ref().map(|b| quote!(#b)),
        ),
        ("embed", o.embed.map(|_| quote!(true))),
    ];
    let key = (key != name).then(|| quote!(.with_key(#key)));
    let options = options.into_iter().filter_map(|(option, value)| {
        let setter = format_ident!("with_{option}");
        value.map(|v| quote!(.#setter(#v)))
    });
    // A pattern links the regex engine into the program (fastrs's `pattern` module).
    let engine = o.pattern.as_ref().map(|_| {
        let (inventory, engine) = (paths::inventory(), paths::pattern_engine());
        quote!(#inventory::submit! { #engine::REGEX })
    });
    quote! {
        static #ident: #spec_ty = #spec_ty::new(#name, #source_ty::#source) #key #(#options)*;
        #engine
    }
}

fn route_def(method: HttpMethod, args: &RouteArgs, handler: &Handler) -> TokenStream {
    let (route_def, route_options, method_ty) =
        (paths::route_def(), paths::route_options(), paths::method());
    let serve = match method {
        HttpMethod::WebSocket => paths::serve_websocket(),
        _ => paths::serve(),
    };
    let fn_ident = &handler.func.sig.ident;
    let name = fn_ident.to_string();
    let variant = format_ident!("{}", method.variant());
    let template = args.template.text();
    let axum_path = &args.template.axum;
    let openapi_path = &args.template.openapi;
    let doc = &handler.doc;
    let params = handler.params.iter().map(spec_ident);
    let options = given_options(args);
    quote! {
        static __FASTRS_ROUTE: #route_def = #route_def {
            method: #method_ty::#variant,
            template: #template,
            axum_path: #axum_path,
            openapi_path: #openapi_path,
            name: #name,
            module: ::core::module_path!(),
            file: ::core::file!(),
            line: ::core::line!(),
            doc: #doc,
            options: #route_options { #(#options,)* ..#route_options::DEFAULT },
            params: &[#(&#params),*],
            serve: #serve::<__FastrsFn>,
            describe: __fastrs_describe,
        };
    }
}

/// The fields of `RouteOptions` that the attribute gives; the others are the defaults.
fn given_options(args: &RouteArgs) -> Vec<TokenStream> {
    let some = |v: TokenStream| quote!(::core::option::Option::Some(#v));
    let mut fields = Vec::new();
    if let Some(status) = args.status {
        let status = Literal::u16_unsuffixed(status);
        fields.push(quote!(status: ::core::option::Option::Some(#status)));
    }
    if let Some(tags) = &args.shared.tags {
        fields.push(quote!(tags: &[#(#tags),*]));
    }
    for (name, value) in [
        ("summary", &args.summary),
        ("description", &args.description),
        ("operation_id", &args.operation_id),
    ] {
        if let Some(value) = value {
            let (name, value) = (format_ident!("{name}"), some(quote!(#value)));
            fields.push(quote!(#name: #value));
        }
    }
    if args.shared.is_deprecated() {
        fields.push(quote!(deprecated: true));
    }
    if !args.shared.is_included() {
        fields.push(quote!(include_in_schema: false));
    }
    if let Some(responses) = &args.shared.responses {
        let responses = extra_responses(responses);
        fields.push(quote!(responses: &[#(#responses),*]));
    }
    if let Some((_, bytes)) = &args.body_limit {
        let bytes = some(Literal::usize_unsuffixed(*bytes).into_token_stream());
        fields.push(quote!(body_limit: #bytes));
    }
    if let Some(rate) = args.rate_limit {
        let rate = rate.tokens();
        fields.push(quote!(rate_limit: ::core::option::Option::Some(#rate)));
    }
    if let Some(flag) = args.rate_limit_headers.as_ref().filter(|flag| !flag.value) {
        fields.push(quote!(rate_limit_headers: #flag));
    }
    if let Some(limits) = form_limits(&args.form_limits) {
        fields.push(quote!(form_limits: #limits));
    }
    if let Some(scopes) = &args.scopes {
        fields.push(quote!(scopes: &[#(#scopes),*]));
    }
    if let Some(model) = response_model(&args.response_model) {
        fields.push(quote!(response_model: #model));
    }
    if let Some(dependencies) = &args.shared.dependencies {
        let dependency_ref = paths::dependency_ref();
        let dependencies = dependencies
            .iter()
            .map(|dep| paths::respan(quote!(#dependency_ref::of::<#dep>()), dep.span()));
        fields.push(quote!(dependencies: &[#(#dependencies),*]));
    }
    if args.shared.middleware.is_some() {
        let middleware = args.shared.middleware_refs();
        fields.push(quote!(middleware: &[#(#middleware),*]));
    }
    fields
}

/// `FormLimits::new().max_files(10)...` of the form limits given, if any.
fn form_limits(args: &FormLimitArgs) -> Option<TokenStream> {
    let given: Vec<TokenStream> = [
        ("max_fields", args.max_fields),
        ("max_files", args.max_files),
        ("max_part_size", args.max_part_size),
    ]
    .into_iter()
    .filter_map(|(name, value)| {
        let (name, value) = (format_ident!("{name}"), Literal::usize_unsuffixed(value?));
        Some(quote!(.#name(#value)))
    })
    .collect();
    if given.is_empty() {
        return None;
    }
    let form_limits = paths::form_limits();
    Some(quote!(#form_limits::new() #(#given)*))
}

/// The `ResponseModel` of the `response_model_*` options given, if any.
fn response_model(args: &ResponseModelArgs) -> Option<TokenStream> {
    let mut fields = Vec::new();
    for (name, flag) in [
        ("exclude_none", &args.exclude_none),
        ("exclude_defaults", &args.exclude_defaults),
        ("exclude_unset", &args.exclude_unset),
    ] {
        if flag.as_ref().is_some_and(LitBool::value) {
            let name = format_ident!("{name}");
            fields.push(quote!(#name: true));
        }
    }
    if let Some(include) = &args.include {
        fields.push(quote!(include: ::core::option::Option::Some(&[#(#include),*])));
    }
    if let Some(exclude) = &args.exclude {
        fields.push(quote!(exclude: &[#(#exclude),*]));
    }
    if fields.is_empty() {
        return None;
    }
    let model = paths::response_model();
    Some(quote!(#model { #(#fields,)* ..#model::NONE }))
}

/// The `Route` impl, and the `RouteFn` impl on a private struct: the handler's arguments, how
/// to read them (dependencies first, then every parameter, each error recorded), and how to
/// call the handler. The rest of a request's way is the runtime's (`fastrs::pipeline`).
fn route_impl(args: &RouteArgs, handler: &Handler, params: &[Arg<'_>]) -> TokenStream {
    let fn_ident = &handler.func.sig.ident;
    let (route, route_fn, route_def, responder) = (
        paths::route(),
        paths::route_fn(),
        paths::route_def(),
        paths::responder(),
    );
    let no_args = (handler.params.is_empty() && args.shared.dependencies.is_none()).then(|| {
        quote! {
            fn no_args() -> ::core::option::Option<()> {
                ::core::option::Option::Some(())
            }
        }
    });
    let read = read_fn(params, false);
    let (args_ty, unpack, idents) = args_of(handler);
    // A return type that is not a response is reported on the return type.
    let output_span = match &handler.func.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => fn_ident.span(),
    };
    let output = paths::respan(
        quote!(impl ::core::future::Future<Output = impl #responder> + ::core::marker::Send),
        output_span,
    );
    let call = paths::respan(quote!(__fastrs_handler(#(#idents),*)), output_span);
    let (answered, returned) = (paths::answered(), paths::returned());
    // An `Err` is raised, for the app's handler of its type: the return type decides (an alias
    // of a `Result` is one), or, when it cannot be named, the value's.
    let answer = match &handler.func.sig.output {
        syn::ReturnType::Type(_, ty) if contains_impl_trait(ty) => quote! {
            #answered(#call, |__fastrs_value| {
                (&&#returned::of(&__fastrs_value)).__fastrs_returned(__fastrs_value)
            })
        },
        syn::ReturnType::Type(_, ty) => {
            quote!((&&#returned::<#ty>::new()).__fastrs_answer(#call))
        }
        syn::ReturnType::Default => quote!((&&#returned::<()>::new()).__fastrs_answer(#call)),
    };
    quote! {
        impl #route for #fn_ident {
            fn def() -> &'static #route_def {
                &__FASTRS_ROUTE
            }
        }

        struct __FastrsFn;

        impl #route_fn for __FastrsFn {
            type Args = #args_ty;

            #no_args

            #read

            fn invoke(__fastrs_args: Self::Args) -> #output {
                // Named before the arguments, which may shadow it.
                let __fastrs_handler = #fn_ident;
                let #unpack = __fastrs_args;
                #answer
            }
        }
    }
}

/// The arguments as one tuple type, the pattern that takes the tuple apart, and the names.
pub(crate) fn args_of(handler: &Handler) -> (TokenStream, TokenStream, Vec<&syn::Ident>) {
    let types = handler.params.iter().map(|p| &p.ty);
    let idents: Vec<&syn::Ident> = handler.params.iter().map(|p| &p.ident).collect();
    (quote!((#(#types,)*)), quote!((#(#idents,)*)), idents)
}

/// The `read` function of a route's or a dependency's `__FastrsFn`.
pub(crate) fn read_fn(params: &[Arg<'_>], dependency: bool) -> TokenStream {
    let (cx, reading) = (paths::cx(), paths::reading());
    let body = read_args(params, dependency);
    quote! {
        fn read<'a, 'r: 'a>(
            __fastrs_cx: &'a mut #cx<'r>,
        ) -> impl #reading<Self::Args> + 'a {
            #body
        }
    }
}

/// The body of a `read` function: the `Depends<f>` parameters, then (for a dependency, after
/// marking where its own errors start) the others, then the arguments if none was refused.
fn read_args(params: &[Arg<'_>], dependency: bool) -> TokenStream {
    if params.is_empty() {
        return quote!(async { ::core::result::Result::Ok(::core::option::Option::Some(())) });
    }
    let arguments = paths::arguments();
    let deps = dep_phase(params);
    let begin_own = dependency.then(|| quote!(__fastrs_cx.begin_own_params();));
    let reads = own_phase(params);
    let idents = params.iter().map(|arg| &arg.param.ident);
    quote! {
        async move {
            #deps
            #begin_own
            #reads
            #arguments((#(#idents,)*))
        }
    }
}

/// The dependency phase: each unmarked parameter is resolved if its kind is a dependency, and
/// each `Depends<f>` is, in declaration order, before anything else is read. A dependency's own
/// answer (an `HttpError`) is returned at once. The value is bound to the parameter's name
/// (an `Option`), which the reading phase binds again.
pub(crate) fn dep_phase(params: &[Arg<'_>]) -> TokenStream {
    let deps = params.iter().filter_map(|arg| {
        let (p, ident) = (arg.param, &arg.param.ident);
        match arg.source {
            Resolved::Inferred => {
                let (probe, local, ty) = (paths::probe(), probe_local(p), &p.ty);
                let statements = quote! {
                    let #local = &&&&#probe::<#ty>::new();
                    let #ident = #local.__fastrs_kind().resolve(__fastrs_cx).await?;
                };
                Some(paths::respan(statements, ty.span()))
            }
            Resolved::Depends(target) => {
                let probe = paths::dependency_probe();
                let resolve = paths::respan(
                    quote!((&&#probe::<#target>::new()).__fastrs_resolve_dependency(__fastrs_cx)),
                    target.span(),
                );
                Some(quote!(let #ident = #resolve.await?;))
            }
            _ => None,
        }
    });
    quote!(#(#deps)*)
}

/// `(&&&&Probe::<T>::new()).__fastrs_kind()`: the parameter's kind, chosen by its type; spanned
/// on the type, so that a type that fits no kind is reported there.
pub(crate) fn kind_of(ty: &syn::Type) -> TokenStream {
    let probe = paths::probe();
    paths::respan(
        quote!((&&&&#probe::<#ty>::new()).__fastrs_kind()),
        ty.span(),
    )
}

/// The local that holds an unmarked parameter's probe, asked for its kind and garde's check
/// in each phase: `__fastrs_probe_q`, which the expansion shows as `q_probe` (see
/// `paths::hygienic`).
fn probe_local(param: &Param) -> syn::Ident {
    format_ident!(
        "__fastrs_probe_{}",
        param.ident.to_string().trim_start_matches("r#")
    )
}

/// `(&&&&Probe::<T>::new()).__fastrs_validator()`: garde's check of `T`, if it has one.
fn validator_of(ty: &syn::Type) -> TokenStream {
    let probe = paths::probe();
    quote!((&&&&#probe::<#ty>::new()).__fastrs_validator())
}

/// How many body parameters there are, as `usize` terms: one per `#[body]`, and one per
/// unmarked model (decided by kind).
fn body_terms(params: &[Arg<'_>]) -> Vec<TokenStream> {
    params
        .iter()
        .filter_map(|arg| match arg.source {
            Resolved::Body => Some(quote!(1usize)),
            Resolved::Inferred => {
                let p = arg.param;
                let (local, spec) = (probe_local(p), spec_ident(p));
                let count = quote!(#local.__fastrs_kind().body_count(&#spec));
                Some(paths::respan(count, p.ty.span()))
            }
            _ => None,
        })
        .collect()
}

/// The reading phase: the body when a parameter needs it, then every parameter as
/// `let name: Option<T> = ...;`.
pub(crate) fn own_phase(params: &[Arg<'_>]) -> TokenStream {
    let has_form = params.iter().any(|arg| arg.source == Resolved::Form);
    let body_terms = body_terms(params);
    let body_setup = if has_form || !body_terms.is_empty() {
        let count = if body_terms.is_empty() {
            quote!(0)
        } else {
            quote!(#(#body_terms)+*)
        };
        if has_form {
            quote!(__fastrs_cx.read_form(#count).await?;)
        } else {
            quote!(__fastrs_cx.read_body(#count).await?;)
        }
    } else {
        quote!()
    };
    let reads = params.iter().map(read_param);
    quote! {
        #body_setup
        #(#reads)*
    }
}

fn default_ident(param: &Param) -> syn::Ident {
    format_ident!(
        "__fastrs_default_{}",
        param.ident.to_string().trim_start_matches("r#")
    )
}

/// For a parameter with a default: `fn __fastrs_default_limit() -> u32 { 10 }` (its JSON for
/// the documentation is a closure in the parameter's spec).
pub(crate) fn default_fns(param: &Param) -> Option<TokenStream> {
    let default = param.options.default.as_ref()?;
    let ident = default_ident(param);
    let ty = &param.ty;
    let value = match default {
        Some(expr) => quote!(#expr),
        None => quote!(<#ty as ::core::default::Default>::default()),
    };
    Some(quote! {
        fn #ident() -> #ty {
            #value
        }
    })
}

/// `let name = <read>;`: by its kind, with garde's check where the value may have rules.
pub(crate) fn read_param(arg: &Arg<'_>) -> TokenStream {
    let (param, resolved) = (arg.param, arg.source);
    let ident = &param.ident;
    let ty = &param.ty;
    let spec = spec_ident(param);
    let default = if param.options.default.is_some() {
        let f = default_ident(param);
        quote!(::core::option::Option::Some(#f))
    } else {
        quote!(::core::option::Option::None)
    };
    let source = paths::source();
    let span = ty.span();
    let read = match resolved {
        // Resolved in the dependency phase, under its name.
        Resolved::Depends(_) => return quote!(),
        Resolved::Path => quote_spanned! {span=>
            __fastrs_cx.path::<#ty>(&#spec)
        },
        Resolved::Body => {
            let validator = validator_of(ty);
            quote_spanned! {span=>
                __fastrs_cx.body::<#ty>(&#spec, #default, #validator)
            }
        }
        Resolved::Inferred => {
            let local = probe_local(param);
            let validator = quote!(#local.__fastrs_validator());
            quote!(#local.__fastrs_kind().read_unmarked(__fastrs_cx, &#spec, #default, #validator, #ident))
        }
        // A list is a list of scalars (`?tag=a&tag=b`), never a parameter model.
        Resolved::Query | Resolved::Header | Resolved::Cookie | Resolved::Form
            if is_list(ty) && !is_file_list(ty) =>
        {
            let variant = source_variant(resolved);
            quote_spanned! {span=>
                __fastrs_cx.param::<#ty>(&#spec, #source::#variant, #default)
            }
        }
        Resolved::Query | Resolved::Header | Resolved::Cookie | Resolved::Form => {
            let (kind, validator) = (kind_of(ty), validator_of(ty));
            quote!(#kind.read(__fastrs_cx, &#spec, #default, #validator))
        }
    };
    let read = paths::respan(read, span);
    quote!(let #ident = #read;)
}

/// Whether `ty` is written `Vec<UploadFile>`: a list of files, read by its kind like one file.
fn is_file_list(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(segment) = path.path.segments.last() else {
        return false;
    };
    match &segment.arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().any(|arg| {
            matches!(arg, syn::GenericArgument::Type(syn::Type::Path(inner))
                if inner.path.segments.last().is_some_and(|s| s.ident == "UploadFile"))
        }),
        _ => false,
    }
}

/// Whether `ty` is written `Vec<..>` or `Option<Vec<..>>`.
fn is_list(ty: &syn::Type) -> bool {
    let last = |ty: &syn::Type| match ty {
        syn::Type::Path(path) => path.path.segments.last().cloned(),
        _ => None,
    };
    let Some(segment) = last(ty) else {
        return false;
    };
    if segment.ident == "Vec" {
        return true;
    }
    if segment.ident == "Option"
        && let syn::PathArguments::AngleBracketed(args) = &segment.arguments
        && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
    {
        return last(inner).is_some_and(|s| s.ident == "Vec");
    }
    false
}

/// The statements describing each parameter, by its kind: one fact each (a dependency's
/// facts are its own).
pub(crate) fn describe_params(params: &[Arg<'_>]) -> TokenStream {
    let probe = paths::probe();
    let params = params.iter().map(|arg| {
        let p = arg.param;
        let (spec, ident, ty) = (spec_ident(p), &p.ident, &p.ty);
        if let Resolved::Depends(target) = arg.source {
            // Silent for a type that is not a dependency: `is_dependency` is the one error.
            let (probe, is_dependency) = (paths::dependency_probe(), paths::is_dependency());
            let call = quote! {
                #is_dependency::<#target>();
                (&&#probe::<#target>::new()).__fastrs_describe_dependency(__fastrs_meta);
            };
            return paths::respan(call, target.span());
        }
        // The type's probe, asked for its kind and for garde's check.
        let describe = if arg.source == Resolved::Body {
            quote!(describe_body)
        } else {
            quote!(describe)
        };
        let statements = quote! {
            let #ident = &&&&#probe::<#ty>::new();
            #ident.__fastrs_kind().#describe(__fastrs_meta, &#spec, #ident.__fastrs_validator());
        };
        paths::respan(statements, ty.span())
    });
    quote!(#(#params)*)
}

/// `fn __fastrs_describe(meta)`: the facts of each parameter, and of the answer. The route's
/// scopes and `dependencies = [...]` are data the runtime describes first.
pub(crate) fn describe_fn(handler: &Handler, params: &[Arg<'_>]) -> TokenStream {
    let (meta, returns) = (paths::meta(), paths::returns());
    let params = describe_params(params);
    let response = match &handler.func.sig.output {
        syn::ReturnType::Default => quote! {
            (&&#returns::<()>::new()).__fastrs_response(__fastrs_meta);
        },
        syn::ReturnType::Type(_, ty) if contains_impl_trait(ty) => quote!(),
        syn::ReturnType::Type(_, ty) => quote! {
            (&&#returns::<#ty>::new()).__fastrs_response(__fastrs_meta);
        },
    };
    quote! {
        fn __fastrs_describe(__fastrs_meta: &mut #meta) {
            #params
            #response
        }
    }
}

/// An `impl Trait` return type cannot be named; its answer is left undescribed.
fn contains_impl_trait(ty: &syn::Type) -> bool {
    quote!(#ty).to_string().contains("impl ")
}
