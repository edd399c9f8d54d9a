//! Writes the code for `#[api_action]`, `#[api_object]` and `#[api_model]`.
//!
//! Generated code is plain method calls into `api_core`, through paths it
//! re-exports, so users need no other dependency.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, ItemStruct};

use crate::ast::{self, Field, Shape};
use crate::attr::{self, ActionArgs, FieldRole};
use crate::ctxt::Ctxt;
use crate::symbol::{API, RESPONSE};
use crate::valid;

/// Verbs whose actions only read, and so are safe to retry by default.
const READ_ONLY_VERBS: [&str; 5] = ["Describe", "Get", "List", "Check", "Query"];

/// `#[api_action("Name", ...)]` on a struct.
pub(crate) fn action(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let args = ActionArgs::parse(&mut cx, args);
    let Some(item) = parse_struct(&mut cx, input, "api_action") else {
        return cx.into_compile_errors();
    };
    let fields = ast::Field::from_syn(&mut cx, &item.fields, FieldRole::Request);
    valid::check_fields(&mut cx, &fields, FieldRole::Request, true);
    let response_syn = attr::response_fields(&mut cx, &item.attrs);
    let response = ast::Field::from_syn(&mut cx, &response_syn, FieldRole::Response);
    valid::check_fields(&mut cx, &response, FieldRole::Response, false);
    let paging = args
        .as_ref()
        .and_then(|a| a.paginate.as_ref())
        .map(|p| valid::check_paginate(&mut cx, p, &fields, &response));
    let (Some(args), true) = (args, cx.is_ok()) else {
        return fallback(item, cx);
    };

    let ident = &item.ident;
    let vis = &item.vis;
    let name = args.name.value();
    let retryable = args
        .retryable
        .unwrap_or_else(|| READ_ONLY_VERBS.iter().any(|verb| name.starts_with(verb)));
    let response_ident = format_ident!("{}Response", ident);
    let doc = ast::first_doc_line(&item.attrs);
    let metas = param_metas(&fields);
    let writes = param_writes(&fields);
    let definition = definition(&item, &fields);
    let builder = builder(ident, vis, &fields);
    let debug = debug_impl(ident, &fields);
    let response_doc = format!(" The answer to [`{ident}`] (`{name}`).");
    let response_struct = model(
        &[syn::parse_quote!(#[doc = #response_doc])],
        vis,
        &response_ident,
        &response,
        true,
    );
    let paginated = match paging.flatten() {
        Some((item_ty, [offset, limit, total, items])) => {
            let (offset, limit, total, items) =
                (offset.ident, limit.ident, total.ident, items.ident);
            quote! {
                impl ::api_core::Paginated for #ident {
                    type Item = #item_ty;
                    fn page_offset(&self) -> ::core::option::Option<u64> {
                        ::api_core::PageNumber::get(&self.#offset)
                    }
                    fn set_page_offset(&mut self, offset: u64) {
                        ::api_core::PageNumber::set(&mut self.#offset, offset)
                    }
                    fn page_limit(&self) -> ::core::option::Option<u64> {
                        ::api_core::PageNumber::get(&self.#limit)
                    }
                    fn set_page_limit(&mut self, limit: u64) {
                        ::api_core::PageNumber::set(&mut self.#limit, limit)
                    }
                    fn into_page(response: #response_ident) -> ::api_core::Page<#item_ty> {
                        ::api_core::Page {
                            total_count: ::api_core::PageNumber::get(&response.#total),
                            items: response.#items,
                        }
                    }
                }
            }
        }
        None => TokenStream::new(),
    };

    quote! {
        #definition
        #builder
        #debug
        impl ::api_core::Action for #ident {
            type Response = #response_ident;
            const META: &'static ::api_core::ActionMeta = &::api_core::ActionMeta {
                name: #name,
                params: &[#(#metas),*],
                retryable: #retryable,
                doc: #doc,
            };
            fn write_params<'a>(
                &'a self,
                w: &mut ::api_core::ParamWriter<'_, 'a>,
            ) -> ::core::result::Result<(), ::api_core::Error> {
                #(#writes)*
                ::core::result::Result::Ok(())
            }
        }
        #response_struct
        #paginated
    }
}

/// `#[api_object]` on a struct: a nested request object.
pub(crate) fn object(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    no_args(&mut cx, args, "api_object");
    let Some(item) = parse_struct(&mut cx, input, "api_object") else {
        return cx.into_compile_errors();
    };
    let fields = ast::Field::from_syn(&mut cx, &item.fields, FieldRole::Request);
    valid::check_fields(&mut cx, &fields, FieldRole::Request, false);
    if !cx.is_ok() {
        return fallback(item, cx);
    }
    let ident = &item.ident;
    let metas = param_metas(&fields);
    let writes = param_writes(&fields);
    let definition = definition(&item, &fields);
    let builder = builder(ident, &item.vis, &fields);
    let debug = debug_impl(ident, &fields);
    quote! {
        #definition
        #builder
        #debug
        impl ::api_core::ParamValue for #ident {
            const KIND: ::api_core::ParamKind = ::api_core::ParamKind::Object;
            const FIELDS: &'static [::api_core::ParamMeta] = &[#(#metas),*];
            fn write_param<'a>(
                &'a self,
                w: &mut ::api_core::ParamWriter<'_, 'a>,
            ) -> ::core::result::Result<(), ::api_core::Error> {
                #(#writes)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// `#[api_model]` on a struct: a response model.
pub(crate) fn model_attr(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    no_args(&mut cx, args, "api_model");
    let Some(item) = parse_struct(&mut cx, input, "api_model") else {
        return cx.into_compile_errors();
    };
    let fields = ast::Field::from_syn(&mut cx, &item.fields, FieldRole::Response);
    valid::check_fields(&mut cx, &fields, FieldRole::Response, false);
    if !cx.is_ok() {
        return fallback(item, cx);
    }
    let attrs: Vec<syn::Attribute> = item.attrs.clone();
    model(&attrs, &item.vis, &item.ident, &fields, false)
}

fn no_args(cx: &mut Ctxt, args: TokenStream, macro_name: &str) {
    if let Some(first) = args.into_iter().next() {
        cx.error_spanned_by(first, format!("#[{macro_name}] takes no arguments"));
    }
}

/// Parses the item as a struct with named fields and no generics.
fn parse_struct(cx: &mut Ctxt, input: TokenStream, macro_name: &str) -> Option<ItemStruct> {
    let item: syn::Item = match syn::parse2(input) {
        Ok(item) => item,
        Err(e) => {
            cx.syn_error(e);
            return None;
        }
    };
    let message = format!("#[{macro_name}] applies to structs with named fields");
    let item = match item {
        syn::Item::Struct(item) => item,
        syn::Item::Enum(e) => {
            cx.error_spanned_by(e.enum_token, format!("{message}, not enums"));
            return None;
        }
        other => {
            cx.error_spanned_by(other, message);
            return None;
        }
    };
    match &item.fields {
        syn::Fields::Named(_) => {}
        syn::Fields::Unnamed(fields) => {
            cx.error_spanned_by(fields, format!("{message}, not tuple structs"))
        }
        syn::Fields::Unit => {
            cx.error_spanned_by(&item.ident, format!("{message}, not unit structs"))
        }
    }
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.error_spanned_by(
            &item.generics,
            format!(
                "#[{macro_name}] does not support generic structs: parameters have fixed types"
            ),
        );
    }
    Some(item)
}

/// On errors: the struct as written, minus the helper attributes, plus the
/// errors, so the user sees the errors and not a cascade.
fn fallback(item: ItemStruct, cx: Ctxt) -> TokenStream {
    let item = strip_helpers(item);
    let errors = cx.into_compile_errors();
    quote! { #item #errors }
}

fn strip_helpers(mut item: ItemStruct) -> ItemStruct {
    item.attrs.retain(|a| !a.path().is_ident(RESPONSE));
    for field in item.fields.iter_mut() {
        field.attrs.retain(|a| !a.path().is_ident(API));
    }
    item
}

/// The struct as declared, without helper attributes, with the derives
/// every request type has (and `Default` when nothing is required).
fn definition(item: &ItemStruct, fields: &[Field<'_>]) -> TokenStream {
    let item = strip_helpers(item.clone());
    let default = if fields.iter().any(Field::is_constructor_arg) {
        quote!()
    } else {
        quote!(::core::default::Default,)
    };
    quote! {
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, #default)]
        #item
    }
}

/// `new(required...)` and one fluent setter per optional field.
fn builder(ident: &Ident, vis: &syn::Visibility, fields: &[Field<'_>]) -> TokenStream {
    let args: Vec<&Field<'_>> = fields.iter().filter(|f| f.is_constructor_arg()).collect();
    let arg_names: Vec<&Ident> = args.iter().map(|f| f.ident).collect();
    let arg_types = args.iter().map(|f| f.ty);
    let rest = fields
        .iter()
        .filter(|f| !f.is_constructor_arg())
        .map(|f| f.ident);
    let new_doc = if args.is_empty() {
        format!(" A `{ident}` with nothing set.")
    } else {
        let list: Vec<String> = arg_names
            .iter()
            .map(|n| format!("`{}`", unraw(n)))
            .collect();
        format!(
            " A `{ident}` with its required fields: {}.",
            list.join(", ")
        )
    };
    let setters = fields.iter().filter(|f| !f.is_constructor_arg()).map(|f| {
        let name = f.ident;
        let docs = f.doc_attrs();
        let value_doc = format!(" Sets `{}` (`{}`).", unraw(name), f.wire_name);
        match f.shape {
            Shape::Optional(inner) => quote! {
                #[doc = #value_doc]
                #[doc = ""]
                #(#docs)*
                #[must_use]
                #vis fn #name(mut self, value: impl ::core::convert::Into<#inner>) -> Self {
                    self.#name = ::core::option::Option::Some(value.into());
                    self
                }
            },
            Shape::Array(inner) => quote! {
                #[doc = #value_doc]
                #[doc = ""]
                #(#docs)*
                #[must_use]
                #vis fn #name(
                    mut self,
                    values: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#inner>>,
                ) -> Self {
                    self.#name = values.into_iter().map(::core::convert::Into::into).collect();
                    self
                }
            },
            Shape::Plain => quote!(),
        }
    });
    quote! {
        impl #ident {
            #[doc = #new_doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn new(#(#arg_names: impl ::core::convert::Into<#arg_types>),*) -> Self {
                Self {
                    #(#arg_names: #arg_names.into(),)*
                    #(#rest: ::core::default::Default::default(),)*
                }
            }
            #(#setters)*
        }
    }
}

/// `Debug` that shows every field but `#[api(secret)]` ones.
fn debug_impl(ident: &Ident, fields: &[Field<'_>]) -> TokenStream {
    let name = ident.to_string();
    let entries = fields.iter().map(|f| {
        let field = f.ident;
        let label = unraw(field);
        if f.attrs.secret {
            quote!(.field(#label, &"<redacted>"))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name) #(#entries)* .finish()
            }
        }
    }
}

fn param_metas(fields: &[Field<'_>]) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let (wire, ty, doc) = (&f.wire_name, f.ty, &f.doc);
            let (required, common, secret, base64) = (
                f.is_required(),
                f.is_common(),
                f.attrs.secret,
                f.attrs.base64.is_some(),
            );
            quote! {
                ::api_core::ParamMeta {
                    wire_name: #wire,
                    kind: <#ty as ::api_core::ParamValue>::KIND,
                    required: #required,
                    common: #common,
                    secret: #secret,
                    base64: #base64,
                    doc: #doc,
                    fields: <#ty as ::api_core::ParamValue>::FIELDS,
                }
            }
        })
        .collect()
}

fn param_writes(fields: &[Field<'_>]) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let (wire, name) = (&f.wire_name, f.ident);
            if f.attrs.base64.is_some() {
                quote!(::api_core::__private::write_base64(w, #wire, &self.#name)?;)
            } else {
                quote!(w.field(#wire, &self.#name)?;)
            }
        })
        .collect()
}

/// A response model: tolerant decoding by wire name, defaults for missing
/// fields, unknown fields ignored.
///
/// `all_pub` makes fields declared without visibility public, as fields
/// listed in `#[response(...)]` are.
fn model(
    attrs: &[syn::Attribute],
    vis: &syn::Visibility,
    ident: &Ident,
    fields: &[Field<'_>],
    all_pub: bool,
) -> TokenStream {
    let defs = fields.iter().map(|f| {
        let (name, ty, wire) = (f.ident, f.ty, &f.wire_name);
        let kept = f.kept_attrs();
        let field_vis = match &f.original.vis {
            syn::Visibility::Inherited if all_pub => quote!(pub),
            declared => quote!(#declared),
        };
        quote! {
            #(#kept)*
            #[serde(rename = #wire, deserialize_with = "::api_core::__private::lenient")]
            #field_vis #name: #ty,
        }
    });
    let debug = debug_impl(ident, fields);
    let attrs = attrs.iter().filter(|a| !a.path().is_ident(RESPONSE));
    quote! {
        #(#attrs)*
        #[derive(
            ::api_core::__private::serde::Deserialize,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::default::Default,
        )]
        #[serde(crate = "::api_core::__private::serde", default)]
        #vis struct #ident {
            #(#defs)*
        }
        #debug
        impl ::api_core::__private::Lenient for #ident {
            fn deserialize_lenient<'de, D: ::api_core::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                ::api_core::__private::nullable_default(d)
            }
        }
    }
}

fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The declaration of CreateCustomImage in api-uhost, expanded: the
    /// file `expanded/create_custom_image.rs` shows readers what the macro
    /// writes, and this test keeps it current. Set `UPDATE_EXPANDED=1` to
    /// rewrite it after a deliberate change.
    #[test]
    fn create_custom_image_expansion_matches_the_snapshot() {
        let args = quote!("CreateCustomImage");
        let input = quote! {
            /// Creates a custom image from a UHost instance.
            #[response(
                /// The new image.
                image_id: String,
                /// One snapshot per data disk given in `data_udisk_ids`.
                data_snapshot_ids: Vec<String>,
            )]
            pub struct CreateCustomImage {
                /// Region of the instance; defaults to the client's region.
                #[api(required)]
                pub region: Option<String>,
                /// Zone of the instance; defaults to the client's zone.
                pub zone: Option<String>,
                /// Project; defaults to the client's project.
                pub project_id: Option<String>,
                /// The instance to image.
                pub uhost_id: String,
                /// Name of the new image.
                pub image_name: String,
                /// Description of the new image.
                pub image_description: Option<String>,
                /// Business group of the image (`Default` when unset).
                pub tag: Option<String>,
                /// Cloud data disks to snapshot along with the image.
                pub data_udisk_ids: Vec<String>,
            }
        };
        let file: syn::File = syn::parse2(action(args, input)).expect("the expansion parses");
        let expanded = format!(
            "// What `#[api_action(\"CreateCustomImage\")]` writes for the declaration\n\
             // in api-uhost/src/images.rs (kept current by a test in expand.rs).\n\n{}",
            prettyplease::unparse(&file)
        );
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/expanded/create_custom_image.rs"
        );
        if std::env::var_os("UPDATE_EXPANDED").is_some() {
            std::fs::write(path, &expanded).expect("the snapshot is writable");
        }
        let snapshot = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            snapshot == expanded,
            "the expansion changed; review it and rerun with UPDATE_EXPANDED=1:\n{expanded}"
        );
    }
}
