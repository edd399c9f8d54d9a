use api_core::api_action;

#[api_action("DescribeEIP", paginate(offset = offset, limit = limit, total = total_count, items = eip_set))]
#[response(total_count: i64, eip_set: Vec<String>)]
pub struct DescribeEIP {
    pub offset: Option<String>,
    pub limit: Option<i64>,
}

fn main() {}
