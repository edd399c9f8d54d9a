//! Machine type actions: the types on sale per zone, the type families, and
//! the capacity check before a create.

use serde_json::{Value, json};

use super::instances::find_image;
use super::{Ctx, disks};
use crate::answer::{ApiError, Reply};
use crate::params::Params;
use crate::regions::Region;

/// A machine type on sale everywhere.
struct MachineType {
    name: &'static str,
    description: &'static str,
    vendor: &'static str,
    platforms: &'static [&'static str],
    family: &'static str,
    frequency: &'static str,
    /// Memory per core, in GB, offered for each core count.
    ratios: &'static [i64],
    cores: &'static [i64],
}

const MACHINE_TYPES: &[MachineType] = &[
    MachineType {
        name: "N",
        description: "General purpose",
        vendor: "Intel",
        platforms: &["Intel/Auto", "Intel/Skylake", "Intel/Cascadelake"],
        family: "n1i",
        frequency: "2.5GHz",
        ratios: &[1, 2, 4, 8],
        cores: &[1, 2, 4, 8, 16, 32],
    },
    MachineType {
        name: "C",
        description: "High frequency",
        vendor: "Intel",
        platforms: &["Intel/Auto", "Intel/Skylake"],
        family: "c1i",
        frequency: "3.2GHz",
        ratios: &[1, 2, 4],
        cores: &[2, 4, 8, 16, 32],
    },
    MachineType {
        name: "O",
        description: "Express",
        vendor: "Intel",
        platforms: &["Intel/Auto", "Intel/Cascadelake", "Intel/IceLake"],
        family: "o1i",
        frequency: "2.6GHz",
        ratios: &[1, 2, 4, 8],
        cores: &[1, 2, 4, 8, 16, 32, 64],
    },
    MachineType {
        name: "OM",
        description: "Express memory optimized",
        vendor: "Intel",
        platforms: &["Intel/Auto", "Intel/Cascadelake"],
        family: "om1i",
        frequency: "2.6GHz",
        ratios: &[8, 16],
        cores: &[2, 4, 8, 16, 32],
    },
    MachineType {
        name: "OPRO",
        description: "Express PRO",
        vendor: "Amd",
        platforms: &["Amd/Auto", "Amd/Epyc2"],
        family: "opro1a",
        frequency: "2.9GHz",
        ratios: &[1, 2, 4],
        cores: &[2, 4, 8, 16, 32, 48],
    },
];

fn sizes(t: &MachineType) -> Value {
    let collection: Vec<Value> = t
        .cores
        .iter()
        .map(|cpu| {
            json!({
                "Cpu": cpu,
                "Memory": t.ratios.iter().map(|r| r * cpu).collect::<Vec<_>>(),
                "MinimalCpuPlatform": t.platforms,
            })
        })
        .collect();
    json!([{ "Gpu": 0, "Collection": collection }])
}

fn cpu_platforms(t: &MachineType) -> Value {
    let names: Vec<&str> = t
        .platforms
        .iter()
        .filter_map(|p| p.split_once('/').map(|(_, n)| n))
        .collect();
    let (intel, amd) = if t.vendor == "Amd" {
        (vec![], names)
    } else {
        (names, vec![])
    };
    json!({ "Intel": intel, "Amd": amd, "Ampere": [] })
}

fn features() -> Value {
    json!([{
        "Name": "NetCapability",
        "Modes": [
            { "Name": "Super", "MinimalCpuPlatform": ["Intel/Skylake"], "RelatedToImageFeature": ["NetEnhanced"] },
            { "Name": "Ultra", "MinimalCpuPlatform": ["Intel/Cascadelake"], "RelatedToImageFeature": ["NetEnhanced_Ultra"] },
        ],
    }])
}

fn family(t: &MachineType) -> Value {
    json!([{
        "Name": t.family,
        "CpuFrequency": t.frequency,
        "CpuPlatforms": t.platforms.iter().map(|p| json!({
            "Name": p,
            "CpuFrequency": t.frequency,
            "CpuModels": [format!("{} Xeon/EPYC", t.vendor)],
        })).collect::<Vec<_>>(),
    }])
}

/// DescribeAvailableInstanceTypes: every machine type on sale in each zone
/// of the region (or the given zone), filtered by `MachineTypes.N`.
pub(super) fn describe_available(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let wanted = p.list("MachineTypes");
    let zones: Vec<&str> = match (ctx.zone(), ctx.region) {
        (Some(zone), _) => vec![zone],
        (None, Some(Region { zones, .. })) => zones.to_vec(),
        (None, None) => vec![""],
    };
    let mut set = Vec::new();
    for zone in zones {
        for t in MACHINE_TYPES
            .iter()
            .filter(|t| wanted.is_empty() || wanted.contains(&t.name))
        {
            set.push(json!({
                "Name": t.name,
                "Zone": zone,
                "Status": "Normal",
                "Description": t.description,
                "MachineClass": t.name,
                "InstanceType": t.name,
                "ParentType": t.name,
                "CpuPlatforms": cpu_platforms(t),
                "Disks": disks::media(t.name),
                "Features": features(),
                "GraphicsMemory": { "Rate": 0, "Value": 0 },
                "Performance": { "Rate": 0, "Value": 0.0 },
                "MachineSizes": sizes(t),
                "UHostFamilies": family(t),
            }));
        }
    }
    ctx.reply(&json!({ "Status": "Normal", "AvailableInstanceTypes": set }))
}

/// DescribeHostMachineTypeFamilies: the machine type families.
pub(super) fn describe_families(ctx: &Ctx<'_>, _p: &Params) -> Result<Reply, ApiError> {
    let set: Vec<Value> = MACHINE_TYPES
        .iter()
        .map(|t| {
            let media: Vec<Value> = disks::media(t.name)
                .into_iter()
                .map(|mut m| {
                    if let Some(fields) = m.as_object_mut() {
                        fields.insert("OperationStatus".to_owned(), json!("Online"));
                    }
                    m
                })
                .collect();
            json!({
                "Name": t.name,
                "Description": t.description,
                "OperationStatus": "Online",
                "ParentType": t.name,
                "Virtual": true,
                "GpuSeries": "",
                "GpuType": { "Name": "", "GraphicsMemory": { "Rate": 0, "Value": 0 }, "Performance": { "Rate": 0, "Value": 0.0 } },
                "ProType": { "Name": t.family, "Frequency": { "Value": 0.0 } },
                "SceneCategories": ["General"],
                "CpuPlatforms": t.platforms.iter().map(|p| json!({ "Name": p, "OperationStatus": "Online" })).collect::<Vec<_>>(),
                "Disks": media,
                "Features": features(),
                "MachineSizes": sizes(t),
                "UHostFamilies": family(t),
            })
        })
        .collect();
    ctx.reply(&json!({ "MachineTypes": set }))
}

/// CheckUHostResourceCapacity: capacity is always there; express (`O…`)
/// types report an RDMA cluster.
pub(super) fn check_capacity(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let zone = ctx.zone().ok_or_else(|| ApiError::missing("Zone"))?;
    let image_id = p.required("ImageId")?;
    let data = ctx.account.read();
    find_image(ctx.store, &data, region.id, image_id).ok_or_else(|| {
        ApiError::invalid(
            "ImageId",
            format!("no image {image_id:?} in region {}", region.id),
        )
    })?;
    let express = p.get("MachineType").is_some_and(|m| m.starts_with('O'));
    let clusters: Vec<String> = if express {
        vec![format!("rdma-{zone}")]
    } else {
        Vec::new()
    };
    ctx.reply(&json!({ "ResourceEnough": true, "RdmaClusterIds": clusters }))
}
