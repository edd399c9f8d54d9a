//! The client: fills defaults, signs, sends and decodes.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use crate::action::{Action, ActionMeta};
use crate::config::{ClientBuilder, Config};
use crate::credential::Credential;
use crate::envelope;
use crate::error::{Error, excerpt};
use crate::params::Params;
use crate::sign;
use crate::transport::{HttpRequest, HttpResponse, TransportError};

/// A handle on the API: cheap to clone, one connection pool, usable from
/// many tasks at once.
///
/// ```no_run
/// # async fn run(action: impl api_core::Action) -> Result<(), api_core::Error> {
/// let client = api_core::Client::from_env()?;
/// let response = client.send(action).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Config>,
}

impl Client {
    /// A builder with nothing set.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment (see
    /// [`ClientBuilder::from_env`]).
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    pub(crate) fn from_config(config: Config) -> Client {
        Client {
            inner: Arc::new(config),
        }
    }

    /// The credential requests are signed with.
    pub fn credential(&self) -> &Credential {
        &self.inner.credential
    }

    /// The default `Region`.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// The default `Zone`.
    pub fn zone(&self) -> Option<&str> {
        self.inner.zone.as_deref()
    }

    /// The default `ProjectId`.
    pub fn project_id(&self) -> Option<&str> {
        self.inner.project_id.as_deref()
    }

    /// The endpoint requests are POSTed to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The time limit of one attempt.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The time limit for opening a connection.
    pub fn connect_timeout(&self) -> Duration {
        self.inner.connect_timeout
    }

    /// The `User-Agent` sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// Sends `action` and decodes its answer.
    ///
    /// Common parameters the action takes but leaves unset (`Region`,
    /// `Zone`, `ProjectId`) come from the client's defaults; a required
    /// parameter still missing fails here, before anything is sent.
    pub async fn send<A: Action>(&self, action: A) -> Result<A::Response, Error> {
        let name = A::META.name;
        let body = self.encode(&action)?;
        let response = self.post(name, body).await?;
        decode_response(name, &response)
    }

    /// The signed, form-encoded body `send` would POST for `action`, without
    /// sending it.
    pub fn encode<A: Action + ?Sized>(&self, action: &A) -> Result<String, Error> {
        let meta = A::META;
        let mut params = Params::with_capacity(meta.params.len() + 4);
        action
            .write_params(&mut params.writer())
            .map_err(|e| e.for_action(meta.name))?;
        self.fill_common(meta, &mut params);
        check_required(meta, &params)?;
        self.sign_and_encode(meta.name, params)
    }

    /// Adds the client's defaults for the common parameters `meta` takes
    /// and `params` leaves unset.
    fn fill_common<'a>(&'a self, meta: &ActionMeta, params: &mut Params<'a>) {
        for param in meta.params.iter().filter(|p| p.common) {
            let default = match param.wire_name {
                "Region" => self.inner.region.as_deref(),
                "Zone" => self.inner.zone.as_deref(),
                "ProjectId" => self.inner.project_id.as_deref(),
                _ => None,
            };
            if let Some(value) = default
                && !params.contains_name(param.wire_name)
            {
                params.push(param.wire_name, Cow::Borrowed(value));
            }
        }
    }

    /// Adds `Action`, `PublicKey` and `SecurityToken`, sorts, signs and
    /// form-encodes.
    fn sign_and_encode<'a>(
        &'a self,
        action: &'a str,
        mut params: Params<'a>,
    ) -> Result<String, Error> {
        if params.get("Signature").is_some() {
            return Err(Error::invalid_request(
                "`Signature` is computed by the client and cannot be set as a parameter",
            )
            .for_action(action));
        }
        let credential = &self.inner.credential;
        params.push("Action", action);
        params.push("PublicKey", credential.public_key());
        if let Some(token) = credential.security_token() {
            params.push("SecurityToken", token);
        }
        params.sort().map_err(|e| e.for_action(action))?;
        let signature = sign::signature(&params, credential.private_key());
        let estimate = params
            .iter()
            .map(|(k, v)| k.len() + v.len() + 2)
            .sum::<usize>()
            + 52;
        let mut body = form_urlencoded::Serializer::new(String::with_capacity(estimate));
        for (key, value) in params.iter() {
            body.append_pair(key, value);
        }
        body.append_pair("Signature", &signature);
        Ok(body.finish())
    }

    async fn post(&self, action: &str, body: String) -> Result<HttpResponse, Error> {
        let request = HttpRequest {
            url: Arc::clone(&self.inner.base_url),
            body,
            timeout: self.inner.timeout,
            max_response_bytes: self.inner.max_response_bytes,
        };
        self.inner
            .transport
            .send(request)
            .await
            .map_err(|e| self.transport_error(action, e))
    }

    fn transport_error(&self, action: &str, err: TransportError) -> Error {
        let action = action.to_owned();
        match err {
            TransportError::Connect(source) => Error::Connect {
                action,
                url: self.inner.base_url.to_string(),
                source,
            },
            TransportError::Timeout(kind) => Error::Timeout {
                action,
                kind,
                after: match kind {
                    crate::error::TimeoutKind::Connect => self.inner.connect_timeout,
                    _ => self.inner.timeout,
                },
            },
            TransportError::TooLarge {
                limit,
                request_uuid,
            } => Error::ResponseTooLarge {
                action,
                limit,
                request_uuid,
            },
            TransportError::Other(source) => Error::Transport { action, source },
        }
    }
}

/// Fails when a parameter the action requires was not written.
fn check_required(meta: &ActionMeta, params: &Params<'_>) -> Result<(), Error> {
    match meta
        .params
        .iter()
        .find(|p| p.required && !params.contains_name(p.wire_name))
    {
        None => Ok(()),
        Some(missing) if missing.common => Err(Error::invalid_request(format!(
            "`{0}` is required; set it on the request or give the client a default {0}",
            missing.wire_name
        ))
        .for_action(meta.name)),
        Some(missing) => Err(Error::invalid_request(format!(
            "`{}` is required and was not set",
            missing.wire_name
        ))
        .for_action(meta.name)),
    }
}

/// Turns an HTTP answer into the typed response or the error it reports.
fn decode_response<R: serde::de::DeserializeOwned>(
    action: &str,
    response: &HttpResponse,
) -> Result<R, Error> {
    if !(200..300).contains(&response.status) {
        return Err(Error::HttpStatus {
            action: action.to_owned(),
            status: response.status,
            excerpt: excerpt(&response.body),
            request_uuid: response.request_uuid.clone(),
        });
    }
    envelope::decode(action, &response.body, response.request_uuid.as_deref())
}
