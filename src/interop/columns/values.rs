//! Cells as spreadsheets write them: dates the way people type them (`2025.03.04`,
//! `2025년 3월 4일`, `04.03.2025`), and amounts of money (`$5,000,000`, `1.5 Mio. EUR`,
//! `165억달러`).

use crate::network::model::Amount;

/// A date typed as people type it, as powermap writes dates (`2025-03-04`, `2025-03`), or
/// `None` when it is written some other way (ISO dates and anything else are left to the
/// shared mapping).
pub(super) fn iso_date(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('.');
    let korean = text.contains(['년', '월', '일']);
    let parts: Vec<&str> = text
        .split(|c: char| matches!(c, '.' | '/' | '년' | '월' | '일') || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty()
        || parts.len() > 3
        || !parts
            .iter()
            .all(|part| part.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |part: &&str| part.parse::<u32>().ok();
    let (year, month, day) = match parts.as_slice() {
        [year, rest @ ..] if year.len() == 4 => (
            number(year)?,
            rest.first().and_then(number),
            rest.get(1).and_then(number),
        ),
        // German: day, month, year, with dots.
        [day, month, year] if year.len() == 4 && !korean && text.contains('.') => {
            (number(year)?, Some(number(month)?), Some(number(day)?))
        }
        _ => return None,
    };
    if parts.len() == 1 && !korean {
        return None;
    }
    Some(match (month, day) {
        (Some(month), Some(day)) => format!("{year:04}-{month:02}-{day:02}"),
        (Some(month), None) => format!("{year:04}-{month:02}"),
        _ => format!("{year:04}"),
    })
}

/// Currency signs and words, and the code each means.
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₩", "KRW"),
    ("￦", "KRW"),
    ("¥", "JPY"),
    ("달러", "USD"),
    ("유로", "EUR"),
    ("위안", "CNY"),
    ("엔", "JPY"),
    ("원", "KRW"),
];

/// Words that multiply the number before them.
const MULTIPLIERS: &[(&str, f64)] = &[
    ("조", 1e12),
    ("억", 1e8),
    ("만", 1e4),
    ("천", 1e3),
    ("billion", 1e9),
    ("bn", 1e9),
    ("million", 1e6),
    ("mrd", 1e9),
    ("mio", 1e6),
];

/// An amount of money as a cell writes it: a number (with thousands separators, a decimal
/// comma or point, multipliers such as `억` or `Mio.`) and a currency, given by a sign, a
/// word or an ISO code in the cell, else by `currency` (a currency column's cell). `None`
/// when there is no number or no currency.
pub(super) fn amount(text: &str, currency: Option<&str>) -> Option<Amount> {
    let original = text.trim();
    let mut rest = original.to_owned();
    let mut code = None;
    for (sign, sign_code) in CURRENCY_SIGNS {
        if rest.contains(sign) {
            code.get_or_insert(*sign_code);
            rest = rest.replacen(sign, " ", 1);
        }
    }
    let mut words: Vec<String> = Vec::new();
    let mut number_text = String::new();
    for token in rest.split_whitespace() {
        let letters: String = token.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() == 3
            && letters.chars().all(|c| c.is_ascii_alphabetic())
            && token.chars().all(|c| c.is_ascii_alphabetic())
            && !MULTIPLIERS
                .iter()
                .any(|(word, _)| letters.eq_ignore_ascii_case(word))
        {
            words.push(letters.to_ascii_uppercase());
        } else {
            number_text.push_str(token);
            number_text.push(' ');
        }
    }
    let code = match (code, words.as_slice(), currency.map(str::trim)) {
        (Some(code), [], _) => code.to_owned(),
        (None, [word], _) => word.clone(),
        (None, [], Some(given))
            if given.len() == 3 && given.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            given.to_ascii_uppercase()
        }
        (None, [], Some(given)) => CURRENCY_SIGNS
            .iter()
            .find(|(sign, _)| *sign == given)
            .map(|(_, code)| (*code).to_owned())?,
        _ => return None,
    };
    let value = number_with_multipliers(&number_text)?;
    (value.is_finite() && value >= 0.0).then(|| Amount {
        value,
        currency: code,
        // The cell's own wording, where it says more than a number and a code (`165억달러`).
        text: (!original.is_ascii()).then(|| original.to_owned()),
    })
}

/// `1억 5000만` → 150,000,000; `1.5 Mio.` → 1,500,000; `5,000` → 5000.
fn number_with_multipliers(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let lower = lower.trim();
    // Split into number–multiplier pairs, adding them up (`1억 5000만`).
    let mut total = 0.0;
    let mut number = String::new();
    let mut any = false;
    let mut chars = lower.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_ascii_digit() || c == ',' || (c == '.' && !number.is_empty()) {
            number.push(c);
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let multiplier = MULTIPLIERS
            .iter()
            .find(|(word, _)| lower[at..].starts_with(word))?;
        let value = if number.is_empty() {
            1.0
        } else {
            plain_number(&number)?
        };
        total += value * multiplier.1;
        number.clear();
        any = true;
        for _ in 1..multiplier.0.chars().count() {
            chars.next();
        }
        // The dot of an abbreviation (`Mio.`).
        if chars.peek().is_some_and(|(_, c)| *c == '.') {
            chars.next();
        }
    }
    if !number.trim_end_matches('.').is_empty() {
        total += plain_number(number.trim_end_matches('.'))?;
        any = true;
    }
    any.then_some(total)
}

/// A number with thousands separators or a decimal comma: `5,000,000`, `1.000.000,50`,
/// `2,5`, `1.5`.
fn plain_number(text: &str) -> Option<f64> {
    let text = text.replace(' ', "");
    let (commas, dots) = (text.matches(',').count(), text.matches('.').count());
    let thousands = |separator: char| {
        let mut groups = text.split(separator);
        groups
            .next()
            .is_some_and(|first| !first.is_empty() && first.len() <= 3)
            && groups.all(|group| group.len() == 3)
    };
    let normal = match (commas, dots) {
        (0, 0) => text.clone(),
        (_, 0) if thousands(',') => text.replace(',', ""),
        (1, 0) => text.replace(',', "."),
        // `250.000`: a dot before three digits separates thousands, as in German.
        (0, _) if thousands('.') && !text.starts_with("0.") => text.replace('.', ""),
        (0, 1) => text.clone(),
        _ => {
            // Both: the last one is the decimal separator.
            let decimal = if text.rfind(',') > text.rfind('.') {
                ','
            } else {
                '.'
            };
            let thousand = if decimal == ',' { '.' } else { ',' };
            text.replace(thousand, "").replace(decimal, ".")
        }
    };
    normal.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_type_them() {
        assert_eq!(iso_date("2025.03.04").as_deref(), Some("2025-03-04"));
        assert_eq!(iso_date("2025. 3. 4.").as_deref(), Some("2025-03-04"));
        assert_eq!(iso_date("2025/3/4").as_deref(), Some("2025-03-04"));
        assert_eq!(iso_date("2025년 3월 4일").as_deref(), Some("2025-03-04"));
        assert_eq!(iso_date("2025년 3월").as_deref(), Some("2025-03"));
        assert_eq!(iso_date("2025년").as_deref(), Some("2025"));
        assert_eq!(iso_date("04.03.2025").as_deref(), Some("2025-03-04"));
        assert_eq!(iso_date("2025.03").as_deref(), Some("2025-03"));
        assert_eq!(
            iso_date("3/4/2025"),
            None,
            "month or day first is ambiguous"
        );
        assert_eq!(iso_date("2025-03-04"), None, "ISO dates are the mapping's");
        assert_eq!(iso_date("2025"), None);
        assert_eq!(iso_date("soon"), None);
    }

    #[test]
    fn amounts_with_signs_codes_and_multipliers() {
        let read = |text: &str, currency: Option<&str>| {
            amount(text, currency).map(|amount| (amount.value, amount.currency))
        };
        assert_eq!(read("$5,000,000", None), Some((5e6, "USD".into())));
        assert_eq!(read("5000 EUR", None), Some((5000.0, "EUR".into())));
        assert_eq!(read("usd 12.5", None), Some((12.5, "USD".into())));
        assert_eq!(
            read("1.000.000,50 €", None),
            Some((1_000_000.5, "EUR".into()))
        );
        assert_eq!(read("1,5 Mio. EUR", None), Some((1.5e6, "EUR".into())));
        assert_eq!(read("250.000 €", None), Some((250_000.0, "EUR".into())));
        assert_eq!(read("0.125 BTC", None), Some((0.125, "BTC".into())));
        assert_eq!(read("165억달러", None), Some((16.5e9, "USD".into())));
        assert_eq!(read("1억 5000만원", None), Some((1.5e8, "KRW".into())));
        assert_eq!(read("3조원", None), Some((3e12, "KRW".into())));
        assert_eq!(read("2500", Some("krw")), Some((2500.0, "KRW".into())));
        assert_eq!(read("2500", Some("€")), Some((2500.0, "EUR".into())));
        assert_eq!(read("2500", None), None, "no currency");
        assert_eq!(read("many USD", None), None);
        assert_eq!(read("5 USD EUR", None), None, "two currencies");
        let wording = amount("165억달러", None).and_then(|amount| amount.text);
        assert_eq!(wording.as_deref(), Some("165억달러"));
    }
}
