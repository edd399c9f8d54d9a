//! Example answers and enums of images.

use api_uhost::images::{CreateCustomImageResponse, ImageState, ImageType, OsType};

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
fn image_enums_round_trip() {
    round_trips(ImageType::ALL);
    round_trips(OsType::ALL);
    round_trips(ImageState::ALL);
}
