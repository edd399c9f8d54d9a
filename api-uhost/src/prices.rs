//! Prices: what instances and disks cost to buy, renew, upgrade or refund.

use api_core::api_model;

use crate::instances::ChargeType;

/// A price for one way of paying.
#[api_model]
pub struct BasePriceSet {
    /// How the price is charged.
    pub charge_type: ChargeType,
    /// Price in yuan, to two decimals.
    pub price: f64,
    /// List price times the business discount, before limited-time offers.
    pub original_price: f64,
}
