//! Writes answers and answer models: the struct, and impls of `Clone`,
//! `PartialEq`, `Default`, `Debug`, `Model`, `Deserialize`, `Serialize`
//! and `Lenient`.
//!
//! Every operation on a field goes through `<FieldType as Lenient>`, with
//! the span of the field's type: a type that cannot be an answer field is
//! then one error, at that type, saying what to do (the compiler merges
//! the identical reports of each impl).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use crate::ast::Field;
use crate::expand::unraw;
use crate::symbol::RESPONSE;

/// An answer model with its impls.
///
/// `all_pub` makes fields declared without visibility public, as fields
/// listed in `#[response(...)]` are.
pub(crate) fn model(
    krate: &syn::Path,
    attrs: &[syn::Attribute],
    vis: &syn::Visibility,
    ident: &Ident,
    fields: &[Field<'_>],
    all_pub: bool,
) -> TokenStream {
    let attrs = attrs.iter().filter(|a| !a.path().is_ident(RESPONSE));
    let defs = fields.iter().map(|f| {
        let (name, ty) = (f.ident, f.ty);
        let kept = f.kept_attrs();
        let field_vis = match &f.original.vis {
            syn::Visibility::Inherited if all_pub => quote!(pub),
            declared => quote!(#declared),
        };
        // Fields listed in `#[response(...)]` without docs get a line of
        // their own, as public items need one.
        let doc = if all_pub && f.doc_attrs().next().is_none() {
            let text = format!(" The answer's `{}`.", f.wire_name);
            quote!(#[doc = #text])
        } else {
            TokenStream::new()
        };
        quote! {
            #doc
            #(#kept)*
            #field_vis #name: #ty,
        }
    });
    let name = ident.to_string();
    let names: Vec<&Ident> = fields.iter().map(|f| f.ident).collect();
    let ops: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let ty = f.ty;
            quote_spanned!(ty.span()=> <#ty as #krate::__private::Lenient>)
        })
        .collect();
    let wires: Vec<&String> = fields.iter().map(|f| &f.wire_name).collect();
    let indices = 0..fields.len();
    let count = fields.len();
    let debug_entries = fields.iter().zip(&ops).map(|(f, op)| {
        let (field, label) = (f.ident, unraw(f.ident));
        if f.attrs.secret {
            quote!(.field(#label, &"<redacted>"))
        } else {
            quote!(.field(#label, #op::debug_field(&self.#field)))
        }
    });
    let decode_body = if fields.is_empty() {
        quote! {
            let _ = (index, map);
            ::core::result::Result::Ok(())
        }
    } else {
        let indices = 0..fields.len();
        quote! {
            match index {
                #(#indices => self.#names = #ops::decode_field(map)?,)*
                _ => {}
            }
            ::core::result::Result::Ok(())
        }
    };
    let eq_body = if fields.is_empty() {
        quote!(let _ = other; true)
    } else {
        quote!(#(#ops::eq_field(&self.#names, &other.#names))&&*)
    };
    let serde = quote!(#krate::__private::serde);
    // The non-generic methods are `#[inline]`, as `std`'s derives make
    // `clone` and `eq`: a crate declaring many models then compiles none
    // of them itself, and each is compiled where it is used. In a debug
    // build of 200 generated actions that is about a quarter of the CPU
    // time.
    quote! {
        #(#attrs)*
        #vis struct #ident {
            #(#defs)*
        }

        #[automatically_derived]
        impl ::core::clone::Clone for #ident {
            #[inline]
            fn clone(&self) -> Self {
                #ident { #(#names: #ops::clone_field(&self.#names),)* }
            }
        }

        #[automatically_derived]
        impl ::core::cmp::PartialEq for #ident {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                #eq_body
            }
        }

        #[automatically_derived]
        impl ::core::default::Default for #ident {
            #[inline]
            fn default() -> Self {
                #ident { #(#names: #ops::default_field(),)* }
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name) #(#debug_entries)* .finish()
            }
        }

        #[automatically_derived]
        impl #krate::__private::Model for #ident {
            const NAME: &'static str = #name;
            const FIELDS: &'static [&'static str] = &[#(#wires),*];
            #[inline]
            fn field_index(name: &str) -> ::core::option::Option<usize> {
                match name {
                    #(#wires => ::core::option::Option::Some(#indices),)*
                    _ => ::core::option::Option::None,
                }
            }
            fn decode_field<'de, A: #serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> ::core::result::Result<(), A::Error> {
                #decode_body
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #krate::__private::decode(d)
            }
        }

        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let mut out = #serde::Serializer::serialize_struct(s, #name, #count)?;
                #(#ops::encode_field(&self.#names, &mut out, #wires)?;)*
                #krate::__private::SerializeStruct::end(out)
            }
        }

        #[automatically_derived]
        impl #krate::__private::Lenient for #ident {
            fn deserialize_lenient<'de, D: #serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #krate::__private::decode_nullable(d)
            }
        }
    }
}
