//! Regions and their zones, from the reference region list; `cn-bj2-04`
//! (Beijing 2, zone D) is added because real accounts use it although the
//! list leaves it out.

/// A region and its zones.
#[derive(Debug)]
pub(crate) struct Region {
    /// The region's short id, such as `cn-bj2`.
    pub(crate) id: &'static str,
    /// The zones of the region, such as `cn-bj2-02`.
    pub(crate) zones: &'static [&'static str],
}

impl Region {
    /// Whether `zone` belongs to this region.
    pub(crate) fn has_zone(&self, zone: &str) -> bool {
        self.zones.contains(&zone)
    }
}

/// Every known region, in the order of the reference list.
pub(crate) static REGIONS: &[Region] = &[
    Region {
        id: "cn-bj1",
        zones: &["cn-bj1-01"],
    },
    Region {
        id: "cn-bj2",
        zones: &["cn-bj2-02", "cn-bj2-03", "cn-bj2-04", "cn-bj2-05"],
    },
    Region {
        id: "cn-wlcb",
        zones: &["cn-wlcb-01", "cn-wlcb-03"],
    },
    Region {
        id: "cn-wlcb2",
        zones: &["cn-wlcb2-01"],
    },
    Region {
        id: "cn-sh2",
        zones: &["cn-sh2-01", "cn-sh2-02", "cn-sh2-03"],
    },
    Region {
        id: "cn-jx",
        zones: &["cn-jx-01"],
    },
    Region {
        id: "cn-sh",
        zones: &["cn-sh-01", "cn-sh-02", "cn-sh-03"],
    },
    Region {
        id: "cn-gd2",
        zones: &["cn-gd2-01"],
    },
    Region {
        id: "cn-gd",
        zones: &["cn-gd-02"],
    },
    Region {
        id: "cn-guiyang1",
        zones: &["cn-guiyang1-01"],
    },
    Region {
        id: "hk",
        zones: &["hk-02", "hk-03"],
    },
    Region {
        id: "tw-tp",
        zones: &["tw-tp-01"],
    },
    Region {
        id: "sg",
        zones: &["sg-01", "sg-02"],
    },
    Region {
        id: "jpn-tky",
        zones: &["jpn-tky-01"],
    },
    Region {
        id: "kr-seoul",
        zones: &["kr-seoul-01"],
    },
    Region {
        id: "th-bkk",
        zones: &["th-bkk-02"],
    },
    Region {
        id: "idn-jakarta",
        zones: &["idn-jakarta-01"],
    },
    Region {
        id: "vn-sng",
        zones: &["vn-sng-01"],
    },
    Region {
        id: "ph-mnl",
        zones: &["ph-mnl-01"],
    },
    Region {
        id: "ind-mumbai",
        zones: &["ind-mumbai-01"],
    },
    Region {
        id: "pk-khi",
        zones: &["pk-khi-01"],
    },
    Region {
        id: "us-den",
        zones: &["us-den-01"],
    },
    Region {
        id: "us-ca",
        zones: &["us-ca-01"],
    },
    Region {
        id: "us-ws",
        zones: &["us-ws-01"],
    },
    Region {
        id: "bra-saopaulo",
        zones: &["bra-saopaulo-01"],
    },
    Region {
        id: "rus-mosc",
        zones: &["rus-mosc-01", "rus-mosc-02"],
    },
    Region {
        id: "ge-fra",
        zones: &["ge-fra-01"],
    },
    Region {
        id: "uk-london",
        zones: &["uk-london-01"],
    },
    Region {
        id: "uae-dubai",
        zones: &["uae-dubai-01"],
    },
    Region {
        id: "afr-nigeria",
        zones: &["afr-nigeria-01"],
    },
    Region {
        id: "uz-tas",
        zones: &["uz-tas-01"],
    },
    Region {
        id: "kz-ala",
        zones: &["kz-ala-01"],
    },
    Region {
        id: "mx-mex",
        zones: &["mx-mex-01"],
    },
];

/// The region with this id.
pub(crate) fn region(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

/// The position of a region in [`REGIONS`].
pub(crate) fn region_index(id: &str) -> Option<usize> {
    REGIONS.iter().position(|r| r.id == id)
}

/// The region a zone belongs to.
pub(crate) fn region_of_zone(zone: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.has_zone(zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_zones_of_its_own() {
        for r in REGIONS {
            assert!(!r.zones.is_empty(), "{} has no zones", r.id);
            for z in r.zones {
                assert_eq!(region_of_zone(z).map(|r| r.id), Some(r.id));
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(region("cn-bj2").map(|r| r.zones.len()), Some(4));
        assert!(region("cn-bj2").is_some_and(|r| r.has_zone("cn-bj2-04")));
        assert!(region("cn-sh2").is_some_and(|r| !r.has_zone("cn-bj2-02")));
        assert_eq!(region("mars-1").map(|r| r.id), None);
        assert_eq!(region_index("cn-bj1"), Some(0));
    }
}
