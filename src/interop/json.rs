//! JSON that is not powermap's, parsed once for sniffing and reading. A number too large
//! for a double (`1e999`) would make serde_json refuse the whole file; it is read as
//! `null` instead, and each one is reported with its line and column.

use serde_json::Value;

use super::report::{Finding, ImportReport, Place};

/// How many overflowing numbers a file may have before it is refused as broken.
const MAX_OVERFLOWS: usize = 1000;

/// A JSON document and the numbers in it too large to hold.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub value: Value,
    overflows: Vec<Overflow>,
}

/// A number too large for a double, where it stood.
#[derive(Debug, PartialEq)]
struct Overflow {
    line: usize,
    column: usize,
    number: String,
}

impl Parsed {
    /// The document, after reporting its overflowing numbers.
    pub(crate) fn into_value(self, report: &mut ImportReport) -> Value {
        for overflow in self.overflows {
            report.record(Finding::OverflowingNumber, || {
                format!(
                    "{}: {}",
                    Place::Text {
                        line: overflow.line,
                        column: overflow.column,
                        element: None,
                    },
                    overflow.number
                )
            });
        }
        self.value
    }
}

fn is_number_byte(byte: u8) -> bool {
    byte.is_ascii_digit() || matches!(byte, b'-' | b'+' | b'.' | b'e' | b'E')
}

/// The byte range of the number serde_json stopped at, `line` and `column` being where.
fn number_at(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let bytes = text.as_bytes();
    let at = (line_start + column).min(bytes.len());
    let mut start = at;
    while start > line_start && is_number_byte(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = start;
    while end < bytes.len() && is_number_byte(bytes[end]) {
        end += 1;
    }
    (end > start).then_some((start, end))
}

/// Parses `text`, reading numbers too large for a double as `null`.
pub(crate) fn parse(text: &str) -> Result<Parsed, serde_json::Error> {
    let mut patched: Option<String> = None;
    let mut overflows = Vec::new();
    loop {
        let current = patched.as_deref().unwrap_or(text);
        let error = match serde_json::from_str(current) {
            Ok(value) => return Ok(Parsed { value, overflows }),
            Err(error) => error,
        };
        let out_of_range = error.classify() == serde_json::error::Category::Syntax
            && error.to_string().starts_with("number out of range");
        let range = out_of_range
            .then(|| number_at(current, error.line(), error.column()))
            .flatten();
        let Some((start, end)) = range.filter(|_| overflows.len() < MAX_OVERFLOWS) else {
            return Err(error);
        };
        let column = current[..start]
            .rfind('\n')
            .map_or(start, |newline| start - newline - 1)
            + 1;
        overflows.push(Overflow {
            line: error.line(),
            column,
            number: current[start..end].to_owned(),
        });
        // `null` padded to the number's length, so that later places stay where they were.
        let mut next = String::with_capacity(current.len());
        next.push_str(&current[..start]);
        next.push_str("null");
        next.extend(std::iter::repeat_n(' ', (end - start).saturating_sub(4)));
        next.push_str(&current[end..]);
        patched = Some(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_too_large_read_as_null_and_are_located() {
        let text = "{\"x\": 1e999,\n \"y\": [2, -1E+400], \"z\": 3}";
        let parsed = parse(text).expect("parses");
        assert_eq!(parsed.value["x"], Value::Null);
        assert_eq!(parsed.value["y"][0], 2);
        assert_eq!(parsed.value["y"][1], Value::Null);
        assert_eq!(parsed.value["z"], 3);
        assert_eq!(
            parsed.overflows,
            [
                Overflow {
                    line: 1,
                    column: 7,
                    number: "1e999".to_owned()
                },
                Overflow {
                    line: 2,
                    column: 11,
                    number: "-1E+400".to_owned()
                }
            ]
        );
    }

    #[test]
    fn other_errors_stay_errors() {
        assert!(
            parse("{\"x\": 1e999").is_err(),
            "truncated after the number"
        );
        assert!(parse("{\"x\": tru}").is_err());
        assert_eq!(parse("[1e308]").expect("fits").value[0], 1e308);
    }
}
