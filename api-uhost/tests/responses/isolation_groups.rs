//! Example answers of isolation groups.

use api_uhost::isolation_groups::{
    CreateIsolationGroupResponse, DeleteIsolationGroupResponse, DescribeIsolationGroupResponse,
    LeaveIsolationGroupResponse,
};

use super::decode;

#[test]
fn create_delete_and_leave_examples_decode() {
    let r: CreateIsolationGroupResponse = decode(
        "CreateIsolationGroup",
        include_str!("../fixtures/responses/CreateIsolationGroup.json"),
    );
    assert_eq!(r.group_id, "NcVjMEvr");
    let r: DeleteIsolationGroupResponse = decode(
        "DeleteIsolationGroup",
        include_str!("../fixtures/responses/DeleteIsolationGroup.json"),
    );
    assert_eq!(r.group_id, "FZBkhBxb");
    // The example carries GroupId, which the specification does not
    // list, and omits UHostId: both are fine.
    let r: LeaveIsolationGroupResponse = decode(
        "LeaveIsolationGroup",
        include_str!("../fixtures/responses/LeaveIsolationGroup.json"),
    );
    assert_eq!(r.uhost_id, "");
}

#[test]
fn describe_isolation_group_example_decodes() {
    let r: DescribeIsolationGroupResponse = decode(
        "DescribeIsolationGroup",
        include_str!("../fixtures/responses/DescribeIsolationGroup.json"),
    );
    assert_eq!(r.isolation_group_set[0].group_id, "sYCGPSVa");
    assert_eq!(r.isolation_group_set[0].group_name, "FfjAvODP");
    let spread = &r.isolation_group_set[0].spread_info_set;
    assert_eq!(spread.len(), 9);
    assert_eq!(
        (spread[3].zone.as_str(), spread[3].uhost_count),
        ("mdDSKRtP", 7)
    );
    assert_eq!(r.isolation_group_set[1].group_id, "dUtmePjp");
}
