//! The account service's actions every client calls first: `GetRegion`
//! (the regions and zones the emulator serves), `GetProjectList` (the
//! account's projects) and `GetUserInfo` (who the account is).

use serde::Serialize;

use super::Ctx;
use crate::answer::{ApiError, Reply};
use crate::params::Params;
use crate::regions::{self, REGIONS};

/// The account's default region and zone, as `IsDefault` marks them.
const DEFAULT_ZONE: &str = "cn-bj2-02";

/// The account's permissions in a data center: all of them.
const BIT_MAPS: &str = "11111111111111111111111111111111";

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RegionInfo {
    region_id: usize,
    region_name: &'static str,
    is_default: bool,
    bit_maps: &'static str,
    region: &'static str,
    zone: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RegionAnswer {
    regions: Vec<RegionInfo>,
}

/// GetRegion: one entry per zone the emulator serves; `cn-bj2-02` is the
/// default.
pub(super) fn get_region(ctx: &Ctx<'_>, _p: &Params) -> Result<Reply, ApiError> {
    let regions = REGIONS
        .iter()
        .flat_map(|region| region.zones.iter().map(move |zone| (region.id, *zone)))
        .enumerate()
        .map(|(n, (region, zone))| RegionInfo {
            region_id: 1_000_001 + n,
            region_name: regions::zone_name(zone),
            is_default: zone == DEFAULT_ZONE,
            bit_maps: BIT_MAPS,
            region,
            zone,
        })
        .collect();
    ctx.reply(&RegionAnswer { regions })
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProjectInfo<'a> {
    project_id: &'a str,
    project_name: &'a str,
    is_default: bool,
    create_time: u64,
    member_count: u32,
    resource_count: usize,
    parent_id: &'static str,
    parent_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProjectAnswer<'a> {
    project_count: usize,
    project_set: Vec<ProjectInfo<'a>>,
}

/// GetProjectList: the account's projects, the default one first.
/// `IsFinance` is accepted and changes nothing.
pub(super) fn get_project_list(ctx: &Ctx<'_>, _p: &Params) -> Result<Reply, ApiError> {
    let project_set: Vec<ProjectInfo<'_>> = ctx
        .account
        .projects
        .iter()
        .map(|p| ProjectInfo {
            project_id: &p.id,
            project_name: &p.name,
            is_default: p.is_default,
            create_time: p.created,
            member_count: 1,
            resource_count: 0,
            parent_id: "",
            parent_name: "",
        })
        .collect();
    ctx.reply(&ProjectAnswer {
        project_count: project_set.len(),
        project_set,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct UserInfo {
    user_id: u64,
    user_email: String,
    user_phone: &'static str,
    phone_prefix: &'static str,
    user_type: u32,
    user_name: &'static str,
    company_name: &'static str,
    industry_type: u32,
    province: &'static str,
    city: &'static str,
    user_address: &'static str,
    admin: u32,
    user_version: u32,
    finance: u32,
    administrator: String,
    auth_state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct UserInfoAnswer {
    data_set: Vec<UserInfo>,
}

/// GetUserInfo: the account as one main account with every permission.
/// Its id and email derive from the default project's id, so they are the
/// same in every run.
pub(super) fn get_user_info(ctx: &Ctx<'_>, _p: &Params) -> Result<Reply, ApiError> {
    let tag = ctx
        .account
        .default_project()
        .trim_start_matches("org-")
        .to_owned();
    let user_id = 50_000_000 + u64::from_str_radix(&tag, 36).unwrap_or(0) % 10_000_000;
    let user_email = format!("user-{tag}@example.com");
    ctx.reply(&UserInfoAnswer {
        data_set: vec![UserInfo {
            user_id,
            administrator: user_email.clone(),
            user_email,
            user_phone: "",
            phone_prefix: "",
            user_type: 0,
            user_name: "Emulator user",
            company_name: "",
            industry_type: 0,
            province: "",
            city: "",
            user_address: "",
            admin: 1,
            user_version: 0,
            finance: 1,
            auth_state: "CERTIFIED",
        }],
    })
}
