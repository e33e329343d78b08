//! Contracts checked rather than copied: the error codes the crate and the element can raise
//! against docs/errors.md, both ways. A new code fails here until it is documented; a
//! documented code nothing raises any more fails too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![repo(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A code's shape: lower-case words joined by hyphens, at least two.
fn is_code(text: &str) -> bool {
    text.split('-').count() >= 2 && text.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The quoted literals (`quote` delimited) in `text`, with their byte offsets.
fn literals(text: &str, quote: char) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find(quote) {
        let after = &rest[start + 1..];
        let Some(end) = after.find([quote, '\n']) else { break };
        if after[end..].starts_with(quote) {
            found.push((offset + start + 1, &after[..end]));
        }
        let consumed = start + 1 + end + 1;
        offset += consumed.min(rest.len());
        rest = &rest[consumed.min(rest.len())..];
    }
    found
}

/// Codes returned by every `fn code(&self)` in src/ (each body up to its closing brace).
fn rust_codes() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for path in files("src", "rs") {
        let text = std::fs::read_to_string(&path).expect("source");
        for (at, _) in text.match_indices("fn code(&self)") {
            let indent = text[..at].rsplit('\n').next().unwrap_or("").len();
            let close = format!("\n{}}}", " ".repeat(indent));
            let body = &text[at..at + text[at..].find(&close).expect("end of fn code")];
            codes.extend(literals(body, '"').into_iter().map(|(_, l)| l).filter(|l| is_code(l)).map(String::from));
        }
    }
    codes
}

/// Codes the element raises itself: literals passed to `codedError(…)` or `lazyModule(…)`,
/// assigned to `.code`, or given as a fetch's `failed:` code.
fn element_codes() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for path in files("www", "js").into_iter().filter(|p| !p.components().any(|c| c.as_os_str() == "pkg")) {
        let text = std::fs::read_to_string(&path).expect("source");
        for (at, literal) in literals(&text, '\'') {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start.max(at.saturating_sub(90))..at];
            let raised = ["codedError(", ".code = ", "failed: ", "lazyModule("].iter().any(|cue| before.contains(cue));
            if raised && is_code(literal) {
                codes.insert(literal.to_string());
            }
        }
    }
    codes
}

/// The codes docs/errors.md lists: the first column of its tables.
fn documented_codes() -> BTreeSet<String> {
    let text = std::fs::read_to_string(repo("docs/errors.md")).expect("docs/errors.md");
    text.lines()
        .filter_map(|line| line.strip_prefix("| `")?.split('`').next())
        .filter(|code| is_code(code))
        .map(String::from)
        .collect()
}

#[test]
fn every_code_raised_is_documented() {
    let documented = documented_codes();
    let rust = rust_codes();
    let element = element_codes();
    assert!(
        rust.len() > 40 && element.len() > 8,
        "the scan finds codes: {} in Rust, {} in JS",
        rust.len(),
        element.len()
    );
    let missing: Vec<_> = rust.union(&element).filter(|code| !documented.contains(*code)).collect();
    assert!(missing.is_empty(), "raised but not in docs/errors.md: {missing:?}");
}

#[test]
fn every_documented_code_is_raised() {
    let raised: BTreeSet<_> = rust_codes().union(&element_codes()).cloned().collect();
    let stale: Vec<_> = documented_codes().into_iter().filter(|code| !raised.contains(code)).collect();
    assert!(stale.is_empty(), "in docs/errors.md but raised nowhere: {stale:?}");
}

#[test]
fn the_declarations_name_every_code() {
    let declarations = std::fs::read_to_string(repo("www/pendant-viewer.d.ts")).expect("www/pendant-viewer.d.ts");
    let union = declarations.split("export type ErrorCode =").nth(1).expect("an ErrorCode union in the .d.ts");
    let union = &union[..union.find(';').expect("end of the union")];
    let declared: BTreeSet<_> = literals(union, '\'').into_iter().map(|(_, l)| l.to_string()).collect();
    assert_eq!(declared, documented_codes(), "ErrorCode in pendant-viewer.d.ts and docs/errors.md differ");
}

/// The layers (docs/architecture.md): web and native → gpu → scene → the pure rooms, never
/// back up; wgpu only in gpu/ and web/, the browser's crates only in web/.
#[test]
fn dependencies_point_down_the_layers() {
    let layer_of = |path: &Path| -> &'static str {
        let relative = path.strip_prefix(repo("src")).expect("under src");
        match relative.components().next().and_then(|c| c.as_os_str().to_str()) {
            Some("web") => "web",
            Some("native") | Some("bin") => "native",
            Some("gpu") => "gpu",
            Some("scene") => "scene",
            Some("lib.rs") | Some("error.rs") => "root",
            _ => "pure",
        }
    };
    let forbidden = |layer: &str| -> &'static [&'static str] {
        match layer {
            "pure" => {
                &["crate::scene", "crate::gpu", "crate::web", "crate::native", "crate::Error", "crate::error", "wgpu::"]
            }
            "scene" => &["crate::gpu", "crate::web", "crate::native", "crate::Error", "wgpu::"],
            "gpu" => &["crate::web", "crate::native", "web_sys", "js_sys", "wasm_bindgen"],
            "native" => &["crate::web", "web_sys", "js_sys", "wasm_bindgen"],
            _ => &[],
        }
    };
    let mut violations = Vec::new();
    for path in files("src", "rs") {
        let layer = layer_of(&path);
        let text = std::fs::read_to_string(&path).expect("source");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in forbidden(layer) {
                if code.contains(word) {
                    violations.push(format!("{}:{}: {layer} uses {word}", path.display(), number + 1));
                }
            }
        }
    }
    assert!(violations.is_empty(), "arrows running back up:\n{}", violations.join("\n"));
}

/// The rooms of src/ (a top-level file or folder) and the rooms each names through `crate::`,
/// test modules left out.
fn room_imports() -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let mut rooms = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
    for path in files("src", "rs") {
        let relative = path.strip_prefix(repo("src")).expect("under src");
        let room = relative.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("");
        let room = room.trim_end_matches(".rs").to_string();
        if room == "bin" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let mut names = BTreeSet::new();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                names.extend(group.split(',').filter_map(|part| part.trim().split("::").next()).map(str::to_string));
            } else {
                names.insert(rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect());
            }
        }
        names.retain(|name| !name.is_empty() && *name != room);
        rooms.entry(room).or_default().extend(names);
    }
    rooms
}

#[test]
fn rooms_form_no_circle() {
    let rooms = room_imports();
    assert!(rooms.len() > 12 && rooms["scene"].contains("model"), "the scan sees the rooms: {rooms:?}");
    // Depth-first search for a way back to where it started.
    for start in rooms.keys() {
        let mut stack = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            for next in rooms.get(path.last().expect("a room")).into_iter().flatten() {
                assert!(next != start, "a circle: {} → {start}", path.join(" → "));
                if !path.contains(next) {
                    stack.push([path.clone(), vec![next.clone()]].concat());
                }
            }
        }
    }
}
