//! The GPU layer: wgpu only, never the DOM. It uploads a [`crate::model::PendantModel`] and the
//! baked lighting, and draws into whatever texture view it is handed — a canvas surface on the
//! web, an offscreen texture in tests and still renders — so every target shares one path.

mod context;
mod engraving;
mod environment;
mod gems;
mod layouts;
mod model;
mod photo;
mod pipelines;
#[cfg(not(target_arch = "wasm32"))]
mod readback;
mod renderer;
mod shaders;
mod shadow;
mod surface;
mod texels;
mod textures;
mod uniforms;

pub use context::GpuContext;
#[cfg(not(target_arch = "wasm32"))]
pub use readback::{render_to_rgba8, OFFSCREEN_FORMAT};
pub use renderer::{FrameSettings, Renderer, SAMPLE_COUNT};
pub use shaders::{
    BACKDROP_SHADER_SOURCE, GEM_SHADER_SOURCE, PBR_SHADER_SOURCE, PHOTO_SHADER_SOURCE, SHADOW_SHADER_SOURCE,
};
pub use surface::{CanvasSurface, MAX_STILL_PIXELS};

/// Why the GPU could not be set up or could not draw.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No adapter (WebGPU/WebGL2/Vulkan/GL) is available.
    #[error("no graphics adapter is available: {0}")]
    NoAdapter(String),
    /// The adapter refused to create a device.
    #[error("could not create a graphics device: {0}")]
    NoDevice(String),
    /// The canvas could not be turned into a drawing surface.
    #[error("could not draw to the canvas: {0}")]
    Surface(String),
    /// Reading pixels back failed.
    #[error("could not read the rendered image back: {0}")]
    Readback(String),
    /// A still was asked for at a size this device cannot draw.
    #[error(
        "a still of {width} × {height} pixels cannot be drawn here; each side must be 1 to {max} pixels, \
         and the still at most {max_pixels} pixels in all"
    )]
    StillSize {
        /// Asked width.
        width: u32,
        /// Asked height.
        height: u32,
        /// The device's largest texture side.
        max: u32,
        /// The most pixels a still may have.
        max_pixels: u64,
    },
    /// The device reported a validation or out-of-memory error (the message is wgpu's).
    #[error("the graphics device failed: {0}")]
    Device(String),
}

impl RenderError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::NoAdapter(_) => "render-no-adapter",
            RenderError::NoDevice(_) => "render-no-device",
            RenderError::Surface(_) => "render-surface",
            RenderError::Readback(_) => "render-readback",
            RenderError::StillSize { .. } => "still-size-invalid",
            RenderError::Device(_) => "render-device-error",
        }
    }
}
