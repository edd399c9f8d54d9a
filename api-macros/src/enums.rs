//! Writes the code for `#[api_enum]`: an enum of the API's known values
//! that keeps any other value it meets in an `Unknown(String)` variant.

use proc_macro2::TokenStream;
use quote::quote;

use crate::attr;
use crate::case;
use crate::ctxt::Ctxt;
use crate::fallback;
use crate::symbol::API;

/// `#[api_enum]` on an enum of unit variants.
pub(crate) fn api_enum(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let (rule, krate) = attr::enum_args(&mut cx, args);
    let rule_text = rule.as_ref().map(syn::LitStr::value);
    if let (Some(lit), Some(text)) = (&rule, &rule_text)
        && case::variant_value("A", Some(text)).is_none()
    {
        cx.error_spanned_by(
            lit,
            format!(
                "unknown rename_all rule {text:?}; expected one of {}",
                case::RENAME_RULES
            ),
        );
    }
    let mut item: syn::ItemEnum = match syn::parse2::<syn::Item>(input.clone()) {
        Ok(syn::Item::Enum(item)) => item,
        Ok(other) => {
            cx.error_spanned_by(other, "#[api_enum] applies to enums of unit variants");
            return fallback::not_a_struct(input, cx);
        }
        Err(e) => {
            cx.syn_error(e);
            return cx.into_compile_errors();
        }
    };
    if !item.generics.params.is_empty() {
        cx.error_spanned_by(&item.generics, "#[api_enum] does not support generic enums");
    }
    let mut values: Vec<(syn::Ident, String)> = Vec::new();
    let mut aliases: Vec<(syn::Ident, String)> = Vec::new();
    for variant in &item.variants {
        if !matches!(variant.fields, syn::Fields::Unit) {
            cx.error_spanned_by(
                &variant.fields,
                "#[api_enum] variants must be unit variants: each is one API value",
            );
        }
        if variant.ident == "Unknown" {
            cx.error_spanned_by(
                &variant.ident,
                "`Unknown` is added by #[api_enum] to hold values this SDK does not know; rename this variant",
            );
        }
        let attrs = attr::variant_attrs(&mut cx, &variant.attrs);
        let value = match &attrs.rename {
            Some(lit) => lit.value(),
            None => case::variant_value(&variant.ident.to_string(), rule_text.as_deref())
                .unwrap_or_else(|| variant.ident.to_string()),
        };
        check_unique(&mut cx, &values, &aliases, &variant.ident, &value);
        values.push((variant.ident.clone(), value));
        for alias in &attrs.aliases {
            let text = alias.value();
            check_unique(&mut cx, &values, &aliases, alias, &text);
            aliases.push((variant.ident.clone(), text));
        }
    }
    if !cx.is_ok() {
        return fallback::enumeration(&krate, item, cx);
    }
    for variant in item.variants.iter_mut() {
        variant.attrs.retain(|a| !a.path().is_ident(API));
    }

    let ident = &item.ident;
    item.variants.push(syn::parse_quote! {
        /// A value this SDK does not know yet, kept as received and sent
        /// back unchanged.
        Unknown(::std::string::String)
    });
    let idents: Vec<&syn::Ident> = values.iter().map(|(i, _)| i).collect();
    let texts: Vec<&String> = values.iter().map(|(_, v)| v).collect();
    let alias_idents = aliases.iter().map(|(i, _)| i);
    let alias_texts = aliases.iter().map(|(_, v)| v);
    let all_doc = format!(" Every value of `{ident}` this SDK knows.");
    // The methods are `#[inline]`: compiled where they are used, not by
    // every crate that declares an enum (see `model::model`).
    quote! {
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::fmt::Debug)]
        #item

        impl #ident {
            #[doc = #all_doc]
            pub const ALL: &'static [#ident] = &[#(#ident::#idents),*];

            /// The value as the API writes it.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#ident::#idents => #texts,)*
                    #ident::Unknown(value) => value,
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<&str> for #ident {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #(#texts => #ident::#idents,)*
                    #(#alias_texts => #ident::#alias_idents,)*
                    other => #ident::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<::std::string::String> for #ident {
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                match #ident::from(value.as_str()) {
                    #ident::Unknown(_) => #ident::Unknown(value),
                    known => known,
                }
            }
        }

        #[automatically_derived]
        impl ::core::str::FromStr for #ident {
            type Err = ::core::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(#ident::from(value))
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[automatically_derived]
        impl ::core::default::Default for #ident {
            /// An empty unknown value, as a missing field decodes.
            #[inline]
            fn default() -> Self {
                #ident::Unknown(::std::string::String::new())
            }
        }

        #[automatically_derived]
        impl #krate::ParamValue for #ident {
            const KIND: #krate::ParamKind = #krate::ParamKind::String;
            const SORTED: bool = true;
            #[inline]
            fn write_param<'a>(
                &'a self,
                w: &mut #krate::ParamWriter<'_, 'a>,
            ) -> ::core::result::Result<(), #krate::Error> {
                w.value(self.as_str())
            }
            #[inline]
            fn write_field<'a>(
                &'a self,
                name: &'a str,
                w: &mut #krate::ParamWriter<'_, 'a>,
            ) -> ::core::result::Result<(), #krate::Error> {
                w.text_field(name, ::std::borrow::Cow::Borrowed(self.as_str()))
            }
        }

        #[automatically_derived]
        impl<'de> #krate::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #krate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as #krate::__private::Lenient>::deserialize_lenient(d)
                    .map(#ident::from)
            }
        }

        #[automatically_derived]
        impl #krate::__private::serde::Serialize for #ident {
            fn serialize<S: #krate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[automatically_derived]
        impl #krate::__private::Lenient for #ident {
            fn deserialize_lenient<'de, D: #krate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as #krate::__private::Lenient>::deserialize_lenient(d)
                    .map(#ident::from)
            }
        }
    }
}

/// Reports `text`, spelled at `culprit`, if a variant already reads it.
fn check_unique(
    cx: &mut Ctxt,
    values: &[(syn::Ident, String)],
    aliases: &[(syn::Ident, String)],
    culprit: impl quote::ToTokens,
    text: &str,
) {
    if let Some((other, _)) = values.iter().chain(aliases).find(|(_, v)| v == text) {
        cx.error_spanned_by(
            culprit,
            format!("duplicate wire value {text:?}: variant `{other}` has it too"),
        );
    }
}
