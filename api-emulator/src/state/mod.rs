//! The emulator's state: accounts and, per account, instances, custom
//! images, key pairs and isolation groups.
//!
//! Each account's resources sit behind their own `RwLock`, taken only inside
//! synchronous action code and never across an `.await`. State changes that
//! take time store their end state and due instant ([`phase::Phase`]) and are
//! resolved on every read, so nothing runs in the background.

pub(crate) mod clock;
pub(crate) mod ids;
pub(crate) mod images;
pub(crate) mod instances;
pub(crate) mod isolation_groups;
pub(crate) mod key_pairs;
pub(crate) mod memo;
pub(crate) mod phase;
pub(crate) mod projects;
pub(crate) mod snapshot;
pub(crate) mod table;

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::answer::ApiError;
use crate::quotas::Quotas;
use crate::retcodes;
use clock::Clock;
use ids::Ids;
use images::{Catalog, Image};
use instances::Instance;
use isolation_groups::IsolationGroup;
use key_pairs::KeyPair;
use projects::Project;
use table::{Table, Terminated};

/// Everything the actions read and change.
#[derive(Debug)]
pub(crate) struct Store {
    accounts: HashMap<String, Account>,
    /// Id generator shared by all accounts.
    pub(crate) ids: Ids,
    /// Delay scaling.
    pub(crate) clock: Clock,
    /// Base images.
    pub(crate) catalog: Catalog,
}

impl Store {
    /// A store with these `(public key, private key)` accounts, each with
    /// its default project and the `(public key, id, name)` projects of
    /// `projects` that name it, and each limited by `quotas`.
    pub(crate) fn new(
        accounts: &[(String, String)],
        projects: &[(String, String, String)],
        quotas: Quotas,
        clock: Clock,
        seed: u64,
    ) -> Self {
        let unix_now = clock::unix_now();
        Self {
            accounts: accounts
                .iter()
                .map(|(public, private)| {
                    let extra: Vec<(String, String)> = projects
                        .iter()
                        .filter(|(owner, _, _)| owner == public)
                        .map(|(_, id, name)| (id.clone(), name.clone()))
                        .collect();
                    (
                        public.clone(),
                        Account {
                            private_key: private.clone(),
                            projects: projects::for_account(public, &extra, unix_now),
                            quotas,
                            data: RwLock::default(),
                        },
                    )
                })
                .collect(),
            ids: Ids::new(seed),
            clock,
            catalog: Catalog::new(Instant::now(), unix_now),
        }
    }

    /// The account with this public key.
    pub(crate) fn account(&self, public_key: &str) -> Option<&Account> {
        self.accounts.get(public_key)
    }
}

/// One account: its private key, its limits and its resources.
#[derive(Debug)]
pub(crate) struct Account {
    /// Signs the account's requests.
    pub(crate) private_key: String,
    /// The account's projects, the default one first.
    pub(crate) projects: Vec<Project>,
    /// How much the account may hold.
    pub(crate) quotas: Quotas,
    data: RwLock<AccountData>,
}

impl Account {
    /// The project `id` of the account.
    pub(crate) fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The id of the account's default project.
    pub(crate) fn default_project(&self) -> &str {
        self.projects.first().map_or("", |p| p.id.as_str())
    }

    /// Shared access to the account's resources.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, AccountData> {
        self.data.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Exclusive access to the account's resources.
    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, AccountData> {
        self.data.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The resources of one account, in creation order and indexed by id.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct AccountData {
    /// Live instances. Change them only through
    /// [`AccountData::instance_mut`], which clears their cached answers.
    pub(crate) instances: Table<Instance>,
    /// Ids of recently terminated instances, so that later calls can say so.
    pub(crate) terminated: Terminated,
    /// Custom images (base images live in the [`Catalog`]).
    pub(crate) images: Table<Image>,
    /// Key pairs (account-wide, not regional).
    pub(crate) key_pairs: Table<KeyPair>,
    /// Isolation groups.
    pub(crate) isolation_groups: Table<IsolationGroup>,
}

impl AccountData {
    /// The live instance `id` in `region`.
    pub(crate) fn instance(&self, region: &str, id: &str) -> Result<&Instance, ApiError> {
        self.instances
            .get(id)
            .filter(|i| i.region == region)
            .ok_or_else(|| self.no_instance(region, id))
    }

    /// The live instance `id` in `region`, for changing it.
    pub(crate) fn instance_mut(
        &mut self,
        region: &str,
        id: &str,
    ) -> Result<&mut Instance, ApiError> {
        if self.instance(region, id).is_err() {
            return Err(self.no_instance(region, id));
        }
        let instance = self
            .instances
            .get_mut(id)
            .ok_or_else(|| ApiError::invalid("UHostId", "instance vanished"))?;
        instance.view.clear();
        Ok(instance)
    }

    /// 8039 for a terminated instance, 230 for an id that never existed here.
    pub(crate) fn no_instance(&self, region: &str, id: &str) -> ApiError {
        if self.terminated.contains(id) {
            ApiError::new(
                retcodes::HOST_DELETED,
                format!("instance {id} has been terminated and cannot be used"),
            )
        } else {
            ApiError::invalid("UHostId", format!("no instance {id:?} in region {region}"))
        }
    }

    /// The key pair `id`.
    pub(crate) fn key_pair(&self, id: &str) -> Option<&KeyPair> {
        self.key_pairs.get(id)
    }

    /// How many live instances there are in `region`.
    pub(crate) fn instances_in(&self, region: &str) -> usize {
        self.instances.iter().filter(|i| i.region == region).count()
    }

    /// How many custom images there are in `region`.
    pub(crate) fn images_in(&self, region: &str) -> usize {
        self.images.iter().filter(|i| i.region == region).count()
    }

    /// How many isolation groups there are in `region`.
    pub(crate) fn groups_in(&self, region: &str) -> usize {
        self.isolation_groups
            .iter()
            .filter(|g| g.region == region)
            .count()
    }

    /// How many instances of isolation group `group` are in `zone`.
    pub(crate) fn group_members(&self, group: &str, zone: &str) -> usize {
        self.instances
            .iter()
            .filter(|i| i.isolation_group == group && i.zone == zone)
            .count()
    }

    /// The isolation group `id` in `region`.
    pub(crate) fn isolation_group(
        &self,
        region: &str,
        id: &str,
    ) -> Result<&IsolationGroup, ApiError> {
        self.isolation_groups
            .get(id)
            .filter(|g| g.region == region)
            .ok_or_else(|| {
                ApiError::invalid(
                    "GroupId",
                    format!("no isolation group {id:?} in region {region}"),
                )
            })
    }
}
