//! Per-account limits on what an account may hold.

/// How many resources each account may hold; a create, copy or import that
/// would go over a limit fails with RetCode 8095 ("创建失败，配额不足", the
/// service's quota code) and changes nothing.
///
/// Each account is counted on its own. The reference states no numbers;
/// the defaults are modest ones of the kind public clouds start accounts
/// with, and tests that need more (or fewer) set their own:
///
/// ```
/// let mut quotas = api_emulator::Quotas::default();
/// quotas.instances = 3;
/// let builder = api_emulator::Emulator::builder().account("PK", "SK").quotas(quotas);
/// # let _ = builder;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Quotas {
    /// Live instances per region (default 100).
    pub instances: usize,
    /// Custom images per region, however made: created, copied or imported
    /// (default 50).
    pub custom_images: usize,
    /// Key pairs, created or imported; they are account-wide (default 100).
    pub key_pairs: usize,
    /// Isolation groups per region (default 20).
    pub isolation_groups: usize,
}

impl Default for Quotas {
    fn default() -> Self {
        Self {
            instances: 100,
            custom_images: 50,
            key_pairs: 100,
            isolation_groups: 20,
        }
    }
}

impl Quotas {
    /// Limits so high they never apply.
    pub fn unlimited() -> Self {
        Self {
            instances: usize::MAX,
            custom_images: usize::MAX,
            key_pairs: usize::MAX,
            isolation_groups: usize::MAX,
        }
    }
}
