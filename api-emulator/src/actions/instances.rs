//! Instance actions: create, describe (with filters and paging), terminate,
//! the modify actions, tags, VNC and snapshots.

use std::net::Ipv4Addr;

use serde::Serialize;
use serde_json::json;

use super::enums::{CHARGE_TYPES, LOGIN_MODES, MACHINE_TYPES, NET_CAPABILITIES, SECURITY_MODES};
use super::{Ctx, check_quota, disks, host_reply, page, paging, password, text};
use crate::answer::{ApiError, Reply};
use crate::params::Params;
use crate::regions;
use crate::retcodes;
use crate::state::AccountData;
use crate::state::Store;
use crate::state::ids;
use crate::state::images::{Image, ImageState};
use crate::state::instances::{BOOT_DELAY, Disk, Instance, Power, PublicIp};
use crate::state::isolation_groups;
use crate::state::memo::Memo;
use crate::state::phase::Phase;

/// An image the account can install in `region`: a base image or one of its
/// own custom images.
pub(super) fn find_image<'a>(
    store: &'a Store,
    data: &'a AccountData,
    region: &str,
    id: &str,
) -> Option<&'a Image> {
    store
        .catalog
        .region(region)
        .iter()
        .chain(data.images.iter().filter(|i| i.region == region))
        .find(|i| i.id == id)
}

/// An image that exists and is Available, for installing.
pub(super) fn usable_image<'a>(
    ctx: &Ctx<'a>,
    data: &'a AccountData,
    region: &str,
    id: &str,
) -> Result<&'a Image, ApiError> {
    let image = find_image(ctx.store, data, region, id).ok_or_else(|| {
        ApiError::invalid("ImageId", format!("no image {id:?} in region {region}"))
    })?;
    let state = image.state(ctx.now);
    if state != ImageState::Available {
        return Err(ApiError::invalid(
            "ImageId",
            format!("image {id} is {}, not Available", state.wire()),
        ));
    }
    Ok(image)
}

/// CPU and memory within the reference ranges: 1-64 cores, 1024-262144 MB
/// in steps of 1024.
pub(super) fn check_size(
    cpu: i64,
    memory: i64,
    cpu_code: i64,
    memory_code: i64,
) -> Result<(), ApiError> {
    if !(1..=64).contains(&cpu) {
        return Err(ApiError::new(
            cpu_code,
            format!("CPU {cpu} is outside 1-64"),
        ));
    }
    if !(1024..=262_144).contains(&memory) || memory % 1024 != 0 {
        return Err(ApiError::new(
            memory_code,
            format!("Memory {memory} MB is not a multiple of 1024 in 1024-262144"),
        ));
    }
    Ok(())
}

/// Which login a request asks for, checked: a password for `Password`, an
/// existing key pair for `KeyPair`.
pub(super) fn login(
    p: &Params,
    data: &AccountData,
    default_mode: &'static str,
    os_type: &str,
) -> Result<Option<String>, ApiError> {
    let mode = p.choice("LoginMode", LOGIN_MODES)?.unwrap_or(default_mode);
    match mode {
        "Password" => {
            password::decode(p, os_type)?.ok_or_else(|| ApiError::missing("Password"))?;
            Ok(None)
        }
        "KeyPair" => {
            let id = p.required("KeyPairId")?;
            data.key_pair(id)
                .ok_or_else(|| ApiError::invalid("KeyPairId", format!("no key pair {id:?}")))?;
            Ok(Some(id.to_owned()))
        }
        _ => Ok(None),
    }
}

fn default_platform(machine_type: &str) -> &'static str {
    match machine_type {
        "O" | "OS" | "OM" | "OMEM" => "Intel/Cascadelake",
        "OPRO" | "OPROG" | "OMAX" => "Amd/Epyc2",
        _ => "Intel/Skylake",
    }
}

/// CreateUHostInstance.
pub(super) fn create(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let zone = ctx.zone().ok_or_else(|| ApiError::missing("Zone"))?;
    let image_id = p.required("ImageId")?;
    p.choice("LoginMode", LOGIN_MODES)?
        .ok_or_else(|| ApiError::missing("LoginMode"))?;
    let charge_type = p.choice("ChargeType", CHARGE_TYPES)?.unwrap_or("Month");
    let net_capability = p
        .choice("NetCapability", NET_CAPABILITIES)?
        .unwrap_or("Normal");
    let security_mode = p
        .choice("SecurityMode", SECURITY_MODES)?
        .unwrap_or("Firewall");
    let machine_type = match (p.choice("MachineType", MACHINE_TYPES)?, p.get("UHostType")) {
        (Some(m), _) => m,
        (None, Some(old)) => MACHINE_TYPES
            .iter()
            .copied()
            .find(|m| old.get(..1) == Some(*m))
            .unwrap_or("N"),
        (None, None) => "N",
    };
    let cpu = p.int("CPU")?.unwrap_or(4);
    let memory = p.int("Memory")?.unwrap_or(8192);
    check_size(cpu, memory, retcodes::BAD_CPU, retcodes::BAD_MEMORY)?;
    let gpu_type = p.get("GpuType").unwrap_or_default();
    if machine_type == "G" && gpu_type.is_empty() {
        return Err(ApiError::invalid(
            "GpuType",
            "required when MachineType is G",
        ));
    }
    let gpu = p
        .int("GPU")?
        .unwrap_or(if machine_type == "G" { 1 } else { 0 });
    if !(0..=8).contains(&gpu) {
        return Err(ApiError::invalid("GPU", "must be 0-8"));
    }
    let quantity = p.int("Quantity")?.unwrap_or(1);
    if quantity < 0 {
        return Err(ApiError::invalid("Quantity", "must not be negative"));
    }
    let name = text(p, "Name", 63)?.unwrap_or("UHost");
    let tag = text(p, "Tag", 63)?.unwrap_or("Default");
    let max_count = p.int("MaxCount")?.unwrap_or(1);
    if !(1..=100).contains(&max_count) {
        return Err(ApiError::invalid("MaxCount", "must be 1-100"));
    }
    let min_count = p.int("MinCount")?.unwrap_or(1);
    if !(1..=max_count).contains(&min_count) {
        return Err(ApiError::invalid("MinCount", "must be 1-MaxCount"));
    }
    let private_ip = match p.list("PrivateIp").first() {
        Some(_) if max_count > 1 => {
            return Err(ApiError::invalid(
                "PrivateIp.0",
                "only one instance can take a given address",
            ));
        }
        Some(ip) => Some(
            ip.parse::<Ipv4Addr>()
                .map_err(|_| {
                    ApiError::invalid("PrivateIp.0", format!("{ip:?} is not an IPv4 address"))
                })?
                .to_string(),
        ),
        None => None,
    };
    let eips = elastic_ips(p, region.id)?;
    let cpu_platform = match p.get("MinimalCpuPlatform") {
        Some(platform) if !platform.ends_with("/Auto") => platform,
        _ => default_platform(machine_type),
    };
    let uhost_family = p.get("UHostFamily").unwrap_or(match machine_type {
        "O" => "o1i",
        "OM" => "om1i",
        _ => "",
    });
    let hotplug = p.bool("HotplugFeature")?.unwrap_or(false);
    let created = ctx.unix_now;
    let days: u64 = match charge_type {
        "Year" => 365,
        "Month" => 30,
        _ => 1,
    };
    let periods = if days == 1 {
        1
    } else {
        u64::try_from(quantity.max(1)).unwrap_or(1)
    };
    let expires = created.saturating_add(days.saturating_mul(24 * 3600).saturating_mul(periods));

    let store = ctx.store;
    let mut data = ctx.account.write();
    let image = usable_image(ctx, &data, region.id, image_id)?;
    if image.os_type == "Windows" && cpu < 2 {
        return Err(ApiError::new(
            retcodes::WINDOWS_ONE_CPU,
            "Windows images need at least 2 CPU cores",
        ));
    }
    let key_pair_id = login(p, &data, "Password", image.os_type)?;
    let isolation_group = match p.get("IsolationGroup") {
        Some(id) => data
            .isolation_group(region.id, id)
            .map_err(|_| {
                ApiError::invalid(
                    "IsolationGroup",
                    format!("no isolation group {id:?} in region {}", region.id),
                )
            })?
            .id
            .clone(),
        None => String::new(),
    };
    // With an isolation group, as many as it has room for in the zone.
    let count = if isolation_group.is_empty() {
        max_count
    } else {
        let room =
            isolation_groups::PER_ZONE.saturating_sub(data.group_members(&isolation_group, zone));
        let room = i64::try_from(room).unwrap_or(0);
        if room < min_count {
            return Err(group_full(&isolation_group, zone));
        }
        max_count.min(room)
    };
    check_quota(
        "instances",
        &format!("in region {}", region.id),
        data.instances_in(region.id),
        usize::try_from(count).unwrap_or(usize::MAX),
        ctx.account.quotas.instances,
    )?;
    let disks = disks::plan(p, image, &store.ids)?;
    let vpc_id = p
        .get("VPCId")
        .map_or_else(|| default_network("uvnet", region.id), str::to_owned);
    let subnet_id = p
        .get("SubnetId")
        .map_or_else(|| default_network("subnet", region.id), str::to_owned);
    let template = Instance {
        id: String::new(),
        region: region.id,
        zone,
        name: name.to_owned(),
        tag: tag.to_owned(),
        remark: String::new(),
        image_id: image.id.clone(),
        basic_image_id: image.basic_image_id.clone(),
        basic_image_name: image.basic_image_name.clone(),
        os_name: image.os_name.clone(),
        os_type: image.os_type,
        cpu,
        memory,
        gpu,
        gpu_type: gpu_type.to_owned(),
        machine_type: machine_type.to_owned(),
        cpu_platform: cpu_platform.to_owned(),
        uhost_family: uhost_family.to_owned(),
        charge_type,
        net_capability,
        hotplug,
        key_pair_id,
        isolation_group,
        rdma_cluster_id: if machine_type.starts_with('O') {
            format!("rdma-{zone}")
        } else {
            String::new()
        },
        vpc_id,
        subnet_id,
        private_ip: String::new(),
        mac: String::new(),
        public_ips: Vec::new(),
        disks,
        created,
        expires,
        timemachine: false,
        security_mode: security_mode.to_owned(),
        snapshots: Vec::new(),
        phase: Phase::moving(
            Power::Initializing,
            Power::Running,
            store.clock.due(ctx.now, BOOT_DELAY),
        ),
        view: Memo::new(),
    };
    let mut ids = Vec::new();
    let mut ips = Vec::new();
    for n in 0..count {
        let mut instance = template.clone();
        instance.id = store.ids.next("uhost");
        if n > 0 {
            instance.disks = template
                .disks
                .iter()
                .map(|d| Disk {
                    id: store.ids.next(if d.is_boot { "bsi" } else { "bsm" }),
                    ..d.clone()
                })
                .collect();
        }
        instance.private_ip = private_ip
            .clone()
            .unwrap_or_else(|| store.ids.next_private_ip());
        instance.mac = mac_for(&instance.private_ip);
        instance.public_ips = eips
            .iter()
            .map(|(operator, bandwidth)| PublicIp {
                id: store.ids.next("eip"),
                ip: store.ids.next_public_ip(),
                operator: operator.clone(),
                bandwidth: *bandwidth,
            })
            .collect();
        ips.push(instance.private_ip.clone());
        ips.extend(instance.public_ips.iter().map(|e| e.ip.clone()));
        ids.push(instance.id.clone());
        data.instances.push(instance);
    }
    if max_count == 1 {
        ctx.reply(&json!({ "UHostIds": ids, "IPs": ips }))
    } else {
        ctx.reply(&json!({ "UHostIds": ids }))
    }
}

/// 8095: isolation group `group` has no room left in `zone`.
pub(super) fn group_full(group: &str, zone: &str) -> ApiError {
    ApiError::new(
        retcodes::QUOTA,
        format!(
            "isolation group {group} already holds {} instances in zone {zone}, its limit",
            isolation_groups::PER_ZONE
        ),
    )
}

/// The elastic IPs asked for with `NetworkInterface.N.EIP.*`.
fn elastic_ips(p: &Params, region: &str) -> Result<Vec<(String, i64)>, ApiError> {
    let mut eips = Vec::new();
    for item in p.items("NetworkInterface") {
        if item.get("EIP.OperatorName").is_none() && item.get("EIP.Bandwidth").is_none() {
            continue;
        }
        let default_operator = if region.starts_with("cn-") {
            "Bgp"
        } else {
            "International"
        };
        let operator = item.get("EIP.OperatorName").unwrap_or(default_operator);
        let bandwidth = item.int("EIP.Bandwidth")?.unwrap_or(1);
        if !(0..=800).contains(&bandwidth) {
            return Err(ApiError::invalid(
                &item.name("EIP.Bandwidth"),
                "must be 0-800 Mbps",
            ));
        }
        eips.push((operator.to_owned(), bandwidth));
    }
    Ok(eips)
}

/// The default VPC or subnet of a region.
fn default_network(prefix: &str, region: &str) -> String {
    let n = regions::region_index(region).map_or(0, |i| i as u64);
    ids::stable(prefix, 1 << 20 | n)
}

fn mac_for(ip: &str) -> String {
    let octets = ip
        .parse::<Ipv4Addr>()
        .map(|a| a.octets())
        .unwrap_or_default();
    let [_, b, c, d] = octets;
    format!("52:54:00:{b:02x}:{c:02x}:{d:02x}")
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DiskView<'a> {
    disk_id: &'a str,
    disk_type: &'a str,
    is_boot: &'static str,
    #[serde(rename = "Type")]
    kind: &'static str,
    size: i64,
    drive: &'a str,
    name: &'a str,
    encrypted: &'static str,
    backup_type: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct IpView<'a> {
    #[serde(rename = "IPMode")]
    ip_mode: &'static str,
    default: &'static str,
    mac: &'a str,
    weight: i64,
    #[serde(rename = "Type")]
    kind: &'a str,
    #[serde(rename = "IPId")]
    ip_id: &'a str,
    #[serde(rename = "IP")]
    ip: &'a str,
    bandwidth: i64,
    #[serde(rename = "VPCId")]
    vpc_id: &'a str,
    subnet_id: &'a str,
    network_interface_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeyPairView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    key_pair_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_pair_state: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DedicatedHostView {
    host_binding: bool,
    #[serde(rename = "UDHostId")]
    ud_host_id: &'static str,
    #[serde(rename = "UDSetId")]
    ud_set_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SpotView {
    recycle_time: i64,
}

/// One `UHostInstanceSet` entry.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceView<'a> {
    zone: &'a str,
    #[serde(rename = "UHostId")]
    uhost_id: &'a str,
    #[serde(rename = "UHostType")]
    uhost_type: &'a str,
    machine_type: &'a str,
    cpu_platform: &'a str,
    #[serde(rename = "UHostFamily")]
    uhost_family: &'a str,
    storage_type: &'static str,
    image_id: &'a str,
    basic_image_id: &'a str,
    basic_image_name: &'a str,
    tag: &'a str,
    remark: &'a str,
    name: &'a str,
    state: &'static str,
    create_time: u64,
    charge_type: &'a str,
    expire_time: u64,
    #[serde(rename = "CPU")]
    cpu: i64,
    memory: i64,
    auto_renew: &'static str,
    disk_set: DiskSetView<'a>,
    #[serde(rename = "IPSet")]
    ip_set: IpSetView<'a>,
    net_capability: &'a str,
    network_state: &'static str,
    timemachine_feature: &'static str,
    subnet_type: &'static str,
    os_name: &'a str,
    os_type: &'a str,
    host_type: &'static str,
    life_cycle: &'static str,
    #[serde(rename = "GPU")]
    gpu: i64,
    gpu_type: &'a str,
    hot_plug_max_cpu: i64,
    boot_disk_state: &'static str,
    total_disk_space: i64,
    isolation_group: &'a str,
    rdma_cluster_id: &'a str,
    restrict_mode: &'static str,
    hotplug_feature: bool,
    cloud_init_feature: bool,
    #[serde(rename = "IPv6Feature")]
    ipv6_feature: bool,
    hpc_feature: bool,
    epc_instance: bool,
    sec_group_instance: bool,
    net_feature_tag: &'a str,
    hidden_kvm: bool,
    key_pair: KeyPairView<'a>,
    #[serde(rename = "UDHostAttribute")]
    ud_host_attribute: DedicatedHostView,
    spot_attribute: SpotView,
}

/// `DiskSet`, written straight from the instance's disks.
struct DiskSetView<'a>(&'a [Disk]);

impl Serialize for DiskSetView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|d| DiskView {
            disk_id: &d.id,
            disk_type: d.disk_type,
            is_boot: if d.is_boot { "True" } else { "False" },
            kind: d.wire_kind(),
            size: d.size,
            drive: &d.drive,
            name: if d.is_local() || d.is_boot { "" } else { &d.id },
            encrypted: if d.encrypted { "true" } else { "false" },
            backup_type: d.backup_type,
        }))
    }
}

/// `IPSet`: the private address, then the elastic IPs.
struct IpSetView<'a>(&'a Instance);

impl Serialize for IpSetView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let instance = self.0;
        let private = IpView {
            ip_mode: "IPv4",
            default: "true",
            mac: &instance.mac,
            weight: 0,
            kind: "Private",
            ip_id: "",
            ip: &instance.private_ip,
            bandwidth: 0,
            vpc_id: &instance.vpc_id,
            subnet_id: &instance.subnet_id,
            network_interface_id: "",
        };
        let public = instance.public_ips.iter().map(|eip| IpView {
            ip_mode: "IPv4",
            default: "",
            mac: "",
            weight: 50,
            kind: &eip.operator,
            ip_id: &eip.id,
            ip: &eip.ip,
            bandwidth: eip.bandwidth,
            vpc_id: "",
            subnet_id: "",
            network_interface_id: "",
        });
        serializer.collect_seq(std::iter::once(private).chain(public))
    }
}

fn view<'a>(instance: &'a Instance, data: &AccountData, ctx: &Ctx<'_>) -> InstanceView<'a> {
    let power = instance.power(ctx.now);
    InstanceView {
        zone: instance.zone,
        uhost_id: &instance.id,
        uhost_type: match instance.machine_type.as_str() {
            "N" => "N2",
            "C" => "C1",
            "G" => "G2",
            other => other,
        },
        machine_type: &instance.machine_type,
        cpu_platform: &instance.cpu_platform,
        uhost_family: &instance.uhost_family,
        storage_type: if instance.disks.iter().any(Disk::is_local) {
            "LocalDisk"
        } else {
            "UDisk"
        },
        image_id: &instance.image_id,
        basic_image_id: &instance.basic_image_id,
        basic_image_name: &instance.basic_image_name,
        tag: &instance.tag,
        remark: &instance.remark,
        name: &instance.name,
        state: power.wire(),
        create_time: instance.created,
        charge_type: instance.charge_type,
        expire_time: instance.expires,
        cpu: instance.cpu,
        memory: instance.memory,
        auto_renew: "Yes",
        disk_set: DiskSetView(&instance.disks),
        ip_set: IpSetView(instance),
        net_capability: instance.net_capability,
        network_state: "Connected",
        timemachine_feature: if instance.timemachine { "yes" } else { "no" },
        subnet_type: "",
        os_name: &instance.os_name,
        os_type: instance.os_type,
        host_type: "N2",
        life_cycle: "Normal",
        gpu: instance.gpu,
        gpu_type: &instance.gpu_type,
        hot_plug_max_cpu: if instance.hotplug {
            (instance.cpu * 2).min(64)
        } else {
            0
        },
        boot_disk_state: if power == Power::Initializing {
            "Initializing"
        } else {
            "Normal"
        },
        total_disk_space: instance.data_disk_space(),
        isolation_group: &instance.isolation_group,
        rdma_cluster_id: &instance.rdma_cluster_id,
        restrict_mode: "",
        hotplug_feature: instance.hotplug,
        cloud_init_feature: instance.os_type == "Linux",
        ipv6_feature: false,
        hpc_feature: false,
        epc_instance: false,
        sec_group_instance: instance.security_mode == "SecGroup",
        net_feature_tag: &instance.security_mode,
        hidden_kvm: false,
        key_pair: KeyPairView {
            key_pair_id: instance.key_pair_id.as_deref(),
            key_pair_state: instance.key_pair_id.as_deref().map(|id| {
                if data.key_pair(id).is_some() {
                    "Normal"
                } else {
                    "Deleted"
                }
            }),
        },
        ud_host_attribute: DedicatedHostView {
            host_binding: false,
            ud_host_id: "",
            ud_set_id: "",
        },
        spot_attribute: SpotView { recycle_time: 0 },
    }
}

/// An instance's `UHostInstanceSet` entry, written once and reused from the
/// instance's cache until the instance or its time-dependent state changes.
struct CachedView<'a> {
    instance: &'a Instance,
    data: &'a AccountData,
    ctx: &'a Ctx<'a>,
}

impl Serialize for CachedView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let instance = self.instance;
        let key_pair_deleted = instance
            .key_pair_id
            .as_deref()
            .is_some_and(|id| self.data.key_pair(id).is_none());
        let key = (instance.power(self.ctx.now), key_pair_deleted);
        let write = || serde_json::value::to_raw_value(&view(instance, self.data, self.ctx));
        instance
            .view
            .with(key, write, |raw| raw.serialize(serializer))
            .map_err(serde::ser::Error::custom)?
    }
}

#[derive(Serialize)]
struct DescribeAnswer<'a> {
    #[serde(rename = "TotalCount")]
    total_count: usize,
    #[serde(rename = "UHostSet")]
    uhost_set: Vec<CachedView<'a>>,
}

/// DescribeUHostInstance: filters `UHostIds.N`, `Zone`, `Tag`, `VPCId`,
/// `SubnetId` and `IsolationGroup`; pages with `Offset`/`Limit` (default 20,
/// at most 100).
pub(super) fn describe(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let ids = p.list("UHostIds");
    let zone = p.get("Zone");
    let tag = p.get("Tag");
    let vpc = p.get("VPCId");
    let subnet = p.get("SubnetId");
    let group = p.get("IsolationGroup");
    let window = paging(p, 20, Some(100))?;
    let data = ctx.account.read();
    let candidates: Vec<&Instance> = if ids.is_empty() {
        data.instances.iter().collect()
    } else {
        // Each id through the index, then back in creation order.
        let mut found: Vec<(usize, &Instance)> = ids
            .iter()
            .filter_map(|id| Some((data.instances.position(id)?, data.instances.get(id)?)))
            .collect();
        found.sort_unstable_by_key(|(at, _)| *at);
        found.dedup_by_key(|(at, _)| *at);
        found.into_iter().map(|(_, instance)| instance).collect()
    };
    let matching: Vec<&Instance> = candidates
        .into_iter()
        .filter(|i| i.region == region.id)
        .filter(|i| zone.is_none_or(|z| i.zone == z))
        .filter(|i| tag.is_none_or(|t| i.tag == t))
        .filter(|i| vpc.is_none_or(|v| i.vpc_id == v))
        .filter(|i| subnet.is_none_or(|s| i.subnet_id == s))
        .filter(|i| group.is_none_or(|g| i.isolation_group == g))
        .collect();
    let total_count = matching.len();
    let uhost_set = page(matching, window)
        .into_iter()
        .map(|instance| CachedView {
            instance,
            data: &data,
            ctx,
        })
        .collect();
    ctx.reply(&DescribeAnswer {
        total_count,
        uhost_set,
    })
}

/// TerminateUHostInstance: removes a stopped instance.
pub(super) fn terminate(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let mut data = ctx.account.write();
    let power = data.instance(region.id, id)?.power(ctx.now);
    if power != Power::Stopped {
        return Err(ApiError::new(
            retcodes::DELETE_STOP_FIRST,
            format!(
                "cannot terminate {id} while it is {}: stop it first",
                power.wire()
            ),
        ));
    }
    data.instances.remove(id);
    data.terminated.insert(id.to_owned());
    ctx.reply(&json!({ "UHostId": id, "InRecycle": "No" }))
}

/// ModifyUHostInstanceName: a new name (unchanged when `Name` is absent).
pub(super) fn modify_name(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let name = text(p, "Name", 63)?;
    modify(ctx, p, |i| {
        if let Some(name) = name {
            i.name = name.to_owned();
        }
    })
}

/// ModifyUHostInstanceRemark: a new remark (absent clears it).
pub(super) fn modify_remark(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let remark = text(p, "Remark", 255)?.unwrap_or_default();
    modify(ctx, p, |i| i.remark = remark.to_owned())
}

/// ModifyUHostInstanceTag: a new business group (absent means `Default`).
pub(super) fn modify_tag(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let tag = text(p, "Tag", 63)?.unwrap_or("Default");
    modify(ctx, p, |i| i.tag = tag.to_owned())
}

fn modify(
    ctx: &Ctx<'_>,
    p: &Params,
    change: impl FnOnce(&mut Instance),
) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    change(ctx.account.write().instance_mut(region.id, id)?);
    host_reply(ctx, id)
}

/// ModifyUHostIP: changes the private address of a stopped instance
/// (8010 otherwise, as its page asks to stop the instance first).
pub(super) fn modify_ip(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let present = p.required("PresentIpAddress")?;
    let present: Ipv4Addr = present.parse().map_err(|_| {
        ApiError::invalid(
            "PresentIpAddress",
            format!("{present:?} is not an IPv4 address"),
        )
    })?;
    let mut data = ctx.account.write();
    let instance = data.instance_mut(region.id, id)?;
    instance.require_stopped(ctx.now)?;
    if let Some(previous) = p.get("PreviousIpAddress")
        && previous != instance.private_ip
    {
        return Err(ApiError::invalid(
            "PreviousIpAddress",
            format!("{id} has address {}, not {previous}", instance.private_ip),
        ));
    }
    instance.private_ip = present.to_string();
    instance.mac = mac_for(&instance.private_ip);
    host_reply(ctx, id)
}

/// DescribeUHostTags: instances per business group and zone.
pub(super) fn describe_tags(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let zone = p.get("Zone");
    let data = ctx.account.read();
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for i in data
        .instances
        .iter()
        .filter(|i| i.region == region.id && zone.is_none_or(|z| i.zone == z))
    {
        *counts.entry((i.tag.as_str(), i.zone)).or_default() += 1;
    }
    let tags: Vec<_> = counts
        .into_iter()
        .map(|((tag, zone), n)| json!({ "Tag": tag, "Zone": zone, "TotalCount": n }))
        .collect();
    ctx.reply(&json!({ "TotalCount": tags.len(), "TagSet": tags }))
}

/// GetUHostInstanceVncInfo.
pub(super) fn vnc_info(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let data = ctx.account.read();
    let instance = data.instance(region.id, id)?;
    let seed = instance
        .id
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let mut rng = fastrand::Rng::with_seed(seed);
    let password: String = (0..8).map(|_| rng.alphanumeric()).collect();
    ctx.reply(&json!({
        "UHostId": id,
        "UhostId": id,
        "VncIP": format!("106.75.{}.{}", 1 + seed % 250, 1 + (seed >> 8) % 250),
        "VncPort": 5900 + seed % 1000,
        "VncPassword": password,
    }))
}

/// DescribeUHostInstanceSnapshot: the snapshots taken for custom images.
pub(super) fn describe_snapshots(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let data = ctx.account.read();
    let instance = data.instance(region.id, id)?;
    let set: Vec<_> = instance
        .snapshots
        .iter()
        .map(|s| {
            json!({
                "SnapshotName": s.name,
                "SnapshotState": "Normal",
                "SnapshotTime": s.time.to_string(),
            })
        })
        .collect();
    ctx.reply(&json!({ "UhostId": id, "SnapshotSet": set }))
}
