//! The API's documented `RetCode`s, by name, and what each means.
//!
//! `RetCode` 0 is success. The gateway's codes (110–299) can answer any
//! action; the UHost codes (8000–8999) come from the UHost error list.
//! Each constant's documentation is its meaning, which [`meaning`] also
//! returns, and [`Error::code_meaning`](crate::Error::code_meaning) gives
//! for an error.
//!
//! Where the error lists give several codes the same meaning, differing
//! at most in the advice (retry later, or contact support), each name
//! ends in its code: [`CREATE_FAILED_8049`], [`CREATE_FAILED_8050`].
//!
//! ```
//! use api_core::retcode;
//!
//! # fn handle(err: api_core::Error) {
//! match err.code() {
//!     Some(retcode::STOP_INSTANCE_FIRST) => println!("stop the instance, then retry"),
//!     Some(retcode::RATE_LIMITED) => println!("slow down"),
//!     _ => println!("{err}"),
//! }
//! # }
//! assert_eq!(
//!     retcode::meaning(retcode::BAD_SIGNATURE),
//!     Some("The signature does not match the request.")
//! );
//! ```

/// Declares each code as a constant documented with its meaning, and
/// [`meaning`] over all of them, from one table.
macro_rules! retcodes {
    ($($name:ident = $code:literal, $meaning:literal;)*) => {
        $(
            #[doc = concat!("`", stringify!($code), "`: ", $meaning)]
            pub const $name: i64 = $code;
        )*

        /// What `code` means, or `None` for 0 and for codes the error lists
        /// do not give.
        #[deny(unreachable_patterns)]
        pub fn meaning(code: i64) -> Option<&'static str> {
            match code {
                $($code => Some($meaning),)*
                _ => None,
            }
        }
    };
}

retcodes! {
    // The gateway's codes.
    API_TIMEOUT = 110, "The API did not answer within 60 seconds.";
    GATEWAY_ERROR = 130, "The API gateway or the authentication service failed.";
    SERVICE_UNAVAILABLE = 150, "The service is unavailable for now; retry later.";
    RATE_LIMITED = 153, "The request was rate limited; retry later.";
    MISSING_ACTION = 160, "The request has no `Action`.";
    UNKNOWN_ACTION = 161, "The `Action` does not exist.";
    MISSING_SIGNATURE = 170, "The request has no `Signature`.";
    BAD_SIGNATURE = 171, "The signature does not match the request.";
    UNKNOWN_USER = 172, "No user has this public key.";
    UNKNOWN_TOKEN = 174, "The security token does not exist.";
    UNKNOWN_PROJECT = 292, "The project does not exist.";
    ZONE_NOT_PERMITTED = 293, "The account may not use this zone.";
    IP_DENIED = 294, "Calls from this IP address are refused.";
    SECURITY_LOCK_FAILED = 295, "The security lock check failed.";
    IAM_DENIED = 299, "The IAM permission check failed.";

    // UHost's codes.
    RESET_PASSWORD_FAILED_8006 = 8006, "Resetting the password failed; retry later.";
    STOP_INSTANCE_FIRST = 8010, "The operation failed; stop the instance and retry.";
    BIG_BOOT_DISK_UNSUPPORTED = 8018,
        "Create failed: this machine type does not support a boot disk over 100 GB.";
    DELETE_FAILED_8022 = 8022, "Delete failed; retry later.";
    OPERATION_FAILED_8024 = 8024, "The operation failed; retry later.";
    QUERY_FAILED_8025 = 8025, "Getting the information failed; retry later.";
    WINDOWS_ONE_CPU_8027 = 8027, "Create failed: Windows images need more than one CPU core.";
    REINSTALL_OS_UNSUPPORTED = 8028,
        "Reinstall failed: the chosen operating system type is not supported.";
    SEVERAL_PARAMS_NOT_ALLOWED = 8029,
        "The operation failed: it does not accept several parameters here.";
    QUERY_FAILED_8031 = 8031, "Getting the information failed; retry later.";
    CREATE_FAILED_8033 = 8033, "Create failed; retry later.";
    PASSWORD_RESET_UNDER_WAY = 8034, "The password is being reset; retry later.";
    MIGRATION_UNDER_WAY = 8035, "The operation failed: the instance is migrating; retry later.";
    WINDOWS_ONE_CPU_8036 = 8036, "Create failed: Windows images need more than one CPU core.";
    CREATABLE_COUNT_FAILED = 8037, "Getting how many instances can be created failed; retry later.";
    INSTANCE_DELETED = 8039,
        "The instance was deleted and cannot be recovered; create an instance or disk from a \
         snapshot to get its data.";
    QUERY_FAILED_8041 = 8041, "Getting the information failed; retry later.";
    CREATE_BAD_CPU_8044 = 8044, "Create failed: invalid CPU count.";
    CREATE_BAD_CPU_8045 = 8045, "Create failed: invalid CPU count.";
    CREATE_BAD_MEMORY = 8046, "Create failed: invalid memory size.";
    CREATE_FAILED_8049 = 8049, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8050 = 8050, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8051 = 8051, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8052 = 8052, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8053 = 8053, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8054 = 8054, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8055 = 8055, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8060 = 8060, "Create failed; contact support or open a ticket.";
    CREATE_FAILED_8061 = 8061, "Create failed; contact support or open a ticket.";
    PRICE_BAD_CPU = 8064, "Getting the price failed: invalid CPU count.";
    PRICE_BAD_MEMORY = 8065, "Getting the price failed: invalid memory size.";
    PRICE_BAD_DISK = 8066, "Getting the price failed: invalid disk size.";
    PRICE_DISK_SHRINK = 8067, "Getting the price failed: a disk cannot shrink.";
    PRICE_FAILED_8090 = 8090, "Getting the price failed; retry later.";
    BIG_DATA_DISK_FIXED = 8094,
        "Resize failed: big-data machine types cannot change their disk space.";
    QUOTA_EXCEEDED = 8095, "Create failed: not enough quota; ask your account manager for more.";
    DATA_DISK_SIZE_OUT_OF_RANGE = 8096, "A UDisk data disk must be 0 to 8000 GB.";
    BAD_BILLING_INFO = 8097,
        "The operation failed: the billing information is wrong; contact support.";
    CREATE_FAILED_8100 = 8100, "Create failed.";
    CREATE_FAILED_8101 = 8101, "Create failed.";
    CREATE_FAILED_8102 = 8102, "Create failed.";
    CREATE_FAILED_8103 = 8103, "Create failed.";
    UNPAID_ORDER = 8104, "An order is unpaid; pay it and retry.";
    BAD_CPU = 8105, "The operation failed: invalid CPU count.";
    BAD_MEMORY = 8106, "The operation failed: invalid memory size.";
    BAD_DISK_SIZE = 8107, "The operation failed: invalid disk size.";
    BILLING_SUBMIT_FAILED = 8108, "Submitting the charge failed; retry later.";
    HOURLY_BILLING_NOT_ENABLED = 8116,
        "The operation failed: the account may not pay by the hour; contact support.";
    BILL_EXPIRED = 8117, "The operation failed: the bill has expired; renew or buy again.";
    CREATE_FAILED_8118 = 8118, "Create failed; contact support or open a ticket.";
    DEDICATED_MEMORY_STEP = 8122, "Invalid memory step for the dedicated zone's resource pool.";
    BAD_NETWORK_ID = 8123, "Invalid network id; check the UNet settings and retry.";
    SUBNET_WITHOUT_ROUTE = 8124,
        "The private subnet has no route; check the UNet settings and retry.";
    SSD_DATA_DISK_TOO_SMALL = 8126, "Create failed: an SSD data disk must be at least 100 GB.";
    ARK_UNSUPPORTED_DISK = 8220,
        "SSD disks, dedicated local disks and series 1 hot upgrade do not support the Data Ark.";
    POSTPAID_BILL_FAILED = 8223, "Creating the pay-later bill failed.";
    NO_DEDICATED_RESOURCE = 8224, "The zone has no matching dedicated resources.";
    REAL_NAME_REQUIRED = 8226, "Verify the account's real-name identity and retry.";
    RESOURCE_NOT_AUTHORIZED = 8300, "The user did not authorize operations on this resource.";
    IMPORT_IMAGE_FAILED = 8301, "Importing the custom image failed.";
    ARK_UNSUPPORTED_DISKS = 8303, "These disks together do not support the Data Ark.";
    IMAGE_PREHEAT_FAILED = 8305, "Preheating the custom image failed.";
    IMAGE_PREHEAT_RESTORE_FAILED = 8307, "Restoring the image's preheat state failed.";
    BOOT_DISK_SMALLER_THAN_IMAGE = 8315,
        "The boot disk is smaller than the image; choose a larger one.";
    BOOT_DISK_NOT_IMAGE_SIZE = 8316, "At create, the boot disk must be the image's size.";
    ARK_NOT_ENABLED = 8317, "The instance does not have the Data Ark on, so it cannot be restored.";
    BOOT_DISK_NOT_EXPANDABLE = 8318,
        "Instances with the Data Ark, non-standard instances and instances in old zones \
         (Beijing A, Zhejiang) cannot grow their boot disk.";
    BOOT_DISK_SHRINK = 8319, "The boot disk cannot be smaller than the instance's current one.";
    NO_CLOUD_DISK_CAPACITY = 8320, "Not enough cloud disk capacity; choose a local disk and retry.";
    CREATE_FAILED_8819 = 8819, "Create failed; retry later.";
    BASIC_NETWORK_TIMEOUT = 8821, "Allocating the basic network timed out.";
    OPERATION_FAILED_8824 = 8824, "The operation failed; contact support.";
    OPERATION_FAILED_8825 = 8825, "The operation failed; retry later.";
    QUERY_FAILED_8826 = 8826, "Getting the information failed; retry later.";
    QUERY_FAILED_8828 = 8828, "Getting the information failed; retry later.";
    QUERY_FAILED_8829 = 8829, "Getting the information failed; retry later.";
    RESIZE_FAILED_8832 = 8832, "Changing the configuration failed; retry later.";
    HOST_CAPACITY_EXHAUSTED = 8833,
        "The physical host lacks the resources for this upgrade; contact support or open a \
         ticket to migrate the instance.";
    QUERY_FAILED_8834 = 8834, "Getting the information failed; contact support.";
    QUERY_FAILED_8835 = 8835, "Getting the information failed; contact support.";
    CREATE_FAILED_8836 = 8836, "Create failed; contact support or open a ticket.";
    DETACH_UDISK_FAILED = 8840, "Detaching the UDisk failed.";
    POWER_OFF_FAILED = 8843, "Power off failed; contact support or open a ticket.";
    START_FAILED_8844 = 8844, "Start failed; retry later.";
    START_FAILED_8845 = 8845, "Start failed; contact support or open a ticket.";
    NAME_ONE_IMAGE = 8846, "Getting the information failed; name one available image and retry.";
    SUBNET_FULL = 8847, "The subnet has no free IP address.";
    LIST_FAILED = 8853, "Getting the resource list failed; contact support or open a ticket.";
    DELETE_TIMEOUT_8854 = 8854, "Deleting the instance timed out; retry later.";
    DELETE_TIMEOUT_8855 = 8855,
        "Deleting the instance timed out; contact support or open a ticket.";
    STOP_BEFORE_DELETE = 8856, "Delete failed; stop the instance first.";
    QUERY_TIMEOUT = 8857, "Getting the information timed out; retry later.";
    INSTANCE_QUERY_FAILED = 8858,
        "Getting the UHost instance's information failed; contact support or open a ticket.";
    OPERATION_FAILED_8860 = 8860, "The operation failed; contact support.";
    OPERATION_FAILED_8861 = 8861, "The operation failed; retry later.";
    CREATE_FAILED_8862 = 8862, "Create failed; contact support.";
    CREATE_FAILED_8863 = 8863, "Create failed; retry later.";
    CREATE_FAILED_8864 = 8864, "Create failed; retry later.";
    CREATE_FAILED_8865 = 8865, "Create failed; contact support.";
    CREATE_FAILED_8867 = 8867, "Create failed; contact support.";
    DELETE_FAILED_8868 = 8868, "Delete failed; contact support.";
    IMAGE_QUERY_FAILED = 8874, "Getting the image failed; retry later.";
    IP_QUERY_FAILED_8880 = 8880, "Getting the IP information failed; contact support.";
    IP_QUERY_FAILED_8881 = 8881, "Getting the IP information failed; retry later.";
    IP_QUERY_FAILED_8884 = 8884, "Getting the IP information failed; contact support.";
    REINSTALL_PRIVATE_IP_TIMEOUT = 8886,
        "Reinstall failed: getting the private network IP timed out; retry later.";
    VNC_FAILED = 8887, "Getting the VNC connection failed; contact support.";
    VNC_TIMEOUT = 8888, "Getting the VNC connection timed out; retry later.";
    IMAGE_LIST_FAILED = 8889, "Getting the image list failed; retry later.";
    RESIZE_FAILED_8892 = 8892, "Changing the instance's configuration failed; contact support.";
    REBOOT_FAILED_8893 = 8893, "Reboot failed; contact support.";
    REBOOT_FAILED_8894 = 8894, "Reboot failed; retry later.";
    REINSTALL_FAILED_8895 = 8895, "Reinstall failed; contact support.";
    REINSTALL_FAILED_8896 = 8896, "Reinstall failed; retry later.";
    RESET_PASSWORD_FAILED_8897 = 8897, "Resetting the password failed; contact support.";
    RESET_PASSWORD_TIMEOUT = 8898, "Resetting the password timed out; retry later.";
    OPERATION_FAILED_8903 = 8903, "The operation failed; contact support.";
    WRONG_POWER_STATE = 8905, "The instance's power state does not allow this now; retry later.";
    BAD_DISK_INFO = 8906, "The instance's disk information is wrong.";
    DELETE_TIMEOUT_8908 = 8908, "Deleting the instance timed out; retry later.";
    DELETE_FAILED_8909 = 8909, "Deleting the instance failed; retry later.";
    NO_4TB_BIG_DATA = 8910,
        "This data center does not offer the 4 TB big-data machine type; \
         choose another configuration.";
    PRICE_FAILED_8916 = 8916, "Getting the price failed; retry later.";
    ORDER_INCOMPLETE = 8918, "The order is not complete yet; retry later.";
    UNPAID_BEFORE_RESTORE = 8919, "Orders are unpaid; pay them before restoring.";
    BLOCK_NOT_EMPTY = 8920, "The resource block to delete still holds instances.";
    DEDICATED_QUERY_FAILED = 8924, "Getting the dedicated zone's instances failed; retry later.";
    PAID_IMAGE_NOT_DEDICATED = 8931,
        "Instances in a private dedicated zone cannot use paid images, \
         paid custom images included.";
    BOOT_DISK_REGISTER_FAILED = 8938, "Registering the boot disk failed; retry later.";
    BOOT_DISK_DELETE_FAILED = 8939, "Deleting the boot disk failed; retry later.";
    ENHANCED_NETWORK_FEW_CPUS = 8949, "Enhanced networking needs at least 4 CPU cores.";
    NOT_CUSTOM_IMAGE = 8956, "The resource does not exist or is not a custom image.";
    IMAGE_MIGRATION_ZONE = 8958,
        "Images cannot be migrated in Zhejiang zone A or Beijing 1 zone A.";
    IMAGE_MIGRATION_OLD_IMAGE = 8959, "Images of the old version cannot be migrated.";
    IMAGE_MIGRATION_FAILED = 8960, "Migrating the custom image failed.";
    SOURCE_IMAGE_UNAVAILABLE = 8961, "The source image is not available.";
    IMAGE_MIGRATION_SAME_PROJECT = 8962,
        "The target project is the source image's own project; nothing to migrate.";
    ARK_UPGRADE_FAILED = 8965, "Upgrading to the Data Ark or snapshot mode failed; retry later.";
    ARK_REENABLE_TOO_SOON = 8969,
        "After the Data Ark is turned off, it can be turned on again only after 3 days.";
    IMAGE_CROSS_ZONE_FAILED = 8970, "Using the image in another zone failed.";
    IMAGE_COPY_PROGRESS_FAILED = 8971, "Getting the image copy's progress failed.";
    DISK_RESTORE_FAILED = 8972, "Restoring the disk failed; contact support or open a ticket.";
    BACKUP_MODE_FAILED_8973 = 8973,
        "Changing the backup mode failed; contact support or open a ticket.";
    BACKUP_MODE_FAILED_8974 = 8974,
        "Changing the backup mode failed; contact support or open a ticket.";
    SNAPSHOT_CREATE_FAILED = 8975,
        "Creating the snapshot failed; contact support or open a ticket.";
    SNAPSHOT_DELETE_FAILED = 8976,
        "Deleting the snapshot failed; contact support or open a ticket.";
    SNAPSHOT_CHANGE_FAILED = 8977,
        "Changing the snapshot failed; contact support or open a ticket.";
    SNAPSHOT_QUOTA_REACHED = 8978,
        "The disk has as many snapshots as allowed; delete some of its snapshots first.";
    ONE_DISK_RESTORE_AT_A_TIME = 8979,
        "Only one cloud disk can be restored at a time; retry later.";
    WAIT_30_SECONDS = 8980, "Wait 30 seconds and retry.";
    UDISK_QUERY_FAILED = 8981, "Getting the UDisk failed; retry later.";
    UDISK_STATE_ERROR = 8982, "The UDisk is in an error state; retry later.";
    UDISK_TOO_OLD_FOR_ARK = 8983,
        "The UDisk is too old a version for the Data Ark; apply for a UDisk of the new version.";
    RESTORE_BEFORE_CREATION = 8984, "The chosen restore time is before the resource was created.";
    POSTPAID_NO_ARK = 8986,
        "Instances paid by the hour cannot turn on the Data Ark; pay by the year or month.";
    SNAPSHOT_BEFORE_REINSTALL = 8987,
        "The instance was reinstalled; snapshots from before cannot restore it.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_have_their_meaning() {
        assert_eq!(
            meaning(SERVICE_UNAVAILABLE),
            Some("The service is unavailable for now; retry later.")
        );
        assert_eq!(
            meaning(STOP_INSTANCE_FIRST),
            Some("The operation failed; stop the instance and retry.")
        );
        assert_eq!(meaning(8987), meaning(SNAPSHOT_BEFORE_REINSTALL));
    }

    #[test]
    fn success_and_undocumented_codes_have_none() {
        for code in [0, -1, 1, 230, 8000, 8999, i64::MAX] {
            assert_eq!(meaning(code), None, "RetCode {code}");
        }
    }

    #[test]
    fn codes_sharing_a_meaning_end_in_their_code() {
        assert_eq!(meaning(CREATE_FAILED_8049), meaning(CREATE_FAILED_8836));
        assert_eq!(meaning(WINDOWS_ONE_CPU_8027), meaning(WINDOWS_ONE_CPU_8036));
    }
}
