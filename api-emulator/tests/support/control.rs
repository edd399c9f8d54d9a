//! Driving the control plane under `/_emulator/` over HTTP.

use reqwest::Method;
use serde_json::Value;

/// One control plane answer: the HTTP status and the JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub json: Value,
}

/// Sends `method` to `base` + `path` with an optional JSON body (sent as
/// is when it is a string, serialized otherwise).
pub async fn send(base: &str, method: Method, path: &str, body: Option<Value>) -> Reply {
    let mut request = super::http().request(method, format!("{base}{path}"));
    match body {
        Some(Value::String(text)) => request = request.body(text),
        Some(json) => request = request.json(&json),
        None => {}
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("control answer is not JSON ({e}): {text:?}"));
    Reply { status, json }
}

pub async fn get(base: &str, path: &str) -> Reply {
    send(base, Method::GET, path, None).await
}

pub async fn post(base: &str, path: &str, body: Value) -> Reply {
    send(base, Method::POST, path, Some(body)).await
}

pub async fn put(base: &str, path: &str, body: Value) -> Reply {
    send(base, Method::PUT, path, Some(body)).await
}

pub async fn delete(base: &str, path: &str) -> Reply {
    send(base, Method::DELETE, path, None).await
}

/// `GET` that must answer 200; returns the JSON.
pub async fn ok(base: &str, path: &str) -> Value {
    let reply = get(base, path).await;
    assert_eq!(reply.status, 200, "{path}: {}", reply.json);
    reply.json
}
