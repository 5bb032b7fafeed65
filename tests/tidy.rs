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
