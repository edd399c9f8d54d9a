//! Writes the code for `#[api_action]` and `#[api_object]`; answers and
//! models are written by `model`, stubs after an error by `fallback`.
//!
//! Generated code is plain method calls into `api_core`, through the path
//! the declaration resolves (`::api_core` unless `crate = "..."` says
//! otherwise), so users need no other dependency.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, ItemStruct};

use crate::ast::{self, Field, Shape};
use crate::attr::{self, ActionArgs, FieldRole};
use crate::common;
use crate::ctxt::Ctxt;
use crate::fallback;
use crate::model;
use crate::symbol::{API, CREATING_VERBS, RESPONSE};
use crate::valid;

/// `#[api_action("Name", ...)]` on a struct.
pub(crate) fn action(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let args = ActionArgs::parse(&mut cx, args);
    let krate = &args.krate;
    let Some(mut item) = parse_struct(&mut cx, input.clone(), "api_action") else {
        return fallback::not_a_struct(input, cx);
    };
    valid::check_response_below(&mut cx, &item.attrs);
    let declared = ast::Field::from_syn(&mut cx, &item.fields, FieldRole::Request);
    valid::check_fields(&mut cx, &declared, FieldRole::Request, true);
    drop(declared);
    let common_count = add_common_fields(&mut item, &args.common);
    let mut fields = ast::Field::from_syn(&mut Ctxt::default(), &item.fields, FieldRole::Request);
    for field in fields.iter_mut().take(common_count) {
        field.common = true;
    }
    let response_syn = attr::response_fields(&mut cx, &item.attrs);
    let response = ast::Field::from_syn(&mut cx, &response_syn, FieldRole::Response);
    valid::check_fields(&mut cx, &response, FieldRole::Response, false);
    let paging = args
        .paginate
        .as_ref()
        .map(|p| valid::check_paginate(&mut cx, p, &fields, &response));
    let response_ident = format_ident!("{}Response", item.ident);
    let (Some(name), true) = (&args.name, cx.is_ok()) else {
        return fallback::action(&item, &fields, &response_syn, &args, cx);
    };

    let ident = &item.ident;
    let vis = &item.vis;
    let name = name.value();
    let retryable = args.retryable.unwrap_or_else(|| default_retryable(&name));
    let doc = ast::first_paragraph(&item.attrs);
    let metas = param_metas(krate, &fields);
    let writes = param_writes(krate, &fields, Role::Action(&name));
    let sorted = sorted_writes(krate, &fields, Role::Action(&name));
    let definition = definition(&item, &fields);
    let builder = builder(&item, &fields);
    let debug = debug_impl(ident, &fields);
    let response_doc = format!(" The answer to [`{ident}`] (`{name}`).");
    let response_struct = model::model(
        krate,
        &[syn::parse_quote!(#[doc = #response_doc])],
        vis,
        &response_ident,
        &response,
        true,
    );
    let paginated = match paging.flatten() {
        Some((item_ty, [offset, limit, total, items])) => paginated(
            krate,
            ident,
            &response_ident,
            item_ty,
            [offset, limit, total, items],
        ),
        None => TokenStream::new(),
    };

    quote! {
        #definition
        #builder
        #debug
        #[automatically_derived]
        impl #krate::Action for #ident {
            type Response = #response_ident;
            const META: &'static #krate::ActionMeta = &#krate::ActionMeta {
                name: #name,
                params: &[#(#metas),*],
                retryable: #retryable,
                doc: #doc,
            };
            const SORTED_WRITES: bool = #sorted;
            fn write_params<'a>(
                &'a self,
                w: &mut #krate::ParamWriter<'_, 'a>,
            ) -> ::core::result::Result<(), #krate::Error> {
                #(#writes)*
                ::core::result::Result::Ok(())
            }
        }
        #response_struct
        #paginated
    }
}

/// Whether an action is safe to repeat when its declaration does not say:
/// unless its name starts with a verb that makes something new.
fn default_retryable(name: &str) -> bool {
    !CREATING_VERBS.iter().any(|verb| {
        name.strip_prefix(verb)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_lowercase()))
    })
}

/// Puts the common parameters' fields first in the struct, but for those
/// the struct declares itself (an error, reported by `valid`); returns how
/// many it added.
fn add_common_fields(item: &mut ItemStruct, set: &[common::CommonParam]) -> usize {
    let syn::Fields::Named(named) = &mut item.fields else {
        return 0;
    };
    let declared = std::mem::take(&mut named.named);
    let added: Vec<syn::Field> = common::fields(set)
        .into_iter()
        .filter(|field| !declared.iter().any(|d| d.ident == field.ident))
        .collect();
    let count = added.len();
    named.named.extend(added);
    named.named.extend(declared);
    count
}

/// The `Paginated` impl. The field accesses carry the spans of the
/// fields' types, so a field that cannot count pages is reported there.
fn paginated(
    krate: &syn::Path,
    ident: &Ident,
    response_ident: &Ident,
    item_ty: &syn::Type,
    [offset, limit, total, items]: [&Field<'_>; 4],
) -> TokenStream {
    let number = |field: &Field<'_>| {
        let ty = field.ty;
        quote_spanned!(ty.span()=> <#ty as #krate::PageNumber>)
    };
    let (offset_number, limit_number, total_number) =
        (number(offset), number(limit), number(total));
    let (offset, limit, total, items) = (offset.ident, limit.ident, total.ident, items.ident);
    quote! {
        #[automatically_derived]
        impl #krate::Paginated for #ident {
            type Item = #item_ty;
            fn page_offset(&self) -> ::core::option::Option<u64> {
                #offset_number::get(&self.#offset)
            }
            fn set_page_offset(&mut self, offset: u64) {
                #offset_number::set(&mut self.#offset, offset)
            }
            fn page_limit(&self) -> ::core::option::Option<u64> {
                #limit_number::get(&self.#limit)
            }
            fn set_page_limit(&mut self, limit: u64) {
                #limit_number::set(&mut self.#limit, limit)
            }
            fn into_page(response: #response_ident) -> #krate::Page<#item_ty> {
                #krate::Page {
                    total_count: #total_number::get(&response.#total),
                    items: response.#items,
                }
            }
        }
    }
}

/// `#[api_object]` on a struct: a nested request object.
pub(crate) fn object(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let krate = attr::crate_only(&mut cx, args, "api_object");
    let Some(item) = parse_struct(&mut cx, input.clone(), "api_object") else {
        return fallback::not_a_struct(input, cx);
    };
    let fields = ast::Field::from_syn(&mut cx, &item.fields, FieldRole::Request);
    valid::check_fields(&mut cx, &fields, FieldRole::Request, false);
    if !cx.is_ok() {
        return fallback::object(&krate, &item, &fields, cx);
    }
    let ident = &item.ident;
    let metas = param_metas(&krate, &fields);
    let writes = param_writes(&krate, &fields, Role::Object);
    let sorted = sorted_writes(&krate, &fields, Role::Object);
    let definition = definition(&item, &fields);
    let builder = builder(&item, &fields);
    let debug = debug_impl(ident, &fields);
    quote! {
        #definition
        #builder
        #debug
        #[automatically_derived]
        impl #krate::ParamValue for #ident {
            const KIND: #krate::ParamKind = #krate::ParamKind::Object;
            const FIELDS: &'static [#krate::ParamMeta] = &[#(#metas),*];
            const SORTED: bool = #sorted;
            #[inline]
            fn write_param<'a>(
                &'a self,
                w: &mut #krate::ParamWriter<'_, 'a>,
            ) -> ::core::result::Result<(), #krate::Error> {
                #(#writes)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// `#[api_model]` on a struct: an answer model.
pub(crate) fn model_attr(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let krate = attr::crate_only(&mut cx, args, "api_model");
    let Some(item) = parse_struct(&mut cx, input.clone(), "api_model") else {
        return fallback::not_a_struct(input, cx);
    };
    let fields = ast::Field::from_syn(&mut cx, &item.fields, FieldRole::Response);
    valid::check_fields(&mut cx, &fields, FieldRole::Response, false);
    if !cx.is_ok() {
        return fallback::model(&krate, &item, cx);
    }
    model::model(&krate, &item.attrs, &item.vis, &item.ident, &fields, false)
}

/// Parses the item as a struct; errors for other items, tuple and unit
/// structs and generics are recorded (the struct is still returned when
/// it is one, for the fallback).
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

/// The struct without the macros' helper attributes.
pub(crate) fn strip_helpers(mut item: ItemStruct) -> ItemStruct {
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
pub(crate) fn builder(item: &ItemStruct, fields: &[Field<'_>]) -> TokenStream {
    let (ident, vis) = (&item.ident, &item.vis);
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
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
        impl #impl_generics #ident #ty_generics #where_clause {
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

/// `Debug` that shows every field but `#[api(secret)]` ones; `#[inline]`
/// so that it is compiled only where it is used (see `model::model`).
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
        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name) #(#entries)* .finish()
            }
        }
    }
}

/// Each field's metadata. The type's part carries the type's span, so a
/// type that cannot be sent is reported at the field.
fn param_metas(krate: &syn::Path, fields: &[Field<'_>]) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let (wire, ty, doc) = (&f.wire_name, f.ty, &f.doc);
            let (required, common, secret, base64) = (
                f.is_required(),
                f.common,
                f.attrs.secret,
                f.attrs.base64.is_some(),
            );
            let value = quote_spanned!(ty.span()=> <#ty as #krate::ParamValue>);
            quote! {
                #krate::ParamMeta {
                    wire_name: #wire,
                    kind: #value::KIND,
                    required: #required,
                    common: #common,
                    secret: #secret,
                    base64: #base64,
                    doc: #doc,
                    fields: #value::FIELDS,
                }
            }
        })
        .collect()
}

/// Whose fields [`param_writes`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role<'n> {
    /// An action's, with its wire name: required ones are checked where
    /// they are written, and the client's own parameters are placed among
    /// them.
    Action(&'n str),
    /// A request object's.
    Object,
}

/// The names the client sets on every call (besides `Signature`), which
/// an action streaming its parameters places among its own; each is also
/// the name of its `ClientParam` variant.
const CLIENT_PARAMS: [&str; 3] = ["Action", "PublicKey", "SecurityToken"];

/// Whether the fields' wire names keep every key in bytewise order when
/// written in the order of the names: letters, digits and `_` only (each
/// sorts after the `.` that joins a name to its elements and fields), no
/// name twice, and, for an action, none the client sets itself.
fn names_keep_order(fields: &[Field<'_>], role: Role<'_>) -> bool {
    let mut names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    names.sort_unstable();
    let unique = names.windows(2).all(|w| w[0] != w[1]);
    let plain = names
        .iter()
        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    let clash = matches!(role, Role::Action(_))
        && names
            .iter()
            .any(|n| *n == "Signature" || CLIENT_PARAMS.contains(n));
    unique && plain && !clash
}

/// The value of `Action::SORTED_WRITES` or `ParamValue::SORTED`: the names
/// keep the order, and every field's type writes in order.
fn sorted_writes(krate: &syn::Path, fields: &[Field<'_>], role: Role<'_>) -> TokenStream {
    if !names_keep_order(fields, role) {
        return quote!(false);
    }
    let types = fields.iter().filter(|f| f.attrs.base64.is_none()).map(|f| {
        let ty = f.ty;
        quote_spanned!(ty.span()=> <#ty as #krate::ParamValue>::SORTED)
    });
    quote!(true #(&& #types)*)
}

/// One `write` statement per field.
///
/// Fields are written in bytewise order of their wire names, the order
/// signing needs. An action's also place the client's own parameters
/// (`client_param`) and the defaults of common ones (`common_field`) at
/// their places, so that a client can stream the whole call straight into
/// the signature and body (`Action::SORTED_WRITES`); a collecting client
/// ignores the former and adds defaults afterwards. A required field of an
/// action that writes nothing fails there and then.
fn param_writes(krate: &syn::Path, fields: &[Field<'_>], role: Role<'_>) -> Vec<TokenStream> {
    enum Item<'f, 'a> {
        Field(&'f Field<'a>),
        Client(&'static str),
    }
    let name = |item: &Item<'_, '_>| match item {
        Item::Field(f) => f.wire_name.clone(),
        Item::Client(wire) => (*wire).to_owned(),
    };
    let mut items: Vec<Item<'_, '_>> = fields.iter().map(Item::Field).collect();
    if matches!(role, Role::Action(_)) && names_keep_order(fields, role) {
        items.extend(CLIENT_PARAMS.into_iter().map(Item::Client));
    }
    items.sort_by_cached_key(|item| name(item).into_bytes());
    items
        .into_iter()
        .map(|item| {
            let f = match item {
                Item::Field(f) => f,
                Item::Client("Action") => match role {
                    // A plain name (nearly all are) is written as it is:
                    // both forms of the pair are made here, once.
                    Role::Action(action)
                        if action.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                    {
                        let signed = format!("Action{action}");
                        let body = format!("Action={action}&");
                        return quote!(w.action_param(#signed, #body););
                    }
                    _ => return quote!(w.client_param(#krate::__private::ClientParam::Action);),
                },
                Item::Client(wire) => {
                    let variant = format_ident!("{}", wire);
                    return quote!(w.client_param(#krate::__private::ClientParam::#variant););
                }
            };
            let (wire, name) = (&f.wire_name, f.ident);
            let required = matches!(role, Role::Action(_)) && f.is_required();
            if f.common && matches!(role, Role::Action(_)) {
                let variant = format_ident!("{}", f.wire_name);
                return quote! {
                    w.common_field(#krate::__private::CommonParam::#variant, #required, &self.#name)?;
                };
            }
            match (f.attrs.base64.is_some(), required) {
                (true, false) => quote!(#krate::__private::write_base64(w, #wire, &self.#name)?;),
                (true, true) => quote! {
                    let before = w.written();
                    #krate::__private::write_base64(w, #wire, &self.#name)?;
                    w.check_written(#wire, before)?;
                },
                (false, false) => quote!(w.field(#wire, &self.#name)?;),
                (false, true) => quote!(w.required_field(#wire, &self.#name)?;),
            }
        })
        .collect()
}

/// A field name without its `r#`.
pub(crate) fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_retryable_unless_their_verb_makes_something_new() {
        for name in [
            "CreateCustomImage",
            "AllocateEIP",
            "CopyCustomImage",
            "ImportUHostKeyPairs",
            "CloneUDisk",
            "BuyUHostInstance",
            "AddUHostToIsolationGroup",
            "UpgradeToArkUHostInstance",
            "RenewUHostInstance",
        ] {
            assert!(!default_retryable(name), "{name}");
        }
        for name in [
            "ReleaseEIP",
            "DescribeEIP",
            "TerminateUHostInstance",
            "ModifyUHostIP",
            "AddressCheck",
            "Copyright",
        ] {
            assert!(default_retryable(name), "{name}");
        }
    }

    /// The declaration of CreateCustomImage in api-uhost, expanded: the
    /// file `expanded/create_custom_image.rs` shows readers what the macro
    /// writes, and this test keeps it current. Set `UPDATE_EXPANDED=1` to
    /// rewrite it after a deliberate change.
    #[test]
    fn create_custom_image_expansion_matches_the_snapshot() {
        let args = quote!("CreateCustomImage");
        let input = quote! {
            /// Creates a custom image from a UHost instance, optionally with snapshots
            /// of its cloud data disks.
            ///
            /// The new image is `Making` until it becomes `Available` (see
            /// [`DescribeImage`]). Cloud data disks need the snapshot service enabled.
            /// Not retried automatically: a repeated request makes another image.
            #[response(
                /// The new image.
                image_id: String,
                /// One snapshot per data disk given in `data_udisk_ids`.
                data_snapshot_ids: Vec<String>,
            )]
            pub struct CreateCustomImage {
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

    /// A renamed dependency: every path in the generated code starts with
    /// the path given by `crate = "..."`.
    #[test]
    fn a_crate_argument_replaces_every_api_core_path() {
        let outputs = [
            action(
                quote!(
                    "DescribeThing",
                    crate = "sdk",
                    paginate(offset = offset, limit = limit, total = total, items = items)
                ),
                quote! {
                    /// Lists things.
                    #[response(total: i64, items: Vec<String>)]
                    pub struct DescribeThing {
                        #[api(base64, secret)]
                        pub password: Option<String>,
                        pub offset: Option<i64>,
                        pub limit: Option<i64>,
                    }
                },
            ),
            action(
                quote!("DescribeThing", crate = "sdk", colour),
                quote!(
                    pub struct DescribeThing {
                        pub id: String,
                    }
                ),
            ),
            object(
                quote!(crate = "sdk"),
                quote!(
                    pub struct Disk {
                        pub size: i64,
                    }
                ),
            ),
            model_attr(
                quote!(crate = "sdk"),
                quote!(
                    pub struct Disk {
                        pub size: i64,
                    }
                ),
            ),
            model_attr(
                quote!(crate = "sdk"),
                quote!(
                    pub struct Disk {
                        pub size: &'static str,
                    }
                ),
            ),
            crate::enums::api_enum(
                quote!(crate = "sdk"),
                quote!(
                    pub enum Kind {
                        A,
                        B,
                    }
                ),
            ),
            crate::enums::api_enum(
                quote!(crate = "sdk"),
                quote!(
                    pub enum Kind {
                        A(u8),
                    }
                ),
            ),
        ];
        for output in outputs {
            let text = output.to_string();
            assert!(!text.contains("api_core"), "{text}");
            assert!(text.contains("sdk ::"), "{text}");
        }
    }
}
