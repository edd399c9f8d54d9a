use api_core::api_action;

#[api_action(
    "DescribeThing",
    retryable,
    not_retryable,
    common(region),
    common(),
    paginate(offset = offset, limit = limit, total = total, items = items, limit = offset)
)]
#[response(total: i64, items: Vec<String>)]
pub struct DescribeThing {
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

fn main() {}
