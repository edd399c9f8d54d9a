//! Encoding and signing requests: the client's own cost per call before
//! anything touches the network.
//!
//! `cargo bench --bench encode`; figures and the machine in BENCHMARKS.md.

#![allow(clippy::expect_used)]

use api_core::{Client, Credential};
use api_uhost::disks::DiskType;
use api_uhost::images::CreateCustomImage;
use api_uhost::instances::{
    ChargeType, CreateUHostInstance, CreateUHostInstanceParamLabels,
    CreateUHostInstanceParamNetworkInterface, CreateUHostInstanceParamNetworkInterfaceEIP,
    EipOperator, EipPayMode, LoginMode, UHostDisk,
};
use divan::{AllocProfiler, Bencher, black_box};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

fn client() -> Client {
    Client::builder()
        .credential(Credential::new(
            "ucloudsomeone@example.com1296235120854146120",
            "46f09bb9fab4f12dfc160dae12273d5332b5debe",
        ))
        .region("cn-bj2")
        .project_id("org-xxx")
        .build()
        .expect("a valid client")
}

/// The request of the CreateCustomImage reference page.
#[divan::bench]
fn create_custom_image(bencher: Bencher<'_, '_>) {
    let client = client();
    let request = CreateCustomImage::new("uhost-xxx", "Test")
        .data_udisk_ids(["TtzKXtvV"])
        .tag("bSyBHVKz");
    bencher.bench_local(|| client.encode(black_box(&request)).expect("encodes"));
}

/// A CreateUHostInstance with two disks, a network interface with an EIP,
/// and labels.
#[divan::bench]
fn create_uhost_instance(bencher: Bencher<'_, '_>) {
    let client = client();
    let request = CreateUHostInstance::new("uimage-ubuntu-2204", LoginMode::Password)
        .zone("cn-bj2-05")
        .password("Secr3t-Passw0rd!")
        .cpu(4)
        .memory(8192)
        .name("web-1")
        .charge_type(ChargeType::Month)
        .disks([
            UHostDisk::boot(DiskType::CloudRssd, 40),
            UHostDisk::data(DiskType::CloudRssd, 200),
        ])
        .network_interface([CreateUHostInstanceParamNetworkInterface::default().eip(
            CreateUHostInstanceParamNetworkInterfaceEIP::default()
                .bandwidth(10)
                .pay_mode(EipPayMode::Bandwidth)
                .operator_name(EipOperator::Bgp),
        )])
        .labels([
            CreateUHostInstanceParamLabels::default()
                .key("team")
                .value("web"),
            CreateUHostInstanceParamLabels::default()
                .key("env")
                .value("prod"),
        ]);
    bencher.bench_local(|| client.encode(black_box(&request)).expect("encodes"));
}

/// The signature alone over the seed request's sorted parameters.
#[divan::bench]
fn signature_only(bencher: Bencher<'_, '_>) {
    let mut params = api_core::Params::new();
    for (k, v) in [
        ("Action", "CreateCustomImage"),
        ("DataUDiskIds.0", "TtzKXtvV"),
        ("ImageName", "Test"),
        ("ProjectId", "org-xxx"),
        ("PublicKey", "ucloudsomeone@example.com1296235120854146120"),
        ("Region", "cn-bj2"),
        ("Tag", "bSyBHVKz"),
        ("UHostId", "uhost-xxx"),
    ] {
        params.push(k, v);
    }
    bencher.bench_local(|| {
        api_core::sign::signature(
            black_box(&params),
            "46f09bb9fab4f12dfc160dae12273d5332b5debe",
        )
    });
}
