//! [`TextMap`]: a small map of strings to strings (an entity's names by language, its
//! attributes) packed into one allocation, read and written as a JSON object exactly as a
//! `BTreeMap<String, String>` is.
//!
//! A network holds one such map per name, role, outlet, caption and set of attributes: a
//! hundred thousand entities hold a hundred thousand of them and more. A `BTreeMap` takes
//! a 544-byte node and an allocation per key and per value for them (some 690 bytes for a
//! name in two languages); a `TextMap` keeps its entries sorted by key in one string, each
//! key and value written as its length in bytes, a colon and the text itself
//! (`2:en8:Person 02:ko10:인물 0`): one allocation of a few dozen bytes. Reading an entry
//! walks the string, which for the few entries a name or an entity's attributes have is
//! as quick as a tree; a change writes the string again, so many entries are better
//! gathered and collected at once.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Text by key, sorted by key as a `BTreeMap<String, String>` is, each key once.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct TextMap {
    /// The entries in key order, each key and value as `{length}:{text}`. Only this
    /// module writes it, so it always reads back.
    packed: Box<str>,
}

impl TextMap {
    /// An empty map, which holds no allocation.
    pub fn new() -> Self {
        Self::default()
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { rest: &self.packed }
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(key, _)| key)
    }

    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(_, value)| value)
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    /// The text of `key`, if the map has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter()
            .find(|&(at, _)| at == key)
            .map(|(_, value)| value)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets the text of `key`; the text it had before, if any.
    pub fn insert(&mut self, key: impl AsRef<str>, value: impl AsRef<str>) -> Option<String> {
        let (key, value) = (key.as_ref(), value.as_ref());
        let mut entries: Vec<(&str, &str)> = self.iter().collect();
        let before = match entries.binary_search_by(|&(at, _)| at.cmp(key)) {
            Ok(index) => Some(std::mem::replace(&mut entries[index].1, value).to_owned()),
            Err(index) => {
                entries.insert(index, (key, value));
                None
            }
        };
        self.packed = pack(&entries);
        before
    }

    /// Takes `key` out of the map; the text it had, if any.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let before = self.get(key)?.to_owned();
        let entries: Vec<(&str, &str)> = self.iter().filter(|&(at, _)| at != key).collect();
        self.packed = pack(&entries);
        Some(before)
    }

    /// Keeps only the entries for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        let entries: Vec<(&str, &str)> = self.iter().filter(|&(k, v)| keep(k, v)).collect();
        self.packed = pack(&entries);
    }
}

/// `entries`, sorted by key and each key once, packed as [`TextMap::packed`] is.
fn pack(entries: &[(&str, &str)]) -> Box<str> {
    let mut packed = String::with_capacity(
        (entries.iter())
            .map(|(key, value)| key.len() + value.len() + 8)
            .sum(),
    );
    for text in entries.iter().flat_map(|&(key, value)| [key, value]) {
        packed.push_str(&text.len().to_string());
        packed.push(':');
        packed.push_str(text);
    }
    packed.into_boxed_str()
}

/// The entries of a [`TextMap`] in key order.
pub struct Iter<'a> {
    rest: &'a str,
}

impl<'a> Iter<'a> {
    /// The next key or value.
    fn text(&mut self) -> Option<&'a str> {
        let (length, rest) = self.rest.split_once(':')?;
        let length: usize = length.parse().ok()?;
        let text = rest.get(..length)?;
        self.rest = &rest[length..];
        Some(text)
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        Some((self.text()?, self.text()?))
    }
}

impl<'a> IntoIterator for &'a TextMap {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// A later entry for a key already given replaces it, as in a `BTreeMap`.
impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for TextMap {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut entries: Vec<(K, V)> = entries.into_iter().collect();
        // A stable sort keeps a key's entries in the order given; the last of each is kept.
        entries.sort_by(|(a, _), (b, _)| a.as_ref().cmp(b.as_ref()));
        let mut kept: Vec<(&str, &str)> = Vec::with_capacity(entries.len());
        for (key, value) in &entries {
            let (key, value) = (key.as_ref(), value.as_ref());
            match kept.last_mut() {
                Some(last) if last.0 == key => last.1 = value,
                _ => kept.push((key, value)),
            }
        }
        Self {
            packed: pack(&kept),
        }
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> From<[(K, V); N]> for TextMap {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Extend<(K, V)> for TextMap {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, entries: I) {
        let added: Vec<(K, V)> = entries.into_iter().collect();
        if added.is_empty() {
            return;
        }
        let before = std::mem::take(self);
        *self = (before.iter())
            .chain(
                added
                    .iter()
                    .map(|(key, value)| (key.as_ref(), value.as_ref())),
            )
            .collect();
    }
}

/// The text of a key the map has; as a `BTreeMap`'s, indexing by a key it lacks panics.
impl std::ops::Index<&str> for TextMap {
    type Output = str;

    fn index(&self, key: &str) -> &str {
        match self.get(key) {
            Some(text) => text,
            None => panic!("no entry found for key {key:?}"),
        }
    }
}

impl fmt::Debug for TextMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for TextMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for TextMap {
    /// As a `BTreeMap<String, String>` is read: the same errors, and a key given twice
    /// keeps its last value.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextMapVisitor;

        impl<'de> Visitor<'de> for TextMapVisitor {
            type Value = TextMap;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextMap, A::Error> {
                let mut entries: Vec<(String, String)> = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    entries.push(entry);
                }
                Ok(entries.into_iter().collect())
            }
        }

        deserializer.deserialize_map(TextMapVisitor)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const JSON_CASES: [&str; 7] = [
        r#"{}"#,
        r#"{"ko": "이재용", "en": "Lee Jae-yong"}"#,
        r#"{"en": "first", "en": "second"}"#,
        r#"{"b": "", "": "empty key", "a:1": "9:colons:", "zh-Hant": "李在鎔"}"#,
        r#"{"x": "\u0000 and \"quotes\"", "10": "ten", "9": "nine"}"#,
        r#"{"en": "a", "ko": "b", "en": "c", "fr": "d", "ko": "e"}"#,
        r#"{"z": "1", "y": "2", "x": "3", "w": "4", "v": "5", "u": "6", "t": "7", "s": "8", "r": "9", "q": "10", "p": "11", "o": "12"}"#,
    ];

    #[test]
    fn it_reads_and_writes_json_as_a_btree_map_does() {
        for json in JSON_CASES {
            let map: TextMap = serde_json::from_str(json).expect("reads");
            let tree: BTreeMap<String, String> = serde_json::from_str(json).expect("reads");
            let written = serde_json::to_string_pretty(&map).expect("writes");
            let expected = serde_json::to_string_pretty(&tree).expect("writes");
            assert_eq!(written, expected, "{json}");
            assert_eq!(format!("{map:?}"), format!("{tree:?}"), "{json}");
            assert_eq!(map.len(), tree.len(), "{json}");
            assert_eq!(map.is_empty(), tree.is_empty(), "{json}");
            for (key, value) in &tree {
                assert_eq!(map.get(key), Some(value.as_str()), "{json}: {key}");
            }
            assert!(map.keys().eq(tree.keys().map(String::as_str)), "{json}");
            let back: TextMap = serde_json::from_str(&written).expect("reads back");
            assert_eq!(back, map, "{json}");
        }
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_value() {
        let map: TextMap =
            serde_json::from_str(r#"{"en": "first", "en": "second"}"#).expect("reads");
        assert_eq!(map.get("en"), Some("second"));
        assert_eq!(map.len(), 1);
        let map = TextMap::from([("en", "first"), ("ko", "둘"), ("en", "third")]);
        assert_eq!(
            map.iter().collect::<Vec<_>>(),
            [("en", "third"), ("ko", "둘")]
        );
    }

    #[test]
    fn bad_input_is_refused_with_the_btree_maps_errors() {
        for json in [
            r#""a string""#,
            r#"["en", "Lee"]"#,
            r#"{"en": 1}"#,
            r#"{"en": null}"#,
            r#"{"en": "Lee""#,
            r#"{"en": "Lee", 2: "x"}"#,
        ] {
            let ours = serde_json::from_str::<TextMap>(json).expect_err("refused");
            let tree = serde_json::from_str::<BTreeMap<String, String>>(json).expect_err("refused");
            assert_eq!(ours.to_string(), tree.to_string(), "{json}");
        }
    }

    #[test]
    fn changes_keep_the_keys_sorted_and_once() {
        let mut map = TextMap::new();
        assert_eq!(map.insert("ko", "이재용"), None);
        assert_eq!(map.insert("en", "Jay Y. Lee"), None);
        assert_eq!(
            map.insert("en", "Lee Jae-yong"),
            Some("Jay Y. Lee".to_owned())
        );
        assert_eq!(map.insert(String::from("de"), String::new()), None);
        assert_eq!(
            map.iter().collect::<Vec<_>>(),
            [("de", ""), ("en", "Lee Jae-yong"), ("ko", "이재용")]
        );
        assert!(map.contains_key("de"));
        assert_eq!(map.remove("de"), Some(String::new()));
        assert_eq!(map.remove("de"), None);
        assert!(!map.contains_key("de"));
        map.extend([("fr", "Lee"), ("en", "Lee J.")]);
        assert_eq!(
            map.values().collect::<Vec<_>>(),
            ["Lee J.", "Lee", "이재용"]
        );
        map.retain(|key, _| key != "fr");
        assert_eq!(map, TextMap::from([("ko", "이재용"), ("en", "Lee J.")]));
        map.retain(|_, _| false);
        assert!(map.is_empty());
        assert_eq!(map, TextMap::new());
    }
}
