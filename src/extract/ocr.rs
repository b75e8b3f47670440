//! OCR of scanned pages with the `tesseract` command-line program (Tesseract
//! 5, languages `ind+eng`), its words read from its TSV output with their
//! boxes and confidence. The program, not a Rust binding: the bindings need
//! libclang/bindgen and leptonica's headers to build and are thinly
//! maintained, while the program is one Debian package away, and running it
//! as a child process keeps a crash in it out of ours and lets a file's time
//! limit stop it (the process is killed).
//!
//! Settings are per thread, like `crate::limits`: the auditor of a file
//! installs them with [`enter`]; the PDF reader asks [`current`].

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The environment variable naming the tesseract program (default: `tesseract` on the PATH).
pub const PROGRAM_ENV: &str = "LKJIP_TESSERACT";

/// Words read with a confidence (0–100) below this are not used as figures.
pub const MIN_CONFIDENCE: f32 = 60.0;

/// Put before the first digit of a word read with low confidence: a letter
/// that looks like a question mark ("ʔ1.234"), so the figure readers, which
/// never read digits glued to a letter as a figure, leave it alone, and a
/// table cell with it reads as unreadable (checks abstain), not as empty.
pub const UNSURE: char = 'ʔ';

/// The word with [`UNSURE`] before its first digit.
pub fn mark_unsure(word: &str) -> String {
    match word.find(|c: char| c.is_ascii_digit()) {
        Some(i) => format!("{}{UNSURE}{}", &word[..i], &word[i..]),
        None => word.to_string(),
    }
}

/// How to install what OCR needs.
pub const INSTALL_HINT: &str = "OCR needs Tesseract 5 with its Indonesian data: \
    apt-get install tesseract-ocr tesseract-ocr-ind";

/// How OCR runs.
#[derive(Debug, Clone)]
pub struct OcrSettings {
    /// The tesseract program.
    pub program: PathBuf,
    /// Tesseract's `-l` (languages joined by `+`).
    pub languages: String,
    /// Tesseract processes run at once over the whole run (`--jobs`).
    pub slots: usize,
    /// Words below this confidence are not used as figures.
    pub min_confidence: f32,
}

impl OcrSettings {
    /// The program from [`PROGRAM_ENV`] or the PATH, `ind+eng`, `slots` processes at once.
    pub fn new(slots: usize) -> Self {
        let program = std::env::var_os(PROGRAM_ENV)
            .filter(|p| !p.is_empty())
            .map_or_else(|| PathBuf::from("tesseract"), PathBuf::from);
        OcrSettings {
            program,
            languages: "ind+eng".to_string(),
            slots: slots.max(1),
            min_confidence: MIN_CONFIDENCE,
        }
    }

    /// Whether the program runs and has the Indonesian data: the message
    /// (with how to install it) when not.
    pub fn probe(&self) -> Result<(), String> {
        let out = Command::new(&self.program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| {
                format!(
                    "cannot run {} ({e}). {INSTALL_HINT}",
                    self.program.display()
                )
            })?;
        // Tesseract 4 printed the list on stderr, 5 on stdout.
        let listed = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let langs: Vec<&str> = listed.lines().map(str::trim).collect();
        for lang in self.languages.split('+') {
            if !langs.contains(&lang) {
                return Err(format!(
                    "{} has no '{lang}' language data. {INSTALL_HINT}",
                    self.program.display()
                ));
            }
        }
        Ok(())
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<OcrSettings>>> = const { RefCell::new(None) };
}

/// Installs OCR settings for the current thread until the guard is dropped.
pub fn enter(settings: Option<Arc<OcrSettings>>) -> Guard {
    CURRENT.with(|c| *c.borrow_mut() = settings);
    Guard(())
}

/// Clears the settings of the current thread when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        CURRENT.with(|c| *c.borrow_mut() = None);
    }
}

/// The settings installed for this thread: None when OCR is off.
pub fn current() -> Option<Arc<OcrSettings>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// A page image as Tesseract reads it.
#[derive(Debug, Clone)]
pub struct OcrImage {
    /// The file's bytes: a JPEG as stored in the PDF, or a PNM.
    pub bytes: Vec<u8>,
    /// "jpg", "pgm" or "ppm".
    pub ext: &'static str,
    /// Its resolution on the page (pixels per inch).
    pub dpi: u32,
}

/// One word read, in the image's pixels after deskewing.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    pub text: String,
    /// Left and right.
    pub x0: f32,
    pub x1: f32,
    /// The baseline of the word's line.
    pub baseline: f32,
    /// The height of the line's text (pixels).
    pub height: f32,
    /// Tesseract's confidence, 0–100.
    pub conf: f32,
}

/// A page read by OCR.
#[derive(Debug, Clone, Default)]
pub struct OcrPage {
    pub words: Vec<OcrWord>,
    /// The rotation taken out (degrees, positive: lines fall to the right).
    pub skew: f32,
}

/// Tesseract processes running, over all files.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// A slot of [`RUNNING`], released when dropped.
struct Slot(());

impl Slot {
    fn take(cap: usize) -> Option<Slot> {
        RUNNING
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < cap).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A folder of our own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let base = std::env::temp_dir();
        for _ in 0..100 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let dir = base.join(format!("lkjip-ocr-{}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(TempDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary folder name"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Why OCR of a file stopped.
#[derive(Debug)]
pub enum OcrStop {
    /// The file's time limit ran out (the processes were killed).
    Limit(crate::limits::LimitExceeded),
    /// The temporary folder could not be made.
    Io(String),
}

/// One page's words (by its index), or why it could not be read.
pub type PageResult = (usize, Result<OcrPage, String>);

/// Reads the pages' images (page index, image), up to `settings.slots`
/// Tesseract processes at once over the whole run (other files' included),
/// checking the file's time limit while they run. Each page's words, or why
/// it could not be read; in the order given.
pub fn recognise(
    settings: &OcrSettings,
    images: Vec<(usize, OcrImage)>,
) -> Result<Vec<PageResult>, OcrStop> {
    let dir = TempDir::new().map_err(|e| OcrStop::Io(format!("temporary folder: {e}")))?;
    let mut results: BTreeMap<usize, Result<OcrPage, String>> = BTreeMap::new();
    let mut pending: std::collections::VecDeque<(usize, PathBuf, u32)> = Default::default();
    for (page, image) in images {
        let file = dir.0.join(format!("p{page}.{}", image.ext));
        match std::fs::write(&file, &image.bytes) {
            Ok(()) => pending.push_back((page, file, image.dpi)),
            Err(e) => {
                results.insert(page, Err(format!("cannot write the page image: {e}")));
            }
        }
    }
    let mut running: Vec<(usize, PathBuf, Child, Slot)> = Vec::new();
    let stop_all = |running: &mut Vec<(usize, PathBuf, Child, Slot)>| {
        for (_, _, child, _) in running.iter_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
        running.clear();
    };
    loop {
        // One process per file at least, so that no file waits forever on others.
        while let Some(slot) = (!pending.is_empty())
            .then(|| Slot::take(settings.slots.max(1)))
            .flatten()
            .or_else(|| {
                (running.is_empty() && !pending.is_empty()).then(|| {
                    RUNNING.fetch_add(1, Ordering::AcqRel);
                    Slot(())
                })
            })
        {
            let Some((page, file, dpi)) = pending.pop_front() else {
                break;
            };
            let base = file.with_extension("out");
            let spawned = Command::new(&settings.program)
                .arg(&file)
                .arg(&base)
                .args(["-l", &settings.languages, "--psm", "3", "--dpi"])
                .arg(dpi.to_string())
                .arg("tsv")
                // One thread per process: parallelism is by pages.
                .env("OMP_THREAD_LIMIT", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            match spawned {
                Ok(child) => running.push((page, base, child, slot)),
                Err(e) => {
                    results.insert(
                        page,
                        Err(format!(
                            "cannot run {}: {e}. {INSTALL_HINT}",
                            settings.program.display()
                        )),
                    );
                }
            }
        }
        let mut i = 0;
        while i < running.len() {
            match running[i].2.try_wait() {
                Ok(None) => i += 1,
                done => {
                    let (page, base, _, _slot) = running.swap_remove(i);
                    let outcome = match done {
                        Ok(Some(status)) if status.success() => {
                            match std::fs::read_to_string(base.with_extension("out.tsv")) {
                                Ok(tsv) => Ok(read_tsv(&tsv)),
                                Err(e) => Err(format!("tesseract wrote no output: {e}")),
                            }
                        }
                        Ok(Some(status)) => Err(format!("tesseract failed ({status})")),
                        Err(e) => Err(format!("tesseract: {e}")),
                        Ok(None) => Err("tesseract: lost".to_string()),
                    };
                    results.insert(page, outcome);
                }
            }
        }
        if pending.is_empty() && running.is_empty() {
            break;
        }
        if let Err(e) = crate::limits::check_time() {
            stop_all(&mut running);
            return Err(OcrStop::Limit(e));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(results.into_iter().collect())
}

/// Tesseract's TSV: its words (level 5) with their boxes and confidence,
/// deskewed, each word's baseline that of its line.
pub fn read_tsv(tsv: &str) -> OcrPage {
    struct Raw {
        text: String,
        left: f32,
        top: f32,
        width: f32,
        height: f32,
        conf: f32,
    }
    let mut lines: BTreeMap<(u32, u32, u32, u32), Vec<Raw>> = BTreeMap::new();
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = clean_word(cols[11].trim());
        if text.is_empty() {
            continue;
        }
        let n = |i: usize| cols[i].trim().parse::<f32>().ok().filter(|v| v.is_finite());
        let key = |i: usize| cols[i].trim().parse::<u32>().unwrap_or(0);
        let (Some(left), Some(top), Some(width), Some(height), Some(conf)) =
            (n(6), n(7), n(8), n(9), n(10))
        else {
            continue;
        };
        lines
            .entry((key(1), key(2), key(3), key(4)))
            .or_default()
            .push(Raw {
                text: text.to_string(),
                left,
                top,
                width,
                height,
                conf,
            });
    }
    // The skew: the median slope of the words' bottoms along each line of
    // three words or more (descenders move a bottom, not the median).
    let mut slopes: Vec<f32> = Vec::new();
    for words in lines.values().filter(|w| w.len() >= 3) {
        let pts: Vec<(f32, f32)> = words
            .iter()
            .map(|w| (w.left + w.width / 2.0, w.top + w.height))
            .collect();
        let n = pts.len() as f32;
        let (mx, my) = (
            pts.iter().map(|p| p.0).sum::<f32>() / n,
            pts.iter().map(|p| p.1).sum::<f32>() / n,
        );
        let sxx: f32 = pts.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
        let sxy: f32 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        if sxx > 0.0 {
            slopes.push(sxy / sxx);
        }
    }
    let slope = median(&mut slopes).unwrap_or(0.0).clamp(-0.1, 0.1);
    let theta = slope.atan();
    let (sin, cos) = theta.sin_cos();
    let (mut cx, mut cy, mut count) = (0.0f32, 0.0f32, 0.0f32);
    for w in lines.values().flatten() {
        cx += w.left + w.width / 2.0;
        cy += w.top + w.height / 2.0;
        count += 1.0;
    }
    if count > 0.0 {
        cx /= count;
        cy /= count;
    }
    let level = |x: f32, y: f32| {
        let (dx, dy) = (x - cx, y - cy);
        (cx + dx * cos + dy * sin, cy - dx * sin + dy * cos)
    };
    let mut out = Vec::new();
    for words in lines.values() {
        let mut bottoms: Vec<f32> = words
            .iter()
            .map(|w| level(w.left + w.width / 2.0, w.top + w.height).1)
            .collect();
        let mut heights: Vec<f32> = words.iter().map(|w| w.height).collect();
        let baseline = median(&mut bottoms).unwrap_or(0.0);
        let height = median(&mut heights).unwrap_or(0.0);
        for w in words {
            let (x, _) = level(w.left, w.top + w.height);
            out.push(OcrWord {
                text: w.text.clone(),
                x0: x,
                x1: x + w.width,
                baseline,
                height,
                conf: w.conf,
            });
        }
    }
    OcrPage {
        words: out,
        skew: theta.to_degrees(),
    }
}

/// A word without what a table's ruling lines become in OCR: `|` at its
/// ends, and an opening bracket the word never closes ("(REALISASI", "|Lebih",
/// "(76"). A word of rulings alone ("|", "[") is dropped (empty).
pub fn clean_word(word: &str) -> &str {
    let mut w = word.trim_matches(|c| matches!(c, '|' | '¦'));
    if let Some(rest) = w.strip_prefix(['(', '[', '{'])
        && !rest.contains([')', ']', '}'])
    {
        w = rest;
    }
    w = w.trim_matches(|c| matches!(c, '|' | '¦'));
    if w.chars()
        .all(|c| matches!(c, '[' | ']' | '{' | '}' | '(' | ')' | '_'))
    {
        ""
    } else {
        w
    }
}

fn median(v: &mut [f32]) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    fn word(line: u32, n: u32, left: f32, top: f32, text: &str, conf: f32) -> String {
        format!("5\t1\t1\t1\t{line}\t{n}\t{left}\t{top}\t80\t30\t{conf}\t{text}\n")
    }

    #[test]
    fn words_share_their_line_baseline_and_skew_is_taken_out() {
        // Two lines falling 1 pixel every 100 to the right (0.57°).
        let mut tsv = HEADER.to_string();
        tsv.push_str("4\t1\t1\t1\t1\t0\t100\t100\t900\t40\t-1\t\n");
        for (i, t) in ["Realisasi", "sebesar", "1.234.567", "rupiah"]
            .iter()
            .enumerate()
        {
            let left = 100.0 + 200.0 * i as f32;
            tsv.push_str(&word(1, i as u32 + 1, left, 100.0 + left / 100.0, t, 95.0));
        }
        for (i, t) in ["Capaian", "89,5", "persen"].iter().enumerate() {
            let left = 100.0 + 300.0 * i as f32;
            tsv.push_str(&word(2, i as u32 + 1, left, 200.0 + left / 100.0, t, 40.0));
        }
        let page = read_tsv(&tsv);
        assert!((page.skew - 0.573).abs() < 0.05, "{}", page.skew);
        assert_eq!(page.words.len(), 7);
        let first: Vec<f32> = page.words[..4].iter().map(|w| w.baseline).collect();
        assert!(first.iter().all(|&b| b == first[0]));
        // Level lines: the rows are 100 pixels apart, give or take the rotation.
        let gap = page.words[4].baseline - page.words[0].baseline;
        assert!((gap - 100.0).abs() < 3.0, "{gap}");
        assert_eq!(page.words[5].text, "89,5");
        assert_eq!(page.words[5].conf, 40.0);
    }

    #[test]
    fn table_rulings_read_as_characters_are_cleaned_off() {
        assert_eq!(clean_word("|Lebih"), "Lebih");
        assert_eq!(clean_word("(REALISASI"), "REALISASI");
        assert_eq!(clean_word("(76"), "76");
        assert_eq!(clean_word("72,1%|"), "72,1%");
        assert_eq!(clean_word("|"), "");
        assert_eq!(clean_word("["), "");
        // Brackets that close stay: column numbers, negative amounts, list items.
        assert_eq!(clean_word("(6)"), "(6)");
        assert_eq!(clean_word("(1.234)"), "(1.234)");
        assert_eq!(clean_word("1)"), "1)");
    }

    #[test]
    fn a_missing_program_says_how_to_install() {
        let mut s = OcrSettings::new(1);
        s.program = PathBuf::from("/nonexistent/tesseract");
        let e = s.probe().expect_err("no program");
        assert!(
            e.contains("apt-get install tesseract-ocr tesseract-ocr-ind"),
            "{e}"
        );
    }
}
