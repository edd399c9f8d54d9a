//! Images: the base image catalog and custom images made from instances,
//! copied between regions and projects, imported from UFile, and deleted.
//!
//! Left out (deprecated by the API): `Zone` of [`TerminateCustomImage`].

use api_core::{api_action, api_enum, api_model};

use crate::prices::BasePriceSet;

/// Where an image comes from.
#[api_enum]
pub enum ImageType {
    /// A standard image of the provider.
    Base,
    /// A marketplace image.
    Business,
    /// An image made by the user.
    Custom,
}

/// The operating system family of an image.
#[api_enum]
pub enum OsType {
    /// Linux.
    Linux,
    /// Windows.
    Windows,
}

/// The state of an image.
#[api_enum]
pub enum ImageState {
    /// Ready to use.
    Available,
    /// Being made.
    Making,
    /// Failed or withdrawn: cannot be used.
    Unavailable,
    /// Being copied.
    Copying,
}

/// Creates a custom image from a UHost instance, optionally with snapshots
/// of its cloud data disks.
///
/// The new image is `Making` until it becomes `Available` (see
/// [`DescribeImage`]). Cloud data disks need the snapshot service enabled.
/// Not retried automatically: a repeated request makes another image.
#[api_action("CreateCustomImage")]
#[response(
    /// The new image.
    image_id: String,
    /// One snapshot per data disk given in `data_udisk_ids`.
    data_snapshot_ids: Vec<String>,
)]
pub struct CreateCustomImage {
    /// The instance to image.
    pub uhost_id: String,
    /// Name of the new image.
    pub image_name: String,
    /// Description of the new image.
    pub image_description: Option<String>,
    /// Business group of the image (`Default` when unset).
    pub tag: Option<String>,
    /// Cloud data disks to snapshot along with the image.
    pub data_udisk_ids: Vec<String>,
}

/// Who an image is made for (`FuncType`).
#[api_enum]
pub enum ImageFunction {
    /// An industry image prepared for GPU instances.
    #[api(rename = "gpu")]
    Gpu,
    /// An image for lightweight instances.
    #[api(rename = "app")]
    App,
    /// A marketplace image for UHost instances.
    #[api(rename = "uhost")]
    UHost,
}

/// A capability of an image ([`UHostImageSet::features`]).
#[api_enum]
pub enum ImageFeature {
    /// Network enhancement 1.0. The reference spells it `NetEnhnced`; the
    /// service and the machine-type answers write `NetEnhanced`.
    NetEnhanced,
    /// Network enhancement 2.0.
    #[api(rename = "NetEnhanced_Ultra")]
    NetEnhancedUltra,
    /// Network enhancement 3.0.
    #[api(rename = "NetEnhanced_Extreme")]
    NetEnhancedExtreme,
    /// CPU and memory can be upgraded while the instance runs.
    HotPlug,
    /// A GPU image.
    #[api(rename = "GPU")]
    Gpu,
    /// Runs cloud-init at first boot.
    CloudInit,
    /// Supports IPv6 networking.
    IPv6,
    /// Can attach RSSD cloud disks.
    RssdAttachable,
    /// Supports AMD virtual GPUs.
    #[api(rename = "Vgpu_AMD")]
    VgpuAmd,
    /// Supports NVIDIA virtual GPUs.
    #[api(rename = "Vgpu_NVIDIA")]
    VgpuNvidia,
    /// Built for the arm64 architecture.
    #[api(rename = "Aarch64_Type")]
    Aarch64,
}

/// A marketplace category of an image ([`UHostImageSet::scene_categories`]).
#[api_enum]
pub enum SceneCategory {
    /// Featured images.
    Featured,
    /// Drivers pre-installed.
    PreInstalledDrivers,
    /// AI image generation.
    #[api(rename = "AIPainting")]
    AiPainting,
    /// AI models.
    #[api(rename = "AIModels")]
    AiModels,
    /// High-performance computing.
    #[api(rename = "HPC")]
    Hpc,
}

/// The file format of an image to import.
#[api_enum]
pub enum ImageFormat {
    /// A raw disk image.
    #[api(rename = "RAW")]
    Raw,
    /// A Hyper-V disk.
    #[api(rename = "VHD")]
    Vhd,
    /// A VMware disk.
    #[api(rename = "VMDK")]
    Vmdk,
    /// A QEMU copy-on-write disk.
    #[api(rename = "qcow2")]
    Qcow2,
}

/// An image, as [`DescribeImage`] lists it.
#[api_model]
pub struct UHostImageSet {
    /// Creation time, Unix seconds.
    pub create_time: i64,
    /// Snapshots of the cloud data disks imaged with it.
    pub data_snapshot_ids: Vec<String>,
    /// What the image supports (network enhancement, hot plug, GPU, ...).
    pub features: Vec<ImageFeature>,
    /// Who the image is made for (marketplace and special images).
    pub func_type: ImageFunction,
    /// Image description.
    pub image_description: String,
    /// Image id.
    pub image_id: String,
    /// Image name.
    pub image_name: String,
    /// Size of the image (the reference gives no unit).
    pub image_size: i64,
    /// Where the image comes from.
    pub image_type: ImageType,
    /// Integrated software (marketplace images only).
    pub integrated_software: String,
    /// Introduction link (marketplace images only).
    pub links: String,
    /// End of life of the operating system, `YYYY/MM/DD`.
    pub maintain_eol: String,
    /// The oldest CPU generation the image runs on, e.g. `Broadwell`;
    /// empty when any will do.
    #[api(rename = "MinimalCPU")]
    pub minimal_cpu: String,
    /// Operating system name, e.g. `CentOS 7.9 64位`.
    pub os_name: String,
    /// Operating system family.
    pub os_type: OsType,
    /// Prices, when [`DescribeImage::price_set`] asks for them.
    pub price_set: Vec<BasePriceSet>,
    /// Main software installed.
    pub primary_software: String,
    /// Marketplace categories.
    pub scene_categories: Vec<SceneCategory>,
    /// Whether the image can be used yet.
    pub state: ImageState,
    /// GPU types the image supports, as the machine-type actions name them.
    #[api(rename = "SupportedGPUTypes")]
    pub supported_gpu_types: Vec<String>,
    /// Business group.
    pub tag: String,
    /// Vendor (marketplace images only).
    pub vendor: String,
    /// Zone of the image, when it is tied to one.
    pub zone: String,
}

/// Lists images: the base catalog, marketplace images and the account's
/// custom images, filtered and paged with `offset`/`limit` (20 by default).
#[api_action("DescribeImage", paginate(offset = offset, limit = limit, total = total_count, items = image_set))]
#[response(
    /// How many images match.
    total_count: i64,
    /// This page of images.
    image_set: Vec<UHostImageSet>,
)]
pub struct DescribeImage {
    /// Only images made for this purpose.
    pub func_type: Option<ImageFunction>,
    /// Only this image.
    pub image_id: Option<String>,
    /// Only these images.
    pub image_ids: Vec<String>,
    /// Only images of this type (all types when unset).
    pub image_type: Option<ImageType>,
    /// How many images to return (20 when unset).
    pub limit: Option<i64>,
    /// Where the page starts (0 when unset).
    pub offset: Option<i64>,
    /// Only images of this operating system family.
    pub os_type: Option<OsType>,
    /// `1` to include prices.
    pub price_set: Option<i64>,
    /// Only images of this business group.
    pub tag: Option<String>,
}

/// One copy of a batch [`CopyCustomImage`].
#[api_model]
pub struct CopyImageTaskInfo {
    /// The new image.
    pub target_image_id: String,
    /// Its region.
    pub target_region: String,
    /// The copy task.
    pub task_id: String,
}

/// Copies a custom image to another project, to another region, or to
/// several regions at once (`target_region_list`); each copy is `Copying`
/// until it becomes `Available`.
///
/// `region`, `zone` and `project_id` are the source image's. Not retried
/// automatically: a repeated request makes another copy.
#[api_action("CopyCustomImage")]
#[response(
    /// One entry per target region (batch copies only).
    infos: Vec<CopyImageTaskInfo>,
    /// The new image (single copies only).
    target_image_id: String,
    /// The copy task (single copies only).
    task_id: String,
)]
pub struct CopyCustomImage {
    /// The custom image to copy (see [`DescribeImage`]).
    pub source_image_id: String,
    /// Description of the copy.
    pub target_image_description: Option<String>,
    /// Name of the copy.
    pub target_image_name: Option<String>,
    /// Business group of the copy.
    pub target_image_tag: Option<String>,
    /// Project to copy it to (may be the source project).
    pub target_project_id: String,
    /// Region to copy it to; leave unset to stay in the region.
    pub target_region: Option<String>,
    /// Regions to copy it to, for a batch copy.
    pub target_region_list: Vec<String>,
}

/// Imports an image file from a private UFile bucket as a custom image,
/// which is `Making` until it becomes `Available`.
///
/// The caller must authorize the import (`auth` must be `true`). Not
/// retried automatically: a repeated request imports the file again.
#[api_action("ImportCustomImage", common(region, project_id?))]
#[response(
    /// The new image.
    image_id: String,
)]
pub struct ImportCustomImage {
    /// Authorizes the import; must be `true`.
    pub auth: bool,
    /// File format of the image.
    pub format: ImageFormat,
    /// Description of the new image.
    pub image_description: Option<String>,
    /// Name of the new image.
    pub image_name: String,
    /// Operating system version as the console lists it, e.g.
    /// `CentOS 7.9 64位`; `Other` when `os_type` is `Other`.
    pub os_name: String,
    /// Operating system platform as the console lists it, e.g. `CentOS`,
    /// `Ubuntu`, `Windows`, `RedHat`; `Other` for a system the console
    /// does not list.
    pub os_type: String,
    /// Business group of the new image.
    pub tag: Option<String>,
    /// Address of the file in a private UFile bucket.
    pub ufile_url: String,
}

/// Deletes a custom image of the account. Base and marketplace images
/// cannot be deleted.
#[api_action("TerminateCustomImage", common(region, project_id?))]
#[response(
    /// The deleted image.
    image_id: String,
)]
pub struct TerminateCustomImage {
    /// The custom image to delete.
    pub image_id: String,
}
