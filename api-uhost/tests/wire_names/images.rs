//! Images, fully populated.

use api_uhost::images::{
    CopyCustomImage, CreateCustomImage, DescribeImage, ImageFormat, ImageFunction, ImageType,
    ImportCustomImage, OsType, TerminateCustomImage,
};

use super::check;

pub(crate) fn check_all() -> Vec<&'static str> {
    vec![
        check(
            CreateCustomImage::new("uhost-1", "image")
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1")
                .image_description("desc")
                .tag("Default")
                .data_udisk_ids(["bsi-1", "bsi-2"]),
        ),
        check(
            CopyCustomImage::new("uimage-1", "org-2")
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1")
                .target_region("hk")
                .target_region_list(["hk", "sg"])
                .target_image_name("copy")
                .target_image_description("a copy")
                .target_image_tag("Default"),
        ),
        check(
            ImportCustomImage::new(
                true,
                ImageFormat::Qcow2,
                "imported",
                "CentOS 7.9 64位",
                "CentOS",
                "https://bucket.cn-bj.ufileos.com/image.qcow2",
            )
            .region("cn-bj2")
            .project_id("org-1")
            .image_description("desc")
            .tag("Default"),
        ),
        check(
            TerminateCustomImage::new("uimage-1")
                .region("cn-bj2")
                .project_id("org-1"),
        ),
        check(
            DescribeImage::new()
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1")
                .func_type(ImageFunction::UHost)
                .image_id("uimage-1")
                .image_ids(["uimage-1", "uimage-2"])
                .image_type(ImageType::Custom)
                .limit(10)
                .offset(20)
                .os_type(OsType::Linux)
                .price_set(1)
                .tag("Default"),
        ),
    ]
}
