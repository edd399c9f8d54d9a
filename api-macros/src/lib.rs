//! Procedural macros of the UHost SDK. Use them through `api_core`, which
//! re-exports them with the rules of declaration (wire names, attribute
//! keys, common parameters, paging, retries) in their documentation;
//! generated code refers only to `api_core` paths (or the path given by
//! `crate = "..."`).
//!
//! - `api_action` turns a plain struct into an API action.
//! - `api_object` makes a nested request object (`Disks.0.Type`).
//! - `api_model` makes an answer model that decodes tolerantly and
//!   serializes back to the API's JSON.
//! - `api_enum` makes an enum of known values that keeps unknown ones.
//!
//! # Layout
//!
//! `ast` is a borrowed view of the input, `attr` parses arguments (each
//! key once), `common` knows the common parameters, `valid` holds one
//! function per rule, `expand`, `model` and `enums` write code, `fallback`
//! writes stubs after an error, and every error is collected in `ctxt` and
//! reported together at its token.

use proc_macro::TokenStream;

mod ast;
mod attr;
mod case;
mod common;
mod ctxt;
mod enums;
mod expand;
mod fallback;
mod model;
mod symbol;
mod valid;

/// (Implemented in the `api-macros` crate; `api_core` re-exports it.)
#[proc_macro_attribute]
pub fn api_action(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::action(args.into(), input.into()).into()
}

/// (Implemented in the `api-macros` crate; `api_core` re-exports it.)
#[proc_macro_attribute]
pub fn api_object(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::object(args.into(), input.into()).into()
}

/// (Implemented in the `api-macros` crate; `api_core` re-exports it.)
#[proc_macro_attribute]
pub fn api_model(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::model_attr(args.into(), input.into()).into()
}

/// (Implemented in the `api-macros` crate; `api_core` re-exports it.)
#[proc_macro_attribute]
pub fn api_enum(args: TokenStream, input: TokenStream) -> TokenStream {
    enums::api_enum(args.into(), input.into()).into()
}
