//! Isolation groups, fully populated.

use api_uhost::isolation_groups::{
    AddUHostToIsolationGroup, CreateIsolationGroup, DeleteIsolationGroup, DescribeIsolationGroup,
    LeaveIsolationGroup,
};

use super::check;

pub(crate) fn check_all() -> Vec<&'static str> {
    vec![
        check(
            CreateIsolationGroup::new("spread")
                .region("cn-bj2")
                .project_id("org-1")
                .remark("web tier"),
        ),
        check(
            DescribeIsolationGroup::new()
                .region("cn-bj2")
                .project_id("org-1")
                .group_id("ig-1")
                .limit(10)
                .offset(0),
        ),
        check(
            DeleteIsolationGroup::new("ig-1")
                .region("cn-bj2")
                .project_id("org-1"),
        ),
        check(
            AddUHostToIsolationGroup::new("ig-1", "uhost-1")
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1"),
        ),
        check(
            LeaveIsolationGroup::new("ig-1", "uhost-1")
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .project_id("org-1"),
        ),
    ]
}
