//! The control plane under `/_emulator/`, driven over HTTP, and the same
//! operations on `Emulator`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use api_emulator::{Emulator, Fault, FaultKind};
use serde_json::{Value, json};
use support::control::{self, delete, get, post, put};
use support::{Client, PK, SK, signed};

const R: (&str, &str) = ("Region", "cn-bj2");
const PK2: &str = "second-public-key";
const SK2: &str = "second-private-key";

/// Two accounts at the real pace, with the clock paused so that nothing
/// moves unless a test advances it.
async fn paused() -> Emulator {
    let emu = Emulator::builder()
        .account(PK, SK)
        .account(PK2, SK2)
        .time_scale(1.0)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    emu.pause_clock();
    emu
}

async fn two_accounts() -> (Emulator, Client, Client) {
    let emu = Emulator::builder()
        .account(PK, SK)
        .account(PK2, SK2)
        .time_scale(0.0)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let one = Client::new(&emu);
    let two = Client::for_account(&emu, PK2, SK2);
    (emu, one, two)
}

async fn instance_count(c: &Client) -> i64 {
    c.ok("DescribeUHostInstance", &[R]).await["TotalCount"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn health_answers_with_version_and_resource_totals() {
    let (emu, one, _) = two_accounts().await;
    one.create_instance(&[]).await;
    let health = control::ok(&emu.base_url(), "/_emulator/health").await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(health["resources"]["accounts"], 2);
    assert_eq!(health["resources"]["instances"], 1);
}

#[tokio::test]
async fn reset_empties_one_account_or_all_and_restarts_ids() {
    let (emu, one, two) = two_accounts().await;
    let base = emu.base_url();
    let first_id = one.create_instance(&[]).await;
    two.create_instance(&[]).await;
    one.ok("CreateUHostKeyPair", &[R, ("KeyPairName", "k")])
        .await;

    let reply = post(&base, &format!("/_emulator/reset?account={PK2}"), json!({})).await;
    assert_eq!((reply.status, &reply.json), (200, &json!({"reset": PK2})));
    assert_eq!(instance_count(&one).await, 1);
    assert_eq!(instance_count(&two).await, 0);

    let unknown = post(&base, "/_emulator/reset?account=nobody", json!({})).await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.json["error"].as_str().unwrap().contains("nobody"));

    let reply = post(&base, "/_emulator/reset", json!({})).await;
    assert_eq!((reply.status, &reply.json), (200, &json!({"reset": "all"})));
    assert_eq!(instance_count(&one).await, 0);
    assert_eq!(one.ok("DescribeUHostKeyPairs", &[R]).await["TotalCount"], 0);
    // A terminated-then-reset id is simply unknown, and a full reset
    // restarts the id sequence like a fresh start.
    one.fails("StopUHostInstance", &[R, ("UHostId", &first_id)], 230)
        .await;
    assert_eq!(one.create_instance(&[]).await, first_id);
}

#[tokio::test]
async fn state_dump_and_load_restore_resources_and_changes_under_way() {
    let emu = paused().await;
    let base = emu.base_url();
    let c = Client::new(&emu);
    let host = c.create_instance(&[("Name", "web")]).await;
    assert_eq!(c.state(&host).await, "Initializing");
    let key = c.ok("CreateUHostKeyPair", &[R, ("KeyPairName", "k")]).await["KeyPair"]["KeyPairId"]
        .as_str()
        .unwrap()
        .to_owned();
    c.ok("CreateIsolationGroup", &[R, ("GroupName", "g")]).await;
    c.ok(
        "CreateCustomImage",
        &[R, ("UHostId", &host), ("ImageName", "golden")],
    )
    .await;

    let dump = control::ok(&base, "/_emulator/state").await;
    assert_eq!(dump["format"], "api-emulator-state/1");
    let mine = &dump["accounts"][PK];
    assert_eq!(mine["instances"][0]["id"], host.as_str());
    assert_eq!(mine["instances"][0]["phase"]["state"], "Initializing");
    assert_eq!(mine["instances"][0]["phase"]["then"], "Running");
    assert_eq!(mine["instances"][0]["phase"]["due_in_ms"], 3000);
    assert_eq!(mine["key_pairs"][0]["id"], key.as_str());
    assert_eq!(mine["isolation_groups"].as_array().unwrap().len(), 1);
    assert_eq!(mine["images"][0]["name"], "golden");
    assert_eq!(dump["accounts"][PK2]["instances"], json!([]));
    // No private key is in it.
    assert!(!dump.to_string().contains(SK));

    post(&base, "/_emulator/reset", json!({})).await;
    assert_eq!(instance_count(&c).await, 0);
    let loaded = put(&base, "/_emulator/state", dump.clone()).await;
    assert_eq!(loaded.status, 200, "{}", loaded.json);
    assert_eq!(
        loaded.json["loaded"],
        json!({"accounts": 2, "instances": 1, "images": 1, "key_pairs": 1, "isolation_groups": 1})
    );
    // The create is still under way, and finishes on time.
    assert_eq!(c.state(&host).await, "Initializing");
    emu.advance_clock(Duration::from_millis(2999));
    assert_eq!(c.state(&host).await, "Initializing");
    emu.advance_clock(Duration::from_millis(1));
    assert_eq!(c.state(&host).await, "Running");
    assert_eq!(c.instance(&host).await["Name"], "web");

    // Another emulator with the same accounts (and another seed) takes the
    // dump, answers the same, and goes on with the dump's id sequence.
    let other = Emulator::builder()
        .account(PK, SK)
        .account(PK2, SK2)
        .time_scale(1.0)
        .seed(9)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    other.pause_clock();
    let moved = put(&other.base_url(), "/_emulator/state", dump).await;
    assert_eq!(moved.status, 200, "{}", moved.json);
    other.advance_clock(Duration::from_secs(3));
    let d = Client::new(&other);
    assert_eq!(d.instance(&host).await, c.instance(&host).await);
    let next = d.create_instance(&[]).await;
    assert_ne!(next, host);
    assert_eq!(c.create_instance(&[]).await, next);
}

#[tokio::test]
async fn bad_state_dumps_are_refused_and_change_nothing() {
    let (emu, one, _) = two_accounts().await;
    let base = emu.base_url();
    let host = one.create_instance(&[]).await;
    let good = control::ok(&base, "/_emulator/state").await;

    let mut stranger = good.clone();
    stranger["accounts"]["nobody"] = json!({});
    let mut region = good.clone();
    region["accounts"][PK]["instances"][0]["region"] = json!("mars-1");
    let mut format = good.clone();
    format["format"] = json!("something-else/9");
    let mut missing = good.clone();
    missing["accounts"][PK]["instances"][0]
        .as_object_mut()
        .unwrap()
        .remove("cpu");
    for (dump, says) in [
        (json!(["not", "an", "object"]), "invalid type"),
        (Value::String("{".to_owned()), "EOF"),
        (stranger, "nobody"),
        (
            region,
            "accounts.test-public-key.instances[0].region: unknown region \"mars-1\"",
        ),
        (format, "something-else/9"),
        (missing, "cpu"),
    ] {
        let reply = put(&base, "/_emulator/state", dump).await;
        assert_eq!(reply.status, 400, "{}", reply.json);
        let error = reply.json["error"].as_str().unwrap();
        assert!(error.contains(says), "{error} does not say {says}");
    }
    assert_eq!(one.state(&host).await, "Running");
    assert_eq!(control::ok(&base, "/_emulator/state").await, good);
}

#[tokio::test]
async fn faults_are_listed_added_and_cleared_at_runtime() {
    let (emu, one, two) = two_accounts().await;
    let base = emu.base_url();
    assert_eq!(
        control::ok(&base, "/_emulator/faults").await,
        json!({"faults": []})
    );
    let added = post(
        &base,
        "/_emulator/faults",
        json!({"fault": "retcode=150,action=DescribeImage,times=2"}),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.json);
    one.fails("DescribeImage", &[R], 150).await;
    one.fails("DescribeImage", &[R], 150).await;
    one.ok("DescribeImage", &[R]).await;
    assert_eq!(
        control::ok(&base, "/_emulator/faults").await["faults"][0],
        json!({"spec": "retcode=150,action=DescribeImage,times=2", "seen": 3, "fired": 2, "left": 0})
    );

    // By account and region, several at once; a bad one adds none.
    let refused = post(
        &base,
        "/_emulator/faults",
        json!({"faults": ["retcode=153", "explode"]}),
    )
    .await;
    assert_eq!(refused.status, 400);
    assert!(refused.json["error"].as_str().unwrap().contains("explode"));
    let unknown = post(
        &base,
        "/_emulator/faults",
        json!({"fault": "retcode=153,account=nobody"}),
    )
    .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(
        control::ok(&base, "/_emulator/faults").await["faults"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let added = post(
        &base,
        "/_emulator/faults",
        json!({"faults": [
            format!("retcode=153,account={PK2}"),
            "http=503,region=cn-sh2,times=1",
        ]}),
    )
    .await;
    assert_eq!(added.json["faults"].as_array().unwrap().len(), 3);
    one.ok("DescribeImage", &[R]).await;
    two.fails("DescribeImage", &[R], 153).await;
    let sh2 = signed(&[("Action", "DescribeImage"), ("Region", "cn-sh2")], PK, SK);
    assert_eq!(one.post_form(&sh2).await.status, 503);
    assert_eq!(one.post_form(&sh2).await.status, 200);

    let cleared = delete(&base, "/_emulator/faults").await;
    assert_eq!((cleared.status, cleared.json), (200, json!({"faults": []})));
    two.ok("DescribeImage", &[R]).await;
    assert!(
        post(&base, "/_emulator/faults", json!({})).await.json["error"]
            .as_str()
            .unwrap()
            .contains("faults")
    );
}

#[tokio::test]
async fn a_posted_fault_list_is_a_sequence() {
    let (emu, one, _) = two_accounts().await;
    let base = emu.base_url();
    post(
        &base,
        "/_emulator/faults",
        json!({"faults": [
            "retcode=150,action=DescribeImage,times=1",
            "retcode=153,action=DescribeImage,after=2,times=1",
        ]}),
    )
    .await;
    one.fails("DescribeImage", &[R], 150).await;
    one.ok("DescribeImage", &[R]).await;
    one.fails("DescribeImage", &[R], 153).await;
    one.ok("DescribeImage", &[R]).await;
}

#[tokio::test]
async fn the_clock_pauses_resumes_and_advances() {
    let emu = Emulator::builder()
        .account(PK, SK)
        .time_scale(1.0)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let base = emu.base_url();
    let c = Client::new(&emu);
    let paused = post(&base, "/_emulator/clock", json!({"action": "pause"})).await;
    assert_eq!(paused.status, 200, "{}", paused.json);
    assert_eq!(paused.json["paused"], true);
    let host = c.create_instance(&[]).await;
    let advanced = post(
        &base,
        "/_emulator/clock",
        json!({"action": "advance", "seconds": 2.5}),
    )
    .await;
    // A paused clock falls behind real time, so it is a little less.
    assert!(advanced.json["ahead_seconds"].as_f64().unwrap() > 2.0);
    assert_eq!(c.state(&host).await, "Initializing");
    post(
        &base,
        "/_emulator/clock",
        json!({"action": "advance", "seconds": 0.5}),
    )
    .await;
    assert_eq!(c.state(&host).await, "Running");
    // Timestamps follow the clock.
    let clock = control::ok(&base, "/_emulator/clock").await;
    let created = c.instance(&host).await["CreateTime"].as_u64().unwrap();
    assert!(clock["unix_ms"].as_u64().unwrap() / 1000 >= created + 3);

    c.ok("StopUHostInstance", &[R, ("UHostId", &host)]).await;
    let resumed = post(&base, "/_emulator/clock", json!({"action": "resume"})).await;
    assert_eq!(resumed.json["paused"], false);
    post(
        &base,
        "/_emulator/clock",
        json!({"action": "advance", "seconds": 2}),
    )
    .await;
    assert_eq!(c.state(&host).await, "Stopped");

    for body in [
        json!({"action": "warp"}),
        json!({"action": "advance"}),
        json!({"action": "advance", "seconds": -1}),
        json!({"action": "pause", "seconds": 1}),
        Value::String("pause".to_owned()),
    ] {
        let reply = post(&base, "/_emulator/clock", body.clone()).await;
        assert_eq!(reply.status, 400, "{body}: {}", reply.json);
    }
}

#[tokio::test]
async fn recent_requests_show_calls_without_secrets() {
    let (emu, one, two) = two_accounts().await;
    let base = emu.base_url();
    one.create_instance(&[]).await;
    let params = signed(&[("Action", "DescribeImage"), R], PK2, SK2);
    let answer = two.post_form(&params).await;
    let uuid = answer.uuid().unwrap().to_owned();
    one.fails("StopUHostInstance", &[R, ("UHostId", "uhost-none")], 230)
        .await;
    post(
        &base,
        "/_emulator/faults",
        json!({"fault": "drop,action=DescribeUHostInstance,times=1"}),
    )
    .await;
    let dropped = signed(&[("Action", "DescribeUHostInstance"), R], PK, SK);
    assert!(one.http.post(&base).form(&dropped).send().await.is_err());

    let all = control::ok(&base, "/_emulator/requests").await;
    let requests = all["requests"].as_array().unwrap();
    let actions: Vec<&str> = requests
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "DescribeImage",
            "CreateUHostInstance",
            "DescribeImage",
            "StopUHostInstance",
            "DescribeUHostInstance"
        ]
    );
    let described = &requests[2];
    assert_eq!(described["request_uuid"], uuid.as_str());
    assert_eq!(described["account"], PK2);
    assert_eq!(described["ret_code"], 0);
    assert_eq!(described["http_status"], 200);
    assert!(described["latency_ms"].as_f64().unwrap() >= 0.0);
    assert!(described["time_unix_ms"].as_u64().unwrap() > 1_600_000_000_000);
    assert_eq!(requests[3]["ret_code"], 230);
    assert_eq!(requests[4]["fault"], "drop");
    assert_eq!(requests[4]["http_status"], Value::Null);
    assert_eq!(requests[4]["ret_code"], Value::Null);
    // No signature, password or private key.
    let text = all.to_string();
    for secret in [SK, SK2, "UGFzc3dvcmQx", params[3].1.as_str()] {
        assert!(!text.contains(secret), "{secret} is in {text}");
    }

    let filtered = control::ok(
        &base,
        &format!("/_emulator/requests?action=DescribeImage&account={PK}&limit=1"),
    )
    .await;
    assert_eq!(filtered["requests"].as_array().unwrap().len(), 1);
    assert_eq!(filtered["requests"][0]["account"], PK);
    assert_eq!(get(&base, "/_emulator/requests?limit=x").await.status, 400);
    let cleared = delete(&base, "/_emulator/requests").await;
    assert_eq!(
        (cleared.status, cleared.json),
        (200, json!({"requests": []}))
    );
}

#[tokio::test]
async fn control_paths_are_never_api_calls() {
    let (emu, one, _) = two_accounts().await;
    let base = emu.base_url();
    // A signed API call sent to a control path is answered by the control
    // plane and neither counted nor logged as a request.
    let params = signed(&[("Action", "DescribeImage"), R], PK, SK);
    let answer = one
        .http
        .post(format!("{base}/_emulator/health"))
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 405);
    assert_eq!(emu.request_count("DescribeImage"), 0);
    assert_eq!(
        control::ok(&base, "/_emulator/requests").await,
        json!({"requests": []})
    );
    let unknown = get(&base, "/_emulator/admin").await;
    assert_eq!(unknown.status, 404);
    assert!(
        unknown.json["error"]
            .as_str()
            .unwrap()
            .contains("/_emulator/health")
    );
    assert_eq!(get(&base, "/_emulator").await.status, 404);
    assert_eq!(
        control::send(&base, reqwest::Method::PATCH, "/_emulator/state", None)
            .await
            .status,
        405
    );
    // Paths that only look alike are API paths.
    let lookalike = one
        .http
        .post(format!("{base}/_emulatorx"))
        .form(&params)
        .send()
        .await
        .unwrap();
    let json: Value = lookalike.json().await.unwrap();
    assert_eq!(json["RetCode"], 0);

    // Without the control plane, /_emulator/ is an API path like any other.
    let bare = Emulator::builder()
        .account(PK, SK)
        .control_plane(false)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let answer: Value = support::http()
        .get(format!("{}/_emulator/health", bare.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["RetCode"], 160);
}

#[tokio::test]
async fn the_same_operations_work_from_rust() {
    let emu = paused().await;
    let c = Client::new(&emu);
    let two = Client::for_account(&emu, PK2, SK2);
    let host = c.create_instance(&[]).await;
    two.create_instance(&[]).await;

    let dump = emu.dump_state().unwrap();
    emu.reset_account(PK2).unwrap();
    assert_eq!(instance_count(&two).await, 0);
    assert!(matches!(
        emu.reset_account("nobody"),
        Err(api_emulator::Error::UnknownAccount(_))
    ));
    emu.reset();
    assert_eq!(instance_count(&c).await, 0);
    assert!(matches!(
        emu.restore_state("{}"),
        Err(api_emulator::Error::State(_))
    ));
    emu.restore_state(&dump).unwrap();
    assert_eq!(instance_count(&two).await, 1);
    assert_eq!(c.state(&host).await, "Initializing");
    emu.advance_clock(Duration::from_secs(3));
    assert_eq!(c.state(&host).await, "Running");
    emu.resume_clock();

    emu.add_faults(vec![
        Fault::new(FaultKind::RetCode(150))
            .action("DescribeImage")
            .account(PK2)
            .times(1),
    ])
    .unwrap();
    assert!(
        emu.add_faults(vec![
            Fault::new(FaultKind::DropConnection).account("nobody")
        ])
        .is_err()
    );
    c.ok("DescribeImage", &[R]).await;
    two.fails("DescribeImage", &[R], 150).await;
    let faults = emu.faults();
    assert_eq!(faults.len(), 1);
    assert_eq!(
        (faults[0].seen(), faults[0].fired(), faults[0].left()),
        (1, 1, Some(0))
    );

    let last = emu.recent_requests(2);
    assert_eq!(last.len(), 2);
    assert_eq!(last[1].action(), Some("DescribeImage"));
    assert_eq!(last[1].account(), Some(PK2));
    assert_eq!(last[1].ret_code(), Some(150));
    assert_eq!(last[1].fault(), Some("retcode"));
    assert_eq!(last[1].http_status(), Some(200));
}
