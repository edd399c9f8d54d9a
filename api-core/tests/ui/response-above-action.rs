use api_core::api_action;

#[response(vpc_id: String)]
#[api_action("CreateVPC")]
pub struct CreateVPC {
    pub name: String,
}

fn main() {
    let _ = CreateVPC::new("vpc");
}
