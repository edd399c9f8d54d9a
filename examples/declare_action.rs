//! Declaring actions of another service in a few lines.
//!
//! `AllocateEIP`, `DescribeEIP` and `ReleaseEIP` belong to the network
//! service (UNet), which no crate of this workspace declares. About ten
//! lines each (without docs) make them typed actions with their common
//! parameters (`Region` and `ProjectId`, no `Zone`), paging and retry
//! safety; the rest of this file runs them.
//!
//! Allocating addresses costs money, so the example runs against a
//! stand-in network service on 127.0.0.1 that checks signatures and
//! parameters and answers like the real one.
//!
//! ```text
//! cargo run --example declare_action
//! ```

use std::process::ExitCode;

use api_core::{Client, Credential, api_action, api_model};
use futures_util::TryStreamExt;

/// Allocates elastic IPs. Not retried: a repeated request allocates more.
#[api_action("AllocateEIP", common(region, project_id?))]
#[response(eip_set: Vec<AllocatedEip>)]
pub struct AllocateEip {
    /// The line: `Bgp` or `International`.
    pub operator_name: String,
    /// Bandwidth in Mbps.
    pub bandwidth: i64,
    /// How many addresses (1 by default).
    pub quantity: Option<i64>,
    /// Name of the addresses.
    pub name: Option<String>,
}

/// Lists elastic IPs, a page at a time.
#[api_action("DescribeEIP", common(region, project_id?), paginate(offset = offset, limit = limit, total = total_count, items = eip_set))]
#[response(total_count: i64, eip_set: Vec<Eip>)]
pub struct DescribeEip {
    /// Only these addresses.
    pub eip_ids: Vec<String>,
    /// Where the page starts.
    pub offset: Option<i64>,
    /// Page size.
    pub limit: Option<i64>,
}

/// Releases an elastic IP. Retried by default: releasing twice is
/// harmless.
#[api_action("ReleaseEIP", common(region, project_id?))]
pub struct ReleaseEip {
    /// The address to release.
    pub eip_id: String,
}

/// An address of an elastic IP.
#[api_model]
pub struct EipAddr {
    /// The line.
    pub operator_name: String,
    /// The address.
    pub ip: String,
}

/// An elastic IP just allocated.
#[api_model]
pub struct AllocatedEip {
    /// Its id.
    pub eip_id: String,
    /// Its addresses.
    pub eip_addr: Vec<EipAddr>,
}

/// An elastic IP, as `DescribeEIP` lists it.
#[api_model]
pub struct Eip {
    /// Its id.
    pub eip_id: String,
    /// Its name.
    pub name: String,
    /// Bandwidth in Mbps.
    pub bandwidth: i64,
    /// `used`, `free` or `freeze`.
    pub status: String,
    /// Its addresses.
    pub eip_addr: Vec<EipAddr>,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let url = stand_in::start("example-public-key", "example-private-key").await?;
    println!("a stand-in network service at {url}");
    let client = Client::builder()
        .user_agent_suffix("declare-action-example")
        .credential(Credential::new("example-public-key", "example-private-key"))
        .region("cn-bj2")
        .base_url(url)
        .build()?;

    let allocated = client
        .send(AllocateEip::new("Bgp", 2).quantity(3).name("web"))
        .await?;
    println!("allocated {} address(es)", allocated.eip_set.len());

    // Every address, two a page.
    let all: Vec<Eip> = client
        .paginate(DescribeEip::new().limit(2))
        .items()
        .try_collect()
        .await?;
    for eip in &all {
        let ips: Vec<&str> = eip.eip_addr.iter().map(|a| a.ip.as_str()).collect();
        println!(
            "  {} {} {} Mbps {:?}",
            eip.eip_id, eip.status, eip.bandwidth, ips
        );
    }
    if let Some(first) = all.first() {
        println!("as JSON: {}", serde_json::to_string(first)?);
    }

    for eip in &all {
        client.send(ReleaseEip::new(eip.eip_id.clone())).await?;
    }
    let left = client.send(DescribeEip::new()).await?;
    println!("released them all: {} left", left.total_count);
    Ok(())
}

/// A minimal network service on 127.0.0.1: it checks the signature and
/// the parameters each action needs, and keeps the addresses in memory.
mod stand_in {
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};

    use api_core::retcode;
    use axum::body::Bytes;
    use axum::response::{IntoResponse, Response};
    use serde_json::{Value, json};
    use sha1::{Digest, Sha1};

    type Eips = Arc<Mutex<Vec<Value>>>;

    /// The services' code for a missing parameter.
    const MISSING_PARAMS: i64 = 230;

    /// Starts the service and returns its base URL.
    pub(crate) async fn start(
        public_key: &'static str,
        private_key: &'static str,
    ) -> std::io::Result<String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let eips = Eips::default();
        let app = axum::Router::new().fallback(move |body: Bytes| {
            let eips = Arc::clone(&eips);
            async move { answer(&body, public_key, private_key, &eips) }
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(url)
    }

    fn answer(body: &[u8], public_key: &str, private_key: &str, eips: &Eips) -> Response {
        let params: BTreeMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
        let reply = if params.get("PublicKey").map(String::as_str) != Some(public_key) {
            json!({"RetCode": retcode::UNKNOWN_USER, "Message": "user not found"})
        } else if params.get("Signature") != Some(&signature(&params, private_key)) {
            json!({"RetCode": retcode::BAD_SIGNATURE, "Message": "signature error"})
        } else if !params.contains_key("Region") {
            json!({"RetCode": MISSING_PARAMS, "Message": "Missing params Region"})
        } else {
            let action = params.get("Action").map_or("", String::as_str);
            let mut eips = eips.lock().unwrap_or_else(|e| e.into_inner());
            act(action, &params, &mut eips)
        };
        ([("content-type", "application/json")], reply.to_string()).into_response()
    }

    fn act(action: &str, params: &BTreeMap<String, String>, eips: &mut Vec<Value>) -> Value {
        let number = |name: &str, default: usize| {
            params
                .get(name)
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        match action {
            "AllocateEIP" => {
                let (Some(operator), Some(bandwidth)) =
                    (params.get("OperatorName"), params.get("Bandwidth"))
                else {
                    return json!({"RetCode": MISSING_PARAMS, "Message": "Missing params OperatorName or Bandwidth"});
                };
                let mut set = Vec::new();
                for _ in 0..number("Quantity", 1) {
                    let n = eips.len() + 1;
                    let id = format!("eip-{n:04}");
                    let addr = json!([{"OperatorName": operator, "IP": format!("106.75.0.{n}")}]);
                    eips.push(json!({
                        "EIPId": id, "Name": params.get("Name").cloned().unwrap_or_default(),
                        "Bandwidth": bandwidth, "Status": "free", "EIPAddr": addr,
                    }));
                    set.push(json!({"EIPId": id, "EIPAddr": addr}));
                }
                json!({"RetCode": 0, "Action": "AllocateEIPResponse", "EIPSet": set})
            }
            "DescribeEIP" => {
                let (offset, limit) = (number("Offset", 0), number("Limit", 20));
                let page: Vec<&Value> = eips.iter().skip(offset).take(limit).collect();
                json!({"RetCode": 0, "Action": "DescribeEIPResponse", "TotalCount": eips.len(), "EIPSet": page})
            }
            "ReleaseEIP" => {
                let id = params.get("EIPId").cloned().unwrap_or_default();
                eips.retain(|eip| eip["EIPId"] != id.as_str());
                json!({"RetCode": 0, "Action": "ReleaseEIPResponse"})
            }
            _ => json!({"RetCode": retcode::UNKNOWN_ACTION, "Message": "action not found"}),
        }
    }

    /// SHA1 of the sorted parameters (but `Signature`) and the private key.
    fn signature(params: &BTreeMap<String, String>, private_key: &str) -> String {
        let mut hasher = Sha1::new();
        for (key, value) in params.iter().filter(|(k, _)| *k != "Signature") {
            hasher.update(key.as_bytes());
            hasher.update(value.as_bytes());
        }
        hasher.update(private_key.as_bytes());
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}
