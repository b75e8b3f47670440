//! The pipeline reads left to right — discover → extract → structure → rules →
//! report — and no module reaches back up it: a stage names only the stages
//! before it and the shared ground below all of them. This test reads the
//! sources and fails on a `crate::` path that names a later stage.
//! (`#[cfg(test)]` code is held to the same rule, except that a rule's unit
//! tests may build their input with a reader.)

use std::fs;
use std::path::{Path, PathBuf};

/// Each stage and what it may name besides the ground and itself.
const STAGES: &[(&str, &[&str])] = &[
    ("discover", &[]),
    // Figures, dates and number words as text: read by structure and rules alike.
    ("facts", &[]),
    ("extract", &["discover"]),
    ("structure", &["discover", "extract", "facts"]),
    ("findings", &["facts"]),
    ("rules", &["structure", "facts", "findings", "config"]),
];

/// Below every stage: places, the output languages, budgets, file access,
/// error formatting, the hot loops' hasher, the code's patterns' compiler.
const GROUND: &[&str] = &[
    "location",
    "lang",
    "limits",
    "files",
    "file_error",
    "fasthash",
    "pattern",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The text of a source file without its `#[cfg(test)] mod … { … }` blocks.
fn without_test_modules(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // Skip to the end of the item: the matching brace of its first `{`.
        let Some(open) = after.find('{') else { break };
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn no_stage_names_a_later_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let path_re = regex::Regex::new(r"crate::([a-z_]+)").expect("pattern");
    let mut violations = Vec::new();
    for (stage, allowed) in STAGES {
        let mut files = Vec::new();
        sources(&src.join(stage), &mut files);
        let single = src.join(format!("{stage}.rs"));
        if single.exists() {
            files.push(single);
        }
        assert!(!files.is_empty(), "no sources for stage {stage}");
        for file in files {
            let text = fs::read_to_string(&file).expect("source readable");
            for (n, line) in without_test_modules(&text).lines().enumerate() {
                for m in path_re.captures_iter(line) {
                    let named = &m[1];
                    if named != *stage && !GROUND.contains(&named) && !allowed.contains(&named) {
                        violations.push(format!(
                            "{}:{}: {stage} names crate::{named}",
                            file.strip_prefix(&src).unwrap_or(&file).display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "stages reaching up the pipeline:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_check_sees_a_reach_up() {
    // The test above would be blind if the stripping of test modules ate real code.
    let text = "use crate::report::x;\n#[cfg(test)]\nmod tests {\n    use crate::audit::y;\n}\nfn f() {}\n";
    let kept = without_test_modules(text);
    assert!(kept.contains("crate::report"));
    assert!(!kept.contains("crate::audit"));
    assert!(kept.contains("fn f()"));
}
