//! Instances: create, describe, power, reconfigure and delete UHost
//! instances.
//!
//! An instance's life: [`CreateUHostInstance`] starts it (`Initializing`,
//! then `Running`); [`StopUHostInstance`] shuts it down cleanly and
//! [`PoweroffUHostInstance`] cuts its power; [`StartUHostInstance`] and
//! [`RebootUHostInstance`] bring it back. Reinstalling, resizing, resetting
//! the password, changing the private IP, upgrading to Data Ark and
//! deleting all need a stopped instance. [`DescribeUHostInstance`] reads
//! the [`InstanceState`] to wait on.
//!
//! Left out (deprecated by the API): `BootDiskSpace`, `DiskPassword`,
//! `DiskSpace`, `HostIp`, `HostType`, `HpcEnhanced`, `InstallAgent`,
//! `KeyPair`, `NetworkId`, `NetworkInterface.N.IPv6.Adress`,
//! `NetworkInterface.N.IPv6.ShareBandwidthId`, `PrivateMac`,
//! `ResourceType`, `RestrictMode`, `SetId`, `StorageType`,
//! `TimemachineFeature`, `UserDataScript` of [`CreateUHostInstance`];
//! `LifeCycle` of [`DescribeUHostInstance`]; `Destroy` of
//! [`TerminateUHostInstance`]; `DNSServers`, `ResourceType` of
//! [`ReinstallUHostInstance`]; `BootDiskSpace`, `DiskSpace` of
//! [`ResizeUHostInstance`]; the answers' `UhostId`, a deprecated copy of
//! `UHostId`.

use api_core::{api_action, api_enum, api_model, api_object};

use crate::disks::{DiskBackupType, DiskType, SnapshotBackupMode};
use crate::images::OsType;
use crate::machine_types::{
    CpuPlatform, GpuType, InstanceFamily, MachineType, NetCapability, SecurityMode,
};

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
    /// With a password (`Password`); the API's default.
    Password,
    /// With a key pair (`KeyPairId`).
    KeyPair,
    /// With the password built into a custom image (create and reinstall
    /// only).
    ImagePasswd,
}

/// The state of an instance.
///
/// An empty state (the API could not read it in time) decodes as
/// `Unknown("")`.
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
    /// Creation failed: the instance will not start. Written `Install
    /// Fail` as the reference pages spell it; `InstallFail`, the spec's
    /// spelling, reads as this state too.
    #[api(rename = "Install Fail", alias = "InstallFail")]
    InstallFail,
    /// Rebooting.
    Rebooting,
}

/// A yes-or-no flag the API spells as a word (`ReserveDisk`, `AutoRenew`,
/// `InRecycle`).
#[api_enum]
pub enum YesNo {
    /// Yes.
    Yes,
    /// No.
    No,
}

/// Whether cloud-init partitions and mounts the data disks
/// (`AutoDataDiskInit`); only for images with the cloud-init feature.
#[api_enum]
pub enum AutoDataDiskInit {
    /// Partition and mount them (the API's default).
    On,
    /// Leave them untouched.
    Off,
}

/// How an elastic IP's bandwidth is paid (`NetworkInterface.N.EIP.PayMode`).
#[api_enum]
pub enum EipPayMode {
    /// By traffic.
    Traffic,
    /// By bandwidth (the API's default).
    Bandwidth,
    /// From a shared bandwidth package (`ShareBandwidthId`).
    ShareBandwidth,
    /// Free bandwidth.
    Free,
}

/// The line of an elastic IP (`NetworkInterface.N.EIP.OperatorName`).
///
/// Mainland regions (`cn-bj2`, `cn-sh2`, `cn-gd`, …) use `Bgp`; Hong Kong
/// and regions abroad use `International`.
#[api_enum]
pub enum EipOperator {
    /// The international line.
    International,
    /// The BGP line.
    Bgp,
}

/// The kind of an address of an instance ([`UHostIPSet::ip_type`]).
///
/// The reference page spells the international line `Internation`; this
/// SDK uses `International`, the spelling of elastic IP lines, and keeps
/// any other spelling as `Unknown`.
#[api_enum]
pub enum IPType {
    /// A public address on the international line.
    International,
    /// A public address on the BGP line.
    Bgp,
    /// A private address.
    Private,
}

/// The IP version of an address ([`UHostIPSet::ip_mode`]).
#[api_enum]
pub enum IPMode {
    /// IPv4.
    IPv4,
    /// IPv6.
    IPv6,
}

/// The role of a disk of an instance ([`UHostDiskSet::role`]); superseded
/// by [`UHostDiskSet::is_boot`] and [`UHostDiskSet::disk_type`].
#[api_enum]
pub enum DiskRole {
    /// The boot disk.
    Boot,
    /// A local data disk.
    Data,
    /// A cloud disk.
    Udisk,
}

/// Whether an instance's boot disk is ready
/// ([`UHostInstanceSet::boot_disk_state`]).
#[api_enum]
pub enum BootDiskState {
    /// Ready.
    Normal,
    /// Still being prepared: no image can be made of the instance yet.
    Initializing,
}

/// The state of the key pair bound to an instance
/// ([`UHostKeyPair::key_pair_state`]).
#[api_enum]
pub enum KeyPairState {
    /// The key pair exists.
    Normal,
    /// The key pair has been deleted.
    Deleted,
}

/// Where an instance's disks are ([`UHostInstanceSet::storage_type`]);
/// superseded by the disks' own types.
#[api_enum]
pub enum StorageType {
    /// At least one disk is local.
    LocalDisk,
    /// Every disk is a cloud disk.
    UDisk,
}

/// Whether an instance is on the network
/// ([`UHostInstanceSet::network_state`]); no longer maintained by the API.
#[api_enum]
pub enum NetworkState {
    /// Connected.
    Connected,
    /// Not connected.
    NotConnected,
}

/// The network mode of an instance in the `cn-bj1` zone A
/// ([`UHostInstanceSet::subnet_type`]); no longer maintained by the API.
#[api_enum]
pub enum SubnetType {
    /// The basic network.
    Default,
    /// A subnet.
    Private,
}

/// What happens to a preemptible instance whose capacity is reclaimed
/// ([`UHostInstanceSet::restrict_mode`]).
#[api_enum]
pub enum RestrictMode {
    /// It keeps running, slowed down.
    LowSpeed,
    /// It is powered off.
    PowerOff,
}

/// How an instance's traffic is filtered
/// ([`UHostInstanceSet::net_feature_tag`]).
#[api_enum]
pub enum NetFeatureTag {
    /// By a firewall.
    Firewall,
    /// By security groups.
    SecGroup,
    /// By network ACLs.
    Acl,
}

/// A disk of a new instance (`Disks.N`): exactly one must be the boot disk.
#[api_object]
pub struct UHostDisk {
    /// `"True"` for the boot disk, `"False"` for a data disk; see
    /// [`UHostDisk::boot`] and [`UHostDisk::data`].
    pub is_boot: String,
    /// Size in GB; see [`DiskType`] for the allowed range.
    pub size: i64,
    /// Disk type.
    #[api(rename = "Type")]
    pub disk_type: DiskType,
    /// Backup plan: `NONE` (the default) or `SNAPSHOT`; which plans a disk
    /// type supports depends on the zone.
    pub backup_type: Option<DiskBackupType>,
    /// Snapshot backup edition when `backup_type` is `SNAPSHOT`: `Base`
    /// (the default), `Ultimate` or `Custom`.
    pub backup_mode: Option<SnapshotBackupMode>,
    /// Backup chain settings when `backup_mode` is `Custom`.
    pub custom_backup: Option<UHostDiskCustomBackup>,
    /// Coupon for a cloud data disk (not for boot or local disks).
    pub coupon_id: Option<String>,
    /// Whether to encrypt the disk (some zones only; off by default); needs
    /// `kms_key_id`.
    pub encrypted: Option<bool>,
    /// KMS key of an encrypted disk.
    pub kms_key_id: Option<String>,
    /// Snapshot to create a data disk from (data disks only).
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

/// A custom backup chain of a disk (`Disks.N.CustomBackup`), used when
/// the disk's `backup_mode` is `Custom`.
#[api_object]
pub struct UHostDiskCustomBackup {
    /// Days kept, a multiple of 5 (5, 10, … 30).
    pub day: Option<String>,
    /// Hours kept, a multiple of 24 (24, 48, …).
    pub hour: Option<String>,
    /// Journal hours kept, a multiple of 12 (12, 24, …).
    pub journal: Option<String>,
}

/// Features of a new instance (`Features`).
#[api_object]
pub struct CreateUHostInstanceParamFeatures {
    /// Elastic network interfaces; takes effect only when the account has
    /// the permission (off by default).
    pub uni: Option<bool>,
}

/// A resource label of a new instance (`Labels.N`).
#[api_object]
pub struct CreateUHostInstanceParamLabels {
    /// The label's key.
    pub key: Option<String>,
    /// The label's value.
    pub value: Option<String>,
}

/// A network interface of a new instance (`NetworkInterface.N`).
#[api_object]
pub struct CreateUHostInstanceParamNetworkInterface {
    /// Also create and bind an education-network (CERNET) elastic IP (off
    /// by default; HPC machine types only).
    #[api(rename = "CreateCernetIp")]
    pub create_cernet_ip: Option<bool>,
    /// An elastic IP to create and bind to the interface.
    pub eip: Option<CreateUHostInstanceParamNetworkInterfaceEIP>,
    /// An IPv6 address for the interface.
    pub ipv6: Option<CreateUHostInstanceParamNetworkInterfaceIPv6>,
}

/// An elastic IP created with a new instance
/// (`NetworkInterface.N.EIP`).
///
/// `operator_name` is required to bind one, and so is `bandwidth` unless
/// the bandwidth is shared.
#[api_object]
pub struct CreateUHostInstanceParamNetworkInterfaceEIP {
    /// Bandwidth in Mbps, not 0 unless shared: 1–300 when paid by
    /// traffic, 1–800 when paid by bandwidth.
    pub bandwidth: Option<i64>,
    /// Coupon for the elastic IP.
    pub coupon_id: Option<String>,
    /// The line; required to bind an elastic IP.
    pub operator_name: Option<EipOperator>,
    /// How the bandwidth is paid (`Bandwidth` by default).
    pub pay_mode: Option<EipPayMode>,
    /// The shared bandwidth package, when `pay_mode` is `ShareBandwidth`.
    pub share_bandwidth_id: Option<String>,
}

/// The IPv6 address of a new instance's network interface
/// (`NetworkInterface.N.IPv6`).
#[api_object]
pub struct CreateUHostInstanceParamNetworkInterfaceIPv6 {
    /// `"Auto"` to assign one, or the address itself; none by default. At
    /// most one IPv6 address per instance.
    pub address: Option<String>,
}

/// A security group of a new instance (`SecGroupId.N`); at most 5, and
/// only with `security_mode` `SecGroup`.
#[api_object]
pub struct CreateUHostInstanceParamSecGroupId {
    /// The security group.
    pub id: Option<String>,
    /// Its priority, 1 to 5.
    pub priority: Option<i64>,
}

/// Creates one or more UHost instances from an image, and charges the
/// account for them.
///
/// The instances start right away (`Initializing`, then `Running`). Unset
/// parameters take the API's defaults: 4 cores, 8192 MB, monthly payment
/// for one month, the region's default VPC and subnet, the recommended web
/// firewall. `disks` must hold exactly one boot disk. The machine is
/// chosen by `machine_type` (with `minimal_cpu_platform`, `gpu_type`,
/// `uhost_family`) or by the older `uhost_type`; one of the two is enough.
/// With `max_count` above 1 the instances are created as far as stock
/// allows, and the answer carries no IPs. Sub-accounts must give a
/// project (`project_id`, or the client's default).
#[api_action("CreateUHostInstance", common(region, zone, project_id?))]
#[response(
    /// The new instances.
    uhost_ids: Vec<String>,
    /// The instances' IP addresses; not returned when several instances
    /// are created at once.
    ips: Vec<String>,
)]
pub struct CreateUHostInstance {
    /// An alarm template to bind; failing to bind it does not stop the
    /// creation.
    pub alarm_template_id: Option<i64>,
    /// Whether cloud-init partitions and mounts the data disks (`On` by
    /// default); only for images with the cloud-init feature.
    pub auto_data_disk_init: Option<AutoDataDiskInit>,
    /// Virtual CPU cores, 1 to 64 (4 by default); the machine type limits
    /// the choice.
    #[api(rename = "CPU")]
    pub cpu: Option<i64>,
    /// How to pay (`Month` by default); `Postpay` in some zones only.
    pub charge_type: Option<ChargeType>,
    /// Coupon for the instance.
    pub coupon_id: Option<String>,
    /// Protects the instance from deletion in the console.
    pub deletion_protection: Option<bool>,
    /// The disks, exactly one of them the boot disk.
    pub disks: Vec<UHostDisk>,
    /// Features of the instance.
    pub features: Option<CreateUHostInstanceParamFeatures>,
    /// GPU count (GPU machine types only; the range depends on the machine
    /// type and GPU model).
    #[api(rename = "GPU")]
    pub gpu: Option<i64>,
    /// GPU model; required with machine type `G`.
    pub gpu_type: Option<GpuType>,
    /// Binds the instance to its dedicated host (dedicated zones only).
    pub host_binding: Option<bool>,
    /// Changing CPU and memory without a restart (off by default).
    pub hotplug_feature: Option<bool>,
    /// The image to install; see `DescribeImage`.
    pub image_id: String,
    /// Hardware isolation group; the group's free slots cap `max_count`.
    pub isolation_group: Option<String>,
    /// The key pair to log in with; required with [`LoginMode::KeyPair`].
    pub key_pair_id: Option<String>,
    /// Resource labels.
    pub labels: Vec<CreateUHostInstanceParamLabels>,
    /// How to log in.
    pub login_mode: LoginMode,
    /// Machine type; this or `uhost_type` chooses the machine.
    pub machine_type: Option<MachineType>,
    /// Most instances to create, 1 to 100 (1 by default): fewer when stock
    /// is short, an error when quota is.
    pub max_count: Option<i64>,
    /// Memory in MB: a multiple of 1024 from 1024 to 262144 (8192 by
    /// default); the machine type limits the choice.
    pub memory: Option<i64>,
    /// Fewest instances to create, 1 to 100 (1 by default); an error when
    /// quota is short.
    pub min_count: Option<i64>,
    /// Lowest CPU platform (`Intel/Auto` by default).
    pub minimal_cpu_platform: Option<CpuPlatform>,
    /// Instance name, 1 to 63 characters (`UHost` by default).
    pub name: Option<String>,
    /// Network enhancement (`Normal` by default).
    pub net_capability: Option<NetCapability>,
    /// Network interfaces, with elastic IPs and IPv6 addresses to create.
    pub network_interface: Vec<CreateUHostInstanceParamNetworkInterface>,
    /// Login password, plain text: the SDK base64-encodes it. Required with
    /// [`LoginMode::Password`]. 8 to 30 characters; Linux needs two of
    /// upper case, lower case, digits and symbols, Windows three.
    #[api(base64, secret)]
    pub password: Option<String>,
    /// The private IP to assign; at most one (a free address of the subnet
    /// by default).
    #[api(rename = "PrivateIp")]
    pub private_ip: Vec<String>,
    /// Number of periods to buy (1 by default); not used for hourly
    /// payment. With monthly payment, 0 buys until the end of the month.
    pub quantity: Option<i64>,
    /// Security groups, at most 5, with `security_mode` `SecGroup`.
    pub sec_group_id: Vec<CreateUHostInstanceParamSecGroupId>,
    /// Firewall (the recommended web firewall by default); see the network
    /// service's `DescribeFirewall`.
    pub security_group_id: Option<String>,
    /// How traffic is filtered (`Firewall` by default).
    pub security_mode: Option<SecurityMode>,
    /// Subnet (the region's default subnet by default).
    pub subnet_id: Option<String>,
    /// Business group, 1 to 63 characters (`Default`, that is no group, by
    /// default).
    pub tag: Option<String>,
    /// Dedicated host to place the instance on (dedicated zones only).
    pub udhost_id: Option<String>,
    /// Dedicated zone to place the instance in.
    pub udset_id: Option<String>,
    /// Specification family; must match `machine_type`.
    pub uhost_family: Option<InstanceFamily>,
    /// Machine type in the older naming (`N2`, `C1`, …); use
    /// `machine_type` instead.
    pub uhost_type: Option<String>,
    /// Cloud-init user data, already base64-encoded by the caller, at most
    /// 16 KB; only for images with the cloud-init feature.
    #[api(secret)]
    pub user_data: Option<String>,
    /// VPC (the region's default VPC by default).
    pub vpc_id: Option<String>,
}

/// A disk of an instance.
#[api_model]
pub struct UHostDiskSet {
    /// Backup plan; `DATAARK` when Data Ark is on.
    pub backup_type: DiskBackupType,
    /// The disk.
    pub disk_id: String,
    /// Disk type.
    pub disk_type: DiskType,
    /// Device name in the instance.
    pub drive: String,
    /// `"true"` for an encrypted disk, `"false"` otherwise.
    pub encrypted: String,
    /// `"True"` for the boot disk, `"False"` for a data disk.
    pub is_boot: String,
    /// Name of a cloud disk (cloud disks only).
    pub name: String,
    /// Size in GB.
    pub size: i64,
    /// The disk's role in the older naming; use `is_boot` and `disk_type`.
    #[api(rename = "Type")]
    pub role: DiskRole,
}

/// An address of an instance.
#[api_model]
pub struct UHostIPSet {
    /// Bandwidth in Mbps (public addresses only).
    pub bandwidth: i64,
    /// For a private address, `"true"` when its interface is the default
    /// one.
    pub default: String,
    /// The address.
    pub ip: String,
    /// The elastic IP (public addresses only).
    pub ip_id: String,
    /// IPv4 or IPv6.
    pub ip_mode: IPMode,
    /// MAC address of the interface (private addresses only).
    pub mac: String,
    /// The elastic network interface, when it is the default interface.
    pub network_interface_id: String,
    /// Subnet of the address (empty in `cn-bj1`).
    pub subnet_id: String,
    /// Public line or private address.
    #[api(rename = "Type")]
    pub ip_type: IPType,
    /// VPC of the address (empty in `cn-bj1`).
    pub vpc_id: String,
    /// Weight of an elastic IP: traffic leaves by the heaviest.
    pub weight: i64,
}

/// The key pair an instance logs in with.
#[api_model]
pub struct UHostKeyPair {
    /// The key pair.
    pub key_pair_id: String,
    /// Whether the key pair still exists.
    pub key_pair_state: KeyPairState,
}

/// What is particular to a spot instance.
#[api_model]
pub struct SpotAttribute {
    /// When the instance is to be reclaimed.
    pub recycle_time: i64,
}

/// Where an instance sits in a dedicated zone.
#[api_model]
pub struct UDSetUDHostAttribute {
    /// Whether the instance is bound to its dedicated host.
    pub host_binding: bool,
    /// The dedicated host.
    pub udhost_id: String,
    /// The dedicated zone.
    pub udset_id: String,
}

/// An instance as listed by [`DescribeUHostInstance`].
#[api_model]
pub struct UHostInstanceSet {
    /// Whether the instance renews automatically.
    pub auto_renew: YesNo,
    /// The standard image the instance's image comes from.
    pub basic_image_id: String,
    /// Name of that standard image.
    pub basic_image_name: String,
    /// Whether the boot disk is ready; no image can be made before.
    pub boot_disk_state: BootDiskState,
    /// Virtual CPU cores.
    #[api(rename = "CPU")]
    pub cpu: i64,
    /// How the instance is paid.
    pub charge_type: ChargeType,
    /// Whether the instance can be set up with cloud-init.
    pub cloud_init_feature: bool,
    /// CPU platform.
    pub cpu_platform: CpuPlatform,
    /// Creation time, as a Unix timestamp.
    pub create_time: i64,
    /// The disks.
    pub disk_set: Vec<UHostDiskSet>,
    /// Whether it is a high-performance (EPC) instance.
    pub epc_instance: bool,
    /// Expiry time, as a Unix timestamp.
    pub expire_time: i64,
    /// GPU count.
    #[api(rename = "GPU")]
    pub gpu: i64,
    /// GPU model.
    pub gpu_type: GpuType,
    /// Whether hidden KVM is on.
    pub hidden_kvm: bool,
    /// Series in the older naming (`N1`, `N2`); use `machine_type`.
    pub host_type: String,
    /// Most CPU cores a hot upgrade can reach.
    pub hot_plug_max_cpu: i64,
    /// Whether CPU and memory can change without a restart.
    pub hotplug_feature: bool,
    /// Whether the HPC features are on.
    pub hpc_feature: bool,
    /// The addresses.
    pub ip_set: Vec<UHostIPSet>,
    /// Whether the instance has IPv6.
    pub ipv6_feature: bool,
    /// The image installed; use `basic_image_id`.
    pub image_id: String,
    /// Hardware isolation group; empty when none.
    pub isolation_group: String,
    /// The key pair the instance logs in with.
    pub key_pair: UHostKeyPair,
    /// Life cycle type; only `Normal` so far.
    pub life_cycle: String,
    /// Machine type.
    pub machine_type: MachineType,
    /// Memory in MB.
    pub memory: i64,
    /// Instance name.
    pub name: String,
    /// Network enhancement.
    pub net_capability: NetCapability,
    /// How traffic is filtered.
    pub net_feature_tag: NetFeatureTag,
    /// Network state; no longer maintained.
    pub network_state: NetworkState,
    /// Operating system of the image the instance was first created from.
    pub os_name: String,
    /// Operating system family.
    pub os_type: OsType,
    /// RDMA cluster (Outstanding machine types only, empty otherwise); an
    /// RSSD disk in the same cluster can be attached.
    pub rdma_cluster_id: String,
    /// Remark.
    pub remark: String,
    /// What happens when a preemptible instance's capacity is reclaimed
    /// (preemptible instances only).
    pub restrict_mode: RestrictMode,
    /// Whether the instance uses security groups; being retired, use
    /// `net_feature_tag`.
    pub sec_group_instance: bool,
    /// What is particular to a spot instance.
    pub spot_attribute: SpotAttribute,
    /// State.
    pub state: InstanceState,
    /// Where the disks are; use the disks' types.
    pub storage_type: StorageType,
    /// Network mode (`cn-bj1` zone A only); no longer maintained.
    pub subnet_type: SubnetType,
    /// Business group.
    pub tag: String,
    /// Data Ark mode in the older naming, `Yes` or `no`; no longer
    /// maintained.
    pub timemachine_feature: String,
    /// Total size of the data disks, in GB.
    pub total_disk_space: i64,
    /// Where the instance sits in a dedicated zone.
    pub udhost_attribute: UDSetUDHostAttribute,
    /// Specification family.
    pub uhost_family: InstanceFamily,
    /// The instance.
    pub uhost_id: String,
    /// Machine type in the older naming; use `machine_type`.
    pub uhost_type: String,
    /// Zone.
    pub zone: String,
}

/// Lists the instances of a region, or the given ones, a page at a time.
///
/// Filters combine. Pages hold 20 instances by default, at most 100.
#[api_action(
    "DescribeUHostInstance",
    paginate(offset = offset, limit = limit, total = total_count, items = uhost_set)
)]
#[response(
    /// How many instances match.
    total_count: i64,
    /// This page of instances.
    uhost_set: Vec<UHostInstanceSet>,
)]
pub struct DescribeUHostInstance {
    /// Only instances in this hardware isolation group.
    pub isolation_group: Option<String>,
    /// Page size, at most 100 (20 by default).
    pub limit: Option<i64>,
    /// Position of the first instance of the page (0 by default).
    pub offset: Option<i64>,
    /// Only instances in this subnet (not in `cn-bj1`).
    pub subnet_id: Option<String>,
    /// Only instances of this business group.
    pub tag: Option<String>,
    /// Only instances this cloud disk (mainly RSSD) can be attached to.
    pub udisk_id_for_attachment: Option<String>,
    /// Only these instances; every instance of the region when empty.
    pub uhost_ids: Vec<String>,
    /// Only instances in this VPC (not in `cn-bj1`).
    pub vpc_id: Option<String>,
}

/// Starts a stopped instance.
#[api_action("StartUHostInstance")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct StartUHostInstance {
    /// Password of the instance's encrypted disks.
    #[api(secret)]
    pub disk_password: Option<String>,
    /// The instance.
    pub uhost_id: String,
}

/// Shuts a running instance down cleanly.
///
/// See [`PoweroffUHostInstance`] to cut the power instead.
#[api_action("StopUHostInstance")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct StopUHostInstance {
    /// The instance.
    pub uhost_id: String,
}

/// Restarts an instance.
#[api_action("RebootUHostInstance")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct RebootUHostInstance {
    /// Password of the instance's encrypted disks.
    #[api(secret)]
    pub disk_password: Option<String>,
    /// The instance.
    pub uhost_id: String,
}

/// Cuts an instance's power at once, without a clean shutdown.
///
/// This can lose data or damage the file system; prefer
/// [`StopUHostInstance`].
#[api_action("PoweroffUHostInstance")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct PoweroffUHostInstance {
    /// The instance.
    pub uhost_id: String,
}

/// Deletes an instance.
///
/// The instance must be stopped; an expired instance that is not a trial
/// cannot be deleted. It may go to the recycle bin rather than away for
/// good (`in_recycle`). Its elastic IPs and data disks are kept unless
/// `release_eip` and `release_udisk` say otherwise.
#[api_action("TerminateUHostInstance")]
#[response(
    /// `Yes` when the instance went to the recycle bin, `No` when it is
    /// gone for good.
    in_recycle: YesNo,
    /// The instance.
    uhost_id: String,
)]
pub struct TerminateUHostInstance {
    /// Also release the bound elastic IPs (off by default).
    pub release_eip: Option<bool>,
    /// Also delete the attached data disks (off by default).
    pub release_udisk: Option<bool>,
    /// The instance.
    pub uhost_id: String,
}

/// Reinstalls an instance's operating system, from its image or another.
///
/// The instance must be stopped. Data disks are kept by default
/// (`reserve_disk`), but not when switching between Linux and Windows;
/// when switching versions, mind the kept disks' file systems.
#[api_action("ReinstallUHostInstance")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct ReinstallUHostInstance {
    /// Whether cloud-init partitions and mounts the data disks (`On` by
    /// default); only for images with the cloud-init feature.
    pub auto_data_disk_init: Option<AutoDataDiskInit>,
    /// Boot disk size in GB, 20 to 100.
    pub boot_disk_space: Option<i64>,
    /// Host name of the operating system.
    pub host_name: Option<String>,
    /// The image to install (the current one by default).
    pub image_id: Option<String>,
    /// The key pair to log in with; required with [`LoginMode::KeyPair`].
    pub key_pair_id: Option<String>,
    /// How to log in (`Password` by default).
    pub login_mode: Option<LoginMode>,
    /// Login password, plain text: the SDK base64-encodes it. Required with
    /// [`LoginMode::Password`].
    #[api(base64, secret)]
    pub password: Option<String>,
    /// Whether to keep the data disks (`Yes` by default; local data disks
    /// only).
    pub reserve_disk: Option<YesNo>,
    /// The instance.
    pub uhost_id: String,
    /// Cloud-init user data, already base64-encoded by the caller, at most
    /// 16 KB.
    #[api(secret)]
    pub user_data: Option<String>,
}

/// Sets a new administrator password, or a key pair, on an instance.
///
/// The instance must be stopped.
#[api_action("ResetUHostInstancePassword")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct ResetUHostInstancePassword {
    /// Start the instance once done (off by default; not for preemptible
    /// or postpaid instances).
    pub auto_start: Option<bool>,
    /// The key pair to log in with; required with [`LoginMode::KeyPair`].
    pub key_pair_id: Option<String>,
    /// How to log in: `Password` (the default) or `KeyPair`.
    pub login_mode: Option<LoginMode>,
    /// The new password, plain text: the SDK base64-encodes it.
    #[api(base64, secret)]
    pub password: Option<String>,
    /// The instance.
    pub uhost_id: String,
}

/// Changes an instance's CPU, memory, GPUs or network enhancement.
///
/// The instance must be stopped; unset sizes stay as they are. The
/// machine type limits the sizes. Disks are resized with
/// [`ResizeAttachedDisk`](crate::disks::ResizeAttachedDisk); the price is
/// given by [`GetUHostUpgradePrice`](crate::prices::GetUHostUpgradePrice).
#[api_action("ResizeUHostInstance")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct ResizeUHostInstance {
    /// Start the instance once done (off by default; not for preemptible
    /// or postpaid instances).
    pub auto_start: Option<bool>,
    /// Virtual CPU cores, 1 to 240.
    #[api(rename = "CPU")]
    pub cpu: Option<i64>,
    /// GPU count (GPU machine types only).
    #[api(rename = "GPU")]
    pub gpu: Option<i64>,
    /// Memory in MB: a multiple of 1024 from 1024 to 1966080.
    pub memory: Option<i64>,
    /// Network enhancement: 1 to upgrade, 2 to downgrade, 0 to keep.
    pub net_cap_value: Option<i64>,
    /// The instance.
    pub uhost_id: String,
}

/// Renames an instance.
#[api_action("ModifyUHostInstanceName")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct ModifyUHostInstanceName {
    /// The new name, 1 to 63 characters.
    pub name: Option<String>,
    /// The instance.
    pub uhost_id: String,
}

/// Changes an instance's remark.
#[api_action("ModifyUHostInstanceRemark")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct ModifyUHostInstanceRemark {
    /// The new remark, up to 255 characters.
    pub remark: Option<String>,
    /// The instance.
    pub uhost_id: String,
}

/// Moves an instance to another business group.
#[api_action("ModifyUHostInstanceTag")]
#[response(
    /// The instance.
    uhost_id: String,
)]
pub struct ModifyUHostInstanceTag {
    /// The business group, 1 to 63 characters.
    pub tag: Option<String>,
    /// The instance.
    pub uhost_id: String,
}

/// Changes a private IP address of an instance.
///
/// Change the network configuration inside the instance first, then stop
/// it. The new address must be in the same VPC and subnet as the old one.
#[api_action("ModifyUHostIP", common(region, zone, project_id?))]
#[response(
    /// The instance.
    uhost_id: String,
    /// The `Message` the service may add to a successful answer; empty
    /// when there is none.
    message: String,
)]
pub struct ModifyUHostIP {
    /// The new address, as configured inside the instance.
    #[api(rename = "PresentIpAddress")]
    pub present_ip_address: String,
    /// The address to change; needed only when the instance has several.
    #[api(rename = "PreviousIpAddress")]
    pub previous_ip_address: Option<String>,
    /// The instance.
    pub uhost_id: String,
}

/// Upgrades instances to Data Ark instances.
///
/// Only standard instances with local disks qualify. The instances must be
/// stopped, and the upgrade is slow: about 30 minutes per 100 GB. The API
/// requires at least one instance.
#[api_action("UpgradeToArkUHostInstance", common(region, zone))]
#[response(
    /// The instances being upgraded.
    uhost_set: Vec<String>,
)]
pub struct UpgradeToArkUHostInstance {
    /// Coupon for the upgrade.
    pub coupon_id: Option<String>,
    /// The instances to upgrade.
    pub uhost_ids: Vec<String>,
}

/// Gets the address and password of an instance's VNC console.
#[api_action("GetUHostInstanceVncInfo")]
#[response(
    /// The instance.
    uhost_id: String,
    /// VNC address.
    vnc_ip: String,
    /// VNC password.
    #[api(secret)]
    vnc_password: String,
    /// VNC port.
    vnc_port: i64,
)]
pub struct GetUHostInstanceVncInfo {
    /// The instance.
    pub uhost_id: String,
}

/// A snapshot of an instance.
#[api_model]
pub struct UHostSnapshotSet {
    /// Name of the snapshot.
    pub snapshot_name: String,
    /// State of the snapshot.
    pub snapshot_state: String,
    /// When the snapshot was taken.
    pub snapshot_time: String,
}

/// Lists the snapshots of an instance.
///
/// The API has no reference page for this action, and the official SDK
/// does not retry it.
#[api_action("DescribeUHostInstanceSnapshot", not_retryable)]
#[response(
    /// The snapshots.
    snapshot_set: Vec<UHostSnapshotSet>,
    /// The instance.
    #[api(rename = "UhostId")]
    uhost_id: String,
)]
pub struct DescribeUHostInstanceSnapshot {
    /// The instance.
    pub uhost_id: String,
}

/// A business group and how many instances it holds.
#[api_model]
pub struct UHostTagSet {
    /// The business group.
    pub tag: String,
    /// How many instances it holds.
    pub total_count: i64,
    /// Zone.
    pub zone: String,
}

/// Lists the business groups that hold instances in a region.
#[api_action("DescribeUHostTags")]
#[response(
    /// The business groups.
    tag_set: Vec<UHostTagSet>,
    /// How many business groups there are.
    total_count: i64,
)]
pub struct DescribeUHostTags {}
