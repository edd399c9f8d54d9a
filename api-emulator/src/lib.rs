//! A local, stateful UHost service that speaks the real wire protocol and
//! checks signatures, so SDKs, their examples and tests (in any language)
//! run without a cloud account.
//!
//! It reads requests and writes answers by the literal wire names of the API
//! reference, independently of the Rust SDK's types, so that it checks the
//! SDK instead of agreeing with its mistakes.
//!
//! # Starting it
//!
//! From the command line:
//!
//! ```text
//! cargo run -p api-emulator -- --listen 127.0.0.1:0 \
//!     --public-key PK --private-key SK \
//!     [--public-key PK2 --private-key SK2 ...] \
//!     [--time-scale 0] [--seed 7] [--fault 'retcode=150,action=DescribeImage,times=2' ...] \
//!     [--project PK,org-staging,Staging ...] [--quota instances=500 ...] \
//!     [--state FILE] [--max-connections 512] [--over-limit wait|refuse] \
//!     [--request-log 1000] [--no-control-plane]
//! cargo run -p api-emulator -- --list-actions   # the actions it serves
//! ```
//!
//! - **stdout** gets exactly one line, `listening on http://ADDR`, once the
//!   port is open, and nothing else; scripts read the address from it.
//! - **Logs** go to stderr, filtered by `RUST_LOG` (default `info`). Each
//!   API request gets one INFO line on the target `api_emulator::requests`:
//!   `answered action="DescribeImage" account="PK" ret_code=0
//!   latency_ms=0.412 request_uuid=…` (plus `http_status` and `fault` when
//!   a fault answered), so a client's request UUID can be found in the log.
//!   `RUST_LOG=warn` quiets everything,
//!   `RUST_LOG=info,api_emulator::requests=warn` only the request lines.
//! - **Accounts**: `--public-key`/`--private-key` pairs; without them,
//!   `UCLOUD_PUBLIC_KEY` and `UCLOUD_PRIVATE_KEY` (the variables the SDKs
//!   read); and, added to either, `API_EMULATOR_ACCOUNTS=PK:SK[,PK:SK...]`
//!   (a private key may contain `:`, a public key may not). Variables keep
//!   private keys out of the process list; `--help` never shows their
//!   values.
//! - **State** is kept in memory and lost at exit, unless `--state FILE`:
//!   it is loaded at start if the file exists (a file that cannot be read
//!   stops the start, naming it) and saved there, through a temporary file
//!   and a rename, at a clean stop (Ctrl-C or SIGTERM, which also let open
//!   requests finish). In process: [`EmulatorBuilder::state_file`], saved
//!   by [`Emulator::shutdown`] or [`Emulator::close`].
//! - **Time scale** (`--time-scale`, default 1: the real service's pace,
//!   a create takes 3 s) multiplies every state-change delay; see
//!   [Time](#time).
//! - An address that cannot be bound is named in the error (and "in use"
//!   says so). A start failure is printed to stderr whatever `RUST_LOG`
//!   says, and the exit code is 1 (2 for bad flags).
//!
//! In-process, on the caller's tokio runtime (the [`Emulator`] methods do
//! what the [control plane](#control-plane) does):
//!
//! ```no_run
//! # async fn demo() -> Result<(), api_emulator::Error> {
//! use api_emulator::{Emulator, Fault, FaultKind};
//!
//! let emu = Emulator::builder()
//!     .account("PK", "SK")
//!     .time_scale(0.0)
//!     .seed(7)
//!     .fault(Fault::new(FaultKind::RetCode(150)).action("DescribeUHostInstance").times(2))
//!     .start("127.0.0.1:0")
//!     .await?;
//! let base_url = emu.base_url(); // "http://127.0.0.1:PORT"
//! emu.set_faults(vec!["http=503,rate=0.3".parse()?])?;
//! emu.clear_faults();
//! assert_eq!(emu.request_count("CreateUHostInstance"), 0);
//! emu.shutdown().await; // dropping it stops it too
//! # let _ = base_url;
//! # Ok(())
//! # }
//! ```
//!
//! # The wire it accepts
//!
//! HTTP/1.1 (keep-alive) on any path but `/_emulator` and `/_emulator/…`
//! (the [control plane](#control-plane)), and with any method. Parameters
//! come from the query string and the body and are merged, so all of these
//! work:
//!
//! - `POST` with `application/x-www-form-urlencoded` (the Python SDK; it
//!   also sends a `U-Timestamp-Ms` header, which is ignored);
//! - `POST /?Action=X` with the rest in the form body (the Go SDK);
//! - `POST` with `application/json`: a JSON object whose scalars are read as
//!   the signature sees them (integers in decimal, integral floats without a
//!   fraction, never an exponent, `true`/`false`; `null` is left out) and
//!   whose arrays and objects are flattened to `Name.0`, `Name.0.Field`;
//! - `GET` with a query string.
//!
//! A name may be given once: twice in the query string or the body (for
//! JSON, also after flattening), or in both with different values, is
//! refused with RetCode 230 naming the parameter (`Params [Signature] not
//! available: given more than once`), so that no proxy reading another copy
//! sees another request than the one signed. The same value in the query
//! string and the body counts once.
//!
//! Form encoding is decoded strictly (`+` is a space, `%XX` needs two hex
//! digits, text must be UTF-8). Bodies over 1 MiB, undecodable bodies,
//! malformed JSON or a JSON body that is not an object are refused with
//! RetCode 230 and a message saying what is wrong; a request never panics
//! the server. Oversized bodies up to 16 MiB are read and discarded first so
//! the client sees the answer; larger ones get the answer and the connection
//! is closed.
//!
//! Every answer is HTTP 200 with `Content-Type: application/json`, the body
//! `{"Action": "<Action>Response", "RetCode": N, "Message": "...", ...}`
//! (`Message` only on errors) and a fresh UUID in the
//! `X-UCLOUD-REQUEST-UUID` header, errors included. Only the HTTP-status
//! and drop faults answer differently (and bytes that are not HTTP at all
//! get hyper's own `400 Bad Request`).
//!
//! # Checks and their RetCodes
//!
//! In the real gateway's order:
//!
//! | Check | RetCode |
//! |---|---|
//! | no `Action` | 160 |
//! | no `PublicKey`, or one of no account | 172 |
//! | no `Signature` | 170 |
//! | `Signature` wrong | 171 |
//! | `Action` not one of the 42 UHost actions, `GetRegion`, `GetProjectList` or `GetUserInfo` | 161 |
//! | `ProjectId` not one of the account's projects | 292 |
//! | faults (see below) | as configured |
//! | a required parameter missing or empty; an integer or boolean that does not parse; a value outside its enum; an unknown `Region` or `Zone`, or a zone of another region; an id that names nothing; an unreadable body | 230 `Params [Name] not available[: reason]` |
//!
//! The signature is the lowercase hex SHA1 of every received parameter
//! except `Signature`, sorted bytewise by name, written as name then value
//! (unescaped), followed by the private key; it is checked over every
//! parameter received, whatever the action.
//!
//! The parameters held to a list of values, and the values each accepts,
//! are published by [`enum_parameters`] (for example `ChargeType`: `Year`,
//! `Month`, `Dynamic`, `Postpay`, `Preemptive`, `Spot`).
//!
//! Required parameters and integer/boolean types follow the reference spec
//! of each action (nested ones included, such as `Disks.N.Size`); one
//! difference: `UHostIds.N` of `UpgradeToArkUHostInstance` is required, as
//! its reference page says. Parameters the action does not know are
//! ignored.
//!
//! Action errors use the UHost codes of the reference error list:
//!
//! | Situation | RetCode |
//! |---|---|
//! | resize, reinstall, password reset, private IP change or data ark upgrade of an instance that is not Stopped | 8010 |
//! | reinstall switching between Linux and Windows while keeping local data disks (`ReserveDisk` is `Yes` by default) | 8028 |
//! | any use of a terminated instance | 8039 |
//! | terminate an instance that is not Stopped | 8856 |
//! | start/stop/reboot/power off from a state that does not allow it (e.g. stop a Starting instance, reboot a Stopped one) | 8905 |
//! | data ark for an instance with local SSD or exclusive local disks / with cloud disks | 8220 / 8303 |
//! | create with CPU outside 1–64 / memory not a multiple of 1024 in 1024–262144 | 8044 / 8046 |
//! | Windows image with 1 CPU | 8027 |
//! | boot disk smaller than the image / local boot disk not the image size / boot disk shrink | 8315 / 8316 / 8319 |
//! | data disk size outside its type's range at create | 8096 |
//! | resize with bad CPU / memory / disk size | 8105 / 8106 / 8107 |
//! | price query with bad CPU / memory / disk size / a shrinking disk | 8064 / 8065 / 8066 / 8067 |
//! | an isolation group with seven instances in the zone already (create: fewer than `MinCount` places left; add) | 8095 |
//! | a create, copy or import over one of the account's [`Quotas`] | 8095 |
//! | copy to a `TargetProjectId` that is not one of the account's projects | 292 |
//! | copy or delete an image that is not a custom image of the account | 8956 |
//! | copy an image that is not Available | 8961 |
//!
//! # State
//!
//! Each account (public key) has its own resources, kept in memory behind a
//! per-account `RwLock` that is never held across an `.await`, in creation
//! order and indexed by id (a `UHostIds.N` filter costs one lookup per id).
//!
//! - **Regions and zones**: the 33 regions and their zones of the reference
//!   region list, plus `cn-bj2-04`.
//! - **Images**: every region has the same catalog of 23 base images, with
//!   ids that are the same in every run: the newest releases (CentOS 7.9,
//!   Ubuntu 22.04 and 24.04, Debian 12.5, Rocky Linux 9.3, Windows 2022)
//!   and the long-lived older ones scripts look up by name (`CentOS 6.5
//!   64位`, 6.10, 7.0, 7.4, 7.6, 8.2; Ubuntu 16.04, 18.04, 20.04; Debian
//!   9.13, 10.13, 11.9; Rocky Linux 8.6; Windows 2008 R2, 2012 R2, 2016,
//!   2019 `64位 数据中心版`). `DescribeImage` pages 20 by default. Custom images come from
//!   `CreateCustomImage` (Making → Available), `CopyCustomImage` (Copying →
//!   Available, also across regions) and `ImportCustomImage` (Making →
//!   Available). `DescribeImage` filters by `ImageType`, `OsType`,
//!   `ImageId`, `ImageIds.N`, `Tag`, `Zone` and pages with `Offset`/`Limit`.
//! - **Instances**: `CreateUHostInstance` checks the zone, image, login
//!   (the base64 `Password` is decoded and held to the reference password
//!   rules; a `KeyPairId` must exist), CPU, memory, disks (`Disks.N.*`:
//!   exactly one boot disk, types and sizes per the disk type table; without
//!   `Disks`, a `CLOUD_SSD` boot disk of the image size) and creates
//!   `MaxCount` instances, Initializing → Running. Disks get ids and drives
//!   and are listed in `DiskSet`. Stop (Running → Stopping → Stopped), start
//!   (Stopped → Starting → Running), reboot (Running → Rebooting → Running),
//!   power off (→ Stopping → Stopped), reinstall (Stopped → Initializing →
//!   Running); resize and password reset need Stopped and can `AutoStart`.
//!   As on the real service, an instance already in (or on its way to) the
//!   target state is accepted and left as it is: stop or power off a
//!   Stopped instance, start a Running one. `ModifyUHostIP` and
//!   `UpgradeToArkUHostInstance` need Stopped, as their pages say.
//!   Terminated instances disappear from listings and answer 8039 (an
//!   account remembers its last 10,000; older ids name nothing, 230).
//!   `DescribeUHostInstance` filters by `UHostIds.N`, `Zone`, `Tag`,
//!   `VPCId`, `SubnetId`, `IsolationGroup` and pages with `Offset`/`Limit`
//!   (default 20, at most 100) and `TotalCount`.
//! - **Key pairs** are account-wide: create (with a private key body),
//!   import (an OpenSSH public key), describe (paged), delete.
//! - **Isolation groups** per region: create, describe (paged, with
//!   per-zone member counts), add and remove instances, delete (its
//!   instances stay, outside any group). A group holds at most seven
//!   instances per zone; a create into it with `MaxCount` above the room
//!   left makes as many as fit (at least `MinCount`).
//! - **Tags**: `DescribeUHostTags` counts instances per business group and
//!   zone.
//! - **Quotas** ([`Quotas`], `--quota NAME=N`), counted per account: 100
//!   live instances, 50 custom images and 20 isolation groups per region,
//!   100 key pairs. A `MaxCount` create over the instance quota fails as a
//!   whole, as the reference says.
//! - Prices, VNC details, disk types, machine types and capacity answers
//!   are computed from fixed tables: plausible and deterministic.
//! - **Regions** (`GetRegion`, the account service's): one entry per zone
//!   above, `cn-bj2`/`cn-bj2-02` the default, so the official clients'
//!   first calls (the CLI's `ucloud init` and `ucloud region`) work.
//! - **Who the account is** (`GetUserInfo`): a main account with every
//!   permission, its id and email derived like the default project's id.
//! - **Projects** (`GetProjectList`): each account has a default project,
//!   `org-` and six characters derived from its public key (the same in
//!   every run), and more by [`EmulatorBuilder::project`] or
//!   `--project PK,ID[,NAME]`. A `ProjectId` (any action) that is not one of
//!   them is refused by the gateway with 292, and so is a `TargetProjectId`
//!   of `CopyCustomImage`. Key pairs record their project (the default one
//!   when none is given); projects do not otherwise separate resources.
//!
//! Ids look like the real ones (`uhost-k3x9c2ab`) and never repeat; they
//! depend only on the seed and the order of requests (a full reset starts
//! the sequence again, as a fresh start would).
//!
//! # Time
//!
//! State changes take about as long as on the real service: create and
//! reinstall 3 s, stop and start 1.5 s, reboot 2 s, power off 0.5 s, image
//! making, copying and importing 5 s. The time scale multiplies them: 0
//! makes every change immediate, 0.01 makes a create take 30 ms. Nothing
//! runs in the background: a change records its end state and due time, and
//! every read works out the state at that moment.
//!
//! The moment comes from the emulator's clock, which runs with real time
//! until it is paused (`POST /_emulator/clock`, [`Emulator::pause_clock`]):
//! then state changes stay where they are until it resumes or is advanced
//! by some seconds, which finishes every change due within them. With
//! `time_scale(1.0)` and a paused clock, a test sees `Initializing` for as
//! long as it likes, then advances 3 s to see `Running`, without sleeping.
//! Timestamps in answers (`CreateTime`, …) follow the clock too.
//!
//! # Faults
//!
//! Faults make requests fail on purpose, for testing clients:
//!
//! | `--fault` syntax | [`FaultKind`] | Effect |
//! |---|---|---|
//! | `latency=MS` | `Latency` | wait MS milliseconds, then answer normally |
//! | `retcode=N` | `RetCode` | a normal JSON error answer with RetCode N (150, 153, …) |
//! | `http=STATUS` | `HttpStatus` | that HTTP status (200–599) with a text body |
//! | `malformed` | `MalformedJson` | HTTP 200, JSON content type, a body that is not JSON |
//! | `truncate` | `TruncatedJson` | HTTP 200 with a JSON answer cut off after its `RetCode` |
//! | `drop` | `DropConnection` | the connection is closed without any answer |
//!
//! Each may be followed by options, in this order:
//!
//! | Option | Only requests … |
//! |---|---|
//! | `,action=NAME` | of that Action |
//! | `,region=ID` | whose `Region` parameter is ID |
//! | `,account=PUBLIC_KEY` | of that account |
//! | `,after=N` | after the first N matching ones (every matching request counts, whatever answered it) |
//! | `,times=N` | the first N it hits |
//! | `,rate=P` | each with probability P |
//!
//! For example `--fault 'retcode=150,action=DescribeImage,times=2'` or
//! `--fault 'http=503,rate=0.3'`. The same strings parse into [`Fault`],
//! and are what `POST /_emulator/faults` takes.
//!
//! **Sequences**: faults are tried in order, so a list is a script. With
//! `retcode=150,action=CreateUHostInstance,times=2` and then
//! `http=503,action=CreateUHostInstance,after=3,times=1`, the first two
//! creates get 150, the third succeeds, the fourth gets HTTP 503, and the
//! rest succeed.
//!
//! Faults apply after the request was read and passed the gateway checks
//! (so a faulted request was authenticated and names a known action) and
//! before the action's own checks; a request answered by a fault changes no
//! state. They are tried in order: latencies add up, and the first
//! answering fault that fires decides the answer. Rates are drawn from a
//! generator seeded with `--seed`/[`EmulatorBuilder::seed`], restarted
//! whenever the fault list is replaced, so the same seed and the same
//! requests hit the same faults. Every request that names one of the 44
//! actions is counted ([`Emulator::request_count`]) as soon as it is read,
//! whatever its answer, dropped connections included.
//!
//! # Control plane
//!
//! JSON in and out under the reserved prefix `/_emulator/`, which is never
//! taken for an API call (`--no-control-plane` or
//! [`EmulatorBuilder::control_plane`] turn it off). It has no
//! authentication: anyone who can reach the port can reset the state, so
//! listen on a loopback address. Errors are `{"error": "…"}` with status
//! 400 (a bad body or value), 404 (an unknown endpoint or account), 405 (a
//! method the endpoint does not take) or 413 (a body over 256 MiB).
//!
//! | Endpoint | Body | Answer | Rust |
//! |---|---|---|---|
//! | `GET /_emulator/health` | | `{"status":"ok","version":"0.1.0","resources":{"accounts":1,"instances":0,"images":0,"key_pairs":0,"isolation_groups":0}}` | |
//! | `POST /_emulator/reset` | | `{"reset":"all"}`: every account emptied, ids restarted | [`Emulator::reset`] |
//! | `POST /_emulator/reset?account=PK` | | `{"reset":"PK"}`; 404 for an unknown account | [`Emulator::reset_account`] |
//! | `GET /_emulator/state` | | a state dump (below) | [`Emulator::dump_state`] |
//! | `PUT /_emulator/state` | a state dump | `{"loaded":{"accounts":…,"instances":…,…}}`; 400 and no change if it cannot be read | [`Emulator::restore_state`] |
//! | `GET /_emulator/faults` | | `{"faults":[{"spec":"retcode=150,action=X,times=2","seen":3,"fired":2,"left":0}]}` in the order they are tried (`left` is `null` without `times`) | [`Emulator::faults`] |
//! | `POST /_emulator/faults` | `{"fault":"SPEC"}` or `{"faults":["SPEC",…]}` | the list, as `GET`; appended after the active ones; 400 and none added if one is invalid | [`Emulator::add_faults`] |
//! | `DELETE /_emulator/faults` | | `{"faults":[]}` | [`Emulator::clear_faults`] |
//! | `GET /_emulator/clock` | | `{"paused":false,"ahead_seconds":0.0,"unix_ms":…}` | |
//! | `POST /_emulator/clock` | `{"action":"pause"}`, `{"action":"resume"}` or `{"action":"advance","seconds":30}` | as `GET` | [`Emulator::pause_clock`], [`Emulator::resume_clock`], [`Emulator::advance_clock`] |
//! | `GET /_emulator/requests[?limit=N&action=A&account=PK]` | | `{"requests":[{"time_unix_ms":…,"request_uuid":"…","account":"PK","action":"DescribeImage","ret_code":0,"http_status":200,"fault":null,"latency_ms":0.41}]}`, oldest first, the last `limit` (default 100) | [`Emulator::recent_requests`] |
//! | `DELETE /_emulator/requests` | | `{"requests":[]}` | |
//!
//! `set_faults` ([`Emulator::set_faults`]) replaces the list and restarts
//! the seeded generator; `POST` appends and lets it go on. A `fault` in the
//! request log is the kind that answered (`retcode`, `http`, `malformed`,
//! `truncate`, `drop`); `ret_code` is `null` when the answer was not JSON
//! and `http_status` when there was no answer. The log keeps the last 1000
//! API requests (`--request-log N`); it holds no parameters, so no
//! signature, password or user data. Control plane requests are neither
//! logged there nor counted by [`Emulator::request_count`].
//!
//! **State dumps** are the emulator's own JSON, pretty-printed:
//!
//! ```text
//! {
//!   "format": "api-emulator-state/1",
//!   "ids": {"next": 5, "hosts": 2, "key": 793315542069},
//!   "accounts": {
//!     "PK": {
//!       "instances": [{"id": "uhost-…", "region": "cn-bj2", "zone": "cn-bj2-02", …,
//!                      "phase": {"state": "Initializing", "then": "Running", "due_in_ms": 2400}}],
//!       "terminated": ["uhost-…"],
//!       "images": [...], "key_pairs": [...], "isolation_groups": [...]
//!     }
//!   }
//! }
//! ```
//!
//! Each account's resources carry the field names of the emulator's state
//! (not the API's), by public key; private keys are never in a dump. A
//! change under way is its state now, the state it ends in and the
//! milliseconds left, counted again from the moment of loading. Loading
//! replaces every account's resources (accounts the dump leaves out are
//! emptied) and continues the dump's id sequence (`ids`; without it, the
//! seed's from the start), so new ids never repeat loaded ones; a dump that names an account the emulator does not serve, an
//! unknown region or zone, or a missing field is refused with its path
//! (`accounts.PK.instances[0].cpu: missing field`), and nothing changes.
//! A dump holds every account still while it is written, so it is
//! consistent across accounts. Projects and quotas (configuration),
//! faults, the clock and the request log are not part of it; the list of
//! terminated ids is, oldest first.
//!
//! # Connections
//!
//! At most 512 connections are served at once (`--max-connections`,
//! [`EmulatorBuilder::max_connections`]); each open one holds a slot until
//! it closes (an idle one is closed after 30 s without a request). Beyond
//! the cap, new connections wait unaccepted in a listen queue of 1024
//! until a slot frees (`--over-limit wait`, the default), or are answered
//! HTTP 503 with `connection: close` at once (`--over-limit refuse`,
//! [`OverLimit::Refuse`]). Either way requests on connections already
//! served keep their pace, and file descriptors and memory stay bounded.
//! A warning is logged the first time the cap is reached, then at every
//! power of two.
//!
//! # Performance
//!
//! The per-request INFO line costs a little on the command line (in
//! process, nothing is logged unless the caller installs a subscriber);
//! load tests set `RUST_LOG=warn`. One tokio task serves each
//! keep-alive connection; actions are synchronous and hold one account's
//! lock briefly, never across an `.await`. Answers are written with serde
//! straight from the state, and each instance keeps its serialized
//! `UHostInstanceSet` entry until it changes (or its power state or key pair
//! state does), so polling `DescribeUHostInstance` mostly copies bytes. On a
//! 2-core machine, a raw HTTP/1.1 client with 64 connections on the same
//! machine sees about 30,000 `DescribeUHostInstance` answers a second with
//! one instance and about 25,000 with ten.
//!
//! # Dependencies
//!
//! - `hyper` (HTTP/1.1 server), `hyper-util` (tokio glue) and
//!   `http-body-util` (bodies): serving directly on hyper lets the drop fault
//!   close a connection without an answer, which a router framework hides.
//! - `tokio`: the runtime, sockets, timers and signals.
//! - `serde` and `serde_json`: reading JSON bodies and writing answers
//!   (`raw_value` lets cached instance answers be written as they are).
//! - `serde_path_to_error`: the path of the field that makes a state dump
//!   unreadable.
//! - `sha1` and `hex`: the request signature.
//! - `base64`: decoding passwords and checking imported public keys.
//! - `fastrand`: the seeded fault generator and request UUIDs.
//! - `clap`: the command line (with `env` for the account variables).
//! - `tracing` and `tracing-subscriber`: logs on stderr, set by `RUST_LOG`.
//! - `reqwest` (tests only): a raw HTTP client for the behaviour tests.

mod actions;
mod answer;
mod control;
mod emulator;
mod error;
mod faults;
mod gateway;
mod journal;
mod params;
mod quotas;
mod regions;
mod retcodes;
mod server;
mod signature;
mod state;

pub use actions::enums::{EnumParameter, enum_parameters};
pub use emulator::{Emulator, EmulatorBuilder};
pub use error::Error;
pub use faults::{Fault, FaultKind, FaultStatus};
pub use journal::RequestRecord;
pub use quotas::Quotas;
pub use server::OverLimit;

/// The names of the actions the emulator serves, sorted.
pub fn actions() -> impl Iterator<Item = &'static str> {
    actions::names()
}
