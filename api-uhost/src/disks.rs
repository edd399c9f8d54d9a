//! Disks of instances: the disk types a zone offers, the disk types an
//! instance can take, and resizing a disk attached to an instance.
//!
//! The disk-type description models ([`Disks`], [`BootDiskInfo`],
//! [`DataDiskInfo`]) are shared with
//! [`DescribeAvailableInstanceTypes`](crate::machine_types::DescribeAvailableInstanceTypes).
//! The price of a resize comes from
//! [`GetAttachedDiskUpgradePrice`](crate::prices::GetAttachedDiskUpgradePrice).

use api_core::{api_action, api_enum, api_model};

/// A disk type (`Disks.N.Type`, `DiskSet.DiskType`, the `Name` of
/// [`BootDiskInfo`] and [`DataDiskInfo`]).
///
/// Sizes in GB; a local boot disk is as large as its image when created
/// or reinstalled.
#[api_enum(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DiskType {
    /// Local disk; data disks 20–2000 GB.
    LocalNormal,
    /// Local SSD; data disks 20–1000 GB.
    LocalSsd,
    /// Standard cloud disk (data disks only, 20–8000 GB).
    CloudNormal,
    /// SSD cloud disk; boot disks 20–500 GB, data disks 20–8000 GB.
    CloudSsd,
    /// Economy SSD cloud disk (data disks only, 20–8000 GB).
    CloudEssd,
    /// RSSD cloud disk; boot disks 20–500 GB, data disks 20–32000 GB.
    CloudRssd,
    /// Dedicated local disk (boot disks only, of a fixed size).
    ExclusiveLocalDisk,
}

/// The medium family a group of disk types belongs to (`Disks.Name`).
#[api_enum]
pub enum DiskCategory {
    /// Cloud disks: `CLOUD_NORMAL`, `CLOUD_SSD`, `CLOUD_RSSD`, ….
    #[api(rename = "cloudDisk")]
    CloudDisk,
    /// Standard local disks (`LOCAL_NORMAL`).
    #[api(rename = "normalLocalDisk")]
    NormalLocalDisk,
    /// SSD local disks (`LOCAL_SSD`).
    #[api(rename = "ssdLocalDisk")]
    SsdLocalDisk,
}

/// How a disk is backed up (`Disks.N.BackupType`, and the `BackupMode` of
/// [`GetAttachedDiskUpgradePrice`](crate::prices::GetAttachedDiskUpgradePrice)).
///
/// Which disk types support which plan depends on the zone and the type.
#[api_enum]
pub enum DiskBackupType {
    /// No backup.
    #[api(rename = "NONE")]
    NoBackup,
    /// Data Ark continuous backup (standard local disks, boot and data
    /// together, and standard cloud data disks).
    #[api(rename = "DATAARK")]
    DataArk,
    /// Snapshot service.
    #[api(rename = "SNAPSHOT")]
    Snapshot,
}

/// The snapshot backup edition of a disk backed up by
/// [`DiskBackupType::Snapshot`] (`Disks.N.BackupMode`,
/// [`DataDiskInfo::backup_mode`]).
#[api_enum]
pub enum SnapshotBackupMode {
    /// Light edition.
    Lite,
    /// Standard edition (the API's default).
    Base,
    /// Flagship edition.
    Ultimate,
    /// A custom backup chain (`Disks.N.CustomBackup`).
    Custom,
}

/// A service a disk type supports (the `Features` of [`BootDiskInfo`] and
/// [`DataDiskInfo`]).
#[api_enum]
pub enum DiskService {
    /// Data Ark continuous backup.
    #[api(rename = "DATAARK")]
    DataArk,
    /// Snapshots.
    #[api(rename = "SNAPSHOT")]
    Snapshot,
    /// Encryption with a KMS key.
    Encrypted,
}

/// The disk types that can be attached to one instance.
#[api_model]
pub struct AvailableDiskTypes {
    /// Zone of the instance.
    pub zone: String,
    /// The instance.
    pub uhost_id: String,
    /// The disk types, grouped by medium.
    pub available_disks: Vec<Disks>,
}

/// The boot and data disk types of one medium family.
#[api_model]
pub struct Disks {
    /// The medium family.
    pub name: DiskCategory,
    /// Boot disk types of this family.
    pub boot_disk: Vec<BootDiskInfo>,
    /// Data disk types of this family.
    pub data_disk: Vec<DataDiskInfo>,
}

/// A boot disk type and its limits.
#[api_model]
pub struct BootDiskInfo {
    /// The disk type.
    pub name: DiskType,
    /// Whether the boot disk can be enlarged (never for local disks).
    pub instant_resize: bool,
    /// Largest size, in GB.
    pub maximal_size: i64,
    /// Services the disk type supports.
    pub features: Vec<DiskService>,
}

/// A data disk type and its limits.
#[api_model]
pub struct DataDiskInfo {
    /// The disk type.
    pub name: DiskType,
    /// Smallest size, in GB; when absent (0), the size of the base image
    /// (20 GB for Linux, 40 GB for Windows).
    pub minimal_size: i64,
    /// Largest size, in GB.
    pub maximal_size: i64,
    /// Services the disk type supports.
    pub features: Vec<DiskService>,
    /// Snapshot backup editions the disk type supports.
    pub backup_mode: Vec<SnapshotBackupMode>,
}

/// Lists, for each given instance, the disk types that can be attached to
/// it.
#[api_action("DescribeUHostAvailableDiskTypes")]
#[response(
    /// One entry per instance.
    disk_type_set: Vec<AvailableDiskTypes>,
)]
pub struct DescribeUHostAvailableDiskTypes {
    /// The instances to look at, at most 100.
    #[api(required)]
    pub uhost_ids: Vec<String>,
}

/// Enlarges a boot or data disk attached to an instance.
///
/// The new size must exceed the current one, in steps of 10 GB, up to the
/// disk type's maximum (see [`DiskType`]). A paid disk is charged the
/// difference ([`GetAttachedDiskUpgradePrice`](crate::prices::GetAttachedDiskUpgradePrice)
/// tells how much). Set `dry_run` to learn whether the disk can be resized
/// online without changing it. When the answer says `need_restart`, the
/// instance must be stopped and started before the new space can be used;
/// a cloud disk's file system must still be grown from inside the
/// instance.
#[api_action("ResizeAttachedDisk", common(region, zone, project_id?))]
#[response(
    /// The resized disk.
    disk_id: String,
    /// Whether the instance must be stopped and started to use the new
    /// space.
    need_restart: bool,
)]
pub struct ResizeAttachedDisk {
    /// The disk, from the instance's `DiskSet`.
    pub disk_id: String,
    /// New size in GB: larger than the current size, in steps of 10.
    pub disk_space: i64,
    /// Only check whether the disk can be resized online; change nothing.
    pub dry_run: Option<bool>,
    /// The instance the disk is attached to.
    pub uhost_id: String,
}
