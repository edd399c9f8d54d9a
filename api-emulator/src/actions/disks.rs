//! Disks: the disk types and their size ranges, the disks of a new
//! instance, and the disk actions (available types, resizing an attached
//! disk, upgrading to data ark).

use serde::Serialize;
use serde_json::json;

use super::Ctx;
use super::enums::{self, BACKUP_TYPES};
use crate::answer::{ApiError, Reply};
use crate::params::{Params, parse_bool, parse_choice};
use crate::retcodes;
use crate::state::ids::Ids;
use crate::state::images::Image;
use crate::state::instances::Disk;

/// A disk type and what it allows.
pub(super) struct DiskType {
    /// Wire name.
    pub(super) name: &'static str,
    /// Boot disk size range in GB, if it can be a boot disk.
    boot: Option<(i64, i64)>,
    /// Data disk size range in GB, if it can be a data disk.
    data: Option<(i64, i64)>,
    /// Price per GB and month, in yuan.
    pub(super) monthly_per_gb: f64,
}

impl DiskType {
    /// The largest size in GB of this type as a boot or data disk.
    pub(super) fn max_size(&self, boot: bool) -> Option<i64> {
        if boot { self.boot } else { self.data }.map(|(_, max)| max)
    }
}

/// The disk types of the reference's disk type page.
pub(super) const DISK_TYPES: &[DiskType] = &[
    DiskType {
        name: "LOCAL_NORMAL",
        boot: Some((20, 100)),
        data: Some((20, 2000)),
        monthly_per_gb: 0.4,
    },
    DiskType {
        name: "LOCAL_SSD",
        boot: Some((20, 100)),
        data: Some((20, 1000)),
        monthly_per_gb: 0.9,
    },
    DiskType {
        name: "CLOUD_NORMAL",
        boot: None,
        data: Some((20, 8000)),
        monthly_per_gb: 0.3,
    },
    DiskType {
        name: "CLOUD_SSD",
        boot: Some((20, 500)),
        data: Some((20, 8000)),
        monthly_per_gb: 0.8,
    },
    DiskType {
        name: "CLOUD_ESSD",
        boot: None,
        data: Some((20, 8000)),
        monthly_per_gb: 0.5,
    },
    DiskType {
        name: "CLOUD_RSSD",
        boot: Some((20, 500)),
        data: Some((20, 32000)),
        monthly_per_gb: 1.0,
    },
    DiskType {
        name: "EXCLUSIVE_LOCAL_DISK",
        boot: Some((20, 4096)),
        data: None,
        monthly_per_gb: 0.5,
    },
];

/// The type named `name`.
pub(super) fn disk_type(name: &str) -> Option<&'static DiskType> {
    DISK_TYPES.iter().find(|t| t.name == name)
}

/// The disks of a new instance from `Disks.N.*`, or, without them, a
/// `CLOUD_SSD` boot disk of `BootDiskSpace` (default: the image size) and a
/// `CLOUD_SSD` data disk of `DiskSpace` when given.
pub(super) fn plan(params: &Params, image: &Image, ids: &Ids) -> Result<Vec<Disk>, ApiError> {
    let items = params.items("Disks");
    let planned = if items.is_empty() {
        let mut planned = vec![Planned {
            size_name: "BootDiskSpace".to_owned(),
            kind: "CLOUD_SSD",
            is_boot: true,
            size: params.int("BootDiskSpace")?.unwrap_or(image.size),
            backup: "NONE",
            encrypted: false,
        }];
        if let Some(size) = params.int("DiskSpace")?.filter(|s| *s > 0) {
            planned.push(Planned {
                size_name: "DiskSpace".to_owned(),
                kind: "CLOUD_SSD",
                is_boot: false,
                size,
                backup: "NONE",
                encrypted: false,
            });
        }
        planned
    } else {
        items
            .iter()
            .map(|item| {
                Ok(Planned {
                    size_name: item.name("Size"),
                    kind: parse_choice(
                        &item.name("Type"),
                        item.required("Type")?,
                        enums::DISK_TYPES,
                    )?,
                    is_boot: parse_bool(&item.name("IsBoot"), item.required("IsBoot")?)?,
                    size: item
                        .int("Size")?
                        .ok_or_else(|| ApiError::missing(&item.name("Size")))?,
                    backup: match item.get("BackupType") {
                        Some(b) => parse_choice(&item.name("BackupType"), b, BACKUP_TYPES)?,
                        None => "NONE",
                    },
                    encrypted: item
                        .get("Encrypted")
                        .map(|e| parse_bool(&item.name("Encrypted"), e))
                        .transpose()?
                        .unwrap_or(false),
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?
    };
    build(&planned, image, ids)
}

/// One disk of a new instance, as requested.
struct Planned {
    /// The parameter that gave the size, for error messages.
    size_name: String,
    kind: &'static str,
    is_boot: bool,
    size: i64,
    backup: &'static str,
    encrypted: bool,
}

fn build(planned: &[Planned], image: &Image, ids: &Ids) -> Result<Vec<Disk>, ApiError> {
    let boots = planned.iter().filter(|p| p.is_boot).count();
    if boots != 1 {
        return Err(ApiError::invalid(
            "Disks",
            format!("exactly one disk must have IsBoot=True, {boots} do"),
        ));
    }
    // The boot disk comes first, as vda.
    let ordered = planned
        .iter()
        .filter(|p| p.is_boot)
        .chain(planned.iter().filter(|p| !p.is_boot));
    let mut disks = Vec::with_capacity(planned.len());
    for (i, p) in ordered.enumerate() {
        let disk_type = disk_type(p.kind)
            .ok_or_else(|| ApiError::invalid(&p.size_name, "unknown disk type"))?;
        if p.is_boot {
            check_boot_size(disk_type, &p.size_name, p.size, image)?;
        } else {
            check_data_size(disk_type, p.size)?;
        }
        disks.push(Disk {
            id: ids.next(if p.is_boot { "bsi" } else { "bsm" }),
            disk_type: disk_type.name,
            is_boot: p.is_boot,
            size: p.size,
            drive: drive_name(i),
            backup_type: p.backup,
            encrypted: p.encrypted,
        });
    }
    Ok(disks)
}

/// A boot disk must fit the image; a local one must be exactly its size.
pub(super) fn check_boot_size(
    disk_type: &DiskType,
    size_name: &str,
    size: i64,
    image: &Image,
) -> Result<(), ApiError> {
    let Some((_, max)) = disk_type.boot else {
        return Err(ApiError::invalid(
            size_name,
            format!("{} cannot be a boot disk", disk_type.name),
        ));
    };
    if size < image.size {
        return Err(ApiError::new(
            retcodes::BOOT_DISK_TOO_SMALL,
            format!(
                "the boot disk ({size} GB) is smaller than image {} ({} GB)",
                image.id, image.size
            ),
        ));
    }
    if disk_type.name.starts_with("LOCAL") && size != image.size {
        return Err(ApiError::new(
            retcodes::BOOT_DISK_NOT_IMAGE_SIZE,
            format!(
                "a {} boot disk must be the image size ({} GB) at creation",
                disk_type.name, image.size
            ),
        ));
    }
    if size > max {
        return Err(ApiError::invalid(
            size_name,
            format!("a {} boot disk holds at most {max} GB", disk_type.name),
        ));
    }
    Ok(())
}

fn check_data_size(disk_type: &DiskType, size: i64) -> Result<(), ApiError> {
    let Some((min, max)) = disk_type.data else {
        return Err(ApiError::invalid(
            "Disks",
            format!("{} cannot be a data disk", disk_type.name),
        ));
    };
    if !(min..=max).contains(&size) {
        return Err(ApiError::new(
            retcodes::BAD_DATA_DISK_SIZE,
            format!(
                "a {} data disk must be {min}-{max} GB, not {size}",
                disk_type.name
            ),
        ));
    }
    Ok(())
}

/// `vda`, `vdb`, … `vdz`, then `vdaa`, ….
pub(super) fn drive_name(index: usize) -> String {
    const LETTERS: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
    let letter = |i: usize| LETTERS.get(i % 26).map_or('z', |b| *b as char);
    if index < 26 {
        format!("vd{}", letter(index))
    } else {
        format!("vd{}{}", letter(index / 26 - 1), letter(index))
    }
}

/// What a type offers as a boot and a data disk, in the `Disks` model.
fn offered(names: &[&str]) -> serde_json::Value {
    let boot: Vec<_> = names
        .iter()
        .filter_map(|n| disk_type(n))
        .filter_map(|t| {
            t.boot.map(|(_, max)| {
                json!({
                    "Name": t.name,
                    "MaximalSize": max,
                    "InstantResize": !t.name.starts_with("LOCAL"),
                    "Features": ["SNAPSHOT"],
                })
            })
        })
        .collect();
    let data: Vec<_> = names
        .iter()
        .filter_map(|n| disk_type(n))
        .filter_map(|t| {
            t.data.map(|(min, max)| {
                json!({
                    "Name": t.name,
                    "MinimalSize": min,
                    "MaximalSize": max,
                    "Features": ["SNAPSHOT"],
                    "BackupMode": ["Base", "Ultimate", "Custom"],
                })
            })
        })
        .collect();
    json!({"BootDisk": boot, "DataDisk": data})
}

/// The disk media (`cloudDisk`, …) a machine type offers.
pub(super) fn media(machine_type: &str) -> Vec<serde_json::Value> {
    let mut cloud = offered(match machine_type {
        "O" | "OS" | "OM" | "OPRO" | "OPROG" | "OMAX" => {
            &["CLOUD_RSSD", "CLOUD_SSD", "CLOUD_NORMAL", "CLOUD_ESSD"]
        }
        _ => &["CLOUD_SSD", "CLOUD_NORMAL", "CLOUD_ESSD"],
    });
    let mut media = Vec::new();
    if let Some(obj) = cloud.as_object_mut() {
        obj.insert("Name".to_owned(), json!("cloudDisk"));
    }
    media.push(cloud);
    if matches!(machine_type, "N" | "C" | "G") {
        let mut local = offered(&["LOCAL_NORMAL"]);
        if let Some(obj) = local.as_object_mut() {
            obj.insert("Name".to_owned(), json!("normalLocalDisk"));
        }
        media.push(local);
        let mut ssd = offered(&["LOCAL_SSD"]);
        if let Some(obj) = ssd.as_object_mut() {
            obj.insert("Name".to_owned(), json!("ssdLocalDisk"));
        }
        media.push(ssd);
    }
    media
}

/// DescribeUHostAvailableDiskTypes: the disk media each instance can take.
pub(super) fn describe_available_types(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let data = ctx.account.read();
    let mut set = Vec::new();
    for id in p.list("UHostIds") {
        let instance = data.instance(region.id, id)?;
        set.push(json!({
            "UHostId": instance.id,
            "Zone": instance.zone,
            "AvailableDisks": media(&instance.machine_type),
        }));
    }
    ctx.reply(&json!({ "DiskTypeSet": set }))
}

#[derive(Serialize)]
struct ResizeAnswer<'a> {
    #[serde(rename = "DiskId")]
    disk_id: &'a str,
    #[serde(rename = "NeedRestart")]
    need_restart: bool,
}

/// ResizeAttachedDisk: grows a disk of an instance (`DryRun` only checks).
pub(super) fn resize_attached(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let disk_id = p.required("DiskId")?;
    let new_size = p
        .int("DiskSpace")?
        .ok_or_else(|| ApiError::missing("DiskSpace"))?;
    let dry_run = p.bool("DryRun")?.unwrap_or(false);
    let mut data = ctx.account.write();
    let instance = data.instance_mut(region.id, id)?;
    if let Some(zone) = ctx.zone()
        && zone != instance.zone
    {
        return Err(ApiError::invalid(
            "Zone",
            format!("{id} is in zone {}", instance.zone),
        ));
    }
    let disk = instance
        .disks
        .iter_mut()
        .find(|d| d.id == disk_id)
        .ok_or_else(|| ApiError::invalid("DiskId", format!("{id} has no disk {disk_id:?}")))?;
    let max = disk_type(disk.disk_type)
        .and_then(|t| t.max_size(disk.is_boot))
        .unwrap_or(disk.size);
    if new_size <= disk.size || new_size > max {
        let code = if disk.is_boot && new_size < disk.size {
            retcodes::BOOT_DISK_SHRINK
        } else {
            retcodes::RESIZE_BAD_DISK
        };
        return Err(ApiError::new(
            code,
            format!(
                "disk {disk_id} is {} GB; the new size must be larger and at most {max} GB, not {new_size}",
                disk.size
            ),
        ));
    }
    let need_restart = disk.is_local();
    if !dry_run {
        disk.size = new_size;
    }
    ctx.reply(&ResizeAnswer {
        disk_id,
        need_restart,
    })
}

/// UpgradeToArkUHostInstance: turns on data ark for stopped instances whose
/// disks are all `LOCAL_NORMAL` (its page: normal local disks only, with the
/// instance shut down). An instance with data ark already on is left as it
/// is. Every instance is checked before any changes.
pub(super) fn upgrade_to_ark(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let ids = p.list("UHostIds");
    let mut data = ctx.account.write();
    for id in &ids {
        let instance = data.instance(region.id, id)?;
        if instance.timemachine {
            continue;
        }
        instance.require_stopped(ctx.now)?;
        if let Some(disk) = instance
            .disks
            .iter()
            .find(|d| d.disk_type == "LOCAL_SSD" || d.disk_type == "EXCLUSIVE_LOCAL_DISK")
        {
            return Err(ApiError::new(
                retcodes::ARK_DISK_TYPE,
                format!(
                    "{id}: data ark does not support {} disks ({})",
                    disk.disk_type, disk.id
                ),
            ));
        }
        if let Some(disk) = instance.disks.iter().find(|d| !d.is_local()) {
            return Err(ApiError::new(
                retcodes::ARK_DISKS,
                format!(
                    "{id}: data ark needs local disks only; {} is {}",
                    disk.id, disk.disk_type
                ),
            ));
        }
    }
    for id in &ids {
        let instance = data.instance_mut(region.id, id)?;
        instance.timemachine = true;
        for disk in &mut instance.disks {
            disk.backup_type = "DATAARK";
        }
    }
    ctx.reply(&json!({ "UHostSet": ids }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drive_names() {
        assert_eq!(drive_name(0), "vda");
        assert_eq!(drive_name(1), "vdb");
        assert_eq!(drive_name(25), "vdz");
        assert_eq!(drive_name(26), "vdaa");
    }

    #[test]
    fn every_disk_type_has_a_role() {
        for t in DISK_TYPES {
            assert!(t.boot.is_some() || t.data.is_some());
            assert!(enums::DISK_TYPES.contains(&t.name));
        }
        for name in enums::DISK_TYPES {
            assert!(disk_type(name).is_some(), "{name} has no size ranges");
        }
    }
}
