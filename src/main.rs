//! The `powermap` binary: logging, the command line, then the window or a subcommand.

// The binary is where powermap talks to the terminal; the library never prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser;
use powermap::cli::{Cli, Command, convert_file, generate, layout_file, render, validate_files};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,wgpu=warn,naga=warn,winit=warn,zbus=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate { files }) => match validate_files(&files, &mut std::io::stdout()) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(err) => {
                eprintln!("powermap: {err}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Convert {
            input,
            output,
            force,
        }) => report(convert_file(&input, &output, force)),
        Some(Command::Render(args)) => report(render(&args)),
        Some(Command::Gen {
            entities,
            ties,
            seed,
            output,
            force,
        }) => report(generate(entities, ties, seed, &output, force)),
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

fn run_window(file: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("powermap")
            .with_app_id("powermap")
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
