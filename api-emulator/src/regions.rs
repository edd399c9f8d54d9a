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

/// The display name of every zone, such as `华北（北京2）可用区B`, in the
/// order of [`REGIONS`].
static ZONE_NAMES: &[(&str, &str)] = &[
    ("cn-bj1-01", "华北（北京）可用区A"),
    ("cn-bj2-02", "华北（北京2）可用区B"),
    ("cn-bj2-03", "华北（北京2）可用区C"),
    ("cn-bj2-04", "华北（北京2）可用区D"),
    ("cn-bj2-05", "华北（北京2）可用区E"),
    ("cn-wlcb-01", "华北（乌兰察布）可用区A"),
    ("cn-wlcb-03", "华北（乌兰察布）可用区C"),
    ("cn-wlcb2-01", "华北（乌兰察布2）可用区A"),
    ("cn-sh2-01", "华东（上海2）可用区A"),
    ("cn-sh2-02", "华东（上海2）可用区B"),
    ("cn-sh2-03", "华东（上海2）可用区C"),
    ("cn-jx-01", "华东（嘉兴）可用区A"),
    ("cn-sh-01", "金融云-华东（上海）可用区A"),
    ("cn-sh-02", "金融云-华东（上海）可用区B"),
    ("cn-sh-03", "金融云-华东（上海）可用区C"),
    ("cn-gd2-01", "华南（广州2）可用区A"),
    ("cn-gd-02", "华南（广州）可用区B"),
    ("cn-guiyang1-01", "西南（贵阳）可用区A"),
    ("hk-02", "香港可用区B"),
    ("hk-03", "香港可用区C"),
    ("tw-tp-01", "台湾（台北）可用区A"),
    ("sg-01", "新加坡可用区A"),
    ("sg-02", "新加坡可用区B"),
    ("jpn-tky-01", "日本（东京）可用区A"),
    ("kr-seoul-01", "韩国（首尔）可用区A"),
    ("th-bkk-02", "泰国（曼谷）可用区B"),
    ("idn-jakarta-01", "印度尼西亚（雅加达）可用区A"),
    ("vn-sng-01", "越南（胡志明）可用区A"),
    ("ph-mnl-01", "菲律宾（马尼拉）可用区A"),
    ("ind-mumbai-01", "印度（孟买）可用区A"),
    ("pk-khi-01", "巴基斯坦（卡拉奇）可用区A"),
    ("us-den-01", "美国（丹佛）可用区A"),
    ("us-ca-01", "美国（洛杉矶）可用区A"),
    ("us-ws-01", "美国（华盛顿）可用区A"),
    ("bra-saopaulo-01", "巴西（圣保罗）可用区A"),
    ("rus-mosc-01", "俄罗斯（莫斯科）可用区A"),
    ("rus-mosc-02", "俄罗斯（莫斯科）可用区B"),
    ("ge-fra-01", "德国（法兰克福）可用区A"),
    ("uk-london-01", "英国（伦敦）可用区A"),
    ("uae-dubai-01", "阿联酋（迪拜）可用区A"),
    ("afr-nigeria-01", "尼日利亚（拉各斯）可用区A"),
    ("uz-tas-01", "乌兹别克斯坦（塔什干）可用区A"),
    ("kz-ala-01", "哈萨克斯坦（阿拉木图）可用区A"),
    ("mx-mex-01", "墨西哥（墨西哥城）可用区A"),
];

/// The display name of a zone (its id when it has none).
pub(crate) fn zone_name(zone: &str) -> &str {
    ZONE_NAMES
        .iter()
        .find(|(id, _)| *id == zone)
        .map_or(zone, |(_, name)| name)
}

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
    fn every_zone_has_a_name() {
        for r in REGIONS {
            for z in r.zones {
                assert_ne!(zone_name(z), *z, "{z} has no name");
            }
        }
        assert_eq!(
            ZONE_NAMES.len(),
            REGIONS.iter().map(|r| r.zones.len()).sum::<usize>()
        );
        assert_eq!(zone_name("cn-bj2-04"), "华北（北京2）可用区D");
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
