use api_core::api_action;

#[api_action("DescribeThing")]
pub struct DescribeThing {
    pub region: Option<String>,
    pub id: String,
}

fn main() {
    let _ = DescribeThing::new("id").region("cn-bj2");
}
