//! Encoding and signing requests: the client's own cost per call before
//! anything touches the network.
//!
//! `cargo bench --bench encode`; figures and the machine in BENCHMARKS.md.
//! After divan's table, the run prints the ratio of the seed request's
//! encode+sign to the SHA1 of its string-to-sign alone, from medians of
//! samples taken in turn in the same process.

#![allow(clippy::expect_used)]

use api_core::{Client, Credential};
use api_uhost::disks::DiskType;
use api_uhost::images::CreateCustomImage;
use api_uhost::instances::{
    ChargeType, CreateUHostInstance, CreateUHostInstanceParamLabels,
    CreateUHostInstanceParamNetworkInterface, CreateUHostInstanceParamNetworkInterfaceEIP,
    EipOperator, EipPayMode, LoginMode, UHostDisk,
};
use std::time::Instant;

use divan::{AllocProfiler, Bencher, black_box};
use sha1::{Digest, Sha1};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
    if !std::env::args().any(|arg| arg == "--test") {
        print_ratio();
    }
}

/// The seed request's string-to-sign: its sorted keys and values, then the
/// private key.
const SEED_STRING_TO_SIGN: &[u8] = b"ActionCreateCustomImageDataUDiskIds.0TtzKXtvV\
    ImageNameTestProjectIdorg-xxx\
    PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2\
    TagbSyBHVKzUHostIduhost-xxx46f09bb9fab4f12dfc160dae12273d5332b5debe";

fn seed_request() -> CreateCustomImage {
    CreateCustomImage::new("uhost-xxx", "Test")
        .data_udisk_ids(["TtzKXtvV"])
        .tag("bSyBHVKz")
}

/// Median nanoseconds per call of `a` and of `b`, sampled alternately
/// (201 samples of 2,000 calls each) so that both see the same noise.
fn paired_medians(mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64) {
    const SAMPLES: usize = 201;
    const CALLS: u32 = 2_000;
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..CALLS {
            f();
        }
        start.elapsed().as_secs_f64() * 1e9 / f64::from(CALLS)
    };
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..SAMPLES {
        ta.push(time(&mut a));
        tb.push(time(&mut b));
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (median(ta), median(tb))
}

fn print_ratio() {
    let client = client();
    let request = seed_request();
    let (encode, hash) = paired_medians(
        || {
            black_box(client.encode(black_box(&request)).expect("encodes"));
        },
        || {
            black_box(Sha1::digest(black_box(SEED_STRING_TO_SIGN)));
        },
    );
    println!(
        "seed CreateCustomImage: encode+sign {encode:.0} ns, SHA1 of its string-to-sign \
         alone {hash:.0} ns (medians): {:.2}x",
        encode / hash
    );
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
    let request = seed_request();
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

/// The SHA1 of the seed request's string-to-sign alone: the floor for
/// encode+sign.
#[divan::bench]
fn sha1_alone(bencher: Bencher<'_, '_>) {
    bencher.bench_local(|| Sha1::digest(black_box(SEED_STRING_TO_SIGN)));
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

/// Making a client for a plain `http` endpoint: its `https` clients and
/// the platform's certificates are left for the first request that needs
/// them.
#[divan::bench]
fn make_client(bencher: Bencher<'_, '_>) {
    bencher.bench_local(|| {
        Client::builder()
            .credential(Credential::new("pk", "sk"))
            .base_url("http://127.0.0.1:1/")
            .region("cn-bj2")
            .build()
            .expect("a valid client")
    });
}
