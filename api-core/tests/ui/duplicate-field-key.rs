use api_core::{api_action, api_enum, api_model};

#[api_action("CreateThing")]
pub struct CreateThing {
    #[api(rename = "ThingName", secret, rename = "Name")]
    pub name: String,
    #[api(secret)]
    #[api(secret)]
    pub password: Option<String>,
}

#[api_model]
pub struct Thing {
    #[api(rename = "ThingId", rename = "Id")]
    pub id: String,
}

#[api_enum(rename_all = "lowercase", rename_all = "UPPERCASE")]
pub enum Kind {
    #[api(rename = "a", rename = "b")]
    A,
}

fn main() {}
