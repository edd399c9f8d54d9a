//! The runtime of the UHost SDK: everything between a typed action and the
//! wire.
//!
//! A call flows one way through modules with one job each:
//!
//! ```text
//! action ──write_params──> Params ── defaults (Region, Zone, ProjectId)
//!   ── sign (sorted, SHA1) ── transport (POST form) ── HTTP
//!   <── envelope (RetCode/Action/Message, request UUID) <── typed response or Error
//! ```
//!
//! - [`params`]: the flat parameter set and the value rules (`Name.0`,
//!   `Name.Field`, canonical numbers).
//! - [`sign`]: the request signature.
//! - [`Credential`], [`ClientBuilder`] and [`Client`]: keys, settings and
//!   the handle that sends.
//! - [`Action`]: the contract an action fulfils; [`api_action`] writes it.
//!   [`api_action`], [`api_object`], [`api_model`] and [`api_enum`] declare
//!   a service; their pages hold the rules of declaration.
//! - [`model`]: how answers decode by wire name and serialize back.
//! - [`transport`]: the HTTP seam.
//! - [`envelope`]: one-pass decoding of the answer.
//! - [`intercept`]: hooks between the stages of a call.
//! - [`Error`]: every failure, with what to do about it.
//! - [`retcode`]: the API's documented `RetCode`s by name, and their
//!   meanings.
//! - `blocking` (cargo feature `blocking`, off by default): a client for
//!   code without an async runtime.
//! - `test_util` (cargo feature `test-util`, off by default): mock clients
//!   and recorded answers for testing code that uses the SDK.
//!
//! # Dependencies
//!
//! `hyper` and `hyper-util` (HTTP client and connection pool) over `tokio`,
//! with `rustls` and its `ring` provider for TLS (no C toolchain or cmake
//! needed) and the platform's certificate verifier; `reqwest` for
//! endpoints behind a proxy; `serde`/`serde_json` for answers and
//! `serde_path_to_error` to name the field that failed; `sha1` for
//! signatures (it uses the CPU's SHA instructions); `itoa` for fast
//! integer text; `arrayvec` for nested parameter names on the stack;
//! `base64` for password parameters; `thiserror` for the error type;
//! `tracing` for diagnostics.

mod action;
#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod config;
mod credential;
pub mod envelope;
mod error;
mod flatten;
mod form;
mod h1;
pub mod intercept;
pub mod lenient;
pub mod model;
mod orchestrate;
mod paginate;
pub mod params;
mod prepare;
mod profile;
mod redact;
pub mod retcode;
mod retry;
pub mod sign;
mod stream;
#[cfg(feature = "test-util")]
pub mod test_util;
pub mod transport;
pub mod wait;

pub use action::{Action, ActionMeta, COMMON_PARAMS};
#[doc = include_str!("../docs/api_action.md")]
#[doc(inline)]
pub use api_macros::api_action;
#[doc = include_str!("../docs/api_enum.md")]
#[doc(inline)]
pub use api_macros::api_enum;
#[doc = include_str!("../docs/api_model.md")]
#[doc(inline)]
pub use api_macros::api_model;
#[doc = include_str!("../docs/api_object.md")]
#[doc(inline)]
pub use api_macros::api_object;
pub use client::{Client, Invoke, Request};
pub use config::{
    ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_POOL_MAX_IDLE_PER_HOST, DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, USER_AGENT, env,
};
pub use credential::Credential;
pub use error::{BoxError, EXCERPT_LEN, Error, TimeoutKind};
pub use paginate::{DEFAULT_PAGE_SIZE, Page, PageNumber, Paginated, Paginator};
pub use params::{ParamKind, ParamMeta, ParamValue, ParamWriter, Params};
pub use retry::{DEFAULT_RETRY_BUDGET, RetryPolicy};

/// Paths used by code that `api-macros` generates. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::lenient::Lenient;
    pub use crate::model::{Model, decode, decode_nullable};
    pub use crate::paginate::PageNumber;
    pub use crate::params::write_base64;
    pub use crate::stream::{ClientParam, CommonParam};
    pub use serde;
    pub use serde::ser::SerializeStruct;
}
