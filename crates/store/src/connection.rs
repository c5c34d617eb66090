//! Connections to one SQLite file: a writer and a few readers.
//!
//! In WAL mode readers see the last committed state while the writer works,
//! so reads are spread over several connections and never queue behind an
//! import; writes go through the one writer, one transaction each. The
//! SQLite-only settings (PRAGMAs) and the migration bookkeeping
//! (`user_version`) live here and nowhere else.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::StoreError;

/// The schema, one migration per step, applied in order; `user_version` is
/// the number applied.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/0001_reports.sql")];
/// Read connections: enough for the server's worker threads to read at once.
const READERS: usize = 4;
/// How long a statement waits for a lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub(crate) struct Pool {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

impl Pool {
    pub(crate) fn open(path: &Path) -> Result<Pool, StoreError> {
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        migrate(&mut writer, path)?;
        let readers = (0..READERS)
            .map(|_| {
                let c = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                configure(&c)?;
                Ok(Mutex::new(c))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Pool {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    /// Runs `work` in a transaction on the writer: committed if it returns
    /// `Ok`, rolled back (nothing changed) if it returns an error.
    pub(crate) fn write<T>(
        &self,
        work: impl FnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut writer = lock(&self.writer);
        let tx = writer.transaction()?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` on a free reader, or waits for the next one in turn.
    pub(crate) fn read<T>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let free = self.readers.iter().find_map(|r| r.try_lock().ok());
        let reader = free.unwrap_or_else(|| {
            let turn = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
            lock(&self.readers[turn])
        });
        work(&reader)
    }
}

fn configure(c: &Connection) -> Result<(), StoreError> {
    c.busy_timeout(BUSY_TIMEOUT)?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Applies the migrations the database has not had yet, each in its own
/// transaction with the version bump.
fn migrate(c: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let applied: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if applied > supported {
        return Err(StoreError::TooNew {
            path: path.display().to_string(),
            found: applied,
            supported,
        });
    }
    for (i, migration) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
        let tx = c.transaction()?;
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// A poisoned lock only means another thread panicked mid-statement; SQLite
/// rolled that statement back, so the connection is still good.
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
