use api_core::api_action;

#[api_action("DescribeThing")]
pub struct DescribeThing<T> {
    pub id: T,
}

fn main() {}
