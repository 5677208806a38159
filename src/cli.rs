//! The command line: `powermap [FILE]` opens the window, subcommands work without one.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::dataset::load_default_network;
use crate::diagnostic::LoadError;
use crate::export::{BASE_WIDTH_PX, Background, ExportOptions, export_map};
use crate::graph::MapGraph;
use crate::layout::lay_out;
use crate::load::load_file;
use crate::save::Overwrite;

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
    /// Draw the whole map to a PNG or SVG file, without a window or GPU.
    ///
    /// The layout runs to rest from the network's deterministic start, or the positions
    /// saved in the file are used when every entity has one.
    Render(RenderArgs),
}

/// The options of `powermap render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The network file; without one, the embedded Samsung network.
    pub file: Option<PathBuf>,
    /// Where to write the picture: a name ending in .png or .svg.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The picture's width in pixels (up to 16384); the height follows the map.
    #[arg(long, conflicts_with = "scale")]
    pub width: Option<u32>,
    /// The picture's size as a multiple of 1600 pixels wide (1 to 4).
    #[arg(long, value_parser = parse_scale)]
    pub scale: Option<f32>,
    #[arg(long, value_enum, default_value_t)]
    pub background: Background,
    /// The language of the labels; by default the one the file asks for.
    #[arg(long, value_parser = ["ko", "en"])]
    pub labels: Option<String>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

fn parse_scale(text: &str) -> Result<f32, String> {
    let scale: f32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (1.0..=4.0).contains(&scale) {
        Ok(scale)
    } else {
        Err(format!("{scale} is outside 1 to 4"))
    }
}

/// Lays the network out and writes the picture; returns a line saying what was written.
pub fn render(args: &RenderArgs) -> anyhow::Result<String> {
    let loaded = match &args.file {
        Some(file) => load_file(file)?,
        None => load_default_network()?,
    };
    let network = loaded.network;
    let map = MapGraph::new(&network);
    let positions = lay_out(&network, &map.links());
    let width_px = match (args.width, args.scale) {
        (Some(width), _) => width,
        (None, Some(scale)) => (BASE_WIDTH_PX as f32 * scale).round() as u32,
        (None, None) => BASE_WIDTH_PX,
    };
    let options = ExportOptions {
        width_px,
        background: args.background,
        language: args
            .labels
            .clone()
            .unwrap_or_else(|| network.label_language.clone()),
    };
    let overwrite = if args.force {
        Overwrite::Replace
    } else {
        Overwrite::Refuse
    };
    export_map(
        &network,
        &map,
        &positions,
        &options,
        &args.output,
        overwrite,
    )?;
    Ok(format!(
        "{}: the map of {} entities and {} ties, {width_px} pixels wide",
        args.output.display(),
        network.entities.len(),
        network.ties.len()
    ))
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
