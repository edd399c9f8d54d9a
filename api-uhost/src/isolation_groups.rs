//! Isolation groups: instances of a group run on different physical hosts,
//! at most 7 per zone.

use api_core::{api_action, api_model};

/// How many instances of a group are in one zone.
#[api_model]
pub struct SpreadInfo {
    /// The zone.
    pub zone: String,
    /// Instances of the group in it (at most 7).
    pub uhost_count: i64,
}

/// An isolation group.
#[api_model]
pub struct IsolationGroup {
    /// Group id.
    pub group_id: String,
    /// Group name.
    pub group_name: String,
    /// Remark.
    pub remark: String,
    /// Instance counts per zone.
    pub spread_info_set: Vec<SpreadInfo>,
}

/// Creates an isolation group. Instances put in it (with the
/// `IsolationGroup` parameter of
/// [`CreateUHostInstance`](crate::instances::CreateUHostInstance), or with
/// [`AddUHostToIsolationGroup`]) run on different physical hosts.
#[api_action("CreateIsolationGroup", common(region, project_id?))]
#[response(
    /// The new group.
    group_id: String,
)]
pub struct CreateIsolationGroup {
    /// Name of the group: 1 to 63 characters (letters, digits, Chinese
    /// characters, `-`, `_`, `.`).
    pub group_name: String,
    /// Remark: up to 255 characters.
    pub remark: Option<String>,
}

/// Lists isolation groups with their per-zone counts, paged with
/// `offset`/`limit` (20 by default, at most 100).
#[api_action("DescribeIsolationGroup", common(region, project_id?), paginate(offset = offset, limit = limit, total = total_count, items = isolation_group_set))]
#[response(
    /// How many groups match.
    total_count: i64,
    /// This page of groups.
    isolation_group_set: Vec<IsolationGroup>,
)]
pub struct DescribeIsolationGroup {
    /// Only this group.
    pub group_id: Option<String>,
    /// How many to return (20 when unset, at most 100).
    pub limit: Option<i64>,
    /// Where the page starts (0 when unset).
    pub offset: Option<i64>,
}

/// Deletes an isolation group. Its instances are not deleted: they simply
/// leave the group.
#[api_action("DeleteIsolationGroup", common(region, project_id?))]
#[response(
    /// The deleted group.
    group_id: String,
)]
pub struct DeleteIsolationGroup {
    /// The group to delete.
    pub group_id: String,
}

/// Puts an existing instance into an isolation group (at most 7 instances
/// of a group per zone).
#[api_action("AddUHostToIsolationGroup", common(region, zone, project_id?))]
#[response(
    /// The instance added.
    uhost_id: String,
)]
pub struct AddUHostToIsolationGroup {
    /// The group.
    pub group_id: String,
    /// The instance.
    pub uhost_id: String,
}

/// Takes an instance out of its isolation group.
#[api_action("LeaveIsolationGroup")]
#[response(
    /// The instance taken out.
    uhost_id: String,
)]
pub struct LeaveIsolationGroup {
    /// The group.
    pub group_id: String,
    /// The instance.
    pub uhost_id: String,
}
