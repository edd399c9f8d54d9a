//! Starting, steering and stopping an emulator in-process.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpSocket, ToSocketAddrs};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::Error;
use crate::faults::{Fault, FaultEngine, FaultStatus};
use crate::gateway::Shared;
use crate::journal::{Journal, RequestRecord};
use crate::quotas::Quotas;
use crate::server::{self, Limits, OverLimit, Service};
use crate::state::Store;
use crate::state::clock::Clock;
use crate::state::projects;

/// The default cap on open connections.
pub(crate) const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// How many requests the request log keeps by default.
pub(crate) const DEFAULT_REQUEST_LOG: usize = 1000;

/// Settings of an emulator before it starts; see [`Emulator::builder`].
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    accounts: Vec<(String, String)>,
    time_scale: f64,
    seed: u64,
    faults: Vec<Fault>,
    quotas: Quotas,
    projects: Vec<(String, String, String)>,
    limits: Limits,
    request_log: usize,
    state_file: Option<PathBuf>,
    control_plane: bool,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        Self {
            accounts: Vec::new(),
            time_scale: 1.0,
            seed: 0,
            faults: Vec::new(),
            quotas: Quotas::default(),
            projects: Vec::new(),
            limits: Limits {
                max_connections: DEFAULT_MAX_CONNECTIONS,
                over_limit: OverLimit::Wait,
            },
            request_log: DEFAULT_REQUEST_LOG,
            state_file: None,
            control_plane: true,
        }
    }
}

impl EmulatorBuilder {
    /// Adds an account; requests signed with `private_key` under
    /// `public_key` are accepted. Repeat for several accounts, each with its
    /// own resources.
    pub fn account(
        mut self,
        public_key: impl Into<String>,
        private_key: impl Into<String>,
    ) -> Self {
        self.accounts.push((public_key.into(), private_key.into()));
        self
    }

    /// Multiplies every state-change delay (0 = immediate, 1 = about the
    /// real service's pace; default 1).
    pub fn time_scale(mut self, scale: f64) -> Self {
        self.time_scale = scale;
        self
    }

    /// Seeds the generator behind fault rates and resource ids (default 0).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Adds a fault.
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Adds a project to the account `public_key` (added with
    /// [`account`](Self::account)), besides its default project: it is
    /// listed by `GetProjectList` and accepted as `ProjectId` and
    /// `TargetProjectId`. The default project's id is `org-` and six
    /// characters derived from the public key, the same in every run.
    pub fn project(
        mut self,
        public_key: impl Into<String>,
        project_id: impl Into<String>,
        project_name: impl Into<String>,
    ) -> Self {
        self.projects
            .push((public_key.into(), project_id.into(), project_name.into()));
        self
    }

    /// Sets how much each account may hold (default [`Quotas::default`]).
    pub fn quotas(mut self, quotas: Quotas) -> Self {
        self.quotas = quotas;
        self
    }

    /// Adds several faults.
    pub fn faults(mut self, faults: impl IntoIterator<Item = Fault>) -> Self {
        self.faults.extend(faults);
        self
    }

    /// Serves at most `n` connections at once (default 512); see
    /// [`over_limit`](Self::over_limit) for the next one.
    pub fn max_connections(mut self, n: usize) -> Self {
        self.limits.max_connections = n;
        self
    }

    /// What happens to a connection beyond
    /// [`max_connections`](Self::max_connections) (default: it waits).
    pub fn over_limit(mut self, over_limit: OverLimit) -> Self {
        self.limits.over_limit = over_limit;
        self
    }

    /// How many recent requests [`Emulator::recent_requests`] and
    /// `GET /_emulator/requests` keep (default 1000; 0 keeps none).
    pub fn request_log(mut self, capacity: usize) -> Self {
        self.request_log = capacity;
        self
    }

    /// Loads the state from `path` at start, if the file exists, and saves
    /// it there at [`Emulator::shutdown`] and [`Emulator::close`].
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Whether `/_emulator/` answers (default true). Without it, those
    /// paths are API paths like any other.
    pub fn control_plane(mut self, enabled: bool) -> Self {
        self.control_plane = enabled;
        self
    }

    fn check(&self) -> Result<(), Error> {
        if self.accounts.is_empty() {
            return Err(Error::Config("at least one account is needed".to_owned()));
        }
        for (i, (public, private)) in self.accounts.iter().enumerate() {
            if public.is_empty() || private.is_empty() {
                return Err(Error::Config("account keys must not be empty".to_owned()));
            }
            if self
                .accounts
                .iter()
                .take(i)
                .any(|(other, _)| other == public)
            {
                return Err(Error::Config(format!(
                    "public key {public:?} is given twice"
                )));
            }
        }
        for (i, (owner, id, _)) in self.projects.iter().enumerate() {
            if !self.accounts.iter().any(|(public, _)| public == owner) {
                return Err(Error::Config(format!(
                    "project {id:?} belongs to {owner:?}, which is no account"
                )));
            }
            if id.is_empty() {
                return Err(Error::Config("a project id must not be empty".to_owned()));
            }
            let taken = *id == projects::default_id(owner)
                || self
                    .projects
                    .iter()
                    .take(i)
                    .any(|(other, other_id, _)| other == owner && other_id == id);
            if taken {
                return Err(Error::Config(format!(
                    "project {id:?} of {owner:?} is given twice"
                )));
            }
        }
        if !self.time_scale.is_finite() || self.time_scale < 0.0 {
            return Err(Error::Config(format!(
                "time scale {} must be a finite number >= 0",
                self.time_scale
            )));
        }
        if self.limits.max_connections == 0 {
            return Err(Error::Config(
                "max connections must be at least 1".to_owned(),
            ));
        }
        Ok(())
    }

    /// Binds `addr` (port 0 picks a free port), loads the state file if
    /// one is set and exists, and starts serving on the current tokio
    /// runtime.
    pub async fn start(self, addr: impl ToSocketAddrs) -> Result<Emulator, Error> {
        self.check()?;
        let listener = bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let store = Store::new(
            &self.accounts,
            &self.projects,
            self.quotas,
            Clock::new(self.time_scale),
            self.seed,
        );
        if let Some(path) = &self.state_file
            && let Some(dump) = read_state(path).await?
        {
            store
                .load(&dump)
                .map_err(|e| Error::State(format!("{}: {e}", path.display())))?;
        }
        let service = Arc::new(Service {
            shared: Shared::new(store, FaultEngine::new(self.seed, Vec::new())),
            journal: Journal::new(self.request_log),
            control: self.control_plane,
        });
        service.set_faults(self.faults)?;
        let (shutdown, signal) = watch::channel(false);
        let task = tokio::spawn(server::serve(
            listener,
            service.clone(),
            self.limits,
            signal,
        ));
        let public_keys: Vec<&str> = self.accounts.iter().map(|(pk, _)| pk.as_str()).collect();
        tracing::info!(
            %local_addr,
            accounts = ?public_keys,
            time_scale = self.time_scale,
            max_connections = self.limits.max_connections,
            state_file = ?self.state_file,
            "emulator started"
        );
        Ok(Emulator {
            local_addr,
            service,
            state_file: self.state_file,
            shutdown,
            task: Some(task),
        })
    }
}

/// Connections not yet accepted queue up to this many in the kernel (the
/// usual 128 would make a burst beyond the connection cap retry its SYNs).
const BACKLOG: u32 = 1024;

/// Binds the first address `addr` resolves to that can be bound; the error
/// names the address.
async fn bind(addr: impl ToSocketAddrs) -> Result<TcpListener, Error> {
    let mut last = None;
    for addr in tokio::net::lookup_host(addr).await? {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()
        } else {
            TcpSocket::new_v6()
        }?;
        #[cfg(unix)]
        socket.set_reuseaddr(true)?;
        match socket.bind(addr).and_then(|()| socket.listen(BACKLOG)) {
            Ok(listener) => return Ok(listener),
            Err(source) => last = Some(Error::Bind { addr, source }),
        }
    }
    Err(last.unwrap_or_else(|| {
        Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the listening address resolves to no address",
        ))
    }))
}

/// The state file's contents, or `None` if there is no such file.
async fn read_state(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    let owned = path.to_owned();
    let read = tokio::task::spawn_blocking(move || std::fs::read(owned))
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e)))?;
    match read {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::State(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Writes `dump` to `path` through a temporary file beside it, so that a
/// crash never leaves half a file.
async fn write_state(path: &Path, dump: Vec<u8>) -> Result<(), Error> {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut temporary = path.clone().into_os_string();
        temporary.push(".tmp");
        std::fs::write(&temporary, dump)
            .and_then(|()| std::fs::rename(&temporary, &path))
            .map_err(|e| Error::State(format!("cannot write {}: {e}", path.display())))
    })
    .await
    .map_err(|e| Error::Io(std::io::Error::other(e)))?
}

/// A running emulator. It stops when [`Emulator::shutdown`] is awaited or
/// when it is dropped.
///
/// Besides serving the API, it can be steered while it runs, from Rust
/// with its methods or over HTTP under `/_emulator/` (see the crate docs).
///
/// ```no_run
/// # async fn demo() -> Result<(), api_emulator::Error> {
/// use std::time::Duration;
/// use api_emulator::{Emulator, Fault, FaultKind};
///
/// let emu = Emulator::builder()
///     .account("PK", "SK")
///     .time_scale(0.0)
///     .fault(Fault::new(FaultKind::RetCode(150)).action("DescribeUHostInstance").times(2))
///     .start("127.0.0.1:0")
///     .await?;
/// println!("SDK base URL: {}", emu.base_url());
/// let snapshot = emu.dump_state()?;
/// emu.add_faults(vec!["http=503,action=CreateUHostInstance,times=1".parse()?])?;
/// emu.pause_clock();
/// emu.advance_clock(Duration::from_secs(3));
/// emu.reset();
/// emu.restore_state(&snapshot)?;
/// for request in emu.recent_requests(10) {
///     println!("{:?} {:?} {:?}", request.action(), request.ret_code(), request.latency());
/// }
/// emu.shutdown().await;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Emulator {
    local_addr: SocketAddr,
    service: Arc<Service>,
    state_file: Option<PathBuf>,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Settings for a new emulator.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `http://ADDR`, the base URL for SDK clients.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.local_addr)
    }

    /// Replaces the active faults (and restarts the seeded generator).
    pub fn set_faults(&self, faults: Vec<Fault>) -> Result<(), Error> {
        self.service.set_faults(faults)
    }

    /// Adds faults after the active ones (`POST /_emulator/faults`).
    pub fn add_faults(&self, faults: Vec<Fault>) -> Result<(), Error> {
        self.service.add_faults(faults)
    }

    /// Removes every fault (`DELETE /_emulator/faults`).
    pub fn clear_faults(&self) {
        self.service.shared.faults.replace(Vec::new());
    }

    /// The faults in the order they are tried, with how many requests each
    /// matched and hit (`GET /_emulator/faults`).
    pub fn faults(&self) -> Vec<FaultStatus> {
        self.service.shared.faults.list()
    }

    /// How many requests named the action `action` so far, whatever their
    /// answer (a failed signature, a fault, a dropped connection all count).
    /// 0 for names that are not actions the emulator serves.
    pub fn request_count(&self, action: &str) -> u64 {
        self.service.shared.count(action)
    }

    /// The last `limit` API requests, oldest first
    /// (`GET /_emulator/requests`).
    pub fn recent_requests(&self, limit: usize) -> Vec<RequestRecord> {
        self.service.journal.recent(limit, |_| true)
    }

    /// Empties every account and restarts the id sequence, as if freshly
    /// started; faults, the clock and the request log stay
    /// (`POST /_emulator/reset`).
    pub fn reset(&self) {
        // Only naming an unknown account fails.
        let _ = self.service.shared.store.reset(None);
    }

    /// Empties one account (`POST /_emulator/reset?account=PUBLIC_KEY`).
    pub fn reset_account(&self, public_key: &str) -> Result<(), Error> {
        self.service.shared.store.reset(Some(public_key))
    }

    /// Every account's resources as JSON (`GET /_emulator/state`).
    pub fn dump_state(&self) -> Result<String, Error> {
        let dump = self.service.shared.store.dump()?;
        String::from_utf8(dump).map_err(|e| Error::State(e.to_string()))
    }

    /// Replaces every account's resources with those of a dump; nothing
    /// changes if it cannot be read (`PUT /_emulator/state`).
    pub fn restore_state(&self, dump: &str) -> Result<(), Error> {
        self.service.shared.store.load(dump.as_bytes()).map(drop)
    }

    /// Stops the clock of state changes: changes under way stay where they
    /// are until it resumes or advances.
    pub fn pause_clock(&self) {
        self.service.shared.store.clock.pause();
    }

    /// Lets the clock run on from where it stood.
    pub fn resume_clock(&self) {
        self.service.shared.store.clock.resume();
    }

    /// Moves the clock forward (at most a year per call), paused or not:
    /// state changes due within `by` are done.
    pub fn advance_clock(&self, by: Duration) {
        self.service.shared.store.clock.advance(by);
    }

    /// Stops like [`shutdown`](Self::shutdown), then saves the state to
    /// the state file, if one is set, and says whether that worked.
    pub async fn close(mut self) -> Result<(), Error> {
        self.shutdown.send_replace(true);
        if let Some(task) = self.task.take()
            && let Err(e) = task.await
        {
            tracing::warn!(error = %e, "server task failed");
        }
        match &self.state_file {
            Some(path) => {
                let dump = self.service.shared.store.dump()?;
                write_state(path, dump).await?;
                tracing::info!(state_file = %path.display(), "state saved");
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Stops accepting connections, lets open ones finish their current
    /// request (for up to five seconds), saves the state to the state file
    /// if one is set (logging an error if that fails), and returns when
    /// serving ended.
    pub async fn shutdown(self) {
        if let Err(e) = self.close().await {
            tracing::error!("{e}");
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
    }
}
