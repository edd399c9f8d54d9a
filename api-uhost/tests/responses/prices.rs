//! Example answers of prices.

use api_uhost::instances::ChargeType;
use api_uhost::prices::{
    GetAttachedDiskUpgradePriceResponse, GetUHostInstancePriceResponse,
    GetUHostRefundPriceResponse, GetUHostRenewPriceResponse, GetUHostUpgradePriceResponse,
};

use super::decode;

#[test]
fn get_uhost_instance_price_example_decodes() {
    let r: GetUHostInstancePriceResponse = decode(
        "GetUHostInstancePrice",
        include_str!("../fixtures/responses/GetUHostInstancePrice.json"),
    );
    assert_eq!(r.price_set.len(), 1);
    let price = &r.price_set[0];
    assert_eq!(price.charge_type, ChargeType::Dynamic);
    assert_eq!(price.price, 0.42);
    // Left out of the example: defaults, and no details unless asked for.
    assert_eq!(price.original_price, 0.0);
    assert_eq!(price.price_detail, None);
}

#[test]
fn get_uhost_instance_price_details_decode_when_present() {
    let r: GetUHostInstancePriceResponse = decode(
        "GetUHostInstancePrice",
        r#"{"RetCode": 0, "PriceSet": [{"ChargeType": "Month", "Price": "310.5",
            "OriginalPrice": 345, "PriceDetail": {"UHost": 250.5, "UDisk": 60,
            "Snapshot": 0, "Volume": 0}}]}"#,
    );
    let price = &r.price_set[0];
    assert_eq!(price.charge_type, ChargeType::Month);
    assert_eq!(price.price, 310.5);
    assert_eq!(price.original_price, 345.0);
    let detail = price.price_detail.as_ref().unwrap();
    assert_eq!((detail.uhost, detail.udisk), (250.5, 60.0));
    assert_eq!(price.original_price_detail, None);
}

#[test]
fn get_uhost_renew_price_example_decodes() {
    let r: GetUHostRenewPriceResponse = decode(
        "GetUHostRenewPrice",
        include_str!("../fixtures/responses/GetUHostRenewPrice.json"),
    );
    assert_eq!(r.price_set.len(), 1);
    assert_eq!(r.price_set[0].charge_type, ChargeType::Dynamic);
    assert_eq!(r.price_set[0].price, 0.55);
}

#[test]
fn get_uhost_upgrade_price_example_decodes() {
    let r: GetUHostUpgradePriceResponse = decode(
        "GetUHostUpgradePrice",
        include_str!("../fixtures/responses/GetUHostUpgradePrice.json"),
    );
    assert_eq!(r.price, 19.96);
    assert_eq!(r.original_price, 5.21987);
}

#[test]
fn get_uhost_refund_price_example_decodes() {
    let r: GetUHostRefundPriceResponse = decode(
        "GetUHostRefundPrice",
        include_str!("../fixtures/responses/GetUHostRefundPrice.json"),
    );
    assert_eq!(r.refund_price_set.len(), 1);
    let refund = &r.refund_price_set[0];
    assert_eq!(refund.uhost_id, "UrRlsdui");
    assert_eq!(refund.code, 2);
    assert_eq!(refund.message, "lrftRADV");
    assert_eq!(refund.refund_price, 6.87196);
}

#[test]
fn get_attached_disk_upgrade_price_example_decodes() {
    let r: GetAttachedDiskUpgradePriceResponse = decode(
        "GetAttachedDiskUpgradePrice",
        include_str!("../fixtures/responses/GetAttachedDiskUpgradePrice.json"),
    );
    assert_eq!(r.price, 3.26);
    assert_eq!(r.original_price, 1.85482);
    assert_eq!(r.list_price, 3.45338);
    // The example's details are empty objects.
    assert_eq!(r.price_detail.udisk, 0.0);
    assert_eq!(r.list_price_detail.snapshot, 0.0);
}
