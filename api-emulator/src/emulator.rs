//! Starting, steering and stopping an emulator in-process.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::Error;
use crate::faults::{Fault, FaultEngine};
use crate::gateway::Shared;
use crate::quotas::Quotas;
use crate::server;
use crate::state::Store;
use crate::state::clock::Clock;
use crate::state::projects;

/// Settings of an emulator before it starts; see [`Emulator::builder`].
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    accounts: Vec<(String, String)>,
    time_scale: f64,
    seed: u64,
    faults: Vec<Fault>,
    quotas: Quotas,
    projects: Vec<(String, String, String)>,
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
        self.faults.iter().try_for_each(Fault::check)
    }

    /// Binds `addr` (port 0 picks a free port) and starts serving on the
    /// current tokio runtime.
    pub async fn start(self, addr: impl ToSocketAddrs) -> Result<Emulator, Error> {
        self.check()?;
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let store = Store::new(
            &self.accounts,
            &self.projects,
            self.quotas,
            Clock::new(self.time_scale),
            self.seed,
        );
        let shared = Arc::new(Shared::new(store, FaultEngine::new(self.seed, self.faults)));
        let (shutdown, signal) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, shared.clone(), signal));
        tracing::info!(%local_addr, accounts = self.accounts.len(), time_scale = self.time_scale, "emulator started");
        Ok(Emulator {
            local_addr,
            shared,
            shutdown,
            task: Some(task),
        })
    }
}

/// A running emulator. It stops when [`Emulator::shutdown`] is awaited or
/// when it is dropped.
///
/// ```no_run
/// # async fn demo() -> Result<(), api_emulator::Error> {
/// use api_emulator::{Emulator, Fault, FaultKind};
///
/// let emu = Emulator::builder()
///     .account("PK", "SK")
///     .time_scale(0.0)
///     .fault(Fault::new(FaultKind::RetCode(150)).action("DescribeUHostInstance").times(2))
///     .start("127.0.0.1:0")
///     .await?;
/// println!("SDK base URL: {}", emu.base_url());
/// emu.shutdown().await;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Emulator {
    local_addr: SocketAddr,
    shared: Arc<Shared>,
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
        faults.iter().try_for_each(Fault::check)?;
        self.shared.faults.replace(faults);
        Ok(())
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.shared.faults.replace(Vec::new());
    }

    /// How many requests named the action `action` so far, whatever their
    /// answer (a failed signature, a fault, a dropped connection all count).
    /// 0 for names that are not actions the emulator serves.
    pub fn request_count(&self, action: &str) -> u64 {
        self.shared.count(action)
    }

    /// Stops accepting connections, lets open ones finish their current
    /// request (for up to five seconds), and returns when serving ended.
    pub async fn shutdown(mut self) {
        self.shutdown.send_replace(true);
        if let Some(task) = self.task.take()
            && let Err(e) = task.await
        {
            tracing::warn!(error = %e, "server task failed");
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
    }
}
