// What `#[api_action("CreateCustomImage")]` writes for the declaration
// in api-uhost/src/images.rs (kept current by a test in expand.rs).

#[derive(::core::clone::Clone, ::core::cmp::PartialEq)]
/// Creates a custom image from a UHost instance, optionally with snapshots
/// of its cloud data disks.
///
/// The new image is `Making` until it becomes `Available` (see
/// [`DescribeImage`]). Cloud data disks need the snapshot service enabled.
/// Not retried automatically: a repeated request makes another image.
pub struct CreateCustomImage {
    /// Region, e.g. `cn-bj2`; the client's default region when unset.
    ///
    /// Required: a call with neither this nor a client default fails before it is sent.
    pub region: ::core::option::Option<::std::string::String>,
    /// Availability zone, e.g. `cn-bj2-02`; the client's default zone when unset.
    pub zone: ::core::option::Option<::std::string::String>,
    /// Project; the client's default project when unset.
    pub project_id: ::core::option::Option<::std::string::String>,
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
    /// Region, e.g. `cn-bj2`; the client's default region when unset.
    ///
    /// Required: a call with neither this nor a client default fails before it is sent.
    #[must_use]
    pub fn region(
        mut self,
        value: impl ::core::convert::Into<::std::string::String>,
    ) -> Self {
        self.region = ::core::option::Option::Some(value.into());
        self
    }
    /// Sets `zone` (`Zone`).
    ///
    /// Availability zone, e.g. `cn-bj2-02`; the client's default zone when unset.
    #[must_use]
    pub fn zone(
        mut self,
        value: impl ::core::convert::Into<::std::string::String>,
    ) -> Self {
        self.zone = ::core::option::Option::Some(value.into());
        self
    }
    /// Sets `project_id` (`ProjectId`).
    ///
    /// Project; the client's default project when unset.
    #[must_use]
    pub fn project_id(
        mut self,
        value: impl ::core::convert::Into<::std::string::String>,
    ) -> Self {
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
#[automatically_derived]
impl ::core::fmt::Debug for CreateCustomImage {
    #[inline]
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
#[automatically_derived]
impl ::api_core::Action for CreateCustomImage {
    type Response = CreateCustomImageResponse;
    const META: &'static ::api_core::ActionMeta = &::api_core::ActionMeta {
        name: "CreateCustomImage",
        params: &[
            ::api_core::ParamMeta {
                wire_name: "Region",
                kind: <::core::option::Option<
                    ::std::string::String,
                > as ::api_core::ParamValue>::KIND,
                required: true,
                common: true,
                secret: false,
                base64: false,
                doc: "Region, e.g. `cn-bj2`; the client's default region when unset.",
                fields: <::core::option::Option<
                    ::std::string::String,
                > as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "Zone",
                kind: <::core::option::Option<
                    ::std::string::String,
                > as ::api_core::ParamValue>::KIND,
                required: false,
                common: true,
                secret: false,
                base64: false,
                doc: "Availability zone, e.g. `cn-bj2-02`; the client's default zone when unset.",
                fields: <::core::option::Option<
                    ::std::string::String,
                > as ::api_core::ParamValue>::FIELDS,
            },
            ::api_core::ParamMeta {
                wire_name: "ProjectId",
                kind: <::core::option::Option<
                    ::std::string::String,
                > as ::api_core::ParamValue>::KIND,
                required: false,
                common: true,
                secret: false,
                base64: false,
                doc: "Project; the client's default project when unset.",
                fields: <::core::option::Option<
                    ::std::string::String,
                > as ::api_core::ParamValue>::FIELDS,
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
        doc: "Creates a custom image from a UHost instance, optionally with snapshots of its cloud data disks.",
    };
    const SORTED_WRITES: bool = true
        && <::core::option::Option<
            ::std::string::String,
        > as ::api_core::ParamValue>::SORTED
        && <::core::option::Option<
            ::std::string::String,
        > as ::api_core::ParamValue>::SORTED
        && <::core::option::Option<
            ::std::string::String,
        > as ::api_core::ParamValue>::SORTED
        && <String as ::api_core::ParamValue>::SORTED
        && <String as ::api_core::ParamValue>::SORTED
        && <Option<String> as ::api_core::ParamValue>::SORTED
        && <Option<String> as ::api_core::ParamValue>::SORTED
        && <Vec<String> as ::api_core::ParamValue>::SORTED;
    fn write_params<'a>(
        &'a self,
        w: &mut ::api_core::ParamWriter<'_, 'a>,
    ) -> ::core::result::Result<(), ::api_core::Error> {
        w.action_param("ActionCreateCustomImage", "Action=CreateCustomImage&");
        w.field("DataUDiskIds", &self.data_udisk_ids)?;
        w.field("ImageDescription", &self.image_description)?;
        w.required_field("ImageName", &self.image_name)?;
        w.common_field(
            ::api_core::__private::CommonParam::ProjectId,
            false,
            &self.project_id,
        )?;
        w.client_param(::api_core::__private::ClientParam::PublicKey);
        w.common_field(::api_core::__private::CommonParam::Region, true, &self.region)?;
        w.client_param(::api_core::__private::ClientParam::SecurityToken);
        w.field("Tag", &self.tag)?;
        w.required_field("UHostId", &self.uhost_id)?;
        w.common_field(::api_core::__private::CommonParam::Zone, false, &self.zone)?;
        ::core::result::Result::Ok(())
    }
}
/// The answer to [`CreateCustomImage`] (`CreateCustomImage`).
pub struct CreateCustomImageResponse {
    /// The new image.
    pub image_id: String,
    /// One snapshot per data disk given in `data_udisk_ids`.
    pub data_snapshot_ids: Vec<String>,
}
#[automatically_derived]
impl ::core::clone::Clone for CreateCustomImageResponse {
    #[inline]
    fn clone(&self) -> Self {
        CreateCustomImageResponse {
            image_id: <String as ::api_core::__private::Lenient>::clone_field(
                &self.image_id,
            ),
            data_snapshot_ids: <Vec<
                String,
            > as ::api_core::__private::Lenient>::clone_field(&self.data_snapshot_ids),
        }
    }
}
#[automatically_derived]
impl ::core::cmp::PartialEq for CreateCustomImageResponse {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        <String as ::api_core::__private::Lenient>::eq_field(
            &self.image_id,
            &other.image_id,
        )
            && <Vec<
                String,
            > as ::api_core::__private::Lenient>::eq_field(
                &self.data_snapshot_ids,
                &other.data_snapshot_ids,
            )
    }
}
#[automatically_derived]
impl ::core::default::Default for CreateCustomImageResponse {
    #[inline]
    fn default() -> Self {
        CreateCustomImageResponse {
            image_id: <String as ::api_core::__private::Lenient>::default_field(),
            data_snapshot_ids: <Vec<
                String,
            > as ::api_core::__private::Lenient>::default_field(),
        }
    }
}
#[automatically_derived]
impl ::core::fmt::Debug for CreateCustomImageResponse {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("CreateCustomImageResponse")
            .field(
                "image_id",
                <String as ::api_core::__private::Lenient>::debug_field(&self.image_id),
            )
            .field(
                "data_snapshot_ids",
                <Vec<
                    String,
                > as ::api_core::__private::Lenient>::debug_field(
                    &self.data_snapshot_ids,
                ),
            )
            .finish()
    }
}
#[automatically_derived]
impl ::api_core::__private::Model for CreateCustomImageResponse {
    const NAME: &'static str = "CreateCustomImageResponse";
    const FIELDS: &'static [&'static str] = &["ImageId", "DataSnapshotIds"];
    #[inline]
    fn field_index(name: &str) -> ::core::option::Option<usize> {
        match name {
            "ImageId" => ::core::option::Option::Some(0usize),
            "DataSnapshotIds" => ::core::option::Option::Some(1usize),
            _ => ::core::option::Option::None,
        }
    }
    fn decode_field<'de, A: ::api_core::__private::serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> ::core::result::Result<(), A::Error> {
        match index {
            0usize => {
                self.image_id = <String as ::api_core::__private::Lenient>::decode_field(
                    map,
                )?;
            }
            1usize => {
                self.data_snapshot_ids = <Vec<
                    String,
                > as ::api_core::__private::Lenient>::decode_field(map)?;
            }
            _ => {}
        }
        ::core::result::Result::Ok(())
    }
}
#[automatically_derived]
impl<'de> ::api_core::__private::serde::Deserialize<'de> for CreateCustomImageResponse {
    fn deserialize<D: ::api_core::__private::serde::Deserializer<'de>>(
        d: D,
    ) -> ::core::result::Result<Self, D::Error> {
        ::api_core::__private::decode(d)
    }
}
#[automatically_derived]
impl ::api_core::__private::serde::Serialize for CreateCustomImageResponse {
    fn serialize<S: ::api_core::__private::serde::Serializer>(
        &self,
        s: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        let mut out = ::api_core::__private::serde::Serializer::serialize_struct(
            s,
            "CreateCustomImageResponse",
            2usize,
        )?;
        <String as ::api_core::__private::Lenient>::encode_field(
            &self.image_id,
            &mut out,
            "ImageId",
        )?;
        <Vec<
            String,
        > as ::api_core::__private::Lenient>::encode_field(
            &self.data_snapshot_ids,
            &mut out,
            "DataSnapshotIds",
        )?;
        ::api_core::__private::SerializeStruct::end(out)
    }
}
#[automatically_derived]
impl ::api_core::__private::Lenient for CreateCustomImageResponse {
    fn deserialize_lenient<'de, D: ::api_core::__private::serde::Deserializer<'de>>(
        d: D,
    ) -> ::core::result::Result<Self, D::Error> {
        ::api_core::__private::decode_nullable(d)
    }
}
