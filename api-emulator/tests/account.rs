//! The account service's first calls (GetRegion, GetProjectList) and the
//! projects that ProjectId and TargetProjectId must name.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::{HashMap, HashSet};

use api_emulator::Emulator;
use serde_json::Value;
use support::{Client, PK, SK, read, signed, start};

async fn with_projects() -> Emulator {
    Emulator::builder()
        .account(PK, SK)
        .account("second-public", "second-private")
        .project(PK, "org-staging", "Staging")
        .project(PK, "org-prod", "Production")
        .time_scale(0.0)
        .start("127.0.0.1:0")
        .await
        .unwrap()
}

fn projects(json: &Value) -> Vec<(String, String, bool)> {
    json["ProjectSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["ProjectId"].as_str().unwrap().to_owned(),
                p["ProjectName"].as_str().unwrap().to_owned(),
                p["IsDefault"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn get_region_lists_every_zone_with_one_default() {
    let emu = start().await;
    let c = Client::new(&emu);
    let json = c.ok("GetRegion", &[]).await;
    let regions = json["Regions"].as_array().unwrap();
    let mut zones: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in regions {
        for field in ["RegionId", "RegionName", "IsDefault", "BitMaps"] {
            assert!(r.get(field).is_some(), "{field} missing in {r}");
        }
        zones
            .entry(r["Region"].as_str().unwrap())
            .or_default()
            .push(r["Zone"].as_str().unwrap());
    }
    assert_eq!(zones.len(), 33);
    assert_eq!(regions.len(), 44);
    assert_eq!(
        zones["cn-bj2"],
        ["cn-bj2-02", "cn-bj2-03", "cn-bj2-04", "cn-bj2-05"]
    );
    let defaults: Vec<&Value> = regions.iter().filter(|r| r["IsDefault"] == true).collect();
    assert_eq!(defaults.len(), 1);
    assert_eq!(
        (&defaults[0]["Region"], &defaults[0]["Zone"]),
        (&Value::from("cn-bj2"), &Value::from("cn-bj2-02"))
    );
    let ids: HashSet<i64> = regions
        .iter()
        .map(|r| r["RegionId"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), regions.len());
    assert_eq!(defaults[0]["RegionName"], "华北（北京2）可用区B");
}

#[tokio::test]
async fn get_project_list_shows_the_default_and_configured_projects() {
    let emu = with_projects().await;
    let c = Client::new(&emu);
    let json = c.ok("GetProjectList", &[("IsFinance", "No")]).await;
    assert_eq!(json["ProjectCount"], 3);
    let listed = projects(&json);
    assert_eq!(
        listed[1..],
        [
            ("org-staging".to_owned(), "Staging".to_owned(), false),
            ("org-prod".to_owned(), "Production".to_owned(), false),
        ]
    );
    let (default, name, is_default) = &listed[0];
    assert!(*is_default && name == "Default" && default.starts_with("org-"));
    assert!(json["ProjectSet"][0]["CreateTime"].as_u64().unwrap() > 0);
    // The same account gets the same default project in every run.
    let again = with_projects().await;
    assert_eq!(&Client::new(&again).default_project().await, default);
    // Each account has its own.
    let second = Client::for_account(&emu, "second-public", "second-private");
    let theirs = projects(&second.ok("GetProjectList", &[]).await);
    assert_eq!(theirs.len(), 1);
    assert_ne!(&theirs[0].0, default);
}

#[tokio::test]
async fn project_ids_must_name_a_project_of_the_account() {
    let emu = with_projects().await;
    let c = Client::new(&emu);
    let default = c.default_project().await;
    let r = ("Region", "cn-bj2");
    for project in [default.as_str(), "org-staging", ""] {
        c.ok("DescribeUHostInstance", &[r, ("ProjectId", project)])
            .await;
    }
    let message = c
        .fails(
            "DescribeUHostInstance",
            &[r, ("ProjectId", "org-elsewhere")],
            292,
        )
        .await;
    assert!(message.contains("org-elsewhere"), "{message}");
    // Another account's project is not this one's.
    let second = Client::for_account(&emu, "second-public", "second-private");
    second
        .fails(
            "DescribeUHostInstance",
            &[r, ("ProjectId", "org-staging")],
            292,
        )
        .await;
    // The gateway checks it before the action's own checks.
    c.fails(
        "CreateUHostInstance",
        &[("ProjectId", "org-elsewhere")],
        292,
    )
    .await;
    // A key pair records its project, the default one when none is given.
    let key = c.ok("CreateUHostKeyPair", &[("KeyPairName", "k")]).await;
    assert_eq!(key["KeyPair"]["ProjectId"], default.as_str());
    let key = c
        .ok(
            "CreateUHostKeyPair",
            &[("KeyPairName", "k2"), ("ProjectId", "org-prod")],
        )
        .await;
    assert_eq!(key["KeyPair"]["ProjectId"], "org-prod");
}

/// What the official command-line tool does first (`ucloud init`): the Go
/// SDK sends the Action in the query string and the rest in a form body,
/// with no Region; then it uses the default region, zone and project.
#[tokio::test]
async fn cli_style_first_calls_work() {
    let emu = start().await;
    let c = Client::new(&emu);
    let mut defaults = HashMap::new();
    for action in ["GetUserInfo", "GetRegion", "GetProjectList"] {
        let params = signed(&[("Action", action)], PK, SK);
        let rest: Vec<_> = params.iter().filter(|(k, _)| k != "Action").collect();
        let url = format!("{}/?Action={action}", c.base);
        let answer = read(c.http.post(&url).form(&rest).send().await.unwrap()).await;
        let json = answer.json();
        assert_eq!(json["RetCode"], 0, "{json}");
        assert_eq!(json["Action"], format!("{action}Response"));
        defaults.insert(action, json);
    }
    let region = defaults["GetRegion"]["Regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["IsDefault"] == true)
        .unwrap()
        .clone();
    let project = projects(&defaults["GetProjectList"])
        .into_iter()
        .find(|(_, _, is_default)| *is_default)
        .unwrap()
        .0;
    let id = c
        .create_instance(&[
            ("Region", region["Region"].as_str().unwrap()),
            ("Zone", region["Zone"].as_str().unwrap()),
            ("ProjectId", &project),
        ])
        .await;
    let listed = c
        .ok(
            "DescribeUHostInstance",
            &[
                ("Region", region["Region"].as_str().unwrap()),
                ("ProjectId", &project),
            ],
        )
        .await;
    assert_eq!(listed["UHostSet"][0]["UHostId"], id.as_str());
    assert_eq!(emu.request_count("GetRegion"), 1);
    let user = &defaults["GetUserInfo"]["DataSet"][0];
    assert!(user["UserEmail"].as_str().unwrap().contains('@'), "{user}");
    assert!(user["UserId"].as_u64().unwrap() > 0, "{user}");
}

#[tokio::test]
async fn project_settings_are_checked() {
    let refused = |builder: api_emulator::EmulatorBuilder| async move {
        builder
            .start("127.0.0.1:0")
            .await
            .err()
            .map(|e| e.to_string())
    };
    let base = || Emulator::builder().account(PK, SK);
    for (builder, expected) in [
        (base().project("nobody", "org-x", "X"), "no account"),
        (base().project(PK, "", "X"), "empty"),
        (
            base().project(PK, "org-x", "X").project(PK, "org-x", "Y"),
            "twice",
        ),
    ] {
        let message = refused(builder).await.expect("accepted");
        assert!(message.contains(expected), "{message}");
    }
    // Naming the default project again is a duplicate too.
    let emu = start().await;
    let default = Client::new(&emu).default_project().await;
    assert!(
        refused(base().project(PK, default, "Again"))
            .await
            .is_some()
    );
}
