//! The command line: `powermap [FILE]` opens the window, subcommands work without one.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::diagnostic::LoadError;
use crate::load::load_file;

/// powermap: who meets whom among executives and firms, and which deals follow.
#[derive(Debug, Parser)]
#[command(name = "powermap", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A network file to open in the window; without one, the embedded Samsung network opens.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check network files and print every problem found; exits 1 if any has errors.
    Validate {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Validates each file, printing a report to `out`; returns whether all of them opened.
pub fn validate_files(files: &[PathBuf], out: &mut impl Write) -> std::io::Result<bool> {
    let mut all_valid = true;
    for file in files {
        match load_file(file) {
            Ok(loaded) => {
                let warnings = loaded.warnings.len();
                writeln!(
                    out,
                    "{}: ok: {} entities, {} ties, {} sources{}",
                    file.display(),
                    loaded.network.entities.len(),
                    loaded.network.ties.len(),
                    loaded.network.sources.len(),
                    match warnings {
                        0 => String::new(),
                        1 => ", 1 warning".to_owned(),
                        n => format!(", {n} warnings"),
                    }
                )?;
                for warning in &loaded.warnings {
                    writeln!(out, "{}: {warning}", file.display())?;
                }
            }
            Err(err @ LoadError::Invalid { .. }) => {
                all_valid = false;
                for diagnostic in err.diagnostics() {
                    writeln!(out, "{}: {diagnostic}", file.display())?;
                }
                let errors = err.diagnostics().iter().filter(|d| d.is_error()).count();
                writeln!(
                    out,
                    "{}: cannot open: {errors} error{}",
                    file.display(),
                    if errors == 1 { "" } else { "s" }
                )?;
            }
            Err(err) => {
                all_valid = false;
                writeln!(out, "{err}")?;
            }
        }
    }
    Ok(all_valid)
}
