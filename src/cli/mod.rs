//! The command line: `powermap [FILE]` opens the window, subcommands work without one.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::article::dates::precision_name;
use crate::article::{analyse_in, guess_language, published_in_text};
use crate::export::film::{FILM_WIDTH_PX, FilmFormat, story_film, timeline_film, write_film};
use crate::export::{BASE_WIDTH_PX, Background, ExportOptions, ImageFormat, export_map};
use crate::interop::{
    ColumnMapping, ConvertError, EntitiesSheet, ExportError, ExportFormat, Format, ImportError,
    ImportOptions, Imported, Role, SheetChoice, TablePreview, export_network, import_file,
    import_file_with,
};
use crate::layout::{LayoutRun, lay_out, lay_out_in};
use crate::network::combine::{Combined, combine};
use crate::network::dataset::load_default_network;
use crate::network::date::PartialDate;
use crate::network::diagnostic::{LoadError, count_text, errors_text};
use crate::network::generate::generate_network;
use crate::network::index::NetworkIndex;
use crate::network::load::{MAX_ENTITIES, MAX_TIES};
use crate::network::model::{Network, Position, TieKind};
use crate::network::save::{Overwrite, SaveError, save_network};
use crate::network::validate::validate;
use crate::scene::graph::{MapGraph, network_links};

/// powermap: who meets whom among executives and firms, and which deals follow.
#[derive(Debug, Parser)]
#[command(name = "powermap", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A network file to open in the window (powermap JSON, GEXF, GraphML, CSV, node-link
    /// or Cytoscape.js JSON); without one, the embedded Samsung network opens.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check network files and print every problem found; exits 1 if any has errors.
    ///
    /// Files in other formats (GEXF, GraphML, CSV, node-link, Cytoscape.js) get their
    /// import report: what was mapped, kept as attributes, dropped, and why.
    Validate {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        columns: ColumnArgs,
    },
    /// Convert a network from any format powermap opens to another, printing the import report.
    ///
    /// The output's name chooses the format written: .json (powermap), .gexf, .graphml, .gml,
    /// .nodelink.json or .ftm.json (FollowTheMoney JSON lines, for Aleph and OpenAleph).
    Convert {
        /// The file to read.
        input: PathBuf,
        /// The file to write.
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        columns: ColumnArgs,
    },
    /// Combine maps into one, printing what was matched, added and conflicted.
    ///
    /// The files may be in any format powermap opens; each is combined into the ones
    /// before it, left to right. Entities are matched by id, then by a name or alias
    /// (ignoring case, spaces and hyphens); sources, ties and evidence that both maps have
    /// are kept once. Where the maps differ, the earlier file's value is kept and the
    /// report lists the conflict. The output is powermap JSON.
    Merge {
        /// The files to combine, at least two.
        #[arg(required = true, num_args = 2.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The file to write, as powermap JSON (a name ending in .json).
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Draw the whole map to a PNG or SVG file, or make its web page, without a window or GPU.
    ///
    /// A name ending in .html writes one self-contained page: the map to pan, zoom and
    /// search, each tie's evidence a click away, with nothing loaded from elsewhere.
    ///
    /// The layout runs to rest from the network's deterministic start, or the positions
    /// saved in the file are used when every entity has one.
    Render(RenderArgs),
    /// Make a synthetic network of a given size, for testing scale (reproducible by seed).
    Gen {
        #[arg(long, default_value_t = 10_000)]
        entities: usize,
        #[arg(long, default_value_t = 20_000)]
        ties: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it: .gexf, .graphml, .gml, .nodelink.json and .ftm.json write
        /// those formats, anything else powermap JSON.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Find a map's entities in a news article and print the ties its sentences propose,
    /// one JSON object a line.
    ///
    /// Each line holds a sentence naming two or more entities: {"sentence", "entities"
    /// (ids, in order), "kind" (or null), "date" and its "precision" (or null), "because"}.
    /// Dates such as "지난 10월" or "11일(현지시간)" are resolved against the publication
    /// date. See docs/articles.md for the rules.
    Mentions(MentionsArgs),
    /// Lay a network out headless from its deterministic start and save the positions
    /// into a copy of the file, printing the time the layout took.
    ///
    /// Each connected component is laid out on its own, a large one by levels (the
    /// coarsest laid out whole, each finer one refined with a few steps), and the
    /// components are packed largest first; entities without a tie go into a grid.
    Layout {
        /// The network file, in any format powermap opens.
        file: PathBuf,
        /// Steps to cool over at the coarsest level (the whole layout of a component of
        /// up to 2,000 entities), or from the saved positions when the file places some
        /// entities that are not pinned.
        #[arg(long, default_value_t = 300)]
        steps: u64,
        /// Where to save it: .gexf, .graphml, .gml, .nodelink.json and .ftm.json write those formats (for
        /// comparing with other tools), anything else powermap JSON.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// Which columns of a table of ties (CSV, TSV, .xlsx, .ods) hold what, for tables whose
/// headers powermap does not recognise. A column not named is recognised by its header's
/// words (from, to, date…) where it can be.
#[derive(Debug, Default, clap::Args)]
pub struct ColumnArgs {
    /// The column (by its header) of one end of each tie.
    #[arg(long, value_name = "HEADER")]
    pub source_column: Option<String>,
    /// The column of the other end of each tie.
    #[arg(long, value_name = "HEADER")]
    pub target_column: Option<String>,
    /// The column of each tie's kind (meeting, contract…) or relationship.
    #[arg(long, value_name = "HEADER")]
    pub kind_column: Option<String>,
    /// The column of each tie's date.
    #[arg(long, value_name = "HEADER")]
    pub date_column: Option<String>,
    /// The column of a few words on each tie, its summary.
    #[arg(long, value_name = "HEADER")]
    pub label_column: Option<String>,
    /// The column of an amount of money (5000 USD, $5,000, 165억달러).
    #[arg(long, value_name = "HEADER")]
    pub amount_column: Option<String>,
    /// The column of the address of the page that shows each tie: its evidence.
    #[arg(long, value_name = "HEADER")]
    pub url_column: Option<String>,
    /// The sheet of a workbook (.xlsx, .ods) that holds the ties, by its name.
    #[arg(long, value_name = "SHEET")]
    pub ties_sheet: Option<String>,
    /// The sheet of a workbook that holds the entities (an id or name column, and a
    /// kind), by its name.
    #[arg(long, value_name = "SHEET", conflicts_with = "no_entities_sheet")]
    pub entities_sheet: Option<String>,
    /// Read no sheet as the entities, even one named like them: the entities are those the
    /// ties name.
    #[arg(long)]
    pub no_entities_sheet: bool,
}

impl ColumnArgs {
    /// The columns and sheets as the library takes them.
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            columns: ColumnMapping {
                source: self.source_column.clone(),
                target: self.target_column.clone(),
                kind: self.kind_column.clone(),
                date: self.date_column.clone(),
                label: self.label_column.clone(),
                amount: self.amount_column.clone(),
                url: self.url_column.clone(),
            },
            sheets: SheetChoice {
                ties: self.ties_sheet.clone(),
                entities: match (&self.entities_sheet, self.no_entities_sheet) {
                    (Some(name), _) => EntitiesSheet::Named(name.clone()),
                    (None, true) => EntitiesSheet::Without,
                    (None, false) => EntitiesSheet::ByName,
                },
            },
        }
    }
}

/// What to do about a table whose ends powermap cannot tell: the options that name them,
/// and in a workbook of several `sheets`, those that choose another sheet.
fn column_hint(sheets: &[TablePreview]) -> String {
    let options: Vec<&str> = Role::ALL.iter().map(|role| role.option()).collect();
    let mut hint = format!(
        "name the columns of the two ends with {} and {} (and {} for the others)",
        options[0],
        options[1],
        options[2..].join(", ")
    );
    if sheets.len() > 1 {
        let list: Vec<String> = (sheets.iter())
            .map(|sheet| match &sheet.sheet {
                Some(name) if sheet.headers.is_empty() => format!("{name:?} (empty)"),
                Some(name) => format!("{name:?} ({})", sheet.headers.join(", ")),
                None => String::new(),
            })
            .collect();
        hint.push_str(&format!(
            ", or choose the sheets with --ties-sheet and --entities-sheet; the workbook has {}",
            list.join(", ")
        ));
    }
    hint
}

/// Imports `file` with the columns and sheets given, an unrecognised table refused with
/// the options that would open it.
fn import_with_options(file: &Path, options: &ImportOptions) -> anyhow::Result<Imported> {
    import_file_with(file, options).map_err(|err| match &err {
        ImportError::UnknownColumns { sheets, .. } => {
            anyhow::anyhow!("{err}\n{}", column_hint(sheets))
        }
        _ => err.into(),
    })
}

/// The options of `powermap mentions`.
#[derive(Debug, clap::Args)]
pub struct MentionsArgs {
    /// The article: a UTF-8 text file, or - to read standard input.
    pub article: PathBuf,
    /// The map whose entities to look for, in any format powermap opens; without one,
    /// the embedded Samsung network.
    #[arg(long, value_name = "MAP")]
    pub map: Option<PathBuf>,
    /// When the article was published (YYYY-MM-DD, or YYYY-MM, YYYY); without it, the
    /// date line near its top ("입력 2025-10-30 20:39", "Published: 31 Oct. 2025"), if any.
    #[arg(long, value_name = "DATE")]
    pub published: Option<PartialDate>,
    /// The language the article is written in, which names the entities in "because";
    /// by default the script most of its letters are in.
    #[arg(long, value_parser = ["ko", "en"])]
    pub language: Option<String>,
}

/// The options of `powermap render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The network file, in any format powermap opens; without one, the embedded Samsung
    /// network.
    pub file: Option<PathBuf>,
    /// Where to write the picture: a name ending in .png, .svg or .html (a web page); with
    /// --timeline, .gif, .png (an animated PNG) or a folder (numbered PNG frames).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Play the timeline into a film: one frame per distinct date of the ties, each
    /// showing the ties dated up to it, with the date as its caption.
    #[arg(long, conflicts_with = "story")]
    pub timeline: bool,
    /// Play the map's story into a film: one frame per step, showing the ties it
    /// highlights, with its caption.
    #[arg(long)]
    pub story: bool,
    /// The picture's width in pixels (up to 16384); the height follows the map. (A web
    /// page's map takes the width of the browser's window.)
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

fn overwrite(force: bool) -> Overwrite {
    if force {
        Overwrite::Replace
    } else {
        Overwrite::Refuse
    }
}

/// Writes a synthetic network; returns a line saying what was written.
pub fn generate(
    entities: usize,
    ties: usize,
    seed: u64,
    output: &Path,
    force: bool,
) -> anyhow::Result<String> {
    anyhow::ensure!(
        entities <= MAX_ENTITIES && ties <= MAX_TIES,
        "powermap opens at most {MAX_ENTITIES} entities and {MAX_TIES} ties"
    );
    let network = generate_network(entities, ties, seed);
    let format = ExportFormat::from_path(output).unwrap_or(ExportFormat::Powermap);
    export_network(&network, format, output, overwrite(force))?;
    Ok(format!(
        "{}: {} (seed {seed})",
        output.display(),
        size_text(network.entities.len(), network.ties.len())
    ))
}

/// Lays a network out with `steps` steps at its coarsest level (see
/// [`lay_out_in`]) and saves it with the positions; returns a line with the layout's own
/// time (components, levels and packing; not reading and writing the file).
pub fn layout_file(file: &Path, steps: u64, output: &Path, force: bool) -> anyhow::Result<String> {
    let mut network = import_file(file)?.network;
    // The springs straight from the ties: the window's index and lines are not needed
    // here, and at a million entities they cost seconds and half a gigabyte.
    let links = network_links(&network);
    let started = std::time::Instant::now();
    let (positions, run) = lay_out_in(&network, &links, steps);
    let elapsed = started.elapsed();
    // Freed before the network is written, which needs room of its own.
    drop(links);
    for (entity, [x, y]) in network.entities.iter_mut().zip(positions) {
        entity.position = Some(Position {
            x: f64::from(x),
            y: f64::from(y),
        });
    }
    let format = ExportFormat::from_path(output).unwrap_or(ExportFormat::Powermap);
    export_network(&network, format, output, overwrite(force))?;
    let how = match run {
        LayoutRun::Multilevel(report) => format!(
            "laid out in {} steps on the coarsest of {} levels ({} clusters) and {} on the \
             finest, {} packed",
            report.coarsest_steps,
            report.levels,
            report.coarsest,
            report.finest_steps,
            count_text(report.components, "component", "components"),
        ),
        LayoutRun::FromSaved(taken) => {
            format!("laid out in {taken} steps from the saved positions")
        }
    };
    Ok(format!(
        "{}: {} {how}, {:.3} s (the whole layout: components, levels, packing)",
        output.display(),
        count_text(network.entities.len(), "entity", "entities"),
        elapsed.as_secs_f64(),
    ))
}

/// Lays the network out and writes the picture; returns a line saying what was written.
pub fn render(args: &RenderArgs) -> anyhow::Result<String> {
    let network = match &args.file {
        Some(file) => import_file(file)?.network,
        None => load_default_network()?.network,
    };
    let map = MapGraph::new(&NetworkIndex::new(&network));
    let positions = lay_out(&network, &map.links());
    let width_px = match (args.width, args.scale) {
        (Some(width), _) => width,
        (None, Some(scale)) => (BASE_WIDTH_PX as f32 * scale).round() as u32,
        // A film's frames are smaller by default: a GIF of 1600-pixel frames is heavy.
        (None, None) if args.timeline || args.story => FILM_WIDTH_PX,
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
    if args.timeline || args.story {
        let format = FilmFormat::from_path(&args.output).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: choose a film name ending in .gif or .png, or a folder for numbered frames",
                args.output.display()
            )
        })?;
        let film = if args.story {
            story_film(&network, &positions, &options)?
        } else {
            timeline_film(&network, &positions, &options)?
        };
        let written = write_film(&film, &args.output, format, overwrite(args.force))?;
        let dates: Vec<String> = film
            .dates
            .iter()
            .flatten()
            .map(ToString::to_string)
            .collect();
        let span = match (dates.first(), dates.last()) {
            (Some(first), Some(last)) => format!(" ({first} to {last})"),
            _ => String::new(),
        };
        return Ok(format!(
            "{}: the {} in {}{span}, {} × {} pixels{}",
            args.output.display(),
            if args.story { "story" } else { "timeline" },
            count_text(film.frames.len(), "frame", "frames"),
            film.width,
            film.height,
            if written.len() > 1 {
                format!(", {} files", written.len())
            } else {
                String::new()
            }
        ));
    }
    export_map(
        &network,
        &map,
        &positions,
        &options,
        &args.output,
        overwrite(args.force),
    )?;
    let size = format!(
        "{} and {}",
        count_text(network.entities.len(), "entity", "entities"),
        count_text(network.ties.len(), "tie", "ties")
    );
    let output = args.output.display();
    Ok(match ImageFormat::from_path(&args.output) {
        Some(ImageFormat::Html) => format!("{output}: the web page of the map of {size}"),
        _ => format!("{output}: the map of {size}, {width_px} pixels wide"),
    })
}

/// Writes to `out` the ties `args.article` proposes, one JSON object a line.
pub fn mentions(args: &MentionsArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let text = read_article(&args.article)?;
    let network = match &args.map {
        Some(file) => import_file(file)?.network,
        None => load_default_network()?.network,
    };
    let published = args.published.or_else(|| published_in_text(&text));
    let language = args
        .language
        .as_deref()
        .unwrap_or_else(|| guess_language(&text));
    let analysis = analyse_in(&text, published, &network.entities, language);
    for proposal in &analysis.proposals {
        let line = ProposalLine {
            sentence: &text[proposal.sentence.clone()],
            entities: &proposal.entities,
            kind: proposal.kind,
            date: proposal.date.as_ref().map(|guess| guess.date),
            precision: proposal
                .date
                .as_ref()
                .map(|guess| precision_name(guess.date.precision())),
            because: &proposal.because,
        };
        let line = serde_json::to_string(&line).context("cannot write the proposals")?;
        writeln!(out, "{line}").context("cannot write the proposals")?;
    }
    Ok(())
}

/// One line `powermap mentions` prints, its fields in this order.
#[derive(serde::Serialize)]
struct ProposalLine<'a> {
    sentence: &'a str,
    entities: &'a [String],
    kind: Option<TieKind>,
    date: Option<PartialDate>,
    precision: Option<&'static str>,
    because: &'a str,
}

/// The text of an article file, or of standard input for `-`.
fn read_article(path: &Path) -> anyhow::Result<String> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .context("cannot read the article from standard input")?;
        ("standard input".to_owned(), bytes)
    } else {
        let bytes = std::fs::read(path)
            .with_context(|| format!("{}: cannot read the article", path.display()))?;
        (path.display().to_string(), bytes)
    };
    String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "{name}: the article is not UTF-8 text (byte {} is not)",
            err.utf8_error().valid_up_to()
        )
    })
}

/// Converts `input` to the format `output`'s name asks for, a table of ties read with
/// `columns`; returns the import report and a line saying what was written.
pub fn convert_file(
    input: &Path,
    output: &Path,
    force: bool,
    options: &ImportOptions,
) -> anyhow::Result<String> {
    let format =
        ExportFormat::from_path(output).ok_or_else(|| ConvertError::UnknownOutputFormat {
            file: output.to_owned(),
        })?;
    let Imported {
        network, report, ..
    } = import_with_options(input, options)?;
    match export_network(&network, format, output, overwrite(force)) {
        Err(ExportError::Save(SaveError::Exists { file })) => {
            anyhow::bail!(
                "{}: already exists; give --force to replace it",
                file.display()
            )
        }
        result => result?,
    }
    Ok(format!(
        "{report}{}: written as {}: {}",
        output.display(),
        export_format_name(format),
        size_text(report.counts.entities, report.counts.ties)
    ))
}

/// Combines `files` left to right and saves the result to `output` as powermap JSON.
///
/// Writes to `out` each file's import report and, for each file after the first, what
/// combining it matched, added and conflicted; returns a line saying what was written.
pub fn merge_files(
    files: &[PathBuf],
    output: &Path,
    force: bool,
    out: &mut impl Write,
) -> anyhow::Result<String> {
    if let Some(format) =
        ExportFormat::from_path(output).filter(|&format| format != ExportFormat::Powermap)
    {
        anyhow::bail!(
            "{}: merge writes powermap JSON, not {}; name the output .json, then convert it \
             with powermap convert",
            output.display(),
            export_format_name(format)
        );
    }
    let exists_error = |file: &Path| {
        anyhow::anyhow!(
            "{}: already exists; give --force to replace it",
            file.display()
        )
    };
    // Refuse before reading anything; the save below refuses again, should the file
    // appear meanwhile.
    if !force && output.exists() {
        return Err(exists_error(output));
    }
    let (first, rest) = files
        .split_first()
        .ok_or_else(|| anyhow::anyhow!("no files to merge"))?;
    let mut network = read_to_merge(first, out)?;
    for (i, file) in rest.iter().enumerate() {
        let other = read_to_merge(file, out)?;
        let Combined {
            network: combined,
            report,
        } = combine(&network, &other);
        let into = if i == 0 {
            first.display().to_string()
        } else {
            "the files before it".to_owned()
        };
        write!(out, "{}: combined into {into}:\n{report}", file.display())
            .context("cannot write the report")?;
        network = combined;
    }
    let errors: Vec<String> = validate(&network)
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .map(ToString::to_string)
        .collect();
    anyhow::ensure!(
        errors.is_empty(),
        "the combined network is not valid (a bug in merging): {}",
        errors.join("; ")
    );
    match save_network(&network, output, overwrite(force)) {
        Err(SaveError::Exists { file }) => return Err(exists_error(&file)),
        result => result?,
    }
    Ok(format!(
        "{}: written as powermap JSON: {}, {}",
        output.display(),
        size_text(network.entities.len(), network.ties.len()),
        count_text(network.sources.len(), "source", "sources")
    ))
}

/// Imports one file to merge, writing its import report to `out`.
fn read_to_merge(file: &Path, out: &mut impl Write) -> anyhow::Result<Network> {
    let Imported {
        network, report, ..
    } = import_file(file)?;
    write!(out, "{report}").context("cannot write the report")?;
    Ok(network)
}

/// What `convert` says it wrote.
fn export_format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Powermap => "powermap JSON",
        ExportFormat::Gexf => "GEXF 1.3",
        ExportFormat::GraphMl => "GraphML",
        ExportFormat::NodeLink => "node-link JSON",
        ExportFormat::Ftm => "FollowTheMoney JSON lines",
        ExportFormat::Gml => "GML",
    }
}

/// A network's size as the commands print it: "3 entities, 1 tie".
fn size_text(entities: usize, ties: usize) -> String {
    format!(
        "{}, {}",
        count_text(entities, "entity", "entities"),
        count_text(ties, "tie", "ties")
    )
}

/// ", 3 warnings" after a line of counts; nothing for none.
fn warnings_suffix(count: usize) -> String {
    if count == 0 {
        String::new()
    } else {
        format!(", {}", count_text(count, "warning", "warnings"))
    }
}

/// Frees `network` on a thread of its own: a network of millions of elements takes a second
/// to free, which neither the next file nor the end of the program need wait for (the
/// system takes back the memory of a program that ends all at once).
fn free_in_background(network: Network) {
    // Should no thread start, the network is freed here, with the closure.
    let _ = std::thread::Builder::new()
        .name("powermap-free".to_owned())
        .spawn(move || drop(network));
}

/// Validates each file, printing a report to `out`; returns whether all of them opened.
///
/// A powermap file gets a line of counts and its warnings; a file in another format gets
/// its import report, then a line of counts whose warnings are what the import dropped or
/// changed. Tables of ties are read with `options`' columns and sheets; one whose ends cannot be told gets
/// the options that would name them.
pub fn validate_files(
    files: &[PathBuf],
    options: &ImportOptions,
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let mut all_valid = true;
    for file in files {
        match import_file_with(file, options) {
            Ok(Imported {
                network,
                report,
                format: Format::Powermap,
            }) => {
                writeln!(
                    out,
                    "{}: ok: {}, {}{}",
                    file.display(),
                    size_text(network.entities.len(), network.ties.len()),
                    count_text(network.sources.len(), "source", "sources"),
                    warnings_suffix(report.warnings.len())
                )?;
                for warning in &report.warnings {
                    writeln!(out, "{}: {warning}", file.display())?;
                }
                free_in_background(network);
            }
            Ok(Imported {
                network, report, ..
            }) => {
                write!(out, "{report}")?;
                writeln!(
                    out,
                    "{}: ok: {}, read as {}{}{}",
                    file.display(),
                    size_text(network.entities.len(), network.ties.len()),
                    report.format,
                    report
                        .format_version
                        .as_deref()
                        .map(|version| format!(" {version}"))
                        .unwrap_or_default(),
                    warnings_suffix(report.dropped_or_changed() + report.warnings.len())
                )?;
            }
            Err(ImportError::Powermap(err @ LoadError::Invalid { .. })) => {
                all_valid = false;
                for diagnostic in err.diagnostics() {
                    writeln!(out, "{}: {diagnostic}", file.display())?;
                }
                writeln!(
                    out,
                    "{}: cannot open: {}",
                    file.display(),
                    errors_text(err.diagnostics())
                )?;
            }
            Err(ref err @ ImportError::UnknownColumns { ref sheets, .. }) => {
                all_valid = false;
                writeln!(out, "{err}")?;
                writeln!(out, "{}: {}", file.display(), column_hint(sheets))?;
            }
            Err(err) => {
                all_valid = false;
                writeln!(out, "{err}")?;
            }
        }
    }
    Ok(all_valid)
}
