//! Disks, fully populated.

use api_uhost::disks::{DescribeUHostAvailableDiskTypes, ResizeAttachedDisk};

use super::check;

pub(crate) fn check_all() -> Vec<&'static str> {
    vec![
        check(
            DescribeUHostAvailableDiskTypes::new()
                .region("cn-bj2")
                .zone("cn-bj2-04")
                .project_id("org-1")
                .uhost_ids(["uhost-1", "uhost-2"]),
        ),
        check(
            ResizeAttachedDisk::new("bsi-1", 60, "uhost-1")
                .region("cn-bj2")
                .zone("cn-bj2-04")
                .project_id("org-1")
                .dry_run(true),
        ),
    ]
}
