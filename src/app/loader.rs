//! Opening large files on a background thread, so the window stays responsive while a big
//! network is read, checked and prepared for drawing. The open network stays on screen
//! until the new one is ready; the person sees the progress and can cancel.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::app::command::Command;
use crate::interop::{ImportError, ImportOptions, Imported, import_bytes_with, import_file_with};
use crate::network::diagnostic::ReadError;
use crate::network::load::{check_size, open_bounded};

/// Files at least this large open in the background; smaller ones open at once.
pub const BACKGROUND_LOAD_BYTES: u64 = 1 << 20;

/// What the loading thread is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Checking,
    Preparing,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Self::Reading => "Reading",
            Self::Checking => "Checking",
            Self::Preparing => "Preparing the map",
        }
    }
}

/// Progress shared with the loading thread.
#[derive(Debug, Default)]
struct Progress {
    stage: AtomicU8,
    bytes_read: AtomicU64,
}

/// A file being opened in the background; `T` is what the thread prepares from it.
pub struct Loading<T> {
    pub path: PathBuf,
    pub total_bytes: u64,
    thread: std::thread::JoinHandle<()>,
    progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Result<T, ImportError>>,
    /// Whether a spreadsheet's columns were given, rather than to be recognised.
    columns_given: bool,
}

const CHUNK_BYTES: usize = 1 << 20;

/// Reads `path` in chunks, counting the bytes, stopping early when cancelled; refused as
/// [`read_bounded`](crate::network::load::read_bounded) refuses a file too large.
fn read_counting(
    path: &Path,
    progress: &Progress,
    cancel: &AtomicBool,
) -> Result<Option<Vec<u8>>, ReadError> {
    let (mut file, _) = open_bounded(path)?;
    let mut bytes = Vec::new();
    let mut chunk = vec![0; CHUNK_BYTES];
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let read = file
            .read(&mut chunk)
            .map_err(|source| ReadError::io(path, source))?;
        if read == 0 {
            check_size(path, bytes.len() as u64)?;
            return Ok(Some(bytes));
        }
        bytes.extend_from_slice(&chunk[..read]);
        progress
            .bytes_read
            .store(bytes.len() as u64, Ordering::Relaxed);
    }
}

impl<T: Send + 'static> Loading<T> {
    /// Starts opening `path` with `options` on a named thread; `prepare` turns the imported network into
    /// what the window needs (on that thread too). `ctx` is asked to repaint when done.
    pub fn start(
        path: PathBuf,
        total_bytes: u64,
        options: ImportOptions,
        ctx: egui::Context,
        prepare: impl FnOnce(Imported) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let columns_given = !options.columns.is_empty();
        let progress = Arc::new(Progress::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, result) = std::sync::mpsc::channel();
        let (thread_path, thread_progress, thread_cancel) =
            (path.clone(), progress.clone(), cancel.clone());
        let thread = std::thread::Builder::new()
            .name("powermap-load".to_owned())
            .spawn(move || {
                // CSV edge tables look for their node table beside them: that needs the path.
                let is_csv = thread_path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv")
                });
                let imported = if is_csv {
                    thread_progress
                        .stage
                        .store(Stage::Checking as u8, Ordering::Relaxed);
                    import_file_with(&thread_path, &options)
                } else {
                    match read_counting(&thread_path, &thread_progress, &thread_cancel) {
                        Ok(Some(bytes)) => {
                            thread_progress
                                .stage
                                .store(Stage::Checking as u8, Ordering::Relaxed);
                            import_bytes_with(&bytes, &thread_path, &options)
                        }
                        Ok(None) => return,
                        Err(err) => Err(err.into()),
                    }
                };
                if thread_cancel.load(Ordering::Relaxed) {
                    return;
                }
                let prepared = imported.map(|imported| {
                    thread_progress
                        .stage
                        .store(Stage::Preparing as u8, Ordering::Relaxed);
                    prepare(imported)
                });
                if !thread_cancel.load(Ordering::Relaxed) {
                    // The window may have gone; then nobody needs the result.
                    let _ = sender.send(prepared);
                    ctx.request_repaint();
                }
            })?;
        Ok(Self {
            path,
            total_bytes,
            thread,
            progress,
            cancel,
            result,
            columns_given,
        })
    }

    /// Whether a spreadsheet's columns were given, rather than to be recognised.
    pub fn columns_given(&self) -> bool {
        self.columns_given
    }

    /// The result, once the thread is done; `None` while it works.
    pub fn poll(&self) -> Option<Result<T, ImportError>> {
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(ReadError::io(
                &self.path,
                std::io::Error::other("the loading thread stopped without a result"),
            )
            .into())),
        }
    }

    /// Tells the thread to stop, and drops its result if any; the thread itself ends at
    /// its next check (between chunks and stages).
    pub fn cancel(self) -> std::thread::JoinHandle<()> {
        self.cancel.store(true, Ordering::Relaxed);
        self.thread
    }

    pub fn stage(&self) -> Stage {
        match self.progress.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Checking,
            _ => Stage::Preparing,
        }
    }

    /// The share of the file read, 0 to 1.
    pub fn fraction_read(&self) -> f32 {
        let read = self.progress.bytes_read.load(Ordering::Relaxed);
        if self.total_bytes == 0 {
            1.0
        } else {
            (read as f64 / self.total_bytes as f64).min(1.0) as f32
        }
    }
}

/// The progress window: what is being opened, how far along, and Cancel.
pub fn loading_ui<T: Send + 'static>(
    ctx: &egui::Context,
    loading: &Loading<T>,
    commands: &mut Vec<Command>,
) {
    egui::Window::new("Opening")
        .id(egui::Id::new("loading"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            let name = loading.path.file_name().map_or_else(
                || loading.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(egui::RichText::new(format!("Opening {name}")).strong());
            let stage = loading.stage();
            let (fraction, text) = match stage {
                Stage::Reading => (
                    loading.fraction_read(),
                    format!(
                        "Reading: {:.0} % of {:.1} MB",
                        loading.fraction_read() * 100.0,
                        loading.total_bytes as f64 / 1e6
                    ),
                ),
                Stage::Checking => (1.0, "Checking every entity and tie…".to_owned()),
                Stage::Preparing => (1.0, "Preparing the map…".to_owned()),
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(text)
                    .animate(stage != Stage::Reading),
            );
            ui.label(
                egui::RichText::new("The network that is open stays open until this one is ready.")
                    .small()
                    .weak(),
            );
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelLoad);
            }
        });
    // The progress moves on its own: look again soon.
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, reason = "test fixtures written in place")]
mod tests {
    use super::*;
    use crate::network::load::MAX_FILE_BYTES;

    #[test]
    fn reads_every_chunk_and_counts_the_bytes() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("two-chunks.json");
        let content = vec![b'x'; CHUNK_BYTES + 10];
        std::fs::write(&path, &content).expect("write");
        let progress = Progress::default();
        let read = read_counting(&path, &progress, &AtomicBool::new(false)).expect("reads");
        assert_eq!(read.as_deref(), Some(content.as_slice()));
        assert_eq!(
            progress.bytes_read.load(Ordering::Relaxed),
            content.len() as u64
        );
    }

    #[test]
    fn files_beyond_the_limit_are_refused_before_reading() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("big.gexf");
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
        let progress = Progress::default();
        let error =
            read_counting(&path, &progress, &AtomicBool::new(false)).expect_err("too large");
        assert!(matches!(error, ReadError::TooLarge { .. }), "{error}");
        assert!(error.to_string().contains("big.gexf"), "{error}");
        assert_eq!(progress.bytes_read.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn a_cancelled_read_stops() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("small.json");
        std::fs::write(&path, "{}").expect("write");
        let read = read_counting(&path, &Progress::default(), &AtomicBool::new(true));
        assert!(matches!(read, Ok(None)), "{read:?}");
    }
}
