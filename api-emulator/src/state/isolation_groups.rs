//! Hardware isolation groups of an account; membership is recorded on each
//! instance.

use serde::{Deserialize, Serialize};

use super::snapshot;

/// One isolation group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct IsolationGroup {
    /// `ig-…`.
    pub(crate) id: String,
    /// Region id.
    #[serde(deserialize_with = "snapshot::region")]
    pub(crate) region: snapshot::StaticStr,
    /// Display name.
    pub(crate) name: String,
    /// Free text.
    pub(crate) remark: String,
}
