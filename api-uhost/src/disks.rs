//! Disks of instances: the disk types a zone offers and resizing attached
//! disks.

use api_core::api_enum;

/// A disk type (`Disks.N.Type`, `DiskSet.DiskType`).
#[api_enum(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DiskType {
    /// Local disk.
    LocalNormal,
    /// Local SSD.
    LocalSsd,
    /// Standard cloud disk (data disks only).
    CloudNormal,
    /// SSD cloud disk.
    CloudSsd,
    /// Economy SSD cloud disk (data disks only).
    CloudEssd,
    /// RSSD cloud disk.
    CloudRssd,
    /// Dedicated local disk.
    ExclusiveLocalDisk,
}
