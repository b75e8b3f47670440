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
    /// Told of pages queued for OCR and read (the progress bar counts them).
    pub progress: Option<PageProgress>,
    /// A folder where each page's Tesseract output is kept by the image's
    /// hash and read back ([`CACHE_ENV`]; for measuring, not for audits).
    pub cache: Option<PathBuf>,
}

/// The environment variable naming a folder that keeps Tesseract's output
/// per page image, so that a benchmark or a rerun on the same scans does not
/// read them again. Off by default.
pub const CACHE_ENV: &str = "LKJIP_OCR_CACHE";

/// What OCR tells the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageEvent {
    /// This many pages wait for OCR.
    Queued(usize),
    /// One page was read (or failed).
    Read,
    /// This many queued pages will not be read (the file's time limit ran out).
    Abandoned(usize),
}

/// A callback for [`PageEvent`]s, shared by the threads auditing files.
#[derive(Clone)]
pub struct PageProgress(pub Arc<dyn Fn(PageEvent) + Send + Sync>);

impl std::fmt::Debug for PageProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageProgress")
    }
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
            progress: None,
            cache: std::env::var_os(CACHE_ENV)
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
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
    /// The size of the line's text (its em, pixels): each word's box height
    /// over the share of the em its letters reach ([`em_share`]), the
    /// median along the line, so that a line of capitals and descenders
    /// ("Yang Mandiri dan Berdaya") is not read as larger type than one of
    /// small letters ("aman").
    pub height: f32,
    /// Tesseract's confidence, 0–100.
    pub conf: f32,
}

/// A ruling on a page read by OCR, deskewed: horizontal or not, its two ends (x, y).
pub type LevelRuling = (bool, (f32, f32), (f32, f32));

/// A page read by OCR.
#[derive(Debug, Clone, Default)]
pub struct OcrPage {
    pub words: Vec<OcrWord>,
    /// The rotation taken out (degrees, positive: lines fall to the right).
    pub skew: f32,
    /// The point it was turned about (pixels).
    pub centre: (f32, f32),
    /// The table rulings found on the image (and erased before OCR),
    /// deskewed like the words: each its two ends (x, y).
    pub rulings: Vec<LevelRuling>,
}

impl OcrPage {
    /// A point of the image, deskewed like the words.
    pub fn level(&self, x: f32, y: f32) -> (f32, f32) {
        turn_level((x, y), self.centre, self.skew.to_radians().sin_cos())
    }

    /// Takes in the rulings found on the image, deskewed; none when they
    /// do not rule the page's tables row by row ([`under_ruled`]): then the
    /// page's tables are read from the words' positions, as unruled ones.
    pub fn with_rulings(mut self, rulings: &[super::ocr_image::Ruling]) -> Self {
        self.rulings = rulings
            .iter()
            .map(|r| {
                (
                    r.horizontal,
                    self.level(r.from.0, r.from.1),
                    self.level(r.to.0, r.to.1),
                )
            })
            .collect();
        if under_ruled(&self.words, &self.rulings) {
            self.rulings.clear();
        }
        self
    }
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
    let mut s = Scheduler {
        settings,
        results: BTreeMap::new(),
        pending: Default::default(),
        running: Vec::new(),
        keys: BTreeMap::new(),
    };
    let rulings = s.write_images(&dir, images)?;
    s.tell(PageEvent::Queued(s.pending.len()));
    s.read_cached();
    loop {
        s.start();
        s.collect();
        if s.pending.is_empty() && s.running.is_empty() {
            break;
        }
        if let Err(e) = crate::limits::check_time() {
            s.tell(PageEvent::Abandoned(s.pending.len() + s.running.len()));
            s.stop_all();
            return Err(OcrStop::Limit(e));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(std::mem::take(&mut s.results)
        .into_iter()
        .map(|(page, r)| {
            let found = rulings.get(&page).map(Vec::as_slice).unwrap_or_default();
            (page, r.map(|p| p.with_rulings(found)))
        })
        .collect())
}

/// A page image waiting for Tesseract.
struct Queued {
    page: usize,
    file: PathBuf,
    dpi: u32,
}

/// A Tesseract process reading one page: the base name of its output, and
/// the slot it holds until it is done.
struct Running {
    page: usize,
    base: PathBuf,
    child: Child,
    _slot: Slot,
}

/// The pages of one `recognise` call on their way through Tesseract:
/// queued, running, read (or failed).
struct Scheduler<'s> {
    settings: &'s OcrSettings,
    results: BTreeMap<usize, Result<OcrPage, String>>,
    pending: std::collections::VecDeque<Queued>,
    running: Vec<Running>,
    /// Where each page read anew is kept in the cache.
    keys: BTreeMap<usize, PathBuf>,
}

impl Scheduler<'_> {
    fn tell(&self, e: PageEvent) {
        if let Some(p) = &self.settings.progress {
            (p.0)(e);
        }
    }

    /// Writes each page image to `dir`, its table rulings found and erased
    /// first (the image as it was when it cannot be decoded); the rulings
    /// by page.
    fn write_images(
        &mut self,
        dir: &TempDir,
        images: Vec<(usize, OcrImage)>,
    ) -> Result<BTreeMap<usize, Vec<super::ocr_image::Ruling>>, OcrStop> {
        let mut rulings = BTreeMap::new();
        for (page, image) in images {
            if let Err(e) = crate::limits::check_time() {
                return Err(OcrStop::Limit(e));
            }
            let (image, found) = super::ocr_image::prepare(image);
            rulings.insert(page, found);
            let file = dir.0.join(format!("p{page}.{}", image.ext));
            match std::fs::write(&file, &image.bytes) {
                Ok(()) => self.pending.push_back(Queued {
                    page,
                    file,
                    dpi: image.dpi,
                }),
                Err(e) => {
                    self.results
                        .insert(page, Err(format!("cannot write the page image: {e}")));
                }
            }
        }
        Ok(rulings)
    }

    /// Pages read before, from the cache; the others keep their cache file.
    fn read_cached(&mut self) {
        let Some(cache) = &self.settings.cache else {
            return;
        };
        let mut left = std::collections::VecDeque::new();
        for q in std::mem::take(&mut self.pending) {
            let key = cache_key(&q.file, q.dpi, &self.settings.languages);
            let kept = key
                .as_ref()
                .and_then(|k| std::fs::read_to_string(cache.join(k)).ok());
            match (kept, key) {
                (Some(tsv), _) => {
                    self.results.insert(q.page, Ok(read_tsv(&tsv)));
                    self.tell(PageEvent::Read);
                }
                (None, key) => {
                    if let Some(k) = key {
                        self.keys.insert(q.page, cache.join(k));
                    }
                    left.push_back(q);
                }
            }
        }
        self.pending = left;
    }

    /// A slot for one more process: within the cap, or the file's first
    /// (one process per file at least, so that no file waits forever on others).
    fn slot(&self) -> Option<Slot> {
        (!self.pending.is_empty())
            .then(|| Slot::take(self.settings.slots.max(1)))
            .flatten()
            .or_else(|| {
                (self.running.is_empty() && !self.pending.is_empty()).then(|| {
                    RUNNING.fetch_add(1, Ordering::AcqRel);
                    Slot(())
                })
            })
    }

    /// Starts Tesseract on queued pages while slots are free.
    fn start(&mut self) {
        while let Some(slot) = self.slot() {
            let Some(q) = self.pending.pop_front() else {
                break;
            };
            let base = q.file.with_extension("out");
            match spawn(self.settings, &q, &base) {
                Ok(child) => self.running.push(Running {
                    page: q.page,
                    base,
                    child,
                    _slot: slot,
                }),
                Err(e) => {
                    self.tell(PageEvent::Read);
                    self.results.insert(
                        q.page,
                        Err(format!(
                            "cannot run {}: {e}. {INSTALL_HINT}",
                            self.settings.program.display()
                        )),
                    );
                }
            }
        }
    }

    /// The pages whose process has ended: their words, or why not.
    fn collect(&mut self) {
        let mut i = 0;
        while i < self.running.len() {
            match self.running[i].child.try_wait() {
                Ok(None) => i += 1,
                done => {
                    let r = self.running.swap_remove(i);
                    let outcome = match exit_error(&done) {
                        Some(e) => Err(e),
                        None => read_output(&r.base, self.keys.get(&r.page)),
                    };
                    self.tell(PageEvent::Read);
                    self.results.insert(r.page, outcome);
                }
            }
        }
    }

    fn stop_all(&mut self) {
        for r in self.running.iter_mut() {
            let _ = r.child.kill();
            let _ = r.child.wait();
        }
        self.running.clear();
    }
}

/// Tesseract on one page image, writing TSV beside `base`.
fn spawn(settings: &OcrSettings, q: &Queued, base: &std::path::Path) -> std::io::Result<Child> {
    Command::new(&settings.program)
        .arg(&q.file)
        .arg(base)
        .args(["-l", &settings.languages, "--psm", PSM, "--dpi"])
        .arg(q.dpi.to_string())
        .arg("tsv")
        // One thread per process: parallelism is by pages.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}

/// Why an ended Tesseract process read nothing; None when it succeeded.
fn exit_error(done: &std::io::Result<Option<std::process::ExitStatus>>) -> Option<String> {
    match done {
        Ok(Some(status)) if status.success() => None,
        Ok(Some(status)) => Some(format!("tesseract failed ({status})")),
        Err(e) => Some(format!("tesseract: {e}")),
        Ok(None) => Some("tesseract: lost".to_string()),
    }
}

/// The words Tesseract wrote beside `base`, kept in the cache at `keep`.
fn read_output(base: &std::path::Path, keep: Option<&PathBuf>) -> Result<OcrPage, String> {
    match std::fs::read_to_string(base.with_extension("out.tsv")) {
        Ok(tsv) => {
            if let Some(kept) = keep {
                let _ = std::fs::write(kept, &tsv);
            }
            Ok(read_tsv(&tsv))
        }
        Err(e) => Err(format!("tesseract wrote no output: {e}")),
    }
}

/// Tesseract's page segmentation: automatic (columns, blocks, tables as
/// blocks of words). Lines and tables are rebuilt from the words' boxes
/// afterwards, so its reading order does not matter.
const PSM: &str = "3";

/// The cache file name of a page image: a hash of its bytes and how it is read.
fn cache_key(file: &std::path::Path, dpi: u32, languages: &str) -> Option<String> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(file).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    (dpi, languages, PSM, env!("CARGO_PKG_VERSION")).hash(&mut h);
    Some(format!("{:016x}.tsv", h.finish()))
}

/// Tesseract's TSV: its words (level 5) with their boxes and confidence,
/// deskewed, each word's baseline that of its line.
pub fn read_tsv(tsv: &str) -> OcrPage {
    let mut lines = tsv_lines(tsv);
    clean_rulings(&mut lines);
    lines.retain(|_, w| !w.is_empty());
    let skew = Skew::of(&lines);
    let mut out = level_words(&lines, &skew);
    percent_signs(&mut out);
    glued_percent_signs(&mut out);
    column_numbers(&mut out);
    OcrPage {
        words: out,
        skew: skew.theta.to_degrees(),
        centre: skew.centre,
        rulings: Vec::new(),
    }
}

/// A point turned about `centre` by the angle whose sine and cosine are given
/// (the skew taken out).
fn turn_level((x, y): (f32, f32), (cx, cy): (f32, f32), (sin, cos): (f32, f32)) -> (f32, f32) {
    let (dx, dy) = (x - cx, y - cy);
    (cx + dx * cos + dy * sin, cy - dx * sin + dy * cos)
}

/// One word of Tesseract's TSV, in image pixels.
struct TsvWord {
    text: String,
    left: f32,
    top: f32,
    width: f32,
    height: f32,
    conf: f32,
}

/// The words of the TSV (level 5 rows) by line: (block, paragraph, line, word-line) keys.
type TsvLines = BTreeMap<(u32, u32, u32, u32), Vec<TsvWord>>;

fn tsv_lines(tsv: &str) -> TsvLines {
    let mut lines: TsvLines = BTreeMap::new();
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
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
            .push(TsvWord {
                text: text.to_string(),
                left,
                top,
                width,
                height,
                conf,
            });
    }
    lines
}

/// Cleans what a table's ruling lines become off the words, and drops
/// words that are a ruling alone (a line left without words stays, empty).
fn clean_rulings(lines: &mut TsvLines) {
    // What a table's ruling lines become: characters cleaned off the words
    // (an opening bracket only when nothing after it on the line closes
    // it: "(jika ada)" keeps it), and words that are a ruling alone.
    let all_heights: Vec<f32> = lines.values().flatten().map(|w| w.height).collect();
    let page_height = median(&mut all_heights.clone()).unwrap_or(0.0);
    for words in lines.values_mut() {
        let texts: Vec<String> = words.iter().map(|w| w.text.clone()).collect();
        let heights: Vec<f32> = words.iter().map(|w| w.height).collect();
        let mut keep = Vec::with_capacity(words.len());
        // A bracket opened on the line by a word kept, not closed yet.
        let mut open = false;
        for (i, w) in words.iter().enumerate() {
            let closed = texts[i + 1..]
                .iter()
                .take_while(|t| !t.starts_with(['(', '[', '{']))
                .any(|t| t.contains([')', ']', '}']));
            let mut others: Vec<f32> = heights
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, &h)| h)
                .collect();
            let typical = median(&mut others).unwrap_or(page_height);
            let cleaned = if closed && w.text.starts_with(['(', '[', '{']) {
                format!("{}{}", &w.text[..1], clean_word(&w.text[1..]))
            } else if open && matches!(w.text.as_str(), ")" | "]" | "}") {
                // "5 ( lima ) kegiatan": the bracket closing one kept.
                w.text.clone()
            } else {
                clean_word(&w.text).to_string()
            };
            if let Some(j) = cleaned.rfind(['(', '[', '{']) {
                open = !cleaned[j..].contains([')', ']', '}']);
            } else if cleaned.contains([')', ']', '}']) {
                open = false;
            }
            keep.push(
                (!cleaned.is_empty() && !is_ruling(&cleaned, w.width, w.height, typical))
                    .then_some(cleaned),
            );
        }
        let mut kept = keep.into_iter();
        words.retain_mut(|w| match kept.next().flatten() {
            Some(t) => {
                w.text = t;
                true
            }
            None => false,
        });
    }
}

/// The page's skew and the centre it is turned about.
struct Skew {
    theta: f32,
    sin: f32,
    cos: f32,
    centre: (f32, f32),
}

impl Skew {
    /// The median slope of the words' bottoms along each line of three
    /// words or more (descenders move a bottom, not the median), about the
    /// centre of all the words.
    fn of(lines: &TsvLines) -> Skew {
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
        Skew {
            theta,
            sin,
            cos,
            centre: (cx, cy),
        }
    }

    /// A point turned level.
    fn level(&self, x: f32, y: f32) -> (f32, f32) {
        turn_level((x, y), self.centre, (self.sin, self.cos))
    }
}

/// The words turned level, each line on one baseline with one type size.
fn level_words(lines: &TsvLines, skew: &Skew) -> Vec<OcrWord> {
    let mut out = Vec::new();
    for words in lines.values() {
        let mut bottoms: Vec<f32> = words
            .iter()
            .map(|w| skew.level(w.left + w.width / 2.0, w.top + w.height).1)
            .collect();
        let mut sizes: Vec<f32> = words
            .iter()
            .filter_map(|w| em_share(&w.text).map(|share| w.height / share))
            .collect();
        if sizes.is_empty() {
            sizes = words.iter().map(|w| w.height / 0.8).collect();
        }
        let baseline = median(&mut bottoms).unwrap_or(0.0);
        let height = median(&mut sizes).unwrap_or(0.0);
        for w in words {
            let (x, _) = skew.level(w.left, w.top + w.height);
            out.push(OcrWord {
                text: marker_case(&w.text, w.height, height),
                x0: x,
                x1: x + w.width,
                baseline,
                height,
                conf: w.conf,
            });
        }
    }
    out
}

/// The type size (em, pixels) under which OCR's digits are not trusted:
/// about 6 pt at 200 dpi, 4 pt at 300. Tesseract's reading of digits falls
/// apart below it (dots dropped, "8.500" → "8500"), with high confidence.
pub const MIN_EM_PIXELS: f32 = 16.0;

/// Whether a figure is set too small in the image to be read reliably.
pub fn too_small(em: f32) -> bool {
    em > 0.0 && em < MIN_EM_PIXELS
}

/// What Tesseract makes of a "%" set apart from its number at scan
/// resolutions ("100 %" → "100 Yo", "71,67 Y6", "100 96").
const PERCENT_MISREADS: [&str; 7] = ["Yo", "Y6", "yo", "96", "%o", "Vo", "9%"];

/// A "%" read as two characters ("Yo", "96") after a figure: the word is
/// taken for "%" only where its box says it is one glyph — narrower than
/// two digits (under 0.88 em; a "%" is 0.75–0.83 em wide with its bearings,
/// two digits 0.92–1.0) — and it follows the figure at a word space on the
/// same line.
pub fn percent_signs(words: &mut [OcrWord]) {
    for i in 1..words.len() {
        let (before, rest) = words.split_at_mut(i);
        let (prev, w) = (&before[i - 1], &mut rest[0]);
        let number = prev.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && prev
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        let em = w.height;
        if number
            && PERCENT_MISREADS.contains(&w.text.as_str())
            && prev.baseline == w.baseline
            && em > 0.0
            && w.x1 - w.x0 < 0.88 * em
            && (0.0..=0.6 * em).contains(&(w.x0 - prev.x1))
        {
            w.text = "%".to_string();
        }
    }
}

/// Digits and separators of a figure, as widths in digits: a separator
/// ("." ",") is about half a digit wide in the faces reports are set in.
fn digit_units(figure: &str) -> f32 {
    figure
        .chars()
        .map(|c| if c.is_ascii_digit() { 1.0 } else { 0.5 })
        .sum()
}

/// A "%" glued to its figure and misread as digits or letters ("93,94%" →
/// "93,946", "97,60%" → "97,6096", "99,24Yo"). The word's box settles it:
/// the page's own figures give the width of a digit, and its read "%"s the
/// width of a "%" (about 1.6 digits). Where the box fits the figure with a
/// "%" within 0.15 of a digit, and the reading as read is a quarter of a
/// digit off or more (a "%" read "96" is 0.3–0.4 digits narrower than the
/// two digits), the tail is taken for "%" — and the word's
/// low confidence, which came from that one glyph, no longer stands
/// against it. Only figures with one or two decimals, as percentages are
/// printed, are read so.
pub fn glued_percent_signs(words: &mut [OcrWord]) {
    const TAILS: [&str; 9] = ["96", "6", "Y6", "Yo", "yo", "%o", "Vo", "9%", "9o"];
    let figure = |t: &str| {
        t.len() >= 3
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.ends_with(|c: char| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    let mut digit_widths: Vec<f32> = words
        .iter()
        .filter(|w| w.conf >= 80.0 && figure(w.text.trim()))
        .map(|w| (w.x1 - w.x0) / digit_units(w.text.trim()))
        .collect();
    if digit_widths.len() < 3 {
        return;
    }
    let Some(digit) = median(&mut digit_widths).filter(|d| *d > 0.0) else {
        return;
    };
    let mut percent_widths: Vec<f32> = words
        .iter()
        .filter(|w| w.conf >= 80.0)
        .filter_map(|w| {
            let number = w.text.trim().strip_suffix('%')?;
            figure(number).then(|| (w.x1 - w.x0) / digit - digit_units(number))
        })
        .collect();
    let percent = median(&mut percent_widths).unwrap_or(1.6);
    for w in words.iter_mut() {
        let text = w.text.trim();
        let Some(number) = TAILS.iter().find_map(|tail| text.strip_suffix(tail)) else {
            continue;
        };
        let decimals = number.rsplit_once(',').map(|(_, d)| d.len());
        if !figure(number) || !matches!(decimals, Some(1 | 2)) {
            continue;
        }
        let width = (w.x1 - w.x0) / digit;
        let as_percent = (width - digit_units(number) - percent).abs();
        let as_read = if text.ends_with(|c: char| c.is_ascii_digit()) {
            (width - digit_units(text)).abs()
        } else {
            f32::INFINITY
        };
        if as_percent <= 0.15 && as_read >= 0.25 {
            w.text = format!("{number}%");
            w.conf = w.conf.max(MIN_CONFIDENCE);
        }
    }
}

/// A table's row of column numbers "(1) (2) … (n)" with some misread ("D",
/// "@)", "@2") or read with low confidence: where at least three words of a
/// row read "(k)" with k one more than the word before, the row starts at
/// "(1)" and every word of the row is short, the others take their place's
/// number, and the row's sequence vouches for each (its confidence is the
/// best of the row's).
pub fn column_numbers(words: &mut [OcrWord]) {
    let number =
        |t: &str| -> Option<usize> { t.strip_prefix('(')?.strip_suffix(')')?.parse().ok() };
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| {
        words[a]
            .baseline
            .total_cmp(&words[b].baseline)
            .then(words[a].x0.total_cmp(&words[b].x0))
    });
    let mut i = 0;
    while i < order.len() {
        let base = words[order[i]].baseline;
        let tol = 0.3 * words[order[i]].height.max(1.0);
        let mut j = i;
        while j < order.len() && words[order[j]].baseline - base <= tol {
            j += 1;
        }
        let mut row: Vec<usize> = order[i..j].to_vec();
        row.sort_by(|&a, &b| words[a].x0.total_cmp(&words[b].x0));
        let known: Vec<(usize, usize)> = row
            .iter()
            .enumerate()
            .filter_map(|(k, &w)| Some((k, number(&words[w].text)?)))
            .collect();
        if known.len() >= 3
            && known.iter().all(|&(k, n)| n == k + 1)
            && row.iter().all(|&w| words[w].text.chars().count() <= 4)
        {
            let best = row.iter().map(|&w| words[w].conf).fold(0.0f32, f32::max);
            for (k, &w) in row.iter().enumerate() {
                words[w].text = format!("({})", k + 1);
                words[w].conf = best;
            }
        }
        i = j;
    }
}

/// Whether the rulings found leave a table's rows unruled: a cell between
/// two vertical and two horizontal rulings holding three or more figures
/// stacked on lines of their own. Hairline row rules (a word processor's
/// inner borders) can be too faint in a scan to be found while the columns'
/// and the box's are; the grid would then make one row of the whole table.
pub fn under_ruled(words: &[OcrWord], rulings: &[LevelRuling]) -> bool {
    type Line = (f32, f32, f32);
    // (at, from, to) of each ruling, level.
    let lines = |horizontal: bool| -> Vec<Line> {
        rulings
            .iter()
            .filter(|r| r.0 == horizontal)
            .map(|&(h, a, b)| {
                if h {
                    ((a.1 + b.1) / 2.0, a.0.min(b.0), a.0.max(b.0))
                } else {
                    ((a.0 + b.0) / 2.0, a.1.min(b.1), a.1.max(b.1))
                }
            })
            .collect()
    };
    let (hs, vs) = (lines(true), lines(false));
    // The nearest ruling before and after `at` among those spanning `along`.
    let nearest = |set: &[Line], at: f32, along: f32| -> Option<(usize, usize)> {
        let spanning = || {
            set.iter()
                .enumerate()
                .filter(move |(_, l)| l.1 - 2.0 <= along && along <= l.2 + 2.0)
        };
        let before = spanning()
            .filter(|(_, l)| l.0 < at)
            .max_by(|a, b| a.1.0.total_cmp(&b.1.0))?
            .0;
        let after = spanning()
            .filter(|(_, l)| l.0 > at)
            .min_by(|a, b| a.1.0.total_cmp(&b.1.0))?
            .0;
        Some((before, after))
    };
    let mut cells: BTreeMap<(usize, usize, usize, usize), Vec<f32>> = BTreeMap::new();
    for w in words {
        let digits = w.text.chars().filter(char::is_ascii_digit).count();
        if digits < 2 || digits * 2 < w.text.chars().count() {
            continue;
        }
        let (x, y) = ((w.x0 + w.x1) / 2.0, w.baseline - w.height * 0.3);
        let (Some((l, r)), Some((t, b))) = (nearest(&vs, x, y), nearest(&hs, y, x)) else {
            continue;
        };
        let lines = cells.entry((l, r, t, b)).or_default();
        if lines
            .iter()
            .all(|&b| (b - w.baseline).abs() > 0.5 * w.height)
        {
            lines.push(w.baseline);
        }
    }
    cells.values().any(|l| l.len() >= 3)
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

/// How much of the em a word's box spans, from the letters in it: the
/// x-height (about half the em), up to the capitals' and ascenders' height
/// (b, d, f, h, k, l, t, digits, brackets) and down to the descenders' (g, j,
/// p, q, y, brackets). None for a word of punctuation alone.
pub fn em_share(word: &str) -> Option<f32> {
    let mut letters = false;
    let (mut tall, mut dotted, mut deep) = (false, false, false);
    for c in word.chars() {
        if c.is_alphanumeric() {
            letters = true;
        }
        if c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                'b' | 'd' | 'f' | 'h' | 'k' | 'l' | 't' | '(' | ')' | '[' | ']' | '/' | '%'
            )
        {
            tall = true;
        }
        if matches!(c, 'i' | 'j') {
            dotted = true;
        }
        if matches!(c, 'g' | 'j' | 'p' | 'q' | 'y' | '(' | ')' | '[' | ']') {
            deep = true;
        }
    }
    if !letters {
        return None;
    }
    let top = if tall {
        0.72
    } else if dotted {
        0.68
    } else {
        0.52
    };
    Some(top + if deep { 0.21 } else { 0.0 })
}

/// Whether a word with digits reads as a figure may: nothing glued before
/// its first digit but a sign, a bracket, a quote or letters ("Rp"). A
/// colon, slash or stroke glued to the digits (":112.350.000", "/28.115")
/// is where a table's ruling line met the figure, and OCR reads such a line
/// as a "1", "l" or "/" as readily as it drops it: the figure is unsure.
pub fn well_formed(word: &str) -> bool {
    let Some(i) = word.find(|c: char| c.is_ascii_digit()) else {
        return true;
    };
    match word[..i].chars().last() {
        None => true,
        Some(c) => {
            c.is_alphabetic()
                || matches!(
                    c,
                    '(' | '-'
                        | '−'
                        | '–'
                        | '+'
                        | '±'
                        | '"'
                        | '“'
                        | '\''
                        | '‘'
                        | '#'
                        | '<'
                        | '>'
                        | '≤'
                        | '≥'
                        | '='
                        | '~'
                        | '*'
                        | '•'
                )
        }
    }
}

/// Whether a word is a table's vertical ruling read as letters ("J", "l",
/// "I]"): one or two characters, no digit, a narrow box much taller than
/// the line's other words (a ruling spans the row, a letter does not).
pub fn is_ruling(text: &str, width: f32, height: f32, typical: f32) -> bool {
    text.chars().count() <= 2
        && !text.chars().any(|c| c.is_ascii_digit())
        && typical > 0.0
        && height >= 1.5 * typical
        && width * 2.0 <= height
}

/// A list marker of a letter whose capital differs from its small letter
/// only in size ("c." or "C.", likewise o, s, v, w, x, z), cased by its
/// box: small when it reaches the x-height of the line's type (`em`), not
/// the capitals' height — OCR guesses that case from the shape alone, and
/// a list "a. b. C. d." reads as two lists.
pub fn marker_case(text: &str, height: f32, em: f32) -> String {
    let mut chars = text.chars();
    let (Some(letter), Some(end), None) = (chars.next(), chars.next(), chars.next()) else {
        return text.to_string();
    };
    if !matches!(end, '.' | ')') || !"cosvwxzCOSVWXZ".contains(letter) || em <= 0.0 {
        return text.to_string();
    }
    let small = height / em < 0.62;
    let letter = if small {
        letter.to_ascii_lowercase()
    } else {
        letter.to_ascii_uppercase()
    };
    format!("{letter}{end}")
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

    #[cfg(unix)]
    #[test]
    fn an_ended_process_reads_nothing_unless_it_succeeded() {
        use std::os::unix::process::ExitStatusExt;
        use std::process::ExitStatus;
        assert_eq!(exit_error(&Ok(Some(ExitStatus::from_raw(0)))), None);
        let failed = exit_error(&Ok(Some(ExitStatus::from_raw(1 << 8))));
        assert!(failed.is_some_and(|e| e.starts_with("tesseract failed")));
        assert_eq!(exit_error(&Ok(None)).as_deref(), Some("tesseract: lost"));
        let gone = std::io::Error::other("gone");
        assert_eq!(exit_error(&Err(gone)).as_deref(), Some("tesseract: gone"));
    }

    #[test]
    fn a_page_without_output_says_so() {
        let missing = std::env::temp_dir().join("lkjip-no-such-page.out");
        let read = read_output(&missing, None);
        assert!(read.is_err_and(|e| e.starts_with("tesseract wrote no output")));
    }

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
    fn ruling_lines_read_as_letters_are_dropped_and_closed_brackets_kept() {
        let mut tsv = HEADER.to_string();
        // "95,43% J" where the J is a ruling 70 pixels tall beside 30-pixel words.
        tsv.push_str(&word(1, 1, 100.0, 100.0, "Capaian", 95.0));
        tsv.push_str(&word(1, 2, 300.0, 100.0, "95,43%", 95.0));
        tsv.push_str("5\t1\t1\t1\t1\t3\t420\t80\t6\t70\t50\tJ\n");
        // A letter as tall as its line stays.
        tsv.push_str(&word(1, 4, 500.0, 100.0, "I", 95.0));
        // "(jika ada)" keeps its bracket; "(REALISASI" (a ruling) does not.
        tsv.push_str(&word(2, 1, 100.0, 200.0, "(jika", 95.0));
        tsv.push_str(&word(2, 2, 200.0, 200.0, "ada)", 95.0));
        tsv.push_str(&word(2, 3, 300.0, 200.0, "(REALISASI", 95.0));
        // "5 ( lima ) kegiatan": brackets standing alone, closed, stay.
        for (i, t) in ["5", "(", "lima", ")", "kegiatan"].iter().enumerate() {
            tsv.push_str(&word(
                3,
                i as u32 + 1,
                100.0 + 100.0 * i as f32,
                300.0,
                t,
                95.0,
            ));
        }
        let page = read_tsv(&tsv);
        let texts: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Capaian",
                "95,43%",
                "I",
                "(jika",
                "ada)",
                "REALISASI",
                "5",
                "(",
                "lima",
                ")",
                "kegiatan"
            ]
        );
    }

    #[test]
    fn the_size_of_a_line_does_not_depend_on_its_letters() {
        // Two lines in the same 50-pixel type: small letters, and capitals
        // with descenders (taller boxes).
        let mut tsv = HEADER.to_string();
        for (i, (t, h)) in [("sama", 26.0), ("warna", 26.0), ("semua", 26.0)]
            .iter()
            .enumerate()
        {
            let left = 100.0 + 200.0 * i as f32;
            tsv.push_str(&format!(
                "5	1	1	1	1	{}	{left}	{}	150	{h}	95	{t}
",
                i + 1,
                130.0 - h
            ));
        }
        for (i, (t, h)) in [("Yang", 46.5), ("Mandiri", 36.0), ("Berdaya", 46.5)]
            .iter()
            .enumerate()
        {
            let left = 100.0 + 200.0 * i as f32;
            tsv.push_str(&format!(
                "5	1	1	1	2	{}	{left}	{}	150	{h}	95	{t}
",
                i + 1,
                230.0 - h + if *t == "Mandiri" { 0.0 } else { 10.5 }
            ));
        }
        let page = read_tsv(&tsv);
        let (a, b) = (page.words[0].height, page.words[3].height);
        assert!((a - 50.0).abs() < 1.0 && (b - 50.0).abs() < 1.0, "{a} {b}");
        assert_eq!(em_share(":"), None);
    }

    #[test]
    fn a_list_marker_is_cased_by_its_height() {
        // In 50-pixel type the x-height is about 26 pixels, capitals 36.
        assert_eq!(marker_case("C.", 26.0, 50.0), "c.");
        assert_eq!(marker_case("c)", 36.0, 50.0), "C)");
        assert_eq!(marker_case("C.", 36.0, 50.0), "C.");
        // Not a marker, or a letter whose case shows in its shape.
        assert_eq!(marker_case("Cara", 26.0, 50.0), "Cara");
        assert_eq!(marker_case("B.", 26.0, 50.0), "B.");
    }

    #[test]
    fn a_figure_with_a_ruling_glued_on_is_not_well_formed() {
        assert!(!well_formed(":112.350.000"));
        assert!(!well_formed("/28.115.000"));
        assert!(well_formed("12.350.000"));
        assert!(well_formed("(6)"));
        assert!(well_formed("Rp12.000"));
        assert!(well_formed("-5,2%"));
        assert!(well_formed("tanpa"));
    }

    #[test]
    fn each_page_queued_is_told_read_even_when_the_program_fails() {
        use std::sync::Mutex;
        let told = Arc::new(Mutex::new(Vec::new()));
        let mut s = OcrSettings::new(2);
        // A program that fails at once: each page is still counted as read.
        s.program = PathBuf::from("false");
        s.cache = None;
        let sink = told.clone();
        s.progress = Some(PageProgress(Arc::new(move |e| {
            if let Ok(mut t) = sink.lock() {
                t.push(e);
            }
        })));
        let image = OcrImage {
            bytes: b"P5 1 1 255 \xff".to_vec(),
            ext: "pgm",
            dpi: 200,
        };
        let out = recognise(&s, vec![(0, image.clone()), (3, image)]).expect("ran");
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|(_, r)| r.is_err()));
        let told = told.lock().map(|t| t.clone()).unwrap_or_default();
        assert_eq!(
            told,
            [PageEvent::Queued(2), PageEvent::Read, PageEvent::Read]
        );
    }

    fn w(text: &str, x0: f32, x1: f32, baseline: f32) -> OcrWord {
        OcrWord {
            text: text.to_string(),
            x0,
            x1,
            baseline,
            height: 32.0,
            conf: 90.0,
        }
    }

    #[test]
    fn a_percent_sign_read_as_two_characters_is_taken_back_only_when_one_glyph_wide() {
        // "100 %" read "100 96": the "96" is 26 pixels wide in 32-pixel type.
        let mut words = vec![w("100", 100.0, 148.0, 500.0), w("96", 156.0, 182.0, 500.0)];
        percent_signs(&mut words);
        assert_eq!(words[1].text, "%");
        let mut words = vec![
            w("71,67", 100.0, 172.0, 500.0),
            w("Y6", 180.0, 206.0, 500.0),
        ];
        percent_signs(&mut words);
        assert_eq!(words[1].text, "%");
        // Two digits as wide as two digits stay: "100 96" as two figures.
        let mut words = vec![w("100", 100.0, 148.0, 500.0), w("96", 156.0, 188.0, 500.0)];
        percent_signs(&mut words);
        assert_eq!(words[1].text, "96");
        // Far from the figure (another column), or after a word, it stays.
        let mut words = vec![w("100", 100.0, 148.0, 500.0), w("96", 300.0, 326.0, 500.0)];
        percent_signs(&mut words);
        assert_eq!(words[1].text, "96");
        let mut words = vec![
            w("nilai", 100.0, 148.0, 500.0),
            w("96", 156.0, 182.0, 500.0),
        ];
        percent_signs(&mut words);
        assert_eq!(words[1].text, "96");
    }

    #[test]
    fn a_percent_sign_glued_to_its_figure_is_told_by_the_width_of_the_box() {
        // A page in 28-pixel type: digits 16.5 pixels wide, "%" 27.
        let mut page = vec![
            w("400.000.000,00", 100.0, 306.0, 500.0),
            w("17.500.000", 100.0, 249.0, 540.0),
            w("4.004.500", 100.0, 232.0, 580.0),
            w("98,74%", 100.0, 202.0, 620.0),
            w("94,75%", 100.0, 202.0, 660.0),
        ];
        let mut read = |text: &str, width: f32, conf: f32| {
            page.push(OcrWord {
                conf,
                ..w(text, 100.0, 100.0 + width, 700.0)
            });
            glued_percent_signs(&mut page);
            page.pop().map(|w| (w.text, w.conf >= MIN_CONFIDENCE))
        };
        // "93,94%" read "93,946" and "97,60%" read "97,6096": as wide as a
        // figure with "%", not as the digits read.
        assert_eq!(read("93,946", 101.0, 25.0), Some(("93,94%".into(), true)));
        assert_eq!(read("97,6096", 102.0, 62.0), Some(("97,60%".into(), true)));
        assert_eq!(read("99,24Yo", 101.0, 88.0), Some(("99,24%".into(), true)));
        // As wide as the digits read: a figure, left as it is.
        assert_eq!(read("93,946", 91.0, 25.0), Some(("93,946".into(), false)));
        assert_eq!(read("97,6096", 108.0, 90.0), Some(("97,6096".into(), true)));
        // Three decimals before the tail: no percentage is printed so.
        assert_eq!(
            read("1.474,7526", 140.0, 90.0),
            Some(("1.474,7526".into(), true))
        );
    }

    #[test]
    fn a_misread_column_number_row_is_numbered_by_place() {
        let texts = ["D", "(2)", "(3)", "(4)", "(5)", "(6)"];
        let mut words: Vec<OcrWord> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| w(t, 100.0 + 200.0 * i as f32, 140.0 + 200.0 * i as f32, 500.0))
            .collect();
        words[1].conf = 40.0;
        column_numbers(&mut words);
        let got: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(got, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]);
        // "(2)" read with low confidence is vouched for by the sequence.
        assert_eq!(words[1].conf, 90.0);
        // A row not starting at (1) by place (a cell lost), or with a long word, stays.
        for texts in [
            vec!["D", "(3)", "(4)", "(5)", "(6)"],
            vec!["Jumlah", "(2)", "(3)", "(4)"],
        ] {
            let mut words: Vec<OcrWord> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| w(t, 100.0 + 200.0 * i as f32, 140.0 + 200.0 * i as f32, 500.0))
                .collect();
            column_numbers(&mut words);
            let got: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
            assert_eq!(got, texts);
        }
    }

    #[test]
    fn rulings_that_box_a_table_without_its_rows_are_not_used() {
        // A box 100..900 × 100..700 with one column rule at 500, and no row rules.
        let box_rules = vec![
            (true, (100.0, 100.0), (900.0, 100.0)),
            (true, (100.0, 700.0), (900.0, 700.0)),
            (false, (100.0, 100.0), (100.0, 700.0)),
            (false, (500.0, 100.0), (500.0, 700.0)),
            (false, (900.0, 100.0), (900.0, 700.0)),
        ];
        let figures: Vec<OcrWord> = (0..4)
            .map(|i| w("1.250.000", 600.0, 760.0, 200.0 + 100.0 * i as f32))
            .collect();
        assert!(under_ruled(&figures, &box_rules));
        // With a rule between each row, every cell holds one figure.
        let mut rows = box_rules.clone();
        for i in 0..4 {
            let y = 230.0 + 100.0 * i as f32;
            rows.push((true, (100.0, y), (900.0, y)));
        }
        assert!(!under_ruled(&figures, &rows));
        // A cell of two stacked lines (a wrapped figure) is not enough.
        assert!(!under_ruled(&figures[..2], &box_rules));
    }

    #[test]
    fn figures_in_tiny_type_are_not_trusted() {
        assert!(too_small(14.0));
        assert!(!too_small(22.0));
        assert!(!too_small(0.0));
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
