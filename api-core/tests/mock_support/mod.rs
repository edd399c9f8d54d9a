//! Hand-written actions for the mock tests, as `#[api_action]` would
//! generate them, with answers that serialize by their wire names.
#![allow(dead_code, unreachable_pub)]

use api_core::{Action, ActionMeta, Error, Page, Paginated, ParamKind, ParamMeta, ParamWriter};
use serde::{Deserialize, Serialize};

const fn meta(wire_name: &'static str, kind: ParamKind, required: bool, common: bool) -> ParamMeta {
    ParamMeta {
        wire_name,
        kind,
        required,
        common,
        secret: false,
        base64: false,
        doc: "",
        fields: &[],
    }
}

/// Lists instances, a page at a time (safe to repeat).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DescribeUHostInstance {
    pub region: Option<String>,
    pub zone: Option<String>,
    pub uhost_ids: Vec<String>,
    pub offset: Option<u64>,
    pub limit: Option<u64>,
}

impl DescribeUHostInstance {
    pub fn ids(ids: &[&str]) -> Self {
        DescribeUHostInstance {
            uhost_ids: ids.iter().map(|id| (*id).to_owned()).collect(),
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DescribeUHostInstanceResponse {
    #[serde(rename = "TotalCount")]
    pub total_count: u64,
    #[serde(rename = "UHostSet")]
    pub uhost_set: Vec<Instance>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Instance {
    #[serde(rename = "UHostId")]
    pub uhost_id: String,
    #[serde(rename = "State")]
    pub state: String,
}

pub fn instance(id: &str, state: &str) -> Instance {
    Instance {
        uhost_id: id.to_owned(),
        state: state.to_owned(),
    }
}

/// A page of `instances` out of `total`.
pub fn page(total: u64, instances: &[Instance]) -> DescribeUHostInstanceResponse {
    DescribeUHostInstanceResponse {
        total_count: total,
        uhost_set: instances.to_vec(),
    }
}

impl Action for DescribeUHostInstance {
    type Response = DescribeUHostInstanceResponse;
    const META: &'static ActionMeta = &ActionMeta {
        name: "DescribeUHostInstance",
        params: &[
            meta("Region", ParamKind::String, true, true),
            meta("Zone", ParamKind::String, false, true),
            meta(
                "UHostIds",
                ParamKind::Array(&ParamKind::String),
                false,
                false,
            ),
            meta("Offset", ParamKind::Int, false, false),
            meta("Limit", ParamKind::Int, false, false),
        ],
        retryable: true,
        doc: "Lists instances.",
    };
    fn write_params<'a>(&'a self, w: &mut ParamWriter<'_, 'a>) -> Result<(), Error> {
        w.field("Region", &self.region)?;
        w.field("Zone", &self.zone)?;
        w.field("UHostIds", &self.uhost_ids)?;
        w.field("Offset", &self.offset)?;
        w.field("Limit", &self.limit)
    }
}

impl Paginated for DescribeUHostInstance {
    type Item = Instance;
    fn page_offset(&self) -> Option<u64> {
        self.offset
    }
    fn set_page_offset(&mut self, offset: u64) {
        self.offset = Some(offset);
    }
    fn page_limit(&self) -> Option<u64> {
        self.limit
    }
    fn set_page_limit(&mut self, limit: u64) {
        self.limit = Some(limit);
    }
    fn into_page(response: DescribeUHostInstanceResponse) -> Page<Instance> {
        Page {
            items: response.uhost_set,
            total_count: Some(response.total_count),
        }
    }
}

/// Creates an instance (not safe to repeat).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CreateUHostInstance {
    pub region: Option<String>,
    pub zone: Option<String>,
    pub image_id: String,
    pub password: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateUHostInstanceResponse {
    #[serde(rename = "UHostIds")]
    pub uhost_ids: Vec<String>,
}

impl Action for CreateUHostInstance {
    type Response = CreateUHostInstanceResponse;
    const META: &'static ActionMeta = &ActionMeta {
        name: "CreateUHostInstance",
        params: &[
            meta("Region", ParamKind::String, true, true),
            meta("Zone", ParamKind::String, true, true),
            meta("ImageId", ParamKind::String, true, false),
            meta("Password", ParamKind::String, true, false),
        ],
        retryable: false,
        doc: "Creates an instance.",
    };
    fn write_params<'a>(&'a self, w: &mut ParamWriter<'_, 'a>) -> Result<(), Error> {
        w.field("Region", &self.region)?;
        w.field("Zone", &self.zone)?;
        w.field("ImageId", &self.image_id)?;
        w.field("Password", &self.password)
    }
}

pub fn create(image_id: &str) -> CreateUHostInstance {
    CreateUHostInstance {
        image_id: image_id.to_owned(),
        password: "Sup3r-Secret".to_owned(),
        ..Default::default()
    }
}
