use std::collections::HashMap;

use api_core::api_action;

#[api_action("DescribeThing")]
pub struct DescribeThing {
    pub labels: HashMap<String, String>,
    pub pair: (i32, i32),
}

fn main() {}
