//! Procedural macros of the UHost SDK. Use them through `api_core`, which
//! re-exports them; generated code refers only to `api_core` paths.
//!
//! - [`macro@api_action`] turns a plain struct into an API action: the
//!   parameter encoding, static metadata, a constructor with the required
//!   parameters, fluent setters, and the typed `<Name>Response`.
//! - [`macro@api_object`] does the same for a nested request object
//!   (`Disks.0.Type`).
//! - [`macro@api_model`] makes a response model that decodes tolerantly.
//! - [`macro@api_enum`] makes an enum of known values that keeps unknown
//!   ones.
//!
//! # Wire names
//!
//! A snake_case field maps to PascalCase word by word, keeping the API's
//! own words as it spells them: `uhost` → `UHost`, `udisk` → `UDisk`,
//! `udhost` → `UDHost`, `udset` → `UDSet`, `ufile` → `UFile`, `eip` →
//! `EIP`, `ip` → `IP`, `ips` → `IPs`, `ipv6` → `IPv6`, `vpc` → `VPC`,
//! `dns` → `DNS`, `uni` → `UNI`. So `data_udisk_ids` is `DataUDiskIds` and
//! `vpc_id` is `VPCId`. Anything else takes `#[api(rename = "CPU")]`.
//!
//! # Field attributes: `#[api(...)]`
//!
//! - `rename = "Wire"`: the exact wire name.
//! - `base64` (request, `String`/`Option<String>`): the caller passes plain
//!   text, the wire gets base64 (passwords).
//! - `secret`: shown as `<redacted>` by `Debug`, flagged in metadata so
//!   logs redact it.
//! - `required` (request, `Option`/`Vec`): the API requires it although the
//!   constructor does not take it (common parameters the client fills, and
//!   required arrays); checked before sending.
//!
//! Fields that are neither `Option` nor `Vec` are required and are the
//! arguments of the generated `new`. `region`, `zone` and `project_id` are
//! the API's common parameters and must be `Option<String>`: the client
//! fills them from its defaults.
//!
//! # Layout
//!
//! `ast` is a borrowed view of the input, `attr` parses arguments, `valid`
//! holds one function per rule, `expand` and `enums` write code, and every
//! error is collected in `ctxt` and reported together at its token.

use proc_macro::TokenStream;

mod ast;
mod attr;
mod case;
mod ctxt;
mod enums;
mod expand;
mod symbol;
mod valid;

/// Declares an API action on a struct of its parameters.
///
/// ```ignore
/// /// Creates a custom image from a UHost instance.
/// #[api_action("CreateCustomImage")]
/// #[response(image_id: String, data_snapshot_ids: Vec<String>)]
/// pub struct CreateCustomImage {
///     #[api(required)]
///     pub region: Option<String>,
///     pub uhost_id: String,
///     pub image_name: String,
///     pub data_udisk_ids: Vec<String>,
/// }
/// ```
///
/// Arguments after the wire name:
/// - `retryable` / `retryable = false`: whether the action is safe to send
///   again automatically. By default only actions named `Describe…`,
///   `Get…`, `List…`, `Check…` or `Query…` are.
/// - `paginate(offset = f, limit = f, total = f, items = f)`: the request's
///   `Offset`/`Limit` fields and the response's total count and item list,
///   for list actions that page.
///
/// `#[response(field: Type, ...)]` lists the answer's fields (doc comments
/// and `#[api(rename = ...)]` allowed); it must come after
/// `#[api_action]`. The macro generates `<Name>Response`.
#[proc_macro_attribute]
pub fn api_action(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::action(args.into(), input.into()).into()
}

/// Declares a nested request object, sent as `Name.Field` or
/// `Name.N.Field`.
#[proc_macro_attribute]
pub fn api_object(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::object(args.into(), input.into()).into()
}

/// Declares a response model: fields decode from their wire names,
/// tolerantly (numbers as strings, `null`), missing ones default, unknown
/// ones are ignored.
#[proc_macro_attribute]
pub fn api_model(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::model_attr(args.into(), input.into()).into()
}

/// Declares an enum of the API's values for a field. Adds an
/// `Unknown(String)` variant that keeps, and sends back, any value the
/// enum does not list. Variants map to their own name unless renamed with
/// `#[api(rename = "Install Fail")]` or `#[api_enum(rename_all = "SCREAMING_SNAKE_CASE")]`;
/// `#[api(alias = "InstallFail")]` (repeatable) names another value that
/// reads as the variant, which still writes its own.
#[proc_macro_attribute]
pub fn api_enum(args: TokenStream, input: TokenStream) -> TokenStream {
    enums::api_enum(args.into(), input.into()).into()
}
