//! An action encoded the collecting way, to check streamed encoding
//! against.

use crate::action::{Action, ActionMeta};
use crate::error::Error;
use crate::params::ParamWriter;

/// `A`, encoded the collecting way: its parameters gathered, given the
/// client's defaults, sorted and signed, never streamed.
///
/// A declared action whose parameter types all say they write in order
/// ([`ParamValue::SORTED`](crate::ParamValue::SORTED)) is streamed
/// straight into its signature and body. Both ways must give the same
/// body; comparing them checks a hand-written parameter type that claims
/// to write in order:
///
/// ```
/// use api_core::test_util::Collected;
/// use api_core::{Client, Credential, api_action};
///
/// /// Lists things.
/// #[api_action("DescribeThing")]
/// pub struct DescribeThing {
///     /// Which.
///     pub ids: Vec<String>,
/// }
///
/// let client = Client::builder()
///     .credential(Credential::new("public", "private"))
///     .region("cn-bj2")
///     .build()?;
/// let request = DescribeThing::new().ids(["a", "b"]);
/// assert_eq!(client.encode(&request)?, client.encode(&Collected(&request))?);
/// # Ok::<(), api_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Collected<A>(pub A);

impl<A: Action> Action for Collected<A> {
    type Response = A::Response;
    const META: &'static ActionMeta = A::META;
    fn write_params<'a>(&'a self, w: &mut ParamWriter<'_, 'a>) -> Result<(), Error> {
        self.0.write_params(w)
    }
}
