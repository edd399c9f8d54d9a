use api_core::{api_action, api_model};

/// A VPC, as DescribeVPC lists it; `#[api_model]` is missing.
pub struct VpcInfo {
    pub vpc_id: String,
}

/// A subnet.
#[api_model]
pub struct Subnet {
    pub vpc: VpcInfo,
}

#[api_action("DescribeVPC")]
#[response(data_set: Vec<VpcInfo>)]
pub struct DescribeVPC {}

fn main() {}
