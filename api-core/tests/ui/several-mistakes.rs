use api_core::api_action;

#[api_action("DescribeThing", paginate(offset = offset, limit = limit, total = total, items = missing))]
#[response(total: i64)]
pub struct DescribeThing {
    #[api(base64)]
    pub offset: Option<i64>,
    pub limit: Option<&'static str>,
    #[api(secret, colour = "red")]
    pub name: String,
    #[api(rename = "Name")]
    pub other: String,
}

fn main() {}
