//! The 42 UHost actions and the account service's `GetRegion`,
//! `GetProjectList` and `GetUserInfo`: lookup by name, the generic checks every action gets,
//! and the context handlers run in.
//!
//! Handlers are plain synchronous functions: they take the account's lock,
//! read or change its resources, and return the serialized answer.

mod account;
mod disks;
pub(crate) mod enums;
mod images;
mod instances;
mod isolation_groups;
mod key_pairs;
mod lifecycle;
mod machine_types;
mod password;
mod prices;
mod rules;
mod spec;

use std::time::Instant;

use serde::Serialize;

use crate::answer::{self, ApiError, Reply};
use crate::params::Params;
use crate::regions::{self, Region};
use crate::retcodes;
use crate::state::{Account, Store};
use rules::Rule;

/// How a handler answers one request.
type Handler = fn(&Ctx<'_>, &Params) -> Result<Reply, ApiError>;

/// One action of the table.
#[derive(Debug)]
pub(crate) struct ActionSpec {
    /// The wire name, such as `DescribeUHostInstance`.
    pub(crate) name: &'static str,
    /// The `Action` of its answers, such as `DescribeUHostInstanceResponse`.
    pub(crate) response: &'static str,
    handler: Handler,
    rules: &'static [Rule],
}

/// How many actions there are.
pub(crate) const COUNT: usize = spec::ACTIONS.len();

/// The action named `name` and its position in the table (`0..COUNT`).
pub(crate) fn find(name: &str) -> Option<(usize, &'static ActionSpec)> {
    let at = spec::ACTIONS.binary_search_by(|a| a.name.cmp(name)).ok()?;
    spec::ACTIONS.get(at).map(|a| (at, a))
}

/// The names of the actions, in table order.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    spec::ACTIONS.iter().map(|a| a.name)
}

impl ActionSpec {
    /// Runs the action's checks and then the action for `account`.
    pub(crate) fn run(
        &'static self,
        store: &Store,
        account: &Account,
        params: &Params,
    ) -> Result<Reply, ApiError> {
        for rule in self.rules {
            rule.check(params)?;
        }
        let (region, zone) = check_location(params)?;
        let ctx = Ctx {
            store,
            account,
            response: self.response,
            region,
            zone,
            now: store.clock.now(),
            unix_now: store.clock.unix_now(),
        };
        (self.handler)(&ctx, params)
    }
}

/// A given `Region` must exist, and a given `Zone` must exist and belong to
/// the given `Region`; both are returned, read once for the handler.
fn check_location(
    params: &Params,
) -> Result<(Option<&'static Region>, Option<&'static str>), ApiError> {
    let region = match params.get("Region") {
        Some(id) => Some(
            regions::region(id)
                .ok_or_else(|| ApiError::invalid("Region", format!("unknown region {id:?}")))?,
        ),
        None => None,
    };
    let zone = match params.get("Zone") {
        Some(zone) => {
            let zone_region = regions::region_of_zone(zone)
                .ok_or_else(|| ApiError::invalid("Zone", format!("unknown zone {zone:?}")))?;
            if let Some(region) = region
                && region.id != zone_region.id
            {
                return Err(ApiError::invalid(
                    "Zone",
                    format!(
                        "zone {zone} is in region {}, not {}",
                        zone_region.id, region.id
                    ),
                ));
            }
            zone_region.zones.iter().copied().find(|z| *z == zone)
        }
        None => None,
    };
    Ok((region, zone))
}

/// What a handler works with: the store, the account, and what every
/// action reads the same way (its `Region` and `Zone`, checked once).
struct Ctx<'a> {
    store: &'a Store,
    account: &'a Account,
    response: &'static str,
    /// The request's `Region`, if given.
    region: Option<&'static Region>,
    /// The request's `Zone`, if given (in `region`).
    zone: Option<&'static str>,
    /// The moment the request is handled, for resolving state changes.
    now: Instant,
    /// The same moment in Unix seconds, for timestamps.
    unix_now: u64,
}

impl Ctx<'_> {
    /// A success answer with `fields`.
    fn reply<T: Serialize>(&self, fields: &T) -> Result<Reply, ApiError> {
        answer::success(self.response, fields)
    }

    /// The request's `Region` (230 when missing).
    fn region(&self) -> Result<&'static Region, ApiError> {
        self.region.ok_or_else(|| ApiError::missing("Region"))
    }

    /// The request's `Zone`, if given.
    fn zone(&self) -> Option<&'static str> {
        self.zone
    }

    /// The request's instance: its `Region` and `UHostId`.
    fn host<'p>(&self, params: &'p Params) -> Result<(&'static Region, &'p str), ApiError> {
        Ok((self.region()?, params.required("UHostId")?))
    }
}

/// The answer of the actions that change one instance.
#[derive(Serialize)]
struct HostAnswer<'a> {
    #[serde(rename = "UHostId")]
    uhost_id: &'a str,
    #[serde(rename = "UhostId")]
    uhost_id_legacy: &'a str,
}

impl<'a> HostAnswer<'a> {
    fn new(id: &'a str) -> Self {
        Self {
            uhost_id: id,
            uhost_id_legacy: id,
        }
    }
}

/// The answer of actions that change one instance.
fn host_reply(ctx: &Ctx<'_>, id: &str) -> Result<Reply, ApiError> {
    ctx.reply(&HostAnswer::new(id))
}

/// `Offset`/`Limit` of a list action as a range of indices: `Offset`
/// defaults to 0, `Limit` to `default`; `Limit` 0 means the default and a
/// `Limit` above `max` is cut to `max`; negative values are refused.
fn paging(params: &Params, default: i64, max: Option<i64>) -> Result<(usize, usize), ApiError> {
    let offset = params.int("Offset")?.unwrap_or(0);
    let limit = params.int("Limit")?.unwrap_or(0);
    let offset =
        usize::try_from(offset).map_err(|_| ApiError::invalid("Offset", "must not be negative"))?;
    let limit = match limit {
        0 => default,
        l if l < 0 => return Err(ApiError::invalid("Limit", "must not be negative")),
        l => max.map_or(l, |max| l.min(max)),
    };
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok((offset, limit))
}

/// The page `offset..offset + limit` of `items`.
fn page<T>(items: Vec<T>, (offset, limit): (usize, usize)) -> Vec<T> {
    items.into_iter().skip(offset).take(limit).collect()
}

/// 8095 unless `adding` more `what` fit next to the `held` ones under
/// `limit`; `place` says where they are counted ("in region cn-bj2").
fn check_quota(
    what: &str,
    place: &str,
    held: usize,
    adding: usize,
    limit: usize,
) -> Result<(), ApiError> {
    if held.saturating_add(adding) <= limit {
        return Ok(());
    }
    Err(ApiError::new(
        retcodes::QUOTA,
        format!(
            "quota exceeded: the account holds {held} {what} {place}; {adding} more would pass its limit of {limit}"
        ),
    ))
}

/// A text parameter of at most `max` characters.
fn text<'p>(params: &'p Params, name: &str, max: usize) -> Result<Option<&'p str>, ApiError> {
    match params.get(name) {
        Some(value) if value.chars().count() > max => Err(ApiError::invalid(
            name,
            format!("longer than {max} characters"),
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert_eq!(COUNT, 45);
        for pair in spec::ACTIONS.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} >= {}",
                pair[0].name,
                pair[1].name
            );
        }
        for (i, action) in spec::ACTIONS.iter().enumerate() {
            assert_eq!(find(action.name).map(|(at, _)| at), Some(i));
            assert_eq!(action.response, format!("{}Response", action.name));
        }
        assert!(find("DescribeUHost").is_none());
        assert!(find("describeuhostinstance").is_none());
    }

    #[test]
    fn locations_are_checked() {
        let check =
            |pairs: &[(&str, &str)]| check_location(&Params::from_pairs(pairs.iter().copied()));
        let (region, zone) = check(&[("Region", "cn-bj2"), ("Zone", "cn-bj2-02")]).unwrap();
        assert_eq!(
            (region.map(|r| r.id), zone),
            (Some("cn-bj2"), Some("cn-bj2-02"))
        );
        assert!(matches!(check(&[]), Ok((None, None))));
        assert!(
            check(&[("Region", "mars")])
                .unwrap_err()
                .message
                .contains("[Region]")
        );
        assert!(
            check(&[("Zone", "cn-bj2-09")])
                .unwrap_err()
                .message
                .contains("[Zone]")
        );
        assert!(check(&[("Region", "cn-sh2"), ("Zone", "cn-bj2-02")]).is_err());
    }

    #[test]
    fn paging_defaults_and_limits() {
        let p = |pairs: &[(&str, &str)]| {
            paging(&Params::from_pairs(pairs.iter().copied()), 20, Some(100))
        };
        assert_eq!(p(&[]).unwrap(), (0, 20));
        assert_eq!(p(&[("Offset", "5"), ("Limit", "0")]).unwrap(), (5, 20));
        assert_eq!(p(&[("Limit", "1000")]).unwrap(), (0, 100));
        assert!(p(&[("Offset", "-1")]).is_err());
        assert!(p(&[("Limit", "-1")]).is_err());
        assert_eq!(page(vec![1, 2, 3, 4], (1, 2)), [2, 3]);
        assert!(page(vec![1, 2], (5, 2)).is_empty());
    }
}
