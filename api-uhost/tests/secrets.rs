//! Actions that carry a password or user data never show them in `Debug`
//! output, and their metadata marks those parameters secret.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_core::Action;
use api_uhost::disks::DiskType;
use api_uhost::instances::{CreateUHostInstance, LoginMode, ReinstallUHostInstance, UHostDisk};

const PASSWORD: &str = "S3cret-Passw0rd!";
/// `#cloud-config` with a made-up credential, base64-encoded.
const USER_DATA: &str = "I2Nsb3VkLWNvbmZpZwp3cml0ZV9maWxlczoKLSBwYXRoOiAvZXRjL2FwcC5lbnYKICBjb250ZW50OiBEQl9QQVNTV09SRD1ub3QtYS1yZWFsLXNlY3JldAo=";

/// Checks the `Debug` output of an action, plain and pretty.
fn assert_debug_hides_secrets(action: &impl std::fmt::Debug, shown: &str) {
    for text in [format!("{action:?}"), format!("{action:#?}")] {
        assert!(!text.contains(PASSWORD), "the password shows in {text}");
        assert!(!text.contains(USER_DATA), "the user data shows in {text}");
        assert!(
            !text.contains("I2Nsb3VkLWNvbmZpZw"),
            "part of the user data shows in {text}"
        );
        assert!(text.contains("<redacted>"), "{text}");
        assert!(text.contains(shown), "{shown:?} is missing from {text}");
    }
}

fn assert_meta_marks_secret<A: Action>() {
    for name in ["Password", "UserData"] {
        let meta = A::META
            .params
            .iter()
            .find(|p| p.wire_name == name)
            .unwrap_or_else(|| panic!("{} has no {name}", A::META.name));
        assert!(meta.secret, "{} does not mark {name} secret", A::META.name);
    }
}

#[test]
fn create_instance_debug_shows_neither_password_nor_user_data() {
    let action = CreateUHostInstance::new("uimage-visible", LoginMode::Password)
        .password(PASSWORD)
        .user_data(USER_DATA)
        .disks([UHostDisk::boot(DiskType::CloudSsd, 20)]);
    assert_debug_hides_secrets(&action, "uimage-visible");
    assert_meta_marks_secret::<CreateUHostInstance>();
}

#[test]
fn reinstall_instance_debug_shows_neither_password_nor_user_data() {
    let action = ReinstallUHostInstance::new("uhost-visible")
        .password(PASSWORD)
        .user_data(USER_DATA);
    assert_debug_hides_secrets(&action, "uhost-visible");
    assert_meta_marks_secret::<ReinstallUHostInstance>();
}
