//! Client configuration: defaults, the environment variables of the
//! official SDKs and CLI, and validation.

use std::ffi::OsString;
use std::sync::Arc;
use std::time::Duration;

use crate::credential::Credential;
use crate::error::Error;
use crate::transport::Transport;

/// The default API endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.scloudsg.com";
/// The default time limit of one attempt.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default time limit for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default cap on an answer's body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// The `User-Agent` prefix: this crate's name and version.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Environment variable names, as the official SDKs and CLI use them.
pub mod env {
    /// The public key.
    pub const PUBLIC_KEY: &str = "UCLOUD_PUBLIC_KEY";
    /// The private key.
    pub const PRIVATE_KEY: &str = "UCLOUD_PRIVATE_KEY";
    /// An STS security token.
    pub const SECURITY_TOKEN: &str = "UCLOUD_SECURITY_TOKEN";
    /// The default region.
    pub const REGION: &str = "UCLOUD_REGION";
    /// The default zone.
    pub const ZONE: &str = "UCLOUD_ZONE";
    /// The default project.
    pub const PROJECT_ID: &str = "UCLOUD_PROJECT_ID";
    /// The endpoint.
    pub const BASE_URL: &str = "UCLOUD_API_BASE_URL";
    /// The per-attempt timeout, in (possibly fractional) seconds.
    pub const TIMEOUT_SECOND: &str = "UCLOUD_TIMEOUT_SECOND";
}

/// Builds a [`Client`](crate::Client).
///
/// Explicit settings override what [`ClientBuilder::from_env`] read.
///
/// ```
/// use std::time::Duration;
/// use api_core::{Client, Credential};
///
/// let client = Client::builder()
///     .credential(Credential::new("my-public-key", "my-private-key"))
///     .region("cn-bj2")
///     .project_id("org-abc")
///     .base_url("https://api.ucloud.cn")
///     .timeout(Duration::from_secs(10))
///     .build()?;
/// assert_eq!(client.region(), Some("cn-bj2"));
/// # Ok::<(), api_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    credential: Option<Credential>,
    region: Option<String>,
    zone: Option<String>,
    project_id: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    user_agent_suffix: Option<String>,
    transport: Option<Arc<dyn Transport>>,
}

impl ClientBuilder {
    /// A builder with nothing set.
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// A builder preset from `UCLOUD_PUBLIC_KEY`, `UCLOUD_PRIVATE_KEY`,
    /// `UCLOUD_SECURITY_TOKEN`, `UCLOUD_REGION`, `UCLOUD_ZONE`,
    /// `UCLOUD_PROJECT_ID`, `UCLOUD_API_BASE_URL` and
    /// `UCLOUD_TIMEOUT_SECOND`. Unset or empty variables are skipped; a
    /// malformed one is a configuration error naming it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var_os(name))
    }

    /// Like [`ClientBuilder::from_env`], reading variables from `lookup`.
    pub(crate) fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Self, Error> {
        let var = |name: &str| -> Result<Option<String>, Error> {
            match lookup(name) {
                None => Ok(None),
                Some(value) => match value.into_string() {
                    Ok(text) if text.trim().is_empty() => Ok(None),
                    Ok(text) => Ok(Some(text.trim().to_owned())),
                    Err(_) => Err(Error::config(format!("{name} is not valid UTF-8"))),
                },
            }
        };
        let mut builder = ClientBuilder::new();
        match (var(env::PUBLIC_KEY)?, var(env::PRIVATE_KEY)?) {
            (Some(public), Some(private)) => {
                let mut credential = Credential::new(public, private);
                if let Some(token) = var(env::SECURITY_TOKEN)? {
                    credential = credential.with_security_token(token);
                }
                builder.credential = Some(credential);
            }
            (Some(_), None) => {
                return Err(Error::config(format!(
                    "{} is set but {} is not; set both or neither",
                    env::PUBLIC_KEY,
                    env::PRIVATE_KEY
                )));
            }
            (None, Some(_)) => {
                return Err(Error::config(format!(
                    "{} is set but {} is not; set both or neither",
                    env::PRIVATE_KEY,
                    env::PUBLIC_KEY
                )));
            }
            (None, None) => {}
        }
        builder.region = var(env::REGION)?;
        builder.zone = var(env::ZONE)?;
        builder.project_id = var(env::PROJECT_ID)?;
        if let Some(url) = var(env::BASE_URL)? {
            validate_base_url(&url)
                .map_err(|why| Error::config(format!("{}: {why}", env::BASE_URL)))?;
            builder.base_url = Some(url);
        }
        if let Some(text) = var(env::TIMEOUT_SECOND)? {
            builder.timeout = Some(parse_seconds(&text).map_err(|why| {
                Error::config(format!("{}={text:?}: {why}", env::TIMEOUT_SECOND))
            })?);
        }
        Ok(builder)
    }

    /// Whether a credential has been set (explicitly or from the
    /// environment).
    pub fn has_credential(&self) -> bool {
        self.credential.is_some()
    }

    /// The key pair to sign with.
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credential = Some(credential);
        self
    }

    /// The default `Region` for actions that take one.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The default `Zone` for actions that take one.
    pub fn zone(mut self, zone: impl Into<String>) -> Self {
        self.zone = Some(zone.into());
        self
    }

    /// The default `ProjectId` for actions that take one.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The endpoint, e.g. `https://api.ucloud.cn` or a plain-`http`
    /// private endpoint. Default: [`DEFAULT_BASE_URL`].
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The time limit of one attempt, answer included. Default:
    /// [`DEFAULT_TIMEOUT`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time limit for opening a connection. Default:
    /// [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The largest answer body to accept. Default:
    /// [`DEFAULT_MAX_RESPONSE_BYTES`].
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Text appended to the `User-Agent` (which starts with
    /// [`USER_AGENT`]), e.g. `my-tool/1.2`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// A transport to use instead of HTTP over `reqwest`.
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<crate::Client, Error> {
        let credential = self.credential.ok_or_else(|| {
            Error::config(format!(
                "no credential: set {} and {} or call ClientBuilder::credential",
                env::PUBLIC_KEY,
                env::PRIVATE_KEY
            ))
        })?;
        if credential.public_key().is_empty() || credential.private_key().is_empty() {
            return Err(Error::config(
                "the public and private keys must not be empty",
            ));
        }
        let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        validate_base_url(&base_url)
            .map_err(|why| Error::config(format!("base URL {base_url:?}: {why}")))?;
        let timeout = positive("timeout", self.timeout.unwrap_or(DEFAULT_TIMEOUT))?;
        let connect_timeout = positive(
            "connect timeout",
            self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
        )?;
        let max_response_bytes = self
            .max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
        if max_response_bytes == 0 {
            return Err(Error::config("max_response_bytes must be above zero"));
        }
        let user_agent = match self.user_agent_suffix {
            Some(suffix) => format!("{USER_AGENT} {suffix}"),
            None => USER_AGENT.to_owned(),
        };
        let transport: Arc<dyn Transport> = match self.transport {
            Some(transport) => transport,
            None => Arc::new(crate::transport::HttpTransport::new(
                connect_timeout,
                &user_agent,
            )?),
        };
        Ok(crate::Client::from_config(Config {
            credential,
            region: self.region,
            zone: self.zone,
            project_id: self.project_id,
            base_url: base_url.into(),
            timeout,
            connect_timeout,
            max_response_bytes,
            user_agent,
            transport,
        }))
    }
}

/// A checked configuration, as the client holds it.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) credential: Credential,
    pub(crate) region: Option<String>,
    pub(crate) zone: Option<String>,
    pub(crate) project_id: Option<String>,
    pub(crate) base_url: Arc<str>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) user_agent: String,
    pub(crate) transport: Arc<dyn Transport>,
}

fn validate_base_url(url: &str) -> Result<(), String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("not a URL ({e})"))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some() => Ok(()),
        "http" | "https" => Err("the URL has no host".to_owned()),
        other => Err(format!("scheme {other:?} is not http or https")),
    }
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| "not a number of seconds".to_owned())?;
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err("must be a positive number of seconds".to_owned());
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| "too large".to_owned())
}

fn positive(what: &str, value: Duration) -> Result<Duration, Error> {
    if value.is_zero() {
        Err(Error::config(format!("the {what} must be above zero")))
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from_vars(vars: &[(&str, &str)]) -> Result<ClientBuilder, Error> {
        let map: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        ClientBuilder::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn environment_sets_every_field() {
        let client = from_vars(&[
            (env::PUBLIC_KEY, "pk"),
            (env::PRIVATE_KEY, "sk"),
            (env::SECURITY_TOKEN, "tok"),
            (env::REGION, "cn-sh2"),
            (env::ZONE, "cn-sh2-02"),
            (env::PROJECT_ID, "org-1"),
            (env::BASE_URL, "http://10.0.0.1:8080"),
            (env::TIMEOUT_SECOND, "2.5"),
        ])
        .unwrap()
        .build()
        .unwrap();
        assert_eq!(client.credential().public_key(), "pk");
        assert_eq!(client.credential().security_token(), Some("tok"));
        assert_eq!(client.region(), Some("cn-sh2"));
        assert_eq!(client.zone(), Some("cn-sh2-02"));
        assert_eq!(client.project_id(), Some("org-1"));
        assert_eq!(client.base_url(), "http://10.0.0.1:8080");
        assert_eq!(client.timeout(), Duration::from_millis(2500));
    }

    #[test]
    fn explicit_settings_override_the_environment() {
        let client = from_vars(&[
            (env::PUBLIC_KEY, "pk"),
            (env::PRIVATE_KEY, "sk"),
            (env::REGION, "cn-sh2"),
        ])
        .unwrap()
        .region("cn-bj2")
        .build()
        .unwrap();
        assert_eq!(client.region(), Some("cn-bj2"));
        assert_eq!(client.base_url(), DEFAULT_BASE_URL);
        assert_eq!(client.timeout(), DEFAULT_TIMEOUT);
    }

    #[test]
    fn malformed_variables_are_errors_naming_the_variable() {
        for (vars, needle) in [
            (vec![(env::TIMEOUT_SECOND, "soon")], env::TIMEOUT_SECOND),
            (vec![(env::TIMEOUT_SECOND, "-1")], env::TIMEOUT_SECOND),
            (vec![(env::TIMEOUT_SECOND, "NaN")], env::TIMEOUT_SECOND),
            (vec![(env::BASE_URL, "ftp://x")], env::BASE_URL),
            (vec![(env::BASE_URL, "not a url")], env::BASE_URL),
            (vec![(env::PUBLIC_KEY, "pk")], env::PRIVATE_KEY),
            (vec![(env::PRIVATE_KEY, "sk")], env::PUBLIC_KEY),
        ] {
            let err = from_vars(&vars).unwrap_err();
            assert!(matches!(err, Error::Config { .. }), "{err:?}");
            assert!(err.to_string().contains(needle), "{err}");
        }
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let builder = from_vars(&[
            (env::REGION, " "),
            (env::PUBLIC_KEY, ""),
            (env::PRIVATE_KEY, ""),
        ])
        .unwrap();
        assert!(!builder.has_credential());
        assert!(builder.region.is_none());
    }

    #[test]
    fn a_missing_credential_says_how_to_provide_one() {
        let err = ClientBuilder::new().build().unwrap_err();
        assert!(err.to_string().contains(env::PUBLIC_KEY), "{err}");
    }

    #[test]
    fn invalid_explicit_settings_are_refused() {
        let base = || ClientBuilder::new().credential(Credential::new("pk", "sk"));
        assert!(base().base_url("api.ucloud.cn").build().is_err());
        assert!(base().timeout(Duration::ZERO).build().is_err());
        assert!(base().max_response_bytes(0).build().is_err());
        assert!(
            ClientBuilder::new()
                .credential(Credential::new("", "sk"))
                .build()
                .is_err()
        );
        assert!(base().base_url("http://127.0.0.1:1").build().is_ok());
    }

    #[test]
    fn user_agent_names_the_crate_and_the_suffix() {
        let client = ClientBuilder::new()
            .credential(Credential::new("pk", "sk"))
            .user_agent_suffix("tool/2")
            .build()
            .unwrap();
        assert_eq!(
            client.user_agent(),
            format!("api-core/{} tool/2", env!("CARGO_PKG_VERSION"))
        );
    }
}
