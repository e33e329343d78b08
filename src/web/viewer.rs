//! The `Viewer` handle the `<pendant-viewer>` element talks to: the element's calls become
//! scene changes, the renderer uploads what changed, and a frame is drawn when one is due. It
//! only adapts: JS values in, crate calls, JS errors (with a stable `code`) out. The scene
//! (`crate::scene`) holds what is shown, the canvas surface (`crate::gpu::CanvasSurface`) the
//! device; photo methods are in `photos.rs`. Text layout is not here: the engraving module
//! (`engraver.rs`) lays out and rasterizes, and the viewer cuts the height field it hands over.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::camera::{CameraKey, CameraOrbit, OrbitCamera};
use crate::chain::Chain;
use crate::engraving::{CutFinish, EngravingError, HeightField};
use crate::finish::Finish;
use crate::gpu::{CanvasSurface, FrameSettings, Renderer};
use crate::model::gltf::{load_gltf_with, Decoded, ExternalResources};
use crate::model::Image;
use crate::scene::{Cut, LidMotion, Scene};
use crate::size::silhouette::front_triangles;
use crate::size::{dimensions, weight_json, SizeReference, SizeReferenceError};
use crate::stones::Stone;
use crate::studio::backdrop::Backdrop;
use crate::worn::{BodySize, ViewMode, WornError};
use crate::Error;

use super::to_js_error;

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
pub(super) fn external_files(uris: Vec<String>, files: &[Uint8Array]) -> ExternalResources {
    uris.into_iter().zip(files.iter().map(Uint8Array::to_vec)).collect()
}

/// A viewer drawing into one canvas.
#[wasm_bindgen]
pub struct Viewer {
    pub(super) surface: CanvasSurface,
    renderer: Renderer,
    pub(super) scene: Scene,
    camera: OrbitCamera,
    settings: FrameSettings,
    /// The author's view (`camera-orbit`): where a new model is shown from and where a reset
    /// goes.
    home_view: CameraOrbit,
    /// While a still is drawn: the backdrop and camera to return to.
    still_restore: Option<(Backdrop, OrbitCamera, LidMotion)>,
    dirty: bool,
    last_frame_ms: Option<f64>,
    frames_drawn: u32,
    /// Set by a new model: after its first frame, build the pipelines the shopper's next
    /// choices need ([`Renderer::prepare_ahead`]).
    prepare_ahead: bool,
}

#[wasm_bindgen]
impl Viewer {
    /// Creates a viewer on `canvas` with this build's backend: WebGPU in the lean build,
    /// WebGL2 in the `webgl` build. Rejects with code `render-no-adapter` when the browser
    /// offers none (the element then tries the other build on a fresh canvas).
    pub async fn create(canvas: HtmlCanvasElement) -> Result<Viewer, JsValue> {
        let size = (canvas.width(), canvas.height());
        let (surface, renderer) =
            CanvasSurface::new(wgpu::SurfaceTarget::Canvas(canvas), size).await.map_err(|e| to_js_error(e.into()))?;
        Ok(Viewer {
            surface,
            renderer,
            scene: Scene::new(),
            camera: OrbitCamera::default(),
            settings: FrameSettings::default(),
            home_view: CameraOrbit::default(),
            still_restore: None,
            dirty: true,
            last_frame_ms: None,
            frames_drawn: 0,
            prepare_ahead: false,
        })
    }

    /// "WebGPU" or "WebGL2".
    pub fn backend(&self) -> String {
        self.surface.context().backend_description()
    }

    /// Loads a .glb/.gltf. `uris[i]` names the external file whose bytes are `files[i]` (see
    /// `externalUris`). The model's images come decoded by the browser (see `embeddedImages`):
    /// `sizes` holds `index, width, height` for each RGBA8 `pixels[i]`; its compressed views
    /// come decoded by the decoder module (see `compressedViews`): `views[i]` is the buffer view
    /// whose bytes are `decodedViews[i]`. On error the previous model stays on screen.
    #[wasm_bindgen(js_name = loadModel)]
    #[allow(clippy::too_many_arguments)] // the wasm boundary: flat lists, no JS objects to unpack
    pub fn load_model(
        &mut self,
        bytes: &[u8],
        uris: Vec<String>,
        files: Vec<Uint8Array>,
        sizes: Vec<u32>,
        pixels: Vec<Uint8Array>,
        views: Vec<u32>,
        #[wasm_bindgen(js_name = decodedViews)] decoded_views: Vec<Uint8Array>,
    ) -> Result<(), JsValue> {
        let external = external_files(uris, &files);
        let images = sizes
            .chunks_exact(3)
            .zip(&pixels)
            .map(|(size, rgba)| (size[0] as usize, Image { width: size[1], height: size[2], rgba8: rgba.to_vec() }))
            .collect();
        let views = views.iter().zip(&decoded_views).map(|(&view, bytes)| (view as usize, bytes.to_vec())).collect();
        let decoded = Decoded { images, views };
        let model =
            load_gltf_with(bytes, &external, &decoded, &self.load_budget()).map_err(|e| to_js_error(e.into()))?;
        self.show_model(model, false);
        Ok(())
    }

    /// Shows a pendant made on the page (a cut-out from `Engraver.cut`: one self-contained
    /// .glb), keeping the shopper's view direction when it replaces one: typing a name turns
    /// nothing. Rejects with the model's coded error.
    #[wasm_bindgen(js_name = loadMadeModel)]
    pub fn load_made_model(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        let model = load_gltf_with(bytes, &ExternalResources::new(), &Decoded::default(), &self.load_budget())
            .map_err(|e| to_js_error(e.into()))?;
        let keep_view = self.scene.model().is_some();
        self.show_model(model, keep_view);
        Ok(())
    }

    /// Opens (true) or closes a locket, animated; a model without a hinge ignores it.
    #[wasm_bindgen(js_name = setOpen)]
    pub fn set_open(&mut self, open: bool) {
        self.scene.set_open(open);
        self.last_frame_ms = None;
        self.dirty = true;
    }

    /// How many stones the current model holds (its gem slots).
    #[wasm_bindgen(js_name = stoneSettings)]
    pub fn stone_settings(&self) -> usize {
        self.scene.analysis().gems.len()
    }

    /// Whether the current model opens (has a hinge).
    #[wasm_bindgen(js_name = canOpen)]
    pub fn can_open(&self) -> bool {
        !self.scene.analysis().hinges.is_empty()
    }

    /// The engraving sides the current model offers (front, back, …).
    #[wasm_bindgen(js_name = engravingSides)]
    pub fn engraving_sides(&self) -> Vec<String> {
        self.scene.analysis().engraving.iter().map(|slot| slot.side.clone()).collect()
    }

    /// The engraving area on `side` of the current model as `[widthMm, heightMm, round]`
    /// (round: 1 when the lettering keeps inside the inscribed ellipse), for the engraving
    /// module to lay out in; `undefined` when the model has no such side.
    #[wasm_bindgen(js_name = engravingArea)]
    pub fn engraving_area(&self, side: &str) -> Option<Vec<f32>> {
        let analysis = self.scene.analysis();
        let area = analysis.engraving[analysis.engraving_index(side)?].area;
        Some(vec![area.size_mm.x, area.size_mm.y, if area.round { 1.0 } else { 0.0 }])
    }

    /// Cuts the height field the engraving module made (`width` × `height` pixels at
    /// `pixels_per_mm`, row-major from the top: 0 surface … 255 bottom of the cut) into `side`
    /// of the current model, its floor `finish` (bright or oxidized); `width` 0 clears the side.
    /// Rejects with `engraving-unknown-option`, `engraving-no-area` or `engraving-bad-field`;
    /// then the previous engraving stays.
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
        let cut = (width > 0).then_some(Cut {
            field: HeightField { width, height, pixels_per_mm, pixels, thinnest_stroke_mm: None },
            finish,
        });
        self.scene.set_engraving(side, cut).map_err(js)?;
        self.sync();
        Ok(())
    }

    /// Resizes the drawing buffer (device pixels), clamped to the device's texture limit.
    /// Returns the size actually used, as `[width, height]`.
    pub fn resize(&mut self, width: u32, height: u32) -> Vec<u32> {
        let ((width, height), changed) = self.surface.resize(width, height);
        self.dirty |= changed;
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
        self.scene.set_chain(chain);
        self.sync();
        Ok(())
    }

    /// Shows the pendant in the studio (`mode` `studio` or empty) or worn on a display bust
    /// (`worn`) of `body` (`32`, `35`, `38`: the neck in cm, or `small`, `medium`, `large`;
    /// empty: medium), on its chain (18 in cable unless one is chosen). The camera frames the
    /// new view from the author's view. Rejects with `view-mode-invalid` or
    /// `body-size-invalid`, keeping the current view.
    #[wasm_bindgen(js_name = setViewMode)]
    pub fn set_view_mode(&mut self, mode: &str, body: &str) -> Result<(), JsValue> {
        let mode: ViewMode = mode.parse().map_err(|e: WornError| to_js_error(e.into()))?;
        let body: BodySize = body.parse().map_err(|e: WornError| to_js_error(e.into()))?;
        if (mode, body) != (self.scene.view(), self.scene.body()) {
            self.scene.set_view(mode, body);
            self.frame_anew();
        }
        Ok(())
    }

    /// A coin beside the pendant in the studio, for scale: `us-quarter`, `euro`, `uk-pound`,
    /// or `none`/empty. Rejects with `size-reference-invalid`, keeping the current one.
    #[wasm_bindgen(js_name = setSizeReference)]
    pub fn set_size_reference(&mut self, coin: &str) -> Result<(), JsValue> {
        let coin: SizeReference = coin.parse().map_err(|e: SizeReferenceError| to_js_error(e.into()))?;
        if coin.0 != self.scene.size_reference() {
            self.scene.set_size_reference(coin.0);
            self.frame_anew();
        }
        Ok(())
    }

    /// The pendant's size in mm, closed: `[width, height, thickness]` without its rings and
    /// bails, then the same with them (empty without a model).
    pub fn dimensions(&self) -> Vec<f32> {
        self.scene.model().map_or_else(Vec::new, |model| {
            let size = dimensions(model);
            let (p, b) = (size.pendant, size.with_bail);
            vec![p.width_mm, p.height_mm, p.thickness_mm, b.width_mm, b.height_mm, b.thickness_mm]
        })
    }

    /// The metal's volume and its weight in each metal, as JSON (`weight_unknown` naming the
    /// part that is not closed); empty without a model. Measured once per model and variant.
    #[wasm_bindgen(js_name = metalWeight)]
    pub fn metal_weight(&self) -> String {
        self.scene.metal_volume().map_or_else(String::new, |volume| weight_json(volume).to_string())
    }

    /// The pendant seen from the front, closed: each front-facing triangle as three (x, y)
    /// points in mm, for the proof's true-size outline; empty without a model.
    #[wasm_bindgen(js_name = frontTriangles)]
    pub fn front_triangles(&self) -> Vec<f32> {
        self.scene.model().map_or_else(Vec::new, front_triangles)
    }

    /// The worn view in words ("Worn on a 35 cm neck, 18-inch chain, at the collarbone");
    /// empty in the studio.
    #[wasm_bindgen(js_name = wornDescription)]
    pub fn worn_description(&self) -> String {
        self.scene.worn().map_or_else(String::new, |worn| {
            let chain = self.scene.worn_chain();
            format!(
                "Worn on a {} cm neck, {}-inch {} chain, {}",
                self.scene.body().neck_cm(),
                chain.length_in,
                chain.style,
                worn.place.words()
            )
        })
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
        self.scene.set_finish(parse_optional::<Finish>(finish)?);
        self.sync();
        Ok(())
    }

    /// Sets a stone (`ruby`, `blue-zircon`, …) into every gem slot of the model and of later
    /// models; an empty string leaves the settings empty. Rejects with code `stone-unknown`.
    #[wasm_bindgen(js_name = setStone)]
    pub fn set_stone(&mut self, stone: &str) -> Result<(), JsValue> {
        self.scene.set_stone(parse_optional::<Stone>(stone)?);
        self.sync();
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
        self.scene.model().is_some()
    }

    /// Advances animation to `now_ms` (a `requestAnimationFrame` timestamp) and draws if
    /// anything changed. Returns whether another frame is wanted (auto-rotation, a lid on its
    /// way): when false, the element stops its loop until the next input (render on demand).
    pub fn frame(&mut self, now_ms: f64) -> bool {
        let dt_s = self.last_frame_ms.map_or(0.0, |last| ((now_ms - last) / 1000.0) as f32);
        self.last_frame_ms = Some(now_ms);
        if self.camera.advance(dt_s) {
            self.dirty = true;
        }
        let opening = self.scene.advance(dt_s);
        if opening {
            // The camera backs away as the lid swings out, and closes in as it shuts.
            if let Some(bounds) = self.scene.framing_bounds() {
                self.camera.reframe(&bounds);
            }
        }
        self.sync();
        if self.dirty {
            self.draw();
        }
        self.camera.auto_rotate_rad_per_s != 0.0 || opening
    }

    /// Draws the current view (or the view `orbit`, a `camera-orbit` value, when not empty)
    /// at `width` × `height` device pixels (the canvas element must already have that size),
    /// on a transparent backdrop if asked, a locket's lid at `lid` (0 closed … 1 open; not a
    /// number: as it is), for the page to copy out of the canvas in the same task; `endStill`
    /// then restores the view and the lid. Nothing reaches the screen in between (the browser
    /// composites after the task). Rejects with `still-size-invalid` beyond the device's
    /// texture limit or `camera-orbit-invalid`.
    #[wasm_bindgen(js_name = renderStill)]
    pub fn render_still(
        &mut self,
        width: u32,
        height: u32,
        transparent: bool,
        orbit: &str,
        lid: f32,
    ) -> Result<(), JsValue> {
        self.surface.check_still_size(width, height).map_err(|e| to_js_error(e.into()))?;
        let orbit = parse_optional::<CameraOrbit>(orbit)?;
        let lid_now = self.scene.lid_motion();
        self.still_restore.get_or_insert_with(|| (self.settings.background, self.camera.clone(), lid_now));
        if lid.is_finite() {
            self.scene.set_opening(lid);
            if let Some(bounds) = self.scene.framing_bounds() {
                self.camera.reframe(&bounds); // an open locket is wider: framed as it opens
            }
            self.sync();
        }
        if let Some(orbit) = orbit {
            self.camera.set_orbit_view(orbit);
        }
        self.surface.begin_still(width, height).map_err(|e| to_js_error(e.into()))?;
        if transparent {
            self.settings.background = Backdrop::Transparent;
        }
        let frames = self.frames_drawn; // a still is not a frame of the view
        self.draw();
        self.frames_drawn = frames;
        Ok(())
    }

    /// Back to the view's own size and backdrop after `renderStill`, redrawn at once.
    #[wasm_bindgen(js_name = endStill)]
    pub fn end_still(&mut self) {
        if let Some((background, camera, lid)) = self.still_restore.take() {
            self.camera = camera;
            self.settings.background = background;
            if lid != self.scene.lid_motion() {
                self.scene.restore_lid_motion(lid);
                self.sync();
            }
        }
        if self.surface.end_still() {
            let frames = self.frames_drawn; // the view drawn again as it was: no new frame
            self.draw();
            self.frames_drawn = frames;
        }
    }

    /// Whether a still of `width` × `height` can be drawn: each side within the device's
    /// texture limit and the whole within 25 MP. Rejects with `still-size-invalid`.
    #[wasm_bindgen(js_name = checkStillSize)]
    pub fn check_still_size(&self, width: u32, height: u32) -> Result<(), JsValue> {
        self.surface.check_still_size(width, height).map_err(|e| to_js_error(e.into()))
    }

    /// The first error the GPU device reported since the last call (a validation or
    /// out-of-memory error: a resource too large for this device) as a coded error
    /// (`render-device-error`), or `undefined`. The element treats one as a lost device.
    #[wasm_bindgen(js_name = takeDeviceError)]
    pub fn take_device_error(&self) -> Option<JsValue> {
        self.surface.take_device_error().map(|e| to_js_error(e.into()))
    }

    /// Whether the GPU device was lost: the element then starts a new viewer on a fresh canvas
    /// and applies the design again (WebGL context loss is seen by the element itself).
    #[wasm_bindgen(js_name = isLost)]
    pub fn is_lost(&self) -> bool {
        self.surface.is_lost()
    }

    /// GPU objects the page's wgpu holds for its users, where wgpu counts them: the WebGL2
    /// build. `undefined` on WebGPU, where the browser owns them. For soak tests.
    #[wasm_bindgen(js_name = liveGpuObjects)]
    pub fn live_gpu_objects(&self) -> Option<u32> {
        self.surface.live_gpu_objects()
    }

    /// Destroys the device as a driver reset would (tests of the recovery).
    #[wasm_bindgen(js_name = loseDeviceForTesting)]
    pub fn lose_device_for_testing(&self) {
        self.surface.lose_device_for_testing();
    }

    /// Asks the device for a buffer over its limit, as an oversized model or still would
    /// (tests of the uncaptured-error handler: wgpu's default one panics on WebGL2).
    #[wasm_bindgen(js_name = provokeDeviceErrorForTesting)]
    pub fn provoke_device_error_for_testing(&self) {
        self.surface.provoke_device_error_for_testing();
    }

    /// Frames actually drawn so far (render on demand: idle frames are not drawn).
    #[wasm_bindgen(getter, js_name = framesDrawn)]
    pub fn frames_drawn(&self) -> u32 {
        self.frames_drawn
    }
}

impl Viewer {
    /// Uploads what changed in the scene; the next frame draws it.
    pub(super) fn sync(&mut self) {
        let changes = self.scene.take_changes();
        if changes.any() {
            let context = self.surface.context();
            self.renderer.sync(&context.device, &context.queue, &self.scene, &changes);
            self.dirty = true;
        }
    }

    fn draw(&mut self) {
        let (renderer, camera, settings) = (&mut self.renderer, &self.camera, &self.settings);
        let drawn = self.surface.present(|context, view, size| {
            renderer.render(&context.device, &context.queue, view, size, camera, settings);
        });
        if !drawn {
            return; // stays dirty: drawn on the next frame
        }
        self.dirty = false;
        self.frames_drawn = self.frames_drawn.wrapping_add(1);
        // Queued behind the frame, so the shopper sees the model before these compile.
        if std::mem::take(&mut self.prepare_ahead) {
            let device = &self.surface.context().device;
            self.renderer.prepare_ahead(device, &self.scene);
        }
    }
}

impl Viewer {
    /// Frames what the scene shows now (a new model or view, a coin added) from the author's
    /// view, and uploads it.
    fn frame_anew(&mut self) {
        let auto_rotate = self.camera.auto_rotate_rad_per_s;
        if let Some(bounds) = self.scene.framing_bounds() {
            self.camera = OrbitCamera::framing(&bounds, 0.0, 0.0);
        }
        self.camera.auto_rotate_rad_per_s = auto_rotate;
        self.camera.set_home_view(self.home_view);
        self.sync();
        self.dirty = true;
    }

    /// Puts `model` in the scene, framed, from the home view or (`keep_view`) the direction
    /// the shopper is looking from now.
    fn show_model(&mut self, model: crate::model::PendantModel, keep_view: bool) {
        for warning in &model.warnings {
            web_sys::console::warn_1(&warning.into());
        }
        let view = (self.camera.yaw_rad, self.camera.pitch_rad);
        self.scene.set_model(model);
        self.frame_anew();
        if keep_view {
            (self.camera.yaw_rad, self.camera.pitch_rad) = view;
        }
        self.prepare_ahead = true;
        self.last_frame_ms = None;
    }
}
