//! A network file read in pieces: the window of text the loader parses from, refilled as
//! it goes, so that a file is never held whole and memory stays near the network's own.
//!
//! Each piece is checked as UTF-8 on the way in, and the lines and characters of the text
//! that leaves the window are counted, so that a place in it can still be named (line and
//! column) after the text before it is gone. The window tells how far it has read after
//! each piece, and stops when told to (the window's Cancel).

use std::io::Read;
use std::path::Path;

use crate::network::diagnostic::{Diagnostic, PositionCounter, ReadError, TextPosition};
use crate::network::load::Progress;

/// The bytes read at a time; a value longer than the text in the window is read with
/// pieces as long as that text, so that reading it again after each piece costs no more
/// than twice its length.
pub(super) const PIECE_BYTES: usize = 1 << 20;

/// Why reading stopped before the text's end.
#[derive(Debug)]
pub(super) enum Stop {
    /// The file could not be read, grew past the limit, or reading was cancelled.
    Read(ReadError),
    /// The file is not UTF-8 text: the one problem reported, as when it is read whole.
    NotText(Diagnostic),
}

impl From<ReadError> for Stop {
    fn from(err: ReadError) -> Self {
        Self::Read(err)
    }
}

/// Whether the file started with a UTF-8 byte order mark (which the text leaves out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Bom {
    None,
    Utf8,
}

impl Bom {
    /// The bytes it takes at the start of the file.
    pub(super) fn len(self) -> u64 {
        match self {
            Self::None => 0,
            Self::Utf8 => 3,
        }
    }
}

/// The text of a file from where the parser is to its end, read piece by piece.
pub(super) struct TextWindow<'a, R> {
    reader: R,
    file: &'a Path,
    /// The most bytes the file may have.
    limit: u64,
    /// The bytes to read at a time ([`PIECE_BYTES`] but in tests).
    piece_bytes: usize,
    progress: &'a mut Progress<'a>,
    /// Checked text; `text[start..]` is not parsed yet.
    text: String,
    start: usize,
    /// `text[..counted]` is counted into `counter`.
    counted: usize,
    counter: PositionCounter,
    /// The bytes of the last read, its first `pending` bytes a character the read before
    /// cut in two.
    piece: Vec<u8>,
    pending: usize,
    bytes_read: u64,
    at_end: bool,
}

impl<'a, R: Read> TextWindow<'a, R> {
    /// Reads the first piece of `reader` (the file `file`, at most `limit` bytes, read
    /// `piece_bytes` at a time): the text after a UTF-8 byte order mark; a UTF-16 one
    /// stops with its own message.
    pub(super) fn open(
        reader: R,
        file: &'a Path,
        limit: u64,
        piece_bytes: usize,
        progress: &'a mut Progress<'a>,
    ) -> Result<(Self, Bom), Stop> {
        let mut window = Self {
            reader,
            file,
            limit,
            piece_bytes: piece_bytes.max(1),
            progress,
            text: String::new(),
            start: 0,
            counted: 0,
            counter: PositionCounter::default(),
            piece: Vec::new(),
            pending: 0,
            bytes_read: 0,
            at_end: false,
        };
        // The first piece is long enough to hold a byte order mark.
        let read = window.read_piece(window.piece_bytes.max(3))?;
        let bytes = &window.piece[..read];
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Stop::NotText(Diagnostic::error(
                "",
                "the file is UTF-16 text; save it as UTF-8 and open it again",
            )));
        }
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            Bom::Utf8
        } else {
            Bom::None
        };
        window.take_text(bom.len() as usize, read)?;
        Ok((window, bom))
    }

    /// The text not parsed yet that the window holds.
    pub(super) fn rest(&self) -> &str {
        &self.text[self.start..]
    }

    /// Marks the first `bytes` of [`rest`](Self::rest) as parsed.
    pub(super) fn consume(&mut self, bytes: usize) {
        self.start += bytes;
    }

    /// Whether the window holds all the file's text there is.
    pub(super) fn at_end(&self) -> bool {
        self.at_end
    }

    /// The line and column of the first byte of [`rest`](Self::rest).
    pub(super) fn position(&mut self) -> TextPosition {
        self.counter
            .advance(&self.text.as_bytes()[self.counted..self.start]);
        self.counted = self.start;
        self.counter.position()
    }

    /// Reads the next piece onto the end of [`rest`](Self::rest), forgetting the text
    /// before it; false when there is none.
    pub(super) fn more(&mut self) -> Result<bool, Stop> {
        if self.at_end {
            return Ok(false);
        }
        self.position();
        self.text.drain(..self.start);
        self.start = 0;
        self.counted = 0;
        let read = self.read_piece(self.piece_bytes.max(self.text.len()))?;
        self.take_text(0, read)?;
        Ok(true)
    }

    /// Reads all the rest of the file, only to check that it is text.
    pub(super) fn check_to_end(&mut self) -> Result<(), Stop> {
        loop {
            self.consume(self.rest().len());
            if !self.more()? {
                return Ok(());
            }
        }
    }

    /// The reader, for reading the file again from its start, with the bytes read so far.
    pub(super) fn into_reader(self) -> (R, u64) {
        (self.reader, self.bytes_read)
    }

    /// Fills `piece` after its pending bytes with up to `wanted` bytes (fewer only at the
    /// end of the file); returns how many bytes it holds, the pending ones included.
    fn read_piece(&mut self, wanted: usize) -> Result<usize, Stop> {
        self.piece.truncate(self.pending);
        let read = (&mut self.reader)
            .take(wanted as u64)
            .read_to_end(&mut self.piece)
            .map_err(|source| ReadError::io(self.file, source))?;
        if read < wanted {
            self.at_end = true;
        }
        if read == 0 {
            return Ok(self.pending);
        }
        self.bytes_read += read as u64;
        if self.bytes_read > self.limit {
            return Err(ReadError::TooLarge {
                file: self.file.to_owned(),
                size: self.bytes_read,
                limit: self.limit,
            }
            .into());
        }
        if (self.progress)(self.bytes_read).is_break() {
            return Err(ReadError::Cancelled {
                file: self.file.to_owned(),
            }
            .into());
        }
        Ok(self.piece.len())
    }

    /// Appends `piece[from..to]` to the text, up to a character the piece cuts in two,
    /// which is kept for the next read; stops at the first byte that is not UTF-8.
    fn take_text(&mut self, from: usize, to: usize) -> Result<(), Stop> {
        let bytes = &self.piece[from..to];
        let whole = if self.at_end {
            bytes.len()
        } else {
            whole_characters(bytes)
        };
        match std::str::from_utf8(&bytes[..whole]) {
            Ok(text) => {
                self.text.push_str(text);
                self.piece.copy_within(from + whole..to, 0);
                self.pending = to - from - whole;
                Ok(())
            }
            Err(err) => {
                let valid = err.valid_up_to();
                let byte = bytes[valid];
                self.counter.advance(&self.text.as_bytes()[self.counted..]);
                self.counter.advance(&bytes[..valid]);
                Err(Stop::NotText(
                    Diagnostic::error(
                        "",
                        format!(
                            "the file is not UTF-8 text (invalid byte 0x{byte:02X}); save it as UTF-8"
                        ),
                    )
                    .at(self.counter.position()),
                ))
            }
        }
    }
}

/// The length of `bytes` without a UTF-8 character cut at its end.
fn whole_characters(bytes: &[u8]) -> usize {
    let tail = bytes.len().saturating_sub(4);
    let Some(lead) = (tail..bytes.len())
        .rev()
        .find(|&i| (bytes[i] as i8) >= -0x40)
    else {
        return bytes.len();
    };
    let width = match bytes[lead] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    if lead + width > bytes.len() {
        lead
    } else {
        bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;

    /// A reader that gives at most `step` bytes a read, as a pipe or a slow disk may.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len());
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn characters_cut_between_pieces_are_kept_whole() {
        assert_eq!(whole_characters("ab".as_bytes()), 2);
        let hangul = "가나".as_bytes();
        assert_eq!(whole_characters(&hangul[..4]), 3);
        assert_eq!(whole_characters(&hangul[..5]), 3);
        assert_eq!(whole_characters(hangul), 6);
        let emoji = "a😀".as_bytes();
        assert_eq!(whole_characters(&emoji[..4]), 1);
        assert_eq!(whole_characters(emoji), 5);
    }

    #[test]
    fn the_window_reads_all_the_text_and_counts_its_places() {
        let text = "{\n  \"이름\": \"가\",\n  x".repeat(100_000);
        let mut reads = Vec::new();
        let mut progress = |bytes| {
            reads.push(bytes);
            ControlFlow::Continue(())
        };
        let (mut window, bom) = TextWindow::open(
            text.as_bytes(),
            Path::new("t.json"),
            u64::MAX,
            PIECE_BYTES,
            &mut progress,
        )
        .expect("opens");
        assert_eq!(bom, Bom::None);
        let mut read = String::new();
        loop {
            read.push_str(window.rest());
            window.consume(window.rest().len());
            if !window.more().expect("reads") {
                break;
            }
        }
        assert_eq!(read, text);
        assert_eq!(
            window.position(),
            TextPosition::of_offset(&text, text.len())
        );
        assert!(reads.len() > 2, "{reads:?}");
        assert!(reads.windows(2).all(|w| w[0] < w[1]), "{reads:?}");
        assert_eq!(reads.last().copied(), Some(text.len() as u64));
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_located_however_the_file_is_read_and_cut() {
        let mut bytes = "{\n\"가\": 1,\n".repeat(50_000).into_bytes();
        let bad = bytes.len() - 3;
        bytes[bad] = 0xFF;
        let expected = TextPosition::of_offset(
            std::str::from_utf8(&bytes[..bad]).expect("text before"),
            bad,
        );
        for step in [1, 7, PIECE_BYTES] {
            let mut progress = |_| ControlFlow::Continue(());
            let reader = Trickle {
                bytes: &bytes,
                step,
            };
            let stop = TextWindow::open(reader, Path::new("t.json"), u64::MAX, step, &mut progress)
                .and_then(|(mut window, _)| window.check_to_end());
            match stop {
                Err(Stop::NotText(diagnostic)) => {
                    assert_eq!(diagnostic.position, Some(expected), "step {step}");
                    assert!(diagnostic.message.contains("0xFF"), "{diagnostic}");
                }
                other => panic!("step {step}: expected not text, got {other:?}"),
            }
        }
    }

    #[test]
    fn reading_stops_when_told_or_past_the_limit() {
        let text = "x".repeat(3 * PIECE_BYTES);
        let mut calls = 0;
        let mut progress = |_| {
            calls += 1;
            if calls == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let (mut window, _) = TextWindow::open(
            text.as_bytes(),
            Path::new("t.json"),
            u64::MAX,
            PIECE_BYTES,
            &mut progress,
        )
        .expect("opens");
        window.consume(window.rest().len());
        assert!(matches!(
            window.more(),
            Err(Stop::Read(ReadError::Cancelled { .. }))
        ));
        let mut progress = |_| ControlFlow::Continue(());
        let limit = PIECE_BYTES as u64 + 10;
        let (mut window, _) = TextWindow::open(
            text.as_bytes(),
            Path::new("t.json"),
            limit,
            PIECE_BYTES,
            &mut progress,
        )
        .expect("the first piece is within the limit");
        window.consume(window.rest().len());
        match window.more() {
            Err(Stop::Read(ReadError::TooLarge { size, .. })) => assert!(size > limit),
            other => panic!("expected too large, got {other:?}"),
        }
    }
}
