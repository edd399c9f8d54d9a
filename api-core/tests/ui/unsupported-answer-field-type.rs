use api_core::api_action;

#[api_action("DescribeTraffic")]
#[response(bytes: u128, address: std::net::IpAddr)]
pub struct DescribeTraffic {}

fn main() {}
