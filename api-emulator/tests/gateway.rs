//! The gateway: signatures, the order of checks, parameter checks, request
//! encodings, body limits and the envelope of every answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashSet;
use std::time::Duration;

use api_emulator::Emulator;
use support::{Client, PK, SK, owned, read, sign, signed, start};

#[test]
fn signature_helper_matches_the_reference_vectors() {
    let reference = owned(&[
        ("Action", "DescribeUHostInstance"),
        ("Region", "cn-bj2"),
        ("Limit", "10"),
        ("PublicKey", "ucloudsomeone@example.com1296235120854146120"),
    ]);
    assert_eq!(
        sign(&reference, "46f09bb9fab4f12dfc160dae12273d5332b5debe"),
        "cba5cf5ec4d4233d206b1b54951e3787350a642f"
    );
    assert_eq!(
        sign(&owned(&[("foo", "bar")]), "my_private_key"),
        "634edc1bb957c0d65e5ab5494cf3b7784fbc87af"
    );
    assert_eq!(
        sign(
            &owned(&[("foo", "bar"), ("PublicKey", "my_public_key")]),
            "my_private_key"
        ),
        "d4411ab30953fb0bbcb1e7313081f05e4e91a394"
    );
}

#[tokio::test]
async fn the_reference_request_is_accepted() {
    let emu = Emulator::builder()
        .account(
            "ucloudsomeone@example.com1296235120854146120",
            "46f09bb9fab4f12dfc160dae12273d5332b5debe",
        )
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let body = serde_json::json!({
        "Action": "DescribeUHostInstance",
        "Limit": 10,
        "PublicKey": "ucloudsomeone@example.com1296235120854146120",
        "Region": "cn-bj2",
        "Signature": "cba5cf5ec4d4233d206b1b54951e3787350a642f",
    });
    let answer = read(
        support::http()
            .post(emu.base_url())
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let json = answer.json();
    assert_eq!(json["RetCode"], 0, "{json}");
    assert_eq!(json["Action"], "DescribeUHostInstanceResponse");
    assert_eq!(json["TotalCount"], 0);
    assert!(json.get("Message").is_none());
}

#[tokio::test]
async fn checks_run_in_the_gateway_order() {
    let emu = start().await;
    let client = Client::new(&emu);
    let expect = |params: Vec<(String, String)>, code: i64, response: &'static str| {
        let client = &client;
        async move {
            let json = client.post_form(&params).await.json();
            assert_eq!(json["RetCode"], code, "{json}");
            assert_eq!(json["Action"], response, "{json}");
            assert!(json["Message"].as_str().is_some_and(|m| !m.is_empty()));
        }
    };
    // No Action beats everything else.
    expect(
        owned(&[("PublicKey", "nobody"), ("Region", "cn-bj2")]),
        160,
        "Response",
    )
    .await;
    expect(owned(&[("Action", ""), ("PublicKey", PK)]), 160, "Response").await;
    // The account is checked before the signature and the action name.
    expect(
        owned(&[("Action", "Nope"), ("Signature", "x")]),
        172,
        "NopeResponse",
    )
    .await;
    expect(
        owned(&[
            ("Action", "DescribeImage"),
            ("PublicKey", "nobody"),
            ("Signature", "x"),
        ]),
        172,
        "DescribeImageResponse",
    )
    .await;
    expect(
        owned(&[("Action", "Nope"), ("PublicKey", PK)]),
        170,
        "NopeResponse",
    )
    .await;
    expect(
        owned(&[("Action", "Nope"), ("PublicKey", PK), ("Signature", "0000")]),
        171,
        "NopeResponse",
    )
    .await;
    // A signature made with another key is wrong too.
    expect(
        signed(
            &[("Action", "DescribeImage"), ("Region", "cn-bj2")],
            PK,
            "other",
        ),
        171,
        "DescribeImageResponse",
    )
    .await;
    // Only a correctly signed request learns that the action does not exist.
    expect(
        signed(&[("Action", "DescribeUHost")], PK, SK),
        161,
        "DescribeUHostResponse",
    )
    .await;
    // And then the action's own checks.
    expect(
        signed(&[("Action", "DescribeImage")], PK, SK),
        230,
        "DescribeImageResponse",
    )
    .await;
}

#[tokio::test]
async fn the_signature_covers_every_parameter() {
    let emu = start().await;
    let client = Client::new(&emu);
    let mut params = signed(&[("Action", "DescribeImage"), ("Region", "cn-bj2")], PK, SK);
    assert_eq!(client.post_form(&params).await.ret_code(), 0);
    // A parameter the action does not know still has to be signed.
    params.push(("Unsigned".to_owned(), "1".to_owned()));
    assert_eq!(client.post_form(&params).await.ret_code(), 171);
}

#[tokio::test]
async fn missing_and_malformed_parameters_name_the_parameter() {
    let emu = start().await;
    let client = Client::new(&emu);
    let message = client.fails("DescribeUHostInstance", &[], 230).await;
    assert!(message.contains("[Region]"), "{message}");
    let message = client
        .fails("StopUHostInstance", &[("Region", "cn-bj2")], 230)
        .await;
    assert!(message.contains("[UHostId]"), "{message}");
    let message = client
        .fails(
            "DescribeUHostInstance",
            &[("Region", "cn-bj2"), ("Limit", "ten")],
            230,
        )
        .await;
    assert!(
        message.contains("[Limit]") && message.contains("integer"),
        "{message}"
    );
    let message = client
        .fails(
            "DescribeImage",
            &[("Region", "cn-bj2"), ("ImageType", "Shiny")],
            230,
        )
        .await;
    assert!(
        message.contains("[ImageType]") && message.contains("Custom"),
        "{message}"
    );
    let message = client
        .fails(
            "ResizeAttachedDisk",
            &[
                ("Region", "cn-bj2"),
                ("Zone", "cn-bj2-02"),
                ("UHostId", "u"),
                ("DiskId", "d"),
                ("DiskSpace", "30"),
                ("DryRun", "maybe"),
            ],
            230,
        )
        .await;
    assert!(message.contains("[DryRun]"), "{message}");
    let message = client
        .fails("DescribeImage", &[("Region", "mars-1")], 230)
        .await;
    assert!(
        message.contains("[Region]") && message.contains("mars-1"),
        "{message}"
    );
    let message = client
        .fails(
            "DescribeImage",
            &[("Region", "cn-sh2"), ("Zone", "cn-bj2-02")],
            230,
        )
        .await;
    assert!(message.contains("[Zone]"), "{message}");
    let message = client
        .fails(
            "DescribeUHostAvailableDiskTypes",
            &[("Region", "cn-bj2")],
            230,
        )
        .await;
    assert!(message.contains("[UHostIds.0]"), "{message}");
}

#[tokio::test]
async fn every_answer_carries_a_fresh_request_uuid() {
    let emu = start().await;
    let client = Client::new(&emu);
    let mut seen = HashSet::new();
    for params in [
        owned(&[]),
        owned(&[("Action", "DescribeImage")]),
        signed(&[("Action", "DescribeImage"), ("Region", "cn-bj2")], PK, SK),
        signed(&[("Action", "Nope")], PK, SK),
    ] {
        let answer = client.post_form(&params).await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.headers["content-type"], "application/json");
        let uuid = answer.uuid().unwrap().to_owned();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{uuid}");
        assert!(seen.insert(uuid));
    }
    let answer = read(
        client
            .http
            .post(&client.base)
            .body("%zz")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(answer.uuid().is_some());
}

#[tokio::test]
async fn get_json_form_and_go_style_requests_are_all_understood() {
    let emu = start().await;
    let client = Client::new(&emu);
    let http = &client.http;
    let params = signed(
        &[
            ("Action", "DescribeImage"),
            ("Region", "cn-bj2"),
            ("Limit", "2"),
            ("ImageIds.0", "nothing"),
        ],
        PK,
        SK,
    );

    // GET with a query string, on any path.
    let mut url = reqwest::Url::parse(&format!("{}/any/path", client.base)).unwrap();
    url.query_pairs_mut().extend_pairs(&params);
    let answer = read(http.get(url).send().await.unwrap()).await;
    assert_eq!(answer.json()["RetCode"], 0, "{}", answer.text);

    // Form body.
    assert_eq!(client.post_form(&params).await.json()["TotalCount"], 0);

    // The Go SDK: Action in the query string, the rest in the form body.
    let rest: Vec<_> = params
        .iter()
        .filter(|(k, _)| k != "Action")
        .cloned()
        .collect();
    let url = format!("{}/?Action=DescribeImage", client.base);
    let answer = read(http.post(&url).form(&rest).send().await.unwrap()).await;
    assert_eq!(answer.json()["RetCode"], 0, "{}", answer.text);
    assert_eq!(answer.json()["Action"], "DescribeImageResponse");

    // JSON: numbers and arrays are signed as their flattened text.
    let mut body = serde_json::json!({
        "Action": "DescribeImage",
        "Region": "cn-bj2",
        "Limit": 2.0,
        "ImageIds": ["nothing"],
        "PublicKey": PK,
    });
    let flat = owned(&[
        ("Action", "DescribeImage"),
        ("Region", "cn-bj2"),
        ("Limit", "2"),
        ("ImageIds.0", "nothing"),
        ("PublicKey", PK),
    ]);
    body["Signature"] = sign(&flat, SK).into();
    let answer = read(http.post(&client.base).json(&body).send().await.unwrap()).await;
    assert_eq!(answer.json()["RetCode"], 0, "{}", answer.text);
}

#[tokio::test]
async fn garbage_bodies_get_error_answers() {
    let emu = start().await;
    let client = Client::new(&emu);
    let http = &client.http;
    let url = format!("{}/?Action=DescribeImage", client.base);
    let cases: [(&str, &[u8]); 6] = [
        ("application/x-www-form-urlencoded", b"Region=%zz"),
        ("application/x-www-form-urlencoded", b"Region=%ff%fe"),
        ("application/x-www-form-urlencoded", b"Region=\xff\xfe"),
        ("application/json", b"{\"Region\": "),
        ("application/json", b"[1, 2, 3]"),
        ("multipart/form-data; boundary=x", b"--x--"),
    ];
    for (content_type, body) in cases {
        let answer = read(
            http.post(&url)
                .header("content-type", content_type)
                .body(body.to_vec())
                .send()
                .await
                .unwrap(),
        )
        .await;
        let json = answer.json();
        assert_eq!(json["RetCode"], 230, "{content_type} {body:?}: {json}");
        assert_eq!(json["Action"], "DescribeImageResponse");
        assert!(
            json["Message"].as_str().unwrap().contains("[body]"),
            "{json}"
        );
        assert!(answer.uuid().is_some());
    }
    // The server is still fine.
    assert_eq!(
        client.call("DescribeImage", &[("Region", "cn-bj2")]).await["RetCode"],
        0
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused_without_hanging() {
    let emu = start().await;
    let client = Client::new(&emu);
    let mut body = b"Action=DescribeImage&Padding=".to_vec();
    body.resize(2 * 1024 * 1024, b'a');
    let answer = tokio::time::timeout(
        Duration::from_secs(10),
        client.http.post(&client.base).body(body).send(),
    )
    .await
    .expect("the server hung")
    .unwrap();
    let answer = read(answer).await;
    let json = answer.json();
    assert_eq!(json["RetCode"], 230, "{json}");
    assert!(
        json["Message"].as_str().unwrap().contains("1 MiB"),
        "{json}"
    );
    // The same client (and connection pool) keeps working.
    assert_eq!(
        client.call("DescribeImage", &[("Region", "cn-bj2")]).await["RetCode"],
        0
    );

    // Far larger bodies: an answer or a closed connection, promptly.
    let huge = vec![b'a'; 40 * 1024 * 1024];
    let outcome = tokio::time::timeout(
        Duration::from_secs(10),
        support::http().post(&client.base).body(huge).send(),
    )
    .await
    .expect("the server hung");
    if let Ok(answer) = outcome {
        assert_eq!(read(answer).await.ret_code(), 230);
    }
}

#[tokio::test]
async fn a_parameter_given_twice_is_refused_by_name() {
    let emu = start().await;
    let client = Client::new(&emu);
    // A junk signature first, the good one last: refused, not "last wins".
    let mut params = signed(&[("Action", "DescribeImage"), ("Region", "cn-bj2")], PK, SK);
    params.insert(0, ("Signature".to_owned(), "junk".to_owned()));
    let answer = client.post_form(&params).await;
    assert_eq!(answer.ret_code(), 230, "{}", answer.text);
    let message = answer.json()["Message"].as_str().unwrap().to_owned();
    assert!(message.contains("[Signature]"), "{message}");

    // The query string and the body disagree: refused, naming the parameter.
    let params = signed(&[("Action", "DescribeImage"), ("Region", "cn-bj2")], PK, SK);
    let url = format!("{}/?Region=mars", client.base);
    let answer = read(client.http.post(&url).form(&params).send().await.unwrap()).await;
    assert_eq!(answer.ret_code(), 230, "{}", answer.text);
    assert!(answer.text.contains("[Region]"), "{}", answer.text);

    // The same value in both is one parameter.
    let url = format!("{}/?Action=DescribeImage", client.base);
    let answer = read(client.http.post(&url).form(&params).send().await.unwrap()).await;
    assert_eq!(answer.ret_code(), 0, "{}", answer.text);
    assert_eq!(answer.json()["Action"], "DescribeImageResponse");
}
