//! Waiting for instances and images to reach a state.
//!
//! Each waiter polls the matching Describe action with growing delays
//! through [`api_core::wait::Waiter`], fails at once when the resource
//! enters a state it will not leave on its own (an instance in
//! `Install Fail`, an image `Unavailable`), and on timeout reports the last
//! state it saw.
//!
//! ```no_run
//! # async fn run(client: api_core::Client) -> Result<(), api_core::Error> {
//! use api_core::wait::Waiter;
//! use api_uhost::instances::InstanceState;
//! use api_uhost::wait;
//!
//! let instance = wait::instance_state(&client, "uhost-xxx", InstanceState::Running, Waiter::new("")).await?;
//! println!("{} is {}", instance.uhost_id, instance.state);
//! # Ok(()) }
//! ```

use api_core::wait::{Status, Waiter};
use api_core::{Client, Error};

use crate::images::{DescribeImage, ImageState, UHostImageSet};
use crate::instances::{DescribeUHostInstance, InstanceState, UHostInstanceSet};

/// Waits until instance `uhost_id` is in state `target`, and returns it as
/// last described. Fails at once if it enters `Install Fail`, or
/// disappears. `waiter` sets the delays, the deadline and progress
/// reports; its description is replaced by one naming the instance.
pub async fn instance_state(
    client: &Client,
    uhost_id: &str,
    target: InstanceState,
    waiter: Waiter<'_>,
) -> Result<UHostInstanceSet, Error> {
    let what = format!("instance {uhost_id} to be {target}");
    waiter
        .describe(what)
        .until(|| async {
            Ok(match describe_instance(client, uhost_id).await? {
                None => Status::Failed("gone".to_owned()),
                Some(instance) if instance.state == target => Status::Ready(instance),
                Some(instance) if instance.state == InstanceState::InstallFail => {
                    Status::Failed(instance.state.to_string())
                }
                Some(instance) => Status::Pending(instance.state.to_string()),
            })
        })
        .await
}

/// Waits until instance `uhost_id` is no longer listed, e.g. after
/// [`TerminateUHostInstance`](crate::instances::TerminateUHostInstance).
pub async fn instance_gone(
    client: &Client,
    uhost_id: &str,
    waiter: Waiter<'_>,
) -> Result<(), Error> {
    let what = format!("instance {uhost_id} to be gone");
    waiter
        .describe(what)
        .until(|| async {
            Ok(match describe_instance(client, uhost_id).await? {
                None => Status::Ready(()),
                Some(instance) => Status::Pending(instance.state.to_string()),
            })
        })
        .await
}

async fn describe_instance(
    client: &Client,
    uhost_id: &str,
) -> Result<Option<UHostInstanceSet>, Error> {
    let answer = client
        .send(DescribeUHostInstance::new().uhost_ids([uhost_id]))
        .await?;
    Ok(answer
        .uhost_set
        .into_iter()
        .find(|i| i.uhost_id == uhost_id))
}

/// Waits until image `image_id` is `Available`, and returns it as last
/// described. Fails at once if it becomes `Unavailable` or disappears.
pub async fn image_available(
    client: &Client,
    image_id: &str,
    waiter: Waiter<'_>,
) -> Result<UHostImageSet, Error> {
    let what = format!("image {image_id} to be Available");
    waiter
        .describe(what)
        .until(|| async {
            let answer = client.send(DescribeImage::new().image_id(image_id)).await?;
            Ok(
                match answer
                    .image_set
                    .into_iter()
                    .find(|i| i.image_id == image_id)
                {
                    None => Status::Failed("gone".to_owned()),
                    Some(image) if image.state == ImageState::Available => Status::Ready(image),
                    Some(image) if image.state == ImageState::Unavailable => {
                        Status::Failed(image.state.to_string())
                    }
                    Some(image) => Status::Pending(image.state.to_string()),
                },
            )
        })
        .await
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use api_core::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
    use api_core::wait::Waiter;
    use api_core::{Client, Credential, Error};

    use super::instance_state;
    use crate::instances::InstanceState;

    /// Answers every call with one instance, `uhost-1`, in `state`, and
    /// counts the calls.
    #[derive(Debug)]
    struct OneInstance {
        state: &'static str,
        calls: AtomicUsize,
    }

    impl Transport for OneInstance {
        fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let body = format!(
                r#"{{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":1,"UHostSet":[{{"UHostId":"uhost-1","State":"{}"}}]}}"#,
                self.state
            );
            Box::pin(async move { Ok(HttpResponse::new(200, None, body.into_bytes())) })
        }
    }

    #[tokio::test]
    async fn install_fail_in_either_spelling_ends_the_wait_at_the_first_check() {
        for spelling in ["Install Fail", "InstallFail"] {
            let transport = Arc::new(OneInstance {
                state: spelling,
                calls: AtomicUsize::new(0),
            });
            let client = Client::builder()
                .credential(Credential::new("public", "private"))
                .region("cn-bj2")
                .transport(transport.clone())
                .build()
                .unwrap();
            let waiter = Waiter::new("").timeout(Duration::from_secs(2));
            let err = instance_state(&client, "uhost-1", InstanceState::Running, waiter)
                .await
                .unwrap_err();
            assert!(
                matches!(&err, Error::WaitFailed { state, .. } if state == "Install Fail"),
                "{spelling}: {err:?}"
            );
            assert_eq!(transport.calls.load(Ordering::SeqCst), 1, "{spelling}");
        }
    }
}
