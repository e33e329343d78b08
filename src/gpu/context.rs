//! Adapter and device creation: `offscreen` natively (tests, stills), `from_instance` for a
//! canvas surface (see `surface.rs`, which owns the page's device).

use super::RenderError;

/// An adapter with its device and queue (handles: a clone shares the same device).
#[derive(Clone)]
pub struct GpuContext {
    /// The adapter the device came from.
    pub adapter: wgpu::Adapter,
    /// The device.
    pub device: wgpu::Device,
    /// Its queue.
    pub queue: wgpu::Queue,
}

impl GpuContext {
    /// Requests an adapter (compatible with `surface`, when given) and a device within the
    /// adapter's limits, asking for no more than WebGL2 guarantees so one code path runs
    /// everywhere.
    pub async fn from_instance(
        instance: &wgpu::Instance,
        surface: Option<&wgpu::Surface<'_>>,
    ) -> Result<Self, RenderError> {
        let adapter = instance
            .request_adapter(&wgpu::RequestAdapterOptions {
                power_preference: wgpu::PowerPreference::HighPerformance,
                force_fallback_adapter: false,
                compatible_surface: surface,
                apply_limit_buckets: false,
            })
            .await
            .map_err(|e| RenderError::NoAdapter(e.to_string()))?;
        let required_limits = wgpu::Limits::downlevel_webgl2_defaults().using_resolution(adapter.limits());
        let (device, queue) = adapter
            .request_device(&wgpu::DeviceDescriptor {
                label: Some("pendant-viewer"),
                required_limits,
                ..Default::default()
            })
            .await
            .map_err(|e| RenderError::NoDevice(e.to_string()))?;
        Ok(Self { adapter, device, queue })
    }

    /// A native device for offscreen rendering (tests, stills). Prefers Vulkan (lavapipe in
    /// CI), then GL.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn offscreen() -> Result<Self, RenderError> {
        let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
        descriptor.backends = wgpu::Backends::VULKAN | wgpu::Backends::GL;
        let instance = wgpu::Instance::new(descriptor);
        pollster::block_on(Self::from_instance(&instance, None))
    }

    /// e.g. "WebGPU", "WebGL2", "Vulkan (llvmpipe …)".
    pub fn backend_description(&self) -> String {
        let info = self.adapter.get_info();
        match info.backend {
            wgpu::Backend::BrowserWebGpu => "WebGPU".to_string(),
            wgpu::Backend::Gl if cfg!(target_arch = "wasm32") => "WebGL2".to_string(),
            backend => format!("{backend:?} ({})", info.name),
        }
    }
}
