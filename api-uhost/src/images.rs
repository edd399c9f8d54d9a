//! Images: custom images made from instances, copied and deleted.

use api_core::{api_action, api_enum};

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
/// The instance may be running or stopped; the new image starts in
/// `Making` and becomes `Available` when done. Data disks need the
/// snapshot service enabled.
#[api_action("CreateCustomImage")]
#[response(
    /// The new image.
    image_id: String,
    /// One snapshot per data disk given in `data_udisk_ids`.
    data_snapshot_ids: Vec<String>,
)]
pub struct CreateCustomImage {
    /// Region of the instance; defaults to the client's region.
    #[api(required)]
    pub region: Option<String>,
    /// Zone of the instance; defaults to the client's zone.
    pub zone: Option<String>,
    /// Project; defaults to the client's project.
    pub project_id: Option<String>,
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
