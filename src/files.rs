//! The files a run reads. Inputs are opened only when they are regular files
//! — checked on the open handle, opened without blocking, so a FIFO or a
//! device named like a report cannot hang or flood a run — and read with a
//! byte cap.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// What a path holds when it is not a regular file, in words ("a FIFO").
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

/// Opens a file for reading only if it is a regular file. The open does not
/// block (a FIFO with no writer would), and the type is checked on the handle
/// itself, so a path swapped for a FIFO after it was listed is refused too.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    match special_kind(&meta) {
        None => Ok(file),
        Some(what) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{what}, not a regular file: not read"),
        )),
    }
}

/// Why a capped read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("the file is larger than the {0} bytes it may take")]
    TooLarge(u64),
}

/// Reads a regular file whole, refusing one larger than `cap` bytes before it
/// is held in memory.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > cap {
        return Err(ReadError::TooLarge(cap));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow while it is read: `take` holds the cap anyway.
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(bytes)
}

/// The largest configuration, rule or baseline file read (they are a few KB).
pub const MAX_SETTINGS_FILE: u64 = 64 * 1024 * 1024;

/// Reads a settings file (rules, configuration, baseline) as UTF-8 text.
pub fn read_settings(path: &Path) -> io::Result<String> {
    let bytes = read_capped(path, MAX_SETTINGS_FILE).map_err(|e| match e {
        ReadError::Io(e) => e,
        too_large => io::Error::new(io::ErrorKind::InvalidData, too_large.to_string()),
    })?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not valid UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lkjip-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    #[test]
    fn reads_are_capped() {
        let dir = scratch("cap");
        let a = dir.join("a.txt");
        std::fs::write(&a, "0123456789").expect("write");
        assert_eq!(read_capped(&a, 10).expect("read").len(), 10);
        assert!(matches!(read_capped(&a, 9), Err(ReadError::TooLarge(9))));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
