//! Decoding a DescribeUHostInstance answer of 100 instances into the typed
//! response: the framework's path (envelope and typed fields in one pass)
//! against plain `serde_json::from_slice` into the same type.
//!
//! `cargo bench --bench decode`; figures in BENCHMARKS.md.

#![allow(clippy::expect_used)]
#![recursion_limit = "256"]

use api_uhost::instances::DescribeUHostInstanceResponse;
use divan::{AllocProfiler, Bencher, black_box};
use serde_json::json;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// A realistic answer: 100 instances, each with two disks and two IPs.
fn answer() -> Vec<u8> {
    let instances: Vec<serde_json::Value> = (0..100)
        .map(|i| {
            json!({
                "UHostId": format!("uhost-{i:08x}"),
                "Name": format!("web-{i}"),
                "Zone": "cn-bj2-05",
                "State": if i % 7 == 0 { "Stopped" } else { "Running" },
                "CPU": 4, "Memory": 8192, "GPU": 0,
                "ChargeType": "Month", "AutoRenew": "Yes",
                "BasicImageId": "uimage-ubuntu-2204", "BasicImageName": "Ubuntu 22.04 64位",
                "ImageId": "uimage-ubuntu-2204", "OsName": "Ubuntu 22.04 64位", "OsType": "Linux",
                "MachineType": "O", "UHostType": "O.BM", "CpuPlatform": "Intel/CascadeLake",
                "NetCapability": "Normal", "NetworkState": "Connected", "BootDiskState": "Normal",
                "TotalDiskSpace": 240, "IsolationGroup": "", "Remark": "", "Tag": "Default",
                "CreateTime": 1700000000 + i, "ExpireTime": 1800000000 + i,
                "TimemachineFeature": "no", "HotplugFeature": false, "IPv6Feature": false,
                "HostType": "O", "LifeCycle": "Normal", "SubnetType": "Default",
                "DiskSet": [
                    {"DiskId": format!("bsi-{i}-0"), "DiskType": "CLOUD_RSSD", "Drive": "vda", "IsBoot": "True",
                     "Size": 40, "Type": "Boot", "Encrypted": "false", "BackupType": "NONE", "Name": "boot"},
                    {"DiskId": format!("bsi-{i}-1"), "DiskType": "CLOUD_RSSD", "Drive": "vdb", "IsBoot": "False",
                     "Size": 200, "Type": "Data", "Encrypted": "false", "BackupType": "NONE", "Name": "data"}
                ],
                "IPSet": [
                    {"IP": format!("10.9.{}.{}", i / 250, i % 250), "Type": "Private", "IPMode": "IPv4",
                     "Mac": "52:54:00:12:34:56", "SubnetId": "subnet-abc", "VPCId": "uvnet-abc",
                     "Default": "true", "NetworkInterfaceId": format!("uni-{i}"), "Bandwidth": 0, "Weight": 50},
                    {"IP": format!("106.75.{}.{}", i / 250, i % 250), "Type": "Bgp", "IPId": format!("eip-{i}"),
                     "IPMode": "IPv4", "Bandwidth": 10, "Default": "true", "Weight": 50}
                ],
                "KeyPair": {"KeyPairId": "", "KeyPairState": ""},
                "SpotAttribute": {"RecycleTime": 0}
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "Action": "DescribeUHostInstanceResponse",
        "RetCode": 0,
        "TotalCount": 100,
        "UHostSet": instances,
    }))
    .expect("serializable")
}

#[divan::bench]
fn framework(bencher: Bencher<'_, '_>) {
    let body = answer();
    bencher
        .counter(divan::counter::BytesCount::new(body.len()))
        .bench_local(|| {
            api_core::envelope::decode::<DescribeUHostInstanceResponse>(
                "DescribeUHostInstance",
                black_box(&body),
                None,
            )
            .expect("decodes")
        });
}

#[divan::bench]
fn plain_serde_json(bencher: Bencher<'_, '_>) {
    let body = answer();
    bencher
        .counter(divan::counter::BytesCount::new(body.len()))
        .bench_local(|| {
            serde_json::from_slice::<DescribeUHostInstanceResponse>(black_box(&body))
                .expect("decodes")
        });
}
