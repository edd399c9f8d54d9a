use api_core::api_enum;

#[api_enum]
pub enum State {
    Running,
    #[api(alias = "Running")]
    Starting,
}

fn main() {}
