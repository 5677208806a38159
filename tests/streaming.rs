//! Network files read in pieces (`src/network/load.rs`, `src/network/stream.rs`): the same
//! networks and the same diagnostics, at the same lines and columns, as the loader that
//! read files whole (kept in `whole_file/`), for every fixture and thousands of broken
//! variants of them; a file past the old 512 MiB limit read; progress told in order, and a
//! cancelled read that stops.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use powermap::interop::{
    ImportError, ImportOptions, Imported, MAX_IMPORT_BYTES, import_bytes, import_file,
    import_file_with_progress,
};
use powermap::network::dataset::DEFAULT_DATASET_JSON;
use powermap::network::diagnostic::{Diagnostic, LoadError, ReadError};
use powermap::network::generate::generate_network;
use powermap::network::load::{
    Loaded, MAX_FILE_BYTES, load_file, load_file_with, parse_network, starts_as_powermap,
};
use powermap::network::model::Network;
use powermap::network::save::network_to_json;

mod whole_file;

/// What a load gives, comparable: the network and its warnings, or every diagnostic.
type Outcome = Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>>;

fn outcome(name: &str, result: Result<Loaded, LoadError>) -> Outcome {
    match result {
        Ok(Loaded { network, warnings }) => Ok((network, warnings)),
        Err(LoadError::Invalid { diagnostics, .. }) => Err(diagnostics),
        Err(LoadError::Read(err)) => panic!("{name}: {err}"),
    }
}

/// Loads `bytes` both ways and fails, showing both, where they differ.
fn same_as_whole(name: &str, bytes: &[u8]) {
    let file = Path::new(name);
    let whole = outcome(name, whole_file::parse_network(bytes, file));
    let streamed = outcome(name, parse_network(bytes, file));
    assert!(
        streamed == whole,
        "{name}: read in pieces gives\n{streamed:#?}\nread whole gave\n{whole:#?}\nfor\n{}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(2000)])
    );
}

fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every powermap fixture, the examples and the default dataset, with their names.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = ["tests/fixtures", "docs/examples"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(repo_file(folder)).expect("a folder"))
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("reads"))
        })
        .collect();
    files.sort();
    files.push((
        "dataset.json".to_owned(),
        DEFAULT_DATASET_JSON.as_bytes().to_vec(),
    ));
    files
}

#[test]
fn every_fixture_reads_as_it_did_whole() {
    let fixtures = fixtures();
    assert!(fixtures.len() > 25, "{} fixtures", fixtures.len());
    for (name, bytes) in fixtures {
        same_as_whole(&name, &bytes);
    }
}

/// What is cut out of, or put into, a file to break it.
const INSERTIONS: [&[u8]; 17] = [
    b",",
    b"}",
    b"]",
    b"[",
    b"{",
    b"\"",
    b"\\",
    b"x",
    b"1",
    b" ",
    b"\n",
    b"null",
    b"\"q\"",
    "\u{a0}".as_bytes(),
    b"\xFF",
    b"\"id\": 5,",
    b"\"extra\": [],",
];

/// `bytes` broken at `offset`: cut off there, a byte left out, or something put in.
fn broken_at(bytes: &[u8], offset: usize) -> Vec<Vec<u8>> {
    let mut variants = vec![bytes[..offset].to_vec()];
    if offset < bytes.len() {
        variants.push([&bytes[..offset], &bytes[offset + 1..]].concat());
    }
    for insertion in INSERTIONS {
        variants.push([&bytes[..offset], insertion, &bytes[offset..]].concat());
    }
    variants
}

#[test]
fn broken_files_get_the_diagnostics_they_got_whole() {
    for (name, bytes) in fixtures() {
        // About forty places in each fixture (four in the large dataset, slow to check in
        // a debug build), and the first and last bytes.
        let places = if bytes.len() > 20_000 { 4 } else { 40 };
        let step = (bytes.len() / places).max(1);
        let last = bytes.len().saturating_sub(1);
        let offsets = (0..bytes.len())
            .step_by(step)
            .chain([1.min(last), last, bytes.len()]);
        for offset in offsets {
            for (variant, broken) in broken_at(&bytes, offset).iter().enumerate() {
                same_as_whole(&format!("{name} broken at {offset} ({variant})"), broken);
            }
        }
    }
}

#[test]
fn odd_shapes_and_encodings_get_the_diagnostics_they_got_whole() {
    let cases: [&[u8]; 16] = [
        b"",
        b"   \n\t ",
        "\u{3000}\u{a0}".as_bytes(),
        "\u{a0}{}".as_bytes(),
        b"[1, 2]",
        b"  42",
        b"{}",
        b"{} {}",
        b"{}x",
        b"\xEF\xBB\xBF{\"format\": \"powermap\", \"version\": 1, \"entities\": []}",
        b"\xEF\xBB\xBF\xFF",
        b"\xFF\xFE{\x00}\x00",
        b"{\"format\": \"powermap\", \"version\": 1, \"entities\": null}",
        b"{\"format\": \"powermap\", \"version\": 1, \"entities\": [], \"entities\": []}",
        b"{\"format\": \"powermap\", \"version\": 1e0, \"entities\": []}",
        b"{\"for\\u006dat\": \"powermap\", \"version\": 3, \"entities\": [], \"title\": \"\\ud83d\\ude00\"}",
    ];
    for (i, case) in cases.iter().enumerate() {
        same_as_whole(&format!("case {i}"), case);
    }
}

/// A generated network of `entities` entities, as powermap writes it.
fn generated(entities: usize) -> Vec<u8> {
    network_to_json(&generate_network(entities, 2 * entities, 1))
        .expect("encodes")
        .into_bytes()
}

#[test]
fn files_broken_where_a_piece_ends_get_the_diagnostics_they_got_whole() {
    // Pieces are 1 MiB: broken around the first piece's end, an element is cut in two
    // between pieces, and its error must still be placed in it. (The loader's own tests
    // read files in pieces of a few bytes.)
    let bytes = generated(1_100);
    assert!(bytes.len() > 1 << 20, "{} bytes", bytes.len());
    for offset in ((1 << 20) - 24..(1 << 20) + 24).step_by(6) {
        for (variant, broken) in broken_at(&bytes, offset).iter().enumerate() {
            same_as_whole(&format!("generated broken at {offset} ({variant})"), broken);
        }
    }
    same_as_whole("generated", &bytes);
}

#[test]
fn a_file_reads_the_same_from_disk_and_tells_its_progress_in_order() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("generated.json");
    let bytes = generated(3_000);
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&path, &bytes).expect("write");
    let mut told = Vec::new();
    let loaded = load_file_with(&path, &mut |read| {
        told.push(read);
        ControlFlow::Continue(())
    })
    .expect("opens");
    assert!(told.len() >= 3, "a piece at a time: {told:?}");
    assert!(told.windows(2).all(|w| w[0] < w[1]), "{told:?}");
    assert_eq!(told.last().copied(), Some(bytes.len() as u64));
    let whole = whole_file::parse_network(&bytes, &path).expect("opens whole");
    assert_eq!(loaded.network, whole.network);
    assert_eq!(loaded.warnings, whole.warnings);
}

#[test]
fn a_cancelled_read_stops_at_the_next_piece() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("generated.json");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&path, generated(3_000)).expect("write");
    let mut told = Vec::new();
    let result = load_file_with(&path, &mut |read| {
        told.push(read);
        if told.len() == 2 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    match result {
        Err(LoadError::Read(err @ ReadError::Cancelled { .. })) => {
            assert!(err.to_string().contains("generated.json"), "{err}");
        }
        other => panic!("expected a cancelled read, got {other:?}"),
    }
    assert_eq!(told.len(), 2, "nothing is read after the cancel: {told:?}");
}

#[test]
fn a_powermap_file_past_the_old_limit_is_read_not_refused() {
    const OLD_LIMIT: u64 = 512 * 1024 * 1024;
    const { assert!(MAX_FILE_BYTES > 2 * OLD_LIMIT) };
    assert_eq!(MAX_IMPORT_BYTES, OLD_LIMIT, "other formats are read whole");
    let folder = tempfile::tempdir().expect("tempdir");
    // powermap's head, then a sparse run of zero bytes: measured, but never written to the
    // disk. Reading it is cancelled after the first piece: it is read, not refused.
    let grown = |name: &str, head: &[u8]| {
        let path = folder.path().join(name);
        #[allow(clippy::disallowed_methods, reason = "a test fixture")]
        std::fs::write(&path, head).expect("write");
        #[allow(clippy::disallowed_methods, reason = "a test fixture")]
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("reopen");
        file.set_len(OLD_LIMIT + 1).expect("grow");
        path
    };
    let path = grown(
        "past-the-old-limit.json",
        b"{\"format\": \"powermap\", \"version\": 3, \"entities\": [\n",
    );
    let mut first_piece = |_| ControlFlow::Break(());
    match load_file_with(&path, &mut first_piece) {
        Err(LoadError::Read(ReadError::Cancelled { .. })) => {}
        other => panic!("expected the read to start, got {other:?}"),
    }
    let options = ImportOptions::default();
    match import_file_with_progress(&path, &options, &mut first_piece) {
        Err(ImportError::Powermap(LoadError::Read(ReadError::Cancelled { .. }))) => {}
        other => panic!("expected the read to start, got {other:?}"),
    }
    // A file in another format is still refused past the limit of a file read whole.
    let path = grown("past-the-old-limit.gexf", b"<gexf>");
    match import_file(&path) {
        Err(ImportError::Read(ReadError::TooLarge { limit, .. })) => {
            assert_eq!(limit, MAX_IMPORT_BYTES);
        }
        other => panic!("expected it refused, got {other:?}"),
    }
}

#[test]
fn the_head_of_a_powermap_file_tells_it_apart() {
    let head = |text: &str| starts_as_powermap(text.as_bytes());
    assert!(head(
        r#"{"format": "powermap", "version": 3, "entities": ["#
    ));
    assert!(head(
        "\u{feff} {\n  \"title\": \"t\",\n  \"format\" : \"powermap\""
    ));
    assert!(head(r#"{"for\u006dat": "powermap"}"#));
    // A character cut at the end of the head is not the end of the text.
    let cut = "{\"format\": \"powermap\", \"title\": \"가".as_bytes();
    assert!(starts_as_powermap(&cut[..cut.len() - 1]));
    assert!(!head(r#"{"format": "gexf"}"#));
    assert!(
        head(r#"{"nodes": [], "format": "powermap""#),
        "a field may come first"
    );
    assert!(!head(r#"{"title": "a long title that the head cuts"#));
    assert!(!head(r#"["format", "powermap"]"#));
    assert!(!head(r#"{"entities": [], "links": []}"#));
    assert!(!head(""));
}

#[test]
fn a_powermap_file_imports_alike_from_disk_and_from_its_bytes() {
    // From disk a powermap file is read in pieces; its bytes go through the readers'
    // sniffing first, as every file's did. The results are the same, deep nesting refused
    // too.
    let folder = tempfile::tempdir().expect("tempdir");
    let mut cases: Vec<(String, Vec<u8>)> = fixtures();
    let deep = format!(
        "{{\"format\": \"powermap\", \"version\": 1, \"entities\": [{{\"id\": \"a\", \"name\": {}{}}}]}}",
        "[".repeat(300),
        "]".repeat(300)
    );
    cases.push(("deep.json".to_owned(), deep.into_bytes()));
    let (_, bytes) = cases
        .iter()
        .find(|(name, _)| name == "many-errors.json")
        .cloned()
        .expect("many-errors.json");
    for offset in (0..bytes.len()).step_by(97) {
        for (variant, broken) in broken_at(&bytes, offset).into_iter().enumerate() {
            cases.push((format!("broken-{offset}-{variant}.json"), broken));
        }
    }
    for (name, bytes) in cases {
        let path = folder.path().join(&name);
        #[allow(clippy::disallowed_methods, reason = "a test fixture")]
        std::fs::write(&path, &bytes).expect("write");
        let described = |result: Result<Imported, ImportError>| match result {
            Ok(imported) => Ok((imported.network, imported.report.to_string())),
            Err(err) => Err(err.to_string()),
        };
        let from_disk = described(import_file(&path));
        let from_bytes = described(import_bytes(&bytes, &path));
        assert!(
            from_disk == from_bytes,
            "{name}: from disk\n{from_disk:#?}\nfrom its bytes\n{from_bytes:#?}"
        );
        if name.starts_with("broken") || name == "deep.json" {
            assert!(from_disk.is_err(), "{name} opened");
        }
    }
}

#[test]
fn load_file_reads_the_fixtures_as_they_were_read_whole() {
    let folder = repo_file("tests/fixtures");
    for (name, bytes) in fixtures() {
        let path = folder.join(&name);
        if path.exists() {
            let whole = outcome(&name, whole_file::parse_network(&bytes, &path));
            assert_eq!(outcome(&name, load_file(&path)), whole, "{name}");
        }
    }
}
