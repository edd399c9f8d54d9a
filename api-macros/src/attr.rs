//! Parsing the macros' arguments and the `#[api(...)]` helper attributes.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitBool, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::symbol::*;

/// The arguments of `#[api_action("Name", retryable = .., paginate(..))]`.
pub(crate) struct ActionArgs {
    pub(crate) name: LitStr,
    pub(crate) retryable: Option<bool>,
    pub(crate) paginate: Option<Paginate>,
}

/// `paginate(offset = f, limit = f, total = f, items = f)`.
pub(crate) struct Paginate {
    pub(crate) span: Span,
    pub(crate) offset: Option<Ident>,
    pub(crate) limit: Option<Ident>,
    pub(crate) total: Option<Ident>,
    pub(crate) items: Option<Ident>,
}

impl ActionArgs {
    pub(crate) fn parse(cx: &mut Ctxt, args: TokenStream) -> Option<ActionArgs> {
        let parser = |input: ParseStream<'_>| {
            let name: LitStr = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected the action's wire name first, e.g. #[api_action(\"CreateCustomImage\")]",
                )
            })?;
            let rest = if input.is_empty() {
                Punctuated::new()
            } else {
                input.parse::<Token![,]>()?;
                Punctuated::<syn::Meta, Token![,]>::parse_terminated(input)?
            };
            Ok((name, rest))
        };
        let (name, metas) = match parser.parse2(args) {
            Ok(parsed) => parsed,
            Err(e) => {
                cx.syn_error(e);
                return None;
            }
        };
        let mut out = ActionArgs {
            name,
            retryable: None,
            paginate: None,
        };
        for meta in metas {
            match &meta {
                syn::Meta::Path(p) if p.is_ident(RETRYABLE) => out.retryable = Some(true),
                syn::Meta::NameValue(nv) if nv.path.is_ident(RETRYABLE) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Bool(LitBool { value, .. }),
                        ..
                    }) => out.retryable = Some(*value),
                    other => cx.error_spanned_by(other, "expected `true` or `false`"),
                },
                syn::Meta::List(list) if list.path.is_ident(PAGINATE) => {
                    out.paginate = parse_paginate(cx, list);
                }
                other => cx.error_spanned_by(
                    other.path(),
                    format!(
                        "unknown #[api_action] key `{}`; expected `{RETRYABLE}`, `{RETRYABLE} = false` or `{PAGINATE}(...)`",
                        path_text(other.path())
                    ),
                ),
            }
        }
        Some(out)
    }
}

fn parse_paginate(cx: &mut Ctxt, list: &syn::MetaList) -> Option<Paginate> {
    let mut out = Paginate {
        span: list
            .path
            .get_ident()
            .map_or_else(Span::call_site, Ident::span),
        offset: None,
        limit: None,
        total: None,
        items: None,
    };
    let result = list.parse_nested_meta(|meta| {
        let slot = if meta.path.is_ident(OFFSET) {
            &mut out.offset
        } else if meta.path.is_ident(LIMIT) {
            &mut out.limit
        } else if meta.path.is_ident(TOTAL) {
            &mut out.total
        } else if meta.path.is_ident(ITEMS) {
            &mut out.items
        } else {
            return Err(meta.error(format!(
                "unknown paginate key `{}`; expected `{OFFSET}`, `{LIMIT}`, `{TOTAL}` and `{ITEMS}`",
                path_text(&meta.path)
            )));
        };
        *slot = Some(meta.value()?.parse::<Ident>()?);
        Ok(())
    });
    match result {
        Ok(()) => Some(out),
        Err(e) => {
            cx.syn_error(e);
            None
        }
    }
}

/// The `#[api(...)]` settings of a field.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) rename: Option<LitStr>,
    pub(crate) base64: Option<Span>,
    pub(crate) secret: bool,
    pub(crate) required: Option<Span>,
}

/// Which keys a field's `#[api(...)]` may use.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldRole {
    /// A request parameter.
    Request,
    /// A response field.
    Response,
}

impl FieldAttrs {
    pub(crate) fn parse(cx: &mut Ctxt, attrs: &[Attribute], role: FieldRole) -> FieldAttrs {
        let mut out = FieldAttrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident(API)) {
            let result = attr.parse_nested_meta(|meta| {
                let request_only = |what: &str| {
                    meta.error(format!(
                        "`{what}` applies to request parameters, not response fields"
                    ))
                };
                if meta.path.is_ident(RENAME) {
                    out.rename = Some(meta.value()?.parse()?);
                } else if meta.path.is_ident(SECRET) {
                    out.secret = true;
                } else if meta.path.is_ident(BASE64) {
                    if role == FieldRole::Response {
                        return Err(request_only(BASE64));
                    }
                    out.base64 = Some(meta.path.span_of());
                } else if meta.path.is_ident(REQUIRED) {
                    if role == FieldRole::Response {
                        return Err(request_only(REQUIRED));
                    }
                    out.required = Some(meta.path.span_of());
                } else {
                    let keys = match role {
                        FieldRole::Request => {
                            "`rename = \"...\"`, `base64`, `secret` or `required`"
                        }
                        FieldRole::Response => "`rename = \"...\"` or `secret`",
                    };
                    return Err(meta.error(format!(
                        "unknown #[api] key `{}`; expected {keys}",
                        path_text(&meta.path)
                    )));
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        out
    }
}

/// The `#[api(...)]` keys of an enum variant.
#[derive(Default)]
pub(crate) struct VariantAttrs {
    /// `rename = "..."`: the value the variant reads and writes as.
    pub(crate) rename: Option<LitStr>,
    /// `alias = "..."`, any number of them: other values that read as the
    /// variant.
    pub(crate) aliases: Vec<LitStr>,
}

/// The `#[api(rename = "...", alias = "...")]` of an enum variant.
pub(crate) fn variant_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(API)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(RENAME) {
                out.rename = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident(ALIAS) {
                out.aliases.push(meta.value()?.parse()?);
                Ok(())
            } else {
                Err(meta.error(format!(
                    "unknown #[api] key `{}` on a variant; expected `rename = \"...\"` or `alias = \"...\"`",
                    path_text(&meta.path)
                )))
            }
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// The arguments of `#[api_enum(rename_all = "...")]`.
pub(crate) fn enum_rename_all(cx: &mut Ctxt, args: TokenStream) -> Option<LitStr> {
    let mut rule = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident(RENAME_ALL) {
            rule = Some(meta.value()?.parse::<LitStr>()?);
            Ok(())
        } else {
            Err(meta.error(format!(
                "unknown #[api_enum] key `{}`; expected `{RENAME_ALL} = \"...\"`",
                path_text(&meta.path)
            )))
        }
    });
    if let Err(e) = parser.parse2(args) {
        cx.syn_error(e);
    }
    rule
}

/// Fields declared in `#[response(field: Type, ...)]`.
pub(crate) struct ResponseFields(pub(crate) Vec<syn::Field>);

impl Parse for ResponseFields {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let fields = Punctuated::<syn::Field, Token![,]>::parse_terminated_with(
            input,
            syn::Field::parse_named,
        )?;
        Ok(ResponseFields(fields.into_iter().collect()))
    }
}

/// The `#[response(...)]` attribute of an action, if any, parsed.
pub(crate) fn response_fields(cx: &mut Ctxt, attrs: &[Attribute]) -> Vec<syn::Field> {
    let mut found: Option<&Attribute> = None;
    let mut fields = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(RESPONSE)) {
        if found.is_some() {
            cx.error_spanned_by(
                attr,
                "only one #[response(...)] is allowed; list every field in it",
            );
            continue;
        }
        found = Some(attr);
        match &attr.meta {
            syn::Meta::Path(_) => {}
            syn::Meta::List(list) => match syn::parse2::<ResponseFields>(list.tokens.clone()) {
                Ok(parsed) => fields = parsed.0,
                Err(e) => cx.syn_error(syn::Error::new(
                    e.span(),
                    format!("malformed #[response]: {e}; expected `#[response(field: Type, ...)]`"),
                )),
            },
            syn::Meta::NameValue(nv) => cx.error_spanned_by(
                nv,
                "malformed #[response]: expected `#[response(field: Type, ...)]`",
            ),
        }
    }
    fields
}

/// The text of a path, for messages.
pub(crate) fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// Span helper for paths.
trait SpanOf {
    fn span_of(&self) -> Span;
}

impl SpanOf for syn::Path {
    fn span_of(&self) -> Span {
        self.segments
            .first()
            .map_or_else(Span::call_site, |s| s.ident.span())
    }
}
