use api_core::api_action;

#[api_action("DescribeThing")]
pub struct DescribeThing {
    #[api(renam = "ThingId")]
    pub id: String,
}

fn main() {}
