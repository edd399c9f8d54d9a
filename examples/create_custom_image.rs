//! Make a custom image of a UHost instance and wait until it is usable.
//!
//! ```text
//! cargo run --example create_custom_image [-- --keep]
//! ```
//!
//! With no credentials configured (`UCLOUD_PUBLIC_KEY`/`UCLOUD_PRIVATE_KEY`
//! unset and no CLI profile), it starts the embedded emulator on 127.0.0.1
//! and runs the whole job there: find a Linux base image, create an
//! instance with a data disk, wait until it runs, image it with a snapshot
//! of the data disk, wait until the image is Available, print the ids and
//! the time taken, and clean up (unless `--keep`).
//!
//! With credentials (and optionally `UCLOUD_API_BASE_URL`, `UCLOUD_REGION`,
//! `UCLOUD_ZONE`, `UCLOUD_PROJECT_ID`) it images the existing instance
//! given by `--uhost-id` and creates nothing else billable: one
//! CreateCustomImage, then DescribeImage until the image is Available.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use api_core::wait::Waiter;
use api_core::{Client, ClientBuilder, Credential, Error};
use api_uhost::disks::DiskType;
use api_uhost::images::{
    CreateCustomImage, DescribeImage, ImageState, ImageType, OsType, TerminateCustomImage,
};
use api_uhost::instances::{
    CreateUHostInstance, InstanceState, LoginMode, StopUHostInstance, TerminateUHostInstance,
    UHostDisk,
};
use api_uhost::wait;
use clap::Parser;

/// Makes a custom image of a UHost instance.
#[derive(Parser, Debug)]
struct Args {
    /// The instance to image (required with real credentials).
    #[arg(long)]
    uhost_id: Option<String>,
    /// The name of the new image.
    #[arg(long, default_value = "example-image")]
    image_name: String,
    /// Keep what the emulator run created instead of deleting it.
    #[arg(long)]
    keep: bool,
    /// How long the emulator's state changes take, relative to the real
    /// service's (creating an instance takes 3 s at 1).
    #[arg(long, default_value_t = 0.2)]
    time_scale: f64,
    /// How long to wait for each state change, in seconds.
    #[arg(long, default_value_t = 900)]
    wait_seconds: u64,
}

const EMULATOR_REGION: &str = "cn-bj2";
const EMULATOR_ZONE: &str = "cn-bj2-02";

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let result = match ClientBuilder::from_env() {
        Ok(builder) if builder.has_credential() => real(builder, &args).await,
        Ok(_) => emulated(&args).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(()) => {
            println!("done in {:.1} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(err) => {
            report(&err);
            ExitCode::FAILURE
        }
    }
}

/// Prints what failed, with the RetCode and request UUID when there are.
fn report(err: &Error) {
    eprintln!("error: {err}");
    if let Some(code) = err.code() {
        eprintln!("  RetCode: {code}");
    }
    if let Some(uuid) = err.request_uuid() {
        eprintln!("  request UUID: {uuid}");
    }
}

fn waiter(args: &Args) -> Waiter<'static> {
    Waiter::new("")
        .initial_delay(Duration::from_millis(200))
        .max_delay(Duration::from_secs(5))
        .timeout(Duration::from_secs(args.wait_seconds))
        .on_progress(|state, waited| println!("  … {state} ({:.1} s)", waited.as_secs_f64()))
}

/// The job against the real API: image an existing instance, nothing else.
async fn real(builder: ClientBuilder, args: &Args) -> Result<(), Error> {
    let client = builder
        .user_agent_suffix("create-custom-image-example")
        .build()?;
    let Some(uhost_id) = &args.uhost_id else {
        return Err(Error::Config {
            message: "credentials are configured: pass --uhost-id of the instance to image"
                .to_owned(),
        });
    };
    println!("imaging instance {uhost_id} at {}", client.base_url());
    let created = client
        .send(CreateCustomImage::new(
            uhost_id.as_str(),
            args.image_name.as_str(),
        ))
        .await?;
    println!("image {} is being made", created.image_id);
    wait::image_available(&client, &created.image_id, waiter(args)).await?;
    println!("image {} is Available", created.image_id);
    Ok(())
}

/// The whole job against the embedded emulator.
async fn emulated(args: &Args) -> Result<(), Error> {
    let (public_key, private_key) = ("example-public-key", "example-private-key");
    let emulator = api_emulator::Emulator::builder()
        .account(public_key, private_key)
        .time_scale(args.time_scale)
        .start("127.0.0.1:0")
        .await
        .map_err(|e| Error::Config {
            message: format!("cannot start the embedded emulator: {e}"),
        })?;
    println!(
        "no credentials configured: running against the embedded emulator at {}",
        emulator.base_url()
    );
    let client = Client::builder()
        .credential(Credential::new(public_key, private_key))
        .base_url(emulator.base_url())
        .region(EMULATOR_REGION)
        .zone(EMULATOR_ZONE)
        .user_agent_suffix("create-custom-image-example")
        .build()?;

    let images = client
        .send(
            DescribeImage::new()
                .image_type(ImageType::Base)
                .os_type(OsType::Linux),
        )
        .await?;
    let base = images
        .image_set
        .into_iter()
        .find(|i| i.state == ImageState::Available)
        .ok_or_else(|| Error::Config {
            message: "the catalog has no available Linux base image".to_owned(),
        })?;
    println!("base image: {} ({})", base.image_id, base.image_name);

    let created = client
        .send(
            CreateUHostInstance::new(base.image_id.as_str(), LoginMode::Password)
                .password("Example-Passw0rd!")
                .name("image-source")
                .cpu(2)
                .memory(4096)
                .disks([
                    UHostDisk::boot(DiskType::CloudSsd, 20),
                    UHostDisk::data(DiskType::CloudSsd, 50),
                ]),
        )
        .await?;
    let uhost_id = created
        .uhost_ids
        .into_iter()
        .next()
        .ok_or_else(|| Error::Config {
            message: "CreateUHostInstance returned no instance id".to_owned(),
        })?;
    println!("instance {uhost_id} created; waiting until it runs");
    let instance =
        wait::instance_state(&client, &uhost_id, InstanceState::Running, waiter(args)).await?;
    let data_disks: Vec<String> = instance
        .disk_set
        .iter()
        .filter(|d| d.is_boot != "True")
        .map(|d| d.disk_id.clone())
        .collect();
    println!("instance {uhost_id} is Running with data disk(s) {data_disks:?}");

    let image = client
        .send(
            CreateCustomImage::new(uhost_id.as_str(), args.image_name.as_str())
                .data_udisk_ids(data_disks),
        )
        .await?;
    println!(
        "image {} is being made, data disk snapshot(s) {:?}",
        image.image_id, image.data_snapshot_ids
    );
    wait::image_available(&client, &image.image_id, waiter(args)).await?;
    println!("image {} is Available", image.image_id);
    println!(
        "uhost_id={uhost_id} image_id={} snapshot_ids={:?}",
        image.image_id, image.data_snapshot_ids
    );

    if args.keep {
        println!("--keep: leaving the instance and the image in the emulator");
        return Ok(());
    }
    client
        .send(TerminateCustomImage::new(image.image_id.as_str()))
        .await?;
    client
        .send(StopUHostInstance::new(uhost_id.as_str()))
        .await?;
    wait::instance_state(&client, &uhost_id, InstanceState::Stopped, waiter(args)).await?;
    client
        .send(TerminateUHostInstance::new(uhost_id.as_str()))
        .await?;
    wait::instance_gone(&client, &uhost_id, waiter(args)).await?;
    println!("cleaned up: image and instance deleted");
    Ok(())
}
