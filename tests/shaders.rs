//! Every WGSL module parses and validates with naga (no GPU needed), with the same
//! capabilities WebGL2 offers, so a shader error is caught by `cargo test`, not by a browser.

use pendant_viewer::gpu::{
    BACKDROP_SHADER_SOURCE, GEM_SHADER_SOURCE, PBR_SHADER_SOURCE, PHOTO_SHADER_SOURCE, SHADOW_SHADER_SOURCE,
};

/// (stage, entry point) pairs of one module.
type EntryPoints = &'static [(naga::ShaderStage, &'static str)];

/// Every shader module the renderer builds: name, source, entry points.
const MODULES: &[(&str, &str, EntryPoints)] = &[
    ("pbr", PBR_SHADER_SOURCE, &[(naga::ShaderStage::Vertex, "vs_main"), (naga::ShaderStage::Fragment, "fs_main")]),
    (
        "photo",
        PHOTO_SHADER_SOURCE,
        &[(naga::ShaderStage::Vertex, "photo_vs"), (naga::ShaderStage::Fragment, "photo_fs")],
    ),
    ("gem", GEM_SHADER_SOURCE, &[(naga::ShaderStage::Vertex, "gem_vs"), (naga::ShaderStage::Fragment, "gem_fs")]),
    (
        "shadow",
        SHADOW_SHADER_SOURCE,
        &[(naga::ShaderStage::Vertex, "shadow_vs"), (naga::ShaderStage::Fragment, "shadow_fs")],
    ),
    (
        "backdrop",
        BACKDROP_SHADER_SOURCE,
        &[(naga::ShaderStage::Vertex, "backdrop_vs"), (naga::ShaderStage::Fragment, "backdrop_fs")],
    ),
];

/// Parses and validates `source`; the error is naga's readable report.
fn validate(source: &str) -> Result<naga::Module, String> {
    let module = naga::front::wgsl::parse_str(source).map_err(|error| error.emit_to_string(source))?;
    // WebGL2 (GLES 3.0) has no storage buffers or compute; our shaders need neither.
    let capabilities = naga::valid::Capabilities::empty();
    naga::valid::Validator::new(naga::valid::ValidationFlags::all(), capabilities)
        .validate(&module)
        .map_err(|error| error.emit_to_string(source))?;
    Ok(module)
}

#[test]
fn every_shader_validates() {
    for (name, source, entry_points) in MODULES {
        let module = validate(source).unwrap_or_else(|report| panic!("{name} shader:\n{report}"));
        for (_, entry_point) in *entry_points {
            assert!(module.entry_points.iter().any(|e| e.name == *entry_point), "{name} lacks {entry_point}");
        }
    }
}

#[test]
fn a_broken_shader_is_reported() {
    let broken = PBR_SHADER_SOURCE.replace("fn tonemap_pbr_neutral", "fn tonemap_pbr_neutral_renamed");
    let report = validate(&broken).expect_err("a called function is missing");
    assert!(report.contains("tonemap_pbr_neutral"), "{report}");
}

#[test]
fn every_shader_translates_to_glsl_es_300_for_webgl2() {
    for (name, source, entry_points) in MODULES {
        translate_to_glsl(name, source, entry_points);
    }
}

fn translate_to_glsl(name: &str, source: &str, entry_points: &[(naga::ShaderStage, &str)]) {
    let module = naga::front::wgsl::parse_str(source).expect("parses");
    let info = naga::valid::Validator::new(naga::valid::ValidationFlags::all(), naga::valid::Capabilities::empty())
        .validate(&module)
        .expect("validates");
    // Pipelines set the override constants (material features, the engraving pass, sRGB
    // encoding), and wgpu translates each pipeline's settings: translate all off, all on, and
    // each one alone.
    let names: Vec<&str> = module.overrides.iter().filter_map(|(_, o)| o.name.as_deref()).collect();
    let with = |on: &dyn Fn(&str) -> bool| names.iter().map(|&n| (n, if on(n) { 1.0 } else { 0.0 })).collect();
    let mut settings: Vec<Vec<(&str, f64)>> = vec![with(&|_| false), with(&|_| true)];
    settings.extend(names.iter().map(|&alone| with(&|n| n == alone)));
    for constants in &settings {
        let mut pipeline_constants = naga::back::PipelineConstants::default();
        for &(key, value) in constants {
            pipeline_constants.insert(key.to_string(), value);
        }
        for &(stage, entry_point) in entry_points {
            let (module, info) = naga::back::pipeline_constants::process_overrides(
                &module,
                &info,
                Some((stage, entry_point)),
                &pipeline_constants,
            )
            .unwrap_or_else(|e| panic!("{name} {entry_point} {constants:?}: {e}"));
            let options = naga::back::glsl::Options {
                version: naga::back::glsl::Version::Embedded { version: 300, is_webgl: true },
                ..Default::default()
            };
            let pipeline_options = naga::back::glsl::PipelineOptions {
                shader_stage: stage,
                entry_point: entry_point.to_string(),
                multiview: None,
            };
            let mut output = String::new();
            let mut writer = naga::back::glsl::Writer::new(
                &mut output,
                &module,
                &info,
                &options,
                &pipeline_options,
                naga::proc::BoundsCheckPolicies::default(),
            )
            .unwrap_or_else(|e| panic!("{name} {entry_point}: {e}"));
            writer.write().unwrap_or_else(|e| {
                panic!("{name} {entry_point} {constants:?} does not translate to GLSL ES 3.00: {e}")
            });
            assert!(output.starts_with("#version 300 es"), "{name} {entry_point}");
        }
    }
}

#[test]
fn shipped_shaders_carry_no_comments_or_indentation() {
    for (name, source, _) in MODULES {
        assert!(!source.contains("//") && !source.contains("/*"), "{name} shader keeps a comment");
        assert!(source.lines().all(|line| line == line.trim() && !line.is_empty()), "{name} shader keeps blank space");
    }
}
