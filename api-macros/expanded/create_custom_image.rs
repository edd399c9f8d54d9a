// What `#[api_action("CreateCustomImage")]` writes for the declaration
// in api-uhost/src/images.rs (kept current by a test in expand.rs).

#[derive(::core::clone::Clone, ::core::cmp::PartialEq)]
/// Creates a custom image from a UHost instance.
pub struct CreateCustomImage {
    /// Region of the instance; defaults to the client's region.
    pub region: Option<String>,
    /// Zone of the instance; defaults to the client's zone.
    pub zone: Option<String>,
    /// Project; defaults to the client's project.
    pub project_id: Option<String>,
    /// The instance to image.
    pub uhost_id: String,
    /// Name of the new image.
    pub image_name: String,
    /// Description of the new image.
    pub image_description: Option<String>,
    /// Business group of the image (`Default` when unset).
    pub tag: Option<String>,
    /// Cloud data disks to snapshot along with the image.
    pub data_udisk_ids: Vec<String>,
}
impl CreateCustomImage {
    /// A `CreateCustomImage` with its required fields: `uhost_id`, `image_name`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        uhost_id: impl ::core::convert::Into<String>,
        image_name: impl ::core::convert::Into<String>,
    ) -> Self {
        Self {
            uhost_id: uhost_id.into(),
            image_name: image_name.into(),
            region: ::core::default::Default::default(),
            zone: ::core::default::Default::default(),
            project_id: ::core::default::Default::default(),
            image_description: ::core::default::Default::default(),
            tag: ::core::default::Default::default(),
            data_udisk_ids: ::core::default::Default::default(),
        }
    }
    /// Sets `region` (`Region`).
    ///
    /// Region of the instance; defaults to the client's region.
    #[must_use]
    pub fn region(mut self, value: impl ::core::convert::Into<String>) -> Self {
        self.region = ::core::option::Option::Some(value.into());
        self
    }
    /// Sets `zone` (`Zone`).
    ///
    /// Zone of the instance; defaults to the client's zone.
    #[must_use]
    pub fn zone(mut self, value: impl ::core::convert::Into<String>) -> Self {
        self.zone = ::core::option::Option::Some(value.into());
        self
    }
    /// Sets `project_id` (`ProjectId`).
    ///
    /// Project; defaults to the client's project.
    #[must_use]
    pub fn project_id(mut self, value: impl ::core::convert::Into<String>) -> Self {
        self.project_id = ::core::option::Option::Some(value.into());
        self
    }
    /// Sets `image_description` (`ImageDescription`).
    ///
    /// Description of the new image.
    #[must_use]
    pub fn image_description(
        mut self,
        value: impl ::core::convert::Into<String>,
    ) -> Self {
        self.image_description = ::core::option::Option::Some(value.into());
        self
    }
    /// Sets `tag` (`Tag`).
    ///
    /// Business group of the image (`Default` when unset).
    #[must_use]
    pub fn tag(mut self, value: impl ::core::convert::Into<String>) -> Self {
        self.tag = ::core::option::Option::Some(value.into());
        self
    }
    /// Sets `data_udisk_ids` (`DataUDiskIds`).
    ///
    /// Cloud data disks to snapshot along with the image.
    #[must_use]
    pub fn data_udisk_ids(
        mut self,
        values: impl ::core::iter::IntoIterator<
            Item = impl ::core::convert::Into<String>,
        >,
    ) -> Self {
        self.data_udisk_ids = values
            .into_iter()
            .map(::core::convert::Into::into)
            .collect();
        self
    }
}
impl ::core::fmt::Debug for CreateCustomImage {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("CreateCustomImage")
            .field("region", &self.region)
            .field("zone", &self.zone)
            .field("project_id", &self.project_id)
            .field("uhost_id", &self.uhost_id)
            .field("image_name", &self.image_name)
            .field("image_description", &self.image_description)
            .field("tag", &self.tag)
            .field("data_udisk_ids", &self.data_udisk_ids)
            .finish()
    }
}
impl ::api_core::Action for CreateCustomImage {
    type Response = CreateCustomImageResponse;
    const META: &'static ::api_core::ActionMeta = &::api_core::ActionMeta {
        name: "CreateCustomImage",
        params: &[
            ::api_core::ParamMeta {
                wire_name: "Region",
                kind: <Option<String> as ::api_core::ParamValue>::KIND,
                required: true,
                common: true,
                secret: false,
                base64: false,
                doc: "Region of the instance; defaults to the client's region.",
                fields: <Option<String> as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "Zone",
                kind: <Option<String> as ::api_core::ParamValue>::KIND,
                required: false,
                common: true,
                secret: false,
                base64: false,
                doc: "Zone of the instance; defaults to the client's zone.",
                fields: <Option<String> as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "ProjectId",
                kind: <Option<String> as ::api_core::ParamValue>::KIND,
                required: false,
                common: true,
                secret: false,
                base64: false,
                doc: "Project; defaults to the client's project.",
                fields: <Option<String> as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "UHostId",
                kind: <String as ::api_core::ParamValue>::KIND,
                required: true,
                common: false,
                secret: false,
                base64: false,
                doc: "The instance to image.",
                fields: <String as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "ImageName",
                kind: <String as ::api_core::ParamValue>::KIND,
                required: true,
                common: false,
                secret: false,
                base64: false,
                doc: "Name of the new image.",
                fields: <String as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "ImageDescription",
                kind: <Option<String> as ::api_core::ParamValue>::KIND,
                required: false,
                common: false,
                secret: false,
                base64: false,
                doc: "Description of the new image.",
                fields: <Option<String> as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "Tag",
                kind: <Option<String> as ::api_core::ParamValue>::KIND,
                required: false,
                common: false,
                secret: false,
                base64: false,
                doc: "Business group of the image (`Default` when unset).",
                fields: <Option<String> as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "DataUDiskIds",
                kind: <Vec<String> as ::api_core::ParamValue>::KIND,
                required: false,
                common: false,
                secret: false,
                base64: false,
                doc: "Cloud data disks to snapshot along with the image.",
                fields: <Vec<String> as ::api_core::ParamValue>::FIELDS,
            },
        ],
        retryable: false,
        doc: "Creates a custom image from a UHost instance.",
    };
    fn write_params<'a>(
        &'a self,
        w: &mut ::api_core::ParamWriter<'_, 'a>,
    ) -> ::core::result::Result<(), ::api_core::Error> {
        w.field("Region", &self.region)?;
        w.field("Zone", &self.zone)?;
        w.field("ProjectId", &self.project_id)?;
        w.field("UHostId", &self.uhost_id)?;
        w.field("ImageName", &self.image_name)?;
        w.field("ImageDescription", &self.image_description)?;
        w.field("Tag", &self.tag)?;
        w.field("DataUDiskIds", &self.data_udisk_ids)?;
        ::core::result::Result::Ok(())
    }
}
/// The answer to [`CreateCustomImage`] (`CreateCustomImage`).
#[derive(
    ::api_core::__private::serde::Deserialize,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::core::default::Default,
)]
#[serde(crate = "::api_core::__private::serde", default)]
pub struct CreateCustomImageResponse {
    /// The new image.
    #[serde(rename = "ImageId", deserialize_with = "::api_core::__private::lenient")]
    pub image_id: String,
    /// One snapshot per data disk given in `data_udisk_ids`.
    #[serde(
        rename = "DataSnapshotIds",
        deserialize_with = "::api_core::__private::lenient"
    )]
    pub data_snapshot_ids: Vec<String>,
}
impl ::core::fmt::Debug for CreateCustomImageResponse {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("CreateCustomImageResponse")
            .field("image_id", &self.image_id)
            .field("data_snapshot_ids", &self.data_snapshot_ids)
            .finish()
    }
}
impl ::api_core::__private::Lenient for CreateCustomImageResponse {
    fn deserialize_lenient<'de, D: ::api_core::__private::serde::Deserializer<'de>>(
        d: D,
    ) -> ::core::result::Result<Self, D::Error> {
        ::api_core::__private::nullable_default(d)
    }
}
