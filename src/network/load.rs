//! Reading a network file: size and encoding checks, parsing, then validation.
//!
//! The file is read in pieces (`stream.rs`) and parsed as they come, so that it is never
//! held whole: loading takes little more memory than the network itself. Each source,
//! group, entity, tie and story step is parsed on its own, so one malformed element does
//! not hide the problems in the others: every problem is reported in one pass.
//!
//! The outline of the file (its fields, and the brackets and commas of its lists) is
//! followed here; the fields' values and the elements are parsed by serde_json, the
//! elements in batches on rayon's threads. Where the outline is not a network's (broken
//! JSON, an unknown or repeated field, too many elements), the file is read once more,
//! whole, and serde_json says what is wrong and where, as it did when powermap read every
//! file whole: such a file does not open, so no network is in memory meanwhile.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::{ControlFlow, Range};
use std::path::{Path, PathBuf};

use serde::de::{DeserializeOwned, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::network::diagnostic::{Diagnostic, LoadError, ReadError, TextPosition};
use crate::network::model::{
    Entity, FORMAT_NAME, FORMAT_VERSION, Group, Network, ShownBy, Source, StoryStep, Tie,
};
use crate::network::stream::{Bom, PIECE_BYTES, Stop, TextWindow};
use crate::network::validate::{ElementOrigins, ListOrigins, validate_with_origins};

/// The largest powermap file powermap opens, in bytes (1.25 GiB): what the network fits
/// in 4 GB of memory. Read in pieces, a file is never held whole; a generated network of
/// 1.3M entities and 2.6M ties (1.34 GB) peaks at 3.8 GB while it loads, most of it the
/// network itself (see docs/performance.md).
pub const MAX_FILE_BYTES: u64 = 5 * 256 * 1024 * 1024;
/// The most entities a file may hold.
pub const MAX_ENTITIES: usize = 2_000_000;
/// The most ties a file may hold.
pub const MAX_TIES: usize = 4_000_000;
/// The most sources, and separately the most groups, a file may hold.
pub const MAX_SOURCES_OR_GROUPS: usize = 100_000;
/// The most steps a story may have.
pub const MAX_STORY_STEPS: usize = 10_000;

/// Told the bytes of a file read so far after each piece it reads; breaking stops the
/// read with [`ReadError::Cancelled`].
pub type Progress<'a> = dyn FnMut(u64) -> ControlFlow<()> + 'a;

/// A network that opened, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub network: Network,
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates the network file at `path`.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    load_file_with(path, &mut |_| ControlFlow::Continue(()))
}

/// As [`load_file`], telling `progress` how far it has read.
pub fn load_file_with(path: &Path, progress: &mut Progress<'_>) -> Result<Loaded, LoadError> {
    let (file, _) = open_bounded(path, MAX_FILE_BYTES)?;
    read_network(file, path, MAX_FILE_BYTES, PIECE_BYTES, progress)
}

/// Parses and validates a network from the bytes of a file; `file` names it in errors.
pub fn parse_network(bytes: &[u8], file: &Path) -> Result<Loaded, LoadError> {
    read_network(
        std::io::Cursor::new(bytes),
        file,
        u64::MAX,
        PIECE_BYTES,
        &mut |_| ControlFlow::Continue(()),
    )
}

/// The bytes of the file at `path`, refused before reading when it is larger than `limit`
/// bytes (and after, should it have grown meanwhile).
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_bounded_with(path, limit, &mut |_| ControlFlow::Continue(()))
}

/// As [`read_bounded`], telling `progress` how far it has read.
pub fn read_bounded_with(
    path: &Path,
    limit: u64,
    progress: &mut Progress<'_>,
) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_bounded(path, limit)?;
    // Reads stop one byte past the limit, so that a file that grew is refused too.
    let mut file = file.take(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    loop {
        let read = (&mut file)
            .take(PIECE_BYTES as u64)
            .read_to_end(&mut bytes)
            .map_err(|source| ReadError::io(path, source))?;
        if read == 0 {
            check_size(path, bytes.len() as u64, limit)?;
            return Ok(bytes);
        }
        if progress(bytes.len() as u64).is_break() {
            return Err(ReadError::Cancelled {
                file: path.to_owned(),
            });
        }
    }
}

/// Opens the file at `path` for reading, refused when it is larger than `limit` bytes;
/// returns it with its size.
fn open_bounded(path: &Path, limit: u64) -> Result<(File, u64), ReadError> {
    let file = File::open(path).map_err(|source| ReadError::io(path, source))?;
    let size = file
        .metadata()
        .map_err(|source| ReadError::io(path, source))?
        .len();
    check_size(path, size, limit)?;
    Ok((file, size))
}

/// Refuses `size` bytes of the file at `path` when that is more than `limit`.
pub fn check_size(path: &Path, size: u64, limit: u64) -> Result<(), ReadError> {
    if size > limit {
        return Err(ReadError::TooLarge {
            file: path.to_owned(),
            size,
            limit,
        });
    }
    Ok(())
}

/// Whether `head`, the first bytes of a file, starts a powermap network: a JSON object
/// whose `"format"` is `"powermap"`, that field within `head` (powermap writes it first).
pub fn starts_as_powermap(head: &[u8]) -> bool {
    let text = match std::str::from_utf8(head) {
        Ok(_) => head,
        // The head may end inside a character.
        Err(err) if err.error_len().is_none() => &head[..err.valid_up_to()],
        Err(_) => return false,
    };
    let mut never = |_| ControlFlow::Continue(());
    let Ok((mut window, _)) =
        TextWindow::open(text, Path::new(""), u64::MAX, PIECE_BYTES, &mut never)
    else {
        return false;
    };
    names_powermap(&mut window).unwrap_or(false)
}

fn names_powermap<R: Read>(window: &mut TextWindow<'_, R>) -> Result<bool, Stop> {
    if skip_white(window)? != Some(b'{') {
        return Ok(false);
    }
    window.consume(1);
    loop {
        if skip_white(window)? != Some(b'"') {
            return Ok(false);
        }
        let Some(key) = value::<String, _>(window)? else {
            return Ok(false);
        };
        if skip_white(window)? != Some(b':') {
            return Ok(false);
        }
        window.consume(1);
        skip_white(window)?;
        if key == "format" {
            return Ok(
                value::<Option<String>, _>(window)?.flatten().as_deref() == Some(FORMAT_NAME)
            );
        }
        if value::<IgnoredAny, _>(window)?.is_none() || skip_white(window)? != Some(b',') {
            return Ok(false);
        }
        window.consume(1);
    }
}

/// Reads, parses and validates a network from `reader`, the file `file`, which may hold at
/// most `limit` bytes, `piece_bytes` at a time.
fn read_network<R: Read + Seek>(
    reader: R,
    file: &Path,
    limit: u64,
    piece_bytes: usize,
    progress: &mut Progress<'_>,
) -> Result<Loaded, LoadError> {
    let invalid = |diagnostics| LoadError::Invalid {
        file: file.to_owned(),
        diagnostics,
    };
    let stopped = |stop| match stop {
        Stop::Read(err) => LoadError::Read(err),
        Stop::NotText(diagnostic) => invalid(vec![diagnostic]),
    };
    let (mut window, bom) =
        TextWindow::open(reader, file, limit, piece_bytes, progress).map_err(stopped)?;
    let mut diagnostics = Vec::new();
    if bom == Bom::Utf8 {
        diagnostics.push(Diagnostic::warning(
            "",
            "the file starts with a UTF-8 byte order mark; it was ignored",
        ));
    }
    let document = match read_outline(&mut window).map_err(stopped)? {
        Outline::Read(document) => document,
        Outline::NotAnObject => {
            let shape = shape_error(&mut window).map_err(stopped)?;
            window.check_to_end().map_err(stopped)?;
            if let Some(shape) = shape {
                return Err(invalid(vec![shape]));
            }
            let (reader, read) = window.into_reader();
            diagnostics.push(outline_error(reader, file, bom, read, progress, None)?);
            return Err(invalid(diagnostics));
        }
        Outline::Unexpected(at) => {
            window.check_to_end().map_err(stopped)?;
            let (reader, read) = window.into_reader();
            diagnostics.push(outline_error(reader, file, bom, read, progress, Some(at))?);
            return Err(invalid(diagnostics));
        }
    };
    let (network, origins) = network_of(*document, &mut diagnostics).map_err(|missing| {
        diagnostics.push(missing);
        invalid(diagnostics.clone())
    })?;
    diagnostics.extend(validate_with_origins(&network, &origins));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(invalid(diagnostics));
    }
    Ok(Loaded {
        network,
        warnings: diagnostics,
    })
}

/// What a file whose first character is not `{` is, when that says what is wrong with it.
fn shape_error<R: Read>(window: &mut TextWindow<'_, R>) -> Result<Option<Diagnostic>, Stop> {
    loop {
        let rest = window.rest();
        let Some((at, first)) = rest.char_indices().find(|(_, c)| !c.is_whitespace()) else {
            window.consume(rest.len());
            if window.more()? {
                continue;
            }
            return Ok(Some(Diagnostic::error("", "the file is empty")));
        };
        window.consume(at);
        let position = window.position();
        return Ok(match first {
            // White space JSON does not allow before it: serde_json says where.
            '{' => None,
            '[' => Some(
                Diagnostic::error(
                    "",
                    format!(
                        "the file holds a JSON array; a powermap network is a JSON object \
                         starting with {{\"format\": \"{FORMAT_NAME}\", \"version\": {FORMAT_VERSION}, …}}"
                    ),
                )
                .at(position),
            ),
            _ => Some(
                Diagnostic::error(
                    "",
                    "the file is not a JSON object; a powermap network starts with '{'",
                )
                .at(position),
            ),
        });
    }
}

/// The fields of a network file, with its lists' elements parsed.
#[derive(Default)]
struct Document {
    format: Option<String>,
    version: Option<u32>,
    title: String,
    description: String,
    label_language: Option<String>,
    sources: List<Source>,
    groups: List<Group>,
    entities: Option<List<Entity>>,
    ties: List<Tie>,
    story: List<StoryStep>,
    shown_by: ShownBy,
}

/// The elements of one list that parsed, where each came from, and the errors of those
/// that did not.
struct List<T> {
    elements: Vec<T>,
    origins: ListOrigins,
    errors: Vec<Diagnostic>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self {
            elements: Vec::new(),
            origins: ListOrigins::default(),
            errors: Vec::new(),
        }
    }
}

impl<T: DeserializeOwned> List<T> {
    /// Adds the element at `index` in the file.
    fn push(&mut self, element: T, index: usize) {
        // The indexes are listed only once an element has failed.
        if index != self.elements.len() || !self.origins.indexes.is_empty() {
            if self.origins.indexes.is_empty() {
                self.origins.indexes.extend(0..self.elements.len());
            }
            self.origins.indexes.push(index);
        }
        self.elements.push(element);
    }

    /// Parses `text`, the element at `index` of the list `list`, which starts at `start`,
    /// for the error that made it fail, named by its path. The ids of failed elements still
    /// count as known, so references to them are not reported a second time.
    fn fail(&mut self, list: &str, index: usize, text: &str, start: TextPosition) {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let err = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(err) => err,
            // It parses with its path followed as it did without: not a failure after all.
            Ok(element) => {
                self.push(element, index);
                return;
            }
        };
        let inner_path = err.path().to_string();
        let inner = err.into_inner();
        let path = match inner_path.as_str() {
            "." => format!("{list}[{index}]"),
            inner_path if inner_path.starts_with('[') => format!("{list}[{index}]{inner_path}"),
            inner_path => format!("{list}[{index}].{inner_path}"),
        };
        let position = TextPosition {
            line: start.line + inner.line() - 1,
            column: if inner.line() == 1 {
                start.column + inner.column() - 1
            } else {
                inner.column()
            },
        };
        self.errors
            .push(Diagnostic::error(path, strip_position(&inner)).at(position));
        if let Ok(IdOnly { id }) = serde_json::from_str(text) {
            self.origins.failed_ids.push(id);
        }
    }
}

/// Just enough of an element to learn its id when the rest of it is malformed.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// How far the outline of a file was followed.
enum Outline {
    /// The whole file, a network's fields and lists.
    Read(Box<Document>),
    /// The first character that is not white space is not `{`.
    NotAnObject,
    /// Something other than a network's outline, at that position: the file does not open.
    Unexpected(TextPosition),
}

/// Follows the outline of a network file, parsing its fields and elements.
fn read_outline<R: Read>(window: &mut TextWindow<'_, R>) -> Result<Outline, Stop> {
    if skip_white(window)? != Some(b'{') {
        return Ok(Outline::NotAnObject);
    }
    window.consume(1);
    let mut document = Document::default();
    let mut seen: Vec<String> = Vec::new();
    let mut next = skip_white(window)?;
    while next != Some(b'}') {
        if next != Some(b'"') {
            return Ok(Outline::Unexpected(window.position()));
        }
        let Some(key) = value::<String, _>(window)? else {
            return Ok(Outline::Unexpected(window.position()));
        };
        if seen.contains(&key) || skip_white(window)? != Some(b':') {
            return Ok(Outline::Unexpected(window.position()));
        }
        window.consume(1);
        let first = skip_white(window)?;
        let read = match key.as_str() {
            "format" => field(window, &mut document.format)?,
            "version" => field(window, &mut document.version)?,
            "title" => field(window, &mut document.title)?,
            "description" => field(window, &mut document.description)?,
            "label_language" => field(window, &mut document.label_language)?,
            "shown_by" => field(window, &mut document.shown_by)?,
            "sources" => list::<_, _, MAX_SOURCES_OR_GROUPS>(window, &key, &mut document.sources)?,
            "groups" => list::<_, _, MAX_SOURCES_OR_GROUPS>(window, &key, &mut document.groups)?,
            "ties" => list::<_, _, MAX_TIES>(window, &key, &mut document.ties)?,
            "story" => list::<_, _, MAX_STORY_STEPS>(window, &key, &mut document.story)?,
            // `"entities": null` is read as no entities at all.
            "entities" if first != Some(b'[') => value::<(), _>(window)?.is_some(),
            "entities" => {
                let entities = document.entities.insert(List::default());
                list::<_, _, MAX_ENTITIES>(window, &key, entities)?
            }
            _ => false,
        };
        if !read {
            return Ok(Outline::Unexpected(window.position()));
        }
        seen.push(key);
        next = match skip_white(window)? {
            Some(b',') => {
                window.consume(1);
                skip_white(window)?.filter(|&next| next != b'}')
            }
            Some(b'}') => Some(b'}'),
            _ => return Ok(Outline::Unexpected(window.position())),
        };
    }
    window.consume(1);
    if skip_white(window)?.is_some() {
        return Ok(Outline::Unexpected(window.position()));
    }
    Ok(Outline::Read(Box::new(document)))
}

/// Parses a field's value into `into`; false if it is not one.
fn field<T: DeserializeOwned, R: Read>(
    window: &mut TextWindow<'_, R>,
    into: &mut T,
) -> Result<bool, Stop> {
    Ok(match value(window)? {
        Some(value) => {
            *into = value;
            true
        }
        None => false,
    })
}

/// The bytes of elements parsed together, on one of rayon's threads.
const BATCH_BYTES: usize = 1 << 20;

/// Elements of one list, copied out of the window to be parsed on another thread, each
/// with where it starts in the file.
struct Batch {
    text: String,
    elements: Vec<(Range<usize>, TextPosition)>,
}

/// A batch parsed, numbered in file order: each element, or `None` where it is not a `T`.
type Parsed<T> = (usize, Batch, Vec<Option<T>>);

/// Parses a list whose `[` is next into `list`; false if it is not one, or has more than
/// `LIMIT` elements.
///
/// This thread finds where each element ends (serde_json skips over it, which is quick)
/// and copies the elements out in batches, which rayon's threads parse while it reads on;
/// the batches are added to the list in file order. An element that does not parse is
/// parsed again on this thread, for its error.
fn list<T: DeserializeOwned + Send, R: Read, const LIMIT: usize>(
    window: &mut TextWindow<'_, R>,
    name: &str,
    list: &mut List<T>,
) -> Result<bool, Stop> {
    if skip_white(window)? != Some(b'[') {
        return Ok(false);
    }
    window.consume(1);
    if skip_white(window)? == Some(b']') {
        window.consume(1);
        return Ok(true);
    }
    let most_in_flight = 2 * rayon::current_num_threads();
    let (sender, receiver) = std::sync::mpsc::channel::<Parsed<T>>();
    let mut in_order = InOrder {
        name,
        list,
        received: std::collections::BTreeMap::new(),
        added: 0,
        index: 0,
    };
    rayon::in_place_scope(|scope| {
        let mut sent = 0;
        let mut count = 0;
        let ended = loop {
            let (batch, ended) = next_batch::<R, LIMIT>(window, &mut count)?;
            let sender = sender.clone();
            let number = sent;
            scope.spawn(move |_| {
                let elements = (batch.elements.iter())
                    .map(|(range, _)| serde_json::from_str::<T>(&batch.text[range.clone()]).ok())
                    .collect();
                // Nobody waits for a batch of a list that broke off.
                let _ = sender.send((number, batch, elements));
            });
            sent += 1;
            // Adds what is parsed, and waits while too many batches are parsing.
            while let Ok(parsed) = receiver.try_recv() {
                in_order.add(parsed);
            }
            while sent - in_order.received_count() > most_in_flight {
                match receiver.recv() {
                    Ok(parsed) => in_order.add(parsed),
                    Err(_) => break,
                }
            }
            if let Some(ended) = ended {
                break ended;
            }
        };
        drop(sender);
        for parsed in receiver {
            in_order.add(parsed);
        }
        Ok(ended)
    })
}

/// The next elements of a list, up to about [`BATCH_BYTES`]; with it, whether the list
/// ended there (`Some(true)`) or broke off (`Some(false)`: not JSON, or a `LIMIT + 1`th
/// element). `count` counts the elements so far.
fn next_batch<R: Read, const LIMIT: usize>(
    window: &mut TextWindow<'_, R>,
    count: &mut usize,
) -> Result<(Batch, Option<bool>), Stop> {
    let mut batch = Batch {
        // A batch ends with the element that takes it past BATCH_BYTES: most fit as they
        // are copied in, with no copy of the batch to grow it.
        text: String::with_capacity(BATCH_BYTES + BATCH_BYTES / 8),
        elements: Vec::new(),
    };
    while batch.text.len() < BATCH_BYTES {
        if *count == LIMIT {
            return Ok((batch, Some(false)));
        }
        // The element is JSON if serde_json can skip over it.
        let Ok((IgnoredAny, length)) = parse::<IgnoredAny, _>(window)? else {
            return Ok((batch, Some(false)));
        };
        let start = window.position();
        let at = batch.text.len();
        batch.text.push_str(&window.rest()[..length]);
        batch.elements.push((at..at + length, start));
        window.consume(length);
        *count += 1;
        match skip_white(window)? {
            Some(b',') => {
                window.consume(1);
                if matches!(skip_white(window)?, Some(b']') | None) {
                    return Ok((batch, Some(false)));
                }
            }
            Some(b']') => {
                window.consume(1);
                return Ok((batch, Some(true)));
            }
            _ => return Ok((batch, Some(false))),
        }
    }
    Ok((batch, None))
}

/// Parsed batches, added to a list in file order whatever order they come in.
struct InOrder<'a, T> {
    name: &'a str,
    list: &'a mut List<T>,
    /// Batches that came before those before them.
    received: std::collections::BTreeMap<usize, (Batch, Vec<Option<T>>)>,
    /// The batches added to the list so far.
    added: usize,
    /// The index in the file of the next element.
    index: usize,
}

impl<T: DeserializeOwned> InOrder<'_, T> {
    fn add(&mut self, (number, batch, elements): Parsed<T>) {
        self.received.insert(number, (batch, elements));
        while let Some((batch, elements)) = self.received.remove(&self.added) {
            for ((range, start), element) in batch.elements.iter().zip(elements) {
                match element {
                    Some(element) => self.list.push(element, self.index),
                    None => {
                        (self.list).fail(self.name, self.index, &batch.text[range.clone()], *start)
                    }
                }
                self.index += 1;
            }
            self.added += 1;
        }
    }

    /// The batches received so far, added or not.
    fn received_count(&self) -> usize {
        self.added + self.received.len()
    }
}

/// Skips JSON white space; the next byte, or `None` at the end of the file.
fn skip_white<R: Read>(window: &mut TextWindow<'_, R>) -> Result<Option<u8>, Stop> {
    loop {
        let rest = window.rest().as_bytes();
        match rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            Some(at) => {
                let next = rest[at];
                window.consume(at);
                return Ok(Some(next));
            }
            None => {
                window.consume(rest.len());
                if !window.more()? {
                    return Ok(None);
                }
            }
        }
    }
}

/// Parses the value next in the window and moves past it; `None` if it is not a `T`.
fn value<T: DeserializeOwned, R: Read>(window: &mut TextWindow<'_, R>) -> Result<Option<T>, Stop> {
    Ok(match parse(window)? {
        Ok((value, length)) => {
            window.consume(length);
            Some(value)
        }
        Err(_) => None,
    })
}

/// Parses the value next in the window, refilling it until it holds the whole value;
/// returns the value and its length in bytes, or serde_json's error.
fn parse<T: DeserializeOwned, R: Read>(
    window: &mut TextWindow<'_, R>,
) -> Result<Result<(T, usize), serde_json::Error>, Stop> {
    loop {
        let rest = window.rest();
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let result = values.next();
        let length = values.byte_offset();
        // A value that ends with the window may go on in the next piece (a number, or
        // anything cut short). A number cut after its point or its exponent's sign
        // (`12.`, `1e-`) is not an end-of-file error to serde_json but a malformed number.
        let whole = window.at_end()
            || match &result {
                Some(Ok(_)) => length < rest.len(),
                Some(Err(err)) => !err.is_eof() && !ends_in_a_number(rest),
                None => false,
            };
        if whole {
            return Ok(match result {
                Some(Ok(value)) => Ok((value, length)),
                Some(Err(err)) => Err(err),
                None => Err(serde::de::Error::custom("nothing left to read")),
            });
        }
        window.more()?;
    }
}

/// Whether `text` ends in what may be the first part of a JSON number.
fn ends_in_a_number(text: &str) -> bool {
    text.as_bytes()
        .last()
        .is_some_and(|b| matches!(b, b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-'))
}

/// The network of a document, with where each element came from; the format's and
/// version's problems go to `diagnostics`, then each list's malformed elements. Without
/// entities there is no network: that error is returned.
fn network_of(
    document: Document,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Network, ElementOrigins), Diagnostic> {
    match document.format.as_deref() {
        Some(FORMAT_NAME) => {}
        Some(other) => diagnostics.push(Diagnostic::error(
            "format",
            format!(
                "this is a {other:?} file, not a powermap network (\"format\": \"{FORMAT_NAME}\")"
            ),
        )),
        None => diagnostics.push(Diagnostic::error(
            "format",
            format!("missing: a powermap network has \"format\": \"{FORMAT_NAME}\""),
        )),
    }
    let version = match document.version {
        Some(version @ 1..=FORMAT_VERSION) => version,
        Some(version) => {
            diagnostics.push(Diagnostic::error(
                "version",
                format!(
                    "format version {version} is not one this powermap reads (1 to {FORMAT_VERSION}); \
                     a newer powermap may open it"
                ),
            ));
            FORMAT_VERSION
        }
        None => {
            diagnostics.push(Diagnostic::error(
                "version",
                format!("missing: write \"version\": {FORMAT_VERSION}"),
            ));
            FORMAT_VERSION
        }
    };
    let Some(entities) = document.entities else {
        return Err(Diagnostic::error(
            "entities",
            "missing: a network lists its people and organisations in \"entities\"",
        ));
    };
    let lists = [
        &document.sources.errors,
        &document.groups.errors,
        &entities.errors,
        &document.ties.errors,
        &document.story.errors,
    ];
    diagnostics.extend(lists.into_iter().flatten().cloned());
    let origins = ElementOrigins {
        sources: document.sources.origins,
        groups: document.groups.origins,
        entities: entities.origins,
        ties: document.ties.origins,
        story: document.story.origins,
    };
    let network = Network {
        format: FORMAT_NAME.to_owned(),
        version,
        title: document.title,
        description: document.description,
        label_language: document.label_language.unwrap_or_else(|| "en".to_owned()),
        sources: document.sources.elements,
        groups: document.groups.elements,
        entities: entities.elements,
        ties: document.ties.elements,
        story: document.story.elements,
        shown_by: document.shown_by,
    };
    Ok((network, origins))
}

/// The top-level fields of a network file, its lists' elements skipped and counted: what
/// serde_json reads a file whose outline is broken with, to say what is wrong and where.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "only the errors of reading it are wanted")]
struct Fields {
    format: Option<String>,
    version: Option<u32>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    label_language: Option<String>,
    #[serde(default)]
    sources: Skipped<MAX_SOURCES_OR_GROUPS>,
    #[serde(default)]
    groups: Skipped<MAX_SOURCES_OR_GROUPS>,
    entities: Option<Skipped<MAX_ENTITIES>>,
    #[serde(default)]
    ties: Skipped<MAX_TIES>,
    #[serde(default)]
    story: Skipped<MAX_STORY_STEPS>,
    #[serde(default)]
    shown_by: ShownBy,
}

/// A JSON array whose elements are skipped, refused beyond `LIMIT` elements.
#[derive(Default)]
struct Skipped<const LIMIT: usize>;

impl<'de, const LIMIT: usize> Deserialize<'de> for Skipped<LIMIT> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ElementsVisitor<const LIMIT: usize>;

        impl<'de, const LIMIT: usize> Visitor<'de> for ElementsVisitor<LIMIT> {
            type Value = Skipped<LIMIT>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "an array of at most {LIMIT} objects")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut count = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    if count == LIMIT {
                        return Err(serde::de::Error::custom(format!(
                            "more than {LIMIT} elements; powermap opens at most {LIMIT}"
                        )));
                    }
                    count += 1;
                }
                Ok(Skipped)
            }
        }

        deserializer.deserialize_seq(ElementsVisitor::<LIMIT>)
    }
}

/// What is wrong with a file whose outline is not a network's, read again from its start,
/// whole, by serde_json: what and where, as serde_json says, as it said when powermap read
/// every file whole (the file does not open, so the memory is the network's it will not
/// have). `read` bytes were read before, which `progress` is told again as it is asked
/// whether to go on. `at` is where the outline was lost, should serde_json find nothing
/// wrong.
fn outline_error<R: Read + Seek>(
    mut reader: R,
    file: &Path,
    bom: Bom,
    read: u64,
    progress: &mut Progress<'_>,
    at: Option<TextPosition>,
) -> Result<Diagnostic, LoadError> {
    let io = |source| LoadError::Read(ReadError::io(file, source));
    reader.seek(SeekFrom::Start(bom.len())).map_err(io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(read).unwrap_or(0));
    let mut reader = reader.take(read);
    loop {
        let got = (&mut reader)
            .take(PIECE_BYTES as u64)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if got == 0 {
            break;
        }
        if progress(read).is_break() {
            return Err(LoadError::Read(ReadError::Cancelled {
                file: file.to_owned(),
            }));
        }
    }
    // The text was checked as it was read; were it changed since, its bad bytes show.
    let text = String::from_utf8_lossy(&bytes);
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    Ok(
        match serde_path_to_error::deserialize::<_, Fields>(&mut deserializer) {
            Err(err) => {
                let path = err.path().to_string();
                json_error(if path == "." { String::new() } else { path }, err.inner())
            }
            Ok(_) => match deserializer.end() {
                Err(err) => json_error(String::new(), &err),
                Ok(()) => {
                    let diagnostic = Diagnostic::error(
                        "",
                        "powermap could not follow this file, although serde_json reads it; \
                         please report it",
                    );
                    match at {
                        Some(at) => diagnostic.at(at),
                        None => diagnostic,
                    }
                }
            },
        },
    )
}

fn json_error(path: String, err: &serde_json::Error) -> Diagnostic {
    Diagnostic::error(path, strip_position(err)).at(TextPosition {
        line: err.line(),
        column: err.column(),
    })
}

/// serde_json's message without its trailing " at line L column C", which is reported apart.
fn strip_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(at) if err.line() > 0 => message[..at].to_owned(),
        _ => message,
    }
}

/// A file name for errors about the embedded default network.
pub fn embedded_file_name(name: &str) -> PathBuf {
    PathBuf::from(format!("<embedded {name}>"))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, reason = "test fixtures written in place")]
mod tests {
    use super::*;

    /// What reading `text` `piece_bytes` at a time gives, comparable.
    fn read_in_pieces(
        text: &[u8],
        piece_bytes: usize,
    ) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut never = |_| ControlFlow::Continue(());
        let file = Path::new("t.json");
        match read_network(
            std::io::Cursor::new(text),
            file,
            u64::MAX,
            piece_bytes,
            &mut never,
        ) {
            Ok(loaded) => Ok((loaded.network, loaded.warnings)),
            Err(LoadError::Invalid { diagnostics, .. }) => Err(diagnostics),
            Err(err) => panic!("{err}"),
        }
    }

    /// `minimal.json` laid out: positions and an amount with fractions and exponents, as
    /// `powermap layout` writes them, whose digits a piece may end among.
    fn with_fractions() -> String {
        include_str!("../../docs/examples/minimal.json")
            .replace(
                r#""group": "acme-group" },"#,
                r#""group": "acme-group", "position": { "x": -1234.5678, "y": 1.5e3 } },"#,
            )
            .replace(
                r#""aliases": ["Globex Corp."] }"#,
                r#""aliases": ["Globex Corp."], "position": { "x": 0.25, "y": -2E-2 } }"#,
            )
            .replace(r#""value": 1500000,"#, r#""value": 1.5e+6,"#)
    }

    #[test]
    fn the_pieces_a_file_is_read_in_change_nothing() {
        let with_fractions = with_fractions();
        assert_eq!(with_fractions.matches("position").count(), 3);
        let fixtures = [
            with_fractions.as_str(),
            include_str!("../../docs/examples/three-way-meeting.json"),
            include_str!("../../tests/fixtures/many-errors.json"),
            include_str!("../../tests/fixtures/syntax-error.json"),
            include_str!("../../tests/fixtures/bom.json"),
            include_str!("../../tests/fixtures/story-unknown-tie.json"),
            include_str!("../../tests/fixtures/array.json"),
        ];
        for fixture in fixtures {
            let bytes = fixture.as_bytes();
            let mut texts = vec![bytes.to_vec()];
            for offset in (0..bytes.len()).step_by(bytes.len() / 12 + 1) {
                texts.push(bytes[..offset].to_vec());
                for insertion in [&b"\""[..], b"x", b"\xFF", b"]"] {
                    texts.push([&bytes[..offset], insertion, &bytes[offset..]].concat());
                }
            }
            for text in texts {
                let whole = read_in_pieces(&text, PIECE_BYTES);
                for piece_bytes in [1, 2, 3, 5, 64] {
                    assert_eq!(
                        read_in_pieces(&text, piece_bytes),
                        whole,
                        "{piece_bytes}-byte pieces of\n{}",
                        String::from_utf8_lossy(&text)
                    );
                }
            }
        }
    }

    #[test]
    fn a_file_of_the_limit_opens_and_one_byte_more_is_refused() {
        let text = include_str!("../../docs/examples/minimal.json").as_bytes();
        let limit = text.len() as u64;
        for piece_bytes in [4, PIECE_BYTES] {
            let mut never = |_| ControlFlow::Continue(());
            let file = Path::new("t.json");
            let read = |limit, never: &mut Progress<'_>| {
                read_network(std::io::Cursor::new(text), file, limit, piece_bytes, never)
            };
            read(limit, &mut never).expect("opens at the limit");
            match read(limit - 1, &mut never) {
                Err(LoadError::Read(ReadError::TooLarge { limit: refused, .. })) => {
                    assert_eq!(refused, limit - 1);
                }
                other => panic!("expected too large, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_file_read_whole_is_read_in_pieces_and_counted() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("three-pieces.gexf");
        let content = vec![b'x'; 2 * PIECE_BYTES + 10];
        std::fs::write(&path, &content).expect("write");
        let mut told = Vec::new();
        let read = read_bounded_with(&path, u64::MAX, &mut |bytes| {
            told.push(bytes);
            ControlFlow::Continue(())
        })
        .expect("reads");
        assert_eq!(read, content);
        assert_eq!(
            told,
            [
                PIECE_BYTES as u64,
                2 * PIECE_BYTES as u64,
                content.len() as u64
            ]
        );
        let mut cancel = |_| ControlFlow::Break(());
        assert!(matches!(
            read_bounded_with(&path, u64::MAX, &mut cancel),
            Err(ReadError::Cancelled { .. })
        ));
    }

    #[test]
    fn a_file_beyond_its_limit_is_refused_before_reading() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("big.json");
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
        let mut told = 0;
        let error = read_bounded_with(&path, MAX_FILE_BYTES, &mut |_| {
            told += 1;
            ControlFlow::Continue(())
        })
        .expect_err("too large");
        assert!(matches!(error, ReadError::TooLarge { .. }), "{error}");
        assert!(error.to_string().contains("big.json"), "{error}");
        assert_eq!(told, 0, "nothing was read");
        assert!(matches!(
            load_file(&path),
            Err(LoadError::Read(ReadError::TooLarge { .. }))
        ));
    }

    fn errors(text: &str) -> Vec<Diagnostic> {
        match parse_network(text.as_bytes(), Path::new("story.json")) {
            Ok(loaded) => panic!("it loaded: {:?}", loaded.network.story),
            Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
            Err(other) => panic!("expected located errors, got {other}"),
        }
    }

    const HEAD: &str = r#"{"format": "powermap", "version": 2,
"entities": [{"id": "a", "kind": "person", "name": {"en": "A"}}],
"story": ["#;

    #[test]
    fn a_story_step_is_read_on_its_own_and_its_errors_located() {
        // The second step is malformed and the third names no entity: both are reported,
        // each at its own place in the file.
        let text = format!(
            "{HEAD}\n{{\"caption\": {{\"en\": \"1\"}}}},\n{{\"caption\": {{\"en\": \"2\"}}, \"view\": {{\"x\": 0, \"y\": 0, \"zoom\": \"far\"}}}},\n{{\"caption\": {{\"en\": \"3\"}}, \"entities\": [\"b\"]}}\n]}}"
        );
        let found = errors(&text);
        let described: Vec<String> = found
            .iter()
            .map(|d| format!("{} {:?}", d.path, d.position.map(|p| (p.line, p.column))))
            .collect();
        assert_eq!(
            described,
            // Line 5 is the second step; column 63 ends its "far".
            [
                "story[1].view.zoom Some((5, 63))",
                "story[2].entities[0] None"
            ],
            "{found:#?}"
        );
        assert!(found[0].message.contains("invalid type"), "{}", found[0]);
        assert!(found[1].message.contains("no entity has the id \"b\""));
    }

    #[test]
    fn an_unknown_field_of_a_step_is_an_error() {
        let text = format!("{HEAD}{{\"caption\": {{\"en\": \"1\"}}, \"zoom\": 2}}]}}");
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].path, "story[0].zoom");
        assert!(
            found[0].message.contains("unknown field `zoom`"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_story_loads_as_written() {
        let text = format!(
            "{HEAD}{{\"caption\": {{\"ko\": \"시작\", \"en\": \"Start\"}}, \"entities\": [\"a\"], \"view\": {{\"x\": 1.5, \"y\": -2, \"zoom\": 0.5}}, \"date\": \"2025-10\"}}]}}"
        );
        let loaded = parse_network(text.as_bytes(), Path::new("story.json")).expect("loads");
        let step = &loaded.network.story[0];
        assert_eq!(&step.caption["ko"], "시작");
        assert_eq!(step.entities, ["a"]);
        assert_eq!(
            step.view.map(|v| (v.x, v.y, v.zoom)),
            Some((1.5, -2.0, 0.5))
        );
        assert_eq!(step.date.map(|d| d.to_string()).as_deref(), Some("2025-10"));
    }
}
