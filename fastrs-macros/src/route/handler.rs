//! `Handler`: the user's function and its parameters, with their sources and options.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{FnArg, Ident, ItemFn, Pat, Type};

use super::param_attr::{ParamOptions, SourceAttr};
use crate::ctxt::Ctxt;

/// Why a parameter cannot be borrowed: what it reads outlives no request, so it is owned.
fn borrowed(elem: &Type) -> String {
    let owned = match elem {
        Type::Path(path) if path.path.is_ident("str") => "String".to_owned(),
        Type::Slice(slice) => {
            let item = &slice.elem;
            format!("Vec<{}>", quote::quote!(#item))
        }
        other => quote::quote!(#other).to_string(),
    };
    format!(
        "a parameter is read from the request into a value it owns; take `{owned}` instead of a reference"
    )
}

/// One argument of the handler.
pub(crate) struct Param {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    /// The source attribute, with its span.
    pub(crate) source: Option<(SourceAttr, Span)>,
    pub(crate) options: ParamOptions,
}

/// The handler: its function with fastrs' parameter attributes removed, and its parameters.
pub(crate) struct Handler {
    pub(crate) func: ItemFn,
    pub(crate) params: Vec<Param>,
    pub(crate) doc: String,
}

impl Handler {
    /// Reads the function. Problems go to `cx`; the function comes back stripped of fastrs'
    /// attributes in any case, so that it can always be re-emitted.
    pub(crate) fn parse(func: ItemFn, cx: &mut Ctxt) -> Self {
        Self::parse_with(func, cx, true)
    }

    /// Reads a function whose parameters are read like a route's; `require_async` refuses a
    /// plain `fn` (routes), dependencies may be either.
    pub(crate) fn parse_with(mut func: ItemFn, cx: &mut Ctxt, require_async: bool) -> Self {
        if require_async && func.sig.asyncness.is_none() {
            cx.error_spanned_by(
                func.sig.fn_token,
                format!(
                    "a route handler must be an `async fn`; write `async fn {}`",
                    func.sig.ident
                ),
            );
        }
        if !func.sig.generics.params.is_empty() || func.sig.generics.where_clause.is_some() {
            cx.error_spanned_by(
                &func.sig.generics,
                "a route handler or dependency cannot be generic; its parameters have concrete types",
            );
        }
        let mut params = Vec::new();
        for arg in &mut func.sig.inputs {
            match arg {
                FnArg::Receiver(receiver) => cx.error_spanned_by(
                    &*receiver,
                    "a route handler or dependency cannot take `self`; it is a free function (use `State` for shared data)",
                ),
                FnArg::Typed(pat_type) => {
                    let (source, options) = take_param_attrs(&mut pat_type.attrs, cx);
                    let ident = match &*pat_type.pat {
                        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => p.ident.clone(),
                        other => {
                            cx.error_spanned_by(
                                other,
                                "a route parameter must be a plain name, such as `item_id: u64`; its name is the parameter's name",
                            );
                            continue;
                        }
                    };
                    if let Type::Reference(reference) = &*pat_type.ty {
                        cx.error_spanned_by(reference, borrowed(&reference.elem));
                        continue;
                    }
                    params.push(Param {
                        ident,
                        ty: (*pat_type.ty).clone(),
                        source,
                        options,
                    });
                }
            }
        }
        let doc = doc_of(&func.attrs);
        Self { func, params, doc }
    }
}

/// Removes `#[path]`, `#[query(..)]`, ... from an argument and parses them.
fn take_param_attrs(
    attrs: &mut Vec<syn::Attribute>,
    cx: &mut Ctxt,
) -> (Option<(SourceAttr, Span)>, ParamOptions) {
    let mut source: Option<(SourceAttr, Span)> = None;
    let mut options = ParamOptions::default();
    attrs.retain(|attr| {
        let Some(kind) = attr.path().get_ident().and_then(SourceAttr::from_ident) else {
            return true;
        };
        let span = attr.path().span();
        if let Some((first, _)) = source {
            cx.error_spanned_by(
                attr,
                format!(
                    "this parameter is already marked `#[{}]`; a parameter has one source",
                    first.name()
                ),
            );
            return false;
        }
        source = Some((kind, span));
        match &attr.meta {
            syn::Meta::Path(_) => {}
            syn::Meta::List(list) => {
                if let Some(parsed) = cx.ok(list.parse_args::<ParamOptions>()) {
                    options = parsed;
                }
            }
            syn::Meta::NameValue(nv) => cx.error_spanned_by(
                nv,
                format!(
                    "write `#[{0}]` or `#[{0}(option = value, ...)]`",
                    kind.name()
                ),
            ),
        }
        false
    });
    (source, options)
}

/// The doc comment, one line per `///` line, with the leading space removed.
fn doc_of(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).to_owned())
        .collect();
    lines.join("\n").trim().to_owned()
}
