//! Where start-up time goes: how long each regular expression takes to
//! compile. Prints (1) the time to load the shipped rule files and compile
//! them into checks, (2) each string parameter of the rule files that is a
//! valid pattern, and (3) each pattern
//! literal in `Regex::new(r"…")` of the sources (the checks' statics and
//! the patterns they build), costliest first.
//!
//! Usage: cargo run --release --example regex_costs [-- MIN_MS]
//! (lines under MIN_MS milliseconds, default 1, are summed, not listed)

use std::path::Path;
use std::time::{Duration, Instant};

use lkjip_audit::rules::RuleSet;
use lkjip_audit::rules::checks::compile;

fn main() {
    let min_ms: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1.0);
    // What a process pays first: the rule files loaded (each rule built
    // once to validate it, its patterns compiled and cached) and compiled.
    let start = Instant::now();
    let rules = match RuleSet::defaults() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let loaded = start.elapsed();
    let start = Instant::now();
    let compiled = compile(&rules);
    println!(
        "rule files loaded in {:.1} ms, {} checks compiled in {:.1} ms\n",
        loaded.as_secs_f64() * 1e3,
        compiled.checks.len(),
        start.elapsed().as_secs_f64() * 1e3
    );

    // Patterns first, in a fresh cache-less way (plain Regex::new), so that
    // each is timed alone.
    let mut params = Vec::new();
    for rule in &rules.rules {
        let mut strings = Vec::new();
        strings_of(&toml::Value::Table(rule.params.clone()), "", &mut strings);
        for (key, text) in strings {
            if let Some(t) = time_compile(&text) {
                params.push((t, format!("{} {key}", rule.id), text));
            }
        }
    }
    report("rule-file parameters (each compiled alone)", params, min_ms);

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut literals = Vec::new();
    let mut unread = 0;
    for file in rust_files(&root) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (line, pattern) in regex_literals(&text, &mut unread) {
            if let Some(t) = time_compile(&pattern) {
                literals.push((t, format!("src/{shown}:{line}"), pattern));
            }
        }
    }
    report("pattern literals in the sources", literals, min_ms);
    if unread > 0 {
        println!("({unread} Regex::new calls with a built or escaped pattern not timed)");
    }
}

/// Compile time of `pattern` (the least of three, the machine being
/// shared), or None if it is not a valid pattern (a plain word compiles too,
/// and is cheap: listed only above the threshold), compiled as a code
/// pattern and a rule file's whole one are (`pattern::compile`).
fn time_compile(pattern: &str) -> Option<Duration> {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            lkjip_audit::pattern::compile(pattern).ok()?;
            Some(start.elapsed())
        })
        .min()
        .flatten()
}

fn report(title: &str, mut rows: Vec<(Duration, String, String)>, min_ms: f64) {
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    let total: Duration = rows.iter().map(|r| r.0).sum();
    println!(
        "== {title}: {} in {:.1} ms",
        rows.len(),
        total.as_secs_f64() * 1e3
    );
    let mut rest = (0, Duration::ZERO);
    for (t, name, text) in rows {
        let ms = t.as_secs_f64() * 1e3;
        if ms >= min_ms {
            let text: String = text.chars().take(100).collect();
            println!("{ms:8.2} ms  {name}  {text}");
        } else {
            rest.0 += 1;
            rest.1 += t;
        }
    }
    println!(
        "{:8.2} ms  the other {} under {min_ms} ms\n",
        rest.1.as_secs_f64() * 1e3,
        rest.0
    );
}

/// Every string in a TOML value, with its key path.
fn strings_of(value: &toml::Value, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((key.to_string(), s.clone())),
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings_of(v, &format!("{key}[{i}]"), out);
            }
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                let k = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                strings_of(v, &k, out);
            }
        }
        _ => {}
    }
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The raw-string literals passed to `pattern::compile(` or `Regex::new(`
/// (`r"…"`, `r#"…"#`), with their line; other arguments are counted in
/// `unread`.
fn regex_literals(text: &str, unread: &mut usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for needle in ["pattern::compile(", "Regex::new("] {
        literals_after(text, needle, unread, &mut out);
    }
    out.sort_by_key(|(line, _)| *line);
    out
}

fn literals_after(text: &str, needle: &str, unread: &mut usize, out: &mut Vec<(usize, String)>) {
    let mut from = 0;
    while let Some(at) = text[from..].find(needle) {
        let start = from + at + needle.len();
        from = start;
        let rest = text[start..].trim_start();
        let line = text[..start].matches('\n').count() + 1;
        let hashes = if rest.starts_with("r#\"") {
            1
        } else if rest.starts_with("r\"") {
            0
        } else {
            *unread += 1;
            continue;
        };
        let body = &rest[2 + hashes..];
        let end = format!("\"{}", "#".repeat(hashes));
        if let Some(stop) = body.find(&end) {
            out.push((line, body[..stop].to_string()));
        }
    }
}
