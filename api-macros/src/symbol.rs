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

/// `#[api_action(..., retryable)]` and `retryable = false`.
pub(crate) const RETRYABLE: &str = "retryable";
/// `#[api_action(..., not_retryable)]`.
pub(crate) const NOT_RETRYABLE: &str = "not_retryable";
/// `#[api_action(..., paginate(...))]`.
pub(crate) const PAGINATE: &str = "paginate";
/// Keys of `paginate(...)`.
pub(crate) const OFFSET: &str = "offset";
pub(crate) const LIMIT: &str = "limit";
pub(crate) const TOTAL: &str = "total";
pub(crate) const ITEMS: &str = "items";
/// `#[api_action(..., common(region, zone?, project_id?))]`.
pub(crate) const COMMON: &str = "common";
/// `crate = "path"` on every macro: where `api_core` is.
pub(crate) const CRATE: &str = "crate";

/// `#[api_enum(rename_all = "...")]`.
pub(crate) const RENAME_ALL: &str = "rename_all";

/// Action names starting with one of these verbs make something new, so
/// sending them twice is not harmless: they are not retried unless
/// declared `retryable`. Every other action is.
pub(crate) const CREATING_VERBS: [&str; 10] = [
    "Create", "Allocate", "Copy", "Import", "Clone", "Buy", "Purchase", "Renew", "Add", "Upgrade",
];
