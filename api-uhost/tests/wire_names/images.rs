//! Images, fully populated.

use api_uhost::images::CreateCustomImage;

use super::check;

pub(crate) fn check_all() -> Vec<&'static str> {
    vec![check(
        CreateCustomImage::new("uhost-1", "image")
            .region("cn-bj2")
            .zone("cn-bj2-02")
            .project_id("org-1")
            .image_description("desc")
            .tag("Default")
            .data_udisk_ids(["bsi-1", "bsi-2"]),
    )]
}
