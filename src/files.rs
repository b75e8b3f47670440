//! The files a run reads and writes. Inputs are opened only when they are
//! regular files — checked on the open handle, opened without blocking, so a
//! FIFO or a device named like a report cannot hang or flood a run — and read
//! with a byte cap. Outputs are written to a temporary file beside their name
//! and renamed into place when complete, so a failed run never leaves half a
//! file, and never truncates what was there before it has finished.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

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

/// Identifies a file whatever the path that names it (symbolic links, hard
/// links, `..`): device and inode on Unix, the canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    /// The file a path leads to, when it exists.
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(FileId)
        }
    }
}

/// An output being written: the temporary file beside its final name. It is
/// renamed into place by [`PendingOutput::commit`] and removed if dropped
/// before, so an output is either complete or not there at all (what was
/// there before stays until then).
#[derive(Debug)]
pub struct PendingOutput {
    temp: Option<PathBuf>,
    path: PathBuf,
}

impl PendingOutput {
    /// Creates the temporary file of output `path`; the caller writes to the
    /// handle, drops it, and commits. An output that exists and is not a
    /// regular file (`/dev/null`, a terminal, a pipe) is written directly:
    /// there is nothing to rename over.
    pub fn create(path: &Path) -> io::Result<(File, PendingOutput)> {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_dir() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "is a folder, not a file",
                ));
            }
            if !meta.is_file() {
                let file = OpenOptions::new().write(true).open(path)?;
                let pending = PendingOutput {
                    temp: None,
                    path: path.to_path_buf(),
                };
                return Ok((file, pending));
            }
        }
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "names no file"))?;
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.lkjip-audit.tmp", std::process::id()));
        let temp = match dir {
            Some(d) => d.join(temp_name),
            None => PathBuf::from(temp_name),
        };
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        let pending = PendingOutput {
            temp: Some(temp),
            path: path.to_path_buf(),
        };
        Ok((file, pending))
    }

    /// The output's final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary file, while the output is being written.
    pub fn temp_path(&self) -> Option<&Path> {
        self.temp.as_deref()
    }

    /// Puts the finished output in place (its handle must have been flushed and dropped).
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(temp) = self.temp.take()
            && let Err(e) = std::fs::rename(&temp, &self.path)
        {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        Ok(())
    }
}

impl Drop for PendingOutput {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lkjip-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    #[test]
    fn an_output_appears_only_when_committed_and_a_dropped_one_leaves_nothing() {
        use std::io::Write;
        let dir = scratch("out");
        let path = dir.join("temuan.json");
        std::fs::write(&path, "before").expect("write");
        let (mut file, pending) = PendingOutput::create(&path).expect("create");
        file.write_all(b"half").expect("write");
        drop(file);
        assert_eq!(std::fs::read(&path).expect("read"), b"before");
        drop(pending);
        assert_eq!(std::fs::read(&path).expect("read"), b"before");
        assert_eq!(
            std::fs::read_dir(&dir).expect("dir").count(),
            1,
            "no temp left"
        );
        let (mut file, pending) = PendingOutput::create(&path).expect("create");
        file.write_all(b"after").expect("write");
        drop(file);
        pending.commit().expect("commit");
        assert_eq!(std::fs::read(&path).expect("read"), b"after");
        assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn reads_are_capped_and_the_same_file_is_known_by_any_name() {
        let dir = scratch("cap");
        let a = dir.join("a.txt");
        std::fs::write(&a, "0123456789").expect("write");
        assert_eq!(read_capped(&a, 10).expect("read").len(), 10);
        assert!(matches!(read_capped(&a, 9), Err(ReadError::TooLarge(9))));
        std::fs::create_dir_all(dir.join("sub")).expect("sub");
        let via_dots = dir.join("sub/../a.txt");
        assert_eq!(FileId::of(&a), FileId::of(&via_dots));
        #[cfg(unix)]
        {
            std::fs::hard_link(&a, dir.join("b.txt")).expect("hard link");
            std::os::unix::fs::symlink(&a, dir.join("c.txt")).expect("symlink");
            assert_eq!(FileId::of(&a), FileId::of(&dir.join("b.txt")));
            assert_eq!(FileId::of(&a), FileId::of(&dir.join("c.txt")));
        }
        assert!(FileId::of(&dir.join("missing")).is_none());
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
