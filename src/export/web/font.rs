//! The bundled fonts cut down to the characters a web page shows, so that the page carries
//! its own Hangul in a few hundred kilobytes rather than NanumGothic's four megabytes.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font::read_cmap_subtable;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tables::FontTableProvider;
use allsorts::tables::cmap::Cmap;
use allsorts::tag;

use crate::export::ExportError;

/// A font holding only some of another's glyphs.
#[derive(Clone, Debug)]
pub(super) struct FontSubset {
    /// The subset, a TrueType font.
    pub bytes: Vec<u8>,
    /// The characters it draws: those asked for that the font has.
    pub covered: BTreeSet<char>,
}

/// `font` (TrueType or OpenType) with only the glyphs of those `chars` it has, their
/// character map and metrics: a standalone font that browsers load.
pub(super) fn subset_font(
    font: &[u8],
    chars: impl IntoIterator<Item = char>,
) -> Result<FontSubset, ExportError> {
    let failed = |err: &dyn std::fmt::Display| {
        ExportError::Render(format!("cannot cut the font down to the page: {err}"))
    };
    let data = ReadScope::new(font)
        .read::<FontData<'_>>()
        .map_err(|err| failed(&err))?;
    let provider = data.table_provider(0).map_err(|err| failed(&err))?;
    let cmap_data = provider
        .read_table_data(tag::CMAP)
        .map_err(|err| failed(&err))?;
    let cmap = ReadScope::new(&cmap_data)
        .read::<Cmap<'_>>()
        .map_err(|err| failed(&err))?;
    let (_, characters) = read_cmap_subtable(&cmap)
        .map_err(|err| failed(&err))?
        .ok_or_else(|| failed(&"it has no Unicode character map"))?;
    let mut covered = BTreeSet::new();
    let mut glyphs = BTreeSet::new();
    for c in chars {
        if let Some(glyph) = characters
            .map_glyph(u32::from(c))
            .map_err(|err| failed(&err))?
            .filter(|&glyph| glyph != 0)
        {
            covered.insert(c);
            glyphs.insert(glyph);
        }
    }
    // The subset must start with glyph 0, the one drawn for a missing character.
    let glyph_ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let bytes = subset(
        &provider,
        &glyph_ids,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|err| failed(&err))?;
    Ok(FontSubset { bytes, covered })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::scene::fonts::{LATIN_FALLBACK, NANUM_GOTHIC};

    /// The glyph `font` draws `c` with, 0 for none.
    pub(in crate::export::web) fn glyph_of(font: &[u8], c: char) -> u16 {
        let data = ReadScope::new(font).read::<FontData<'_>>().expect("parses");
        let provider = data.table_provider(0).expect("one font");
        let cmap_data = provider.read_table_data(tag::CMAP).expect("a cmap");
        let cmap = ReadScope::new(&cmap_data)
            .read::<Cmap<'_>>()
            .expect("reads");
        let (_, characters) = read_cmap_subtable(&cmap).expect("reads").expect("Unicode");
        characters
            .map_glyph(u32::from(c))
            .expect("maps")
            .unwrap_or(0)
    }

    #[test]
    fn the_subset_draws_the_hangul_asked_for_and_nothing_else() {
        let subset =
            subset_font(NANUM_GOTHIC, "삼성전자 Tesla 165억달러".chars()).expect("subsets");
        for c in "삼성전자Tesla165억달러".chars() {
            assert!(subset.covered.contains(&c), "{c} is not covered");
            assert_ne!(
                glyph_of(&subset.bytes, c),
                0,
                "the subset has no glyph for {c}"
            );
        }
        for c in "테슬라xyz".chars() {
            assert_eq!(glyph_of(&subset.bytes, c), 0, "{c} was not asked for");
        }
        assert!(
            subset.bytes.len() * 50 < NANUM_GOTHIC.len(),
            "{} bytes of {}",
            subset.bytes.len(),
            NANUM_GOTHIC.len()
        );
        // It is a font a second subsetting reads back.
        let again = subset_font(&subset.bytes, "삼성".chars()).expect("reads the subset");
        assert_eq!(again.covered, BTreeSet::from(['삼', '성']));
    }

    #[test]
    fn letters_the_font_lacks_are_left_to_the_fallback() {
        let korean = subset_font(NANUM_GOTHIC, "São 삼".chars()).expect("subsets");
        assert!(!korean.covered.contains(&'ã'), "NanumGothic has no ã");
        let latin = subset_font(LATIN_FALLBACK, ['ã']).expect("subsets");
        assert_eq!(latin.covered, BTreeSet::from(['ã']));
    }
}
