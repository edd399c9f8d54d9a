//! The UHost service: cloud hosts and images, every action of it.
//!
//! Each action is a struct: `new` takes its required parameters, setters
//! the optional ones, and [`api_core::Client::send`] returns its typed
//! answer. `Region`, `Zone` and `ProjectId` default to the client's.
//!
//! ```no_run
//! use api_core::Client;
//! use api_uhost::images::CreateCustomImage;
//!
//! # async fn run() -> Result<(), api_core::Error> {
//! let client = Client::from_env()?;
//! let image = client
//!     .send(CreateCustomImage::new("uhost-xxx", "my-image").data_udisk_ids(["bsi-1"]))
//!     .await?;
//! println!("{}", image.image_id);
//! # Ok(()) }
//! ```
//!
//! # Actions by resource
//!
//! | resource | actions |
//! |---|---|
//! | [instances] | [`CreateUHostInstance`](instances::CreateUHostInstance), [`DescribeUHostInstance`](instances::DescribeUHostInstance), [`StartUHostInstance`](instances::StartUHostInstance), [`StopUHostInstance`](instances::StopUHostInstance), [`RebootUHostInstance`](instances::RebootUHostInstance), [`PoweroffUHostInstance`](instances::PoweroffUHostInstance), [`TerminateUHostInstance`](instances::TerminateUHostInstance), [`ReinstallUHostInstance`](instances::ReinstallUHostInstance), [`ResetUHostInstancePassword`](instances::ResetUHostInstancePassword), [`ResizeUHostInstance`](instances::ResizeUHostInstance), [`ModifyUHostInstanceName`](instances::ModifyUHostInstanceName), [`ModifyUHostInstanceRemark`](instances::ModifyUHostInstanceRemark), [`ModifyUHostInstanceTag`](instances::ModifyUHostInstanceTag), [`ModifyUHostIP`](instances::ModifyUHostIP), [`UpgradeToArkUHostInstance`](instances::UpgradeToArkUHostInstance), [`GetUHostInstanceVncInfo`](instances::GetUHostInstanceVncInfo), [`DescribeUHostInstanceSnapshot`](instances::DescribeUHostInstanceSnapshot), [`DescribeUHostTags`](instances::DescribeUHostTags) |
//! | [images] | [`CreateCustomImage`](images::CreateCustomImage), [`CopyCustomImage`](images::CopyCustomImage), [`ImportCustomImage`](images::ImportCustomImage), [`TerminateCustomImage`](images::TerminateCustomImage), [`DescribeImage`](images::DescribeImage) |
//! | [key_pairs] | [`CreateUHostKeyPair`](key_pairs::CreateUHostKeyPair), [`ImportUHostKeyPairs`](key_pairs::ImportUHostKeyPairs), [`DescribeUHostKeyPairs`](key_pairs::DescribeUHostKeyPairs), [`DeleteUHostKeyPairs`](key_pairs::DeleteUHostKeyPairs) |
//! | [isolation_groups] | [`CreateIsolationGroup`](isolation_groups::CreateIsolationGroup), [`DescribeIsolationGroup`](isolation_groups::DescribeIsolationGroup), [`DeleteIsolationGroup`](isolation_groups::DeleteIsolationGroup), [`AddUHostToIsolationGroup`](isolation_groups::AddUHostToIsolationGroup), [`LeaveIsolationGroup`](isolation_groups::LeaveIsolationGroup) |
//! | [prices] | [`GetUHostInstancePrice`](prices::GetUHostInstancePrice), [`GetUHostRenewPrice`](prices::GetUHostRenewPrice), [`GetUHostUpgradePrice`](prices::GetUHostUpgradePrice), [`GetUHostRefundPrice`](prices::GetUHostRefundPrice), [`GetAttachedDiskUpgradePrice`](prices::GetAttachedDiskUpgradePrice) |
//! | [disks] | [`DescribeUHostAvailableDiskTypes`](disks::DescribeUHostAvailableDiskTypes), [`ResizeAttachedDisk`](disks::ResizeAttachedDisk) |
//! | [machine_types] | [`DescribeAvailableInstanceTypes`](machine_types::DescribeAvailableInstanceTypes), [`DescribeHostMachineTypeFamilies`](machine_types::DescribeHostMachineTypeFamilies), [`CheckUHostResourceCapacity`](machine_types::CheckUHostResourceCapacity) |
//!
//! [`wait`] has waiters for instance states and images; list actions that
//! page ([`DescribeUHostInstance`](instances::DescribeUHostInstance),
//! [`DescribeImage`](images::DescribeImage),
//! [`DescribeUHostKeyPairs`](key_pairs::DescribeUHostKeyPairs),
//! [`DescribeIsolationGroup`](isolation_groups::DescribeIsolationGroup))
//! stream every item with [`api_core::Client::paginate`].
//!
//! # Retries
//!
//! Every action is retried automatically on transient failures except
//! those that make something new (`Create…`, `Copy…`, `Import…`, `Add…`,
//! `Upgrade…`) and `DescribeUHostInstanceSnapshot` (not retried by the
//! official SDK either): those are resent only when the request provably
//! never left or the caller opts in.
//!
//! # Left out
//!
//! Parameters the API marks deprecated are not declared; each module's
//! documentation lists those of its actions. Enumerated values are Rust
//! enums with an `Unknown(String)` variant, so a value added by the service
//! decodes, is kept, and is sent back unchanged.

pub mod disks;
pub mod images;
pub mod instances;
pub mod isolation_groups;
pub mod key_pairs;
pub mod machine_types;
pub mod prices;
pub mod wait;
