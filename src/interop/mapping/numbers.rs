//! Numbers and pairs of numbers as files write them: decimals, C's hexadecimal floats
//! (graph-tool), and positions written as one value.

use crate::network::model::Position;

/// A finite number as files write them, including C's hexadecimal floats (`0x1.8p+1`)
/// that graph-tool writes.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let value = match unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        Some(hex) => parse_hex_float(hex)?,
        None => unsigned.parse::<f64>().ok()?,
    };
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

fn parse_hex_float(hex: &str) -> Option<f64> {
    let (mantissa, exponent) = match hex.find(['p', 'P']) {
        Some(at) => (&hex[..at], hex[at + 1..].parse::<i32>().ok()?),
        None => (hex, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut value = 0f64;
    for digit in whole.chars() {
        value = value * 16.0 + f64::from(digit.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for digit in fraction.chars() {
        value += f64::from(digit.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    Some(value * 2f64.powi(exponent))
}

/// Two numbers written as `x, y`, `[x, y]` or `x y` (graph-tool's `pos`).
pub(super) fn parse_pair(text: &str) -> Option<Position> {
    let inner = text.trim().trim_matches(['[', ']', '(', ')']);
    let numbers: Vec<f64> = inner
        .split([',', ' ', ';'])
        .filter(|part| !part.is_empty())
        .map(parse_number)
        .collect::<Option<_>>()?;
    match numbers.as_slice() {
        [x, y] => Some(Position { x: *x, y: *y }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_include_hexadecimal_floats() {
        assert_eq!(parse_number("0x1.8p+1"), Some(3.0));
        assert_eq!(parse_number("-0x1p-2"), Some(-0.25));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(
            parse_pair("0x1p+0, 0x1p+1"),
            Some(Position { x: 1.0, y: 2.0 })
        );
        assert_eq!(parse_pair("[3, 4]"), Some(Position { x: 3.0, y: 4.0 }));
        assert_eq!(parse_pair("1, 2, 3"), None);
    }
}
