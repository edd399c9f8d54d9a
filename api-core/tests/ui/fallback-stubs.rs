//! After a mistake in a declaration, every use of the declared types
//! still compiles: the only error is the mistake itself.
use api_core::{Client, api_action, api_enum, api_model, api_object};

#[api_action("DescribeThing", paginate(offset = offset, limit = limit, total = total, items = things))]
#[response(total: i64, things: Vec<Thing>)]
pub struct DescribeThing {
    #[api(colour = "red")]
    pub name: String,
    pub disk: Option<Disk>,
    pub kind: Option<Kind>,
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

#[api_object]
pub struct Disk {
    #[api(size_in = "GB")]
    pub size: i64,
}

#[api_model]
pub struct Thing {
    #[api(base64)]
    pub id: String,
}

#[api_enum(rename_all = "kebab")]
pub enum Kind {
    Big,
}

async fn run(client: Client) -> Result<(), api_core::Error> {
    let request = DescribeThing::new("n")
        .zone("cn-bj2-02")
        .disk(Disk::new(20))
        .kind(Kind::Big);
    let answer = client.send(request.clone()).await?;
    let first: Option<&Thing> = answer.things.first();
    println!("{} {:?} {}", answer.total, first.map(|t| &t.id), Kind::Big);
    let _ = client.paginate(request);
    Ok(())
}

fn main() {
    let _ = run;
}
