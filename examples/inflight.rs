//! Many calls in flight at once against a slow endpoint: how many sockets
//! the process holds at the peak and afterwards, its peak memory, the wall
//! time, and how the calls failed.
//!
//! ```text
//! cargo run --release --example inflight -- [--calls 10000] [--delay-ms 2000] \
//!     [--max-in-flight N] [--pool-idle N] [--base-url URL]
//! cargo run --release --example inflight -- --serve [--delay-ms 2000]
//! ```
//!
//! Without `--base-url` a slow HTTP/1.1 server runs in this process (on
//! its own runtime threads) and answers every request after `--delay-ms`;
//! its sockets count against the same open-file limit, and are reported
//! apart from the client's. `--serve` runs only that server and prints
//! its URL, to point `--base-url` at from another process.
//!
//! Sockets are sampled every 50 ms: socket descriptors from
//! `/proc/self/fd`, and from `/proc/self/net/tcp{,6}` the connected
//! sockets whose remote port is the server's (the client's) or whose local
//! port is (the server's). Each peak is the highest sample (client, server
//! and total each at its own moment), so a burst shorter than 50 ms may be
//! missed. The tool opens what it reads at the start and keeps a spare
//! descriptor, so that it can still measure a process at its open-file
//! limit; samples that found the process there are counted. Linux only.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api_core::{Client, Credential};
use api_uhost::instances::DescribeUHostInstance;
use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Launches many calls at once against a slow endpoint and reports the
/// sockets, memory and failures they cost.
#[derive(Parser, Debug)]
struct Args {
    /// The endpoint; a slow in-process server when left out.
    #[arg(long)]
    base_url: Option<String>,
    /// Calls launched at once.
    #[arg(long, default_value_t = 10_000)]
    calls: usize,
    /// How long the in-process server waits before answering.
    #[arg(long, default_value_t = 2000)]
    delay_ms: u64,
    /// `ClientBuilder::max_in_flight`; unbounded when left out.
    #[arg(long)]
    max_in_flight: Option<usize>,
    /// `ClientBuilder::pool_max_idle_per_host`; the client's default when
    /// left out.
    #[arg(long)]
    pool_idle: Option<usize>,
    /// Runtime worker threads of the client.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Only run the slow server, print its URL and wait.
    #[arg(long)]
    serve: bool,
}

/// Connections the in-process server accepted.
static ACCEPTED: AtomicUsize = AtomicUsize::new(0);

const ANSWER_BODY: &str =
    r#"{"RetCode":0,"Action":"DescribeUHostInstanceResponse","TotalCount":0,"UHostSet":[]}"#;

fn main() -> ExitCode {
    let args = Args::parse();
    let server_runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("server")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the server runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    if args.serve {
        let served = server_runtime.block_on(async {
            let (url, _) = start_server(Duration::from_millis(args.delay_ms)).await?;
            println!("{url}");
            std::future::pending::<()>().await;
            Ok::<(), std::io::Error>(())
        });
        if let Err(err) = served {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads.max(1))
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args, &server_runtime)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(
    args: Args,
    server_runtime: &tokio::runtime::Runtime,
) -> Result<(), Box<dyn std::error::Error>> {
    let (base_url, server_port) = match &args.base_url {
        Some(url) => {
            let port = url
                .rsplit_once(':')
                .and_then(|(_, rest)| rest.split('/').next()?.parse().ok())
                .ok_or("--base-url needs an explicit port")?;
            (url.clone(), port)
        }
        None => {
            let delay = Duration::from_millis(args.delay_ms);
            let (url, port) = server_runtime.spawn(start_server(delay)).await??;
            (url, port)
        }
    };
    let nofile = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            limits
                .lines()
                .find(|l| l.starts_with("Max open files"))
                .map(|l| {
                    l.split_whitespace()
                        .skip(3)
                        .take(2)
                        .collect::<Vec<_>>()
                        .join("/")
                })
        })
        .unwrap_or_default();
    println!(
        "endpoint: {base_url} ({}), calls: {}, max_in_flight: {}, pool_idle: {}, open files (soft/hard): {nofile}",
        if args.base_url.is_some() {
            "external"
        } else {
            "in-process"
        },
        args.calls,
        args.max_in_flight
            .map_or("unbounded".to_owned(), |n| n.to_string()),
        args.pool_idle
            .map_or("default".to_owned(), |n| n.to_string()),
    );

    let mut builder = Client::builder()
        .credential(Credential::new("inflight-public", "inflight-private"))
        .base_url(&base_url)
        .region("cn-bj2");
    builder = tune(builder, &args);
    let client = builder.build()?;

    let sampler = Sampler::start(server_port, args.base_url.is_none());
    let started = Instant::now();
    let calls: Vec<_> = (0..args.calls)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let sent = Instant::now();
                let result = client.send(DescribeUHostInstance::new()).await;
                (result, sent.elapsed())
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(args.calls);
    let mut failures: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for call in calls {
        match call.await? {
            (Ok(_), latency) => latencies.push(latency),
            (Err(err), _) => {
                let key = format!("{}, {} attempt(s)", variant(&err), err.attempts());
                let entry = failures.entry(key).or_insert_with(|| (0, err.to_string()));
                entry.0 += 1;
            }
        }
    }
    let wall = started.elapsed();
    let during = sampler.peak();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (after, hwm) = sampler.now();
    sampler.stop();

    println!("wall time: {:.2} s", wall.as_secs_f64());
    latencies.sort_unstable();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let rank = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len());
        latencies[rank - 1].as_secs_f64()
    };
    println!(
        "succeeded: {} of {}; latency p50 {:.2} s, p99 {:.2} s, max {:.2} s",
        latencies.len(),
        args.calls,
        percentile(0.50),
        percentile(0.99),
        percentile(1.0)
    );
    let peak_total = if during.at_limit == 0 {
        during.total.to_string()
    } else {
        format!(
            "the open-file limit ({} samples found the process there; {} at most in the others)",
            during.at_limit, during.total
        )
    };
    println!(
        "peak sockets: {peak_total} (client {}, server {})",
        during.client, during.server
    );
    println!(
        "sockets open 2 s after the calls: {} (client {}, server {}){}",
        after.total.map_or("?".to_owned(), |n| n.to_string()),
        after.client,
        after.server,
        if after.at_limit {
            "; the process is at its open-file limit"
        } else {
            ""
        }
    );
    if args.base_url.is_none() {
        println!(
            "connections opened (accepted by the server): {}",
            ACCEPTED.load(Ordering::Relaxed)
        );
    }
    println!("peak RSS (VmHWM): {hwm}");
    for (variant, (count, sample)) in &failures {
        let sample: String = sample.chars().take(400).collect();
        println!("failed as {variant}: {count}; e.g. {sample}");
    }
    drop(client);
    Ok(())
}

/// The name of the error's variant, looking through a wrapper of retried
/// calls (which some versions have) to the last attempt's.
fn variant(err: &api_core::Error) -> String {
    let debug = format!("{err:?}");
    let name = |text: &str| -> String {
        text.split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let outer = name(&debug);
    match debug.split_once("last: ") {
        Some((_, inner)) if outer == "Retried" => name(inner),
        _ => outer,
    }
}

/// Applies the options the client of this build supports.
fn tune(mut builder: api_core::ClientBuilder, args: &Args) -> api_core::ClientBuilder {
    if let Some(n) = args.max_in_flight {
        builder = builder.max_in_flight(n);
    }
    if let Some(n) = args.pool_idle {
        builder = builder.pool_max_idle_per_host(n);
    }
    builder
}

/// Starts the slow server; returns its base URL and port.
async fn start_server(delay: Duration) -> Result<(String, u16), std::io::Error> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    ACCEPTED.fetch_add(1, Ordering::Relaxed);
                    tokio::spawn(serve_connection(stream, delay));
                }
                // Out of descriptors, most likely: wait for some to close.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    });
    Ok((format!("http://127.0.0.1:{port}/"), port))
}

/// Answers the requests of one keep-alive connection, each after `delay`.
async fn serve_connection(mut stream: TcpStream, delay: Duration) {
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{ANSWER_BODY}",
        ANSWER_BODY.len()
    );
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
            continue;
        };
        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < end + 4 + length {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..end + 4 + length);
        tokio::time::sleep(delay).await;
        if stream.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// The sockets of this process at one moment.
#[derive(Debug, Default, Clone, Copy)]
struct Sockets {
    /// Socket descriptors of the process; `None` when `/proc/self/fd`
    /// could not be listed even with the spare descriptor given back.
    total: Option<usize>,
    /// Connected TCP sockets whose remote port is the server's.
    client: usize,
    /// Connected TCP sockets whose local port is the server's.
    server: usize,
    /// Whether `/proc/self/fd` could not be opened at first: the process
    /// was at its open-file limit.
    at_limit: bool,
}

/// Reads `/proc` with descriptors opened at the start (files of `/proc`
/// can be read again from their start), and keeps one spare descriptor to
/// give back for listing `/proc/self/fd` when the process is at its
/// open-file limit.
struct Probe {
    server_port: u16,
    /// Whether the server's sockets are this process's.
    server_here: bool,
    tables: Vec<File>,
    status: Option<File>,
    spare: Option<File>,
}

impl Probe {
    fn open(server_port: u16, server_here: bool) -> Probe {
        Probe {
            server_port,
            server_here,
            tables: ["/proc/self/net/tcp", "/proc/self/net/tcp6"]
                .into_iter()
                .filter_map(|path| File::open(path).ok())
                .collect(),
            status: File::open("/proc/self/status").ok(),
            spare: File::open("/dev/null").ok(),
        }
    }

    /// The inodes of the process's socket descriptors.
    fn socket_inodes() -> std::io::Result<HashSet<u64>> {
        let mut inodes = HashSet::new();
        for entry in std::fs::read_dir("/proc/self/fd")?.flatten() {
            if let Ok(target) = std::fs::read_link(entry.path())
                && let Some(inode) = target
                    .to_str()
                    .and_then(|t| t.strip_prefix("socket:["))
                    .and_then(|t| t.strip_suffix(']'))
                    .and_then(|t| t.parse().ok())
            {
                inodes.insert(inode);
            }
        }
        Ok(inodes)
    }

    /// Counts the sockets now. Client and server sockets are the rows of
    /// the TCP tables with the server's port as their remote or local
    /// port, counted once per inode, and only those the process holds a
    /// descriptor of (when `/proc/self/fd` could be listed; else those
    /// with an inode at all, since nothing else talks to that port).
    /// With `use_spare`, the spare descriptor is given back for the
    /// listing when the process is at its limit; that is only reliable
    /// once nothing else competes for it.
    fn sockets(&mut self, use_spare: bool) -> Sockets {
        let mut at_limit = false;
        let mut inodes = Self::socket_inodes();
        if inodes.is_err() {
            at_limit = true;
            if use_spare && self.spare.take().is_some() {
                inodes = Self::socket_inodes();
                self.spare = File::open("/dev/null").ok();
            }
        }
        let inodes = inodes.ok();
        let (mut client, mut server) = (HashSet::new(), HashSet::new());
        let mut text = String::new();
        for table in &mut self.tables {
            if !read_again(table, &mut text) {
                continue;
            }
            for row in text.lines().skip(1) {
                let fields: Vec<&str> = row.split_whitespace().collect();
                let (Some(local), Some(remote), Some(state), Some(inode)) =
                    (fields.get(1), fields.get(2), fields.get(3), fields.get(9))
                else {
                    continue;
                };
                let Ok(inode) = inode.parse::<u64>() else {
                    continue;
                };
                // The listener is neither side of a connection; a row
                // without an inode has no descriptor left (TIME_WAIT,
                // orphans).
                if *state == "0A"
                    || inode == 0
                    || inodes.as_ref().is_some_and(|held| !held.contains(&inode))
                {
                    continue;
                }
                let port = |address: &str| {
                    address
                        .rsplit_once(':')
                        .and_then(|(_, hex)| u16::from_str_radix(hex, 16).ok())
                };
                if port(local) == Some(self.server_port) {
                    // Another process's, when the server runs elsewhere.
                    if self.server_here {
                        server.insert(inode);
                    }
                } else if port(remote) == Some(self.server_port) {
                    client.insert(inode);
                }
            }
        }
        Sockets {
            total: inodes.map(|held| held.len()),
            client: client.len(),
            server: server.len(),
            at_limit,
        }
    }

    /// The peak resident set size, as `/proc/self/status` reports it.
    fn vm_hwm(&mut self) -> String {
        let mut text = String::new();
        let read = self
            .status
            .as_mut()
            .is_some_and(|status| read_again(status, &mut text));
        text.lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .filter(|_| read)
            .map_or_else(|| "unknown".to_owned(), |v| v.trim().to_owned())
    }
}

/// Reads `file` again from its start into `text`.
fn read_again(file: &mut File, text: &mut String) -> bool {
    text.clear();
    file.seek(SeekFrom::Start(0)).is_ok() && file.read_to_string(text).is_ok()
}

/// The highest counts seen, each at its own moment.
#[derive(Debug, Default, Clone, Copy)]
struct Peak {
    total: usize,
    client: usize,
    server: usize,
    /// Samples taken while the process was at its open-file limit.
    at_limit: usize,
}

/// Samples the process's sockets every 50 ms on its own thread.
struct Sampler {
    stop: Arc<AtomicBool>,
    peak: Arc<Mutex<Peak>>,
    probe: Arc<Mutex<Probe>>,
}

impl Sampler {
    fn start(server_port: u16, server_here: bool) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(Mutex::new(Peak::default()));
        let probe = Arc::new(Mutex::new(Probe::open(server_port, server_here)));
        let (stopped, highest, prober) = (Arc::clone(&stop), Arc::clone(&peak), Arc::clone(&probe));
        std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                let now = match prober.lock() {
                    Ok(mut probe) => probe.sockets(false),
                    Err(_) => return,
                };
                if let Ok(mut peak) = highest.lock() {
                    peak.total = peak.total.max(now.total.unwrap_or(0));
                    peak.client = peak.client.max(now.client);
                    peak.server = peak.server.max(now.server);
                    peak.at_limit += usize::from(now.at_limit);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        Sampler { stop, peak, probe }
    }

    fn peak(&self) -> Peak {
        self.peak.lock().map(|p| *p).unwrap_or_default()
    }

    /// A sample now, and the peak RSS.
    fn now(&self) -> (Sockets, String) {
        match self.probe.lock() {
            Ok(mut probe) => (probe.sockets(true), probe.vm_hwm()),
            Err(_) => (Sockets::default(), "unknown".to_owned()),
        }
    }

    fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
