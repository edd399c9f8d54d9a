//! Machine types: which types, sizes, CPU platforms, GPUs and disks a zone
//! offers, and whether a zone has the resources for new instances.
//!
//! The enums of a machine configuration ([`MachineType`], [`CpuPlatform`],
//! [`GpuType`], [`NetCapability`], …) are also the values of the
//! configuration parameters of instances and prices.

use api_core::{api_action, api_enum, api_model, api_object};

use crate::disks::{DiskBackupType, DiskCategory, DiskType, Disks, SnapshotBackupMode};
use crate::instances::ChargeType;

/// A machine type (`MachineType`): the hardware class of an instance.
#[api_enum(rename_all = "UPPERCASE")]
pub enum MachineType {
    /// General purpose N.
    N,
    /// High clock speed C.
    C,
    /// GPU G.
    G,
    /// Outstanding O.
    O,
    /// Outstanding S.
    Os,
    /// Outstanding shared / memory-enhanced OM.
    Om,
    /// Outstanding memory OMEM.
    Omem,
    /// Outstanding PRO.
    Opro,
    /// Outstanding PRO general purpose.
    Oprog,
    /// Outstanding MAX.
    Omax,
    /// Outstanding bare metal.
    #[api(rename = "O.BM")]
    OBareMetal,
    /// Outstanding EPC.
    #[api(rename = "O.EPC")]
    OEpc,
}

/// A CPU platform (`MinimalCpuPlatform`): vendor and generation.
#[api_enum]
pub enum CpuPlatform {
    /// Any Intel platform (the API's default).
    #[api(rename = "Intel/Auto")]
    IntelAuto,
    /// Intel Ivy Bridge.
    #[api(rename = "Intel/IvyBridge")]
    IntelIvyBridge,
    /// Intel Haswell.
    #[api(rename = "Intel/Haswell")]
    IntelHaswell,
    /// Intel Broadwell.
    #[api(rename = "Intel/Broadwell")]
    IntelBroadwell,
    /// Intel Skylake.
    #[api(rename = "Intel/Skylake")]
    IntelSkylake,
    /// Intel Cascade Lake.
    #[api(rename = "Intel/Cascadelake")]
    IntelCascadelake,
    /// Intel Cascade Lake Refresh.
    #[api(rename = "Intel/CascadelakeR")]
    IntelCascadelakeR,
    /// Intel Ice Lake.
    #[api(rename = "Intel/IceLake")]
    IntelIceLake,
    /// Intel Sapphire Rapids.
    #[api(rename = "Intel/SapphireRapids")]
    IntelSapphireRapids,
    /// AMD EPYC 2.
    #[api(rename = "Amd/Epyc2")]
    AmdEpyc2,
    /// Any AMD platform.
    #[api(rename = "Amd/Auto")]
    AmdAuto,
    /// Any Ampere (ARM) platform.
    #[api(rename = "Ampere/Auto")]
    AmpereAuto,
    /// Ampere Altra (ARM).
    #[api(rename = "Ampere/Altra")]
    AmpereAltra,
}

/// A CPU vendor (`CpuPlatform` of
/// [`GetUHostInstancePrice`](crate::prices::GetUHostInstancePrice)).
#[api_enum]
pub enum CpuVendor {
    /// Intel (the API's default).
    Intel,
    /// AMD.
    Amd,
}

/// A GPU model (`GpuType`); required with machine type `G`.
#[api_enum]
pub enum GpuType {
    /// NVIDIA K80.
    K80,
    /// NVIDIA P40.
    P40,
    /// NVIDIA V100.
    V100,
    /// NVIDIA V100S.
    V100S,
    /// NVIDIA T4.
    T4,
    /// NVIDIA T4, A variant.
    T4A,
    /// NVIDIA T4, S variant.
    T4S,
    /// A quarter of an NVIDIA T4.
    #[api(rename = "T4/4")]
    T4Quarter,
    /// NVIDIA GeForce 1080 Ti.
    #[api(rename = "1080Ti")]
    Gtx1080Ti,
    /// NVIDIA GeForce 2080.
    #[api(rename = "2080")]
    Rtx2080,
    /// NVIDIA GeForce 2080 Ti.
    #[api(rename = "2080Ti")]
    Rtx2080Ti,
    /// NVIDIA GeForce 2080 Ti, 4-core variant.
    #[api(rename = "2080Ti-4C")]
    Rtx2080Ti4C,
    /// NVIDIA GeForce 2080 Ti, S variant.
    #[api(rename = "2080TiS")]
    Rtx2080TiS,
    /// NVIDIA GeForce 2080 Ti, Pro variant.
    #[api(rename = "2080TiPro")]
    Rtx2080TiPro,
    /// NVIDIA GeForce 3090.
    #[api(rename = "3090")]
    Rtx3090,
    /// NVIDIA GeForce 4090.
    #[api(rename = "4090")]
    Rtx4090,
    /// NVIDIA GeForce 4090, Pro variant.
    #[api(rename = "4090Pro")]
    Rtx4090Pro,
    /// NVIDIA GeForce 4090 with 48 GB.
    #[api(rename = "4090_48G")]
    Rtx4090With48G,
    /// NVIDIA GeForce 5090.
    #[api(rename = "5090")]
    Rtx5090,
    /// AMD Instinct MI100.
    MI100,
    /// NVIDIA A100.
    A100,
    /// NVIDIA A800.
    A800,
    /// NVIDIA H20.
    H20,
}

/// Network enhancement (`NetCapability`).
#[api_enum]
pub enum NetCapability {
    /// Off (the API's default).
    Normal,
    /// Network enhancement 1.0.
    Super,
    /// Network enhancement 2.0.
    Ultra,
    /// Network enhancement 3.0.
    Extreme,
}

/// How an instance's traffic is filtered (`SecurityMode`).
#[api_enum]
pub enum SecurityMode {
    /// By a firewall (the API's default).
    Firewall,
    /// By security groups.
    SecGroup,
}

/// A specification family (`UHostFamily`): machine type, generation and
/// CPU vendor. It must match the machine type.
#[api_enum(rename_all = "lowercase")]
pub enum InstanceFamily {
    /// Outstanding O, first generation, Intel.
    O1i,
    /// Outstanding O, first generation, AMD.
    O1a,
    /// Outstanding O, first generation, ARM.
    O1r,
    /// Outstanding O, second generation, Intel.
    O2i,
    /// Memory-enhanced OM, first generation, Intel.
    Om1i,
    /// Memory-enhanced OM, second generation, Intel.
    Om2i,
}

/// Whether a machine type can be bought
/// ([`AvailableInstanceTypes::status`]).
#[api_enum]
pub enum MachineTypeStatus {
    /// On sale.
    Normal,
    /// In public beta.
    Beta,
    /// Sold out.
    Soldout,
    /// Hidden.
    Hidden,
}

/// Whether a machine type has GPUs
/// ([`AvailableInstanceTypes::machine_class`]).
#[api_enum]
pub enum MachineClass {
    /// A GPU machine type.
    #[api(rename = "GPU")]
    Gpu,
    /// A machine type without GPUs.
    Normal,
}

/// How instances of a machine type are sold
/// ([`AvailableInstanceTypes::instance_type`]).
#[api_enum]
pub enum InstanceKind {
    /// Ordinary instances.
    #[api(rename = "uhost")]
    UHost,
    /// Spot instances.
    #[api(rename = "spot")]
    Spot,
}

/// A feature a machine type can offer ([`Features::name`]).
#[api_enum]
pub enum MachineFeature {
    /// Network enhancement; its modes are the [`NetCapability`] values.
    NetCapability,
    /// Changing CPU and memory without a restart.
    Hotplug,
}

/// A machine type as offered in one zone.
#[api_model]
pub struct AvailableInstanceTypes {
    /// CPU platforms offered, by vendor.
    pub cpu_platforms: CpuPlatforms,
    /// Description of the machine type.
    pub description: String,
    /// Disk types offered, by medium family.
    pub disks: Vec<Disks>,
    /// Features the machine type can offer.
    pub features: Vec<Features>,
    /// GPU memory (GPU machine types).
    pub graphics_memory: GraphicsMemory,
    /// How instances of this type are sold: `uhost` or `spot`.
    pub instance_type: InstanceKind,
    /// Whether the type has GPUs.
    pub machine_class: MachineClass,
    /// The GPU, CPU and memory sizes offered.
    pub machine_sizes: Vec<MachineSizes>,
    /// The machine type.
    pub name: MachineType,
    /// The type this one derives from.
    pub parent_type: String,
    /// GPU performance (GPU machine types).
    pub performance: Performance,
    /// Whether it can be bought.
    pub status: MachineTypeStatus,
    /// Specification families of the type.
    pub uhost_families: Vec<UHostFamily>,
    /// The zone.
    pub zone: String,
}

/// CPU platforms by vendor.
#[api_model]
pub struct CpuPlatforms {
    /// AMD platforms, e.g. `Amd/Epyc2`.
    pub amd: Vec<CpuPlatform>,
    /// Ampere (ARM) platforms, e.g. `Ampere/Altra`.
    pub ampere: Vec<CpuPlatform>,
    /// Intel platforms, e.g. `Intel/IceLake`.
    pub intel: Vec<CpuPlatform>,
}

/// The CPU and memory sizes offered with one GPU count.
#[api_model]
pub struct MachineSizes {
    /// The CPU and memory sizes.
    pub collection: Vec<Collection>,
    /// Number of GPUs; 0 for machine types without GPUs.
    pub gpu: i64,
}

/// The memory sizes offered with one CPU size.
#[api_model]
pub struct Collection {
    /// Virtual CPU cores.
    pub cpu: i64,
    /// Memory sizes offered with this CPU size, in GB (the `Memory`
    /// parameters of other actions take MB).
    pub memory: Vec<i64>,
    /// The CPU platforms this size is limited to.
    pub minimal_cpu_platform: Vec<CpuPlatform>,
}

/// A feature of a machine type and its modes.
#[api_model]
pub struct Features {
    /// Modes the feature offers.
    pub modes: Vec<FeatureModes>,
    /// The feature.
    pub name: MachineFeature,
}

/// One mode of a machine type's feature.
#[api_model]
pub struct FeatureModes {
    /// The CPU platforms (or later ones) the mode needs.
    pub minimal_cpu_platform: Vec<CpuPlatform>,
    /// The mode, e.g. `Super` for network enhancement 1.0.
    pub name: String,
    /// The image features that mark an image as supporting the mode
    /// (compare with the `Features` of `DescribeImage`, e.g. `HotPlug`).
    pub related_to_image_feature: Vec<String>,
}

/// GPU memory.
#[api_model]
pub struct GraphicsMemory {
    /// For display only.
    pub rate: i64,
    /// Size in GB.
    pub value: i64,
}

/// GPU performance.
#[api_model]
pub struct Performance {
    /// For display only.
    pub rate: i64,
    /// TFLOPS.
    pub value: f64,
}

/// A specification family of a machine type.
#[api_model]
pub struct UHostFamily {
    /// CPU clock speed.
    pub cpu_frequency: String,
    /// CPU platforms of the family.
    pub cpu_platforms: Vec<CpuPlatformWithModels>,
    /// The family.
    pub name: InstanceFamily,
}

/// A CPU platform and its CPU models.
#[api_model]
pub struct CpuPlatformWithModels {
    /// CPU clock speed.
    pub cpu_frequency: String,
    /// CPU models.
    pub cpu_models: Vec<String>,
    /// The platform.
    pub name: CpuPlatform,
}

/// A machine type with everything it offers, in every zone.
#[api_model]
pub struct MachineTypes {
    /// CPU platforms offered.
    pub cpu_platforms: Vec<CpuPlatformStatus>,
    /// Description of the machine type (Chinese).
    pub description: String,
    /// Disk types offered, by medium family.
    pub disks: Vec<FamiliesDisks>,
    /// Features the machine type can offer.
    pub features: Vec<Features>,
    /// GPU series.
    pub gpu_series: String,
    /// The GPU (GPU machine types).
    pub gpu_type: FamiliesGpuType,
    /// The GPU, CPU and memory sizes offered.
    pub machine_sizes: Vec<MachineSizes>,
    /// The machine type.
    pub name: MachineType,
    /// The operations component code of the type.
    pub operation_status: String,
    /// The type this one derives from, e.g. `G` for GPU types.
    pub parent_type: String,
    /// The PRO variant and its clock speed (`OPRO` and `OPROG` only).
    pub pro_type: Option<NameFrequency>,
    /// Usage scenarios the type is listed under.
    pub scene_categories: Vec<String>,
    /// Specification families of the type.
    pub uhost_families: Vec<UHostFamily>,
    /// Whether the type is virtual: a grouping, not real hardware.
    #[api(rename = "Virtual")]
    pub is_virtual: bool,
}

/// A CPU platform of a machine type.
#[api_model]
pub struct CpuPlatformStatus {
    /// The platform.
    pub name: CpuPlatform,
    /// The operations component code of the platform.
    pub operation_status: String,
}

/// The boot and data disk types of one medium family, with their
/// features.
#[api_model]
pub struct FamiliesDisks {
    /// Boot disk types of this family.
    pub boot_disk: Vec<FamiliesBootDiskInfo>,
    /// Data disk types of this family.
    pub data_disk: Vec<FamiliesDataDiskInfo>,
    /// The medium family.
    pub name: DiskCategory,
    /// The permission flag the family needs.
    pub operation_status: String,
}

/// A boot disk type, its limits and features.
#[api_model]
pub struct FamiliesBootDiskInfo {
    /// Features of the disk type.
    pub features: Vec<DiskFeature>,
    /// Whether the boot disk can be enlarged (never for local disks).
    pub instant_resize: bool,
    /// Largest size, in GB.
    pub maximal_size: i64,
    /// The disk type.
    pub name: DiskType,
}

/// A data disk type, its limits and features.
#[api_model]
pub struct FamiliesDataDiskInfo {
    /// Features of the disk type.
    pub features: Vec<DiskFeature>,
    /// Largest size, in GB.
    pub maximal_size: i64,
    /// Smallest size, in GB; when absent (0), the size of the base image
    /// (20 GB for Linux, 40 GB for Windows).
    pub minimal_size: i64,
    /// The disk type.
    pub name: DiskType,
}

/// A feature of a disk type and its modes.
#[api_model]
pub struct DiskFeature {
    /// The modes of the feature.
    pub modes: Vec<NameOperationStatus>,
    /// The feature, e.g. `SNAPSHOT`.
    pub name: String,
}

/// A named mode and its operations flag.
#[api_model]
pub struct NameOperationStatus {
    /// The mode.
    pub name: String,
    /// Its operations flag.
    pub operation_status: String,
}

/// The GPU of a machine type.
#[api_model]
pub struct FamiliesGpuType {
    /// GPU memory.
    pub graphics_memory: GraphicsMemory,
    /// The GPU model.
    pub name: GpuType,
    /// GPU performance.
    pub performance: Performance,
}

/// A named variant and its clock speed.
#[api_model]
pub struct NameFrequency {
    /// Clock speed.
    pub frequency: Frequency,
    /// The variant.
    pub name: String,
}

/// A clock speed.
#[api_model]
pub struct Frequency {
    /// The value.
    pub value: f64,
}

/// Lists the machine types of a region or zone, on sale or sold out, with
/// their sizes, CPU platforms, disks and features.
#[api_action("DescribeAvailableInstanceTypes", common(region?, zone?, project_id?))]
#[response(
    /// The machine types, one entry per type and zone.
    available_instance_types: Vec<AvailableInstanceTypes>,
    /// Whether the region sells instances.
    status: String,
)]
pub struct DescribeAvailableInstanceTypes {
    /// Only these machine types; all when empty.
    pub machine_types: Vec<MachineType>,
}

/// Lists every machine type with its specification families, sizes, CPU
/// platforms, GPUs and disks.
///
/// The answer does not depend on the region; the project is required.
#[api_action("DescribeHostMachineTypeFamilies", common(project_id))]
#[response(
    /// The machine types.
    machine_types: Vec<MachineTypes>,
)]
pub struct DescribeHostMachineTypeFamilies {}

/// A disk of the instances to check (`Disks.N`): exactly one must be the
/// boot disk.
#[api_object]
pub struct CheckUHostResourceCapacityParamDisks {
    /// Snapshot backup edition when `backup_type` is `SNAPSHOT` (`Base` by
    /// default).
    pub backup_mode: Option<SnapshotBackupMode>,
    /// Backup plan (`NONE` by default).
    pub backup_type: Option<DiskBackupType>,
    /// Coupon for a cloud data disk.
    pub coupon_id: Option<String>,
    /// Backup chain settings when `backup_mode` is `Custom`.
    pub custom_backup: Option<CheckUHostResourceCapacityParamDisksCustomBackup>,
    /// `"True"` for the boot disk, `"False"` for a data disk.
    pub is_boot: String,
    /// Size in GB; see [`DiskType`] for the allowed range.
    pub size: i64,
    /// Snapshot to create a data disk from.
    pub snapshot_id: Option<String>,
    /// Disk type.
    #[api(rename = "Type")]
    pub disk_type: DiskType,
}

impl CheckUHostResourceCapacityParamDisks {
    /// The boot disk of the given type and size.
    pub fn boot(disk_type: DiskType, size_gb: i64) -> Self {
        CheckUHostResourceCapacityParamDisks::new("True", size_gb, disk_type)
    }

    /// A data disk of the given type and size.
    pub fn data(disk_type: DiskType, size_gb: i64) -> Self {
        CheckUHostResourceCapacityParamDisks::new("False", size_gb, disk_type)
    }
}

/// A custom backup chain of a disk (`Disks.N.CustomBackup`).
#[api_object]
pub struct CheckUHostResourceCapacityParamDisksCustomBackup {
    /// Days kept, a multiple of 5 (5, 10, … 30).
    pub day: Option<String>,
    /// Hours kept, a multiple of 24.
    pub hour: Option<String>,
    /// Journal hours kept, a multiple of 12.
    pub journal: Option<String>,
}

/// Features of the instances to check (`Features`).
#[api_object]
pub struct CheckUHostResourceCapacityParamFeatures {
    /// Elastic network interfaces (needs the account permission; only with
    /// `NetCapability` `Normal`).
    pub uni: Option<bool>,
}

/// Checks whether a zone has the resources to create instances of a
/// configuration, before calling `CreateUHostInstance`.
///
/// Parameters left unset take `CreateUHostInstance`'s defaults (4 cores,
/// 8192 MB, monthly payment, one instance). Checking creates and charges
/// nothing.
#[api_action("CheckUHostResourceCapacity", common(region, zone, project_id?))]
#[response(
    /// RDMA clusters of the resources found; empty when they are short.
    /// Only Outstanding machine types and A800 GPUs have them.
    rdma_cluster_ids: Vec<String>,
    /// Whether the resources are there.
    resource_enough: bool,
)]
pub struct CheckUHostResourceCapacity {
    /// Virtual CPU cores, 1 to 64 (4 by default).
    #[api(rename = "CPU")]
    pub cpu: Option<i64>,
    /// How the instances would be paid (`Month` by default).
    pub charge_type: Option<ChargeType>,
    /// The disks, exactly one of them the boot disk.
    pub disks: Vec<CheckUHostResourceCapacityParamDisks>,
    /// Features of the instances.
    pub features: Option<CheckUHostResourceCapacityParamFeatures>,
    /// GPU count (GPU machine types only).
    #[api(rename = "GPU")]
    pub gpu: Option<i64>,
    /// GPU model; required with machine type `G`.
    pub gpu_type: Option<GpuType>,
    /// Changing CPU and memory without a restart (off by default).
    pub hotplug_feature: Option<bool>,
    /// The image of the instances.
    pub image_id: String,
    /// Hardware isolation group.
    pub isolation_group: Option<String>,
    /// Machine type.
    pub machine_type: Option<MachineType>,
    /// Most instances to create, 1 to 100 (1 by default).
    pub max_count: Option<i64>,
    /// Memory in MB: a multiple of 1024 from 1024 to 262144 (8192 by
    /// default).
    pub memory: Option<i64>,
    /// Fewest instances to create, 1 to 100 (1 by default).
    pub min_count: Option<i64>,
    /// Lowest CPU platform (`Intel/Auto` by default).
    pub minimal_cpu_platform: Option<CpuPlatform>,
    /// Network enhancement.
    pub net_capability: Option<NetCapability>,
    /// How traffic is filtered (`Firewall` by default).
    pub security_mode: Option<SecurityMode>,
    /// Specification family; must match `machine_type`.
    pub uhost_family: Option<InstanceFamily>,
}
