//! One self-contained HTML file: the summary, a section per report and each
//! finding with its source line, the stated figure highlighted, stated vs
//! expected and the computation; filters by severity, category, rule and file.
//! No network, no external assets. Every text that comes from a document goes
//! through [`escape`], in element text and in attributes alike. Written as the
//! run goes (see [`HtmlWriter`]).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::ReportWriter;
use super::coverage_text as cov;
use super::summary::{CATEGORIES, RunSummary};
use crate::audit::FileReport;
use crate::coverage::Coverage;
use crate::findings::{Finding, Lang, OcrPages, Severity};

/// `path` with `.` and `..` resolved lexically, made absolute against the
/// current folder.
fn normalised(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The link from an HTML report in `folder` (None: the current folder) to
/// the audited file `target`: relative when both are under one root,
/// percent-encoded; absolute (as a `file:` URI) when not.
pub fn link_to(target: &str, folder: Option<&Path>) -> String {
    let target = normalised(Path::new(target));
    let folder = normalised(folder.unwrap_or(Path::new(".")));
    let t: Vec<Component> = target.components().collect();
    let f: Vec<Component> = folder.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return format!("file://{}", super::sarif::uri(&target.to_string_lossy()));
    }
    let mut parts: Vec<String> = f[common..].iter().map(|_| "..".to_string()).collect();
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    super::sarif::uri(&parts.join("/"))
}

/// The link to `page` of the audited file (`file.pdf#page=N`), or to the file.
fn page_link(file: &str, page: Option<u32>, folder: Option<&Path>) -> String {
    match page {
        Some(p) => format!("{}#page={p}", link_to(file, folder)),
        None => link_to(file, folder),
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

struct Words {
    title: &'static str,
    summary: &'static str,
    files: &'static str,
    findings: &'static str,
    status: &'static str,
    severity: &'static str,
    category: &'static str,
    rule: &'static str,
    file: &'static str,
    all: &'static str,
    stated: &'static str,
    expected: &'static str,
    computation: &'static str,
    related: &'static str,
    line: &'static str,
    page: &'static str,
    most: &'static str,
    none: &'static str,
    hidden: &'static str,
    shown: &'static str,
    year: &'static str,
    across: &'static str,
}

const ID: Words = Words {
    title: "Hasil audit LKjIP",
    summary: "Ringkasan",
    files: "Berkas",
    findings: "Temuan",
    status: "Status",
    severity: "Tingkat",
    category: "Kategori",
    rule: "Aturan",
    file: "Berkas",
    all: "(semua)",
    stated: "Tertulis",
    expected: "Seharusnya",
    computation: "Perhitungan",
    related: "Lihat juga",
    line: "baris",
    page: "hal.",
    most: "Berkas dengan temuan terbanyak",
    none: "tidak ada temuan",
    hidden: "temuan disembunyikan oleh baseline",
    shown: "ditampilkan",
    year: "tahun",
    across: "Antarlaporan (beberapa tahun satu kantor)",
};

const EN: Words = Words {
    title: "LKjIP audit results",
    summary: "Summary",
    files: "Files",
    findings: "Findings",
    status: "Status",
    severity: "Severity",
    category: "Category",
    rule: "Rule",
    file: "File",
    all: "(all)",
    stated: "Stated",
    expected: "Expected",
    computation: "Computation",
    related: "See also",
    line: "line",
    page: "page",
    most: "Files with the most findings",
    none: "no findings",
    hidden: "findings hidden by the baseline",
    shown: "shown",
    year: "year",
    across: "Across reports (several years of one office)",
};

// The summary and filters are written after the reports (see HtmlWriter);
// `order` shows them first even before the script moves them there.
const STYLE: &str = "body{font-family:system-ui,Segoe UI,Arial,sans-serif;margin:1.5rem;color:#222;display:flex;flex-direction:column}\
body>*{min-width:0}h1{order:-3}#summary{order:-2}.filters{order:-1}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}\
table.sum{border-collapse:collapse;margin:.5rem 0}table.sum td,table.sum th{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}\
.filters{position:sticky;top:0;background:#f7f7f7;padding:.5rem;border:1px solid #ddd;display:flex;gap:1rem;flex-wrap:wrap}\
.finding{border-left:4px solid #999;padding:.4rem .8rem;margin:.6rem 0;background:#fafafa}\
.finding.error{border-color:#c62828}.finding.warning{border-color:#ef6c00}.finding.info{border-color:#1565c0}\
.cov{margin:.6rem 0}.cov summary{cursor:pointer}.cov .warn{color:#c62828;font-weight:bold}table.cov{border-collapse:collapse;font-size:.85rem}table.cov td,table.cov th{border:1px solid #ddd;padding:.15rem .4rem;text-align:left;vertical-align:top}tr.unrec{color:#888}\
.ocr{font-size:.75rem;font-weight:bold;color:#6a1b9a;border:1px solid #6a1b9a;border-radius:3px;padding:0 .2rem;margin-left:.4rem}\
.sev{font-weight:bold;text-transform:uppercase;font-size:.8rem}.error .sev{color:#c62828}.warning .sev{color:#ef6c00}.info .sev{color:#1565c0}\
pre.src{white-space:pre-wrap;background:#fff;border:1px solid #e0e0e0;padding:.3rem;margin:.3rem 0}\
mark{background:#ffe082;font-weight:bold}.muted{color:#666}.status{font-size:.85rem;padding:.1rem .4rem;border-radius:3px;background:#eee}";

const SCRIPT: &str = "(function(){\
var h1=document.querySelector('h1');h1.after(document.getElementById('summary'),document.querySelector('.filters'));\
var sel=document.querySelectorAll('select[data-filter]');\
function apply(){var want={};sel.forEach(function(s){want[s.dataset.filter]=s.value;});\
var shown=0;document.querySelectorAll('.finding').forEach(function(f){\
var ok=true;for(var k in want){if(want[k]!==''&&f.dataset[k]!==want[k]){ok=false;}}\
f.style.display=ok?'':'none';if(ok){shown++;}});\
document.querySelectorAll('section.report').forEach(function(s){\
var fileOk=want.file===''||s.dataset.file===want.file;s.style.display=fileOk?'':'none';});\
document.getElementById('shown-count').textContent=shown;}\
sel.forEach(function(s){s.addEventListener('change',apply);});apply();})();";

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Id) => "galat",
        (Severity::Warning, Lang::Id) => "peringatan",
        (Severity::Info, _) => "info",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// The source line with the stated figure in `<mark>`, escaped.
fn excerpt_html(f: &Finding) -> String {
    let source = &f.excerpt;
    let cells = |s: &str| escape(&s.replace('\t', " | "));
    match f.highlight {
        Some((a, b))
            if a < b
                && b <= source.len()
                && source.is_char_boundary(a)
                && source.is_char_boundary(b) =>
        {
            format!(
                "{}<mark>{}</mark>{}",
                cells(&source[..a]),
                cells(&source[a..b]),
                cells(&source[b..])
            )
        }
        _ => cells(source),
    }
}

fn place(l: &crate::findings::Location, w: &Words) -> String {
    match l.page {
        Some(p) => format!("{} {p}, {} {}", w.page, w.line, l.line),
        None => format!("{} {}", w.line, l.line),
    }
}

fn select(out: &mut String, key: &str, label: &str, values: &BTreeSet<String>, w: &Words) {
    let _ = write!(
        out,
        "<label>{} <select data-filter=\"{key}\"><option value=\"\">{}</option>",
        escape(label),
        escape(w.all)
    );
    for v in values {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", escape(v));
    }
    out.push_str("</select></label>");
}

/// A finding resting on OCR'd text gets a mark `OCR` (class `ocr`) after its rule.
fn finding_html(
    out: &mut String,
    f: &Finding,
    lang: Lang,
    w: &Words,
    folder: Option<&Path>,
    ocr: bool,
) {
    let sev = f.severity.as_str();
    let _ = write!(
        out,
        "<div class=\"finding {sev}\" data-severity=\"{sev}\" data-category=\"{}\" data-rule=\"{}\" data-file=\"{}\">",
        f.category.as_str(),
        escape(&f.rule),
        escape(&f.location.file)
    );
    let _ = write!(
        out,
        "<div><span class=\"sev\">{}</span> <span class=\"muted\"><a href=\"{}\">{}</a> · {} · {}</span>{}</div>",
        severity_word(f.severity, lang),
        escape(&page_link(&f.location.file, f.location.page, folder)),
        escape(&place(&f.location, w)),
        escape(&f.rule),
        f.category.as_str(),
        if ocr {
            " <span class=\"ocr\" title=\"OCR\">OCR</span>"
        } else {
            ""
        }
    );
    let _ = write!(
        out,
        "<div class=\"msg\">{}</div>",
        escape(f.message.get(lang))
    );
    let _ = write!(out, "<pre class=\"src\">{}</pre>", excerpt_html(f));
    let _ = write!(
        out,
        "<div>{}: <b class=\"stated\">{}</b> &nbsp; {}: <b class=\"expected\">{}</b></div>",
        w.stated,
        escape(&f.stated),
        w.expected,
        escape(&f.expected)
    );
    if !f.computation.get(lang).is_empty() {
        let _ = write!(
            out,
            "<div class=\"muted\">{}: {}</div>",
            w.computation,
            escape(f.computation.get(lang))
        );
    }
    if !f.related.is_empty() {
        // A place in another file (a finding across reports) links to its page.
        let places: Vec<String> = f
            .related
            .iter()
            .map(|l| {
                if l.file == f.location.file {
                    escape(&place(l, w))
                } else {
                    format!(
                        "<a href=\"{}\">{}: {}</a>",
                        escape(&page_link(&l.file, l.page, folder)),
                        escape(&l.file),
                        escape(&place(l, w))
                    )
                }
            })
            .collect();
        let _ = write!(
            out,
            "<div class=\"muted\">{}: {}</div>",
            w.related,
            places.join("; ")
        );
    }
    out.push_str("</div>\n");
}

/// The report's coverage, collapsed: the shares as its summary line, then
/// every table read (linked to its page), the rules' tallies and the claims.
fn coverage_html(
    out: &mut String,
    file: &FileReport,
    c: &Coverage,
    lang: Lang,
    folder: Option<&Path>,
) {
    let (page, caption, kind, columns, rows, rules) = if lang == Lang::Id {
        ("tempat", "tabel", "jenis", "peran kolom", "baris", "aturan")
    } else {
        ("place", "table", "kind", "column roles", "rows", "rules")
    };
    let _ = write!(
        out,
        "<details class=\"cov\"><summary>{}</summary>",
        escape(&cov::figures_line(&c.figures, lang))
    );
    if let Some(warning) = cov::warning(c, lang) {
        let _ = write!(out, "<p class=\"warn\">{}</p>", escape(&warning));
    }
    if !c.tables.is_empty() {
        let _ = write!(
            out,
            "<table class=\"cov\"><tr><th>{page}</th><th>{caption}</th><th>{kind}</th><th>{columns}</th><th>{rows}</th><th>{rules}</th></tr>"
        );
        for t in &c.tables {
            let _ = write!(
                out,
                "<tr{}><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if t.recognised { "" } else { " class=\"unrec\"" },
                escape(&page_link(&file.path, t.page, folder)),
                escape(&cov::place(t, lang)),
                escape(&cov::caption_text(t, lang)),
                cov::kind_name(t.kind, lang),
                escape(&cov::roles_text(t, lang)),
                escape(&cov::rows_text(t, lang)),
                escape(&cov::checks_text(t, lang))
            );
        }
        out.push_str("</table>");
    }
    let _ = write!(out, "<p>{}</p>", escape(&cov::rules_text(c, lang)));
    if let Some(line) = cov::reasons_text(c, lang) {
        let _ = write!(out, "<p>{}</p>", escape(&line));
    }
    let _ = write!(
        out,
        "<p>{}</p></details>",
        escape(&cov::claims_text(c, lang))
    );
}

fn report_html(
    out: &mut String,
    file: &FileReport,
    lang: Lang,
    w: &Words,
    folder: Option<&Path>,
    ocr: &OcrPages,
) {
    let _ = write!(
        out,
        "<section class=\"report\" data-file=\"{}\"><h2>{} <span class=\"status\">{}</span></h2>",
        escape(&file.path),
        escape(&file.path),
        file.status.as_str()
    );
    if let Some(m) = &file.metadata {
        let mut parts = Vec::new();
        if let Some(office) = &m.office {
            parts.push(office.clone());
        }
        if let Some(y) = m.year {
            parts.push(format!("{} {y}", w.year));
        }
        if !parts.is_empty() {
            let _ = write!(out, "<p>{}</p>", escape(&parts.join(", ")));
        }
    }
    if let Some(msg) = &file.message {
        let _ = write!(out, "<p class=\"muted\">{}</p>", escape(msg.get(lang)));
    }
    if let Some(c) = &file.coverage {
        coverage_html(out, file, c, lang, folder);
    }
    if file.findings.is_empty() {
        let _ = write!(out, "<p class=\"muted\">{}</p>", w.none);
    }
    for f in &file.findings {
        finding_html(out, f, lang, w, folder, ocr.rests_on(f));
    }
    out.push_str("</section>\n");
}

/// Streams the HTML page: each report's section is written as soon as it is
/// audited; the summary and the filters (whose option lists are only known at
/// the end) follow the last section, and are shown at the top by CSS `order`
/// and moved there by the page's script. Only the sets of severities,
/// categories and rules seen are kept, so memory does not grow with the
/// number of files and findings.
pub struct HtmlWriter<W: io::Write> {
    out: W,
    lang: Lang,
    started: bool,
    /// Where the page is written, for the links to the reports' pages.
    folder: Option<PathBuf>,
    severities: BTreeSet<String>,
    categories: BTreeSet<String>,
    rules: BTreeSet<String>,
    /// Pages read by OCR, per file.
    ocr: OcrPages,
}

impl<W: io::Write> HtmlWriter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        HtmlWriter {
            out,
            lang,
            started: false,
            folder: None,
            severities: BTreeSet::new(),
            categories: BTreeSet::new(),
            rules: BTreeSet::new(),
            ocr: OcrPages::default(),
        }
    }

    /// Written in `folder` (None: the current folder).
    pub fn in_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.folder = folder;
        self
    }

    fn words(&self) -> &'static Words {
        if self.lang == Lang::Id { &ID } else { &EN }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let w = self.words();
            write!(
                self.out,
                "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\
<title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n",
                if self.lang == Lang::Id { "id" } else { "en" },
                w.title,
                w.title
            )?;
        }
        Ok(())
    }
}

impl<W: io::Write> ReportWriter for HtmlWriter<W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        self.start()?;
        for f in &file.findings {
            self.severities.insert(f.severity.as_str().to_string());
            self.categories.insert(f.category.as_str().to_string());
            if !self.rules.contains(&f.rule) {
                self.rules.insert(f.rule.clone());
            }
        }
        let mut section = String::new();
        self.ocr.add(&file.path, &file.ocr_pages);
        report_html(
            &mut section,
            file,
            self.lang,
            self.words(),
            self.folder.as_deref(),
            &self.ocr,
        );
        self.out.write_all(section.as_bytes())
    }

    fn cross(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.start()?;
        if findings.is_empty() {
            return Ok(());
        }
        for f in findings {
            self.severities.insert(f.severity.as_str().to_string());
            self.categories.insert(f.category.as_str().to_string());
            if !self.rules.contains(&f.rule) {
                self.rules.insert(f.rule.clone());
            }
        }
        let w = self.words();
        let mut section = format!(
            "<section class=\"report cross\" data-file=\"\"><h2>{}</h2>",
            escape(w.across)
        );
        for f in findings {
            let on_ocr = self.ocr.rests_on(f);
            finding_html(
                &mut section,
                f,
                self.lang,
                w,
                self.folder.as_deref(),
                on_ocr,
            );
        }
        section.push_str("</section>\n");
        self.out.write_all(section.as_bytes())
    }

    fn finish(&mut self, s: &RunSummary) -> io::Result<()> {
        self.start()?;
        let w = self.words();
        let mut out = String::new();
        let _ = write!(out, "<section id=\"summary\"><h2>{}</h2>", w.summary);
        let statuses: Vec<String> = s
            .by_status
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let _ = write!(
            out,
            "<p>{}: <b>{}</b> ({}) · {}: <b id=\"total-count\">{}</b> · {}: <b id=\"shown-count\">{}</b></p>",
            w.files,
            s.files,
            escape(&statuses.join(", ")),
            w.findings,
            s.findings,
            w.shown,
            s.findings
        );
        if s.by_status.get("ok").is_some_and(|&n| n > 0) {
            let _ = write!(
                out,
                "<p id=\"coverage\">{}</p>",
                escape(&cov::figures_line(&s.coverage, self.lang))
            );
        }
        if let Some(hidden) = s.hidden_by_baseline {
            let _ = write!(out, "<p>{hidden} {}</p>", w.hidden);
        }
        let _ = write!(
            out,
            "<table class=\"sum\"><tr><th>{}</th><th>{}</th><th>error</th><th>warning</th><th>info</th>",
            w.file, w.status
        );
        for c in CATEGORIES {
            let _ = write!(out, "<th>{}</th>", c.as_str());
        }
        out.push_str("</tr>");
        for f in &s.per_file {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                escape(&f.path),
                f.status,
                f.by_severity.error,
                f.by_severity.warning,
                f.by_severity.info
            );
            for c in CATEGORIES {
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    f.by_category.get(c.as_str()).copied().unwrap_or(0)
                );
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
        if !s.top_files.is_empty() {
            let _ = write!(out, "<p>{}:</p><ol>", w.most);
            for (path, n) in &s.top_files {
                let _ = write!(out, "<li>{} ({n})</li>", escape(path));
            }
            out.push_str("</ol>");
        }
        out.push_str("</section>\n");
        out.push_str("<div class=\"filters\">");
        select(&mut out, "severity", w.severity, &self.severities, w);
        select(&mut out, "category", w.category, &self.categories, w);
        select(&mut out, "rule", w.rule, &self.rules, w);
        let files: BTreeSet<String> = s.per_file.iter().map(|f| f.path.clone()).collect();
        select(&mut out, "file", w.file, &files, w);
        out.push_str("</div>\n");
        let _ = write!(out, "<script>{SCRIPT}</script>\n</body></html>\n");
        self.out.write_all(out.as_bytes())?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_attribute_breakers() {
        assert_eq!(
            escape("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape("<script>'&'</script>"),
            "&lt;script&gt;&#39;&amp;&#39;&lt;/script&gt;"
        );
    }
}
