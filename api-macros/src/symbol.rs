//! Every attribute name and key the macros understand, in one place.

/// Field and variant helper attribute: `#[api(...)]`.
pub(crate) const API: &str = "api";
/// Struct attribute listing an action's response fields.
pub(crate) const RESPONSE: &str = "response";
/// The `#[doc]` attribute.
pub(crate) const DOC: &str = "doc";

/// `#[api(rename = "Wire")]`.
pub(crate) const RENAME: &str = "rename";
/// `#[api(alias = "Other spelling")]` on an enum variant.
pub(crate) const ALIAS: &str = "alias";
/// `#[api(base64)]`.
pub(crate) const BASE64: &str = "base64";
/// `#[api(secret)]`.
pub(crate) const SECRET: &str = "secret";
/// `#[api(required)]`.
pub(crate) const REQUIRED: &str = "required";

/// `#[api_action(..., retryable)]`.
pub(crate) const RETRYABLE: &str = "retryable";
/// `#[api_action(..., paginate(...))]`.
pub(crate) const PAGINATE: &str = "paginate";
/// Keys of `paginate(...)`.
pub(crate) const OFFSET: &str = "offset";
pub(crate) const LIMIT: &str = "limit";
pub(crate) const TOTAL: &str = "total";
pub(crate) const ITEMS: &str = "items";

/// `#[api_enum(rename_all = "...")]`.
pub(crate) const RENAME_ALL: &str = "rename_all";

/// The API's common parameters, filled from the client's defaults.
pub(crate) const COMMON_PARAMS: [&str; 3] = ["Region", "Zone", "ProjectId"];
