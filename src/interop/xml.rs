//! A careful XML reader for GEXF and GraphML: streams the document, reads one element at a
//! time into a small tree, refuses entity declarations and deep nesting, resolves only the
//! five predefined entities and character references, never fetches anything, and names
//! the line, column and element path of every problem.

use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

use super::ImportError;
use super::report::{Finding, ImportReport, Place};
use super::text::{MAX_DEPTH, place_of};

/// One element with its attributes, its text and its child elements.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Element {
    /// The name as written, with its prefix: `viz:position`.
    pub name: String,
    /// Attributes as written (prefixed names), values unescaped and normalised.
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The text directly inside the element, references resolved.
    pub text: String,
    /// Where the start tag is.
    pub place: Place,
}

/// The part of a name after its prefix: `position` for `viz:position`.
pub(crate) fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

impl Element {
    pub fn local(&self) -> &str {
        local_name(&self.name)
    }

    /// The value of the attribute whose local name is `local`, ignoring namespace declarations.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| {
                !name.starts_with("xmlns") && local_name(name).eq_ignore_ascii_case(local)
            })
            .map(|(_, value)| value.as_str())
    }

    /// The child elements whose local name is `local`.
    pub fn children_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children
            .iter()
            .filter(move |child| child.local().eq_ignore_ascii_case(local))
    }

    /// The first element with local name `local` among the descendants, depth first.
    pub fn find(&self, local: &str) -> Option<&Element> {
        self.children.iter().find_map(|child| {
            if child.local().eq_ignore_ascii_case(local) {
                Some(child)
            } else {
                child.find(local)
            }
        })
    }
}

/// What the reader found next.
#[derive(Debug)]
pub(crate) enum Next {
    /// A start tag; `empty` for `<tag/>`, which has no end tag to wait for.
    Start {
        element: Element,
        empty: bool,
    },
    End,
    Text(String),
    Eof,
}

/// Counts lines as the reader moves forward, so places cost nothing extra.
#[derive(Debug)]
struct Lines {
    offset: usize,
    line: usize,
    line_start: usize,
}

/// A streaming reader over a document's text.
pub(crate) struct XmlReader<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    text: &'a str,
    file: &'a Path,
    open: Vec<String>,
    lines: Lines,
}

impl<'a> XmlReader<'a> {
    pub fn new(text: &'a str, file: &'a Path) -> Self {
        Self {
            reader: quick_xml::Reader::from_str(text),
            text,
            file,
            open: Vec::new(),
            lines: Lines {
                offset: 0,
                line: 1,
                line_start: 0,
            },
        }
    }

    /// The open elements, outermost first: `graphml/graph/node`.
    fn element_path(&self) -> Option<String> {
        (!self.open.is_empty()).then(|| self.open.join("/"))
    }

    /// An error at byte `offset`, naming the open elements.
    pub fn malformed(&self, offset: usize, message: impl Into<String>) -> ImportError {
        ImportError::Malformed {
            file: self.file.to_owned(),
            place: place_of(self.text, offset, self.element_path()),
            message: message.into(),
        }
    }

    /// An error at an element already read.
    pub fn malformed_at(&self, element: &Element, message: impl Into<String>) -> ImportError {
        ImportError::Malformed {
            file: self.file.to_owned(),
            place: element.place.clone(),
            message: message.into(),
        }
    }

    fn refused(&self, offset: usize, message: impl Into<String>) -> ImportError {
        ImportError::Refused {
            file: self.file.to_owned(),
            place: place_of(self.text, offset, self.element_path()),
            message: message.into(),
        }
    }

    /// The place of byte `offset`, which must not be before the last place asked for.
    fn place_forward(&mut self, offset: usize) -> Place {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        if offset >= self.lines.offset {
            for (i, byte) in bytes[self.lines.offset..offset].iter().enumerate() {
                if *byte == b'\n' {
                    self.lines.line += 1;
                    self.lines.line_start = self.lines.offset + i + 1;
                }
            }
            self.lines.offset = offset;
        }
        let column = bytes[self.lines.line_start..offset.max(self.lines.line_start)]
            .iter()
            .filter(|byte| (**byte & 0xC0) != 0x80)
            .count()
            + 1;
        Place::Text {
            line: self.lines.line,
            column,
            element: None,
        }
    }

    fn check_depth(&self, offset: usize) -> Result<(), ImportError> {
        if self.open.len() >= MAX_DEPTH {
            return Err(self.refused(
                offset,
                format!("elements nest deeper than {MAX_DEPTH} levels; no network needs that many"),
            ));
        }
        Ok(())
    }

    fn head(&mut self, start: &BytesStart<'_>, offset: usize) -> Result<Element, ImportError> {
        let name = start.name().as_ref().to_owned();
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute
                .map_err(|err| self.malformed(offset, format!("a malformed attribute: {err}")))?;
            let value = attribute
                .normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_predefined_entity)
                .map_err(|err| self.malformed(offset, xml_message(&err)))?;
            attributes.push((attribute.key.as_ref().to_owned(), value.into_owned()));
        }
        Ok(Element {
            name,
            attributes,
            children: Vec::new(),
            text: String::new(),
            place: self.place_forward(offset),
        })
    }

    /// The next start tag, end tag, piece of text, or the end of the document.
    pub fn next(&mut self, report: &mut ImportReport) -> Result<Next, ImportError> {
        loop {
            let offset = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    let at = usize::try_from(self.reader.error_position()).unwrap_or(offset);
                    return Err(self.malformed(at, xml_message(&err)));
                }
            };
            return Ok(match event {
                Event::Start(start) => {
                    self.check_depth(offset)?;
                    let element = self.head(&start, offset)?;
                    self.open.push(element.name.clone());
                    Next::Start {
                        element,
                        empty: false,
                    }
                }
                Event::Empty(start) => {
                    self.check_depth(offset)?;
                    Next::Start {
                        element: self.head(&start, offset)?,
                        empty: true,
                    }
                }
                Event::End(_) => {
                    self.open.pop();
                    Next::End
                }
                Event::Text(text) => Next::Text(text.xml10_content().into_owned()),
                Event::CData(data) => Next::Text(data.xml10_content().into_owned()),
                Event::GeneralRef(reference) => {
                    let name = reference.xml10_content();
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(character)) => character.to_string(),
                        Ok(None) => match resolve_predefined_entity(&name) {
                            Some(text) => text.to_owned(),
                            None => {
                                return Err(self.malformed(offset, undefined_entity(&name)));
                            }
                        },
                        Err(err) => return Err(self.malformed(offset, err.to_string())),
                    };
                    Next::Text(resolved)
                }
                Event::DocType(doctype) => {
                    let declaration = doctype.xml10_content();
                    if declaration.to_ascii_uppercase().contains("<!ENTITY") {
                        return Err(self.refused(
                            offset,
                            "the document type declaration defines entities (<!ENTITY …>); \
                             powermap never expands entities, so it does not open such files \
                             (they are how billion-laughs and external-entity attacks work). \
                             Remove the <!DOCTYPE …> to open it",
                        ));
                    }
                    let place = self.place_forward(offset);
                    report.record(Finding::Ignored, || {
                        format!("<!DOCTYPE> at {place}: document type declarations are not read, and nothing they name is fetched")
                    });
                    continue;
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
                Event::Eof => match self.open.last() {
                    Some(open) => {
                        return Err(self.malformed(
                            self.text.len(),
                            format!("the file ends inside <{open}>: it is truncated"),
                        ));
                    }
                    None => Next::Eof,
                },
            });
        }
    }

    /// Reads the rest of the element that `start` began into a tree.
    pub fn subtree(
        &mut self,
        start: Element,
        empty: bool,
        report: &mut ImportReport,
    ) -> Result<Element, ImportError> {
        if empty {
            return Ok(start);
        }
        let mut stack = vec![start];
        loop {
            match self.next(report)? {
                Next::Start { element, empty } => {
                    if empty {
                        if let Some(parent) = stack.last_mut() {
                            parent.children.push(element);
                        }
                    } else {
                        stack.push(element);
                    }
                }
                Next::Text(text) => {
                    if let Some(parent) = stack.last_mut() {
                        parent.text.push_str(&text);
                    }
                }
                Next::End => {
                    let Some(done) = stack.pop() else {
                        return Err(self.malformed(self.text.len(), "an unexpected end tag"));
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Next::Eof => {
                    return Err(self.malformed(self.text.len(), "the file is truncated"));
                }
            }
        }
    }

    /// Skips the rest of an element whose contents are not needed.
    pub fn skip(&mut self, empty: bool, report: &mut ImportReport) -> Result<(), ImportError> {
        if empty {
            return Ok(());
        }
        let mut depth = 1usize;
        while depth > 0 {
            match self.next(report)? {
                Next::Start { empty: false, .. } => depth += 1,
                Next::End => depth -= 1,
                Next::Start { empty: true, .. } | Next::Text(_) => {}
                Next::Eof => {
                    return Err(self.malformed(self.text.len(), "the file is truncated"));
                }
            }
        }
        Ok(())
    }

    /// Walks the elements inside the root in document order, handing each start tag to
    /// `visit` with whether it is empty. `visit` reads the element whole
    /// ([`Self::subtree`]), passes over it ([`Self::skip`], [`Self::ignore`]), or does
    /// neither, and then the elements inside it come next. End tags and text between
    /// elements are passed over. `root_empty` is what [`Self::root_named`] said.
    pub fn each_element(
        &mut self,
        root_empty: bool,
        report: &mut ImportReport,
        mut visit: impl FnMut(&mut Self, Element, bool, &mut ImportReport) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        if root_empty {
            return Ok(());
        }
        loop {
            match self.next(report)? {
                Next::Start { element, empty } => visit(self, element, empty, report)?,
                Next::End | Next::Text(_) => {}
                Next::Eof => return Ok(()),
            }
        }
    }

    /// Passes over an element the format's reader does not use, saying in the report
    /// that it was ignored and, if given, `why`.
    pub fn ignore(
        &mut self,
        element: &Element,
        empty: bool,
        why: Option<&str>,
        report: &mut ImportReport,
    ) -> Result<(), ImportError> {
        report.record(Finding::Ignored, || match why {
            Some(why) => format!("<{}> at {}: {why}", element.local(), element.place),
            None => format!("<{}> at {}", element.local(), element.place),
        });
        self.skip(empty, report)
    }

    /// Reads up to the root element, which must be `<name>` (any prefix, any case), and
    /// returns it with whether it is empty.
    pub fn root_named(
        &mut self,
        name: &str,
        report: &mut ImportReport,
    ) -> Result<(Element, bool), ImportError> {
        let (root, empty) = self.root(report)?;
        if !root.local().eq_ignore_ascii_case(name) {
            return Err(self.malformed_at(
                &root,
                format!("the root element is <{}>, not <{name}>", root.name),
            ));
        }
        Ok((root, empty))
    }

    /// Reads up to the root element and returns it, refusing anything before it.
    fn root(&mut self, report: &mut ImportReport) -> Result<(Element, bool), ImportError> {
        loop {
            match self.next(report)? {
                Next::Start { element, empty } => return Ok((element, empty)),
                Next::Text(text) if text.trim().is_empty() => {}
                Next::Text(_) | Next::End => {
                    return Err(self.malformed(0, "text before the root element: this is not XML"));
                }
                Next::Eof => return Err(self.malformed(0, "the file has no XML element")),
            }
        }
    }
}

/// Text for an XML attribute value or element content: markup characters escaped, line
/// breaks and tabs as character references (so attribute normalisation keeps them), and
/// characters XML 1.0 cannot hold replaced by U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn undefined_entity(name: &str) -> String {
    format!(
        "the entity &{name}; is not defined: only &lt; &gt; &amp; &quot; &apos; and \
         character references are read; powermap does not read DTDs or expand other entities"
    )
}

fn xml_message(err: &quick_xml::Error) -> String {
    use quick_xml::errors::{Error, IllFormedError, SyntaxError};
    use quick_xml::escape::EscapeError;
    match err {
        Error::Syntax(
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedComment
            | SyntaxError::UnclosedCData
            | SyntaxError::UnclosedDoctype
            | SyntaxError::UnclosedPI
            | SyntaxError::UnclosedXmlDecl
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue,
        ) => format!("the file ends in the middle of markup ({err}): it is truncated"),
        Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("</{found}> closes <{expected}>: the tags do not match")
        }
        Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => undefined_entity(name),
        Error::Escape(escape) => format!("a malformed reference: {escape}"),
        other => format!("not well-formed XML: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;

    fn report() -> ImportReport {
        ImportReport::new(Path::new("t.xml"), Format::GraphMl)
    }

    fn read_all(text: &str) -> Result<Element, ImportError> {
        let file = Path::new("t.xml");
        let mut report = report();
        let mut reader = XmlReader::new(text, file);
        let (root, empty) = reader.root(&mut report)?;
        reader.subtree(root, empty, &mut report)
    }

    #[test]
    fn reads_a_tree_with_text_references_and_places() {
        let root = read_all(
            "<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2&#10;3\">\n  <b:c>Tom &amp; <![CDATA[<Jerry>]]>&#xAC00;</b:c>\n  <d/>\n</a>",
        )
        .expect("reads");
        assert_eq!(root.attr("x"), Some("1 & 2\n3"));
        assert_eq!(root.children.len(), 2);
        let c = &root.children[0];
        assert_eq!(c.local(), "c");
        assert_eq!(c.text, "Tom & <Jerry>가");
        assert_eq!(
            c.place,
            Place::Text {
                line: 3,
                column: 3,
                element: None
            }
        );
        assert!(root.find("d").is_some());
    }

    #[test]
    fn escaped_text_reads_back_exactly() {
        let original = "a<b>&\"c\"\n\td'\r\u{1}";
        let document = format!("<a v=\"{0}\">{0}</a>", escape(original));
        let root = read_all(&document).expect("reads");
        let expected = original.replace('\u{1}', "\u{FFFD}");
        assert_eq!(root.attr("v"), Some(expected.as_str()));
        assert_eq!(root.text, expected);
    }

    #[test]
    fn refuses_entity_declarations() {
        let error = read_all(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;\">\n]>\n<a>&lol2;</a>",
        )
        .expect_err("refused");
        assert!(matches!(error, ImportError::Refused { .. }), "{error}");
        assert!(error.to_string().contains("line 2, column 1"), "{error}");
    }

    #[test]
    fn unknown_entities_are_errors_not_lookups() {
        let error = read_all("<a>&xxe;</a>").expect_err("unknown entity");
        assert!(error.to_string().contains("xxe"), "{error}");
        let error = read_all("<a b=\"&xxe;\"/>").expect_err("unknown entity");
        assert!(error.to_string().contains("xxe"), "{error}");
    }

    #[test]
    fn truncation_and_mismatches_are_located() {
        let error = read_all("<a>\n<b>text").expect_err("truncated");
        assert!(error.to_string().contains("truncated"), "{error}");
        let error = read_all("<a>\n<b x=\"1").expect_err("truncated in a tag");
        assert!(error.to_string().contains("truncated"), "{error}");
        let error = read_all("<a>\n</b>").expect_err("mismatch");
        assert!(error.to_string().contains("line 2"), "{error}");
    }

    #[test]
    fn bounds_nesting() {
        let deep = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
        let error = read_all(&deep).expect_err("too deep");
        assert!(matches!(error, ImportError::Refused { .. }), "{error}");
        let fine = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        read_all(&fine).expect("the limit itself is fine");
    }
}
