//! One pass of checks over a parsed declaration; each rule is a function.

use std::collections::HashMap;

use quote::ToTokens;

use crate::ast::{self, Field, Shape};
use crate::attr::{FieldRole, Paginate};
use crate::common::Common;
use crate::ctxt::Ctxt;
use crate::symbol::RESPONSE;

/// Every field rule for the fields of one struct.
pub(crate) fn check_fields(cx: &mut Ctxt, fields: &[Field<'_>], role: FieldRole, is_action: bool) {
    for field in fields {
        check_type(cx, field);
        if role == FieldRole::Request {
            check_base64(cx, field);
            check_required(cx, field);
            if is_action {
                check_not_common(cx, field);
            }
        }
    }
    check_duplicate_wire_names(cx, fields);
}

fn check_type(cx: &mut Ctxt, field: &Field<'_>) {
    if let Some((ty, why)) = ast::unsupported_type(field.ty) {
        cx.error_spanned_by(ty, why);
    }
}

fn check_duplicate_wire_names(cx: &mut Ctxt, fields: &[Field<'_>]) {
    let mut seen: HashMap<&str, &Field<'_>> = HashMap::new();
    for field in fields {
        if let Some(first) = seen.insert(&field.wire_name, field) {
            let culprit: &dyn ToTokens = match &field.attrs.rename {
                Some(lit) => lit,
                None => field.ident,
            };
            cx.error_spanned_by(
                culprit,
                format!(
                    "duplicate wire name `{}`: field `{}` has it too; give one of them #[api(rename = \"...\")]",
                    field.wire_name, first.ident
                ),
            );
        }
    }
}

fn is_string(ty: &syn::Type) -> bool {
    matches!(ast::ungroup(ty), syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("String"))
}

fn check_base64(cx: &mut Ctxt, field: &Field<'_>) {
    let ok = match field.shape {
        Shape::Plain => is_string(field.ty),
        Shape::Optional(inner) => is_string(inner),
        Shape::Array(_) => false,
    };
    if field.attrs.base64.is_some() && !ok {
        cx.error_spanned_by(
            field.ty,
            "#[api(base64)] applies to `String` or `Option<String>` fields",
        );
    }
}

fn check_required(cx: &mut Ctxt, field: &Field<'_>) {
    if let (Some(span), Shape::Plain) = (field.attrs.required, field.shape) {
        cx.syn_error(syn::Error::new(
            span,
            "`required` is implied: a field that is neither Option nor Vec is a constructor argument",
        ));
    }
}

/// A common parameter is named in `common(...)`, and the macro writes its
/// field; declaring it by hand would send it twice or skip the defaults.
fn check_not_common(cx: &mut Ctxt, field: &Field<'_>) {
    if !field.common && Common::is_wire_name(&field.wire_name) {
        let culprit: &dyn ToTokens = match &field.attrs.rename {
            Some(lit) => lit,
            None => field.ident,
        };
        cx.error_spanned_by(
            culprit,
            format!(
                "`{}` is a common parameter: the macro writes its field; remove this field and name it in the action's `common(...)`, e.g. #[api_action(\"Name\", common(region, zone?, project_id?))] (`?` when the API does not require it)",
                field.wire_name
            ),
        );
    }
}

/// The paging fields exist with the right shapes.
pub(crate) fn check_paginate<'f>(
    cx: &mut Ctxt,
    paginate: &Paginate,
    request: &'f [Field<'f>],
    response: &'f [Field<'f>],
) -> Option<(&'f syn::Type, [&'f Field<'f>; 4])> {
    let find = |cx: &mut Ctxt,
                ident: &Option<syn::Ident>,
                key: &str,
                fields: &'f [Field<'f>],
                side: &str| {
        let Some(ident) = ident else {
            cx.syn_error(syn::Error::new(
                paginate.span,
                format!("paginate(...) needs `{key} = field`"),
            ));
            return None;
        };
        let found = fields.iter().find(|f| f.ident == ident);
        if found.is_none() {
            cx.error_spanned_by(
                ident,
                format!("no {side} field `{ident}` to use as the {key}"),
            );
        }
        found
    };
    let offset = find(cx, &paginate.offset, "offset", request, "request");
    let limit = find(cx, &paginate.limit, "limit", request, "request");
    let total = find(cx, &paginate.total, "total", response, "response");
    let items = find(cx, &paginate.items, "items", response, "response");
    let item_ty = match items.map(|f| f.shape) {
        Some(Shape::Array(inner)) => Some(inner),
        Some(_) => {
            if let Some(field) = items {
                cx.error_spanned_by(field.ty, "the paging items field must be a `Vec<T>`");
            }
            None
        }
        None => None,
    };
    Some((item_ty?, [offset?, limit?, total?, items?]))
}

/// `#[response(...)]` goes below `#[api_action(...)]`: attributes above an
/// attribute macro are not its to read, and the compiler reports them as
/// unknown. The macro still receives such an attribute when it could not
/// be resolved, and tells where it belongs.
pub(crate) fn check_response_below(cx: &mut Ctxt, attrs: &[syn::Attribute]) {
    for attr in attrs.iter().filter(|a| a.path().is_ident(RESPONSE)) {
        if comes_before_call_site(attr.pound_token.span) {
            cx.error_spanned_by(
                attr,
                "#[response(...)] must come below #[api_action(...)], which reads it; move it down one line",
            );
        }
    }
}

/// Whether `span` starts before the macro's own attribute. Only known
/// when running inside the compiler.
fn comes_before_call_site(span: proc_macro2::Span) -> bool {
    if !proc_macro::is_available() {
        return false;
    }
    let (here, call) = (span.unwrap(), proc_macro2::Span::call_site().unwrap());
    (here.line(), here.column()) < (call.line(), call.column())
}
