//! The `api-emulator` binary: the start line, serving, flags and stopping.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use support::{Client, read, signed};

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_api-emulator"))
        .args(args)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The first stdout line, within a few seconds.
fn first_line(child: &mut Child) -> String {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("no start line")
}

fn wait(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

#[test]
fn the_binary_announces_its_address_and_serves() {
    let mut child = spawn(&[
        "--listen",
        "127.0.0.1:0",
        "--public-key",
        "cli-pk",
        "--private-key",
        "cli-sk",
        "--public-key",
        "cli-pk2",
        "--private-key",
        "cli-sk2",
        "--time-scale",
        "0",
        "--seed",
        "3",
        "--fault",
        "retcode=150,action=DescribeUHostInstance,times=1",
    ]);
    let line = first_line(&mut child);
    let base = line
        .trim_end()
        .strip_prefix("listening on http://127.0.0.1:")
        .map(|port| format!("http://127.0.0.1:{port}"))
        .unwrap_or_else(|| panic!("unexpected start line {line:?}"));
    assert!(!base.ends_with(":0"));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = Client {
            http: support::http(),
            base: base.clone(),
            public_key: "cli-pk2".to_owned(),
            private_key: "cli-sk2".to_owned(),
        };
        client
            .fails("DescribeUHostInstance", &[("Region", "cn-bj2")], 150)
            .await;
        let id = client.create_instance(&[]).await;
        assert_eq!(client.state(&id).await, "Running");
        let params = signed(
            &[("Action", "DescribeImage"), ("Region", "cn-bj2")],
            "cli-pk",
            "wrong",
        );
        let answer = read(client.http.post(&base).form(&params).send().await.unwrap()).await;
        assert_eq!(answer.ret_code(), 171);
    });

    #[cfg(unix)]
    {
        // SIGTERM stops it cleanly.
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = wait(&mut child, Duration::from_secs(10)).expect("no exit after SIGTERM");
        assert!(exit.success(), "{exit:?}");
    }
    #[cfg(not(unix))]
    {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[test]
fn unpaired_keys_and_bad_faults_are_refused() {
    for args in [
        &[
            "--public-key",
            "a",
            "--public-key",
            "b",
            "--private-key",
            "x",
        ][..],
        &[
            "--public-key",
            "a",
            "--private-key",
            "x",
            "--fault",
            "explode",
        ][..],
        &[
            "--public-key",
            "a",
            "--private-key",
            "x",
            "--fault",
            "http=503,action=Nope",
        ][..],
        &["--private-key", "x"][..],
    ] {
        let mut child = spawn(args);
        let status = wait(&mut child, Duration::from_secs(20)).expect("it kept running");
        assert!(!status.success(), "{args:?} was accepted");
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(!stderr.is_empty(), "{args:?}: no explanation");
    }
}

/// Starts the binary with `extra` flags and one account `cli-pk`; returns
/// the child and its base URL.
fn serve_with(extra: &[&str]) -> (Child, String) {
    let mut args = vec![
        "--public-key",
        "cli-pk",
        "--private-key",
        "cli-sk",
        "--time-scale",
        "0",
    ];
    args.extend_from_slice(extra);
    let mut child = spawn(&args);
    let line = first_line(&mut child);
    let base = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected start line {line:?}"))
        .to_owned();
    (child, base)
}

#[test]
fn quota_and_project_flags_configure_accounts() {
    let (mut child, base) = serve_with(&[
        "--quota",
        "instances=1",
        "--quota",
        "key-pairs=0",
        "--project",
        "cli-pk,org-cli,Scripts, and more",
    ]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = Client {
            http: support::http(),
            base,
            public_key: "cli-pk".to_owned(),
            private_key: "cli-sk".to_owned(),
        };
        client.create_instance(&[]).await;
        let image = client.image_id("Linux").await;
        client
            .fails(
                "CreateUHostInstance",
                &[
                    ("Region", "cn-bj2"),
                    ("Zone", "cn-bj2-02"),
                    ("ImageId", &image),
                    ("LoginMode", "Password"),
                    ("Password", "UGFzc3dvcmQx"),
                ],
                8095,
            )
            .await;
        client
            .fails("CreateUHostKeyPair", &[("KeyPairName", "k")], 8095)
            .await;
        let projects = client.ok("GetProjectList", &[]).await;
        assert_eq!(projects["ProjectSet"][1]["ProjectId"], "org-cli");
        assert_eq!(
            projects["ProjectSet"][1]["ProjectName"],
            "Scripts, and more"
        );
    });
    child.kill().unwrap();
    child.wait().unwrap();

    for bad in [
        ["--quota", "cores=3"],
        ["--quota", "instances=many"],
        ["--quota", "instances"],
        ["--project", "a"],
        ["--project", "nobody,org-x"],
    ] {
        let mut args = vec!["--public-key", "a", "--private-key", "x"];
        args.extend(bad);
        let mut child = spawn(&args);
        let status = wait(&mut child, Duration::from_secs(20)).expect("it kept running");
        assert!(!status.success(), "{bad:?} was accepted");
    }
}
