use api_core::api_action;

#[api_action("CreateVPC")]
#[response(vpc_id)]
pub struct CreateVPC {
    pub name: String,
}

fn main() {
    let _ = CreateVPC::new("vpc");
}
