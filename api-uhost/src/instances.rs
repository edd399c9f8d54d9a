//! Instances: create, describe, power, reconfigure and delete UHost
//! instances.

use api_core::{api_enum, api_object};

use crate::disks::DiskType;

/// How an instance or resource is billed.
#[api_enum]
pub enum ChargeType {
    /// Paid yearly in advance.
    Year,
    /// Paid monthly in advance (the API's default).
    Month,
    /// Paid hourly in advance.
    Dynamic,
    /// Paid hourly afterwards; a stopped instance is not charged (some
    /// zones only).
    Postpay,
    /// A preemptible instance.
    Preemptive,
    /// A spot instance.
    Spot,
}

/// How to log in to a new or reinstalled instance.
#[api_enum]
pub enum LoginMode {
    /// With a password (`Password`).
    Password,
    /// With a key pair (`KeyPairId`).
    KeyPair,
}

/// The state of an instance.
#[api_enum]
pub enum InstanceState {
    /// Being created.
    Initializing,
    /// Booting.
    Starting,
    /// Running.
    Running,
    /// Shutting down.
    Stopping,
    /// Stopped.
    Stopped,
    /// Creation failed: the instance will not start.
    #[api(rename = "Install Fail")]
    InstallFail,
    /// Rebooting.
    Rebooting,
}

/// A disk of a new instance (`Disks.N`): exactly one must be the boot disk.
#[api_object]
pub struct UHostDisk {
    /// `"True"` for the boot disk, `"False"` for a data disk.
    pub is_boot: String,
    /// Size in GB; see the disk type for the allowed range.
    pub size: i64,
    /// Disk type.
    #[api(rename = "Type")]
    pub disk_type: DiskType,
    /// Backup plan: `NONE` (default) or `SNAPSHOT`.
    pub backup_type: Option<String>,
    /// Snapshot backup edition when `backup_type` is `SNAPSHOT`: `Base`
    /// (default), `Ultimate` or `Custom`.
    pub backup_mode: Option<String>,
    /// Backup chain settings when `backup_mode` is `Custom`.
    pub custom_backup: Option<UHostDiskCustomBackup>,
    /// Coupon for a cloud data disk.
    pub coupon_id: Option<String>,
    /// Whether to encrypt the disk (some zones only); needs `kms_key_id`.
    pub encrypted: Option<bool>,
    /// KMS key for an encrypted disk.
    pub kms_key_id: Option<String>,
    /// Snapshot to create a data disk from.
    pub snapshot_id: Option<String>,
}

impl UHostDisk {
    /// The boot disk of the given type and size.
    pub fn boot(disk_type: DiskType, size_gb: i64) -> Self {
        UHostDisk::new("True", size_gb, disk_type)
    }

    /// A data disk of the given type and size.
    pub fn data(disk_type: DiskType, size_gb: i64) -> Self {
        UHostDisk::new("False", size_gb, disk_type)
    }
}

/// A custom backup chain of a disk (`Disks.N.CustomBackup`).
#[api_object]
pub struct UHostDiskCustomBackup {
    /// Days kept, a multiple of 5 (5, 10, … 30).
    pub day: Option<String>,
    /// Hours kept, a multiple of 24.
    pub hour: Option<String>,
    /// Journal hours kept, a multiple of 12.
    pub journal: Option<String>,
}
