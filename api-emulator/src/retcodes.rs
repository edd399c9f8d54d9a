//! The RetCodes the emulator answers with, named by what they mean.
//!
//! Gateway codes come from the common reference (`summary/public.md`); the
//! UHost codes from the UHost error list (`uhost/error_code.md`).

/// The request has no `Action`.
pub(crate) const MISSING_ACTION: i64 = 160;
/// The `Action` is not one of the 42 UHost actions or the account
/// service's `GetRegion`, `GetProjectList` and `GetUserInfo`.
pub(crate) const UNKNOWN_ACTION: i64 = 161;
/// The request has no `Signature`.
pub(crate) const MISSING_SIGNATURE: i64 = 170;
/// The `Signature` does not match the parameters and the private key.
pub(crate) const BAD_SIGNATURE: i64 = 171;
/// The `PublicKey` is missing or belongs to no account.
pub(crate) const UNKNOWN_USER: i64 = 172;
/// `ProjectId` or `TargetProjectId` names no project of the account.
pub(crate) const UNKNOWN_PROJECT: i64 = 292;
/// A parameter is missing, malformed, outside its enum, or names nothing
/// that exists; also used for request bodies that cannot be read.
pub(crate) const INVALID_PARAMS: i64 = 230;

/// The operation needs a stopped instance.
pub(crate) const STOP_FIRST: i64 = 8010;
/// The instance was terminated.
pub(crate) const HOST_DELETED: i64 = 8039;
/// The CPU count is outside what the machine type allows (create).
pub(crate) const BAD_CPU: i64 = 8044;
/// The memory size is outside what the machine type allows (create).
pub(crate) const BAD_MEMORY: i64 = 8046;
/// Windows images need at least two CPU cores.
pub(crate) const WINDOWS_ONE_CPU: i64 = 8027;
/// A reinstall may not switch between Linux and Windows while keeping
/// local data disks.
pub(crate) const REINSTALL_OS_TYPE: i64 = 8028;
/// Price query with an invalid CPU count.
pub(crate) const PRICE_BAD_CPU: i64 = 8064;
/// Price query with an invalid memory size.
pub(crate) const PRICE_BAD_MEMORY: i64 = 8065;
/// Price query with an invalid disk size.
pub(crate) const PRICE_BAD_DISK: i64 = 8066;
/// Price query that would shrink a disk.
pub(crate) const PRICE_DISK_SHRINK: i64 = 8067;
/// Not enough quota: an account limit ([`crate::Quotas`]), or an
/// isolation group that already holds seven instances in the zone
/// ("创建失败，配额不足").
pub(crate) const QUOTA: i64 = 8095;
/// A data disk size outside its type's range.
pub(crate) const BAD_DATA_DISK_SIZE: i64 = 8096;
/// Resize with an invalid CPU count.
pub(crate) const RESIZE_BAD_CPU: i64 = 8105;
/// Resize with an invalid memory size.
pub(crate) const RESIZE_BAD_MEMORY: i64 = 8106;
/// Resize with an invalid disk size.
pub(crate) const RESIZE_BAD_DISK: i64 = 8107;
/// Data ark does not support local SSD or exclusive local disks.
pub(crate) const ARK_DISK_TYPE: i64 = 8220;
/// Data ark does not support this combination of disks (cloud disks).
pub(crate) const ARK_DISKS: i64 = 8303;
/// The boot disk is smaller than the image.
pub(crate) const BOOT_DISK_TOO_SMALL: i64 = 8315;
/// A local boot disk must be exactly the image's size at creation.
pub(crate) const BOOT_DISK_NOT_IMAGE_SIZE: i64 = 8316;
/// A boot disk cannot shrink.
pub(crate) const BOOT_DISK_SHRINK: i64 = 8319;
/// Terminate needs a stopped instance.
pub(crate) const DELETE_STOP_FIRST: i64 = 8856;
/// The instance's power state does not allow the operation right now.
pub(crate) const POWER_STATE: i64 = 8905;
/// The image does not exist or is not a custom image.
pub(crate) const NOT_CUSTOM_IMAGE: i64 = 8956;
/// The source image is not Available.
pub(crate) const IMAGE_NOT_AVAILABLE: i64 = 8961;
