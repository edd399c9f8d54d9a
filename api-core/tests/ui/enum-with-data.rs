use api_core::api_enum;

#[api_enum(rename_all = "kebab")]
pub enum State {
    Running,
    Custom(String),
    #[api(rename = "Running")]
    AlsoRunning,
}

fn main() {}
