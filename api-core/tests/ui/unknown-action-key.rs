use api_core::api_action;

#[api_action("DescribeThing", retry = true)]
pub struct DescribeThing {
    pub id: String,
}

fn main() {}
