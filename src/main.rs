//! The `powermap` binary: logging, the command line, then the window or a subcommand.

// A release build on Windows is a GUI program, so opening the window opens no console
// beside it; a subcommand run from a terminal still prints there (see `attach_terminal`).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]
// The binary is where powermap talks to the terminal; the library never prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use powermap::cli::{
    Cli, Command, convert_file, generate, layout_file, mentions, merge_files, render,
    validate_files,
};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,wgpu=warn,naga=warn,winit=warn,zbus=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help, the version, or a mistake on the command line: for the terminal.
            attach_terminal();
            err.exit()
        }
    };
    if cli.command.is_some() {
        attach_terminal();
    }
    match cli.command {
        Some(Command::Validate { files, columns }) => {
            match validate_files(&files, &columns.options(), &mut std::io::stdout()) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::FAILURE,
                Err(err) => {
                    eprintln!("powermap: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(Command::Convert {
            input,
            output,
            force,
            columns,
        }) => report(convert_file(&input, &output, force, &columns.options())),
        Some(Command::Merge {
            files,
            output,
            force,
        }) => report(
            merge_files(&files, &output, force, &mut std::io::stdout().lock())
                .context("cannot merge"),
        ),
        Some(Command::Render(args)) => report(render(&args)),
        Some(Command::Gen {
            entities,
            ties,
            seed,
            output,
            force,
        }) => report(generate(entities, ties, seed, &output, force)),
        Some(Command::Mentions(args)) => match mentions(&args, &mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("powermap: {err:#}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Layout {
            file,
            steps,
            output,
            force,
        }) => report(layout_file(&file, steps, &output, force)),
        None => match run_window(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("powermap: {err:#}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints what a subcommand did, or its error.
fn report(result: anyhow::Result<String>) -> ExitCode {
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("powermap: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Lets what a subcommand prints reach the terminal it was run from. Only a Windows
/// release build, a GUI program, needs this; elsewhere the terminal is already there.
fn attach_terminal() {
    #[cfg(windows)]
    windows_console::attach_to_parent();
}

/// The application icon (`assets/icon.svg` rendered by `scripts/render-icon.sh`).
const ICON_PNG: &[u8] = include_bytes!("../assets/icon.png");

fn run_window(file: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let icon = eframe::icon_data::from_png_bytes(ICON_PNG).context("the bundled icon")?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("powermap")
            // The same id as the desktop entry `assets/powermap.desktop`, which is how
            // Wayland finds the window's icon.
            .with_app_id("powermap")
            .with_icon(icon)
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "powermap",
        options,
        Box::new(move |cc| Ok(Box::new(powermap::app::PowermapApp::new(cc, file)))),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}

/// The parent's console for a GUI-subsystem build on Windows.
#[cfg(windows)]
mod windows_console {
    use windows_sys::Win32::Storage::FileSystem::{FILE_TYPE_DISK, FILE_TYPE_PIPE, GetFileType};
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };

    /// Attaches to the console of the program that started powermap, such as cmd.exe or
    /// PowerShell, so that standard output and error go there. Output already redirected
    /// to a file or a pipe (`powermap validate a.json > report.txt`) is left alone, as
    /// attaching would send it to the console instead. Started from Explorer, there is
    /// no console to attach to and nothing happens; in a console build (debug), powermap
    /// already has its console and the attach fails harmlessly.
    #[allow(unsafe_code, reason = "three calls into the Windows console API")]
    pub fn attach_to_parent() {
        // SAFETY: GetStdHandle takes one of the standard device constants and returns a
        // handle, null or INVALID_HANDLE_VALUE; GetFileType accepts any handle value and
        // answers FILE_TYPE_UNKNOWN for one that is not valid; AttachConsole takes the
        // ATTACH_PARENT_PROCESS constant and returns 0 when there is no console to
        // attach to. None of them reads or writes memory that Rust owns.
        unsafe {
            let output = GetStdHandle(STD_OUTPUT_HANDLE);
            if !matches!(GetFileType(output), FILE_TYPE_DISK | FILE_TYPE_PIPE) {
                AttachConsole(ATTACH_PARENT_PROCESS);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_is_a_256_pixel_square() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).expect("a PNG");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
