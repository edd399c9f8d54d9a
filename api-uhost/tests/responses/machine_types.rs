//! Example answers and enums of machine types.

use api_uhost::disks::{DiskCategory, DiskService, DiskType};
use api_uhost::machine_types::{
    CheckUHostResourceCapacityResponse, CpuPlatform, CpuVendor,
    DescribeAvailableInstanceTypesResponse, DescribeHostMachineTypeFamiliesResponse, GpuType,
    InstanceFamily, InstanceKind, MachineClass, MachineFeature, MachineType, MachineTypeStatus,
    NetCapability, SecurityMode,
};

use super::disks::rejects;
use super::{decode, round_trips};

/// The page's example has a word where the specification has a list of
/// `AvailableInstanceTypes`: it is rejected there, and the example with a
/// list in its place decodes.
#[test]
fn describe_available_instance_types_example_decodes_once_its_list_is_a_list() {
    let page = include_str!("../fixtures/responses/DescribeAvailableInstanceTypes.json");
    rejects::<DescribeAvailableInstanceTypesResponse>(
        "DescribeAvailableInstanceTypes",
        page,
        "AvailableInstanceTypes",
    );
    let body = page.replace(
        r#""sNSlnDFQ""#,
        r#"[{"Zone": "cn-bj2-05", "InstanceType": "uhost", "Name": "O",
             "Status": "Normal", "MachineClass": "Normal", "ParentType": "",
             "Description": "Express O",
             "CpuPlatforms": {"Intel": ["Intel/CascadelakeR", "Intel/IceLake"],
                              "Amd": ["Amd/Epyc2"], "Ampere": null},
             "UHostFamilies": [{"Name": "o1i", "CpuFrequency": "2.5GHz",
                                "CpuPlatforms": [{"Name": "Intel/IceLake",
                                                  "CpuModels": ["Xeon 8358"],
                                                  "CpuFrequency": "2.6GHz"}]}],
             "Disks": [{"Name": "cloudDisk",
                        "BootDisk": [{"Name": "CLOUD_RSSD", "InstantResize": true,
                                      "MaximalSize": 500, "Features": ["SNAPSHOT"]}],
                        "DataDisk": [{"Name": "CLOUD_RSSD", "MinimalSize": 20,
                                      "MaximalSize": 32000, "Features": ["Encrypted"]}]}],
             "MachineSizes": [{"Gpu": 0, "Collection": [{"Cpu": "2", "Memory": [2, 4, 8],
                                                         "MinimalCpuPlatform": ["Intel/Auto"]}]}],
             "Features": [{"Name": "NetCapability",
                           "Modes": [{"Name": "Ultra",
                                      "RelatedToImageFeature": ["NetEnhanced_Ultra"],
                                      "MinimalCpuPlatform": ["Intel/CascadelakeR"]}]}],
             "GraphicsMemory": {"Value": 0, "Rate": 0},
             "Performance": {"Value": 0.0, "Rate": 0}},
            {"Zone": "cn-bj2-05", "InstanceType": "spot", "Name": "G", "Status": "Soldout",
             "MachineClass": "GPU", "GraphicsMemory": {"Value": 24, "Rate": 3},
             "Performance": {"Value": "82.6", "Rate": 4}}]"#,
    );
    let r: DescribeAvailableInstanceTypesResponse = decode("DescribeAvailableInstanceTypes", &body);
    assert_eq!(r.status, "UGBTxoLj");
    assert_eq!(r.available_instance_types.len(), 2);

    let o = &r.available_instance_types[0];
    assert_eq!(o.zone, "cn-bj2-05");
    assert_eq!(o.instance_type, InstanceKind::UHost);
    assert_eq!(o.name, MachineType::O);
    assert_eq!(o.status, MachineTypeStatus::Normal);
    assert_eq!(o.machine_class, MachineClass::Normal);
    assert_eq!(
        o.cpu_platforms.intel,
        [CpuPlatform::IntelCascadelakeR, CpuPlatform::IntelIceLake]
    );
    assert_eq!(o.cpu_platforms.amd, [CpuPlatform::AmdEpyc2]);
    assert!(o.cpu_platforms.ampere.is_empty());
    let family = &o.uhost_families[0];
    assert_eq!(family.name, InstanceFamily::O1i);
    assert_eq!(family.cpu_platforms[0].name, CpuPlatform::IntelIceLake);
    assert_eq!(family.cpu_platforms[0].cpu_models, ["Xeon 8358"]);
    assert_eq!(o.disks[0].name, DiskCategory::CloudDisk);
    assert_eq!(o.disks[0].boot_disk[0].name, DiskType::CloudRssd);
    assert_eq!(o.disks[0].data_disk[0].maximal_size, 32000);
    assert_eq!(o.disks[0].data_disk[0].features, [DiskService::Encrypted]);
    let size = &o.machine_sizes[0].collection[0];
    assert_eq!(size.cpu, 2);
    assert_eq!(size.memory, [2, 4, 8]);
    assert_eq!(size.minimal_cpu_platform, [CpuPlatform::IntelAuto]);
    assert_eq!(o.features[0].name, MachineFeature::NetCapability);
    assert_eq!(o.features[0].modes[0].name, "Ultra");
    assert_eq!(
        o.features[0].modes[0].related_to_image_feature,
        ["NetEnhanced_Ultra"]
    );

    let g = &r.available_instance_types[1];
    assert_eq!(g.instance_type, InstanceKind::Spot);
    assert_eq!(g.status, MachineTypeStatus::Soldout);
    assert_eq!(g.machine_class, MachineClass::Gpu);
    assert_eq!(g.graphics_memory.value, 24);
    assert_eq!(g.performance.value, 82.6);
    assert!(g.disks.is_empty());
}

/// The page's example has a word where the specification has a list of
/// `MachineTypes`: it is rejected there, and the example with a list in
/// its place decodes.
#[test]
fn describe_host_machine_type_families_example_decodes_once_its_list_is_a_list() {
    let page = include_str!("../fixtures/responses/DescribeHostMachineTypeFamilies.json");
    rejects::<DescribeHostMachineTypeFamiliesResponse>(
        "DescribeHostMachineTypeFamilies",
        page,
        "MachineTypes",
    );
    let body = page.replace(
        r#""WshRTkXT""#,
        r#"[{"Name": "OPRO", "Description": "PRO", "OperationStatus": "uhost_opro",
             "ParentType": "O", "GpuSeries": "", "Virtual": false,
             "SceneCategories": ["general"],
             "CpuPlatforms": [{"Name": "Amd/Epyc2", "OperationStatus": "amd"}],
             "Disks": [{"Name": "cloudDisk", "OperationStatus": "rssd",
                        "BootDisk": [{"Name": "CLOUD_RSSD", "InstantResize": true,
                                      "MaximalSize": 500,
                                      "Features": [{"Name": "SNAPSHOT",
                                                    "Modes": [{"Name": "Base",
                                                               "OperationStatus": "on"}]}]}],
                        "DataDisk": [{"Name": "CLOUD_RSSD", "MinimalSize": 20,
                                      "MaximalSize": 32000, "Features": []}]}],
             "MachineSizes": [{"Gpu": 0, "Collection": [{"Cpu": 4, "Memory": [8, 16]}]}],
             "Features": [{"Name": "Hotplug", "Modes": [{"Name": "Hotplug"}]}],
             "UHostFamilies": [{"Name": "o1a", "CpuFrequency": "3.0GHz"}],
             "ProType": {"Name": "OPRO", "Frequency": {"Value": 3.5}}},
            {"Name": "G", "Virtual": true,
             "GpuType": {"Name": "4090", "GraphicsMemory": {"Value": 24, "Rate": 1},
                         "Performance": {"Value": 82.6, "Rate": 2}}}]"#,
    );
    let r: DescribeHostMachineTypeFamiliesResponse =
        decode("DescribeHostMachineTypeFamilies", &body);
    assert_eq!(r.machine_types.len(), 2);

    let opro = &r.machine_types[0];
    assert_eq!(opro.name, MachineType::Opro);
    assert_eq!(opro.operation_status, "uhost_opro");
    assert_eq!(opro.parent_type, "O");
    assert!(!opro.is_virtual);
    assert_eq!(opro.scene_categories, ["general"]);
    assert_eq!(opro.cpu_platforms[0].name, CpuPlatform::AmdEpyc2);
    let disks = &opro.disks[0];
    assert_eq!(disks.name, DiskCategory::CloudDisk);
    assert_eq!(disks.operation_status, "rssd");
    let boot = &disks.boot_disk[0];
    assert_eq!(boot.name, DiskType::CloudRssd);
    assert_eq!(boot.features[0].name, "SNAPSHOT");
    assert_eq!(boot.features[0].modes[0].name, "Base");
    assert_eq!(boot.features[0].modes[0].operation_status, "on");
    assert_eq!(disks.data_disk[0].minimal_size, 20);
    assert_eq!(opro.machine_sizes[0].collection[0].memory, [8, 16]);
    assert_eq!(opro.features[0].name, MachineFeature::Hotplug);
    assert_eq!(opro.uhost_families[0].name, InstanceFamily::O1a);
    let pro = opro.pro_type.as_ref().unwrap();
    assert_eq!(pro.name, "OPRO");
    assert_eq!(pro.frequency.value, 3.5);

    let g = &r.machine_types[1];
    assert!(g.is_virtual);
    assert_eq!(g.pro_type, None);
    assert_eq!(g.gpu_type.name, GpuType::Rtx4090);
    assert_eq!(g.gpu_type.graphics_memory.value, 24);
    assert_eq!(g.gpu_type.performance.value, 82.6);
}

#[test]
fn check_uhost_resource_capacity_example_decodes() {
    let r: CheckUHostResourceCapacityResponse = decode(
        "CheckUHostResourceCapacity",
        include_str!("../fixtures/responses/CheckUHostResourceCapacity.json"),
    );
    assert!(!r.resource_enough);
    assert_eq!(r.rdma_cluster_ids, ["BXhwDYBZ"]);
}

#[test]
fn machine_type_enums_round_trip() {
    round_trips(MachineType::ALL);
    round_trips(CpuPlatform::ALL);
    round_trips(CpuVendor::ALL);
    round_trips(GpuType::ALL);
    round_trips(NetCapability::ALL);
    round_trips(SecurityMode::ALL);
    round_trips(InstanceFamily::ALL);
    round_trips(MachineTypeStatus::ALL);
    round_trips(MachineClass::ALL);
    round_trips(InstanceKind::ALL);
    round_trips(MachineFeature::ALL);
}

#[test]
fn machine_type_enums_use_the_api_spellings() {
    assert_eq!(MachineType::Os.as_str(), "OS");
    assert_eq!(MachineType::Oprog.as_str(), "OPROG");
    assert_eq!(MachineType::OBareMetal.as_str(), "O.BM");
    assert_eq!(MachineType::OEpc.as_str(), "O.EPC");
    assert_eq!(
        CpuPlatform::IntelCascadelakeR.as_str(),
        "Intel/CascadelakeR"
    );
    assert_eq!(CpuPlatform::AmpereAltra.as_str(), "Ampere/Altra");
    assert_eq!(GpuType::T4Quarter.as_str(), "T4/4");
    assert_eq!(GpuType::Rtx2080Ti4C.as_str(), "2080Ti-4C");
    assert_eq!(GpuType::Rtx4090With48G.as_str(), "4090_48G");
    assert_eq!(GpuType::MI100.as_str(), "MI100");
    assert_eq!(InstanceFamily::Om2i.as_str(), "om2i");
    assert_eq!(MachineClass::Gpu.as_str(), "GPU");
    assert_eq!(InstanceKind::UHost.as_str(), "uhost");
}
