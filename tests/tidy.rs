//! Architecture invariants (ARCHITECTURE.md), checked on the source text.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `domain` is pure: no browser, no clock, no global RNG, no I/O.
#[test]
fn domain_never_touches_the_outside_world() {
    let forbidden = [
        "leptos",
        "web_sys",
        "wasm_bindgen",
        "js_sys",
        "gloo",
        "std::time",
        "SystemTime",
        "Instant",
        "thread_rng",
        "rand::rng()",
        "OsRng",
        "from_entropy",
        "from_os_rng",
        "Local::now",
        "Utc::now",
        "std::fs",
        "std::net",
        "std::env",
        "crate::ui",
    ];
    let mut found = Vec::new();
    for file in rust_files(&src().join("domain")) {
        let text = fs::read_to_string(&file).expect("source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "domain must stay pure:\n{}",
        found.join("\n")
    );
}

/// Browser APIs for files, storage and downloads live in ui/io.rs only
/// (components may name DOM element types to read events).
#[test]
fn storage_and_downloads_only_in_io() {
    let mut found = Vec::new();
    for file in rust_files(&src().join("ui")) {
        if file.ends_with("io.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).expect("source");
        for word in [
            "local_storage",
            "create_object_url",
            "array_buffer",
            "set_timeout",
        ] {
            if text.contains(word) {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "use ui::io instead:\n{}",
        found.join("\n")
    );
}

/// Every module says what it is for in its first line.
#[test]
fn every_module_opens_with_a_doc_comment() {
    let missing: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|f| !fs::read_to_string(f).expect("source").starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "add a //! line to:\n{}",
        missing.join("\n")
    );
}

/// The code of a line: what precedes a `//` comment.
fn code_of(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Every visible text comes from the translation layer: no Chinese in code
/// outside `i18n`, no language switch outside it, no inline `tr(zh, en)`.
#[test]
fn no_inline_text_outside_the_translation_layer() {
    let mut found = Vec::new();
    for dir in ["ui", "charts", "engine"] {
        for file in rust_files(&src().join(dir)) {
            let text = fs::read_to_string(&file).expect("source");
            // Unit tests may hold sample text (charts draw Chinese labels).
            let shipped = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in shipped.lines().enumerate() {
                let code = code_of(line);
                let why = if code.chars().any(is_cjk) {
                    Some("Chinese text")
                } else if code.contains("Lang::Zh") || code.contains("Lang::En") {
                    Some("a match on the language")
                } else if code.contains(" tr(") || code.contains("(tr(") {
                    Some("an inline translation")
                } else {
                    None
                };
                if let Some(why) = why {
                    found.push(format!("{}:{}: {why}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "put texts in src/i18n:\n{}",
        found.join("\n")
    );
}

/// Shared widgets never import a feature.
#[test]
fn components_never_import_a_feature() {
    let features = [
        "ui::data",
        "ui::segments",
        "ui::panorama",
        "ui::campaigns",
        "ui::planner",
        "ui::report",
        "ui::value",
    ];
    let mut found = Vec::new();
    for file in rust_files(&src().join("ui").join("components")) {
        let text = fs::read_to_string(&file).expect("source");
        for f in features {
            if text.contains(f) {
                found.push(format!("{}: {f}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "components import features:\n{}",
        found.join("\n")
    );
}

/// One component per file, the file named after it.
#[test]
fn one_component_per_file() {
    let mut found = Vec::new();
    for file in rust_files(&src().join("ui")) {
        let text = fs::read_to_string(&file).expect("source");
        let names: Vec<&str> = text
            .split("#[component]")
            .skip(1)
            // The item right after the attribute, `pub` or not.
            .filter_map(|rest| {
                let item = rest.trim_start();
                let item = item.strip_prefix("pub ").unwrap_or(item);
                item.strip_prefix("fn ")
            })
            .filter_map(|rest| rest.split('(').next())
            .collect();
        if names.len() > 1 {
            found.push(format!("{}: {}", file.display(), names.join(", ")));
        }
        if let [name] = names.as_slice() {
            let snake: String = name
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let lower = c.to_ascii_lowercase();
                    if c.is_ascii_uppercase() && i > 0 {
                        vec!['_', lower]
                    } else {
                        vec![lower]
                    }
                })
                .collect();
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if stem != snake {
                found.push(format!(
                    "{}: holds {name}, expected {snake}.rs",
                    file.display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "one component per file:\n{}",
        found.join("\n")
    );
}

/// Views render and dispatch: the heavy computations (import, segmentation,
/// KPIs, cohorts, simulations, exports) run in the engine, never in `ui`.
#[test]
fn views_leave_the_computing_to_the_engine() {
    let heavy = [
        "ingest::open",
        "Importer",
        "DemoGenerator",
        "segmentation::segment",
        "kpi::dashboard",
        "stage_flow(",
        "cohorts(",
        "compare(",
        "simulate(",
        "monte_carlo(",
        "sensitivity(",
        "customers_csv",
        "campaigns_csv",
        "plan_csv",
        "data_inputs(",
        // JSON is the engine's: the page's messages and storage are postcard,
        // which keeps serde_json out of the page's WebAssembly.
        "serde_json",
        "from_json",
        "to_json",
        "link_param",
        // The value models fit in the engine.
        "value::fit",
        "fit_and_score",
    ];
    let mut found = Vec::new();
    for file in rust_files(&src().join("ui")) {
        let text = fs::read_to_string(&file).expect("source");
        for (n, line) in text.lines().enumerate() {
            for word in heavy {
                if code_of(line).contains(word) {
                    found.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "ask the engine instead:\n{}",
        found.join("\n")
    );
}

/// The translation layer and the engine stay free of the browser UI
/// framework (both run without it: the engine in a worker, i18n natively).
#[test]
fn engine_and_i18n_never_use_leptos() {
    let mut found = Vec::new();
    for dir in ["engine", "i18n"] {
        for file in rust_files(&src().join(dir)) {
            let text = fs::read_to_string(&file).expect("source");
            if text.contains("leptos") || text.contains("crate::ui") {
                found.push(file.display().to_string());
            }
        }
    }
    assert!(
        found.is_empty(),
        "no leptos or ui here:\n{}",
        found.join("\n")
    );
}
