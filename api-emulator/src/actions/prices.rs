//! Price queries, from one deterministic price list (yuan): per month a
//! vCPU costs 45, a GB of memory 20, a GPU card 1500, a Windows licence 30,
//! and a GB of disk what its type says (0.3-1.0). A year costs ten months;
//! an hour (Dynamic, Postpay) costs a month / 720 × 1.2; Spot and
//! Preemptive cost 30% of that. There are no discounts: `Price`, `OriginalPrice` and `ListPrice`
//! agree.

use serde_json::{Value, json};

use super::enums::{CHARGE_TYPES, DISK_TYPES, RENEW_CHARGE_TYPES};
use super::instances::{check_size, find_image};
use super::{Ctx, disks};
use crate::answer::{ApiError, Reply};
use crate::params::{Params, parse_bool, parse_choice};
use crate::retcodes;
use crate::state::instances::Instance;

const PER_CPU: f64 = 45.0;
const PER_GB_MEMORY: f64 = 20.0;
const PER_GPU: f64 = 1500.0;
const WINDOWS_LICENCE: f64 = 30.0;

/// Monthly cost split as in the `PriceDetail` model.
#[derive(Debug, Clone, Copy, Default)]
struct Monthly {
    host: f64,
    cloud_disks: f64,
    local_disks: f64,
}

impl Monthly {
    fn of(cpu: i64, memory: i64, gpu: i64, windows: bool, disk_list: &[(&str, i64)]) -> Self {
        let mut monthly = Monthly {
            host: cpu as f64 * PER_CPU
                + memory as f64 / 1024.0 * PER_GB_MEMORY
                + gpu as f64 * PER_GPU
                + if windows { WINDOWS_LICENCE } else { 0.0 },
            ..Monthly::default()
        };
        for (kind, size) in disk_list {
            let cost = disks::disk_type(kind).map_or(0.0, |t| t.monthly_per_gb) * *size as f64;
            if kind.starts_with("CLOUD") {
                monthly.cloud_disks += cost;
            } else {
                monthly.local_disks += cost;
            }
        }
        monthly
    }

    fn of_instance(instance: &Instance) -> Self {
        let disk_list: Vec<(&str, i64)> = instance
            .disks
            .iter()
            .map(|d| (d.disk_type, d.size))
            .collect();
        Self::of(
            instance.cpu,
            instance.memory,
            instance.gpu,
            instance.os_type == "Windows",
            &disk_list,
        )
    }

    fn total(&self) -> f64 {
        self.host + self.cloud_disks + self.local_disks
    }
}

/// How many months one unit of `charge_type` is worth.
fn factor(charge_type: &str, quantity: i64) -> f64 {
    let hourly = 1.2 / 720.0;
    match charge_type {
        "Year" => 10.0 * quantity.max(1) as f64,
        "Month" => quantity.max(1) as f64,
        "Spot" | "Preemptive" => hourly * 0.3,
        _ => hourly,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn price_entry(charge_type: &str, price: f64) -> Value {
    json!({ "ChargeType": charge_type, "Price": price, "OriginalPrice": price, "ListPrice": price })
}

/// GetUHostInstancePrice: the price of `Count` instances of a shape, for
/// the given `ChargeType` or for Year, Month and Dynamic.
pub(super) fn instance(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let cpu = p.int("CPU")?.ok_or_else(|| ApiError::missing("CPU"))?;
    let memory = p
        .int("Memory")?
        .ok_or_else(|| ApiError::missing("Memory"))?;
    check_size(
        cpu,
        memory,
        retcodes::PRICE_BAD_CPU,
        retcodes::PRICE_BAD_MEMORY,
    )?;
    let count = p.int("Count")?.ok_or_else(|| ApiError::missing("Count"))?;
    if !(1..=100).contains(&count) {
        return Err(ApiError::invalid("Count", "must be 1-100"));
    }
    let gpu = p.int("GPU")?.unwrap_or(0).max(0);
    let quantity = p.int("Quantity")?.unwrap_or(1);
    let details = p.bool("ShowPriceDetails")?.unwrap_or(false);
    let charge_types: Vec<&str> = match p.choice("ChargeType", CHARGE_TYPES)? {
        Some(c) => vec![c],
        None => vec!["Year", "Month", "Dynamic"],
    };
    let data = ctx.account.read();
    let image = match p.get("ImageId") {
        Some(id) => Some(find_image(ctx.store, &data, region.id, id).ok_or_else(|| {
            ApiError::invalid(
                "ImageId",
                format!("no image {id:?} in region {}", region.id),
            )
        })?),
        None => None,
    };
    let mut disk_list = Vec::new();
    for item in p.items("Disks") {
        let kind = parse_choice(&item.name("Type"), item.required("Type")?, DISK_TYPES)?;
        parse_bool(&item.name("IsBoot"), item.required("IsBoot")?)?;
        let size = item
            .int("Size")?
            .ok_or_else(|| ApiError::missing(&item.name("Size")))?;
        if !(1..=32_000).contains(&size) {
            return Err(ApiError::new(
                retcodes::PRICE_BAD_DISK,
                format!("{} = {size} GB is not a disk size", item.name("Size")),
            ));
        }
        disk_list.push((kind, size));
    }
    if disk_list.is_empty() {
        let boot = p.int("DiskSpace")?.filter(|s| *s > 0);
        disk_list.push(("CLOUD_SSD", boot.or(image.map(|i| i.size)).unwrap_or(20)));
    }
    let windows = image.is_some_and(|i| i.os_type == "Windows");
    let monthly = Monthly::of(cpu, memory, gpu, windows, &disk_list);
    let set: Vec<Value> = charge_types
        .iter()
        .map(|charge_type| {
            let scale = factor(charge_type, quantity) * count as f64;
            let mut entry = price_entry(charge_type, round2(monthly.total() * scale));
            if details {
                let detail = json!({
                    "UHost": round2(monthly.host * scale),
                    "UDisk": round2(monthly.cloud_disks * scale),
                    "Volume": round2(monthly.local_disks * scale),
                    "Snapshot": 0.0,
                });
                if let Some(fields) = entry.as_object_mut() {
                    fields.insert("PriceDetail".to_owned(), detail.clone());
                    fields.insert("OriginalPriceDetail".to_owned(), detail.clone());
                    fields.insert("ListPriceDetail".to_owned(), detail);
                }
            }
            entry
        })
        .collect();
    ctx.reply(&json!({ "PriceSet": set }))
}

/// GetUHostRenewPrice: what renewing an instance costs.
pub(super) fn renew(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let charge_type = p
        .choice("ChargeType", RENEW_CHARGE_TYPES)?
        .ok_or_else(|| ApiError::missing("ChargeType"))?;
    let data = ctx.account.read();
    let monthly = Monthly::of_instance(data.instance(region.id, id)?);
    let price = round2(monthly.total() * factor(charge_type, 1));
    ctx.reply(&json!({ "PriceSet": [price_entry(charge_type, price)] }))
}

/// GetUHostUpgradePrice: the difference a new shape costs per billing unit.
pub(super) fn upgrade(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let data = ctx.account.read();
    let instance = data.instance(region.id, id)?;
    let cpu = p.int("CPU")?.unwrap_or(instance.cpu);
    let memory = p.int("Memory")?.unwrap_or(instance.memory);
    check_size(
        cpu,
        memory,
        retcodes::PRICE_BAD_CPU,
        retcodes::PRICE_BAD_MEMORY,
    )?;
    let gpu = p.int("GPU")?.unwrap_or(instance.gpu).max(0);
    let boot = p.int("BootDiskSpace")?;
    let data_space = p.int("DiskSpace")?;
    let mut first_data = true;
    let mut disk_list = Vec::new();
    for disk in &instance.disks {
        let wanted = if disk.is_boot {
            boot
        } else if std::mem::take(&mut first_data) {
            data_space
        } else {
            None
        };
        let size = wanted.unwrap_or(disk.size);
        if size < disk.size {
            return Err(ApiError::new(
                retcodes::PRICE_DISK_SHRINK,
                format!(
                    "disk {} is {} GB and cannot shrink to {size}",
                    disk.id, disk.size
                ),
            ));
        }
        disk_list.push((disk.disk_type, size));
    }
    let after = Monthly::of(cpu, memory, gpu, instance.os_type == "Windows", &disk_list);
    let before = Monthly::of_instance(instance);
    let price = round2((after.total() - before.total()).max(0.0) * factor(instance.charge_type, 1));
    ctx.reply(&json!({ "Price": price, "OriginalPrice": price }))
}

/// GetUHostRefundPrice: half the month left for monthly and yearly
/// instances, nothing for hourly ones; unknown ids get their error code.
pub(super) fn refund(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let data = ctx.account.read();
    let set: Vec<Value> = p
        .list("UHostIds")
        .into_iter()
        .map(|id| match data.instance(region.id, id) {
            Ok(instance) => {
                let monthly = Monthly::of_instance(instance).total();
                let refund = match instance.charge_type {
                    "Year" => monthly * 5.0,
                    "Month" => monthly / 2.0,
                    _ => 0.0,
                };
                json!({ "UHostId": id, "Code": 0, "Message": "", "RefundPrice": round2(refund) })
            }
            Err(e) => {
                json!({ "UHostId": id, "Code": e.code, "Message": e.message, "RefundPrice": 0.0 })
            }
        })
        .collect();
    ctx.reply(&json!({ "RefundPriceSet": set }))
}

/// GetAttachedDiskUpgradePrice: what growing one disk costs per billing
/// unit of the instance.
pub(super) fn attached_disk_upgrade(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let disk_id = p.required("DiskId")?;
    let size = p
        .int("DiskSpace")?
        .ok_or_else(|| ApiError::missing("DiskSpace"))?;
    let data = ctx.account.read();
    let instance = data.instance(region.id, id)?;
    let disk = instance
        .disks
        .iter()
        .find(|d| d.id == disk_id)
        .ok_or_else(|| ApiError::invalid("DiskId", format!("{id} has no disk {disk_id:?}")))?;
    if size <= disk.size {
        return Err(ApiError::new(
            retcodes::PRICE_DISK_SHRINK,
            format!(
                "disk {disk_id} is {} GB; the new size must be larger, not {size}",
                disk.size
            ),
        ));
    }
    let per_gb = disks::disk_type(disk.disk_type).map_or(0.0, |t| t.monthly_per_gb);
    let price = round2((size - disk.size) as f64 * per_gb * factor(instance.charge_type, 1));
    let detail = json!({ "UDisk": price, "Snapshot": 0.0 });
    ctx.reply(&json!({
        "Price": price,
        "OriginalPrice": price,
        "ListPrice": price,
        "PriceDetail": detail,
        "OriginalPriceDetail": detail,
        "ListPriceDetail": detail,
    }))
}
