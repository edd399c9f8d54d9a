//! Shared set-up of the cross-crate tests: an in-process emulator and a
//! client pointed at it.
#![allow(dead_code, unreachable_pub)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_core::{Client, ClientBuilder, Credential, RetryPolicy};
use api_emulator::{Emulator, Fault};
use api_uhost::disks::DiskType;
use api_uhost::instances::{CreateUHostInstance, LoginMode, UHostDisk};

pub const PUBLIC_KEY: &str = "test-public-key";
pub const PRIVATE_KEY: &str = "test-private-key";
pub const REGION: &str = "cn-bj2";
pub const ZONE: &str = "cn-bj2-02";

/// An emulator where state changes are immediate.
pub async fn emulator(faults: impl IntoIterator<Item = Fault>) -> Emulator {
    emulator_at_scale(0.0, faults).await
}

/// An emulator whose state changes take `scale` times their real duration.
pub async fn emulator_at_scale(scale: f64, faults: impl IntoIterator<Item = Fault>) -> Emulator {
    Emulator::builder()
        .account(PUBLIC_KEY, PRIVATE_KEY)
        .time_scale(scale)
        .seed(42)
        .faults(faults)
        .start("127.0.0.1:0")
        .await
        .expect("the emulator starts")
}

/// A client builder for `emu` with short retry delays.
pub fn client_builder(emu: &Emulator) -> ClientBuilder {
    Client::builder()
        .credential(Credential::new(PUBLIC_KEY, PRIVATE_KEY))
        .base_url(emu.base_url())
        .region(REGION)
        .zone(ZONE)
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
        })
}

/// A client for `emu`.
pub fn client(emu: &Emulator) -> Client {
    client_builder(emu).build().expect("a valid client")
}

/// The id of a Linux base image of the emulator's catalog.
pub async fn linux_image(client: &Client) -> String {
    let answer: serde_json::Value = client
        .invoke(
            "DescribeImage",
            serde_json::json!({"ImageType": "Base", "OsType": "Linux", "Limit": 1}),
        )
        .await
        .expect("DescribeImage answers");
    answer["ImageSet"][0]["ImageId"]
        .as_str()
        .expect("an image id")
        .to_owned()
}

/// A request for `count` small Linux instances with a boot and a data disk.
pub fn new_instances(image_id: &str, count: i64) -> CreateUHostInstance {
    CreateUHostInstance::new(image_id, LoginMode::Password)
        .password("Sup3r-Secret-Pw!")
        .cpu(1)
        .memory(1024)
        .max_count(count)
        .disks([
            UHostDisk::boot(DiskType::CloudSsd, 20),
            UHostDisk::data(DiskType::CloudSsd, 50),
        ])
}

/// Creates `count` instances and returns their ids.
pub async fn create_instances(client: &Client, count: i64) -> Vec<String> {
    let image = linux_image(client).await;
    client
        .send(new_instances(&image, count))
        .await
        .expect("CreateUHostInstance succeeds")
        .uhost_ids
}

/// A log writer that keeps everything written to it, for tests that read
/// what a call logged.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}
