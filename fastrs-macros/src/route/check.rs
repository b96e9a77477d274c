//! Checks that need several facts at once: the template against the arguments, one body kind,
//! options that fit their source. Each error is spanned on the culprit.

use super::args::RouteArgs;
use super::handler::{Handler, Param};
use super::param_attr::SourceAttr;
use crate::ctxt::Ctxt;

/// Where a parameter's value comes from, once the template is known.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Resolved<'h> {
    Path,
    Query,
    Header,
    Cookie,
    Body,
    Form,
    /// Unmarked and not in the template: the type decides (scalar: query; model: body).
    Inferred,
    /// Unmarked and written `Depends<f>`: dependency `f`, resolved without probing the type.
    Depends(&'h syn::Type),
}

impl PartialEq for Resolved<'_> {
    /// The same source (two `Depends` are alike whatever their targets).
    fn eq(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// A handler's parameter with where its value comes from: what code generation reads.
#[derive(Clone, Copy)]
pub(crate) struct Arg<'h> {
    pub(crate) param: &'h Param,
    pub(crate) source: Resolved<'h>,
}

/// The `f` of a type written `Depends<f>`.
pub(crate) fn depends_target(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Depends" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(target) if args.args.len() == 1 => Some(target),
        _ => None,
    }
}

/// Resolves each parameter's source and checks the route as a whole.
pub(crate) fn resolve<'h>(args: &RouteArgs, handler: &'h Handler, cx: &mut Ctxt) -> Vec<Arg<'h>> {
    let names: Vec<String> = handler.params.iter().map(|p| p.ident.to_string()).collect();
    // With a dependency, a `<name>` may be read by it (`#[path] name`): checked at start-up.
    let has_dependency = args
        .shared
        .dependencies
        .as_ref()
        .is_some_and(|d| !d.is_empty())
        || handler.params.iter().any(|p| names_depends(&p.ty));
    for segment in &args.template.params {
        if !names.contains(&segment.name) && !has_dependency {
            let listed = if names.is_empty() {
                "the handler has no arguments".to_owned()
            } else {
                format!(
                    "the handler's arguments are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.error_spanned_by(
                &args.template.lit,
                format!(
                    "`<{}>` in the path has no matching argument; {listed} (a dependency may read it with `#[path] {}`)",
                    segment.name, segment.name
                ),
            );
        }
    }
    let resolved: Vec<Arg<'_>> = handler
        .params
        .iter()
        .map(|param| Arg {
            param,
            source: resolve_one(args, param, cx),
        })
        .collect();
    check_one_body(&resolved, cx);
    for arg in &resolved {
        check_options(arg.param, arg.source, cx);
    }
    resolved
}

/// Whether `ty` is written `Depends<...>` (a dependency, as far as syntax tells).
fn names_depends(ty: &syn::Type) -> bool {
    depends_target(ty).is_some()
}

fn resolve_one<'h>(args: &RouteArgs, param: &'h Param, cx: &mut Ctxt) -> Resolved<'h> {
    let name = param.ident.to_string();
    let in_template = args.template.params.iter().any(|s| s.name == name);
    match param.source {
        None if in_template => Resolved::Path,
        None => unmarked(param),
        Some((SourceAttr::Path, _)) if in_template => Resolved::Path,
        Some((SourceAttr::Path, span)) => {
            cx.push(syn::Error::new(
                span,
                format!(
                    "`{name}` is marked `#[path]` but the path `{}` has no `<{name}>`",
                    args.template.text()
                ),
            ));
            Resolved::Path
        }
        Some((kind, span)) if in_template => {
            cx.push(syn::Error::new(
                span,
                format!(
                    "`{name}` is in the path as `<{name}>` but marked `#[{}]`; remove the attribute or rename one of them",
                    kind.name()
                ),
            ));
            Resolved::Path
        }
        Some((SourceAttr::Query, _)) => Resolved::Query,
        Some((SourceAttr::Header, _)) => Resolved::Header,
        Some((SourceAttr::Cookie, _)) => Resolved::Cookie,
        Some((SourceAttr::Body, _)) => Resolved::Body,
        Some((SourceAttr::Form | SourceAttr::File, _)) => Resolved::Form,
    }
}

/// An unmarked parameter not in the template: `Depends<f>`, or decided by its type.
fn unmarked(param: &Param) -> Resolved<'_> {
    match depends_target(&param.ty) {
        Some(target) => Resolved::Depends(target),
        None => Resolved::Inferred,
    }
}

/// A request has one body: JSON (`#[body]`) or a form (`#[form]`), not both.
fn check_one_body(args: &[Arg<'_>], cx: &mut Ctxt) {
    let first_of = |kind: Resolved<'_>| {
        args.iter()
            .find(|arg| arg.source == kind)
            .map(|arg| arg.param)
    };
    if let (Some(json), Some(form)) = (first_of(Resolved::Body), first_of(Resolved::Form)) {
        let (_, span) = form.source.expect("a form parameter has its attribute");
        cx.push(syn::Error::new(
            span,
            format!(
                "`{}` reads a form field but `{}` reads the JSON body; a request has one body, so use `#[form]` or `#[body]` for both",
                form.ident, json.ident
            ),
        ));
    }
}

fn check_options(param: &Param, source: Resolved<'_>, cx: &mut Ctxt) {
    let o = &param.options;
    if let Some(span) = o.embed
        && source != Resolved::Body
    {
        cx.push(syn::Error::new(
            span,
            "`embed` applies to `#[body]` parameters only",
        ));
    }
    if o.default.is_some() && source == Resolved::Path {
        cx.error_spanned_by(
            &param.ident,
            "a path parameter cannot have a default: the route matches only when the path has it",
        );
    }
    if let Some(pattern) = &o.pattern
        && let Err(e) = regex::Regex::new(&pattern.value())
    {
        let reason = e.to_string();
        let reason = reason.lines().last().unwrap_or_default().trim();
        cx.error_spanned_by(
            pattern,
            format!("`pattern` is not a valid regular expression: {reason}"),
        );
    }
    if let (Some(min), Some(max)) = (&o.min_length, &o.max_length)
        && min.value > max.value
    {
        cx.push(syn::Error::new(
            max.span,
            format!(
                "`max_length = {}` is below `min_length = {}`",
                max.value, min.value
            ),
        ));
    }
}

/// A dependency's parameters: unmarked ones are decided by type; `#[path]` reads the matched
/// route's path.
pub(crate) fn resolve_dependency<'h>(handler: &'h Handler, cx: &mut Ctxt) -> Vec<Arg<'h>> {
    let resolved: Vec<Arg<'h>> = handler
        .params
        .iter()
        .map(|param| {
            let source = match param.source {
                None => unmarked(param),
                Some((SourceAttr::Path, _)) => Resolved::Path,
                Some((SourceAttr::Query, _)) => Resolved::Query,
                Some((SourceAttr::Header, _)) => Resolved::Header,
                Some((SourceAttr::Cookie, _)) => Resolved::Cookie,
                Some((SourceAttr::Body, _)) => Resolved::Body,
                Some((SourceAttr::Form | SourceAttr::File, _)) => Resolved::Form,
            };
            Arg { param, source }
        })
        .collect();
    check_one_body(&resolved, cx);
    for arg in &resolved {
        check_options(arg.param, arg.source, cx);
    }
    resolved
}
