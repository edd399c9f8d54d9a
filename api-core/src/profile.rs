//! The official CLI's shared files: `~/.ucloud/config.json` and
//! `~/.ucloud/credential.json`, each a JSON array of named profiles.
//!
//! ```json
//! [{"profile": "default", "active": true, "region": "cn-bj2", "project_id": "org-x",
//!   "zone": "cn-bj2-02", "base_url": "https://api.ucloud.cn", "timeout_sec": 15}]
//! ```
//!
//! Keys can sit in either file; the CLI keeps them in `credential.json`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

/// One profile's settings, merged from both files.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct Profile {
    pub(crate) profile: String,
    pub(crate) active: bool,
    pub(crate) public_key: Option<String>,
    pub(crate) private_key: Option<String>,
    pub(crate) project_id: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) zone: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) timeout_sec: Option<f64>,
}

impl Profile {
    /// Fills the settings this profile leaves unset from `other`.
    fn merge(&mut self, other: Profile) {
        self.active |= other.active;
        let fill = |mine: &mut Option<String>, theirs: Option<String>| {
            if mine.is_none() {
                *mine = theirs;
            }
        };
        fill(&mut self.public_key, other.public_key);
        fill(&mut self.private_key, other.private_key);
        fill(&mut self.project_id, other.project_id);
        fill(&mut self.region, other.region);
        fill(&mut self.zone, other.zone);
        fill(&mut self.base_url, other.base_url);
        if self.timeout_sec.is_none() {
            self.timeout_sec = other.timeout_sec;
        }
    }
}

/// Where the two files are.
#[derive(Debug, Clone)]
pub(crate) struct SharedFiles {
    pub(crate) config: PathBuf,
    pub(crate) credential: PathBuf,
}

impl SharedFiles {
    /// The files in `home/.ucloud`, unless overridden.
    pub(crate) fn locate(
        home: Option<PathBuf>,
        config: Option<PathBuf>,
        credential: Option<PathBuf>,
    ) -> Option<SharedFiles> {
        let dir = home.map(|h| h.join(".ucloud"));
        Some(SharedFiles {
            config: config.or_else(|| dir.as_ref().map(|d| d.join("config.json")))?,
            credential: credential.or_else(|| dir.as_ref().map(|d| d.join("credential.json")))?,
        })
    }

    /// The profile named `name`, or the active one when `name` is `None`.
    ///
    /// Missing files are fine; a malformed file, or a named profile that
    /// neither file has, is an error naming the file or profile.
    pub(crate) fn select(&self, name: Option<&str>) -> Result<Option<Profile>, Error> {
        let mut profiles: Vec<Profile> = Vec::new();
        for path in [&self.config, &self.credential] {
            for profile in read(path)? {
                match profiles.iter_mut().find(|p| p.profile == profile.profile) {
                    Some(known) => known.merge(profile),
                    None => profiles.push(profile),
                }
            }
        }
        match name {
            Some(name) => match profiles.into_iter().find(|p| p.profile == name) {
                Some(profile) => Ok(Some(profile)),
                None => Err(Error::config(format!(
                    "profile {name:?} is in neither {} nor {}; check the name or create it with the CLI",
                    self.config.display(),
                    self.credential.display()
                ))),
            },
            None => Ok(profiles.into_iter().find(|p| p.active)),
        }
    }
}

fn read(path: &Path) -> Result<Vec<Profile>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(&text).map_err(|e| {
        Error::config(format!(
            "{} is not a JSON array of profiles: {e}; fix or remove it",
            path.display()
        ))
    })
}
