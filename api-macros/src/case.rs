//! From Rust names to the API's wire names.
//!
//! A snake_case field becomes PascalCase word by word, except for the
//! API's own words, whose casing it keeps: `uhost_id` → `UHostId`,
//! `data_udisk_ids` → `DataUDiskIds`, `vpc_id` → `VPCId`, `ips` → `IPs`.
//! Names the rule gets wrong take `#[api(rename = "...")]`.

/// The API's own words and their casing.
const WORDS: &[(&str, &str)] = &[
    ("uhost", "UHost"),
    ("udisk", "UDisk"),
    ("udhost", "UDHost"),
    ("udset", "UDSet"),
    ("ufile", "UFile"),
    ("eip", "EIP"),
    ("ip", "IP"),
    ("ips", "IPs"),
    ("ipv6", "IPv6"),
    ("vpc", "VPC"),
    ("dns", "DNS"),
    ("uni", "UNI"),
];

/// The wire name of a snake_case field name.
pub(crate) fn wire_name(field: &str) -> String {
    let field = field.strip_prefix("r#").unwrap_or(field);
    let mut out = String::with_capacity(field.len());
    for word in field.split('_').filter(|w| !w.is_empty()) {
        match WORDS.iter().find(|(w, _)| *w == word) {
            Some((_, wire)) => out.push_str(wire),
            None => {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
        }
    }
    out
}

/// An enum variant's wire value under a `rename_all` rule, or `None` for
/// an unknown rule.
pub(crate) fn variant_value(variant: &str, rule: Option<&str>) -> Option<String> {
    let words = || {
        let mut words: Vec<String> = Vec::new();
        for (i, c) in variant.char_indices() {
            let boundary = i > 0
                && c.is_uppercase()
                && variant[..i]
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
            if boundary || words.is_empty() {
                words.push(String::new());
            }
            if let Some(word) = words.last_mut() {
                word.push(c);
            }
        }
        words
    };
    Some(match rule {
        None => variant.to_owned(),
        Some("SCREAMING_SNAKE_CASE") => words().join("_").to_uppercase(),
        Some("snake_case") => words().join("_").to_lowercase(),
        Some("lowercase") => variant.to_lowercase(),
        Some("UPPERCASE") => variant.to_uppercase(),
        Some(_) => return None,
    })
}

/// The `rename_all` rules [`variant_value`] knows.
pub(crate) const RENAME_RULES: &str =
    "\"SCREAMING_SNAKE_CASE\", \"snake_case\", \"lowercase\", \"UPPERCASE\"";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_words_keep_their_casing() {
        for (field, wire) in [
            ("uhost_id", "UHostId"),
            ("data_udisk_ids", "DataUDiskIds"),
            ("image_name", "ImageName"),
            ("vpc_id", "VPCId"),
            ("ips", "IPs"),
            ("ip_set", "IPSet"),
            ("udset_id", "UDSetId"),
            ("eip", "EIP"),
            ("ipv6_feature", "IPv6Feature"),
            ("dns_servers", "DNSServers"),
            ("r#type", "Type"),
            ("cpu", "Cpu"),
            ("minimal_cpu_platform", "MinimalCpuPlatform"),
            ("ufile_url", "UFileUrl"),
        ] {
            assert_eq!(wire_name(field), wire, "{field}");
        }
    }

    #[test]
    fn rename_all_rules() {
        assert_eq!(
            variant_value("CloudSsd", Some("SCREAMING_SNAKE_CASE")).as_deref(),
            Some("CLOUD_SSD")
        );
        assert_eq!(
            variant_value("LocalNormal", Some("snake_case")).as_deref(),
            Some("local_normal")
        );
        assert_eq!(
            variant_value("Linux", Some("lowercase")).as_deref(),
            Some("linux")
        );
        assert_eq!(
            variant_value("Ssd", Some("UPPERCASE")).as_deref(),
            Some("SSD")
        );
        assert_eq!(variant_value("Running", None).as_deref(), Some("Running"));
        assert_eq!(variant_value("Running", Some("camel")), None);
    }
}
