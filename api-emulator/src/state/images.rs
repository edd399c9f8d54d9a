//! Images: the base catalog every region offers and the custom images an
//! account makes, copies and imports.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::ids;
use super::phase::Phase;
use super::snapshot;
use crate::regions::REGIONS;

/// Making, copying or importing an image takes this long at scale 1.
pub(crate) const IMAGE_DELAY: Duration = Duration::from_secs(5);

/// Where an image comes from, as `ImageType` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ImageKind {
    /// A standard image of the catalog.
    Base,
    /// An image made, copied or imported by the account.
    Custom,
}

impl ImageKind {
    /// The wire spelling.
    pub(crate) fn wire(self) -> &'static str {
        match self {
            ImageKind::Base => "Base",
            ImageKind::Custom => "Custom",
        }
    }
}

/// The state of an image, as `State` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ImageState {
    /// Ready to use.
    Available,
    /// Being made from an instance or imported.
    Making,
    /// Being copied.
    Copying,
}

impl ImageState {
    /// The wire spelling.
    pub(crate) fn wire(self) -> &'static str {
        match self {
            ImageState::Available => "Available",
            ImageState::Making => "Making",
            ImageState::Copying => "Copying",
        }
    }
}

/// One image.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Image {
    /// `uimage-…`.
    pub(crate) id: String,
    /// Region id.
    #[serde(deserialize_with = "snapshot::region")]
    pub(crate) region: snapshot::StaticStr,
    /// Zone id; empty for images usable in every zone of the region.
    pub(crate) zone: String,
    /// Display name.
    pub(crate) name: String,
    /// Free text.
    pub(crate) description: String,
    /// Business group.
    pub(crate) tag: String,
    /// Base or custom.
    pub(crate) kind: ImageKind,
    /// `Linux` or `Windows`.
    #[serde(deserialize_with = "snapshot::word")]
    pub(crate) os_type: snapshot::StaticStr,
    /// Operating system name.
    pub(crate) os_name: String,
    /// GB; the smallest boot disk the image fits on.
    pub(crate) size: i64,
    /// Feature flags (`CloudInit`, `HotPlug`, …).
    #[serde(deserialize_with = "snapshot::words")]
    pub(crate) features: &'static [&'static str],
    /// End of maintenance, `YYYY/MM/DD`.
    #[serde(deserialize_with = "snapshot::word")]
    pub(crate) maintain_eol: snapshot::StaticStr,
    /// Unix seconds.
    pub(crate) created: u64,
    /// The base image a custom image descends from (itself for base images).
    pub(crate) basic_image_id: String,
    /// The base image's name.
    pub(crate) basic_image_name: String,
    /// Data-disk snapshots taken with a custom image.
    pub(crate) data_snapshot_ids: Vec<String>,
    /// State over time.
    pub(crate) phase: Phase<ImageState>,
}

impl super::table::Keyed for Image {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Image {
    /// The state at `now`.
    pub(crate) fn state(&self, now: Instant) -> ImageState {
        self.phase.at(now)
    }
}

struct Template {
    os_name: &'static str,
    os_type: &'static str,
    size: i64,
    features: &'static [&'static str],
    maintain_eol: &'static str,
}

const LINUX_FEATURES: &[&str] = &[
    "NetEnhanced",
    "NetEnhanced_Ultra",
    "HotPlug",
    "CloudInit",
    "IPv6",
    "RssdAttachable",
];
/// Older Linux releases: no network enhancement 2.0, no RSSD.
const OLDER_LINUX_FEATURES: &[&str] = &["NetEnhanced", "HotPlug", "CloudInit", "IPv6"];
/// The oldest Linux releases: no cloud-init, no IPv6.
const OLDEST_LINUX_FEATURES: &[&str] = &["NetEnhanced", "HotPlug"];
const WINDOWS_FEATURES: &[&str] = &["NetEnhanced", "HotPlug", "RssdAttachable"];
const OLDER_WINDOWS_FEATURES: &[&str] = &["NetEnhanced", "HotPlug"];

/// The public images of every region. The first six came first and keep
/// their ids; the long-lived older releases that scripts look up by name
/// ("CentOS 6.5 64位", "CentOS 7.6 64位", …) follow. Append only: an
/// image's id comes from its position.
const TEMPLATES: &[Template] = &[
    Template {
        os_name: "CentOS 7.9 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2024/06/30",
    },
    Template {
        os_name: "Ubuntu 22.04 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2027/04/01",
    },
    Template {
        os_name: "Ubuntu 24.04 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2029/05/31",
    },
    Template {
        os_name: "Debian 12.5 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2028/06/30",
    },
    Template {
        os_name: "Rocky Linux 9.3 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2032/05/31",
    },
    Template {
        os_name: "Windows 2022 64位 数据中心版",
        os_type: "Windows",
        size: 40,
        features: WINDOWS_FEATURES,
        maintain_eol: "2031/10/14",
    },
    Template {
        os_name: "CentOS 6.5 64位",
        os_type: "Linux",
        size: 20,
        features: OLDEST_LINUX_FEATURES,
        maintain_eol: "2020/11/30",
    },
    Template {
        os_name: "CentOS 6.10 64位",
        os_type: "Linux",
        size: 20,
        features: OLDEST_LINUX_FEATURES,
        maintain_eol: "2020/11/30",
    },
    Template {
        os_name: "CentOS 7.0 64位",
        os_type: "Linux",
        size: 20,
        features: OLDER_LINUX_FEATURES,
        maintain_eol: "2024/06/30",
    },
    Template {
        os_name: "CentOS 7.4 64位",
        os_type: "Linux",
        size: 20,
        features: OLDER_LINUX_FEATURES,
        maintain_eol: "2024/06/30",
    },
    Template {
        os_name: "CentOS 7.6 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2024/06/30",
    },
    Template {
        os_name: "CentOS 8.2 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2021/12/31",
    },
    Template {
        os_name: "Ubuntu 16.04 64位",
        os_type: "Linux",
        size: 20,
        features: OLDER_LINUX_FEATURES,
        maintain_eol: "2021/04/30",
    },
    Template {
        os_name: "Ubuntu 18.04 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2023/05/31",
    },
    Template {
        os_name: "Ubuntu 20.04 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2025/05/31",
    },
    Template {
        os_name: "Debian 9.13 64位",
        os_type: "Linux",
        size: 20,
        features: OLDER_LINUX_FEATURES,
        maintain_eol: "2022/06/30",
    },
    Template {
        os_name: "Debian 10.13 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2024/06/30",
    },
    Template {
        os_name: "Debian 11.9 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2026/08/31",
    },
    Template {
        os_name: "Rocky Linux 8.6 64位",
        os_type: "Linux",
        size: 20,
        features: LINUX_FEATURES,
        maintain_eol: "2029/05/31",
    },
    Template {
        os_name: "Windows 2008 R2 64位 数据中心版",
        os_type: "Windows",
        size: 40,
        features: OLDER_WINDOWS_FEATURES,
        maintain_eol: "2020/01/14",
    },
    Template {
        os_name: "Windows 2012 R2 64位 数据中心版",
        os_type: "Windows",
        size: 40,
        features: OLDER_WINDOWS_FEATURES,
        maintain_eol: "2023/10/10",
    },
    Template {
        os_name: "Windows 2016 64位 数据中心版",
        os_type: "Windows",
        size: 40,
        features: WINDOWS_FEATURES,
        maintain_eol: "2027/01/12",
    },
    Template {
        os_name: "Windows 2019 64位 数据中心版",
        os_type: "Windows",
        size: 40,
        features: WINDOWS_FEATURES,
        maintain_eol: "2029/01/09",
    },
];

/// The base images of every region.
#[derive(Debug)]
pub(crate) struct Catalog {
    by_region: Vec<Vec<Image>>,
}

impl Catalog {
    /// The catalog; base image ids are the same in every run.
    pub(crate) fn new(now: Instant, unix_now: u64) -> Self {
        let by_region = REGIONS
            .iter()
            .zip(0u64..)
            .map(|(region, r)| {
                TEMPLATES
                    .iter()
                    .zip(0u64..)
                    .map(|(t, i)| {
                        let id = ids::stable("uimage", r * 64 + i);
                        Image {
                            basic_image_id: id.clone(),
                            basic_image_name: t.os_name.to_owned(),
                            id,
                            region: region.id,
                            zone: String::new(),
                            name: t.os_name.to_owned(),
                            description: String::new(),
                            tag: "Default".to_owned(),
                            kind: ImageKind::Base,
                            os_type: t.os_type,
                            os_name: t.os_name.to_owned(),
                            size: t.size,
                            features: t.features,
                            maintain_eol: t.maintain_eol,
                            created: unix_now.saturating_sub(90 * 24 * 3600),
                            data_snapshot_ids: Vec::new(),
                            phase: Phase::settled(ImageState::Available, now),
                        }
                    })
                    .collect()
            })
            .collect();
        Self { by_region }
    }

    /// The base images of a region.
    pub(crate) fn region(&self, region: &str) -> &[Image] {
        REGIONS
            .iter()
            .position(|r| r.id == region)
            .and_then(|i| self.by_region.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_offers_the_long_lived_images() {
        let catalog = Catalog::new(Instant::now(), 0);
        for region in REGIONS {
            let images = catalog.region(region.id);
            assert_eq!(images.len(), TEMPLATES.len());
            for name in [
                "CentOS 6.5 64位",
                "CentOS 7.0 64位",
                "CentOS 7.6 64位",
                "CentOS 7.9 64位",
                "Ubuntu 18.04 64位",
                "Ubuntu 20.04 64位",
                "Ubuntu 24.04 64位",
                "Debian 12.5 64位",
                "Rocky Linux 8.6 64位",
                "Windows 2012 R2 64位 数据中心版",
                "Windows 2022 64位 数据中心版",
            ] {
                assert!(images.iter().any(|i| i.name == name), "{name} missing");
            }
            assert!(
                images
                    .iter()
                    .filter(|i| i.os_type == "Windows")
                    .all(|i| i.size == 40)
            );
        }
        assert!(catalog.region("nowhere").is_empty());
    }

    #[test]
    fn image_ids_fit_the_id_space_of_a_region() {
        // Ids are `stable(r * 64 + i)`: a region has room for 64 images.
        assert!(TEMPLATES.len() <= 64);
        let names: std::collections::HashSet<&str> = TEMPLATES.iter().map(|t| t.os_name).collect();
        assert_eq!(names.len(), TEMPLATES.len());
    }
}
