//! A drawing surface on a page's canvas, as ruffle keeps its surface: the device it draws
//! with (WebGPU: one per page, shared by every viewer; WebGL2: one per canvas), the format and
//! alpha mode chosen, configure and resize within the device's limits, a still's temporary
//! size, frames acquired and presented, and the device's loss and errors. The web layer hands
//! in the canvas as a `wgpu::SurfaceTarget`; nothing here names the DOM.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;

use super::{GpuContext, RenderError, Renderer};

/// Largest still, pixels in all: 25 MP (6144 × 4096, a print), which with 4× multisampling is
/// some 800 MB of GPU memory; beyond it a still is refused rather than risk the device.
pub const MAX_STILL_PIXELS: u64 = 6144 * 4096;

/// Where the device's uncaptured error handler leaves its report.
type DeviceError = Arc<Mutex<Option<String>>>;

/// The WebGPU device every surface on the page shares, and whether it was lost.
#[derive(Clone)]
struct SharedDevice {
    instance: wgpu::Instance,
    context: GpuContext,
    lost: Arc<AtomicBool>,
    device_error: DeviceError,
}

thread_local! {
    static SHARED_DEVICE: std::cell::RefCell<Option<SharedDevice>> = const { std::cell::RefCell::new(None) };
}

/// A canvas surface and the device that draws on it.
pub struct CanvasSurface {
    instance: wgpu::Instance,
    context: GpuContext,
    surface: wgpu::Surface<'static>,
    config: wgpu::SurfaceConfiguration,
    /// Set by wgpu when the device is lost (driver reset, GPU process crash, `destroy`).
    lost: Arc<AtomicBool>,
    /// The first validation or out-of-memory error the device reported since the page last
    /// asked (wgpu's default handler would panic: a trap that kills the viewer).
    device_error: DeviceError,
    /// While a still is drawn: the size to return to.
    still_restore: Option<(u32, u32)>,
}

impl CanvasSurface {
    /// A surface on `target` of `width` × `height` device pixels with this build's backend
    /// (WebGPU in the lean build, WebGL2 in the `webgl` build), and a renderer for its format.
    /// Fails with [`RenderError::NoAdapter`] when the browser offers none.
    pub async fn new(
        target: wgpu::SurfaceTarget<'static>,
        (width, height): (u32, u32),
    ) -> Result<(Self, Renderer), RenderError> {
        // WebGPU: every viewer on the page draws with one device (a device may present to many
        // canvases); a lost one is replaced by the next viewer that starts. WebGL2 contexts
        // belong to their canvas, so each viewer there has its own.
        let shared = SHARED_DEVICE
            .with(|shared| shared.borrow().as_ref().filter(|device| !device.lost.load(Ordering::Relaxed)).cloned());
        let instance = match &shared {
            Some(device) => device.instance.clone(),
            None => {
                let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
                descriptor.backends =
                    if cfg!(feature = "webgl") { wgpu::Backends::GL } else { wgpu::Backends::BROWSER_WEBGPU };
                wgpu::Instance::new(descriptor)
            }
        };
        let surface = instance.create_surface(target).map_err(|e| RenderError::Surface(e.to_string()))?;
        let (context, lost, device_error) = match shared {
            Some(device) => (device.context, device.lost, device.device_error),
            None => Self::new_device(&instance, &surface).await?,
        };
        let capabilities = surface.get_capabilities(&context.adapter);
        // A plain 8-bit format (with an sRGB twin): the shader encodes sRGB. A float canvas
        // (rgba16float) would show that output as if it were linear light, and on WebGL2 an
        // sRGB surface makes wgpu present through an extra full-screen shader pass instead of
        // a blit, which halved the frame rate (docs/performance.md).
        let format = capabilities
            .formats
            .iter()
            .copied()
            .find(|f| !f.is_srgb() && f.add_srgb_suffix().is_srgb())
            .or_else(|| capabilities.formats.first().copied())
            .ok_or_else(|| RenderError::Surface("the canvas offers no surface format".into()))?;
        let max_side = context.device.limits().max_texture_dimension_2d;
        let config = wgpu::SurfaceConfiguration {
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            format,
            width: width.clamp(1, max_side),
            height: height.clamp(1, max_side),
            present_mode: wgpu::PresentMode::Fifo,
            desired_maximum_frame_latency: 2,
            alpha_mode: transparent_alpha_mode(&capabilities),
            view_formats: vec![],
            color_space: Default::default(),
        };
        surface.configure(&context.device, &config);
        // WebGL2 canvases are sRGB; WebGPU canvases cannot be, and the renderer then encodes
        // in the shader (see `Renderer::new`).
        let renderer = Renderer::new(&context.device, &context.queue, format);
        let canvas = Self { instance, context, surface, config, lost, device_error, still_restore: None };
        Ok((canvas, renderer))
    }

    /// A new device for `surface`, watched for loss and errors; on WebGPU it becomes the page's.
    async fn new_device(
        instance: &wgpu::Instance,
        surface: &wgpu::Surface<'static>,
    ) -> Result<(GpuContext, Arc<AtomicBool>, DeviceError), RenderError> {
        // The browser finds the adapter in its GPU process (0.1–0.4 s): bake the studio on this
        // thread meanwhile.
        let (context, _) =
            while_pending(GpuContext::from_instance(instance, Some(surface)), Renderer::jewelry_studio).await;
        let context = context?;
        let lost = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&lost);
        context.device.set_device_lost_callback(move |_, _| flag.store(true, Ordering::Relaxed));
        let device_error = DeviceError::default();
        let report = Arc::clone(&device_error);
        context.device.on_uncaptured_error(Arc::new(move |error| {
            if let Ok(mut slot) = report.lock() {
                slot.get_or_insert_with(|| error.to_string());
            }
        }));
        if !cfg!(feature = "webgl") {
            let device = SharedDevice {
                instance: instance.clone(),
                context: context.clone(),
                lost: Arc::clone(&lost),
                device_error: Arc::clone(&device_error),
            };
            SHARED_DEVICE.with(|shared| *shared.borrow_mut() = Some(device));
        }
        Ok((context, lost, device_error))
    }

    /// The device and queue.
    pub fn context(&self) -> &GpuContext {
        &self.context
    }

    /// The drawing buffer's size, device pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.config.width, self.config.height)
    }

    /// Resizes the drawing buffer, clamped to the device's texture limit; returns the size
    /// used and whether it changed.
    pub fn resize(&mut self, width: u32, height: u32) -> ((u32, u32), bool) {
        let max_side = self.context.device.limits().max_texture_dimension_2d;
        let size = (width.clamp(1, max_side), height.clamp(1, max_side));
        let changed = size != self.size();
        if changed {
            (self.config.width, self.config.height) = size;
            self.surface.configure(&self.context.device, &self.config);
        }
        (size, changed)
    }

    /// Whether a still of `width` × `height` can be drawn: each side within the device's
    /// texture limit and the whole within [`MAX_STILL_PIXELS`].
    pub fn check_still_size(&self, width: u32, height: u32) -> Result<(), RenderError> {
        let max = self.context.device.limits().max_texture_dimension_2d;
        let pixels = width as u64 * height as u64;
        if width == 0 || height == 0 || width > max || height > max || pixels > MAX_STILL_PIXELS {
            return Err(RenderError::StillSize { width, height, max, max_pixels: MAX_STILL_PIXELS });
        }
        Ok(())
    }

    /// Sizes the drawing buffer for a still (checked by [`CanvasSurface::check_still_size`]),
    /// remembering the view's size for [`CanvasSurface::end_still`].
    pub fn begin_still(&mut self, width: u32, height: u32) -> Result<(), RenderError> {
        self.check_still_size(width, height)?;
        self.still_restore.get_or_insert(self.size());
        (self.config.width, self.config.height) = (width, height);
        self.surface.configure(&self.context.device, &self.config);
        Ok(())
    }

    /// Back to the view's size after a still; false when no still was being drawn.
    pub fn end_still(&mut self) -> bool {
        let Some((width, height)) = self.still_restore.take() else { return false };
        (self.config.width, self.config.height) = (width, height);
        self.surface.configure(&self.context.device, &self.config);
        true
    }

    /// Draws one frame with `draw` into the canvas's next texture and presents it. Returns
    /// false when no texture could be had (the surface is reconfigured; try next frame).
    pub fn present(&mut self, draw: impl FnOnce(&GpuContext, &wgpu::TextureView, (u32, u32))) -> bool {
        let texture = match self.surface.get_current_texture() {
            wgpu::CurrentSurfaceTexture::Success(texture) | wgpu::CurrentSurfaceTexture::Suboptimal(texture) => texture,
            wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost => {
                self.surface.configure(&self.context.device, &self.config);
                return false;
            }
            _ => return false,
        };
        let view = texture.texture.create_view(&wgpu::TextureViewDescriptor::default());
        draw(&self.context, &view, self.size());
        self.context.queue.present(texture);
        true
    }

    /// The first error the device reported since the last call, if any.
    pub fn take_device_error(&self) -> Option<RenderError> {
        let message = self.device_error.lock().ok()?.take()?;
        Some(RenderError::Device(message))
    }

    /// Whether the device was lost.
    pub fn is_lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }

    /// GPU objects wgpu holds for its users (buffers, textures, views, samplers, bind groups,
    /// layouts, shader modules, pipelines), where wgpu counts them: the WebGL2 build
    /// (wgpu-core). `None` on WebGPU, where the browser owns them.
    pub fn live_gpu_objects(&self) -> Option<u32> {
        #[cfg(feature = "webgl")]
        {
            let hub = self.instance.generate_report()?.hub;
            let kinds = [
                hub.buffers,
                hub.textures,
                hub.texture_views,
                hub.samplers,
                hub.bind_groups,
                hub.bind_group_layouts,
                hub.pipeline_layouts,
                hub.shader_modules,
                hub.render_pipelines,
            ];
            Some(kinds.iter().map(|kind| kind.num_kept_from_user as u32).sum())
        }
        #[cfg(not(feature = "webgl"))]
        {
            let _ = &self.instance;
            None
        }
    }

    /// Destroys the device as a driver reset would (tests of the recovery).
    pub fn lose_device_for_testing(&self) {
        self.context.device.destroy();
    }

    /// Asks the device for a buffer over its limit, as an oversized model or still would
    /// (tests of the uncaptured-error handler: wgpu's default one panics on WebGL2).
    pub fn provoke_device_error_for_testing(&self) {
        let too_large = self.context.device.limits().max_buffer_size.saturating_add(4);
        let _ = self.context.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("over the limit, on purpose"),
            size: too_large,
            usage: wgpu::BufferUsages::VERTEX,
            mapped_at_creation: false,
        });
    }
}

/// A premultiplied canvas, so `background="transparent"` shows the page; our opaque pixels
/// have alpha 1 and look the same either way. Every WebGPU canvas supports premultiplied
/// (WebGPU spec, GPUCanvasAlphaMode) although wgpu 30 lists only opaque for it; on WebGL2
/// wgpu lists what the context offers.
fn transparent_alpha_mode(capabilities: &wgpu::SurfaceCapabilities) -> wgpu::CompositeAlphaMode {
    if !cfg!(feature = "webgl") || capabilities.alpha_modes.contains(&wgpu::CompositeAlphaMode::PreMultiplied) {
        wgpu::CompositeAlphaMode::PreMultiplied
    } else {
        capabilities.alpha_modes.first().copied().unwrap_or(wgpu::CompositeAlphaMode::Auto)
    }
}

/// Starts `future` (polls it once, which sends its requests), runs `work` while they are out,
/// then waits for `future`: a single-threaded overlap of browser-side waiting and our own work.
async fn while_pending<F: Future, T>(future: F, work: impl FnOnce() -> T) -> (F::Output, T) {
    let mut future = std::pin::pin!(future);
    let mut early = None;
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            early = Some(output);
        }
        Poll::Ready(())
    })
    .await;
    let done = work();
    let output = match early {
        Some(output) => output,
        None => future.await,
    };
    (output, done)
}
