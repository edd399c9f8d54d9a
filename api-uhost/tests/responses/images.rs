//! Example answers and enums of images.

use api_uhost::images::{
    CopyCustomImageResponse, CreateCustomImageResponse, DescribeImageResponse, ImageFeature,
    ImageFormat, ImageFunction, ImageState, ImageType, ImportCustomImageResponse, OsType,
    SceneCategory, TerminateCustomImageResponse,
};

use super::{decode, round_trips};

#[test]
fn create_custom_image_example_decodes() {
    let r: CreateCustomImageResponse = decode(
        "CreateCustomImage",
        include_str!("../fixtures/responses/CreateCustomImage.json"),
    );
    assert_eq!(r.image_id, "uimage-xxx");
    assert_eq!(r.data_snapshot_ids, ["hoSgBxwr"]);
}

#[test]
fn copy_custom_image_example_decodes() {
    let r: CopyCustomImageResponse = decode(
        "CopyCustomImage",
        include_str!("../fixtures/responses/CopyCustomImage.json"),
    );
    assert_eq!(
        (r.target_image_id.as_str(), r.task_id.as_str()),
        ("uimage-xxxx", "mtHpdcEX")
    );
    assert_eq!(r.infos.len(), 1);
    assert_eq!(r.infos[0].target_region, "cn-zj");
    assert_eq!(r.infos[0].target_image_id, "afctavgs");
    assert_eq!(r.infos[0].task_id, "rAIFVKLK");
}

#[test]
fn import_and_terminate_examples_decode() {
    let r: ImportCustomImageResponse = decode(
        "ImportCustomImage",
        include_str!("../fixtures/responses/ImportCustomImage.json"),
    );
    assert_eq!(r.image_id, "uimage-xxxxx");
    let r: TerminateCustomImageResponse = decode(
        "TerminateCustomImage",
        include_str!("../fixtures/responses/TerminateCustomImage.json"),
    );
    assert_eq!(r.image_id, "uimage-xxx");
}

/// The example fills enum fields with random words: they decode as
/// unknown values and are kept as they were.
#[test]
fn describe_image_example_decodes() {
    let r: DescribeImageResponse = decode(
        "DescribeImage",
        include_str!("../fixtures/responses/DescribeImage.json"),
    );
    assert_eq!(r.total_count, 4);
    let image = &r.image_set[0];
    assert_eq!(
        (image.image_id.as_str(), image.image_name.as_str()),
        ("DSFagZyu", "tLrQRsEd")
    );
    assert_eq!((image.create_time, image.image_size), (7, 5));
    assert_eq!(image.features, [ImageFeature::from("fIjpPBic")]);
    assert_eq!(image.vendor, "JjBqzeus");
    assert_eq!(image.minimal_cpu, "RDlcZqYK");
    assert_eq!(image.state, ImageState::Unknown("eGSoZznP".into()));
    assert_eq!(image.image_type.as_str(), "qHUuzcMF");
    assert_eq!(image.func_type.as_str(), "HUUNWmIe");
    assert!(image.price_set.is_empty(), "absent fields default");
}

#[test]
fn describe_image_decodes_known_values_and_prices() {
    let body = r#"{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"uimage-1","State":"Available",
        "ImageType":"Base","OsType":"Linux","FuncType":"uhost","SupportedGPUTypes":["T4"],
        "Features":["NetEnhanced","NetEnhanced_Ultra","IPv6","Aarch64_Type"],
        "SceneCategories":["AIModels","HPC"],
        "PriceSet":[{"ChargeType":"Month","Price":"12.5","OriginalPrice":15}]}]}"#;
    let r: DescribeImageResponse = decode("DescribeImage", body);
    let image = &r.image_set[0];
    assert_eq!(image.state, ImageState::Available);
    assert_eq!(
        (image.image_type.clone(), image.os_type.clone()),
        (ImageType::Base, OsType::Linux)
    );
    assert_eq!(image.func_type, ImageFunction::UHost);
    assert_eq!(image.supported_gpu_types, ["T4"]);
    assert_eq!(
        image.features,
        [
            ImageFeature::NetEnhanced,
            ImageFeature::NetEnhancedUltra,
            ImageFeature::IPv6,
            ImageFeature::Aarch64
        ]
    );
    assert_eq!(
        image.scene_categories,
        [SceneCategory::AiModels, SceneCategory::Hpc]
    );
    assert_eq!(image.price_set[0].price, 12.5);
}

#[test]
fn image_enums_round_trip() {
    round_trips(ImageType::ALL);
    round_trips(OsType::ALL);
    round_trips(ImageState::ALL);
    round_trips(ImageFunction::ALL);
    round_trips(ImageFormat::ALL);
    round_trips(ImageFeature::ALL);
    round_trips(SceneCategory::ALL);
}

#[test]
fn image_enums_use_the_api_spellings() {
    assert_eq!(ImageFunction::UHost.as_str(), "uhost");
    assert_eq!(ImageFormat::Qcow2.as_str(), "qcow2");
    assert_eq!(ImageFormat::Vmdk.as_str(), "VMDK");
    assert_eq!(ImageFeature::VgpuNvidia.as_str(), "Vgpu_NVIDIA");
    assert_eq!(ImageFeature::Gpu.as_str(), "GPU");
    assert_eq!(SceneCategory::AiPainting.as_str(), "AIPainting");
}
