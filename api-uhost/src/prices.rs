//! Prices: what instances and disks cost to buy, renew, upgrade or refund.
//!
//! Prices are in yuan, to two decimals. Asking a price charges nothing.
//!
//! Left out (deprecated by the API): `DiskSpace`, `LifeCycle`,
//! `StorageType`, `TimemachineFeature` of [`GetUHostInstancePrice`];
//! `BootDiskSpace`, `DiskSpace`, `HostType`, `TimemachineFeature` of
//! [`GetUHostUpgradePrice`].

use api_core::{api_action, api_model};

use crate::disks::DiskBackupType;
use crate::instances::{ChargeType, UHostDisk};
use crate::machine_types::{CpuVendor, GpuType, InstanceFamily, MachineType, NetCapability};

/// A price for one way of paying.
#[api_model]
pub struct BasePriceSet {
    /// How the price is charged.
    pub charge_type: ChargeType,
    /// Price in yuan, to two decimals.
    pub price: f64,
    /// The price before limited-time offers: the list price times the
    /// account's business discount.
    pub original_price: f64,
}

/// The price of a new instance configuration for one way of paying.
#[api_model]
pub struct UHostPriceSet {
    /// How the price is charged: `Year`, `Month` or `Dynamic`.
    pub charge_type: ChargeType,
    /// List price. Deprecated by the API.
    pub list_price: f64,
    /// List price by part. Deprecated by the API.
    pub list_price_detail: Option<PriceDetail>,
    /// The price before limited-time offers.
    pub original_price: f64,
    /// [`original_price`](Self::original_price) by part; only with
    /// `show_price_details`.
    pub original_price_detail: Option<PriceDetail>,
    /// Price in yuan, to two decimals.
    pub price: f64,
    /// [`price`](Self::price) by part; only with `show_price_details`.
    pub price_detail: Option<PriceDetail>,
}

/// A price split by the parts of an instance.
#[api_model]
pub struct PriceDetail {
    /// The snapshot service.
    pub snapshot: f64,
    /// Cloud disks.
    pub udisk: f64,
    /// The instance itself.
    pub uhost: f64,
    /// Data volumes.
    pub volume: f64,
}

/// What deleting one instance gives back.
#[api_model]
pub struct UHostRefundPriceSet {
    /// 0 when the price could be worked out; otherwise an error code.
    pub code: i64,
    /// What went wrong when `code` is not 0. Deprecated by the API.
    pub message: String,
    /// The amount refunded on deletion, in yuan.
    pub refund_price: f64,
    /// The instance.
    pub uhost_id: String,
}

/// A disk price split into the disk and its snapshot service.
#[api_model]
pub struct DiskUpgradePriceDetail {
    /// The snapshot service.
    pub snapshot: f64,
    /// The disk.
    pub udisk: f64,
}

/// Prices a new instance configuration, for one or all ways of paying.
///
/// Without `charge_type` the answer holds the yearly, monthly and hourly
/// prices. `count` is the number of instances, 1 to 5. The disks are
/// described as for `CreateUHostInstance` (exactly one boot disk); without
/// `image_id` the boot disk's size must be given.
#[api_action("GetUHostInstancePrice")]
#[response(
    /// One price per way of paying.
    price_set: Vec<UHostPriceSet>,
)]
pub struct GetUHostInstancePrice {
    /// Virtual CPU cores, 1 to 64 (the console shows what each machine
    /// type allows).
    #[api(rename = "CPU")]
    pub cpu: i64,
    /// How to pay (`Year`, `Month`, `Dynamic` or `Spot`); all of yearly,
    /// monthly and hourly when unset.
    pub charge_type: Option<ChargeType>,
    /// Number of instances, 1 to 5.
    pub count: i64,
    /// CPU vendor (`Intel` by default).
    pub cpu_platform: Option<CpuVendor>,
    /// The disks, exactly one of them the boot disk.
    pub disks: Vec<UHostDisk>,
    /// GPU count (GPU machine types only).
    #[api(rename = "GPU")]
    pub gpu: Option<i64>,
    /// GPU model (GPU machine types only).
    pub gpu_type: Option<GpuType>,
    /// Image to price with; without it the boot disk's size must be given.
    pub image_id: Option<String>,
    /// Machine type.
    pub machine_type: Option<MachineType>,
    /// Memory in MB: a multiple of 1024 from 1024 to 262144.
    pub memory: i64,
    /// Network enhancement: `Normal` (default) or `Super`.
    pub net_capability: Option<NetCapability>,
    /// Number of periods (default 1); not used for hourly payment. With
    /// monthly payment, 0 means until the end of the month.
    pub quantity: Option<i64>,
    /// Also return each price split by part.
    pub show_price_details: Option<bool>,
    /// Price an instance on a dedicated (UDSet) host.
    pub udset_uhost_instance: Option<bool>,
    /// Specification family; must match `machine_type`.
    pub uhost_family: Option<InstanceFamily>,
    /// Machine type in the older naming (`N2`, `C1`, …); being retired in
    /// favour of `machine_type`.
    pub uhost_type: Option<String>,
}

/// Prices renewing an instance for one period of the given way of paying.
#[api_action("GetUHostRenewPrice", common(region, project_id?))]
#[response(
    /// The renewal price.
    price_set: Vec<BasePriceSet>,
)]
pub struct GetUHostRenewPrice {
    /// How the renewal is paid: `Year`, `Month` or `Dynamic`.
    pub charge_type: ChargeType,
    /// The instance.
    pub uhost_id: String,
}

/// Prices changing an instance's CPU, memory, GPU count or network
/// enhancement: the difference to pay for the rest of the current period.
///
/// Values left unset keep the instance's current ones.
#[api_action("GetUHostUpgradePrice")]
#[response(
    /// The price before limited-time offers.
    original_price: f64,
    /// The difference to pay, in yuan, to two decimals.
    price: f64,
)]
pub struct GetUHostUpgradePrice {
    /// New number of virtual CPU cores, 1 to 64.
    #[api(rename = "CPU")]
    pub cpu: Option<i64>,
    /// New GPU count (GPU machine types only).
    #[api(rename = "GPU")]
    pub gpu: Option<i64>,
    /// New memory in MB: a multiple of 1024 from 1024 to 262144.
    pub memory: Option<i64>,
    /// Network enhancement: 1 turns it on, 2 turns it off, 0 leaves it.
    /// Only turning enhancement 1.0 or 2.0 on or off is possible, not
    /// switching from one to the other.
    pub net_cap_value: Option<i64>,
    /// The instance.
    pub uhost_id: String,
}

/// Tells what deleting instances would refund: the instance, its disks,
/// its snapshot service and its EIPs.
#[api_action("GetUHostRefundPrice", common(region, project_id?))]
#[response(
    /// One entry per instance.
    refund_price_set: Vec<UHostRefundPriceSet>,
)]
pub struct GetUHostRefundPrice {
    /// The instances.
    #[api(required)]
    pub uhost_ids: Vec<String>,
}

/// Prices enlarging a disk attached to an instance (see
/// [`ResizeAttachedDisk`](crate::disks::ResizeAttachedDisk)), optionally
/// with another backup plan.
#[api_action("GetAttachedDiskUpgradePrice")]
#[response(
    /// List price.
    list_price: f64,
    /// [`list_price`](GetAttachedDiskUpgradePriceResponse::list_price) by
    /// part.
    list_price_detail: DiskUpgradePriceDetail,
    /// The price after the account's discount.
    original_price: f64,
    /// [`original_price`](GetAttachedDiskUpgradePriceResponse::original_price)
    /// by part.
    original_price_detail: DiskUpgradePriceDetail,
    /// The difference to pay, in yuan, to two decimals.
    price: f64,
    /// [`price`](GetAttachedDiskUpgradePriceResponse::price) by part.
    price_detail: DiskUpgradePriceDetail,
)]
pub struct GetAttachedDiskUpgradePrice {
    /// Backup plan after the change; the disk's current plan when unset.
    /// `SNAPSHOT` is offered in few zones.
    pub backup_mode: Option<DiskBackupType>,
    /// The disk, from the instance's `DiskSet`.
    pub disk_id: String,
    /// New size in GB, larger than the current size.
    pub disk_space: i64,
    /// The instance the disk is attached to.
    pub uhost_id: String,
}
