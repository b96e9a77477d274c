//! `#[depends]`: a function whose value routes and other dependencies ask for with
//! `Depends<f>`. Its parameters are read like a route's.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;

use crate::attr::{parse_keys, parse_options};
use crate::ctxt::Ctxt;
use crate::paths;
use crate::route::check::resolve_dependency;
use crate::route::codegen::{args_of, default_fns, describe_params, param_spec, read_fn};
use crate::route::handler::Handler;

mod kw {
    syn::custom_keyword!(no_cache);
    syn::custom_keyword!(app);
    syn::custom_keyword!(scopes);
}

/// `#[depends]`, with `no_cache`, `app` or `scopes = [...]`.
struct DependsArgs {
    no_cache: Option<proc_macro2::Span>,
    /// Built once for the app, not per request.
    app: Option<proc_macro2::Span>,
    /// `scopes = ["me"]`: scopes the request's security schemes must grant once this
    /// dependency is used.
    scopes: Option<Vec<syn::LitStr>>,
}

impl DependsArgs {
    fn parse_option(
        &mut self,
        input: ParseStream<'_>,
        lookahead: &syn::parse::Lookahead1<'_>,
    ) -> syn::Result<bool> {
        parse_keys!(input, lookahead, span;
            no_cache => self.no_cache, span;
            scopes => self.scopes, crate::attr::parse_list(input)?;
            app => self.app, span;
        );
        Ok(false)
    }
}

impl Parse for DependsArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = DependsArgs {
            no_cache: None,
            app: None,
            scopes: None,
        };
        parse_options(input, |input, lookahead| {
            args.parse_option(input, lookahead)
        })?;
        if let (Some(_), Some(app)) = (args.no_cache, args.app) {
            return Err(syn::Error::new(
                app,
                "`app` and `no_cache` contradict each other: an app-scoped dependency is built once for the app",
            ));
        }
        Ok(args)
    }
}

/// The `X` of a type written `State<X>` or `Depends<X>`, with which of the two it is.
fn wrapper_of(ty: &syn::Type) -> Option<(&'static str, &syn::Type)> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    let kind = match last.ident.to_string().as_str() {
        "State" => "State",
        "Depends" => "Depends",
        _ => return None,
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some((kind, inner)),
        _ => None,
    }
}

/// An app-scoped dependency reads no request: only `State<T>` and other app-scoped
/// dependencies.
fn check_app_scoped(handler: &Handler, cx: &mut Ctxt) {
    for param in &handler.params {
        let allowed = param.source.is_none() && wrapper_of(&param.ty).is_some();
        if !allowed {
            cx.push(syn::Error::new(
                param.ty.span(),
                format!(
                    "`{}` is read from the request, but an app-scoped dependency (`#[depends(app)]`) is built once for the app; it can take `State<T>` and `Depends<g>` of app-scoped `g` only",
                    param.ident
                ),
            ));
        }
    }
}

pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let func: syn::ItemFn = syn::parse2(item)
        .map_err(|e| syn::Error::new(e.span(), "`#[depends]` goes on a function"))?;
    let mut cx = Ctxt::default();
    let args = cx.ok(syn::parse2::<DependsArgs>(attr));
    let handler = Handler::parse_with(func, &mut cx, false);
    if args.as_ref().is_some_and(|a| a.app.is_some()) {
        check_app_scoped(&handler, &mut cx);
    }
    let resolved = resolve_dependency(&handler, &mut cx);
    let func = &handler.func;
    match (cx.check(), args) {
        (Ok(()), Some(args)) => {
            let dependency = generate(&args, &handler, &resolved);
            Ok(quote! {
                #func
                #dependency
            })
        }
        (result, _) => {
            let errors = result.err().map(syn::Error::into_compile_error);
            Ok(quote! {
                #func
                #errors
            })
        }
    }
}

/// `Result<T, E>` gives `T` and answers `E`; any other type is the value itself.
fn output_of(output: &syn::ReturnType) -> (TokenStream, bool) {
    let syn::ReturnType::Type(_, ty) = output else {
        return (quote!(()), false);
    };
    if let syn::Type::Path(path) = &**ty
        && let Some(last) = path.path.segments.last()
        && last.ident == "Result"
        && let syn::PathArguments::AngleBracketed(args) = &last.arguments
        && args.args.len() == 2
        && let Some(syn::GenericArgument::Type(ok)) = args.args.first()
    {
        return (quote!(#ok), true);
    }
    (quote!(#ty), false)
}

fn generate(
    args: &DependsArgs,
    handler: &Handler,
    params: &[crate::route::check::Arg<'_>],
) -> TokenStream {
    let fn_ident = &handler.func.sig.ident;
    let vis = &handler.func.vis;
    let doc =
        format!(" The fastrs dependency [`{fn_ident}`]: ask for it with `Depends<{fn_ident}>`.");
    let (output, fallible) = output_of(&handler.func.sig.output);
    let cached = args.no_cache.is_none();
    let fact = paths::fact();
    let scope_fact = args
        .scopes
        .as_ref()
        .map(|scopes| quote!(__fastrs_meta.push(#fact::Scopes(&[#(#scopes),*]));));
    let app_scoped = args.app.is_some();
    // An app-scoped dependency's own dependencies must be app-scoped too.
    let dependency = paths::dependency();
    let app_scoped_deps = if app_scoped {
        let asserts = handler
            .params
            .iter()
            .filter_map(|p| match wrapper_of(&p.ty) {
                Some(("Depends", inner)) => Some(quote_spanned! {inner.span()=>
                    const _: () = ::core::assert!(
                        <#inner as #dependency>::APP_SCOPED,
                        "an app-scoped dependency (`#[depends(app)]`) can depend only on app-scoped dependencies"
                    );
                }),
                _ => None,
            });
        quote!(#(#asserts)*)
    } else {
        quote!()
    };
    let (dependency_fn, resolve_fn, resolution, cx, response) = (
        paths::dependency_fn(),
        paths::resolve_fn(),
        paths::resolution(),
        paths::cx(),
        paths::response(),
    );
    let specs = params.iter().map(param_spec);
    let defaults = handler.params.iter().filter_map(default_fns);
    let read = read_fn(params, true);
    let (args_ty, unpack, idents) = args_of(handler);
    let call = if handler.func.sig.asyncness.is_some() {
        quote!(__fastrs_handler(#(#idents),*).await)
    } else {
        quote!(__fastrs_handler(#(#idents),*))
    };
    let raise = paths::raise();
    let value = if fallible {
        quote!(#call.map_err(#raise))
    } else {
        quote!(::core::result::Result::Ok(#call))
    };
    let scopes = args
        .scopes
        .as_ref()
        .map(|scopes| quote!(const SCOPES: &'static [&'static str] = &[#(#scopes),*];));
    let output_span = match &handler.func.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => fn_ident.span(),
    };
    let output_ty = quote_spanned!(output_span=> #output);
    let describe = describe_params(params);
    let meta = paths::meta();
    let kinds = paths::kind_traits();
    let body = paths::hygienic(quote! {
        // The probe levels, for every function below.
        use #kinds;
        #(#defaults)*
        #(#specs)*
        #app_scoped_deps

        impl #dependency for #fn_ident {
            type Output = #output_ty;
            const CACHED: bool = #cached;
            const APP_SCOPED: bool = #app_scoped;

            fn describe(__fastrs_meta: &mut #meta) {
                #scope_fact
                #describe
            }

            fn resolve<'a, 'r: 'a>(
                __fastrs_cx: &'a mut #cx<'r>,
            ) -> impl ::core::future::Future<Output = #resolution<Self::Output>> + ::core::marker::Send + 'a {
                #resolve_fn::<__FastrsFn>(__fastrs_cx)
            }
        }

        struct __FastrsFn;

        impl #dependency_fn for __FastrsFn {
            type Output = #output_ty;
            type Args = #args_ty;
            #scopes

            #read

            fn invoke(
                __fastrs_args: Self::Args,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<Self::Output, #response>,
            > + ::core::marker::Send {
                // Named before the arguments, which may shadow it.
                let __fastrs_handler = #fn_ident;
                let #unpack = __fastrs_args;
                async move { #value }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        #vis struct #fn_ident {}

        const _: () = { #body };
    }
}
