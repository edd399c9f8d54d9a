//! Isolation group actions: create, list with paging and per-zone counts,
//! delete (members stay, outside any group), add and remove instances (at
//! most seven per zone).

use serde_json::json;

use super::instances::group_full;
use super::{Ctx, check_quota, page, paging, text};
use crate::answer::{ApiError, Reply};
use crate::params::Params;
use crate::state::isolation_groups::{IsolationGroup, PER_ZONE};

/// CreateIsolationGroup.
pub(super) fn create(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let name = text(p, "GroupName", 63)?.ok_or_else(|| ApiError::missing("GroupName"))?;
    let remark = text(p, "Remark", 255)?.unwrap_or_default();
    let mut data = ctx.account.write();
    check_quota(
        "isolation groups",
        &format!("in region {}", region.id),
        data.groups_in(region.id),
        1,
        ctx.account.quotas.isolation_groups,
    )?;
    let group = IsolationGroup {
        id: ctx.store.ids.next("ig"),
        region: region.id,
        name: name.to_owned(),
        remark: remark.to_owned(),
    };
    let answer = json!({ "GroupId": group.id });
    data.isolation_groups.push(group);
    ctx.reply(&answer)
}

/// DescribeIsolationGroup: optional `GroupId`; pages with `Offset`/`Limit`
/// (default 20, at most 100); `SpreadInfoSet` counts members per zone.
pub(super) fn describe(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let id = p.get("GroupId");
    let window = paging(p, 20, Some(100))?;
    let data = ctx.account.read();
    let matching: Vec<&IsolationGroup> = data
        .isolation_groups
        .iter()
        .filter(|g| g.region == region.id && id.is_none_or(|id| g.id == id))
        .collect();
    let total = matching.len();
    let set: Vec<_> = page(matching, window)
        .into_iter()
        .map(|g| {
            let spread: Vec<_> = region
                .zones
                .iter()
                .filter_map(|zone| {
                    let count = data
                        .instances
                        .iter()
                        .filter(|i| i.isolation_group == g.id && i.zone == *zone)
                        .count();
                    (count > 0).then(|| json!({ "Zone": zone, "UHostCount": count }))
                })
                .collect();
            json!({
                "GroupId": g.id,
                "GroupName": g.name,
                "Remark": g.remark,
                "SpreadInfoSet": spread,
            })
        })
        .collect();
    ctx.reply(&json!({ "TotalCount": total, "IsolationGroupSet": set }))
}

/// DeleteIsolationGroup: the group goes and its instances stay, outside any
/// group (its page: deleting a group does not delete its hosts).
pub(super) fn delete(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let id = p.required("GroupId")?;
    let mut data = ctx.account.write();
    data.isolation_group(region.id, id)?;
    let members: Vec<String> = data
        .instances
        .iter()
        .filter(|i| i.isolation_group == id)
        .map(|i| i.id.clone())
        .collect();
    for member in &members {
        data.instance_mut(region.id, member)?
            .isolation_group
            .clear();
    }
    data.isolation_groups.remove(id);
    ctx.reply(&json!({ "GroupId": id }))
}

/// AddUHostToIsolationGroup: puts an instance (of the given zone) into a
/// group; an instance is in at most one group, and a group holds at most
/// seven instances per zone (8095).
pub(super) fn add_host(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let group_id = p.required("GroupId")?;
    let id = p.required("UHostId")?;
    let zone = ctx.zone().ok_or_else(|| ApiError::missing("Zone"))?;
    let mut data = ctx.account.write();
    data.isolation_group(region.id, group_id)?;
    let instance = data.instance(region.id, id)?;
    if instance.zone != zone {
        return Err(ApiError::invalid(
            "Zone",
            format!("{id} is in zone {}", instance.zone),
        ));
    }
    if instance.isolation_group == group_id {
        return ctx.reply(&json!({ "UHostId": id }));
    }
    if !instance.isolation_group.is_empty() {
        return Err(ApiError::invalid(
            "UHostId",
            format!(
                "{id} is already in isolation group {}",
                instance.isolation_group
            ),
        ));
    }
    if data.group_members(group_id, zone) >= PER_ZONE {
        return Err(group_full(group_id, zone));
    }
    data.instance_mut(region.id, id)?.isolation_group = group_id.to_owned();
    ctx.reply(&json!({ "UHostId": id }))
}

/// LeaveIsolationGroup: takes an instance out of its group.
pub(super) fn leave(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let group_id = p.required("GroupId")?;
    let id = p.required("UHostId")?;
    let mut data = ctx.account.write();
    data.isolation_group(region.id, group_id)?;
    let instance = data.instance_mut(region.id, id)?;
    if instance.isolation_group != group_id {
        return Err(ApiError::invalid(
            "UHostId",
            format!("{id} is not in isolation group {group_id}"),
        ));
    }
    instance.isolation_group.clear();
    ctx.reply(&json!({ "UHostId": id, "GroupId": group_id }))
}
