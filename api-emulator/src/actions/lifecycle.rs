//! Power and rebuild actions: start, stop, reboot, power off, reinstall,
//! resize and password reset, each with the states it needs.

use super::enums::YES_NO;
use super::instances::{check_size, login, usable_image};
use super::{Ctx, disks, host_reply};
use crate::answer::{ApiError, Reply};
use crate::params::Params;
use crate::retcodes;
use crate::state::clock::Clock;
use crate::state::instances::Instance;

/// Runs `change` on the request's instance.
fn power(
    ctx: &Ctx<'_>,
    p: &Params,
    change: fn(&mut Instance, &Clock, std::time::Instant) -> Result<(), ApiError>,
) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let mut data = ctx.account.write();
    change(data.instance_mut(region.id, id)?, &ctx.store.clock, ctx.now)?;
    host_reply(ctx, id)
}

/// StartUHostInstance: Stopped → Starting → Running (already starting or
/// running: nothing to do).
pub(super) fn start(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    power(ctx, p, Instance::start)
}

/// StopUHostInstance: Running → Stopping → Stopped (already stopping or
/// stopped: nothing to do).
pub(super) fn stop(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    power(ctx, p, Instance::stop)
}

/// RebootUHostInstance: Running → Rebooting → Running.
pub(super) fn reboot(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    power(ctx, p, Instance::reboot)
}

/// PoweroffUHostInstance: any powered state → Stopped (already stopped:
/// nothing to do).
pub(super) fn poweroff(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    power(ctx, p, Instance::poweroff)
}

/// ReinstallUHostInstance: a stopped instance gets a new system (same or
/// other image) and boots: Initializing → Running. Switching between Linux
/// and Windows drops local data disks, so it needs `ReserveDisk=No` when
/// there are any (8028).
pub(super) fn reinstall(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let reserve = p.choice("ReserveDisk", YES_NO)?.unwrap_or("Yes");
    let mut data = ctx.account.write();
    let instance = data.instance(region.id, id)?;
    instance.require_stopped(ctx.now)?;
    let image_id = p.get("ImageId").unwrap_or(&instance.image_id).to_owned();
    let image = usable_image(ctx, &data, region.id, &image_id)?;
    if image.os_type != instance.os_type
        && reserve == "Yes"
        && instance.disks.iter().any(|d| !d.is_boot && d.is_local())
    {
        return Err(ApiError::new(
            retcodes::REINSTALL_OS_TYPE,
            format!(
                "{id} cannot go from {} to {} and keep its local data disks; pass ReserveDisk=No",
                instance.os_type, image.os_type
            ),
        ));
    }
    let key_pair_id = login(p, &data, "Password", image.os_type)?;
    let boot = instance
        .boot_disk()
        .ok_or_else(|| ApiError::invalid("UHostId", format!("{id} has no boot disk")))?;
    // A local boot disk is rebuilt at the image size; a cloud one keeps its
    // size unless asked otherwise.
    let default_size = if boot.is_local() {
        image.size
    } else {
        boot.size.max(image.size)
    };
    let boot_size = p.int("BootDiskSpace")?.unwrap_or(default_size);
    if let Some(boot_type) = disks::disk_type(boot.disk_type) {
        disks::check_boot_size(boot_type, "BootDiskSpace", boot_size, image)?;
    }
    let (image_id, basic_id, basic_name, os_name, os_type) = (
        image.id.clone(),
        image.basic_image_id.clone(),
        image.basic_image_name.clone(),
        image.os_name.clone(),
        image.os_type,
    );
    let instance = data.instance_mut(region.id, id)?;
    instance.reinstall(&ctx.store.clock, ctx.now)?;
    instance.image_id = image_id;
    instance.basic_image_id = basic_id;
    instance.basic_image_name = basic_name;
    instance.os_name = os_name;
    instance.os_type = os_type;
    instance.key_pair_id = key_pair_id;
    if reserve == "No" {
        instance.disks.retain(|d| d.is_boot || !d.is_local());
    }
    for disk in instance.disks.iter_mut().filter(|d| d.is_boot) {
        disk.size = boot_size;
    }
    host_reply(ctx, id)
}

/// ResizeUHostInstance: new CPU, memory, GPU, disk sizes or network
/// capability for a stopped instance; `AutoStart` starts it afterwards.
pub(super) fn resize(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let auto_start = p.bool("AutoStart")?.unwrap_or(false);
    let net_change = p.int("NetCapValue")?.unwrap_or(0);
    if !(0..=2).contains(&net_change) {
        return Err(ApiError::invalid(
            "NetCapValue",
            "must be 0, 1 (upgrade) or 2 (downgrade)",
        ));
    }
    let mut data = ctx.account.write();
    let instance = data.instance_mut(region.id, id)?;
    instance.require_stopped(ctx.now)?;
    let cpu = p.int("CPU")?.unwrap_or(instance.cpu);
    let memory = p.int("Memory")?.unwrap_or(instance.memory);
    check_size(
        cpu,
        memory,
        retcodes::RESIZE_BAD_CPU,
        retcodes::RESIZE_BAD_MEMORY,
    )?;
    let gpu = p.int("GPU")?.unwrap_or(instance.gpu);
    if !(0..=8).contains(&gpu) {
        return Err(ApiError::invalid("GPU", "must be 0-8"));
    }
    let boot_size = p.int("BootDiskSpace")?;
    let data_size = p.int("DiskSpace")?;
    for disk in &instance.disks {
        let wanted = if disk.is_boot { boot_size } else { data_size };
        let Some(wanted) = wanted else { continue };
        let max = disks::disk_type(disk.disk_type)
            .and_then(|t| t.max_size(disk.is_boot))
            .unwrap_or(disk.size);
        if wanted < disk.size {
            let code = if disk.is_boot {
                retcodes::BOOT_DISK_SHRINK
            } else {
                retcodes::RESIZE_BAD_DISK
            };
            return Err(ApiError::new(
                code,
                format!(
                    "disk {} is {} GB and cannot shrink to {wanted}",
                    disk.id, disk.size
                ),
            ));
        }
        if wanted > max {
            return Err(ApiError::new(
                retcodes::RESIZE_BAD_DISK,
                format!(
                    "disk {} ({}) holds at most {max} GB",
                    disk.id, disk.disk_type
                ),
            ));
        }
    }
    instance.cpu = cpu;
    instance.memory = memory;
    instance.gpu = gpu;
    if let Some(size) = boot_size {
        for disk in instance.disks.iter_mut().filter(|d| d.is_boot) {
            disk.size = size;
        }
    }
    if let Some(size) = data_size
        && let Some(disk) = instance.disks.iter_mut().find(|d| !d.is_boot)
    {
        disk.size = size;
    }
    instance.net_capability = match (net_change, instance.net_capability) {
        (1, "Normal") => "Super",
        (2, _) => "Normal",
        (_, current) => current,
    };
    if auto_start {
        instance.start(&ctx.store.clock, ctx.now)?;
    }
    host_reply(ctx, id)
}

/// ResetUHostInstancePassword: a new password (or key pair) for a stopped
/// instance; `AutoStart` starts it afterwards.
pub(super) fn reset_password(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let (region, id) = ctx.host(p)?;
    let auto_start = p.bool("AutoStart")?.unwrap_or(false);
    let mut data = ctx.account.write();
    let instance = data.instance(region.id, id)?;
    instance.require_stopped(ctx.now)?;
    let key_pair_id = login(p, &data, "Password", instance.os_type)?;
    let instance = data.instance_mut(region.id, id)?;
    instance.key_pair_id = key_pair_id;
    if auto_start {
        instance.start(&ctx.store.clock, ctx.now)?;
    }
    host_reply(ctx, id)
}
