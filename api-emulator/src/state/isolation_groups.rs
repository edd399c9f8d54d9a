//! Hardware isolation groups of an account; membership is recorded on each
//! instance.

use serde::{Deserialize, Serialize};

use super::snapshot;

/// A group holds at most this many instances in each zone (the reference's
/// `SpreadInfo.UHostCount`: "不超过7").
pub(crate) const PER_ZONE: usize = 7;

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

impl super::table::Keyed for IsolationGroup {
    fn key(&self) -> &str {
        &self.id
    }
}
