//! A load generator: many calls in flight against any endpoint, then
//! throughput and latency percentiles.
//!
//! ```text
//! cargo run --release --bin load -- --base-url http://127.0.0.1:PORT \
//!     --public-key PK --private-key SK --action DescribeUHostInstance \
//!     --concurrency 64 --seconds 10 [--region cn-bj2]
//! ```
//!
//! Without `--base-url` it starts an in-process emulator (sharing this
//! process's CPU). The last line is always
//! `requests/s: N errors: N p50_ms: X p99_ms: Y cpu_us_per_call: Z
//! user_us_per_call: U`, where `Z` is this process's user+sys CPU time
//! (from `/proc/self/stat`) over the timed run divided by the calls
//! completed in it: the client's own cost per call when the server runs
//! in another process (`-` where `/proc` is missing). `U` is the user
//! part of it: what the client's code costs, apart from the kernel's
//! work on the sockets.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use api_core::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use api_core::{Client, Credential, RetryPolicy};
use api_uhost::images::DescribeImage;
use api_uhost::instances::DescribeUHostInstance;
use clap::Parser;

/// Drives one action with a fixed number of calls in flight.
#[derive(Parser, Debug)]
struct Args {
    /// The endpoint; an in-process emulator when left out.
    #[arg(long)]
    base_url: Option<String>,
    /// The public key.
    #[arg(long, default_value = "load-public-key")]
    public_key: String,
    /// The private key.
    #[arg(long, default_value = "load-private-key")]
    private_key: String,
    /// The action: DescribeUHostInstance, DescribeImage, or any other name
    /// (sent without parameters as a generic call).
    #[arg(long, default_value = "DescribeUHostInstance")]
    action: String,
    /// Calls in flight.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// How long to run.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// The `Region` of every call.
    #[arg(long, default_value = "cn-bj2")]
    region: String,
    /// Write the signed body of one call to this file and exit, sending
    /// nothing: the request for `bench/floor.c`, the floor client.
    #[arg(long)]
    dump_body: Option<std::path::PathBuf>,
    /// Runtime worker threads of the load tool (1 leaves the other cores
    /// to the server when both run on one machine).
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match args.threads {
        0 | 1 => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
        n => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(n)
            .enable_all()
            .build(),
    };
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(path) = &args.dump_body {
        return dump_body(&args, path).await;
    }
    let mut emulator = None;
    let base_url = match &args.base_url {
        Some(url) => url.clone(),
        None => {
            let emu = api_emulator::Emulator::builder()
                .account(&args.public_key, &args.private_key)
                .time_scale(0.0)
                .start("127.0.0.1:0")
                .await?;
            let url = emu.base_url();
            eprintln!("no --base-url: using an in-process emulator at {url}");
            emulator = Some(emu);
            url
        }
    };
    let client = Client::builder()
        .credential(Credential::new(&args.public_key, &args.private_key))
        .base_url(base_url)
        .region(&args.region)
        .retry(RetryPolicy::none())
        .build()?;
    // One call first, so that a wrong key or URL fails loudly and at once.
    call(&client, &args.action).await?;

    let duration = Duration::try_from_secs_f64(args.seconds)?;
    let deadline = Instant::now() + duration;
    let cpu_before = process_cpu_seconds();
    let started = Instant::now();
    let workers: Vec<_> = (0..args.concurrency.max(1))
        .map(|_| {
            let (client, action) = (client.clone(), args.action.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(4096);
                let mut errors = 0u64;
                // Two clock readings per call: a call's end is the next
                // one's start.
                let mut sent = Instant::now();
                while sent < deadline {
                    let result = call(&client, &action).await;
                    let done = Instant::now();
                    match result {
                        Ok(()) => latencies.push(done - sent),
                        Err(_) => errors += 1,
                    }
                    sent = done;
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (mine, failed) = worker.await?;
        latencies.extend(mine);
        errors += failed;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let calls = latencies.len() as f64 + errors as f64;
    let (cpu_per_call, user_per_call) = match (cpu_before, process_cpu_seconds()) {
        (Some(before), Some(after)) if !latencies.is_empty() => (
            format!("{:.1}", (after.total() - before.total()) * 1e6 / calls),
            format!("{:.1}", (after.user - before.user) * 1e6 / calls),
        ),
        _ => ("-".to_owned(), "-".to_owned()),
    };
    if args.base_url.is_none() {
        eprintln!("note: the in-process emulator's CPU counts in cpu_us_per_call");
    }
    latencies.sort_unstable();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let rank = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len());
        latencies[rank - 1].as_secs_f64() * 1000.0
    };
    drop(emulator);
    println!(
        "requests/s: {:.0} errors: {} p50_ms: {:.3} p99_ms: {:.3} cpu_us_per_call: {} \
         user_us_per_call: {}",
        latencies.len() as f64 / elapsed,
        errors,
        percentile(0.50),
        percentile(0.99),
        cpu_per_call,
        user_per_call
    );
    Ok(())
}

/// CPU seconds of a process, in user space and in the kernel.
#[derive(Clone, Copy)]
struct CpuSeconds {
    user: f64,
    system: f64,
}

impl CpuSeconds {
    fn total(self) -> f64 {
        self.user + self.system
    }
}

/// This process's CPU seconds so far: fields 14 and 15 of
/// `/proc/self/stat`, in clock ticks of 1/100 s (Linux's `USER_HZ` on
/// every architecture it runs this on).
fn process_cpu_seconds() -> Option<CpuSeconds> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces:
    // count the fields after its closing parenthesis, from field 3.
    let mut fields = stat.get(stat.rfind(')')? + 1..)?.split_whitespace();
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(CpuSeconds {
        user: utime as f64 / 100.0,
        system: stime as f64 / 100.0,
    })
}

async fn call(client: &Client, action: &str) -> Result<(), api_core::Error> {
    match action {
        "DescribeUHostInstance" => client.send(DescribeUHostInstance::new()).await.map(drop),
        "DescribeImage" => client.send(DescribeImage::new()).await.map(drop),
        other => client
            .invoke(other, std::collections::BTreeMap::<String, String>::new())
            .await
            .map(drop),
    }
}

/// Captures the body of the one request it is given and answers it with
/// an empty success.
#[derive(Debug, Default)]
struct Capture(std::sync::Mutex<Option<String>>);

impl Transport for Capture {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let mut body = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *body = Some(request.body);
        Box::pin(async { Ok(HttpResponse::new(200, None, br#"{"RetCode":0}"#.to_vec())) })
    }
}

/// Writes the signed body of one call of `args.action` to `path`.
async fn dump_body(args: &Args, path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let capture = std::sync::Arc::new(Capture::default());
    let client = Client::builder()
        .credential(Credential::new(&args.public_key, &args.private_key))
        .base_url("http://127.0.0.1/")
        .region(&args.region)
        .retry(RetryPolicy::none())
        .transport(capture.clone())
        .build()?;
    // The answer is a stand-in: only the request matters here.
    let _ = call(&client, &args.action).await;
    let body = capture
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
        .ok_or("no request was made")?;
    std::fs::write(path, body)?;
    Ok(())
}
