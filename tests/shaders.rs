//! Every WGSL module parses and validates with naga (no GPU needed), with the same
//! capabilities WebGL2 offers, so a shader error is caught by `cargo test`, not by a browser.

use pendant_viewer::gpu::PBR_SHADER_SOURCE;

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
fn pbr_shader_validates() {
    let module = validate(PBR_SHADER_SOURCE).unwrap_or_else(|report| panic!("pbr shader:\n{report}"));
    for entry_point in ["vs_main", "fs_main"] {
        assert!(module.entry_points.iter().any(|e| e.name == entry_point), "lacks {entry_point}");
    }
}

#[test]
fn a_broken_shader_is_reported() {
    let broken = PBR_SHADER_SOURCE.replace("fn tonemap_pbr_neutral", "fn tonemap_pbr_neutral_renamed");
    let report = validate(&broken).expect_err("a called function is missing");
    assert!(report.contains("tonemap_pbr_neutral"), "{report}");
}

#[test]
fn pbr_shader_translates_to_glsl_es_300_for_webgl2() {
    let module = naga::front::wgsl::parse_str(PBR_SHADER_SOURCE).expect("parses");
    let info = naga::valid::Validator::new(naga::valid::ValidationFlags::all(), naga::valid::Capabilities::empty())
        .validate(&module)
        .expect("validates");
    for (stage, entry_point) in [(naga::ShaderStage::Vertex, "vs_main"), (naga::ShaderStage::Fragment, "fs_main")] {
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
        .unwrap_or_else(|e| panic!("{entry_point}: {e}"));
        writer.write().unwrap_or_else(|e| panic!("{entry_point} does not translate to GLSL ES 3.00: {e}"));
        assert!(output.starts_with("#version 300 es"), "{entry_point}");
    }
}
