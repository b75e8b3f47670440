//! The listing an auditor reads in a terminal.

use std::fmt::Write;

use crate::audit::AuditRun;
use crate::findings::Lang;

pub fn render(run: &AuditRun, lang: Lang) -> String {
    let mut out = String::new();
    for file in &run.files {
        let _ = writeln!(out, "{} [{}]", file.path, file.status.as_str());
        for f in &file.findings {
            let _ = writeln!(
                out,
                "  {}: {} {}",
                f.location.line,
                f.rule,
                f.message.get(lang)
            );
        }
    }
    out
}
