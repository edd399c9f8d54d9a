//! Shared helpers: start an emulator, sign and send requests, read answers.
#![allow(dead_code, unreachable_pub, missing_docs)]

pub mod control;

use api_emulator::Emulator;
use reqwest::header::HeaderMap;
use serde_json::Value;
use sha1::{Digest, Sha1};

pub const PK: &str = "test-public-key";
pub const SK: &str = "test-private-key";

/// An emulator with the test account and immediate state changes.
pub async fn start() -> Emulator {
    Emulator::builder()
        .account(PK, SK)
        .time_scale(0.0)
        .start("127.0.0.1:0")
        .await
        .unwrap()
}

/// The gateway signature: SHA1 over sorted name+value pairs and the key.
pub fn sign(params: &[(String, String)], private_key: &str) -> String {
    let mut sorted: Vec<&(String, String)> =
        params.iter().filter(|(k, _)| k != "Signature").collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut hasher = Sha1::new();
    for (k, v) in sorted {
        hasher.update(k.as_bytes());
        hasher.update(v.as_bytes());
    }
    hasher.update(private_key.as_bytes());
    hex::encode(hasher.finalize())
}

pub fn owned(params: &[(&str, &str)]) -> Vec<(String, String)> {
    params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// `params` plus PublicKey and a valid Signature.
pub fn signed(
    params: &[(&str, &str)],
    public_key: &str,
    private_key: &str,
) -> Vec<(String, String)> {
    let mut all = owned(params);
    all.push(("PublicKey".to_owned(), public_key.to_owned()));
    let signature = sign(&all, private_key);
    all.push(("Signature".to_owned(), signature));
    all
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }

    pub fn ret_code(&self) -> i64 {
        self.json()["RetCode"].as_i64().unwrap()
    }

    pub fn uuid(&self) -> Option<&str> {
        self.headers
            .get("x-ucloud-request-uuid")
            .and_then(|v| v.to_str().ok())
    }
}

pub async fn read(response: reqwest::Response) -> Answer {
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.unwrap(),
    }
}

/// A client for one emulator and account.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub public_key: String,
    pub private_key: String,
}

/// A raw HTTP client. When the whole workspace is built together, reqwest
/// is compiled with rustls but no crypto provider of its own (the SDK
/// brings `ring`), so make sure one is installed first.
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

impl Client {
    pub fn new(emu: &Emulator) -> Self {
        Self::for_account(emu, PK, SK)
    }

    pub fn for_account(emu: &Emulator, public_key: &str, private_key: &str) -> Self {
        Self {
            http: http(),
            base: emu.base_url(),
            public_key: public_key.to_owned(),
            private_key: private_key.to_owned(),
        }
    }

    /// POSTs form-encoded params exactly as given.
    pub async fn post_form(&self, params: &[(String, String)]) -> Answer {
        read(
            self.http
                .post(&self.base)
                .form(params)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// A signed form call; checks the envelope and returns the JSON.
    pub async fn call(&self, action: &str, params: &[(&str, &str)]) -> Value {
        let mut all = vec![("Action", action)];
        all.extend_from_slice(params);
        let answer = self
            .post_form(&signed(&all, &self.public_key, &self.private_key))
            .await;
        assert_eq!(answer.status, 200);
        assert!(answer.uuid().is_some(), "no request UUID");
        let json = answer.json();
        assert_eq!(json["Action"], format!("{action}Response"));
        json
    }

    /// A signed call that must succeed.
    pub async fn ok(&self, action: &str, params: &[(&str, &str)]) -> Value {
        let json = self.call(action, params).await;
        assert_eq!(json["RetCode"], 0, "{action} failed: {json}");
        json
    }

    /// A signed call that must fail with `code`; returns the Message.
    pub async fn fails(&self, action: &str, params: &[(&str, &str)], code: i64) -> String {
        let json = self.call(action, params).await;
        assert_eq!(json["RetCode"], code, "{action}: {json}");
        json["Message"].as_str().unwrap().to_owned()
    }

    /// Creates one instance in cn-bj2-02 (`extra` adds or replaces
    /// parameters) and returns its id.
    pub async fn create_instance(&self, extra: &[(&str, &str)]) -> String {
        let image = self.image_id("Linux").await;
        let mut params = vec![
            ("Region", "cn-bj2"),
            ("Zone", "cn-bj2-02"),
            ("ImageId", image.as_str()),
            ("LoginMode", "Password"),
            ("Password", "UGFzc3dvcmQx"),
        ];
        for (name, value) in extra {
            params.retain(|(k, _)| k != name);
            params.push((name, value));
        }
        let json = self.ok("CreateUHostInstance", &params).await;
        json["UHostIds"][0].as_str().unwrap().to_owned()
    }

    /// The first base image of an OS type in cn-bj2.
    pub async fn image_id(&self, os_type: &str) -> String {
        let json = self
            .ok(
                "DescribeImage",
                &[
                    ("Region", "cn-bj2"),
                    ("ImageType", "Base"),
                    ("OsType", os_type),
                ],
            )
            .await;
        json["ImageSet"][0]["ImageId"].as_str().unwrap().to_owned()
    }

    /// The id of the account's default project, as GetProjectList marks it.
    pub async fn default_project(&self) -> String {
        let json = self.ok("GetProjectList", &[]).await;
        json["ProjectSet"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["IsDefault"] == true)
            .unwrap()["ProjectId"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The instance as DescribeUHostInstance shows it.
    pub async fn instance(&self, id: &str) -> Value {
        let json = self
            .ok(
                "DescribeUHostInstance",
                &[("Region", "cn-bj2"), ("UHostIds.0", id)],
            )
            .await;
        assert_eq!(json["TotalCount"], 1, "{json}");
        json["UHostSet"][0].clone()
    }

    pub async fn state(&self, id: &str) -> String {
        self.instance(id).await["State"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}
