//! Parsing the macros' arguments and the `#[api(...)]` helper attributes.
//!
//! Every key may be given once: a repeated key is an error at its second
//! occurrence, never a silent overwrite. A mistake is recorded and parsing
//! goes on, so that one pass reports them all.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, LitBool, LitStr, Token};

use crate::common::{self, CommonParam};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// A setting that may be given once.
pub(crate) struct Once<T> {
    what: &'static str,
    value: Option<T>,
}

impl<T> Once<T> {
    fn new(what: &'static str) -> Self {
        Once { what, value: None }
    }

    /// Sets the value, or records an error at `at` when it was set before.
    fn set(&mut self, cx: &mut Ctxt, at: impl ToTokens, key: &str, value: T) {
        if self.value.is_some() {
            let message = if self.what == RETRY_SETTING {
                format!(
                    "duplicate retry setting `{key}`: `{RETRYABLE}` or `{NOT_RETRYABLE}` is already given above; keep one"
                )
            } else {
                format!(
                    "duplicate {} key `{key}`: it is already set above; keep one",
                    self.what
                )
            };
            cx.error_spanned_by(at, message);
        } else {
            self.value = Some(value);
        }
    }

    fn get(self) -> Option<T> {
        self.value
    }
}

/// The `what` of the one setting two keys share.
const RETRY_SETTING: &str = "retry setting";

/// Where `api_core` is: `crate = "path"`, or `::api_core`.
pub(crate) fn crate_path(value: Option<syn::Path>) -> syn::Path {
    value.unwrap_or_else(|| syn::parse_quote!(::api_core))
}

/// The arguments of `#[api_action("Name", ...)]`.
pub(crate) struct ActionArgs {
    pub(crate) name: Option<LitStr>,
    pub(crate) retryable: Option<bool>,
    pub(crate) paginate: Option<Paginate>,
    pub(crate) common: Vec<CommonParam>,
    pub(crate) krate: syn::Path,
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
    pub(crate) fn parse(cx: &mut Ctxt, args: TokenStream) -> ActionArgs {
        let mut name = None;
        let mut retryable = Once::new(RETRY_SETTING);
        let mut paginate = Once::new("#[api_action]");
        let mut common = Once::new("#[api_action]");
        let mut krate = Once::new("#[api_action]");
        let parser = |input: ParseStream<'_>| {
            name = Some(input.parse::<LitStr>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected the action's wire name first, e.g. #[api_action(\"CreateCustomImage\")]",
                )
            })?);
            if input.is_empty() {
                return Ok(());
            }
            input.parse::<Token![,]>()?;
            let rest: TokenStream = input.parse()?;
            syn::meta::parser(|meta| {
                let path = meta.path.clone();
                if path.is_ident(RETRYABLE) {
                    let value = if meta.input.peek(Token![=]) {
                        meta.value()?.parse::<LitBool>()?.value
                    } else {
                        true
                    };
                    retryable.set(cx, &path, RETRYABLE, value);
                } else if path.is_ident(NOT_RETRYABLE) {
                    retryable.set(cx, &path, NOT_RETRYABLE, false);
                } else if path.is_ident(PAGINATE) {
                    let parsed = parse_paginate(cx, &meta)?;
                    paginate.set(cx, &path, PAGINATE, parsed);
                } else if path.is_ident(COMMON) {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let entries = common::parse_entries(&content)?;
                    let (set, errors) = common::resolve(&entries);
                    errors.into_iter().for_each(|e| cx.syn_error(e));
                    common.set(cx, &path, COMMON, set);
                } else if path.is_ident(CRATE) {
                    let value = meta.value()?.parse::<LitStr>()?.parse::<syn::Path>()?;
                    krate.set(cx, &path, CRATE, value);
                } else {
                    cx.error_spanned_by(
                        &path,
                        format!(
                            "unknown #[api_action] key `{}`; expected `{COMMON}(...)`, `{RETRYABLE}`, `{NOT_RETRYABLE}`, `{PAGINATE}(...)` or `{CRATE} = \"...\"`",
                            path_text(&path)
                        ),
                    );
                    skip_value(&meta)?;
                }
                Ok(())
            })
            .parse2(rest)
        };
        if let Err(e) = parser.parse2(args) {
            cx.syn_error(e);
        }
        ActionArgs {
            name,
            retryable: retryable.get(),
            paginate: paginate.get(),
            common: common.get().unwrap_or_else(common::default_set),
            krate: crate_path(krate.get()),
        }
    }
}

fn parse_paginate(cx: &mut Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Paginate> {
    let mut offset = Once::new("paginate(...)");
    let mut limit = Once::new("paginate(...)");
    let mut total = Once::new("paginate(...)");
    let mut items = Once::new("paginate(...)");
    meta.parse_nested_meta(|inner| {
        let key = path_text(&inner.path);
        let slot = match key.as_str() {
            OFFSET => &mut offset,
            LIMIT => &mut limit,
            TOTAL => &mut total,
            ITEMS => &mut items,
            _ => {
                cx.error_spanned_by(
                    &inner.path,
                    format!(
                        "unknown paginate key `{key}`; expected `{OFFSET}`, `{LIMIT}`, `{TOTAL}` and `{ITEMS}`"
                    ),
                );
                return skip_value(&inner);
            }
        };
        let field = inner.value()?.parse::<Ident>()?;
        slot.set(cx, &inner.path, &key, field);
        Ok(())
    })?;
    Ok(Paginate {
        span: meta
            .path
            .get_ident()
            .map_or_else(Span::call_site, Ident::span),
        offset: offset.get(),
        limit: limit.get(),
        total: total.get(),
        items: items.get(),
    })
}

/// Consumes the value of a key that is not understood, so parsing can go
/// on to the next key.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

/// The arguments of `#[api_object]` and `#[api_model]`: only `crate`.
pub(crate) fn crate_only(cx: &mut Ctxt, args: TokenStream, macro_name: &str) -> syn::Path {
    let mut krate = Once::new("crate");
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident(CRATE) {
            let value = meta.value()?.parse::<LitStr>()?.parse::<syn::Path>()?;
            krate.set(cx, &meta.path, CRATE, value);
        } else {
            cx.error_spanned_by(
                &meta.path,
                format!(
                    "unknown #[{macro_name}] key `{}`; the only key is `{CRATE} = \"...\"`",
                    path_text(&meta.path)
                ),
            );
            skip_value(&meta)?;
        }
        Ok(())
    });
    if let Err(e) = parser.parse2(args) {
        cx.syn_error(e);
    }
    crate_path(krate.get())
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
        let mut rename = Once::new("#[api]");
        let mut base64 = Once::new("#[api]");
        let mut secret = Once::new("#[api]");
        let mut required = Once::new("#[api]");
        for attr in attrs.iter().filter(|a| a.path().is_ident(API)) {
            let result = attr.parse_nested_meta(|meta| {
                let key = path_text(&meta.path);
                let span = meta.path.span_of();
                match key.as_str() {
                    RENAME => {
                        let value: LitStr = meta.value()?.parse()?;
                        rename.set(cx, &meta.path, &key, value);
                    }
                    SECRET => secret.set(cx, &meta.path, &key, ()),
                    BASE64 | REQUIRED if role == FieldRole::Response => {
                        cx.error_spanned_by(
                            &meta.path,
                            format!("`{key}` applies to request parameters, not response fields"),
                        );
                    }
                    BASE64 => base64.set(cx, &meta.path, &key, span),
                    REQUIRED => required.set(cx, &meta.path, &key, span),
                    _ => {
                        let keys = match role {
                            FieldRole::Request => {
                                "`rename = \"...\"`, `base64`, `secret` or `required`"
                            }
                            FieldRole::Response => "`rename = \"...\"` or `secret`",
                        };
                        cx.error_spanned_by(
                            &meta.path,
                            format!("unknown #[api] key `{key}`; expected {keys}"),
                        );
                        skip_value(&meta)?;
                    }
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        FieldAttrs {
            rename: rename.get(),
            base64: base64.get(),
            secret: secret.get().is_some(),
            required: required.get(),
        }
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
    let mut rename = Once::new("#[api]");
    let mut aliases = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(API)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(RENAME) {
                let value: LitStr = meta.value()?.parse()?;
                rename.set(cx, &meta.path, RENAME, value);
            } else if meta.path.is_ident(ALIAS) {
                aliases.push(meta.value()?.parse()?);
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "unknown #[api] key `{}` on a variant; expected `rename = \"...\"` or `alias = \"...\"`",
                        path_text(&meta.path)
                    ),
                );
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    VariantAttrs {
        rename: rename.get(),
        aliases,
    }
}

/// The arguments of `#[api_enum(rename_all = "...", crate = "...")]`.
pub(crate) fn enum_args(cx: &mut Ctxt, args: TokenStream) -> (Option<LitStr>, syn::Path) {
    let mut rule = Once::new("#[api_enum]");
    let mut krate = Once::new("#[api_enum]");
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident(RENAME_ALL) {
            let value: LitStr = meta.value()?.parse()?;
            rule.set(cx, &meta.path, RENAME_ALL, value);
        } else if meta.path.is_ident(CRATE) {
            let value = meta.value()?.parse::<LitStr>()?.parse::<syn::Path>()?;
            krate.set(cx, &meta.path, CRATE, value);
        } else {
            cx.error_spanned_by(
                &meta.path,
                format!(
                    "unknown #[api_enum] key `{}`; expected `{RENAME_ALL} = \"...\"` or `{CRATE} = \"...\"`",
                    path_text(&meta.path)
                ),
            );
            skip_value(&meta)?;
        }
        Ok(())
    });
    if let Err(e) = parser.parse2(args) {
        cx.syn_error(e);
    }
    (rule.get(), crate_path(krate.get()))
}

/// One field of `#[response(...)]`: `name: Type`, with doc comments and
/// `#[api(...)]` allowed before it.
fn response_field(input: ParseStream<'_>) -> syn::Result<syn::Field> {
    let attrs = input.call(Attribute::parse_outer)?;
    let vis: syn::Visibility = input.parse()?;
    let ident: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a response field, e.g. `#[response(image_id: String)]`",
        )
    })?;
    if input.is_empty() || input.peek(Token![,]) {
        return Err(syn::Error::new(
            ident.span(),
            format!(
                "response field `{ident}` needs a type: write `{ident}: String` (or the field's type)"
            ),
        ));
    }
    if !input.peek(Token![:]) {
        return Err(syn::Error::new(
            input.span(),
            format!("expected `:` between response field `{ident}` and its type: `{ident}: Type`"),
        ));
    }
    let colon_token: Token![:] = input.parse()?;
    let ty: syn::Type = input.parse()?;
    Ok(syn::Field {
        attrs,
        vis,
        mutability: syn::FieldMutability::None,
        ident: Some(ident),
        colon_token: Some(colon_token),
        ty,
    })
}

/// The fields of an action's `#[response(...)]`, if any, parsed.
pub(crate) fn response_fields(cx: &mut Ctxt, attrs: &[Attribute]) -> Vec<syn::Field> {
    let mut found = false;
    let mut fields = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(RESPONSE)) {
        if found {
            cx.error_spanned_by(
                attr,
                "only one #[response(...)] is allowed; list every field in it",
            );
            continue;
        }
        found = true;
        match &attr.meta {
            syn::Meta::Path(_) => {}
            syn::Meta::List(list) => {
                let parser = |input: ParseStream<'_>| {
                    let mut fields = Vec::new();
                    while !input.is_empty() {
                        fields.push(response_field(input)?);
                        if input.is_empty() {
                            break;
                        }
                        input.parse::<Token![,]>()?;
                    }
                    Ok(fields)
                };
                match parser.parse2(list.tokens.clone()) {
                    Ok(parsed) => fields = parsed,
                    Err(e) => cx.syn_error(e),
                }
            }
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
