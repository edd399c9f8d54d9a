use api_core::api_action;

#[api_action("DescribeThing")]
pub enum DescribeThing {
    One,
}

fn main() {}
