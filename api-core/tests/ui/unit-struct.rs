use api_core::api_action;

#[api_action("DescribeThing")]
pub struct DescribeThing;

fn main() {}
