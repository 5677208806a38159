//! Turning a file's bytes into text (UTF-8, UTF-16 with a byte order mark, the encoding an
//! XML declaration names, else legacy Korean EUC-KR/CP949), and bounding JSON nesting.

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use encoding_rs::Encoding;

use crate::network::diagnostic::{PositionCounter, ReadError, TextPosition};

use super::ImportError;
use super::report::Place;

/// The deepest nesting of JSON arrays and objects, or of XML elements, that powermap reads.
pub const MAX_DEPTH: usize = 128;

/// A file's text and the encoding it was read in.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

impl Decoded<'_> {
    /// What a file that is not text (a zip archive) is probed with: no text.
    pub(crate) fn binary() -> Self {
        Self {
            text: Cow::Borrowed(""),
            encoding: "binary (a zip archive)",
        }
    }
}

/// The place of byte `offset` in `text`, as a line and column.
pub(crate) fn place_of(text: &str, offset: usize, element: Option<String>) -> Place {
    let TextPosition { line, column } = TextPosition::of_offset(text, offset);
    Place::Text {
        line,
        column,
        element,
    }
}

/// Decodes a file: a byte order mark decides; else UTF-8 if valid; else the encoding an XML
/// declaration names; else EUC-KR (whose decoder is CP949, the Windows superset).
pub(crate) fn decode<'a>(bytes: &'a [u8], file: &Path) -> Result<Decoded<'a>, ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, file).map(|text| Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8 (with a byte order mark)",
        });
    }
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return decode_as(encoding, rest)
                .map(|text| Decoded {
                    text,
                    encoding: encoding.name(),
                })
                .ok_or_else(|| ImportError::Malformed {
                    file: file.to_owned(),
                    place: Place::Text {
                        line: 1,
                        column: 1,
                        element: None,
                    },
                    message: format!(
                        "the file starts like {} text but is not valid {}",
                        encoding.name(),
                        encoding.name()
                    ),
                });
        }
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: "UTF-8",
            });
        }
        Err(error) => error,
    };
    let legacy = declared_xml_encoding(bytes)
        .filter(|encoding| *encoding != encoding_rs::UTF_8)
        .unwrap_or(encoding_rs::EUC_KR);
    if let Some(text) = decode_as(legacy, bytes) {
        return Ok(Decoded {
            text,
            encoding: if legacy == encoding_rs::EUC_KR {
                "EUC-KR (CP949)"
            } else {
                legacy.name()
            },
        });
    }
    Err(not_text(bytes, error, file))
}

fn utf8<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str, ImportError> {
    std::str::from_utf8(bytes).map_err(|error| not_text(bytes, error, file))
}

fn not_text(bytes: &[u8], error: std::str::Utf8Error, file: &Path) -> ImportError {
    let valid = error.valid_up_to();
    let prefix = String::from_utf8_lossy(&bytes[..valid]);
    ImportError::Malformed {
        file: file.to_owned(),
        place: place_of(&prefix, valid, None),
        message: format!(
            "the file is not text powermap can read (invalid byte 0x{:02X}): save it as \
             UTF-8 (UTF-16 with a byte order mark and EUC-KR/CP949 are read too)",
            bytes.get(valid).copied().unwrap_or_default()
        ),
    }
}

fn decode_as<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    encoding.decode_without_bom_handling_and_without_replacement(bytes)
}

/// The encoding named by `<?xml … encoding="…"?>` at the start of `bytes`, if any.
fn declared_xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(200))?;
    let head = String::from_utf8_lossy(head);
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = &after[1..];
    Encoding::for_label(&label.as_bytes()[..label.find(quote)?])
}

/// Refuses JSON nested deeper than [`MAX_DEPTH`] before any parser recurses into it.
pub(crate) fn check_json_depth(text: &str, file: &Path) -> Result<(), ImportError> {
    match JsonDepth::default().too_deep_in(text.as_bytes()) {
        Some(offset) => Err(too_deep(file, place_of(text, offset, None))),
        None => Ok(()),
    }
}

/// As [`check_json_depth`], for the JSON file at `path` read in pieces; places are counted
/// from the first character after the byte order mark and white space.
pub(crate) fn check_json_depth_of_file(path: &Path) -> Result<(), ImportError> {
    let io = |source| ImportError::Read(ReadError::io(path, source));
    let mut file = File::open(path).map_err(io)?;
    let mut depth = JsonDepth::default();
    let mut counter = PositionCounter::default();
    let mut piece = vec![0; 1 << 20];
    let mut started = false;
    let mut first = true;
    loop {
        let read = match file.read(&mut piece) {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            result => result.map_err(io)?,
        };
        if read == 0 {
            return Ok(());
        }
        let mut bytes = &piece[..read];
        if first {
            first = false;
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        if !started {
            let white = bytes
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .count();
            started = white < bytes.len();
            bytes = &bytes[white..];
        }
        if let Some(offset) = depth.too_deep_in(bytes) {
            counter.advance(&bytes[..offset]);
            let TextPosition { line, column } = counter.position();
            let place = Place::Text {
                line,
                column,
                element: None,
            };
            return Err(too_deep(path, place));
        }
        counter.advance(bytes);
    }
}

fn too_deep(file: &Path, place: Place) -> ImportError {
    ImportError::Refused {
        file: file.to_owned(),
        place,
        message: format!(
            "arrays and objects nest deeper than {MAX_DEPTH} levels; no network needs that many"
        ),
    }
}

/// How deeply JSON read so far nests: arrays and objects, not brackets in strings.
#[derive(Default)]
struct JsonDepth {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl JsonDepth {
    /// The offset in `bytes`, the JSON after what was read before, of the first bracket
    /// that nests deeper than [`MAX_DEPTH`], if any.
    fn too_deep_in(&mut self, bytes: &[u8]) -> Option<usize> {
        for (offset, &byte) in bytes.iter().enumerate() {
            if self.in_string {
                match byte {
                    _ if self.escaped => self.escaped = false,
                    b'\\' => self.escaped = true,
                    b'"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match byte {
                b'"' => self.in_string = true,
                b'[' | b'{' => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Some(offset);
                    }
                }
                b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (String, &'static str) {
        let decoded = decode(bytes, Path::new("t")).expect("decodes");
        (decoded.text.into_owned(), decoded.encoding)
    }

    #[test]
    fn reads_utf8_utf16_and_euc_kr() {
        assert_eq!(decoded("삼성".as_bytes()), ("삼성".to_owned(), "UTF-8"));
        assert_eq!(decoded(b"\xEF\xBB\xBFId").0, "Id");
        let mut le = vec![0xFF, 0xFE];
        le.extend("Id,삼성".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decoded(&le), ("Id,삼성".to_owned(), "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Id".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decoded(&be), ("Id".to_owned(), "UTF-16BE"));
        let (euc_kr, _, _) = encoding_rs::EUC_KR.encode("이재용,삼성");
        assert_eq!(
            decoded(&euc_kr),
            ("이재용,삼성".to_owned(), "EUC-KR (CP949)")
        );
    }

    #[test]
    fn honours_the_xml_declaration() {
        let (latin, _, _) =
            encoding_rs::WINDOWS_1252.encode("<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>");
        let (text, encoding) = decoded(&latin);
        assert!(text.ends_with("<a>é</a>"), "{text}");
        assert_eq!(encoding, "windows-1252");
    }

    #[test]
    fn names_the_first_bad_byte() {
        let error = decode(b"Id\n\xFF\xFF\xFF", Path::new("t.csv")).expect_err("not text");
        let text = error.to_string();
        assert!(text.contains("0xFF"), "{text}");
        assert!(text.contains("line 2, column 1"), "{text}");
    }

    #[test]
    fn bounds_json_nesting_but_not_strings() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let error = check_json_depth(&deep, Path::new("d.json")).expect_err("too deep");
        assert!(error.to_string().contains("deeper than 128"), "{error}");
        let shallow = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        check_json_depth(&shallow, Path::new("d.json")).expect("128 is allowed");
        let in_string = format!("{{\"a\": \"{}\\\"\"}}", "[".repeat(1000));
        check_json_depth(&in_string, Path::new("d.json")).expect("brackets in strings");
    }
}
