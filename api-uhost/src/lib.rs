//! The UHost service: cloud hosts and images.
//!
//! ```no_run
//! use api_uhost::images::CreateCustomImage;
//!
//! # async fn run() -> Result<(), api_core::Error> {
//! let client = api_core::Client::from_env()?;
//! let image = client
//!     .send(CreateCustomImage::new("uhost-xxx", "my-image").data_udisk_ids(["bsi-1"]))
//!     .await?;
//! println!("{}", image.image_id);
//! # Ok(()) }
//! ```

pub mod disks;
pub mod images;
pub mod instances;
pub mod isolation_groups;
pub mod key_pairs;
pub mod machine_types;
pub mod prices;
pub mod wait;
