//! Discovery: the paths given on the command line become a sorted list of inputs.

use std::path::{Path, PathBuf};

use crate::extract::InputKind;

/// One file found while walking the given paths.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub path: PathBuf,
    /// None when the file is not something lkjip-audit reads (listed as skipped).
    pub kind: Option<InputKind>,
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
    match std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) {
        Ok(n) => head[..n].windows(5).any(|w| w == b"%PDF-"),
        Err(_) => false,
    }
}

/// Walks files and folders (recursively, without following symlinked folders
/// into loops) and returns every regular file, sorted by path.
pub fn discover(paths: &[PathBuf]) -> std::io::Result<Vec<Input>> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)?;
        if meta.is_dir() {
            walk(path, &mut found)?;
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    Ok(found
        .into_iter()
        .map(|path| {
            let kind = classify(&path);
            Input { path, kind }
        })
        .collect())
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    // An explicit stack rather than recursion: folder depth comes from the user's disk.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let file_type = entry.file_type()?;
            let path = entry.path();
            if file_type.is_dir() {
                stack.push(path);
            } else if file_type.is_file() {
                found.push(path);
            } else if file_type.is_symlink() {
                // Follow links to files, not to folders (which could loop).
                if std::fs::metadata(&path)
                    .map(|m| m.is_file())
                    .unwrap_or(false)
                {
                    found.push(path);
                }
            }
        }
    }
    Ok(())
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
        let inputs = discover(std::slice::from_ref(&dir)).unwrap();
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
