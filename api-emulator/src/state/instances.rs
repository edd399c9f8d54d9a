//! Instances: their configuration, disks, addresses and power state, and the
//! power transitions with the delays the real service shows.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::clock::Clock;
use super::memo::Memo;
use super::phase::Phase;
use super::snapshot;
use crate::answer::ApiError;
use crate::retcodes;

/// Creating (or reinstalling) an instance takes this long at scale 1.
pub(crate) const BOOT_DELAY: Duration = Duration::from_secs(3);
const START_DELAY: Duration = Duration::from_millis(1500);
const STOP_DELAY: Duration = Duration::from_millis(1500);
const REBOOT_DELAY: Duration = Duration::from_secs(2);
const POWEROFF_DELAY: Duration = Duration::from_millis(500);

/// The power state of an instance, as `State` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Power {
    /// Being created or reinstalled.
    Initializing,
    /// Booting after a start.
    Starting,
    /// Up.
    Running,
    /// Shutting down.
    Stopping,
    /// Down.
    Stopped,
    /// Restarting.
    Rebooting,
}

impl Power {
    /// The wire spelling.
    pub(crate) fn wire(self) -> &'static str {
        match self {
            Power::Initializing => "Initializing",
            Power::Starting => "Starting",
            Power::Running => "Running",
            Power::Stopping => "Stopping",
            Power::Stopped => "Stopped",
            Power::Rebooting => "Rebooting",
        }
    }
}

/// A disk attached to an instance.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Disk {
    /// `bsi-…` for boot disks, `bsm-…` for data disks.
    pub(crate) id: String,
    /// The disk type, such as `CLOUD_SSD`.
    #[serde(deserialize_with = "snapshot::word")]
    pub(crate) disk_type: snapshot::StaticStr,
    /// Whether this is the system disk.
    pub(crate) is_boot: bool,
    /// Size in GB.
    pub(crate) size: i64,
    /// The device name, such as `vda`.
    pub(crate) drive: String,
    /// `NONE`, `SNAPSHOT` or `DATAARK`.
    #[serde(deserialize_with = "snapshot::word")]
    pub(crate) backup_type: snapshot::StaticStr,
    /// Whether the disk is encrypted.
    pub(crate) encrypted: bool,
}

impl Disk {
    /// Local disks live on the host; cloud disks are network disks.
    pub(crate) fn is_local(&self) -> bool {
        self.disk_type.starts_with("LOCAL") || self.disk_type.starts_with("EXCLUSIVE")
    }

    /// The deprecated `Type` field: `Boot`, `Data` (local) or `Udisk`.
    pub(crate) fn wire_kind(&self) -> &'static str {
        if self.is_boot {
            "Boot"
        } else if self.is_local() {
            "Data"
        } else {
            "Udisk"
        }
    }
}

/// An elastic IP bound at creation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PublicIp {
    /// `eip-…`.
    pub(crate) id: String,
    /// The address.
    pub(crate) ip: String,
    /// `Bgp` or `International`.
    pub(crate) operator: String,
    /// Mbps.
    pub(crate) bandwidth: i64,
}

/// A snapshot taken when a custom image was made from the instance.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    /// The snapshot's name.
    pub(crate) name: String,
    /// Unix seconds.
    pub(crate) time: u64,
}

/// One UHost instance.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Instance {
    /// `uhost-…`.
    pub(crate) id: String,
    /// Region id.
    #[serde(deserialize_with = "snapshot::region")]
    pub(crate) region: snapshot::StaticStr,
    /// Zone id.
    #[serde(deserialize_with = "snapshot::zone")]
    pub(crate) zone: snapshot::StaticStr,
    /// Display name.
    pub(crate) name: String,
    /// Business group.
    pub(crate) tag: String,
    /// Free text.
    pub(crate) remark: String,
    /// The image the system disk was last installed from.
    pub(crate) image_id: String,
    /// The base image behind `image_id`.
    pub(crate) basic_image_id: String,
    /// The base image's name.
    pub(crate) basic_image_name: String,
    /// Operating system name.
    pub(crate) os_name: String,
    /// `Linux` or `Windows`.
    #[serde(deserialize_with = "snapshot::word")]
    pub(crate) os_type: snapshot::StaticStr,
    /// vCPUs.
    pub(crate) cpu: i64,
    /// MB.
    pub(crate) memory: i64,
    /// GPU cards.
    pub(crate) gpu: i64,
    /// GPU model, empty without GPUs.
    pub(crate) gpu_type: String,
    /// Machine type (`N`, `C`, `O`, …).
    pub(crate) machine_type: String,
    /// CPU platform, such as `Intel/Cascadelake`.
    pub(crate) cpu_platform: String,
    /// Family, such as `o1i`; may be empty.
    pub(crate) uhost_family: String,
    /// `Year`, `Month`, `Dynamic`, `Postpay` or `Spot`.
    #[serde(deserialize_with = "snapshot::word")]
    pub(crate) charge_type: snapshot::StaticStr,
    /// `Normal`, `Super`, `Ultra` or `Extreme`.
    #[serde(deserialize_with = "snapshot::word")]
    pub(crate) net_capability: snapshot::StaticStr,
    /// Hot-plug upgrades enabled.
    pub(crate) hotplug: bool,
    /// Key pair used to log in, if any.
    pub(crate) key_pair_id: Option<String>,
    /// Isolation group id, empty when in none.
    pub(crate) isolation_group: String,
    /// RDMA cluster (express machine types only).
    pub(crate) rdma_cluster_id: String,
    /// VPC id.
    pub(crate) vpc_id: String,
    /// Subnet id.
    pub(crate) subnet_id: String,
    /// Private IPv4 address.
    pub(crate) private_ip: String,
    /// MAC of the default interface.
    pub(crate) mac: String,
    /// Elastic IPs.
    pub(crate) public_ips: Vec<PublicIp>,
    /// Boot disk first, then data disks.
    pub(crate) disks: Vec<Disk>,
    /// Unix seconds.
    pub(crate) created: u64,
    /// Unix seconds.
    pub(crate) expires: u64,
    /// Data ark (time machine) enabled.
    pub(crate) timemachine: bool,
    /// `Firewall` or `SecGroup`.
    pub(crate) security_mode: String,
    /// Snapshots taken for custom images.
    pub(crate) snapshots: Vec<Snapshot>,
    /// Power state over time.
    pub(crate) phase: Phase<Power>,
    /// The instance's `UHostInstanceSet` JSON, for the power state and
    /// key pair state (deleted or not) it was written for.
    #[serde(skip, default = "Memo::new")]
    pub(crate) view: Memo<(Power, bool), Box<RawValue>>,
}

impl super::table::Keyed for Instance {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Instance {
    /// The power state at `now`.
    pub(crate) fn power(&self, now: Instant) -> Power {
        self.phase.at(now)
    }

    /// Sum of the data disks' sizes.
    pub(crate) fn data_disk_space(&self) -> i64 {
        self.disks
            .iter()
            .filter(|d| !d.is_boot)
            .map(|d| d.size)
            .sum()
    }

    /// The system disk.
    pub(crate) fn boot_disk(&self) -> Option<&Disk> {
        self.disks.iter().find(|d| d.is_boot)
    }

    /// Running → Stopping → Stopped; a Stopping or Stopped instance is
    /// left as it is.
    pub(crate) fn stop(&mut self, clock: &Clock, now: Instant) -> Result<(), ApiError> {
        self.transition(
            now,
            &[Power::Running],
            &[Power::Stopping, Power::Stopped],
            Power::Stopping,
            Power::Stopped,
            clock.due(now, STOP_DELAY),
        )
    }

    /// Stopped → Starting → Running; a Starting or Running instance is
    /// left as it is.
    pub(crate) fn start(&mut self, clock: &Clock, now: Instant) -> Result<(), ApiError> {
        self.transition(
            now,
            &[Power::Stopped],
            &[Power::Starting, Power::Running],
            Power::Starting,
            Power::Running,
            clock.due(now, START_DELAY),
        )
    }

    /// Running → Rebooting → Running.
    pub(crate) fn reboot(&mut self, clock: &Clock, now: Instant) -> Result<(), ApiError> {
        self.transition(
            now,
            &[Power::Running],
            &[],
            Power::Rebooting,
            Power::Running,
            clock.due(now, REBOOT_DELAY),
        )
    }

    /// Any powered state → Stopping (briefly) → Stopped; a Stopped instance
    /// is left as it is.
    pub(crate) fn poweroff(&mut self, clock: &Clock, now: Instant) -> Result<(), ApiError> {
        self.transition(
            now,
            &[
                Power::Running,
                Power::Starting,
                Power::Rebooting,
                Power::Stopping,
            ],
            &[Power::Stopped],
            Power::Stopping,
            Power::Stopped,
            clock.due(now, POWEROFF_DELAY),
        )
    }

    /// Stopped → Initializing → Running, as after a reinstall.
    pub(crate) fn reinstall(&mut self, clock: &Clock, now: Instant) -> Result<(), ApiError> {
        self.require_stopped(now)?;
        self.phase = Phase::moving(
            Power::Initializing,
            Power::Running,
            clock.due(now, BOOT_DELAY),
        );
        Ok(())
    }

    /// Fails with 8010 unless the instance is stopped.
    pub(crate) fn require_stopped(&self, now: Instant) -> Result<(), ApiError> {
        let power = self.power(now);
        if power == Power::Stopped {
            Ok(())
        } else {
            Err(ApiError::new(
                retcodes::STOP_FIRST,
                format!(
                    "operation failed: stop the instance first ({} is {})",
                    self.id,
                    power.wire()
                ),
            ))
        }
    }

    /// Moves from one of `from` through `during` to `then`; an instance in
    /// one of `already` (in or on its way to the target state) is left as
    /// it is; any other state fails with 8905.
    fn transition(
        &mut self,
        now: Instant,
        from: &[Power],
        already: &[Power],
        during: Power,
        then: Power,
        until: Instant,
    ) -> Result<(), ApiError> {
        let power = self.power(now);
        if already.contains(&power) {
            return Ok(());
        }
        if !from.contains(&power) {
            return Err(ApiError::new(
                retcodes::POWER_STATE,
                format!(
                    "the power state of {} is {}; this operation needs {}",
                    self.id,
                    power.wire(),
                    from.iter()
                        .chain(already)
                        .map(|p| p.wire())
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            ));
        }
        self.phase = Phase::moving(during, then, until);
        Ok(())
    }
}
