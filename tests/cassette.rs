//! Record and replay: a session against the in-process emulator is
//! written to a cassette with its secrets removed, then served again
//! offline after the emulator has stopped, retries and failures included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use api_core::test_util::{Recorder, Replay};
use api_core::transport::HttpTransport;
use api_core::{Client, Credential, Error};
use api_emulator::{Fault, FaultKind};
use api_uhost::instances::DescribeUHostInstance;
use base64::Engine as _;

const PASSWORD: &str = "Sup3r-Secret-Pw!";

/// A fresh cassette path for one test.
fn cassette(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cassette-{name}.jsonl"))
}

/// The session recorded and replayed: look up an image, create two
/// instances, list them. Returns each instance's id and state.
async fn session(client: &Client) -> Vec<(String, String)> {
    let ids = support::create_instances(client, 2).await;
    let listed = client
        .send(DescribeUHostInstance::new().uhost_ids(ids.clone()))
        .await
        .expect("DescribeUHostInstance succeeds");
    let mut found: Vec<(String, String)> = listed
        .uhost_set
        .into_iter()
        .map(|i| (i.uhost_id, format!("{:?}", i.state)))
        .collect();
    found.sort();
    assert_eq!(found.len(), ids.len());
    found
}

#[tokio::test]
async fn a_recorded_session_replays_offline_after_the_emulator_stops() {
    let emu = support::emulator([]).await;
    let path = cassette("session");
    let http = HttpTransport::new(Duration::from_secs(5), "cassette-test").unwrap();
    let recorder = Recorder::new(&path, Arc::new(http)).unwrap();
    let client = support::client_builder(&emu)
        .transport(Arc::new(recorder))
        .build()
        .unwrap();
    support::linux_image(&client).await;
    // The listing fails twice (an HTTP 503, then a dropped connection)
    // before it succeeds: the cassette keeps all three attempts.
    emu.set_faults(vec![
        Fault::new(FaultKind::HttpStatus(503))
            .action("DescribeUHostInstance")
            .times(1),
        Fault::new(FaultKind::DropConnection)
            .action("DescribeUHostInstance")
            .times(1),
    ])
    .unwrap();
    let recorded = session(&client).await;
    // The replaying client fills in the same defaults as the recording
    // one; its base URL points at the emulator, which is gone.
    let offline = support::client_builder(&emu);
    emu.shutdown().await;

    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let password_b64 = base64::engine::general_purpose::STANDARD.encode(PASSWORD);
    for secret in [
        support::PUBLIC_KEY,
        support::PRIVATE_KEY,
        PASSWORD,
        password_b64.as_str(),
        "Signature",
    ] {
        assert!(
            !text.contains(secret),
            "the cassette holds {secret:?}:\n{text}"
        );
    }
    let create = lines
        .iter()
        .find(|l| l["action"] == "CreateUHostInstance")
        .unwrap();
    assert_eq!(create["params"]["Password"], "<redacted>");
    let describes: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["action"] == "DescribeUHostInstance")
        .collect();
    assert_eq!(describes.len(), 3, "{text}");
    assert_eq!(describes[0]["status"], 503);
    assert_eq!(describes[1]["error"]["kind"], "other");
    assert_eq!(describes[2]["status"], 200);
    let attempts: Vec<&serde_json::Value> = describes.iter().map(|l| &l["attempt"]).collect();
    assert_eq!(attempts, [1, 2, 3]);

    let replay = Replay::open(&path).unwrap();
    let client = replay.attach(offline).build().unwrap();
    support::linux_image(&client).await;
    assert_eq!(session(&client).await, recorded);
    assert_eq!(replay.remaining(), 0);
}

/// A replaying client for `cassette`, with the defaults of the recording.
fn replaying(replay: &Replay) -> Client {
    replay
        .attach(
            Client::builder()
                .credential(Credential::new("any", "key"))
                .region(support::REGION)
                .zone(support::ZONE),
        )
        .build()
        .unwrap()
}

const RECORDED: &str = r#"
{"action":"DescribeUHostInstance","attempt":1,"params":{"Limit":"10","Region":"cn-bj2","Zone":"cn-bj2-02"},"status":200,"request_uuid":"req-1","response":{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":0,"UHostSet":[]}}
"#;

#[tokio::test]
async fn a_request_the_cassette_lacks_fails_showing_the_closest_recording() {
    let replay = Replay::parse(RECORDED).unwrap();
    let client = replaying(&replay);
    let err = client
        .send(DescribeUHostInstance::new().limit(20))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    let text = err.to_string();
    for part in [
        "has no exchange left for DescribeUHostInstance (attempt 1)",
        r#"the closest is line 2, which differs: Limit: expected "10", sent "20""#,
        "record the cassette again",
    ] {
        assert!(text.contains(part), "{part:?} missing from: {text}");
    }
    let answer = client
        .send(DescribeUHostInstance::new().limit(10))
        .await
        .unwrap();
    assert_eq!(answer.total_count, 0);
    let err = client
        .send(DescribeUHostInstance::new().limit(10))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("line 2 recorded this request and was already served"),
        "{err}"
    );
}

#[tokio::test]
async fn ignored_parameters_are_left_out_of_the_comparison() {
    let replay = Replay::parse(RECORDED).unwrap().ignore_param("Limit");
    let answer = replaying(&replay)
        .send(DescribeUHostInstance::new().limit(50))
        .await
        .unwrap();
    assert_eq!(answer.total_count, 0);
}

#[test]
fn a_malformed_cassette_is_refused_naming_the_line() {
    let err = Replay::parse("\n{\"action\":\"X\",\"params\":{}}\n").unwrap_err();
    assert!(
        err.to_string()
            .contains("line 2 of the cassette given as text is not a recorded exchange: it has neither a `status` nor an `error`"),
        "{err}"
    );
    let err = Replay::open(cassette("missing")).unwrap_err();
    assert!(err.to_string().contains("record it first"), "{err}");
}
