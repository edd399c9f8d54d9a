//! The API's common parameters: which of them an action takes, and the
//! fields the macro writes for them.
//!
//! `common(region, zone?, project_id?)` names them; `?` marks one the API
//! does not require. Saying nothing means that default set, the one most
//! actions take; `common()` means none.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, Token};

/// One of the common parameters.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Common {
    Region,
    Zone,
    ProjectId,
}

impl Common {
    pub(crate) const ALL: [Common; 3] = [Common::Region, Common::Zone, Common::ProjectId];

    /// The field the macro writes, and the name `common(...)` uses.
    pub(crate) fn field(self) -> &'static str {
        match self {
            Common::Region => "region",
            Common::Zone => "zone",
            Common::ProjectId => "project_id",
        }
    }

    /// The wire name.
    pub(crate) fn wire_name(self) -> &'static str {
        match self {
            Common::Region => "Region",
            Common::Zone => "Zone",
            Common::ProjectId => "ProjectId",
        }
    }

    fn doc(self) -> &'static str {
        match self {
            Common::Region => "Region, e.g. `cn-bj2`; the client's default region when unset.",
            Common::Zone => {
                "Availability zone, e.g. `cn-bj2-02`; the client's default zone when unset."
            }
            Common::ProjectId => "Project; the client's default project when unset.",
        }
    }

    fn from_field(name: &str) -> Option<Common> {
        Common::ALL.into_iter().find(|c| c.field() == name)
    }

    /// Whether `wire` is a common parameter's wire name.
    pub(crate) fn is_wire_name(wire: &str) -> bool {
        Common::ALL.iter().any(|c| c.wire_name() == wire)
    }
}

/// A common parameter an action takes.
#[derive(Clone, Copy)]
pub(crate) struct CommonParam {
    pub(crate) which: Common,
    pub(crate) required: bool,
}

/// The default set: `region` required, `zone` and `project_id` optional.
pub(crate) fn default_set() -> Vec<CommonParam> {
    vec![
        CommonParam {
            which: Common::Region,
            required: true,
        },
        CommonParam {
            which: Common::Zone,
            required: false,
        },
        CommonParam {
            which: Common::ProjectId,
            required: false,
        },
    ]
}

/// One entry of `common(...)` as written: a name and an optional `?`.
pub(crate) struct Entry {
    pub(crate) ident: Ident,
    pub(crate) optional: bool,
}

impl Parse for Entry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let ident: Ident = input.parse()?;
        let optional = input.parse::<Option<Token![?]>>()?.is_some();
        Ok(Entry { ident, optional })
    }
}

/// The entries of `common(...)`.
pub(crate) fn parse_entries(input: ParseStream<'_>) -> syn::Result<Vec<Entry>> {
    Ok(Punctuated::<Entry, Token![,]>::parse_terminated(input)?
        .into_iter()
        .collect())
}

/// The set an action's `common(...)` entries name, in canonical order,
/// with an error for each unknown or repeated name.
pub(crate) fn resolve(entries: &[Entry]) -> (Vec<CommonParam>, Vec<syn::Error>) {
    let mut set: Vec<CommonParam> = Vec::new();
    let mut errors = Vec::new();
    for entry in entries {
        let name = entry.ident.to_string();
        match Common::from_field(&name) {
            None => errors.push(syn::Error::new(
                entry.ident.span(),
                format!(
                    "unknown common parameter `{name}`; expected `region`, `zone` or `project_id`, each with `?` when the API does not require it, or `common()` for none"
                ),
            )),
            Some(which) if set.iter().any(|p| p.which == which) => errors.push(syn::Error::new(
                entry.ident.span(),
                format!("`{name}` is listed twice in common(...); keep one"),
            )),
            Some(which) => set.push(CommonParam {
                which,
                required: !entry.optional,
            }),
        }
    }
    set.sort_by_key(|p| p.which);
    (set, errors)
}

/// The fields the macro writes for `set`, with their docs and, for the
/// required ones, `#[api(required)]`.
pub(crate) fn fields(set: &[CommonParam]) -> Vec<syn::Field> {
    set.iter()
        .map(|param| {
            let ident = Ident::new(param.which.field(), Span::call_site());
            let doc = format!(" {}", param.which.doc());
            let required = if param.required {
                let note = " Required: a call with neither this nor a client default fails before it is sent.";
                quote::quote!(#[doc = ""] #[doc = #note] #[api(required)])
            } else {
                quote::quote!()
            };
            syn::parse_quote! {
                #[doc = #doc]
                #required
                pub #ident: ::core::option::Option<::std::string::String>
            }
        })
        .collect()
}
