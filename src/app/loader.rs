//! Opening large files on a background thread, so the window stays responsive while a big
//! network is read, checked and prepared for drawing. The open network stays on screen
//! until the new one is ready; the person sees the progress and can cancel.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::app::command::Command;
use crate::interop::{ImportError, ImportOptions, Imported, import_file_with_progress};
use crate::network::diagnostic::ReadError;

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
                // A powermap file is parsed as it is read: reading is most of the work.
                let mut read = |bytes: u64| {
                    thread_progress.bytes_read.store(bytes, Ordering::Relaxed);
                    if bytes >= total_bytes {
                        thread_progress
                            .stage
                            .store(Stage::Checking as u8, Ordering::Relaxed);
                    }
                    if thread_cancel.load(Ordering::Relaxed) {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                };
                let imported = import_file_with_progress(&thread_path, &options, &mut read);
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
    /// its next check (after each piece read, and between stages).
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
    use crate::network::generate::generate_network;
    use crate::network::save::network_to_json;

    /// A generated network of `entities` entities, written to a file in `folder`.
    fn network_file(folder: &std::path::Path, entities: usize) -> PathBuf {
        let path = folder.join("generated.json");
        let json = network_to_json(&generate_network(entities, 2 * entities, 1)).expect("encodes");
        std::fs::write(&path, json).expect("write");
        path
    }

    fn size(path: &std::path::Path) -> u64 {
        std::fs::metadata(path).expect("metadata").len()
    }

    #[test]
    fn a_load_reads_the_whole_file_checks_it_and_prepares_it() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = network_file(folder.path(), 3_000);
        let total = size(&path);
        assert!(total > 1 << 20, "more than one piece: {total} bytes");
        let loading = Loading::start(
            path,
            total,
            ImportOptions::default(),
            egui::Context::default(),
            |imported| imported.network.entities.len(),
        )
        .expect("starts");
        let result = loop {
            if let Some(result) = loading.poll() {
                break result;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        assert_eq!(result.expect("opens"), 3_000);
        assert_eq!(loading.fraction_read(), 1.0);
        assert_eq!(loading.stage(), Stage::Preparing);
    }

    #[test]
    fn a_cancelled_load_stops() {
        let folder = tempfile::tempdir().expect("tempdir");
        // Some tens of pieces of a megabyte.
        let path = network_file(folder.path(), 30_000);
        let total = size(&path);
        let loading = Loading::start(
            path.clone(),
            total,
            ImportOptions::default(),
            egui::Context::default(),
            |imported| imported.network.entities.len(),
        )
        .expect("starts");
        let progress = loading.progress.clone();
        // The thread ends at its next piece, its result unsent: nobody waits for it.
        loading.cancel().join().expect("the thread ends");
        let read = progress.bytes_read.load(Ordering::Relaxed);
        assert!(
            read < total,
            "read {read} of {total} bytes after cancelling"
        );
    }
}
