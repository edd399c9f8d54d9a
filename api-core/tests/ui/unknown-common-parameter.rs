use api_core::api_action;

#[api_action("DescribeThing", common(regoin, zone?, zone))]
pub struct DescribeThing {
    pub id: String,
}

fn main() {
    let _ = DescribeThing::new("id").zone("cn-bj2-02");
}
