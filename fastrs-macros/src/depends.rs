//! `#[depends]`: a function whose value routes and other dependencies ask for with
//! `Depends<f>`. Its parameters are read like a route's.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;

use crate::ctxt::Ctxt;
use crate::paths;
use crate::route::check::resolve_dependency;
use crate::route::codegen::{
    default_fns, dep_phase, document_params, own_phase, param_spec, requires_body,
};
use crate::route::handler::Handler;

mod kw {
    syn::custom_keyword!(no_cache);
}

/// `#[depends]` or `#[depends(no_cache)]`.
struct DependsArgs {
    no_cache: bool,
}

impl Parse for DependsArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = DependsArgs { no_cache: false };
        while !input.is_empty() {
            let lookahead = input.lookahead1();
            if lookahead.peek(kw::no_cache) {
                let key = input.parse::<kw::no_cache>()?;
                if std::mem::replace(&mut args.no_cache, true) {
                    return Err(syn::Error::new(
                        key.span,
                        "`no_cache` is given twice; keep one",
                    ));
                }
            } else {
                return Err(lookahead.error());
            }
            if !input.is_empty() {
                input.parse::<syn::Token![,]>()?;
            }
        }
        Ok(args)
    }
}

pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let func: syn::ItemFn = syn::parse2(item)
        .map_err(|e| syn::Error::new(e.span(), "`#[depends]` goes on a function"))?;
    let mut cx = Ctxt::default();
    let args = cx.ok(syn::parse2::<DependsArgs>(attr));
    let handler = Handler::parse_with(func, &mut cx, false);
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
    resolved: &[crate::route::check::Resolved],
) -> TokenStream {
    let fn_ident = &handler.func.sig.ident;
    let vis = &handler.func.vis;
    let doc =
        format!(" The fastrs dependency [`{fn_ident}`]: ask for it with `Depends<{fn_ident}>`.");
    let (output, fallible) = output_of(&handler.func.sig.output);
    let cached = !args.no_cache;
    let (dependency, resolution, cx, probe_traits, dep_traits) = (
        paths::dependency(),
        paths::resolution(),
        paths::cx(),
        paths::probe_traits(),
        paths::dep_traits(),
    );
    let specs = handler
        .params
        .iter()
        .zip(resolved)
        .map(|(p, r)| param_spec(p, *r));
    let defaults = handler.params.iter().filter_map(default_fns);
    let answer = |response: TokenStream| quote!(return #resolution::answer(#response));
    let deps = dep_phase(handler, resolved, &answer);
    let reads = own_phase(handler, resolved, &answer);
    let idents: Vec<&syn::Ident> = handler.params.iter().map(|p| &p.ident).collect();
    let call = if handler.func.sig.asyncness.is_some() {
        quote!(__fastrs_handler(#(#idents),*).await)
    } else {
        quote!(__fastrs_handler(#(#idents),*))
    };
    let into_response = paths::into_response();
    let into_response = quote!(#into_response::into_response);
    let value = if fallible {
        quote! {
            match #call {
                ::core::result::Result::Ok(value) => #resolution::Value(value),
                ::core::result::Result::Err(error) => #resolution::answer(#into_response(error)),
            }
        }
    } else {
        quote!(#resolution::Value(#call))
    };
    let output_span = match &handler.func.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => fn_ident.span(),
    };
    let output_ty = quote_spanned!(output_span=> #output);
    let requires = requires_body(handler, resolved);
    let requirements = paths::requirements();
    let document = document_params(handler, resolved);
    let route_doc = paths::route_doc();
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        #vis struct #fn_ident {}

        const _: () = {
            #(#defaults)*
            #(#specs)*

            impl #dependency for #fn_ident {
                type Output = #output_ty;
                const CACHED: bool = #cached;

                fn require(__fastrs_needs: &mut #requirements) {
                    #requires
                }

                fn document(__fastrs_doc: &mut #route_doc<'_>) {
                    #document
                }

                fn resolve<'a, 'r: 'a>(
                    __fastrs_cx: &'a mut #cx<'r>,
                ) -> impl ::core::future::Future<Output = #resolution<Self::Output>> + ::core::marker::Send + 'a {
                    async move {
                        use #probe_traits;
                        use #dep_traits;
                        let __fastrs_handler = #fn_ident;
                        #deps
                        let __fastrs_start = __fastrs_cx.error_count();
                        #reads
                        __fastrs_cx.close_unit(__fastrs_start);
                        match (#(#idents,)*) {
                            (#(::core::option::Option::Some(#idents),)*)
                                if __fastrs_cx.error_count() == __fastrs_start =>
                            {
                                #value
                            }
                            _ => #resolution::Invalid,
                        }
                    }
                }
            }
        };
    }
}
