//! Image actions: list the catalog and custom images, make, copy, import
//! and delete custom images.

use serde_json::{Value, json};

use super::enums::{IMAGE_FORMATS, IMAGE_TYPES, OS_TYPES};
use super::{Ctx, check_quota, page, paging, text};
use crate::answer::{ApiError, Reply};
use crate::params::Params;
use crate::regions;
use crate::retcodes;
use crate::state::AccountData;
use crate::state::images::{IMAGE_DELAY, Image, ImageKind, ImageState};
use crate::state::instances::Snapshot;
use crate::state::phase::Phase;
use crate::state::table::Table;

fn view(image: &Image, ctx: &Ctx<'_>, with_price: bool) -> Value {
    let mut view = json!({
        "Zone": image.zone,
        "ImageId": image.id,
        "ImageName": image.name,
        "ImageType": image.kind.wire(),
        "Tag": image.tag,
        "OsType": image.os_type,
        "OsName": image.os_name,
        "Features": image.features,
        "FuncType": "",
        "IntegratedSoftware": "",
        "Vendor": "",
        "Links": "",
        "State": image.state(ctx.now).wire(),
        "ImageDescription": image.description,
        "CreateTime": image.created,
        "ImageSize": image.size,
        "MinimalCPU": "",
        "MaintainEol": image.maintain_eol,
        "DataSnapshotIds": image.data_snapshot_ids,
        "SupportedGPUTypes": [],
        "SceneCategories": [],
        "PrimarySoftware": "",
    });
    if with_price && let Some(fields) = view.as_object_mut() {
        fields.insert("PriceSet".to_owned(), json!([]));
    }
    view
}

/// DescribeImage: base and custom images of the region, filtered by
/// `ImageType`, `OsType`, `ImageId`, `ImageIds.N`, `Tag` and `Zone`, paged
/// with `Offset`/`Limit` (default 20). `PriceSet=1` adds an (empty, the
/// images are free) price list.
pub(super) fn describe(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let image_type = p.choice("ImageType", IMAGE_TYPES)?;
    let os_type = p.choice("OsType", OS_TYPES)?;
    let image_id = p.get("ImageId");
    let image_ids = p.list("ImageIds");
    let tag = p.get("Tag");
    let zone = p.get("Zone");
    let with_price = p.int("PriceSet")? == Some(1);
    let window = paging(p, 20, None)?;
    let data = ctx.account.read();
    let matching: Vec<&Image> = ctx
        .store
        .catalog
        .region(region.id)
        .iter()
        .chain(data.images.iter().filter(|i| i.region == region.id))
        .filter(|i| image_type.is_none_or(|t| i.kind.wire() == t))
        .filter(|i| os_type.is_none_or(|t| i.os_type == t))
        .filter(|i| image_id.is_none_or(|id| i.id == id))
        .filter(|i| image_ids.is_empty() || image_ids.contains(&i.id.as_str()))
        .filter(|i| tag.is_none_or(|t| i.tag == t))
        .filter(|i| zone.is_none_or(|z| i.zone.is_empty() || i.zone == z))
        .collect();
    let total = matching.len();
    let set: Vec<Value> = page(matching, window)
        .into_iter()
        .map(|i| view(i, ctx, with_price))
        .collect();
    ctx.reply(&json!({ "TotalCount": total, "ImageSet": set }))
}

/// CreateCustomImage: an image of an instance's system disk, plus one
/// snapshot per `DataUDiskIds.N` (which must be data disks of the instance);
/// Making → Available.
pub(super) fn create(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let name = text(p, "ImageName", 63)?.ok_or_else(|| ApiError::missing("ImageName"))?;
    let description = text(p, "ImageDescription", 255)?.unwrap_or_default();
    let tag = text(p, "Tag", 63)?.unwrap_or("Default");
    let disk_ids = p.list("DataUDiskIds");
    let mut data = ctx.account.write();
    let instance = data.instance(region.id, id)?;
    image_quota(ctx, &data, region.id, 1)?;
    for (i, disk_id) in disk_ids.iter().enumerate() {
        if !instance
            .disks
            .iter()
            .any(|d| !d.is_boot && d.id == *disk_id)
        {
            return Err(ApiError::invalid(
                &format!("DataUDiskIds.{i}"),
                format!("{disk_id:?} is not a data disk of {id}"),
            ));
        }
    }
    let features = ctx
        .store
        .catalog
        .region(region.id)
        .iter()
        .find(|base| base.id == instance.basic_image_id)
        .map_or(&[][..], |base| base.features);
    let image = Image {
        id: ctx.store.ids.next("uimage"),
        region: region.id,
        zone: instance.zone.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        tag: tag.to_owned(),
        kind: ImageKind::Custom,
        os_type: instance.os_type,
        os_name: instance.os_name.clone(),
        size: instance.boot_disk().map_or(20, |d| d.size),
        features,
        maintain_eol: "",
        created: ctx.unix_now,
        basic_image_id: instance.basic_image_id.clone(),
        basic_image_name: instance.basic_image_name.clone(),
        data_snapshot_ids: disk_ids
            .iter()
            .map(|_| ctx.store.ids.next("snap"))
            .collect(),
        phase: Phase::moving(
            ImageState::Making,
            ImageState::Available,
            ctx.store.clock.due(ctx.now, IMAGE_DELAY),
        ),
    };
    let answer = json!({ "ImageId": image.id, "DataSnapshotIds": image.data_snapshot_ids });
    let snapshot = Snapshot {
        name: format!("{} ({})", image.name, image.id),
        time: ctx.unix_now,
    };
    data.instance_mut(region.id, id)?.snapshots.push(snapshot);
    data.images.push(image);
    ctx.reply(&answer)
}

/// 8095 unless `adding` more custom images fit in `region`.
fn image_quota(
    ctx: &Ctx<'_>,
    data: &AccountData,
    region: &str,
    adding: usize,
) -> Result<(), ApiError> {
    check_quota(
        "custom images",
        &format!("in region {region}"),
        data.images_in(region),
        adding,
        ctx.account.quotas.custom_images,
    )
}

/// The custom image `id` of the account in `region`, or 8956.
fn custom_image<'a>(
    images: &'a Table<Image>,
    region: &str,
    param: &str,
    id: &str,
) -> Result<&'a Image, ApiError> {
    images
        .get(id)
        .filter(|i| i.region == region)
        .ok_or_else(|| {
            ApiError::new(
                retcodes::NOT_CUSTOM_IMAGE,
                format!("{param}: {id:?} is not a custom image of this account in {region}"),
            )
        })
}

/// CopyCustomImage: copies an Available custom image to this or other
/// regions (`TargetRegion`, or `TargetRegionList.N` for several); each copy
/// is Copying → Available. `TargetProjectId` must be one of the account's
/// projects (292).
pub(super) fn copy(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let source_id = p.required("SourceImageId")?;
    let project = p.required("TargetProjectId")?;
    if ctx.account.project(project).is_none() {
        return Err(ApiError::new(
            retcodes::UNKNOWN_PROJECT,
            format!("TargetProjectId: project [{project}] does not exist"),
        ));
    }
    let name = text(p, "TargetImageName", 63)?;
    let description = text(p, "TargetImageDescription", 255)?;
    let tag = text(p, "TargetImageTag", 63)?;
    let list = p.list("TargetRegionList");
    let batch = !list.is_empty();
    let targets: Vec<(String, &str)> = if batch {
        list.iter()
            .enumerate()
            .map(|(i, r)| (format!("TargetRegionList.{i}"), *r))
            .collect()
    } else {
        vec![(
            "TargetRegion".to_owned(),
            p.get("TargetRegion").unwrap_or(region.id),
        )]
    };
    let targets = targets
        .into_iter()
        .map(|(param, id)| {
            regions::region(id)
                .ok_or_else(|| ApiError::invalid(&param, format!("unknown region {id:?}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut data = ctx.account.write();
    let source = custom_image(&data.images, region.id, "SourceImageId", source_id)?.clone();
    let state = source.state(ctx.now);
    if state != ImageState::Available {
        return Err(ApiError::new(
            retcodes::IMAGE_NOT_AVAILABLE,
            format!(
                "source image {source_id} is {}, not Available",
                state.wire()
            ),
        ));
    }
    for target in &targets {
        let copies = targets.iter().filter(|t| t.id == target.id).count();
        image_quota(ctx, &data, target.id, copies)?;
    }
    let mut tasks = Vec::new();
    for target in targets {
        let copy = Image {
            id: ctx.store.ids.next("uimage"),
            region: target.id,
            zone: if target.id == region.id {
                source.zone.clone()
            } else {
                String::new()
            },
            name: name.map_or_else(|| source.name.clone(), str::to_owned),
            description: description.map_or_else(|| source.description.clone(), str::to_owned),
            tag: tag.map_or_else(|| source.tag.clone(), str::to_owned),
            created: ctx.unix_now,
            data_snapshot_ids: Vec::new(),
            phase: Phase::moving(
                ImageState::Copying,
                ImageState::Available,
                ctx.store.clock.due(ctx.now, IMAGE_DELAY),
            ),
            ..source.clone()
        };
        tasks.push((copy.id.clone(), target.id, ctx.store.ids.next("task")));
        data.images.push(copy);
    }
    let infos: Vec<Value> = tasks
        .iter()
        .map(|(image, region, task)| {
            json!({ "TargetImageId": image, "TargetRegion": region, "TaskId": task })
        })
        .collect();
    match tasks.first() {
        Some((image, _, task)) if !batch => ctx.reply(&json!({
            "TargetImageId": image,
            "TaskId": task,
            "Infos": infos,
        })),
        _ => ctx.reply(&json!({ "Infos": infos })),
    }
}

/// TerminateCustomImage: deletes a custom image (base images: 8956).
pub(super) fn terminate(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let id = p.required("ImageId")?;
    let mut data = ctx.account.write();
    custom_image(&data.images, region.id, "ImageId", id)?;
    data.images.remove(id);
    ctx.reply(&json!({ "ImageId": id }))
}

/// ImportCustomImage: a custom image from a UFile URL; Making → Available.
pub(super) fn import(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let name = text(p, "ImageName", 63)?.ok_or_else(|| ApiError::missing("ImageName"))?;
    let url = p.required("UFileUrl")?;
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(ApiError::invalid(
            "UFileUrl",
            format!("{url:?} is not an http(s) URL"),
        ));
    }
    let os_family = p.required("OsType")?;
    let os_name = p.required("OsName")?;
    let format = p.required("Format")?;
    IMAGE_FORMATS
        .iter()
        .find(|f| f.eq_ignore_ascii_case(format))
        .ok_or_else(|| {
            ApiError::invalid(
                "Format",
                format!("{format:?} is not one of {}", IMAGE_FORMATS.join(", ")),
            )
        })?;
    if p.bool("Auth")? != Some(true) {
        return Err(ApiError::invalid(
            "Auth",
            "must be true to allow the import",
        ));
    }
    let windows = os_family.eq_ignore_ascii_case("Windows");
    let description = text(p, "ImageDescription", 255)?.unwrap_or_default();
    let tag = text(p, "Tag", 63)?.unwrap_or("Default");
    let mut data = ctx.account.write();
    image_quota(ctx, &data, region.id, 1)?;
    let image = Image {
        id: ctx.store.ids.next("uimage"),
        region: region.id,
        zone: String::new(),
        name: name.to_owned(),
        description: description.to_owned(),
        tag: tag.to_owned(),
        kind: ImageKind::Custom,
        os_type: if windows { "Windows" } else { "Linux" },
        os_name: os_name.to_owned(),
        size: if windows { 40 } else { 20 },
        features: &[],
        maintain_eol: "",
        created: ctx.unix_now,
        basic_image_id: String::new(),
        basic_image_name: String::new(),
        data_snapshot_ids: Vec::new(),
        phase: Phase::moving(
            ImageState::Making,
            ImageState::Available,
            ctx.store.clock.due(ctx.now, IMAGE_DELAY),
        ),
    };
    let id = image.id.clone();
    data.images.push(image);
    ctx.reply(&json!({ "ImageId": id }))
}
