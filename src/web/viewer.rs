//! The viewer build's exports: the opaque `Viewer` handle the `<pendant-viewer>` element talks
//! to, and the model, photo and phrase helpers. It only adapts: JS values in, crate calls, JS
//! errors (with a stable `code`) out. It owns no logic beyond deciding when a frame is due.
//! Text layout is not here: the engraving module (`engraver.rs`) lays out and rasterizes, and
//! the viewer cuts the height field it hands over.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::camera::orbit::CameraOrbit;
use crate::camera::{CameraKey, OrbitCamera};
use crate::chain::{attachments as chain_attachments, Chain};
use crate::engraving::phrases::{format_date, monogram as monogram_of, parse_coordinates, CoordinateStyle, DateStyle};
use crate::engraving::{EngravingError, HeightField};
use crate::finish::Finish;
use crate::gpu::{CutFinish, FrameSettings, GpuContext, RenderError, Renderer};
use crate::hinge::{find_hinges, swept_bounds};
use crate::model::gltf::budget::LoadBudget;
use crate::model::gltf::{
    encoded_images, external_uris as list_external_uris, load_gltf_with_images, DecodedImages, ExternalResources,
};
use crate::model::Image;
use crate::photo::inspect::fitted_size;
use crate::photo::{inspect, PhotoCrop, PhotoDesign, PhotoError, PhotoWindow, TEXTURE_SIDE};
use crate::stones::{BirthMonth, Stone};
use crate::studio::backdrop::Backdrop;
use crate::Error;

use super::{set_key, to_js_error};

/// `None` for an empty value (the setting is off), else the parsed value or a coded JS error.
fn parse_optional<T>(text: &str) -> Result<Option<T>, JsValue>
where
    T: std::str::FromStr,
    T::Err: Into<Error>,
{
    if text.trim().is_empty() {
        return Ok(None);
    }
    text.parse::<T>().map(Some).map_err(|e| to_js_error(e.into()))
}

/// The fetched external files by URI: `files[i]` holds `uris[i]`.
fn external_files(uris: Vec<String>, files: &[Uint8Array]) -> ExternalResources {
    uris.into_iter().zip(files.iter().map(Uint8Array::to_vec)).collect()
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

/// The stones of a birth month (`7`, `july`, `jul`): the usual one first, then the
/// alternates, as stone names for `setStone`. Rejects with code `birthstone-unknown-month`.
#[wasm_bindgen(js_name = birthstonesFor)]
pub fn birthstones_for(month: &str) -> Result<Vec<String>, JsValue> {
    let month = month.parse::<BirthMonth>().map_err(|e| to_js_error(e.into()))?;
    Ok(month.stones().iter().map(|stone| stone.name.to_string()).collect())
}

/// Map coordinates as engraved: `style` "dms" (40°42′46″N 74°00′22″W) or "decimal"
/// (40.7128° N 74.0060° W). Rejects with `coordinates-unreadable` or `coordinates-out-of-range`.
#[wasm_bindgen(js_name = formatCoordinates)]
pub fn format_coordinates(input: &str, style: &str) -> Result<String, JsValue> {
    let coordinates = parse_coordinates(input).map_err(|e| to_js_error(e.into()))?;
    let style = if style.eq_ignore_ascii_case("decimal") { CoordinateStyle::Decimal } else { CoordinateStyle::Dms };
    Ok(coordinates.format(style))
}

/// An ISO date (YYYY-MM-DD) as engraved: `style` dots, us, iso, long or roman.
#[wasm_bindgen(js_name = formatDate)]
pub fn format_date_js(iso: &str, style: &str) -> Result<String, JsValue> {
    let style = style.parse::<DateStyle>().map_err(|e| to_js_error(e.into()))?;
    format_date(iso, style).map_err(|e| to_js_error(e.into()))
}

/// A classic monogram (first, LAST, middle initials) from a full name.
#[wasm_bindgen]
pub fn monogram(full_name: &str) -> String {
    monogram_of(full_name)
}

/// What a photo file is, from its bytes (header and completeness; no pixels decoded):
/// `{format, width, height, orientation, textureWidth, textureHeight}` where the texture size
/// is the upright photo reduced to what the viewer keeps (decode it at that size). Rejects
/// with a coded error: `photo-empty`, `photo-unsupported` (HEIC, …), `photo-truncated`,
/// `photo-corrupt`, `photo-no-pixels`, `photo-too-large`, `photo-file-too-large`.
#[wasm_bindgen(js_name = inspectPhoto)]
pub fn inspect_photo(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let info = inspect(bytes).map_err(|e| to_js_error(e.into()))?;
    let (width, height) = info.upright_size();
    let (texture_width, texture_height) = fitted_size(width, height, TEXTURE_SIDE);
    let result = js_sys::Object::new();
    set_key(&result, "format", info.format.mime().into())?;
    set_key(&result, "width", width.into())?;
    set_key(&result, "height", height.into())?;
    set_key(&result, "orientation", info.orientation.into())?;
    set_key(&result, "textureWidth", texture_width.into())?;
    set_key(&result, "textureHeight", texture_height.into())?;
    Ok(result.into())
}

/// `{zoom, x, y, rotation, style, cover, corners}`: a photo's placement as stored in a
/// design, and the slot's corners on the photo (photo UV, clockwise from top-left) for a crop
/// editor to outline.
fn placement(design: &PhotoDesign, window: Option<PhotoWindow>) -> Result<JsValue, JsValue> {
    let result = js_sys::Object::new();
    let crop = design.crop;
    set_key(&result, "zoom", crop.zoom.into())?;
    set_key(&result, "x", crop.x.into())?;
    set_key(&result, "y", crop.y.into())?;
    set_key(&result, "rotation", crop.rotation_deg.into())?;
    set_key(&result, "style", design.tone.name().into())?;
    set_key(&result, "cover", design.cover.name().into())?;
    let corners: Vec<f32> = window.map(|w| w.corners().iter().flat_map(|c| c.to_array()).collect()).unwrap_or_default();
    set_key(&result, "corners", js_sys::Float32Array::from(corners.as_slice()).into())?;
    Ok(result.into())
}

/// A photo design from the element's values (empty strings: defaults).
fn photo_design(style: &str, cover: &str, zoom: f32, x: f32, y: f32, rotation: f32) -> Result<PhotoDesign, JsValue> {
    let js = |e: PhotoError| to_js_error(e.into());
    Ok(PhotoDesign {
        tone: style.parse().map_err(js)?,
        cover: cover.parse().map_err(js)?,
        crop: PhotoCrop { zoom, x, y, rotation_deg: rotation }.clamped(),
    })
}

/// A viewer drawing into one canvas.
#[wasm_bindgen]
pub struct Viewer {
    instance: wgpu::Instance,
    context: GpuContext,
    surface: wgpu::Surface<'static>,
    config: wgpu::SurfaceConfiguration,
    renderer: Renderer,
    camera: OrbitCamera,
    settings: FrameSettings,
    dirty: bool,
    last_frame_ms: Option<f64>,
    frames_drawn: u32,
    /// Set by a new model: after its first frame, build the pipelines the shopper's next
    /// choices need ([`Renderer::prepare_ahead`]).
    prepare_ahead: bool,
    /// The shopper's photos by photo area number, kept across models (a locket's photos come
    /// back when the shopper returns to a locket).
    photos: Vec<Option<(Image, PhotoDesign)>>,
    /// Where a locket is (0 closed … 1 open) and where it is going.
    open_fraction: f32,
    open_target: f32,
    /// Set by wgpu when the device is lost (driver reset, GPU process crash, `destroy`).
    lost: Arc<AtomicBool>,
    /// The first validation or out-of-memory error the device reported since the page last
    /// asked (wgpu's default handler would panic: a trap that kills the viewer).
    device_error: DeviceError,
    /// While a still is drawn: the canvas size, backdrop and camera to return to.
    still_restore: Option<(u32, u32, Backdrop, OrbitCamera)>,
    /// The author's view (`camera-orbit`): where a new model is shown from and where a reset
    /// goes.
    home_view: CameraOrbit,
}

/// The WebGPU device every viewer on the page shares, and whether it was lost.
#[derive(Clone)]
struct SharedDevice {
    instance: wgpu::Instance,
    context: GpuContext,
    lost: Arc<AtomicBool>,
    device_error: DeviceError,
}

/// Where the device's uncaptured error handler leaves its report.
type DeviceError = Arc<Mutex<Option<String>>>;

/// Largest still, pixels in all: 25 MP (6144 × 4096, a print), which with 4× multisampling is
/// some 800 MB of GPU memory; beyond it a still is refused rather than risk the device.
const MAX_STILL_PIXELS: u64 = 6144 * 4096;

thread_local! {
    static SHARED_DEVICE: std::cell::RefCell<Option<SharedDevice>> = const { std::cell::RefCell::new(None) };
}

/// Space framed above a pendant on a chain, metres: the chain's V shows.
const CHAIN_HEADROOM_M: f32 = 0.005;

/// A locket opens or closes in this long, seconds.
const OPEN_DURATION_S: f32 = 0.9;

#[wasm_bindgen]
impl Viewer {
    /// Creates a viewer on `canvas` with this build's backend: WebGPU in the lean build,
    /// WebGL2 in the `webgl` build. Rejects with code `render-no-adapter` when the browser
    /// offers none (the element then tries the other build on a fresh canvas).
    pub async fn create(canvas: HtmlCanvasElement) -> Result<Viewer, JsValue> {
        Self::create_inner(canvas).await.map_err(|e| to_js_error(e.into()))
    }

    async fn create_inner(canvas: HtmlCanvasElement) -> Result<Viewer, RenderError> {
        let (width, height) = (canvas.width().max(1), canvas.height().max(1));
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
        let surface = instance
            .create_surface(wgpu::SurfaceTarget::Canvas(canvas))
            .map_err(|e| RenderError::Surface(e.to_string()))?;
        let shared_instance = instance.clone();
        let (context, lost, device_error) = match shared {
            Some(device) => (device.context, device.lost, device.device_error),
            None => {
                // The browser finds the adapter in its GPU process (0.1–0.4 s here): bake the
                // studio on this thread meanwhile.
                let (context, _) =
                    while_pending(GpuContext::from_instance(&instance, Some(&surface)), Renderer::jewelry_studio).await;
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
                        instance: shared_instance.clone(),
                        context: context.clone(),
                        lost: Arc::clone(&lost),
                        device_error: Arc::clone(&device_error),
                    };
                    SHARED_DEVICE.with(|shared| *shared.borrow_mut() = Some(device));
                }
                (context, lost, device_error)
            }
        };
        let capabilities = surface.get_capabilities(&context.adapter);
        // A plain 8-bit format (with an sRGB twin): the shader encodes sRGB. A float canvas
        // (rgba16float) would show that output as if it were linear light, and on WebGL2 an
        // sRGB surface makes wgpu present through an extra full-screen shader pass instead of
        // a blit, which halved the frame rate here (3.8 → 7.2 fps, ../shared/bench).
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
            width: width.min(max_side),
            height: height.min(max_side),
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
        Ok(Viewer {
            instance,
            context,
            surface,
            config,
            renderer,
            camera: OrbitCamera::default(),
            settings: FrameSettings::default(),
            dirty: true,
            last_frame_ms: None,
            frames_drawn: 0,
            prepare_ahead: false,
            photos: Vec::new(),
            open_fraction: 0.0,
            open_target: 0.0,
            home_view: CameraOrbit::default(),
            still_restore: None,
            lost,
            device_error,
        })
    }

    /// "WebGPU" or "WebGL2".
    pub fn backend(&self) -> String {
        self.context.backend_description()
    }

    /// The external files (buffers, images) a glTF references, to be fetched relative to its
    /// URL and passed to `loadModel`. Rejects with `model-too-complex` (and the other model
    /// codes) before anything is fetched when the model is over this device's load budget.
    #[wasm_bindgen(js_name = externalUris)]
    pub fn external_uris(&self, bytes: &[u8]) -> Result<Vec<String>, JsValue> {
        list_external_uris(bytes, &self.load_budget()).map_err(|e| to_js_error(e.into()))
    }

    /// The model's images as stored, for the browser to decode one at a time (the wasm has no
    /// image codecs): `[{index, mimeType, bytes, width, height}]`, sizes from each header, every
    /// one within this device's load budget before any is decoded. `uris`/`files` as for
    /// `loadModel`.
    #[wasm_bindgen(js_name = embeddedImages)]
    pub fn embedded_images(
        &self,
        bytes: &[u8],
        uris: Vec<String>,
        files: Vec<Uint8Array>,
    ) -> Result<js_sys::Array, JsValue> {
        let external = external_files(uris, &files);
        let images = encoded_images(bytes, &external, &self.load_budget()).map_err(|e| to_js_error(e.into()))?;
        let list = js_sys::Array::new();
        for image in images {
            let entry = js_sys::Object::new();
            set_key(&entry, "index", image.index.into())?;
            set_key(&entry, "mimeType", image.mime_type.map_or(JsValue::UNDEFINED, JsValue::from))?;
            set_key(&entry, "bytes", Uint8Array::from(image.bytes.as_slice()).into())?;
            set_key(&entry, "width", image.width.into())?;
            set_key(&entry, "height", image.height.into())?;
            list.push(&entry);
        }
        Ok(list)
    }

    /// The load budget within this device's texture and buffer limits: one for the URIs to
    /// fetch, the images to decode and the load.
    fn load_budget(&self) -> LoadBudget {
        let limits = self.context.device.limits();
        LoadBudget::default().for_device(limits.max_texture_dimension_2d, limits.max_buffer_size)
    }

    /// Loads a .glb/.gltf. `uris[i]` names the external file whose bytes are `files[i]` (see
    /// `externalUris`). The model's images come decoded by the browser (see `embeddedImages`):
    /// `sizes` holds `index, width, height` for each RGBA8 `pixels[i]`. On error the previous
    /// model stays on screen.
    #[wasm_bindgen(js_name = loadModel)]
    pub fn load_model(
        &mut self,
        bytes: &[u8],
        uris: Vec<String>,
        files: Vec<Uint8Array>,
        sizes: Vec<u32>,
        pixels: Vec<Uint8Array>,
    ) -> Result<(), JsValue> {
        let external = external_files(uris, &files);
        let decoded: DecodedImages = sizes
            .chunks_exact(3)
            .zip(&pixels)
            .map(|(size, rgba)| (size[0] as usize, Image { width: size[1], height: size[2], rgba8: rgba.to_vec() }))
            .collect();
        let model = load_gltf_with_images(bytes, &external, &decoded, &self.load_budget())
            .map_err(|e| to_js_error(e.into()))?;
        for warning in &model.warnings {
            web_sys::console::warn_1(&warning.into());
        }
        let auto_rotate = self.camera.auto_rotate_rad_per_s;
        // A locket is framed so it stays in view while it opens.
        // Room above a pendant on a chain, for the chain's V.
        let mut bounds = swept_bounds(&model, &find_hinges(&model));
        if self.renderer.chain().is_some() && !chain_attachments(&model).is_empty() {
            bounds.max.y += CHAIN_HEADROOM_M;
        }
        self.camera = OrbitCamera::framing(&bounds, 0.0, 0.0);
        self.camera.auto_rotate_rad_per_s = auto_rotate;
        self.camera.set_home_view(self.home_view);
        self.renderer.set_model(&self.context.device, &self.context.queue, &model);
        self.prepare_ahead = true;
        let areas = self.renderer.photo_slots().count();
        for (index, (image, design)) in
            self.photos.iter().enumerate().take(areas).filter_map(|(i, p)| Some((i, p.as_ref()?)))
        {
            let (device, queue) = (&self.context.device, &self.context.queue);
            self.renderer.set_photo(device, queue, index, Some(image), *design).map_err(|e| to_js_error(e.into()))?;
        }
        // A new locket starts closed and opens if it was asked to.
        self.open_fraction = 0.0;
        self.last_frame_ms = None;
        self.dirty = true;
        Ok(())
    }

    /// Opens (true) or closes a locket, animated; a model without a hinge ignores it.
    #[wasm_bindgen(js_name = setOpen)]
    pub fn set_open(&mut self, open: bool) {
        self.open_target = if open { 1.0 } else { 0.0 };
        self.last_frame_ms = None;
        self.dirty = true;
    }

    /// How many stones the current model holds (its gem slots).
    #[wasm_bindgen(js_name = stoneSettings)]
    pub fn stone_settings(&self) -> usize {
        self.renderer.stone_settings()
    }

    /// Whether the current model opens (has a hinge).
    #[wasm_bindgen(js_name = canOpen)]
    pub fn can_open(&self) -> bool {
        self.renderer.has_hinges()
    }

    /// The engraving sides the current model offers (front, back, …).
    #[wasm_bindgen(js_name = engravingSides)]
    pub fn engraving_sides(&self) -> Vec<String> {
        self.renderer.engraving_slots().iter().map(|slot| slot.side.clone()).collect()
    }

    /// The engraving area on `side` of the current model as `[widthMm, heightMm, round]`
    /// (round: 1 when the lettering keeps inside the inscribed ellipse), for the engraving
    /// module to lay out in; `undefined` when the model has no such side.
    #[wasm_bindgen(js_name = engravingArea)]
    pub fn engraving_area(&self, side: &str) -> Option<Vec<f32>> {
        let index = self.renderer.engraving_slot_index(side)?;
        let area = self.renderer.engraving_slots()[index].area;
        Some(vec![area.size_mm.x, area.size_mm.y, if area.round { 1.0 } else { 0.0 }])
    }

    /// Cuts the height field the engraving module made (`width` × `height` pixels at
    /// `pixels_per_mm`, row-major from the top: 0 surface … 255 bottom of the cut) into `side`
    /// of the current model, its floor `finish` (bright or oxidized); `width` 0 clears the side.
    /// Rejects with `engraving-no-area`, `engraving-unknown-finish` or
    /// `engraving-bad-field`; then the previous engraving stays.
    #[wasm_bindgen(js_name = setEngravingField)]
    pub fn set_engraving_field(
        &mut self,
        side: &str,
        width: u32,
        height: u32,
        pixels_per_mm: f32,
        pixels: Vec<u8>,
        finish: &str,
    ) -> Result<(), JsValue> {
        let js = |e: EngravingError| to_js_error(e.into());
        let finish: CutFinish = finish.parse().map_err(js)?;
        let index = self
            .renderer
            .engraving_slot_index(side)
            .ok_or_else(|| js(EngravingError::NoArea(side.chars().take(20).collect())))?;
        let field =
            (width > 0).then_some(HeightField { width, height, pixels_per_mm, pixels, thinnest_stroke_mm: None });
        if let Some(field) = &field {
            let expected = field.width as u64 * field.height as u64;
            if field.pixels.len() as u64 != expected || !field.pixels_per_mm.is_finite() || field.pixels_per_mm <= 0.0 {
                return Err(js(EngravingError::BadField(format!(
                    "{} bytes for {} × {} pixels at {} px/mm",
                    field.pixels.len(),
                    field.width,
                    field.height,
                    field.pixels_per_mm
                ))));
            }
        }
        self.renderer.set_engraving(&self.context.device, &self.context.queue, index, field.as_ref(), finish);
        self.dirty = true;
        Ok(())
    }

    /// The current model's photo areas, in order: `[{mask, widthMm, heightMm}]`.
    #[wasm_bindgen(js_name = photoAreas)]
    pub fn photo_areas(&self) -> Result<js_sys::Array, JsValue> {
        self.renderer
            .photo_slots()
            .map(|slot| {
                let area = js_sys::Object::new();
                set_key(&area, "mask", slot.mask.name().into())?;
                set_key(&area, "widthMm", slot.size_mm.x.into())?;
                set_key(&area, "heightMm", slot.size_mm.y.into())?;
                Ok::<JsValue, JsValue>(area.into())
            })
            .collect()
    }

    /// Shows a photo (upright RGBA8 `width` × `height`, at most the `textureWidth` ×
    /// `textureHeight` that `inspectPhoto` gave) in photo area `index` in `style` (color, bw,
    /// sepia) under `cover` (glass, resin, print), centred and covering the area (place it
    /// with `setPhotoDesign`). Returns the placement (see `placement`). Rejects with
    /// `photo-no-such-area`, `photo-bad-pixels`, `photo-too-large` or `photo-unknown-option`.
    #[wasm_bindgen(js_name = setPhoto)]
    pub fn set_photo(
        &mut self,
        index: usize,
        width: u32,
        height: u32,
        rgba: Vec<u8>,
        style: &str,
        cover: &str,
    ) -> Result<JsValue, JsValue> {
        let design = photo_design(style, cover, 1.0, 0.0, 0.0, 0.0)?;
        let (fit_width, fit_height) = fitted_size(width, height, TEXTURE_SIDE);
        if (fit_width, fit_height) != (width, height) {
            return Err(to_js_error(PhotoError::TooLarge { width, height }.into()));
        }
        let image = Image { width, height, rgba8: rgba };
        let (device, queue) = (&self.context.device, &self.context.queue);
        let window =
            self.renderer.set_photo(device, queue, index, Some(&image), design).map_err(|e| to_js_error(e.into()))?;
        if self.photos.len() <= index {
            self.photos.resize_with(index + 1, || None);
        }
        self.photos[index] = Some((image, design));
        self.dirty = true;
        placement(&design, window)
    }

    /// Re-places photo area `index`'s photo (style, cover, crop as in `setPhoto`): instant,
    /// one uniform write. Returns the placement.
    #[wasm_bindgen(js_name = setPhotoDesign)]
    #[allow(clippy::too_many_arguments)]
    pub fn set_photo_design(
        &mut self,
        index: usize,
        style: &str,
        cover: &str,
        zoom: f32,
        x: f32,
        y: f32,
        rotation: f32,
    ) -> Result<JsValue, JsValue> {
        let design = photo_design(style, cover, zoom, x, y, rotation)?;
        self.apply_photo_design(index, design)
    }

    /// Moves photo area `index`'s photo by (`du`, `dv`) in photo UV (a drag in a crop editor
    /// that shows the whole photo), kept covering the area. Returns the placement.
    #[wasm_bindgen(js_name = panPhoto)]
    pub fn pan_photo(&mut self, index: usize, du: f32, dv: f32) -> Result<JsValue, JsValue> {
        let Some(Some((image, design))) = self.photos.get(index) else {
            return Err(to_js_error(
                PhotoError::NoSuchArea { index, count: self.renderer.photo_slots().count() }.into(),
            ));
        };
        let size_mm = self.renderer.photo_slots().nth(index).map(|s| s.size_mm).unwrap_or(glam::Vec2::ONE);
        let window = PhotoWindow::new((image.width, image.height), size_mm, design.crop);
        let moved = PhotoDesign { crop: window.panned(design.crop, glam::Vec2::new(du, dv)), ..*design };
        self.apply_photo_design(index, moved)
    }

    fn apply_photo_design(&mut self, index: usize, design: PhotoDesign) -> Result<JsValue, JsValue> {
        let window =
            self.renderer.set_photo_design(&self.context.queue, index, design).map_err(|e| to_js_error(e.into()))?;
        if let Some(Some((_, stored))) = self.photos.get_mut(index) {
            *stored = design;
        }
        self.dirty = true;
        placement(&design, window)
    }

    /// Takes the photo out of area `index` (the area shows its own material again).
    #[wasm_bindgen(js_name = clearPhoto)]
    pub fn clear_photo(&mut self, index: usize) -> Result<(), JsValue> {
        if let Some(slot) = self.photos.get_mut(index) {
            *slot = None;
        }
        let (device, queue) = (&self.context.device, &self.context.queue);
        if index < self.renderer.photo_slots().count() {
            self.renderer
                .set_photo(device, queue, index, None, PhotoDesign::default())
                .map_err(|e| to_js_error(e.into()))?;
        }
        self.dirty = true;
        Ok(())
    }

    /// Resizes the drawing buffer (device pixels), clamped to the device's texture limit.
    /// Returns the size actually used, as `[width, height]`.
    pub fn resize(&mut self, width: u32, height: u32) -> Vec<u32> {
        let max_side = self.context.device.limits().max_texture_dimension_2d;
        let (width, height) = (width.clamp(1, max_side), height.clamp(1, max_side));
        if (width, height) != (self.config.width, self.config.height) {
            self.config.width = width;
            self.config.height = height;
            self.surface.configure(&self.context.device, &self.config);
            self.dirty = true;
        }
        vec![width, height]
    }

    /// Orbits by a pointer drag of (dx, dy) CSS pixels in a view `view_height` CSS pixels tall.
    pub fn drag(&mut self, dx: f32, dy: f32, view_height: f32) {
        self.camera.drag(dx, dy, view_height);
        self.dirty = true;
    }

    /// Zooms by a wheel event's `deltaY` (pixels).
    pub fn wheel(&mut self, delta_y: f32) {
        self.camera.wheel(delta_y);
        self.dirty = true;
    }

    /// Zooms by a factor (pinch: previous distance / new distance between fingers).
    pub fn zoom(&mut self, factor: f32) {
        self.camera.zoom(factor);
        self.dirty = true;
    }

    /// Handles a `KeyboardEvent.key`; returns whether the camera used it.
    pub fn key(&mut self, key: &str) -> bool {
        let Some(command) = CameraKey::from_dom_key(key) else { return false };
        self.camera.key(command);
        self.dirty = true;
        true
    }

    /// Auto-rotation speed in degrees per second (0 stops it).
    #[wasm_bindgen(js_name = setAutoRotate)]
    pub fn set_auto_rotate(&mut self, degrees_per_second: f32) {
        self.camera.auto_rotate_rad_per_s =
            if degrees_per_second.is_finite() { degrees_per_second.to_radians() } else { 0.0 };
        self.last_frame_ms = None;
    }

    /// Hangs this and later pendants on a chain through their ring: `style` cable, box or
    /// rope, `length` 16–24 (inches); both empty: no chain. Rejects with
    /// `chain-unknown-style` or `chain-length-invalid`, keeping the current chain.
    #[wasm_bindgen(js_name = setChain)]
    pub fn set_chain(&mut self, style: &str, length: &str) -> Result<(), JsValue> {
        let chain = Chain::from_attributes(style, length).map_err(|e| to_js_error(e.into()))?;
        self.renderer.set_chain(&self.context.device, &self.context.queue, chain);
        self.dirty = true;
        Ok(())
    }

    /// The author's view, `theta phi radius` as model-viewer's `camera-orbit` (e.g. `30deg
    /// 75deg 100%`; empty: straight on, framed). It becomes the reset view and applies to
    /// later models. Rejects with `camera-orbit-invalid`, keeping the current one.
    #[wasm_bindgen(js_name = setCameraOrbit)]
    pub fn set_camera_orbit(&mut self, orbit: &str) -> Result<(), JsValue> {
        self.home_view = parse_optional::<CameraOrbit>(orbit)?.unwrap_or_default();
        self.camera.set_home_view(self.home_view);
        self.dirty = true;
        Ok(())
    }

    /// The current view in words ("Front left, slightly from above, framed"), for the
    /// element's live region.
    #[wasm_bindgen(js_name = viewDescription)]
    pub fn view_description(&self) -> String {
        self.camera.orbit_view().describe()
    }

    /// Moves the camera to a view (a `camera-orbit` value) without changing the reset view.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, orbit: &str) -> Result<(), JsValue> {
        let orbit = orbit.parse::<CameraOrbit>().map_err(|e| to_js_error(e.into()))?;
        self.camera.set_orbit_view(orbit);
        self.dirty = true;
        Ok(())
    }

    /// The current view as a `camera-orbit` value.
    #[wasm_bindgen(js_name = cameraOrbit)]
    pub fn camera_orbit(&self) -> String {
        self.camera.orbit_view().to_string()
    }

    /// Back to the author's view (the framed view unless `camera-orbit` says otherwise).
    #[wasm_bindgen(js_name = resetCamera)]
    pub fn reset_camera(&mut self) {
        self.camera.reset();
        self.dirty = true;
    }

    /// Linear exposure multiplier (1 = neutral), clamped to 0.05..20.
    #[wasm_bindgen(js_name = setExposure)]
    pub fn set_exposure(&mut self, exposure: f32) {
        if exposure.is_finite() {
            self.settings.exposure = exposure.clamp(0.05, 20.0);
            self.dirty = true;
        }
    }

    /// Shows every metal part of the model (and of later models) in a finish such as
    /// `rose-gold` or `brushed platinum`; an empty string shows the model's own materials.
    /// Instant: only material constants change. Rejects with code `finish-unknown-metal` or
    /// `finish-unknown-surface`, keeping the current finish.
    #[wasm_bindgen(js_name = setFinish)]
    pub fn set_finish(&mut self, finish: &str) -> Result<(), JsValue> {
        let finish = parse_optional::<Finish>(finish)?;
        self.renderer.set_finish(&self.context.device, &self.context.queue, finish);
        self.dirty = true;
        Ok(())
    }

    /// Sets a stone (`ruby`, `blue-zircon`, …) into every gem slot of the model and of later
    /// models; an empty string leaves the settings empty. Rejects with code `stone-unknown`.
    #[wasm_bindgen(js_name = setStone)]
    pub fn set_stone(&mut self, stone: &str) -> Result<(), JsValue> {
        let stone = parse_optional::<Stone>(stone)?;
        self.renderer.set_stone(&self.context.device, stone);
        self.dirty = true;
        Ok(())
    }

    /// What is behind the pendant: `studio` (default), `white`, `transparent`, `gradient`
    /// or a colour `#rrggbb`. Rejects with code `background-unknown`, keeping the current one.
    #[wasm_bindgen(js_name = setBackground)]
    pub fn set_background(&mut self, background: &str) -> Result<(), JsValue> {
        self.settings.background = background.parse::<Backdrop>().map_err(|e| to_js_error(e.into()))?;
        self.dirty = true;
        Ok(())
    }

    /// Opacity of the soft contact shadow behind the pendant, clamped to 0..1 (0: none).
    #[wasm_bindgen(js_name = setShadowIntensity)]
    pub fn set_shadow_intensity(&mut self, intensity: f32) {
        if intensity.is_finite() {
            self.settings.shadow_intensity = intensity.clamp(0.0, 1.0);
            self.dirty = true;
        }
    }

    /// Whether a model has been loaded.
    #[wasm_bindgen(js_name = hasModel)]
    pub fn has_model(&self) -> bool {
        self.renderer.has_model()
    }

    /// Advances animation to `now_ms` (a `requestAnimationFrame` timestamp) and draws if
    /// anything changed. Returns whether another frame is wanted (auto-rotation): when false,
    /// the element stops its loop until the next input (render on demand).
    pub fn frame(&mut self, now_ms: f64) -> bool {
        let dt_s = self.last_frame_ms.map_or(0.0, |last| ((now_ms - last) / 1000.0) as f32);
        self.last_frame_ms = Some(now_ms);
        if self.camera.advance(dt_s) {
            self.dirty = true;
        }
        let opening = self.renderer.has_hinges() && self.open_fraction != self.open_target;
        if opening {
            let step = dt_s / OPEN_DURATION_S;
            self.open_fraction = if self.open_target > self.open_fraction {
                (self.open_fraction + step).min(self.open_target)
            } else {
                (self.open_fraction - step).max(self.open_target)
            };
            // Ease in and out: the lid starts and stops gently.
            let t = self.open_fraction;
            self.renderer.set_open(&self.context.queue, t * t * (3.0 - 2.0 * t));
            self.dirty = true;
        }
        if self.dirty {
            self.draw();
        }
        self.camera.auto_rotate_rad_per_s != 0.0 || opening
    }

    /// Draws the current view (or the view `orbit`, a `camera-orbit` value, when not empty)
    /// at `width` × `height` device pixels (the canvas element must already have that size),
    /// on a transparent backdrop if asked, for the page to copy out of the canvas in the same
    /// task; `endStill` then restores the view. Nothing reaches the screen in between (the
    /// browser composites after the task). Rejects with `still-size-invalid` beyond the
    /// device's texture limit or `camera-orbit-invalid`.
    #[wasm_bindgen(js_name = renderStill)]
    pub fn render_still(&mut self, width: u32, height: u32, transparent: bool, orbit: &str) -> Result<(), JsValue> {
        self.check_still_size(width, height)?;
        let orbit = parse_optional::<CameraOrbit>(orbit)?;
        if self.still_restore.is_none() {
            let camera = self.camera.clone();
            self.still_restore = Some((self.config.width, self.config.height, self.settings.background, camera));
        }
        if let Some(orbit) = orbit {
            self.camera.set_orbit_view(orbit);
        }
        let frames = self.frames_drawn; // a still is not a frame of the view
        self.config.width = width;
        self.config.height = height;
        self.surface.configure(&self.context.device, &self.config);
        if transparent {
            self.settings.background = Backdrop::Transparent;
        }
        self.draw();
        self.frames_drawn = frames;
        Ok(())
    }

    /// Back to the view's own size and backdrop after `renderStill`, redrawn at once.
    #[wasm_bindgen(js_name = endStill)]
    pub fn end_still(&mut self) {
        if let Some((width, height, background, camera)) = self.still_restore.take() {
            self.camera = camera;
            self.config.width = width;
            self.config.height = height;
            self.surface.configure(&self.context.device, &self.config);
            self.settings.background = background;
            let frames = self.frames_drawn; // the view drawn again as it was: no new frame
            self.draw();
            self.frames_drawn = frames;
        }
    }

    /// Whether a still of `width` × `height` can be drawn: each side within the device's
    /// texture limit and the whole within 25 MP. Rejects with `still-size-invalid`.
    #[wasm_bindgen(js_name = checkStillSize)]
    pub fn check_still_size(&self, width: u32, height: u32) -> Result<(), JsValue> {
        let max = self.context.device.limits().max_texture_dimension_2d;
        let pixels = width as u64 * height as u64;
        if width == 0 || height == 0 || width > max || height > max || pixels > MAX_STILL_PIXELS {
            let error = RenderError::StillSize { width, height, max, max_pixels: MAX_STILL_PIXELS };
            return Err(to_js_error(error.into()));
        }
        Ok(())
    }

    /// The first error the GPU device reported since the last call (a validation or
    /// out-of-memory error: a resource too large for this device) as a coded error
    /// (`render-device-error`), or `undefined`. The element treats one as a lost device.
    #[wasm_bindgen(js_name = takeDeviceError)]
    pub fn take_device_error(&self) -> Option<JsValue> {
        let message = self.device_error.lock().ok()?.take()?;
        Some(to_js_error(RenderError::Device(message).into()))
    }

    /// Whether the GPU device was lost: the element then starts a new viewer on a fresh canvas
    /// and applies the design again (WebGL context loss is seen by the element itself).
    #[wasm_bindgen(js_name = isLost)]
    pub fn is_lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }

    /// GPU objects the page's wgpu holds for its users (buffers, textures, views, samplers,
    /// bind groups, layouts, shader modules, pipelines), where wgpu counts them: the WebGL2
    /// build (wgpu-core). `undefined` on WebGPU, where the browser owns them. For soak tests.
    #[wasm_bindgen(js_name = liveGpuObjects)]
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
    #[wasm_bindgen(js_name = loseDeviceForTesting)]
    pub fn lose_device_for_testing(&self) {
        self.context.device.destroy();
    }

    /// Asks the device for a buffer over its limit, as an oversized model or still would
    /// (tests of the uncaptured-error handler: wgpu's default one panics on WebGL2).
    #[wasm_bindgen(js_name = provokeDeviceErrorForTesting)]
    pub fn provoke_device_error_for_testing(&self) {
        let too_large = self.context.device.limits().max_buffer_size.saturating_add(4);
        let _ = self.context.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("over the limit, on purpose"),
            size: too_large,
            usage: wgpu::BufferUsages::VERTEX,
            mapped_at_creation: false,
        });
    }

    /// Frames actually drawn so far (render on demand: idle frames are not drawn).
    #[wasm_bindgen(getter, js_name = framesDrawn)]
    pub fn frames_drawn(&self) -> u32 {
        self.frames_drawn
    }

    /// Marks the view as changed so the next `frame` draws.
    #[wasm_bindgen(js_name = requestRedraw)]
    pub fn request_redraw(&mut self) {
        self.dirty = true;
    }

    fn draw(&mut self) {
        let texture = match self.surface.get_current_texture() {
            wgpu::CurrentSurfaceTexture::Success(texture) | wgpu::CurrentSurfaceTexture::Suboptimal(texture) => texture,
            wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost => {
                self.surface.configure(&self.context.device, &self.config);
                return; // stays dirty: drawn on the next frame
            }
            _ => return,
        };
        let view = texture.texture.create_view(&wgpu::TextureViewDescriptor::default());
        let size = (self.config.width, self.config.height);
        self.renderer.render(&self.context.device, &self.context.queue, &view, size, &self.camera, &self.settings);
        self.context.queue.present(texture);
        self.dirty = false;
        self.frames_drawn = self.frames_drawn.wrapping_add(1);
        // Queued behind the frame, so the shopper sees the model before these compile.
        if std::mem::take(&mut self.prepare_ahead) {
            self.renderer.prepare_ahead(&self.context.device);
        }
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
