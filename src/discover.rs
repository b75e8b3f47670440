//! Discovery: the paths given on the command line become a sorted list of inputs.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// What kind of input a file is, decided by content and extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Pdf,
    Text,
}

/// One path found while walking the given paths.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub path: PathBuf,
    /// None when the file is not something lkjip-audit reads (listed as skipped).
    pub kind: Option<InputKind>,
    /// Why the path cannot be audited, when that is known from listing it.
    pub problem: Option<Problem>,
}

impl Input {
    /// A file to audit as `kind` (None: listed as skipped).
    pub fn new(path: PathBuf, kind: Option<InputKind>) -> Input {
        Input {
            path,
            kind,
            problem: None,
        }
    }

    fn with_problem(path: PathBuf, problem: Problem) -> Input {
        Input {
            path,
            kind: None,
            problem: Some(problem),
        }
    }
}

/// Why a path cannot be audited. Every such path is listed with its reason,
/// and the rest of the batch runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// Status `error`: a path that does not exist, a folder that cannot be
    /// read, a symbolic link loop or a broken link, a special file named on
    /// the command line.
    Unreadable(String),
    /// Status `skipped`: found in a folder but not a regular file (a FIFO,
    /// socket or device, a link to a folder, which is not followed).
    NotAFile(String),
}

/// Decides the kind of a file from its first bytes and its extension.
/// A `.pdf` that does not start like a PDF is still handed to the PDF reader,
/// which reports it as "not a PDF" rather than skipping it silently.
pub fn classify(path: &Path) -> Option<InputKind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => Some(InputKind::Pdf),
        Some("txt") | Some("md") | Some("markdown") | Some("text") => Some(InputKind::Text),
        _ => {
            if starts_with_pdf_header(path) {
                Some(InputKind::Pdf)
            } else {
                None
            }
        }
    }
}

fn starts_with_pdf_header(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 1024];
    // Only regular files: sniffing a FIFO would wait for a writer.
    match crate::files::open_regular(path).and_then(|mut f| f.read(&mut head)) {
        Ok(n) => head[..n].windows(5).any(|w| w == b"%PDF-"),
        Err(_) => false,
    }
}

/// An I/O error in words an auditor reads ("no such file or folder").
pub fn describe(e: &std::io::Error) -> String {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "symbolic link loop".to_string();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Walks files and folders (recursively, without following symlinked folders
/// into loops) and returns every path found, sorted: regular files to audit or
/// skip by their kind, and the paths that cannot be audited with the reason.
/// Nothing here stops the batch.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    let mut found = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => found.push(Input::with_problem(
                path.clone(),
                Problem::Unreadable(describe(&e)),
            )),
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(meta) => match crate::files::special_kind(&meta) {
                None => found.push(Input::new(path.clone(), None)),
                // Named on the command line: the auditor meant it to be audited.
                Some(what) => found.push(Input::with_problem(
                    path.clone(),
                    Problem::Unreadable(format!("{what}, not a regular file: not read")),
                )),
            },
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.path == b.path);
    for input in &mut found {
        if input.problem.is_none() {
            input.kind = classify(&input.path);
        }
    }
    found
}

fn walk(dir: &Path, found: &mut Vec<Input>) {
    // An explicit stack rather than recursion: folder depth comes from the user's disk.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                let why = format!("cannot read this folder: {}", describe(&e));
                found.push(Input::with_problem(dir, Problem::Unreadable(why)));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let why = format!("cannot list this folder whole: {}", describe(&e));
                    found.push(Input::with_problem(dir.clone(), Problem::Unreadable(why)));
                    break;
                }
            };
            let path = entry.path();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    found.push(Input::with_problem(path, Problem::Unreadable(describe(&e))));
                    continue;
                }
            };
            if file_type.is_dir() {
                stack.push(path);
            } else if file_type.is_file() {
                found.push(Input::new(path, None));
            } else if file_type.is_symlink() {
                // Follow links to files, not to folders (which could loop).
                match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_file() => found.push(Input::new(path, None)),
                    Ok(meta) if meta.is_dir() => found.push(Input::with_problem(
                        path,
                        Problem::NotAFile("a link to a folder: not followed".to_string()),
                    )),
                    Ok(meta) => {
                        let what = crate::files::special_kind(&meta).unwrap_or("special");
                        found.push(Input::with_problem(
                            path,
                            Problem::NotAFile(format!("a link to {what}: not read")),
                        ));
                    }
                    Err(e) => {
                        let why = match e.kind() {
                            std::io::ErrorKind::NotFound => "broken symbolic link".to_string(),
                            _ => describe(&e),
                        };
                        found.push(Input::with_problem(path, Problem::Unreadable(why)));
                    }
                }
            } else {
                let what = std::fs::symlink_metadata(&path)
                    .ok()
                    .and_then(|m| crate::files::special_kind(&m))
                    .unwrap_or("not a regular file");
                found.push(Input::with_problem(
                    path,
                    Problem::NotAFile(format!("{what}, not a regular file: not read")),
                ));
            }
        }
    }
}

/// An output that would overwrite a file the run reads.
#[derive(Debug, thiserror::Error)]
#[error("{}: refused: this output is {what}; write it elsewhere", .output.display())]
pub struct Overwrites {
    pub output: PathBuf,
    pub what: String,
}

/// Refuses outputs that are, or lead to (symbolic link, hard link, `..`), a
/// file this run reads: a path named on the command line, or a report found
/// in a folder given. Any other file in an audited folder that an output
/// leads to (an earlier run's HTML report) is taken out of the inputs: an
/// output is not audited by the run that writes it. Two outputs naming one
/// file are refused too.
pub fn separate_outputs(
    inputs: &mut Vec<Input>,
    named: &[PathBuf],
    outputs: &[PathBuf],
) -> Result<(), Overwrites> {
    use crate::files::FileId;
    let mut seen: Vec<(FileId, &PathBuf)> = Vec::new();
    let ids: Vec<Option<FileId>> = outputs.iter().map(|o| FileId::of(o)).collect();
    let mut input_ids: Option<Vec<Option<FileId>>> = None;
    for (output, id) in outputs.iter().zip(&ids) {
        let Some(id) = id else {
            // Not there yet, so no input; but two new outputs may still be one file.
            if let Some(twin) = outputs
                .iter()
                .take_while(|o| !std::ptr::eq(*o, output))
                .find(|o| same_new_path(o, output))
            {
                return Err(Overwrites {
                    output: output.clone(),
                    what: format!("the same file as output {}", twin.display()),
                });
            }
            continue;
        };
        if let Some((_, twin)) = seen.iter().find(|(s, _)| s == id) {
            return Err(Overwrites {
                output: output.clone(),
                what: format!("the same file as output {}", twin.display()),
            });
        }
        seen.push((id.clone(), output));
        if let Some(path) = named.iter().find(|p| FileId::of(p).as_ref() == Some(id)) {
            return Err(Overwrites {
                output: output.clone(),
                what: format!(
                    "the input {} of this run, which it would overwrite",
                    path.display()
                ),
            });
        }
        let input_ids =
            input_ids.get_or_insert_with(|| inputs.iter().map(|i| FileId::of(&i.path)).collect());
        let same: Vec<usize> = (0..inputs.len())
            .filter(|&k| input_ids[k].as_ref() == Some(id))
            .collect();
        if let Some(&k) = same.iter().find(|&&k| inputs[k].kind.is_some()) {
            return Err(Overwrites {
                output: output.clone(),
                what: format!(
                    "the input {} of this run, which it would overwrite",
                    inputs[k].path.display()
                ),
            });
        }
        for &k in same.iter().rev() {
            inputs.remove(k);
            input_ids.remove(k);
        }
    }
    Ok(())
}

/// Two paths of files not yet there that name the same place.
fn same_new_path(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = parent.map_or_else(|| Path::new(".").canonicalize(), Path::canonicalize);
        dir.ok().zip(p.file_name().map(|n| n.to_os_string()))
    };
    match (resolve(a), resolve(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_extension() {
        assert_eq!(classify(Path::new("a/report.TXT")), Some(InputKind::Text));
        assert_eq!(classify(Path::new("a/report.md")), Some(InputKind::Text));
        assert_eq!(classify(Path::new("a/report.pdf")), Some(InputKind::Pdf));
        assert_eq!(classify(Path::new("/nonexistent/photo.jpg")), None);
    }

    #[test]
    fn walks_folders_recursively_in_sorted_order() {
        let dir = std::env::temp_dir().join(format!("lkjip-discover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("2020/kec")).unwrap();
        std::fs::write(dir.join("2020/kec/b.txt"), "x").unwrap();
        std::fs::write(dir.join("a.md"), "x").unwrap();
        std::fs::write(dir.join("notes.docx"), "x").unwrap();
        let inputs = discover(std::slice::from_ref(&dir));
        let names: Vec<_> = inputs
            .iter()
            .map(|i| {
                i.path
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string()
            })
            .collect();
        assert_eq!(names, vec!["2020/kec/b.txt", "a.md", "notes.docx"]);
        assert_eq!(inputs[2].kind, None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
