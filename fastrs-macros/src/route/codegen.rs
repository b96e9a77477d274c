//! Code generation for a checked route: the handler struct, its `Route` impl, its parameter
//! specs and its `inventory` registration. Reads only the parsed model, never raw syntax.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::HttpMethod;
use super::args::{ResponseEntry, RouteArgs};
use super::check::{Resolved, depends_target};
use super::handler::{Handler, Param};
use super::param_attr::NumLit;
use crate::paths;

/// The whole expansion after the user's function.
pub(crate) fn generate(
    method: HttpMethod,
    args: &RouteArgs,
    handler: &Handler,
    resolved: &[Resolved],
) -> TokenStream {
    let fn_ident = &handler.func.sig.ident;
    let vis = &handler.func.vis;
    let template = args.template.text();
    let doc = format!(
        " The fastrs route `{} {template}`, served by [`{fn_ident}`].",
        method.as_str()
    );
    let specs: Vec<TokenStream> = handler
        .params
        .iter()
        .zip(resolved)
        .map(|(p, r)| param_spec(p, *r))
        .collect();
    let defaults = handler.params.iter().filter_map(default_fns);
    let route_def = route_def(method, args, handler);
    let document = document_fn(handler, resolved);
    let requires = requires_body(handler, resolved);
    let requirements = paths::requirements();
    let route_impl = route_impl(args, handler, resolved);
    let (registration, inventory) = (paths::registration(), paths::inventory());
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        #vis struct #fn_ident {}

        const _: () = {
            #(#defaults)*
            #(#specs)*
            #document
            fn __fastrs_requires(__fastrs_needs: &mut #requirements) {
                #requires
            }
            #route_def
            #route_impl
            #inventory::submit! {
                #registration(&__FASTRS_ROUTE)
            }
        };
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
fn wire_key(param: &Param, resolved: Resolved) -> String {
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

fn source_variant(resolved: Resolved) -> syn::Ident {
    format_ident!(
        "{}",
        match resolved {
            Resolved::Path => "Path",
            Resolved::Query => "Query",
            Resolved::Header => "Header",
            Resolved::Cookie => "Cookie",
            Resolved::Body => "Body",
            Resolved::Form => "Form",
            Resolved::Inferred | Resolved::Depends => "Inferred",
        }
    )
}

fn bound(lit: &NumLit) -> TokenStream {
    let (bound, num) = (paths::bound(), paths::num());
    let text = lit.text();
    let value = match &lit.lit {
        syn::Lit::Int(i) => {
            let v: i128 = i.base10_parse().unwrap_or_default();
            let v = Literal::i128_unsuffixed(if lit.negative { -v } else { v });
            quote!(#num::Int(#v))
        }
        syn::Lit::Float(f) => {
            let v: f64 = f.base10_parse().unwrap_or_default();
            let v = Literal::f64_unsuffixed(if lit.negative { -v } else { v });
            quote!(#num::Float(#v))
        }
        _ => unreachable!("NumLit holds numbers only"),
    };
    quote!(#bound { value: #value, text: #text })
}

/// `static __FASTRS_PARAM_X: ParamSpec = ParamSpec { ... };` with only the options given.
pub(crate) fn param_spec(param: &Param, resolved: Resolved) -> TokenStream {
    let ident = spec_ident(param);
    let name = param.ident.to_string().trim_start_matches("r#").to_owned();
    let key = wire_key(param, resolved);
    let source = source_variant(resolved);
    let (spec_ty, source_ty) = (paths::param_spec(), paths::source());
    let o = &param.options;
    let usize_lit = |l: &syn::LitInt| {
        let v: usize = l.base10_parse().unwrap_or_default();
        let v = Literal::usize_unsuffixed(v);
        quote!(#v)
    };
    let options: Vec<(&str, Option<TokenStream>)> = vec![
        (
            "default",
            o.default.as_ref().map(|_| {
                let f = default_json_ident(param);
                quote!(#f)
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
    let options = options.into_iter().filter_map(|(option, value)| {
        let setter = format_ident!("with_{option}");
        value.map(|v| quote!(.#setter(#v)))
    });
    quote! {
        static #ident: #spec_ty = #spec_ty::new(#name, #key, #source_ty::#source) #(#options)*;
    }
}

fn route_def(method: HttpMethod, args: &RouteArgs, handler: &Handler) -> TokenStream {
    let (route_def, route_options, method_ty, mount) = (
        paths::route_def(),
        paths::route_options(),
        paths::method(),
        paths::mount(),
    );
    let fn_ident = &handler.func.sig.ident;
    let name = fn_ident.to_string();
    let variant = format_ident!("{}", method.variant());
    let template = args.template.text();
    let axum_path = &args.template.axum;
    let openapi_path = &args.template.openapi;
    let doc = &handler.doc;
    let some_or_none = |v: Option<TokenStream>| {
        v.map_or_else(
            || quote!(::core::option::Option::None),
            |v| quote!(::core::option::Option::Some(#v)),
        )
    };
    let status = some_or_none(args.status.as_ref().map(|s| {
        let v = Literal::u16_unsuffixed(s.base10_parse().unwrap_or(200));
        quote!(#v)
    }));
    let tags = args.shared.tags.iter().flatten();
    let summary = some_or_none(args.summary.as_ref().map(|s| quote!(#s)));
    let description = some_or_none(args.description.as_ref().map(|s| quote!(#s)));
    let operation_id = some_or_none(args.operation_id.as_ref().map(|s| quote!(#s)));
    let deprecated = args.shared.is_deprecated();
    let include = args.shared.is_included();
    let params = handler.params.iter().map(spec_ident);
    let responses = extra_responses(args.shared.responses.iter().flatten());
    let body_limit = some_or_none(args.body_limit.as_ref().map(|(_, bytes)| {
        let bytes = Literal::usize_unsuffixed(*bytes);
        quote!(#bytes)
    }));
    let scopes = args.scopes.iter().flatten();
    let dependency_ref = paths::dependency_ref();
    let dependencies = args
        .shared
        .dependencies
        .iter()
        .flatten()
        .map(|dep| paths::respan(quote!(#dependency_ref::of::<#dep>()), dep.span()));
    let has_path_params = !args.template.params.is_empty();
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
            options: #route_options {
                status: #status,
                tags: &[#(#tags),*],
                summary: #summary,
                description: #description,
                operation_id: #operation_id,
                deprecated: #deprecated,
                include_in_schema: #include,
                responses: &[#(#responses),*],
                body_limit: #body_limit,
                scopes: &[#(#scopes),*],
                dependencies: &[#(#dependencies),*],
            },
            has_path_params: #has_path_params,
            params: &[#(&#params),*],
            mount: #mount::<__FastrsFn>,
            document: __fastrs_document,
            requires: __fastrs_requires,
        };
    }
}

/// `ExtraResponse { .. }` values of `responses(...)` entries.
pub(crate) fn extra_responses<'a>(
    entries: impl IntoIterator<Item = &'a ResponseEntry>,
) -> Vec<TokenStream> {
    let (extra_response, schema_of) = (paths::extra_response(), paths::schema_of());
    let some_or_none = |v: Option<TokenStream>| {
        v.map_or_else(
            || quote!(::core::option::Option::None),
            |v| quote!(::core::option::Option::Some(#v)),
        )
    };
    entries
        .into_iter()
        .map(|entry| {
            let status = Literal::u16_unsuffixed(entry.status.base10_parse().unwrap_or(200));
            let description = some_or_none(entry.description.as_ref().map(|d| quote!(#d)));
            let schema = some_or_none(entry.model.as_ref().map(|m| quote!(#schema_of::<#m>)));
            quote!(#extra_response { status: #status, description: #description, schema: #schema })
        })
        .collect()
}

/// The `Route` impl, and the `RouteFn` impl on a private struct: the handler's arguments, how
/// to read them (dependencies first, then every parameter, each error recorded), and how to
/// call the handler. The rest of a request's way is the runtime's (`fastrs::pipeline`).
fn route_impl(args: &RouteArgs, handler: &Handler, resolved: &[Resolved]) -> TokenStream {
    let fn_ident = &handler.func.sig.ident;
    let (route, route_fn, route_def, cx, response, responder) = (
        paths::route(),
        paths::route_fn(),
        paths::route_def(),
        paths::cx(),
        paths::response(),
        paths::responder(),
    );
    let no_args = (handler.params.is_empty() && args.shared.dependencies.is_none()).then(|| {
        quote! {
            fn no_args() -> ::core::option::Option<()> {
                ::core::option::Option::Some(())
            }
        }
    });
    let read = read_args(handler, resolved, false);
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
    quote! {
        impl #route for #fn_ident {
            fn def() -> &'static #route_def {
                &__FASTRS_ROUTE
            }
        }

        /// Reads the arguments of the handler and calls it.
        struct __FastrsFn;

        impl #route_fn for __FastrsFn {
            type Args = #args_ty;

            fn def() -> &'static #route_def {
                &__FASTRS_ROUTE
            }

            #no_args

            fn read<'a, 'r: 'a>(
                __fastrs_cx: &'a mut #cx<'r>,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<::core::option::Option<Self::Args>, #response>,
            > + ::core::marker::Send + 'a {
                #read
            }

            fn invoke(__fastrs_args: Self::Args) -> #output {
                // Named before the arguments, which may shadow it.
                let __fastrs_handler = #fn_ident;
                let #unpack = __fastrs_args;
                #call
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

/// The body of a `read` function: the `Depends<f>` parameters, then (for a dependency, after
/// marking where its own errors start) the others, then the arguments if none was refused.
pub(crate) fn read_args(handler: &Handler, resolved: &[Resolved], dependency: bool) -> TokenStream {
    if handler.params.is_empty() {
        return quote!(async { ::core::result::Result::Ok(::core::option::Option::Some(())) });
    }
    let (probe_traits, dep_traits, all_some) = (
        paths::probe_traits(),
        paths::dep_traits(),
        paths::all_some(),
    );
    let answer = |response: TokenStream| quote!(return ::core::result::Result::Err(#response));
    let deps = dep_phase(handler, resolved, &answer);
    let begin_own = dependency.then(|| quote!(__fastrs_cx.begin_own_params();));
    let reads = own_phase(handler, resolved, &answer);
    let idents = handler.params.iter().map(|p| &p.ident);
    quote! {
        async move {
            use #probe_traits;
            use #dep_traits;
            #deps
            #begin_own
            #reads
            ::core::result::Result::Ok(#all_some((#(#idents,)*)))
        }
    }
}

fn dep_ident(param: &Param) -> syn::Ident {
    format_ident!(
        "__fastrs_dep_{}",
        param.ident.to_string().trim_start_matches("r#")
    )
}

/// The dependency phase: each unmarked parameter that is a `Depends<F>` is resolved, in
/// declaration order, before anything else is read. `answer` says what to do with a
/// dependency's own answer (an `HttpError`): return it.
pub(crate) fn dep_phase(
    handler: &Handler,
    resolved: &[Resolved],
    answer: &dyn Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    let (dep_probe, dep_outcome) = (paths::dep_probe(), paths::dep_outcome());
    let answered = answer(quote!(*response));
    let deps = handler
        .params
        .iter()
        .zip(resolved)
        .filter(|(_, r)| matches!(**r, Resolved::Inferred | Resolved::Depends))
        .map(|(p, r)| {
            let ident = dep_ident(p);
            let ty = &p.ty;
            if *r == Resolved::Depends {
                let target = depends_target(ty).expect("resolved as `Depends<f>`");
                let resolve_dependency = paths::resolve_dependency();
                let resolve = paths::respan(
                    quote!(#resolve_dependency::<#target>(__fastrs_cx)),
                    target.span(),
                );
                return quote! {
                    let #ident = match #resolve.await {
                        ::core::result::Result::Err(response) => #answered,
                        ::core::result::Result::Ok(value) => value,
                    };
                };
            }
            quote! {
                // `Some` once resolved (`Some(None)`: refused), `None` for another type.
                let #ident = if (&&#dep_probe::<#ty>::new()).__fastrs_is_dependency() {
                    match (&&#dep_probe::<#ty>::new()).__fastrs_resolve(__fastrs_cx).await {
                        #dep_outcome::Answer(response) => #answered,
                        #dep_outcome::Resolved(value) => ::core::option::Option::Some(value),
                        #dep_outcome::NotADependency => ::core::option::Option::None,
                    }
                } else {
                    ::core::option::Option::None
                };
            }
        });
    quote!(#(#deps)*)
}

/// How many body parameters there are, as `usize` terms: one per `#[body]`, and one per
/// unmarked model (decided by type).
fn body_terms(pairs: &[(&Param, Resolved)]) -> Vec<TokenStream> {
    let (probe, kind) = (paths::probe(), paths::kind());
    pairs
        .iter()
        .filter_map(|(p, r)| {
            let ty = &p.ty;
            match r {
                Resolved::Body => Some(quote!(1usize)),
                Resolved::Inferred => Some(quote! {
                    usize::from((&&&#probe::<#ty>::new()).__fastrs_kind() == #kind::Model)
                }),
                _ => None,
            }
        })
        .collect()
}

/// The reading phase: the body when a parameter needs it, then every parameter as
/// `let name: Option<T> = ...;`.
pub(crate) fn own_phase(
    handler: &Handler,
    resolved: &[Resolved],
    answer: &dyn Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    let has_form = resolved.contains(&Resolved::Form);
    let pairs: Vec<(&Param, Resolved)> = handler
        .params
        .iter()
        .zip(resolved.iter().copied())
        .collect();
    let body_terms = body_terms(&pairs);
    let body_setup = if has_form || !body_terms.is_empty() {
        let count = if body_terms.is_empty() {
            quote!(0usize)
        } else {
            quote!(#(#body_terms)+*)
        };
        let condition = if has_form {
            quote!(true)
        } else {
            quote!(__fastrs_bodies > 0)
        };
        let answered = answer(quote!(rejection));
        quote! {
            let __fastrs_bodies: usize = #count;
            if #condition {
                if let ::core::result::Result::Err(rejection) =
                    __fastrs_cx.read_body(__fastrs_bodies).await
                {
                    #answered;
                }
            }
        }
    } else {
        quote!()
    };
    let reads = pairs.iter().map(|(p, r)| read_param(p, *r));
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

fn default_json_ident(param: &Param) -> syn::Ident {
    format_ident!(
        "__fastrs_default_json_{}",
        param.ident.to_string().trim_start_matches("r#")
    )
}

/// For a parameter with a default: `fn __fastrs_default_limit() -> u32 { 10 }`, and its JSON
/// for the documentation (when the type is `Serialize`).
pub(crate) fn default_fns(param: &Param) -> Option<TokenStream> {
    let default = param.options.default.as_ref()?;
    let (ident, json_ident) = (default_ident(param), default_json_ident(param));
    let ty = &param.ty;
    let value = match default {
        Some(expr) => quote!(#expr),
        None => quote!(<#ty as ::core::default::Default>::default()),
    };
    let (json_of, json_value, json_traits) =
        (paths::json_of(), paths::value(), paths::json_traits());
    Some(quote! {
        fn #ident() -> #ty {
            #value
        }
        fn #json_ident() -> ::core::option::Option<#json_value> {
            use #json_traits;
            (&&#json_of::<#ty>::new()).__fastrs_json(&#ident())
        }
    })
}

/// `let name = <read>;` and, for values that may be models, garde's check.
pub(crate) fn read_param(param: &Param, resolved: Resolved) -> TokenStream {
    let ident = &param.ident;
    let ty = &param.ty;
    let spec = spec_ident(param);
    let default = if param.options.default.is_some() {
        let f = default_ident(param);
        quote!(::core::option::Option::Some(#f as fn() -> #ty))
    } else {
        quote!(::core::option::Option::None)
    };
    let (probe, source) = (paths::probe(), paths::source());
    let span = ty.span();
    if resolved == Resolved::Depends {
        // Resolved in the dependency phase; nothing to check.
        let dep = dep_ident(param);
        return quote!(let #ident = #dep;);
    }
    let read = match resolved {
        Resolved::Depends => unreachable!("returned above"),
        Resolved::Path => quote_spanned! {span=>
            __fastrs_cx.param::<#ty>(&#spec, #source::Path, #default)
        },
        Resolved::Body => quote_spanned! {span=>
            __fastrs_cx.body::<#ty>(&#spec, #default)
        },
        Resolved::Inferred => {
            let dep = dep_ident(param);
            let extract = paths::respan(
                quote!((&&&#probe::<#ty>::new()).__fastrs_extract_unmarked(__fastrs_cx, &#spec, #default)),
                span,
            );
            quote! {
                match #dep {
                    ::core::option::Option::Some(value) => value,
                    ::core::option::Option::None => #extract,
                }
            }
        }
        // A list is a list of scalars (`?tag=a&tag=b`), never a parameter model.
        Resolved::Query | Resolved::Header | Resolved::Cookie | Resolved::Form if is_list(ty) => {
            let variant = source_variant(resolved);
            quote_spanned! {span=>
                __fastrs_cx.param::<#ty>(&#spec, #source::#variant, #default)
            }
        }
        Resolved::Query | Resolved::Header | Resolved::Cookie | Resolved::Form => {
            quote_spanned! {span=>
                (&&#probe::<#ty>::new()).__fastrs_extract(__fastrs_cx, &#spec, #default)
            }
        }
    };
    let read = if resolved == Resolved::Inferred {
        read
    } else {
        paths::respan(read, span)
    };
    let validate = if resolved == Resolved::Path {
        quote!()
    } else {
        let check = paths::check();
        quote! {
            if let ::core::option::Option::Some(__fastrs_value) = &#ident {
                (&&#check::<#ty>::new()).__fastrs_validate(__fastrs_value, __fastrs_cx, &#spec);
            }
        }
    };
    quote! {
        let #ident: ::core::option::Option<#ty> = #read;
        #validate
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

/// The statements documenting each parameter, chosen by type as the request is read: unmarked,
/// framework value, scalar, then model; marked, scalar, then model; the body, model only. The
/// last level of each is silent (the reading code reports misuse).
pub(crate) fn document_params(handler: &Handler, resolved: &[Resolved]) -> TokenStream {
    let (doc, doc_traits) = (paths::doc(), paths::doc_traits());
    let params = handler.params.iter().zip(resolved).map(|(p, r)| {
        let ty = &p.ty;
        let spec = spec_ident(p);
        let call = match r {
            Resolved::Depends => {
                let target = depends_target(ty).expect("resolved as `Depends<f>`");
                let dependency = paths::dependency();
                let call = quote!(<#target as #dependency>::document(__fastrs_doc));
                let call = paths::respan(call, target.span());
                return quote!(#call;);
            }
            Resolved::Inferred => {
                quote!((&&&&#doc::<#ty>::new()).__fastrs_document(__fastrs_doc, &#spec))
            }
            Resolved::Body => {
                quote!((&&#doc::<#ty>::new()).__fastrs_document(__fastrs_doc, &#spec))
            }
            _ => quote!((&&&#doc::<#ty>::new()).__fastrs_document(__fastrs_doc, &#spec)),
        };
        let call = paths::respan(call, ty.span());
        quote!(#call;)
    });
    quote! {
        use #doc_traits;
        #(#params)*
    }
}

/// `fn __fastrs_document(doc)`: each parameter, and the answer. The route's scopes and
/// `dependencies = [...]` are data the runtime documents first.
pub(crate) fn document_fn(handler: &Handler, resolved: &[Resolved]) -> TokenStream {
    let (route_doc, returns) = (paths::route_doc(), paths::returns());
    let params = document_params(handler, resolved);
    let response = match &handler.func.sig.output {
        syn::ReturnType::Default => {
            quote!((&&#returns::<()>::new()).__fastrs_response(__fastrs_doc);)
        }
        syn::ReturnType::Type(_, ty) if contains_impl_trait(ty) => quote!(),
        syn::ReturnType::Type(_, ty) => {
            quote!((&&#returns::<#ty>::new()).__fastrs_response(__fastrs_doc);)
        }
    };
    quote! {
        fn __fastrs_document(__fastrs_doc: &mut #route_doc<'_>) {
            #params
            #response
        }
    }
}

/// An `impl Trait` return type cannot be named; its answer is left undescribed.
fn contains_impl_trait(ty: &syn::Type) -> bool {
    quote!(#ty).to_string().contains("impl ")
}

/// What the app must provide for these parameters (`State<T>`, and what dependencies need),
/// the path parameters they read and how many body parameters.
pub(crate) fn requires_body(handler: &Handler, resolved: &[Resolved]) -> TokenStream {
    let (needs, needs_traits, probe_traits) =
        (paths::needs(), paths::needs_traits(), paths::probe_traits());
    let pairs: Vec<(&Param, Resolved)> = handler
        .params
        .iter()
        .zip(resolved.iter().copied())
        .collect();
    let needs_calls: Vec<TokenStream> = pairs
        .iter()
        .filter(|(_, r)| *r == Resolved::Inferred)
        .map(|(p, _)| {
            let ty = &p.ty;
            quote!((&&#needs::<#ty>::new()).__fastrs_require(__fastrs_needs);)
        })
        .collect();
    let require_dependency = paths::require_dependency();
    let depends_calls: Vec<TokenStream> = pairs
        .iter()
        .filter(|(_, r)| *r == Resolved::Depends)
        .map(|(p, _)| {
            let target = depends_target(&p.ty).expect("resolved as `Depends<f>`");
            let call = quote!(#require_dependency::<#target>(__fastrs_needs););
            paths::respan(call, target.span())
        })
        .collect();
    let path_calls: Vec<TokenStream> = pairs
        .iter()
        .filter(|(_, r)| *r == Resolved::Path)
        .map(|(p, _)| {
            let spec = spec_ident(p);
            quote!(__fastrs_needs.path_param(#spec.key);)
        })
        .collect();
    let body_terms = body_terms(&pairs);
    if needs_calls.is_empty()
        && depends_calls.is_empty()
        && path_calls.is_empty()
        && body_terms.is_empty()
    {
        return quote!(let _ = __fastrs_needs;);
    }
    let needs_uses = if needs_calls.is_empty() {
        quote!()
    } else {
        quote!(use #needs_traits;)
    };
    let (probe_uses, bodies) = if body_terms.is_empty() {
        (quote!(), quote!())
    } else {
        (
            quote!(use #probe_traits;),
            quote!(__fastrs_needs.bodies(#(#body_terms)+*);),
        )
    };
    quote! {
        #needs_uses
        #probe_uses
        #(#needs_calls)*
        #(#depends_calls)*
        #(#path_calls)*
        #bodies
    }
}
