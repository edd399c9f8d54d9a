use api_core::api_action;

#[api_action("DescribeThing")]
pub struct DescribeThing {
    pub uhost_id: String,
    #[api(rename = "UHostId")]
    pub host: Option<String>,
}

fn main() {}
