//! Declaring an action of another service in a few lines.
//!
//! `GetProjectList` belongs to the account service, which no crate of this
//! workspace declares. Nine lines of declaration make it a typed action;
//! the rest of this file runs it.
//!
//! With `UCLOUD_PUBLIC_KEY`/`UCLOUD_PRIVATE_KEY` set it calls the real API;
//! otherwise it starts a stand-in account service on 127.0.0.1 that checks
//! the signature and answers like the real one.
//!
//! ```text
//! cargo run --example declare_action
//! ```

use std::process::ExitCode;

use api_core::{Client, Credential, api_action, api_model};

/// Lists the projects of the account.
#[api_action("GetProjectList")]
#[response(
    /// How many projects there are.
    project_count: i64,
    /// The projects.
    project_set: Vec<Project>,
)]
pub struct GetProjectList {
    /// `true` to list only projects with their own finance accounts.
    pub is_finance: Option<String>,
}

/// A project.
#[api_model]
pub struct Project {
    /// Project id, as `ProjectId` parameters take it.
    pub project_id: String,
    /// Project name.
    pub project_name: String,
    /// Whether this is the account's default project.
    pub is_default: bool,
    /// Creation time, Unix seconds.
    pub create_time: i64,
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
    let from_env = api_core::ClientBuilder::from_env()?;
    let client = if from_env.has_credential() {
        from_env.build()?
    } else {
        let url = stand_in::start("example-public-key", "example-private-key").await?;
        println!("no credentials configured: using a stand-in account service at {url}");
        Client::builder()
            .user_agent_suffix("declare-action-example")
            .credential(Credential::new("example-public-key", "example-private-key"))
            .base_url(url)
            .build()?
    };
    let projects = client.send(GetProjectList::new()).await?;
    println!("{} project(s):", projects.project_count);
    for project in &projects.project_set {
        let default = if project.is_default { " (default)" } else { "" };
        println!("  {} {}{default}", project.project_id, project.project_name);
    }
    Ok(())
}

/// A minimal account service on 127.0.0.1 for running without an account.
mod stand_in {
    use std::collections::BTreeMap;

    use api_core::retcode;
    use axum::body::Bytes;
    use axum::response::{IntoResponse, Response};
    use serde_json::json;
    use sha1::{Digest, Sha1};

    /// Starts the service and returns its base URL.
    pub(crate) async fn start(
        public_key: &'static str,
        private_key: &'static str,
    ) -> std::io::Result<String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let app = axum::Router::new()
            .fallback(move |body: Bytes| async move { answer(&body, public_key, private_key) });
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(url)
    }

    fn answer(body: &[u8], public_key: &str, private_key: &str) -> Response {
        let params: BTreeMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
        let mut hasher = Sha1::new();
        for (key, value) in params.iter().filter(|(k, _)| *k != "Signature") {
            hasher.update(key.as_bytes());
            hasher.update(value.as_bytes());
        }
        hasher.update(private_key.as_bytes());
        let expected: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let reply = if params.get("PublicKey").map(String::as_str) != Some(public_key) {
            json!({"RetCode": retcode::UNKNOWN_USER, "Message": "user not found"})
        } else if params.get("Signature") != Some(&expected) {
            json!({"RetCode": retcode::BAD_SIGNATURE, "Message": "signature error"})
        } else if params.get("Action").map(String::as_str) != Some("GetProjectList") {
            json!({"RetCode": retcode::UNKNOWN_ACTION, "Message": "action not found"})
        } else {
            json!({
                "RetCode": 0,
                "Action": "GetProjectListResponse",
                "ProjectCount": 2,
                "ProjectSet": [
                    {"ProjectId": "org-default", "ProjectName": "Default", "IsDefault": true, "CreateTime": 1700000000},
                    {"ProjectId": "org-staging", "ProjectName": "Staging", "IsDefault": false, "CreateTime": "1710000000"}
                ]
            })
        };
        ([("content-type", "application/json")], reply.to_string()).into_response()
    }
}
