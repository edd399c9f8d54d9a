//! The `api-emulator` command: a local UHost service for SDKs and tests.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use api_emulator::{Emulator, Fault, OverLimit, Quotas};
use clap::{CommandFactory, Parser, ValueEnum, error::ErrorKind};
use tracing_subscriber::EnvFilter;

/// Several accounts in one variable: `PK:SK[,PK:SK...]`.
const ACCOUNTS_VAR: &str = "API_EMULATOR_ACCOUNTS";

const AFTER_HELP: &str = "\
Output:
  stdout gets exactly one line, `listening on http://ADDR`, once the port
  is open, and nothing else. Logs go to stderr: one INFO line per API
  request (action, account, RetCode, latency, request UUID). RUST_LOG sets
  the level (default info): RUST_LOG=warn for quiet,
  RUST_LOG=info,api_emulator::requests=warn to drop only the per-request
  lines, RUST_LOG=debug for more.

Accounts:
  --public-key/--private-key pairs; without them, UCLOUD_PUBLIC_KEY and
  UCLOUD_PRIVATE_KEY (the variables the SDKs read); and, added to either,
  API_EMULATOR_ACCOUNTS=PK:SK[,PK:SK...]. Variables keep private keys out of
  the process list.

State:
  In memory, lost at exit, unless --state FILE: loaded at start if FILE
  exists, saved to it at a clean stop (Ctrl-C or SIGTERM).

Time:
  --time-scale multiplies how long state changes take. The default, 1, is
  the real service's pace (a create takes 3 s, a stop 1.5 s); 0 makes every
  change immediate; 0.01 makes a create take 30 ms.

Control plane (JSON over HTTP, never taken for API calls):
  GET /_emulator/health            POST /_emulator/reset[?account=PK]
  GET|PUT /_emulator/state         GET|POST|DELETE /_emulator/faults
  GET|POST /_emulator/clock        GET|DELETE /_emulator/requests

Actions:
  `api-emulator --list-actions` prints the actions it serves; the crate
  docs (cargo doc -p api-emulator --open) give each one's checks, errors
  and state, the fault language and the control plane's shapes.";

/// A local, stateful UHost service that speaks the real wire protocol and
/// checks signatures.
#[derive(Debug, Parser)]
#[command(name = "api-emulator", version, after_help = AFTER_HELP)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: String,
    /// Public key of an account; repeat, paired in order with --private-key.
    #[arg(
        long = "public-key",
        value_name = "PK",
        env = "UCLOUD_PUBLIC_KEY",
        hide_env_values = true
    )]
    public_keys: Vec<String>,
    /// Private key of an account; repeat, paired in order with --public-key.
    #[arg(
        long = "private-key",
        value_name = "SK",
        env = "UCLOUD_PRIVATE_KEY",
        hide_env_values = true
    )]
    private_keys: Vec<String>,
    /// Multiplies every state-change delay (1 = the real service's pace,
    /// 0 = immediate).
    #[arg(long, value_name = "F", default_value_t = 1.0)]
    time_scale: f64,
    /// Seed for fault rates and resource ids.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// A fault, repeatable:
    /// KIND[,action=NAME][,region=ID][,account=PK][,after=N][,times=N][,rate=P]
    /// where KIND is latency=MS, retcode=N, http=STATUS, malformed, truncate
    /// or drop.
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
    /// Load the state from FILE at start (if it exists) and save it there at
    /// a clean stop.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Serve at most N connections at once.
    #[arg(long, value_name = "N", default_value_t = 512)]
    max_connections: usize,
    /// What happens to connections beyond --max-connections.
    #[arg(long, value_enum, default_value_t = WhenFull::Wait)]
    over_limit: WhenFull,
    /// How many recent requests GET /_emulator/requests keeps.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    request_log: usize,
    /// Serve no control plane: /_emulator/ paths are API paths like any
    /// other.
    #[arg(long)]
    no_control_plane: bool,
    /// Print the actions served, one a line, and exit.
    #[arg(long)]
    list_actions: bool,
}

/// `--over-limit`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum WhenFull {
    /// They wait, unaccepted, until a connection closes.
    Wait,
    /// They are answered with HTTP 503 and closed at once.
    Refuse,
}

/// The accounts of the flags (or `UCLOUD_*`) and of `API_EMULATOR_ACCOUNTS`.
fn accounts(args: &Args) -> Result<Vec<(String, String)>, String> {
    if args.public_keys.len() != args.private_keys.len() {
        return Err(format!(
            "--public-key and --private-key (or UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY) come in pairs; got {} public and {} private keys",
            args.public_keys.len(),
            args.private_keys.len()
        ));
    }
    let mut accounts: Vec<(String, String)> = args
        .public_keys
        .iter()
        .cloned()
        .zip(args.private_keys.iter().cloned())
        .collect();
    if let Some(list) = std::env::var_os(ACCOUNTS_VAR) {
        let list = list
            .into_string()
            .map_err(|_| format!("{ACCOUNTS_VAR} is not UTF-8"))?;
        for (i, entry) in list.split(',').map(str::trim).enumerate() {
            if entry.is_empty() {
                continue;
            }
            let (public, private) = entry.split_once(':').ok_or_else(|| {
                format!(
                    "{ACCOUNTS_VAR}: entry {} is not PUBLIC_KEY:PRIVATE_KEY",
                    i + 1
                )
            })?;
            accounts.push((public.to_owned(), private.to_owned()));
        }
    }
    if accounts.is_empty() {
        return Err(format!(
            "no account: give --public-key PK --private-key SK, set UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY, or set {ACCOUNTS_VAR}=PK:SK[,PK:SK...]"
        ));
    }
    Ok(accounts)
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
    if args.list_actions {
        let mut stdout = std::io::stdout().lock();
        let listed = api_emulator::actions().try_for_each(|name| writeln!(stdout, "{name}"));
        return if listed.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    let accounts = match accounts(&args) {
        Ok(accounts) => accounts,
        Err(message) => Args::command()
            .error(ErrorKind::MissingRequiredArgument, message)
            .exit(),
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();

    let builder = accounts
        .into_iter()
        .fold(Emulator::builder(), |b, (public, private)| {
            b.account(public, private)
        });
    let mut builder = args
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
        )
        .max_connections(args.max_connections)
        .over_limit(match args.over_limit {
            WhenFull::Wait => OverLimit::Wait,
            WhenFull::Refuse => OverLimit::Refuse,
        })
        .request_log(args.request_log)
        .control_plane(!args.no_control_plane);
    if let Some(path) = args.state {
        builder = builder.state_file(path);
    }
    let emulator = match builder.start(args.listen.as_str()).await {
        Ok(emulator) => emulator,
        Err(e) => {
            eprintln!("api-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let stop = stop_signal();
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "listening on {}", emulator.base_url())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        tracing::warn!("cannot write the start line to stdout");
    }
    drop(stdout);

    stop.await;
    tracing::info!("stopping");
    match emulator.close().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("api-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C, or SIGTERM on Unix. The handlers are installed when this is
/// called (before the start line is written, so that a signal sent right
/// after it still stops the emulator cleanly); the future ends at the
/// first signal.
fn stop_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                (Err(e), _) | (_, Err(e)) => {
                    tracing::warn!(error = %e, "cannot listen for SIGINT or SIGTERM");
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        let ctrl_c = tokio::signal::ctrl_c();
        async move {
            let _ = ctrl_c.await;
        }
    }
}
