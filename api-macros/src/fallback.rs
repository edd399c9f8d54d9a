//! What the macros write after an error: the item as declared, the
//! errors, and stub impls of everything the macro would have written, so
//! that uses of the type (`X::new`, setters, `client.send(x)`, answer
//! fields) still compile and the user sees only the real mistake. The
//! stubs' bodies never run: the crate does not compile.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Generics, Ident, ItemStruct};

use crate::ast::{Field, Shape, generic_arg};
use crate::attr::ActionArgs;
use crate::ctxt::Ctxt;
use crate::expand::{builder, strip_helpers};
use crate::symbol::API;

/// The type the stubs are for.
struct Target<'a> {
    ident: &'a Ident,
    generics: &'a Generics,
}

impl Target<'_> {
    /// `impl Trait for Type { body }`, marked as generated.
    fn stub(&self, trait_path: TokenStream, body: TokenStream) -> TokenStream {
        let ident = self.ident;
        let (impl_generics, ty_generics, where_clause) = self.generics.split_for_impl();
        quote! {
            #[automatically_derived]
            impl #impl_generics #trait_path for #ident #ty_generics #where_clause {
                #body
            }
        }
    }

    fn clone(&self) -> TokenStream {
        self.stub(
            quote!(::core::clone::Clone),
            quote!(
                fn clone(&self) -> Self {
                    ::core::unreachable!()
                }
            ),
        )
    }

    fn partial_eq(&self) -> TokenStream {
        self.stub(
            quote!(::core::cmp::PartialEq),
            quote!(
                fn eq(&self, _: &Self) -> bool {
                    ::core::unreachable!()
                }
            ),
        )
    }

    fn debug(&self) -> TokenStream {
        self.stub(
            quote!(::core::fmt::Debug),
            quote! {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            },
        )
    }

    fn default(&self) -> TokenStream {
        self.stub(
            quote!(::core::default::Default),
            quote!(
                fn default() -> Self {
                    ::core::unreachable!()
                }
            ),
        )
    }

    fn deserialize(&self, krate: &syn::Path) -> TokenStream {
        let ident = self.ident;
        let mut generics = self.generics.clone();
        generics.params.insert(0, syn::parse_quote!('de));
        let (impl_generics, _, where_clause) = generics.split_for_impl();
        let (_, ty_generics, _) = self.generics.split_for_impl();
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::__private::serde::Deserialize<'de> for #ident #ty_generics #where_clause {
                fn deserialize<D: #krate::__private::serde::Deserializer<'de>>(
                    _: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    ::core::unreachable!()
                }
            }
        }
    }

    fn serialize(&self, krate: &syn::Path) -> TokenStream {
        self.stub(
            quote!(#krate::__private::serde::Serialize),
            quote! {
                fn serialize<S: #krate::__private::serde::Serializer>(
                    &self,
                    _: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    ::core::unreachable!()
                }
            },
        )
    }

    fn lenient(&self, krate: &syn::Path) -> TokenStream {
        self.stub(
            quote!(#krate::__private::Lenient),
            quote! {
                fn deserialize_lenient<'de, D: #krate::__private::serde::Deserializer<'de>>(
                    _: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    ::core::unreachable!()
                }
            },
        )
    }

    fn param_value(&self, krate: &syn::Path, kind: TokenStream) -> TokenStream {
        self.stub(
            quote!(#krate::ParamValue),
            quote! {
                const KIND: #krate::ParamKind = #krate::ParamKind::#kind;
                fn write_param<'a>(
                    &'a self,
                    _: &mut #krate::ParamWriter<'_, 'a>,
                ) -> ::core::result::Result<(), #krate::Error> {
                    ::core::unreachable!()
                }
            },
        )
    }

    /// The traits every answer model has.
    fn model_traits(&self, krate: &syn::Path) -> TokenStream {
        let parts = [
            self.clone(),
            self.partial_eq(),
            self.debug(),
            self.default(),
            self.deserialize(krate),
            self.serialize(krate),
            self.lenient(krate),
        ];
        quote!(#(#parts)*)
    }
}

/// The errors, and the item as written when it parses (without helper
/// attributes), for an item the macro does not apply to.
pub(crate) fn not_a_struct(input: TokenStream, cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    let item = match syn::parse2::<syn::Item>(input) {
        Ok(syn::Item::Struct(item)) => {
            let item = strip_helpers(item);
            quote!(#item)
        }
        Ok(syn::Item::Enum(mut item)) => {
            for variant in item.variants.iter_mut() {
                variant.attrs.retain(|a| !a.path().is_ident(API));
            }
            quote!(#item)
        }
        Ok(other) => quote!(#other),
        Err(_) => TokenStream::new(),
    };
    quote!(#item #errors)
}

/// An action after an error: its struct with the common fields, its
/// constructor and setters, its answer with the fields `#[response]`
/// lists, and stubs.
pub(crate) fn action(
    item: &ItemStruct,
    fields: &[Field<'_>],
    response: &[syn::Field],
    args: &ActionArgs,
    cx: Ctxt,
) -> TokenStream {
    let krate = &args.krate;
    let errors = cx.into_compile_errors();
    let target = Target {
        ident: &item.ident,
        generics: &item.generics,
    };
    let definition = strip_helpers(item.clone());
    let builder = named_builder(item, fields);
    let default = if fields.iter().any(Field::is_constructor_arg) {
        TokenStream::new()
    } else {
        target.default()
    };
    let (clone, eq, debug) = (target.clone(), target.partial_eq(), target.debug());
    let name = args
        .name
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_default();
    let response_ident = format_ident!("{}Response", item.ident);
    // `Action` requires `Send + Sync`; of a generic struct that is only
    // known with a bound, and the real error is the generics.
    let mut action_generics = item.generics.clone();
    action_generics
        .make_where_clause()
        .predicates
        .push(syn::parse_quote!(Self: ::core::marker::Send + ::core::marker::Sync));
    let action_target = Target {
        ident: &item.ident,
        generics: &action_generics,
    };
    let action = action_target.stub(
        quote!(#krate::Action),
        quote! {
            type Response = #response_ident;
            const META: &'static #krate::ActionMeta = &#krate::ActionMeta {
                name: #name,
                params: &[],
                retryable: false,
                doc: "",
            };
            fn write_params<'a>(
                &'a self,
                _: &mut #krate::ParamWriter<'_, 'a>,
            ) -> ::core::result::Result<(), #krate::Error> {
                ::core::unreachable!()
            }
        },
    );
    let vis = &item.vis;
    let response_fields = response.iter().map(|field| {
        let mut field = field.clone();
        field.attrs.retain(|a| !a.path().is_ident(API));
        if matches!(field.vis, syn::Visibility::Inherited) {
            field.vis = syn::parse_quote!(pub);
        }
        field
    });
    let no_generics = Generics::default();
    let response_target = Target {
        ident: &response_ident,
        generics: &no_generics,
    };
    let response_traits = [
        response_target.clone(),
        response_target.partial_eq(),
        response_target.debug(),
        response_target.default(),
        response_target.deserialize(krate),
        response_target.serialize(krate),
    ];
    let paginated = args
        .paginate
        .as_ref()
        .and_then(|paginate| {
            let items = paginate.items.as_ref()?;
            let field = response.iter().find(|f| f.ident.as_ref() == Some(items))?;
            match generic_arg(&field.ty) {
                Some(("Vec", item_ty)) => Some(item_ty),
                _ => None,
            }
        })
        .map(|item_ty| {
            action_target.stub(
                quote!(#krate::Paginated),
                quote! {
                    type Item = #item_ty;
                    fn page_offset(&self) -> ::core::option::Option<u64> { ::core::unreachable!() }
                    fn set_page_offset(&mut self, _: u64) { ::core::unreachable!() }
                    fn page_limit(&self) -> ::core::option::Option<u64> { ::core::unreachable!() }
                    fn set_page_limit(&mut self, _: u64) { ::core::unreachable!() }
                    fn into_page(_: #response_ident) -> #krate::Page<#item_ty> {
                        ::core::unreachable!()
                    }
                },
            )
        });
    quote! {
        #errors
        #definition
        #builder
        #clone
        #eq
        #debug
        #default
        #action
        #vis struct #response_ident {
            #(#response_fields,)*
        }
        #(#response_traits)*
        #paginated
    }
}

/// The constructor and setters, for a struct with named fields.
fn named_builder(item: &ItemStruct, fields: &[Field<'_>]) -> TokenStream {
    match item.fields {
        syn::Fields::Named(_) => builder(item, fields),
        _ => TokenStream::new(),
    }
}

/// A request object after an error.
pub(crate) fn object(
    krate: &syn::Path,
    item: &ItemStruct,
    fields: &[Field<'_>],
    cx: Ctxt,
) -> TokenStream {
    let errors = cx.into_compile_errors();
    let target = Target {
        ident: &item.ident,
        generics: &item.generics,
    };
    let definition = strip_helpers(item.clone());
    let builder = named_builder(item, fields);
    let default = if fields.iter().any(|f| matches!(f.shape, Shape::Plain)) {
        TokenStream::new()
    } else {
        target.default()
    };
    let parts = [
        target.clone(),
        target.partial_eq(),
        target.debug(),
        default,
        target.param_value(krate, quote!(Object)),
    ];
    quote! {
        #errors
        #definition
        #builder
        #(#parts)*
    }
}

/// An answer model after an error.
pub(crate) fn model(krate: &syn::Path, item: &ItemStruct, cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    let target = Target {
        ident: &item.ident,
        generics: &item.generics,
    };
    let definition = strip_helpers(item.clone());
    let traits = target.model_traits(krate);
    quote! {
        #errors
        #definition
        #traits
    }
}

/// An `#[api_enum]` after an error: the enum with its `Unknown(String)`
/// variant, and stubs.
pub(crate) fn enumeration(krate: &syn::Path, mut item: syn::ItemEnum, cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    for variant in item.variants.iter_mut() {
        variant.attrs.retain(|a| !a.path().is_ident(API));
    }
    if !item.variants.iter().any(|v| v.ident == "Unknown") {
        item.variants
            .push(syn::parse_quote!(Unknown(::std::string::String)));
    }
    let target = Target {
        ident: &item.ident,
        generics: &item.generics,
    };
    let ident = &item.ident;
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
    let parts = [
        target.model_traits(krate),
        target.stub(quote!(::core::cmp::Eq), quote!()),
        target.stub(
            quote!(::core::hash::Hash),
            quote!(
                fn hash<H: ::core::hash::Hasher>(&self, _: &mut H) {
                    ::core::unreachable!()
                }
            ),
        ),
        target.stub(
            quote!(::core::fmt::Display),
            quote! {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            },
        ),
        target.stub(
            quote!(::core::str::FromStr),
            quote! {
                type Err = ::core::convert::Infallible;
                fn from_str(_: &str) -> ::core::result::Result<Self, Self::Err> {
                    ::core::unreachable!()
                }
            },
        ),
        target.stub(
            quote!(::core::convert::From<&str>),
            quote!(
                fn from(_: &str) -> Self {
                    ::core::unreachable!()
                }
            ),
        ),
        target.stub(
            quote!(::core::convert::From<::std::string::String>),
            quote!(
                fn from(_: ::std::string::String) -> Self {
                    ::core::unreachable!()
                }
            ),
        ),
        target.param_value(krate, quote!(String)),
    ];
    quote! {
        #errors
        #item
        impl #impl_generics #ident #ty_generics #where_clause {
            /// Every value this SDK knows.
            pub const ALL: &'static [Self] = &[];
            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                ::core::unreachable!()
            }
        }
        #(#parts)*
    }
}
