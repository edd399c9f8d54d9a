//! A borrowed view of a declaration that keeps each node's original syntax
//! for error spans.

use syn::{Attribute, Ident, Type};

use crate::attr::{FieldAttrs, FieldRole};
use crate::case;
use crate::ctxt::Ctxt;
use crate::symbol::{API, DOC};

/// How a field's type shapes its parameter.
#[derive(Clone, Copy)]
pub(crate) enum Shape<'a> {
    /// A plain type: a required parameter.
    Plain,
    /// `Option<T>`.
    Optional(&'a Type),
    /// `Vec<T>`.
    Array(&'a Type),
}

/// One field of a struct, with its resolved wire name and settings.
pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) shape: Shape<'a>,
    pub(crate) attrs: FieldAttrs,
    pub(crate) wire_name: String,
    pub(crate) doc: String,
    /// Whether the macro wrote the field for a common parameter.
    pub(crate) common: bool,
}

impl<'a> Field<'a> {
    /// Views `fields`; unnamed fields are skipped (the caller reports them).
    pub(crate) fn from_syn(
        cx: &mut Ctxt,
        fields: impl IntoIterator<Item = &'a syn::Field>,
        role: FieldRole,
    ) -> Vec<Field<'a>> {
        fields
            .into_iter()
            .filter_map(|field| {
                let ident = field.ident.as_ref()?;
                let attrs = FieldAttrs::parse(cx, &field.attrs, role);
                let wire_name = match &attrs.rename {
                    Some(lit) => lit.value(),
                    None => case::wire_name(&ident.to_string()),
                };
                Some(Field {
                    original: field,
                    ident,
                    ty: &field.ty,
                    shape: shape(&field.ty),
                    attrs,
                    wire_name,
                    doc: first_paragraph(&field.attrs),
                    common: false,
                })
            })
            .collect()
    }

    /// Whether the caller must give the field to the constructor.
    pub(crate) fn is_constructor_arg(&self) -> bool {
        matches!(self.shape, Shape::Plain)
    }

    /// Whether the API requires the parameter.
    pub(crate) fn is_required(&self) -> bool {
        self.is_constructor_arg() || self.attrs.required.is_some()
    }

    /// The field's attributes other than `#[api(...)]`, for re-emitting.
    pub(crate) fn kept_attrs(&self) -> impl Iterator<Item = &'a Attribute> {
        self.original
            .attrs
            .iter()
            .filter(|a| !a.path().is_ident(API))
    }

    /// The field's doc attributes.
    pub(crate) fn doc_attrs(&self) -> impl Iterator<Item = &'a Attribute> {
        self.original
            .attrs
            .iter()
            .filter(|a| a.path().is_ident(DOC))
    }
}

/// The shape of a field's type.
pub(crate) fn shape(ty: &Type) -> Shape<'_> {
    match generic_arg(ty) {
        Some(("Option", inner)) => Shape::Optional(inner),
        Some(("Vec", inner)) => Shape::Array(inner),
        _ => Shape::Plain,
    }
}

/// `(Outer, T)` for a type `Outer<T>` written as a plain path.
pub(crate) fn generic_arg(ty: &Type) -> Option<(&'static str, &Type)> {
    let Type::Path(path) = ungroup(ty) else {
        return None;
    };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let [syn::GenericArgument::Type(inner)] = args.args.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let outer = match last.ident.to_string().as_str() {
        "Option" => "Option",
        "Vec" => "Vec",
        _ => return None,
    };
    Some((outer, inner))
}

/// Strips invisible groups and parentheses.
pub(crate) fn ungroup(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(g) => ty = &g.elem,
            Type::Paren(p) => ty = &p.elem,
            _ => return ty,
        }
    }
}

/// Why a field type cannot be used, if it cannot.
pub(crate) fn unsupported_type(ty: &Type) -> Option<(&Type, &'static str)> {
    let ty = ungroup(ty);
    let inner = match generic_arg(ty) {
        Some(("Option", inner)) => inner,
        Some(("Vec", inner)) => inner,
        _ => return plain_type_problem(ty).map(|why| (ty, why)),
    };
    if generic_arg(inner).is_some() {
        return Some((
            inner,
            "nested Option/Vec is not supported: an empty Vec or None already sends nothing",
        ));
    }
    plain_type_problem(ungroup(inner)).map(|why| (ungroup(inner), why))
}

fn plain_type_problem(ty: &Type) -> Option<&'static str> {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            let generic = path
                .path
                .segments
                .iter()
                .any(|s| !matches!(s.arguments, syn::PathArguments::None));
            generic.then_some(
                "unsupported field type: generic types other than Option<T> and Vec<T> cannot be sent or decoded",
            )
        }
        Type::Reference(_) => Some(
            "unsupported field type: use an owned type (String, Vec<T>) instead of a reference",
        ),
        _ => Some(
            "unsupported field type: use a string, integer, float, bool, Option<T>, Vec<T>, or a type declared with #[api_object], #[api_model] or #[api_enum]",
        ),
    }
}

/// The first paragraph of the doc comments in `attrs`, its lines trimmed
/// and joined by spaces.
pub(crate) fn first_paragraph(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident(DOC))
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
        .flat_map(|text| {
            text.split('\n')
                .map(|l| l.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    lines
        .iter()
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_first_paragraph_is_kept() {
        let item: syn::ItemStruct = syn::parse_quote! {
            ///
            /// Creates one or more instances, and charges
            /// the account for them.
            ///
            /// More detail.
            struct S;
        };
        assert_eq!(
            first_paragraph(&item.attrs),
            "Creates one or more instances, and charges the account for them."
        );
        let item: syn::ItemStruct = syn::parse_quote! {
            /** Block
                comment. */
            struct S;
        };
        assert_eq!(first_paragraph(&item.attrs), "Block comment.");
    }
}
