//! How an application tests its own code that calls the SDK: a function
//! under test, and unit tests that give it canned answers from a mock
//! client. No emulator, no network.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::pin::pin;

use InstanceState::{Running, Stopped};
use api_core::test_util::{Mock, Rule, rule};
use api_core::{Client, Error, retcode};
use api_uhost::instances::{
    ChargeType, DescribeUHostInstance, DescribeUHostInstanceResponse, InstanceState,
    UHostInstanceSet,
};
use api_uhost::prices::{BasePriceSet, GetUHostRenewPrice, GetUHostRenewPriceResponse};
use futures_util::TryStreamExt;

/// The code under test: the running instance that costs least to renew
/// for a month, with that price.
async fn cheapest_running(client: &Client) -> Result<Option<(String, f64)>, Error> {
    let mut instances = pin!(client.paginate(DescribeUHostInstance::new()).items());
    let mut cheapest: Option<(String, f64)> = None;
    while let Some(instance) = instances.try_next().await? {
        if instance.state != InstanceState::Running {
            continue;
        }
        let renew = client
            .send(GetUHostRenewPrice::new(
                ChargeType::Month,
                instance.uhost_id.clone(),
            ))
            .await?;
        let price = renew
            .price_set
            .iter()
            .map(|p| p.price)
            .fold(f64::INFINITY, f64::min);
        if cheapest.as_ref().is_none_or(|(_, best)| price < *best) {
            cheapest = Some((instance.uhost_id, price));
        }
    }
    Ok(cheapest)
}

/// A page of instances, by id and state, out of `total`.
fn instances(total: i64, page: &[(&str, InstanceState)]) -> DescribeUHostInstanceResponse {
    let uhost_set = page
        .iter()
        .map(|(id, state)| UHostInstanceSet {
            uhost_id: (*id).to_owned(),
            state: state.clone(),
            ..Default::default()
        })
        .collect();
    DescribeUHostInstanceResponse {
        total_count: total,
        uhost_set,
    }
}

/// A monthly renewal price.
fn monthly(price: f64) -> GetUHostRenewPriceResponse {
    GetUHostRenewPriceResponse {
        price_set: vec![BasePriceSet {
            charge_type: ChargeType::Month,
            price,
            ..Default::default()
        }],
    }
}

/// A rule that prices renewing `id` for a month at `price`, as often as
/// asked.
fn renewal(id: &str, price: f64) -> Rule<GetUHostRenewPrice> {
    rule::<GetUHostRenewPrice>()
        .match_request(GetUHostRenewPrice::new(ChargeType::Month, id))
        .output(monthly(price))
        .repeatedly()
}

#[tokio::test]
async fn picks_the_cheapest_running_instance() {
    let page = instances(
        3,
        &[
            ("uhost-a", Running),
            ("uhost-b", Running),
            ("uhost-c", Stopped),
        ],
    );
    let mock = Mock::new()
        .with_rule(rule::<DescribeUHostInstance>().output(page))
        .with_rule(renewal("uhost-a", 120.0))
        .with_rule(renewal("uhost-b", 80.5));
    let cheapest = cheapest_running(&mock.client()).await.unwrap();
    assert_eq!(cheapest, Some(("uhost-b".to_owned(), 80.5)));
    // Stopped instances are not priced.
    mock.assert_called::<GetUHostRenewPrice>(2);
    mock.assert_called_with(&GetUHostRenewPrice::new(ChargeType::Month, "uhost-b"));
    mock.assert_all_matched();
}

#[tokio::test]
async fn an_api_error_is_returned_as_is() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>().api_error(retcode::UNKNOWN_USER, "no such user"),
    );
    let err = cheapest_running(&mock.client()).await.unwrap_err();
    assert_eq!(err.code(), Some(retcode::UNKNOWN_USER));
    mock.assert_called::<GetUHostRenewPrice>(0);
}

#[tokio::test(start_paused = true)]
async fn a_throttled_price_lookup_is_retried() {
    let mock = Mock::new()
        .with_rule(rule::<DescribeUHostInstance>().output(instances(1, &[("uhost-a", Running)])))
        .with_rule(
            rule::<GetUHostRenewPrice>()
                .http_status(503)
                .api_error(retcode::RATE_LIMITED, "rate limited")
                .output(monthly(42.0)),
        );
    let cheapest = cheapest_running(&mock.client()).await.unwrap();
    assert_eq!(cheapest, Some(("uhost-a".to_owned(), 42.0)));
    let attempts: Vec<u32> = mock
        .calls_of::<GetUHostRenewPrice>()
        .iter()
        .map(|c| c.attempt)
        .collect();
    assert_eq!(attempts, [1, 2, 3]);
    mock.assert_rules_used();
}

#[tokio::test]
async fn every_page_of_instances_is_considered() {
    let mock = Mock::new()
        .with_rule(
            rule::<DescribeUHostInstance>()
                .output(instances(5, &[("uhost-a", Running), ("uhost-b", Stopped)]))
                .output(instances(5, &[("uhost-c", Running), ("uhost-d", Running)]))
                .output(instances(5, &[("uhost-e", Running)])),
        )
        .with_rule(renewal("uhost-a", 30.0))
        .with_rule(renewal("uhost-c", 25.0))
        .with_rule(renewal("uhost-d", 40.0))
        .with_rule(renewal("uhost-e", 12.0));
    let cheapest = cheapest_running(&mock.client()).await.unwrap();
    assert_eq!(cheapest, Some(("uhost-e".to_owned(), 12.0)));
    let offsets: Vec<String> = mock
        .calls_of::<DescribeUHostInstance>()
        .iter()
        .map(|c| c.params.get("Offset").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(offsets, ["0", "2", "4"]);
}
