//! Per-file limits: a time budget and a memory budget, checked cooperatively by
//! the long-running loops (PDF content streams, decompression, table finding).
//! A file that runs over is reported with status "error" and the rest of the
//! batch goes on. The budget is thread-local: each file is audited on one thread.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// Limits for one file.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub time: Option<Duration>,
    /// Bytes of decoded content (decompressed streams, extracted text) one file may produce.
    pub memory: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Some(Duration::from_secs(60)),
            memory: Some(512 * 1024 * 1024),
        }
    }
}

/// Why work on a file was stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitExceeded {
    #[error("time limit of {0:?} exceeded")]
    Time(Duration),
    #[error("memory limit of {0} bytes exceeded")]
    Memory(u64),
}

impl LimitExceeded {
    /// The limit in both output languages.
    pub fn localized(&self) -> crate::lang::Localized {
        let id = match self {
            LimitExceeded::Time(d) => format!("batas waktu {d:?} terlampaui"),
            LimitExceeded::Memory(n) => format!("batas memori {n} bita terlampaui"),
        };
        crate::lang::Localized::new(id, self.to_string())
    }
}

thread_local! {
    static DEADLINE: Cell<Option<(Instant, Duration)>> = const { Cell::new(None) };
    static MEMORY: Cell<Option<(u64, u64)>> = const { Cell::new(None) }; // (used, cap)
}

/// Installs `limits` for the current thread until the guard is dropped.
pub fn enter(limits: Limits) -> Guard {
    DEADLINE.with(|d| d.set(limits.time.map(|t| (Instant::now() + t, t))));
    MEMORY.with(|m| m.set(limits.memory.map(|cap| (0, cap))));
    Guard(())
}

/// Clears the limits of the current thread when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(None));
        MEMORY.with(|m| m.set(None));
    }
}

/// Errs when the current file has run out of time.
pub fn check_time() -> Result<(), LimitExceeded> {
    DEADLINE.with(|d| match d.get() {
        Some((deadline, budget)) if Instant::now() > deadline => Err(LimitExceeded::Time(budget)),
        _ => Ok(()),
    })
}

/// True when the current file has run out of time. For the loops of checks,
/// structure and readers that may run long on a big file: it reads the clock
/// (tens of nanoseconds) only when a deadline is set, so calling it per line,
/// paragraph or table costs nothing measurable. A loop that sees it stops; the
/// file then gets status `error` (see [`exceeded`]).
pub fn out_of_time() -> bool {
    check_time().is_err()
}

/// The limit the current file has run over, if any.
pub fn exceeded() -> Option<LimitExceeded> {
    if let Err(e) = check_time() {
        return Some(e);
    }
    MEMORY.with(|m| match m.get() {
        Some((used, cap)) if used > cap => Some(LimitExceeded::Memory(cap)),
        _ => None,
    })
}

/// Records `bytes` of decoded content; errs when the file's memory budget is spent.
pub fn charge(bytes: u64) -> Result<(), LimitExceeded> {
    MEMORY.with(|m| match m.get() {
        Some((used, cap)) => {
            let used = used.saturating_add(bytes);
            m.set(Some((used, cap)));
            if used > cap {
                Err(LimitExceeded::Memory(cap))
            } else {
                Ok(())
            }
        }
        None => Ok(()),
    })
}

/// Bytes of decoded content that may still be produced (u64::MAX without a cap).
pub fn remaining_memory() -> u64 {
    MEMORY.with(|m| match m.get() {
        Some((used, cap)) => cap.saturating_sub(used),
        None => u64::MAX,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_budget_is_enforced_and_cleared() {
        {
            let _g = enter(Limits {
                time: None,
                memory: Some(100),
            });
            assert!(charge(60).is_ok());
            assert_eq!(remaining_memory(), 40);
            assert_eq!(charge(60), Err(LimitExceeded::Memory(100)));
        }
        assert!(charge(1_000_000).is_ok());
    }

    #[test]
    fn time_budget_is_enforced() {
        let _g = enter(Limits {
            time: Some(Duration::ZERO),
            memory: None,
        });
        std::thread::sleep(Duration::from_millis(2));
        assert!(matches!(check_time(), Err(LimitExceeded::Time(_))));
    }
}
