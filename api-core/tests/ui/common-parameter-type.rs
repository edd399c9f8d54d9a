use api_core::api_action;

#[api_action("DescribeThing")]
pub struct DescribeThing {
    pub region: String,
    pub id: String,
}

fn main() {}
