//! `--format json`: the stable machine-readable contract (see README).

use serde_json::{Value, json};

use crate::audit::AuditRun;
use crate::findings::{Finding, Lang, Location};

fn location_json(l: &Location) -> Value {
    json!({"file": l.file, "page": l.page, "line": l.line})
}

pub fn finding_json(f: &Finding, lang: Lang) -> Value {
    json!({
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "file": f.location.file,
        "page": f.location.page,
        "line": f.location.line,
        "stated": f.stated,
        "expected": f.expected,
        "message": f.message.get(lang),
        "computation": f.computation.get(lang),
        "related": f.related.iter().map(location_json).collect::<Vec<_>>(),
        "excerpt": f.excerpt,
        "fingerprint": f.fingerprint(),
    })
}

pub fn to_json(run: &AuditRun, lang: Lang) -> Value {
    let files: Vec<Value> = run
        .files
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "kind": f.kind,
                "pages": f.pages,
                "status": f.status.as_str(),
                "message": f.message,
                "metadata": f.metadata,
            })
        })
        .collect();
    let findings: Vec<Value> = run.findings().map(|f| finding_json(f, lang)).collect();
    json!({
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "findings": findings,
        "hidden_by_baseline": run.hidden_by_baseline,
        "summary": super::summary::summarize(run),
    })
}

/// The JSON document as pretty-printed text.
pub fn render(run: &AuditRun, lang: Lang) -> String {
    // A `Value` built by `json!` always serialises.
    let mut text = serde_json::to_string_pretty(&to_json(run, lang)).unwrap_or_default();
    text.push('\n');
    text
}
