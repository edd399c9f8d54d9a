//! Client configuration: defaults, the environment variables of the
//! official SDKs and CLI, and validation.

use std::ffi::OsString;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credential::Credential;
use crate::error::Error;
use crate::intercept::Interceptor;
use crate::profile::{Profile, SharedFiles};
use crate::redact::url_without_userinfo;
use crate::retry::{DEFAULT_RETRY_BUDGET, RetryBudget, RetryPolicy};
use crate::stream::{Fragment, Fragments};
use crate::transport::Transport;

/// The default API endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.scloudsg.com";
/// The default time limit of one attempt.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default time limit of a whole call, retries included.
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(120);
/// The default time limit for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default cap on an answer's body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// The default number of idle connections kept per host.
pub const DEFAULT_POOL_MAX_IDLE_PER_HOST: usize = 32;
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
    /// The profile of the shared files to use.
    pub const PROFILE: &str = "UCLOUD_PROFILE";
    /// The path of the shared configuration file.
    pub const SHARED_CONFIG_FILE: &str = "UCLOUD_SHARED_CONFIG_FILE";
    /// The path of the shared credential file.
    pub const SHARED_CREDENTIAL_FILE: &str = "UCLOUD_SHARED_CREDENTIAL_FILE";
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
#[derive(Clone, Default)]
pub struct ClientBuilder {
    credential: Option<Credential>,
    region: Option<String>,
    zone: Option<String>,
    project_id: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    retry_budget: Option<u32>,
    max_response_bytes: Option<usize>,
    user_agent_suffix: Option<String>,
    transport: Option<Arc<dyn Transport>>,
    pool_max_idle_per_host: Option<usize>,
    max_in_flight: Option<usize>,
    interceptors: Vec<Arc<dyn Interceptor>>,
}

impl ClientBuilder {
    /// A builder with nothing set.
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// A builder preset from the environment and the official CLI's
    /// shared files, with this precedence: environment variables, then the
    /// profile named by `UCLOUD_PROFILE`, else the files' active profile.
    /// Settings made on the builder afterwards override all of them.
    ///
    /// Variables: `UCLOUD_PUBLIC_KEY`, `UCLOUD_PRIVATE_KEY`,
    /// `UCLOUD_SECURITY_TOKEN`, `UCLOUD_REGION`, `UCLOUD_ZONE`,
    /// `UCLOUD_PROJECT_ID`, `UCLOUD_API_BASE_URL`, `UCLOUD_TIMEOUT_SECOND`;
    /// the files are `~/.ucloud/config.json` and `~/.ucloud/credential.json`
    /// or `UCLOUD_SHARED_CONFIG_FILE` and `UCLOUD_SHARED_CREDENTIAL_FILE`.
    /// Unset or empty variables and missing files are skipped; a malformed
    /// variable or file, or a named profile that does not exist, is a
    /// configuration error naming it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var_os(name), None)
    }

    /// Like [`ClientBuilder::from_env`] with the profile `name` of the
    /// shared files instead of `UCLOUD_PROFILE` or the active one.
    /// Environment variables still override the profile's settings.
    pub fn from_profile(name: &str) -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var_os(name), Some(name))
    }

    /// Like [`ClientBuilder::from_env`], reading variables from `lookup`.
    pub(crate) fn from_lookup(
        lookup: impl Fn(&str) -> Option<OsString>,
        profile_name: Option<&str>,
    ) -> Result<Self, Error> {
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
        let profile_var = var(env::PROFILE)?;
        let profile_name = profile_name.or(profile_var.as_deref());
        let files = SharedFiles::locate(
            lookup("HOME").map(Into::into),
            var(env::SHARED_CONFIG_FILE)?.map(Into::into),
            var(env::SHARED_CREDENTIAL_FILE)?.map(Into::into),
        );
        let profile = match &files {
            Some(files) => files.select(profile_name)?,
            None if profile_name.is_some() => {
                return Err(Error::config(format!(
                    "profile {profile_name:?} was asked for, but HOME is not set and no shared files are named"
                )));
            }
            None => None,
        };
        let mut builder = ClientBuilder::new();
        if let Some(profile) = profile {
            builder.apply_profile(profile)?;
        }
        builder.apply_env(var)?;
        Ok(builder)
    }

    fn apply_profile(&mut self, profile: Profile) -> Result<(), Error> {
        let name = profile.profile;
        match (profile.public_key, profile.private_key) {
            (Some(public), Some(private)) => {
                self.credential = Some(Credential::new(public, private))
            }
            (None, None) => {}
            _ => {
                return Err(Error::config(format!(
                    "profile {name:?} has only one of public_key and private_key; give both"
                )));
            }
        }
        self.region = profile.region.or(self.region.take());
        self.zone = profile.zone.or(self.zone.take());
        self.project_id = profile.project_id.or(self.project_id.take());
        if let Some(url) = profile.base_url {
            validate_base_url(&url)
                .map_err(|why| Error::config(format!("base_url of profile {name:?}: {why}")))?;
            self.base_url = Some(url);
        }
        if let Some(seconds) = profile.timeout_sec {
            self.timeout =
                Some(seconds_to_duration(seconds).map_err(|why| {
                    Error::config(format!("timeout_sec of profile {name:?}: {why}"))
                })?);
        }
        Ok(())
    }

    fn apply_env(
        &mut self,
        var: impl Fn(&str) -> Result<Option<String>, Error>,
    ) -> Result<(), Error> {
        match (var(env::PUBLIC_KEY)?, var(env::PRIVATE_KEY)?) {
            (Some(public), Some(private)) => {
                let mut credential = Credential::new(public, private);
                if let Some(token) = var(env::SECURITY_TOKEN)? {
                    credential = credential.with_security_token(token);
                }
                self.credential = Some(credential);
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
        if let Some(region) = var(env::REGION)? {
            self.region = Some(region);
        }
        if let Some(zone) = var(env::ZONE)? {
            self.zone = Some(zone);
        }
        if let Some(project) = var(env::PROJECT_ID)? {
            self.project_id = Some(project);
        }
        if let Some(url) = var(env::BASE_URL)? {
            validate_base_url(&url)
                .map_err(|why| Error::config(format!("{}: {why}", env::BASE_URL)))?;
            self.base_url = Some(url);
        }
        if let Some(text) = var(env::TIMEOUT_SECOND)? {
            self.timeout = Some(parse_seconds(&text).map_err(|why| {
                Error::config(format!("{}={text:?}: {why}", env::TIMEOUT_SECOND))
            })?);
        }
        Ok(())
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

    /// The time limit of a whole call, retries and their delays included.
    /// Default: [`DEFAULT_TOTAL_TIMEOUT`].
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// The default retry policy. Default: [`RetryPolicy::default`] (3
    /// attempts in all).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The size of the retry budget shared by all clones of the client:
    /// a retry costs 5 tokens (10 after a timeout), a success earns tokens
    /// back. Default: [`DEFAULT_RETRY_BUDGET`]; 0 disables retries.
    pub fn retry_budget(mut self, tokens: u32) -> Self {
        self.retry_budget = Some(tokens);
        self
    }

    /// The time limit for opening a connection. Default:
    /// [`DEFAULT_CONNECT_TIMEOUT`]. It is a client setting because
    /// connections are pooled and shared by all calls.
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

    /// A transport to use instead of the built-in HTTP one
    /// ([`HttpTransport`](crate::transport::HttpTransport)).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// How many idle connections to keep open per host for reuse; more
    /// are closed once their answer is read. Default:
    /// [`DEFAULT_POOL_MAX_IDLE_PER_HOST`]. Applies to the built-in HTTP
    /// transport.
    pub fn pool_max_idle_per_host(mut self, connections: usize) -> Self {
        self.pool_max_idle_per_host = Some(connections);
        self
    }

    /// The most attempts this client (all its clones together) has on the
    /// wire at once; further calls wait for a slot, within their total
    /// timeout, instead of opening more connections. Default: no bound.
    /// A bound keeps a burst of calls from exhausting the process's file
    /// descriptors.
    pub fn max_in_flight(mut self, calls: usize) -> Self {
        self.max_in_flight = Some(calls);
        self
    }

    /// Adds an interceptor that sees every call of the client; see
    /// [`crate::intercept`]. Interceptors run in the order they were
    /// added.
    pub fn interceptor(mut self, interceptor: impl Interceptor) -> Self {
        self.interceptors.push(Arc::new(interceptor));
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
        validate_base_url(&base_url).map_err(|why| {
            Error::config(format!(
                "base URL {:?}: {why}",
                url_without_userinfo(&base_url)
            ))
        })?;
        let timeout = positive("timeout", self.timeout.unwrap_or(DEFAULT_TIMEOUT))?;
        let total_timeout = positive(
            "total timeout",
            self.total_timeout.unwrap_or(DEFAULT_TOTAL_TIMEOUT),
        )?;
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
        let in_flight = match self.max_in_flight {
            Some(0) => return Err(Error::config("max_in_flight must be above zero")),
            Some(calls) => Some(Arc::new(tokio::sync::Semaphore::new(
                calls.min(tokio::sync::Semaphore::MAX_PERMITS),
            ))),
            None => None,
        };
        let transport: Arc<dyn Transport> = match self.transport {
            Some(transport) => transport,
            None => Arc::new(crate::transport::HttpTransport::with_pool(
                connect_timeout,
                &user_agent,
                self.pool_max_idle_per_host
                    .unwrap_or(DEFAULT_POOL_MAX_IDLE_PER_HOST),
            )?),
        };
        let fragments = Fragments {
            public_key: Fragment::of("PublicKey", credential.public_key()),
            security_token: credential
                .security_token()
                .map(|token| Fragment::of("SecurityToken", token)),
            region: self.region.as_deref().map(|v| Fragment::of("Region", v)),
            zone: self.zone.as_deref().map(|v| Fragment::of("Zone", v)),
            project_id: self
                .project_id
                .as_deref()
                .map(|v| Fragment::of("ProjectId", v)),
        };
        Ok(crate::Client::from_config(Config {
            fragments,
            credential,
            region: self.region,
            zone: self.zone,
            project_id: self.project_id,
            timeout,
            total_timeout,
            connect_timeout,
            retry: self.retry.unwrap_or_default(),
            budget: RetryBudget::new(self.retry_budget.unwrap_or(DEFAULT_RETRY_BUDGET)),
            max_response_bytes,
            user_agent,
            transport,
            in_flight,
            interceptors: self.interceptors,
            url_password: reqwest::Url::parse(&base_url)
                .ok()
                .and_then(|url| url.password().map(str::to_owned)),
            base_url: base_url.into(),
        }))
    }
}

/// A checked configuration, as the client holds it.
pub(crate) struct Config {
    pub(crate) credential: Credential,
    /// The credential's and the defaults' parameters, form-encoded once.
    pub(crate) fragments: Fragments,
    pub(crate) region: Option<String>,
    pub(crate) zone: Option<String>,
    pub(crate) project_id: Option<String>,
    pub(crate) base_url: Arc<str>,
    pub(crate) timeout: Duration,
    pub(crate) total_timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) budget: RetryBudget,
    pub(crate) max_response_bytes: usize,
    pub(crate) user_agent: String,
    pub(crate) transport: Arc<dyn Transport>,
    /// The slots for attempts on the wire, when bounded.
    pub(crate) in_flight: Option<Arc<tokio::sync::Semaphore>>,
    pub(crate) interceptors: Vec<Arc<dyn Interceptor>>,
    /// The password in the base URL's user information, kept out of
    /// errors like the call's other secrets.
    pub(crate) url_password: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    /// Every setting, with the base URL's user information left out and
    /// the credential redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credential", &self.credential)
            .field("region", &self.region)
            .field("zone", &self.zone)
            .field("project_id", &self.project_id)
            .field(
                "base_url",
                &self.base_url.as_deref().map(url_without_userinfo),
            )
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("retry_budget", &self.retry_budget)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("transport", &self.transport)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("max_in_flight", &self.max_in_flight)
            .field("interceptors", &self.interceptors)
            .finish()
    }
}

impl fmt::Debug for Config {
    /// Every setting, with the base URL's user information left out and
    /// the credential redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credential", &self.credential)
            .field("region", &self.region)
            .field("zone", &self.zone)
            .field("project_id", &self.project_id)
            .field("base_url", &url_without_userinfo(&self.base_url))
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("budget", &self.budget)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent", &self.user_agent)
            .field("transport", &self.transport)
            .field(
                "max_in_flight",
                &self.in_flight.as_ref().map(|s| s.available_permits()),
            )
            .field("interceptors", &self.interceptors)
            .finish_non_exhaustive()
    }
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
    seconds_to_duration(seconds)
}

fn seconds_to_duration(seconds: f64) -> Result<Duration, String> {
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
        ClientBuilder::from_lookup(|name| map.get(name).cloned(), None)
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
    fn the_base_url_password_is_never_shown() {
        let builder = ClientBuilder::new()
            .credential(Credential::new("pk", "sk"))
            .base_url("http://alice:hunter22@127.0.0.1:9/");
        assert!(!format!("{builder:?}").contains("hunter22"));
        let client = builder.build().unwrap();
        let debug = format!("{client:?}");
        assert!(
            !debug.contains("hunter22") && !debug.contains("alice"),
            "{debug}"
        );
        assert!(debug.contains("127.0.0.1:9"), "{debug}");
        let err = ClientBuilder::new()
            .credential(Credential::new("pk", "sk"))
            .base_url("ftp://alice:hunter22@127.0.0.1:9/")
            .build()
            .unwrap_err();
        assert!(!err.to_string().contains("hunter22"), "{err}");
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

    /// A directory removed when dropped.
    struct TempDir(std::path::PathBuf);

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A fresh directory with the two shared files.
    fn shared_files(config: &str, credential: &str) -> (TempDir, Vec<(String, OsString)>) {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "api-core-profiles-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let (cfg, cred) = (dir.join("config.json"), dir.join("credential.json"));
        std::fs::write(&cfg, config).unwrap();
        std::fs::write(&cred, credential).unwrap();
        let vars = vec![
            (env::SHARED_CONFIG_FILE.to_string(), cfg.into_os_string()),
            (
                env::SHARED_CREDENTIAL_FILE.to_string(),
                cred.into_os_string(),
            ),
        ];
        (TempDir(dir), vars)
    }

    fn load(
        vars: &[(String, OsString)],
        extra: &[(&str, &str)],
        profile: Option<&str>,
    ) -> Result<ClientBuilder, Error> {
        let mut map: HashMap<String, OsString> = vars.iter().cloned().collect();
        map.extend(
            extra
                .iter()
                .map(|(k, v)| (k.to_string(), OsString::from(v))),
        );
        ClientBuilder::from_lookup(|name| map.get(name).cloned(), profile)
    }

    const CONFIG: &str = r#"[
        {"profile": "default", "active": true, "region": "cn-bj2", "zone": "cn-bj2-02",
         "project_id": "org-default", "base_url": "https://api.ucloud.cn", "timeout_sec": 15},
        {"profile": "staging", "active": false, "region": "hk", "project_id": "org-staging", "timeout_sec": 7.5}
    ]"#;
    const CREDENTIAL: &str = r#"[
        {"profile": "default", "public_key": "pk-default", "private_key": "sk-default"},
        {"profile": "staging", "public_key": "pk-staging", "private_key": "sk-staging"}
    ]"#;

    #[test]
    fn the_active_profile_applies_when_nothing_else_is_set() {
        let (_dir, vars) = shared_files(CONFIG, CREDENTIAL);
        let client = load(&vars, &[], None).unwrap().build().unwrap();
        assert_eq!(client.credential().public_key(), "pk-default");
        assert_eq!(client.region(), Some("cn-bj2"));
        assert_eq!(client.zone(), Some("cn-bj2-02"));
        assert_eq!(client.project_id(), Some("org-default"));
        assert_eq!(client.base_url(), "https://api.ucloud.cn");
        assert_eq!(client.timeout(), Duration::from_secs(15));
    }

    #[test]
    fn precedence_is_explicit_then_environment_then_named_then_active_profile() {
        let (_dir, vars) = shared_files(CONFIG, CREDENTIAL);
        // A named profile beats the active one.
        let named = load(&vars, &[(env::PROFILE, "staging")], None)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(named.credential().public_key(), "pk-staging");
        assert_eq!(named.region(), Some("hk"));
        assert_eq!(named.timeout(), Duration::from_millis(7500));
        // Settings the named profile lacks do not leak from the active one.
        assert_eq!(named.zone(), None);
        // The environment beats the profile.
        let env_wins = load(
            &vars,
            &[(env::PROFILE, "staging"), (env::REGION, "sg")],
            None,
        )
        .unwrap()
        .build()
        .unwrap();
        assert_eq!(env_wins.region(), Some("sg"));
        assert_eq!(env_wins.project_id(), Some("org-staging"));
        // An explicit setting beats everything.
        let explicit = load(&vars, &[(env::REGION, "sg")], Some("staging"))
            .unwrap()
            .region("cn-sh2")
            .build()
            .unwrap();
        assert_eq!(explicit.region(), Some("cn-sh2"));
        assert_eq!(explicit.credential().public_key(), "pk-staging");
    }

    #[test]
    fn missing_files_are_fine() {
        let vars = vec![
            (
                env::SHARED_CONFIG_FILE.to_string(),
                OsString::from("/nonexistent/config.json"),
            ),
            (
                env::SHARED_CREDENTIAL_FILE.to_string(),
                OsString::from("/nonexistent/credential.json"),
            ),
        ];
        let builder = load(&vars, &[], None).unwrap();
        assert!(!builder.has_credential());
    }

    #[test]
    fn a_malformed_file_is_an_error_naming_it() {
        let (_dir, vars) = shared_files("{not json", CREDENTIAL);
        let err = load(&vars, &[], None).unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        assert!(err.to_string().contains("config.json"), "{err}");
        let (_dir, vars) = shared_files(CONFIG, r#"[{"profile": "default", "public_key": 5}]"#);
        let err = load(&vars, &[], None).unwrap_err();
        assert!(err.to_string().contains("credential.json"), "{err}");
    }

    #[test]
    fn a_named_profile_that_does_not_exist_is_an_error_naming_it() {
        let (_dir, vars) = shared_files(CONFIG, CREDENTIAL);
        for err in [
            load(&vars, &[(env::PROFILE, "prod")], None).unwrap_err(),
            load(&vars, &[], Some("prod")).unwrap_err(),
        ] {
            let text = err.to_string();
            assert!(
                text.contains("\"prod\"") && text.contains("config.json"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_profile_with_half_a_key_pair_is_refused() {
        let (_dir, vars) = shared_files(CONFIG, r#"[{"profile": "default", "public_key": "pk"}]"#);
        let err = load(&vars, &[], None).unwrap_err();
        assert!(err.to_string().contains("private_key"), "{err}");
    }
}
