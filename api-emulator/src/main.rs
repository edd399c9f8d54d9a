//! The `api-emulator` command: a local UHost service for SDKs and tests.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use api_emulator::{Emulator, Fault, Quotas};
use clap::{CommandFactory, Parser, error::ErrorKind};
use tracing_subscriber::EnvFilter;

/// A local, stateful UHost service that speaks the real wire protocol and
/// checks signatures.
#[derive(Debug, Parser)]
#[command(name = "api-emulator", version)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: String,
    /// Public key of an account; repeat, paired in order with --private-key.
    #[arg(long = "public-key", value_name = "PK", required = true)]
    public_keys: Vec<String>,
    /// Private key of an account; repeat, paired in order with --public-key.
    #[arg(long = "private-key", value_name = "SK", required = true)]
    private_keys: Vec<String>,
    /// Multiplies every state-change delay (0 = immediate).
    #[arg(long, value_name = "F", default_value_t = 1.0)]
    time_scale: f64,
    /// Seed for fault rates and resource ids.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// A fault, repeatable: KIND[,action=NAME][,times=N][,rate=P] where KIND
    /// is latency=MS, retcode=N, http=STATUS, malformed, truncate or drop.
    #[arg(long = "fault", value_name = "SPEC")]
    faults: Vec<Fault>,
    /// A project of an account besides its default one, repeatable:
    /// PUBLIC_KEY,PROJECT_ID[,NAME] (GetProjectList lists it; ProjectId and
    /// TargetProjectId accept it).
    #[arg(long = "project", value_name = "PK,ID[,NAME]", value_parser = parse_project)]
    projects: Vec<(String, String, String)>,
    /// A per-account limit, repeatable: NAME=N where NAME is instances,
    /// custom-images or isolation-groups (per region) or key-pairs
    /// (defaults 100, 50, 20 and 100; over a limit, RetCode 8095).
    #[arg(long = "quota", value_name = "NAME=N", value_parser = parse_quota)]
    quotas: Vec<(String, usize)>,
}

/// `PK,ID[,NAME]` of `--project`; the name defaults to the id.
fn parse_project(spec: &str) -> Result<(String, String, String), String> {
    let mut parts = spec.splitn(3, ',');
    let (Some(owner), Some(id)) = (parts.next(), parts.next()) else {
        return Err(format!("{spec:?} is not PUBLIC_KEY,PROJECT_ID[,NAME]"));
    };
    let name = parts.next().unwrap_or(id);
    Ok((owner.to_owned(), id.to_owned(), name.to_owned()))
}

/// `NAME=N` of `--quota`.
fn parse_quota(spec: &str) -> Result<(String, usize), String> {
    let (name, value) = spec
        .split_once('=')
        .ok_or_else(|| format!("{spec:?} is not NAME=N"))?;
    if ![
        "instances",
        "custom-images",
        "key-pairs",
        "isolation-groups",
    ]
    .contains(&name)
    {
        return Err(format!(
            "unknown quota {name:?}; use instances, custom-images, key-pairs or isolation-groups"
        ));
    }
    let value = value
        .parse()
        .map_err(|_| format!("{value:?} is not a whole number"))?;
    Ok((name.to_owned(), value))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if args.public_keys.len() != args.private_keys.len() {
        Args::command()
            .error(
                ErrorKind::WrongNumberOfValues,
                format!(
                    "--public-key and --private-key come in pairs; got {} public and {} private keys",
                    args.public_keys.len(),
                    args.private_keys.len()
                ),
            )
            .exit();
    }
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();

    let builder = args
        .public_keys
        .into_iter()
        .zip(args.private_keys)
        .fold(Emulator::builder(), |b, (public, private)| {
            b.account(public, private)
        });
    let builder = args
        .projects
        .into_iter()
        .fold(builder, |b, (owner, id, name)| b.project(owner, id, name))
        .time_scale(args.time_scale)
        .seed(args.seed)
        .faults(args.faults)
        .quotas(
            args.quotas
                .iter()
                .fold(Quotas::default(), |mut quotas, (name, value)| {
                    match name.as_str() {
                        "instances" => quotas.instances = *value,
                        "custom-images" => quotas.custom_images = *value,
                        "key-pairs" => quotas.key_pairs = *value,
                        _ => quotas.isolation_groups = *value,
                    }
                    quotas
                }),
        );
    let emulator = match builder.start(args.listen.as_str()).await {
        Ok(emulator) => emulator,
        Err(e) => {
            tracing::error!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "listening on {}", emulator.base_url())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        tracing::warn!("cannot write the start line to stdout");
    }
    drop(stdout);

    wait_for_stop_signal().await;
    tracing::info!("stopping");
    emulator.shutdown().await;
    ExitCode::SUCCESS
}

/// Ctrl-C, or SIGTERM on Unix.
async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
