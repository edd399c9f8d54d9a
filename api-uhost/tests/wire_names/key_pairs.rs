//! Key pairs, fully populated.

use api_uhost::key_pairs::{
    CreateUHostKeyPair, DeleteUHostKeyPairs, DescribeUHostKeyPairs, ImportUHostKeyPairs,
};

use super::check;

pub(crate) fn check_all() -> Vec<&'static str> {
    vec![
        check(
            CreateUHostKeyPair::new("deploy")
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1"),
        ),
        check(
            ImportUHostKeyPairs::new(
                "laptop",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host",
            )
            .region("cn-bj2")
            .zone("cn-bj2-02")
            .project_id("org-1"),
        ),
        check(
            DescribeUHostKeyPairs::new()
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1")
                .key_pair_finger_print("aa:bb")
                .key_pair_name("deploy")
                .limit(10)
                .offset(0),
        ),
        check(
            DeleteUHostKeyPairs::new()
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1")
                .key_pair_ids(["kp-1", "kp-2"]),
        ),
    ]
}
