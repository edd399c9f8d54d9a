use api_core::api_action;

#[api_action("DescribeThing")]
#[response(total_count i64, items: Vec<String>)]
pub struct DescribeThing {
    pub id: String,
}

fn main() {}
