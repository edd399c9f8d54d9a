//! The `api-emulator` binary: the start line, serving, flags and stopping.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use support::{Client, read, signed};

/// The binary with `args`, quiet logs, and no account variables from the
/// environment the tests run in.
fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_api-emulator"));
    command
        .args(args)
        .env("RUST_LOG", "warn")
        .env_remove("UCLOUD_PUBLIC_KEY")
        .env_remove("UCLOUD_PRIVATE_KEY")
        .env_remove("API_EMULATOR_ACCOUNTS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn spawn(args: &[&str]) -> Child {
    command(args).spawn().unwrap()
}

/// The base URL of the start line.
fn base_url(line: &str) -> String {
    line.trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected start line {line:?}"))
        .to_owned()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Stops the binary as an operator would (SIGTERM on Unix) and checks that
/// it exits cleanly.
fn stop(mut child: Child) {
    #[cfg(unix)]
    {
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

/// Everything the binary wrote to stderr (it must have exited).
fn stderr_of(child: &mut Child) -> String {
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    stderr
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
    let base = base_url(&first_line(&mut child));
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(!base.ends_with(":0"));

    runtime().block_on(async {
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

    // SIGTERM stops it cleanly.
    stop(child);
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
        assert!(
            !stderr_of(&mut child).is_empty(),
            "{args:?}: no explanation"
        );
    }
}

#[test]
fn help_states_the_output_contract_state_time_and_actions() {
    let output = command(&["--help"]).output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for needle in [
        "listening on http://ADDR",
        "stdout",
        "stderr",
        "RUST_LOG",
        "In memory",
        "--state <FILE>",
        "[default: 1]",
        "a create takes 3 s",
        "UCLOUD_PUBLIC_KEY",
        "API_EMULATOR_ACCOUNTS",
        "/_emulator/faults",
        "--list-actions",
        "--max-connections",
    ] {
        assert!(help.contains(needle), "--help does not mention {needle:?}");
    }
}

#[test]
fn list_actions_prints_the_action_table() {
    let output = command(&["--list-actions"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let names: Vec<&str> = text.lines().collect();
    assert!(names.len() >= 42, "{names:?}");
    assert!(names.contains(&"CreateUHostInstance"));
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "not sorted: {names:?}"
    );
}

#[test]
fn accounts_come_from_the_environment() {
    let mut child = command(&["--time-scale", "0"])
        .env("UCLOUD_PUBLIC_KEY", "env-pk")
        .env("UCLOUD_PRIVATE_KEY", "env-sk")
        .env(
            "API_EMULATOR_ACCOUNTS",
            "multi-pk:multi-sk, other-pk:other:sk",
        )
        .spawn()
        .unwrap();
    let base = base_url(&first_line(&mut child));
    runtime().block_on(async {
        for (public_key, private_key) in [
            ("env-pk", "env-sk"),
            ("multi-pk", "multi-sk"),
            ("other-pk", "other:sk"),
        ] {
            let client = Client {
                http: support::http(),
                base: base.clone(),
                public_key: public_key.to_owned(),
                private_key: private_key.to_owned(),
            };
            client.ok("DescribeImage", &[("Region", "cn-bj2")]).await;
        }
    });
    stop(child);

    // --help never shows the values.
    let output = command(&["--help"])
        .env("UCLOUD_PRIVATE_KEY", "env-secret-value")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("env-secret-value"));

    // A malformed list is refused with its name.
    let mut bad = command(&[])
        .env("API_EMULATOR_ACCOUNTS", "no-colon")
        .spawn()
        .unwrap();
    let status = wait(&mut bad, Duration::from_secs(20)).expect("it kept running");
    assert!(!status.success());
    assert!(stderr_of(&mut bad).contains("API_EMULATOR_ACCOUNTS"));
}

#[test]
fn each_request_logs_one_info_line() {
    let mut child = command(&[
        "--public-key",
        "log-pk",
        "--private-key",
        "log-sk",
        "--time-scale",
        "0",
    ])
    .env("RUST_LOG", "info")
    .spawn()
    .unwrap();
    let base = base_url(&first_line(&mut child));
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let (uuid, signature) = runtime().block_on(async {
        let client = Client {
            http: support::http(),
            base: base.clone(),
            public_key: "log-pk".to_owned(),
            private_key: "log-sk".to_owned(),
        };
        let params = signed(
            &[("Action", "DescribeImage"), ("Region", "cn-bj2")],
            "log-pk",
            "log-sk",
        );
        let answer = client.post_form(&params).await;
        (answer.uuid().unwrap().to_owned(), params[3].1.clone())
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    let line = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx.recv_timeout(left).expect("no log line for the request");
        if line.contains(&uuid) {
            break line;
        }
    };
    for needle in [
        "INFO",
        "action=\"DescribeImage\"",
        "account=\"log-pk\"",
        "ret_code=0",
        "latency_ms=",
    ] {
        assert!(line.contains(needle), "{line:?} lacks {needle}");
    }
    assert!(!line.contains(&signature), "{line:?}");
    stop(child);
}

#[test]
fn an_address_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let mut child = spawn(&["--listen", &addr, "--public-key", "a", "--private-key", "x"]);
    let status = wait(&mut child, Duration::from_secs(20)).expect("it kept running");
    assert!(!status.success());
    let stderr = stderr_of(&mut child);
    assert!(stderr.contains(&addr), "{stderr}");
    assert!(stderr.contains("in use"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn the_state_file_is_loaded_at_start_and_saved_at_a_clean_stop() {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let path = std::env::temp_dir().join(format!(
        "api-emulator-state-{}-{nanos}.json",
        std::process::id()
    ));
    let path_text = path.to_str().unwrap().to_owned();
    let args = [
        "--public-key",
        "state-pk",
        "--private-key",
        "state-sk",
        "--time-scale",
        "0",
        "--state",
        path_text.as_str(),
    ];
    let client = |base: String| Client {
        http: support::http(),
        base,
        public_key: "state-pk".to_owned(),
        private_key: "state-sk".to_owned(),
    };

    // No file yet: it starts empty and writes one at the stop.
    let mut first = spawn(&args);
    let base = base_url(&first_line(&mut first));
    let id = runtime().block_on(client(base).create_instance(&[]));
    assert!(!path.exists());
    stop(first);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains(&id), "{saved}");
    assert!(!saved.contains("state-sk"));

    // The next start has the instance back.
    let mut second = spawn(&args);
    let base = base_url(&first_line(&mut second));
    runtime().block_on(async {
        assert_eq!(client(base).state(&id).await, "Running");
    });
    stop(second);

    // A file it cannot read stops the start, naming the file.
    std::fs::write(&path, "{ not json").unwrap();
    let mut third = spawn(&args);
    let status = wait(&mut third, Duration::from_secs(20)).expect("it kept running");
    assert!(!status.success());
    let stderr = stderr_of(&mut third);
    assert!(stderr.contains(&path_text), "{stderr}");
    std::fs::remove_file(&path).unwrap();
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
    let base = base_url(&first_line(&mut child));
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
    runtime().block_on(async {
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
