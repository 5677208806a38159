//! An article brought in as text: pasted, a `.txt` or `.md` file, or a saved `.html` page
//! (made text by html2text, its details read from the page's meta tags with scraper), with
//! the outlet, title, author, date and address found where the page says them, each
//! with where it was found so the person adding it can confirm it.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::article::dates::published_in_text;
use crate::article::script::{guess_language, is_hangul};
use crate::network::date::PartialDate;

/// A value found in the article, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    /// Where it was found, for the person confirming it: "og:title", "the byline"…
    pub from: &'static str,
}

impl<T> Found<T> {
    fn new(value: T, from: &'static str) -> Self {
        Self { value, from }
    }
}

/// An article's text and the details found in it, before it becomes a source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleDraft {
    pub text: String,
    pub title: Option<Found<String>>,
    pub outlet: Option<Found<String>>,
    pub author: Option<Found<String>>,
    pub published: Option<Found<PartialDate>>,
    pub url: Option<Found<String>>,
    pub language: Option<Found<String>>,
}

/// Why an article file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error("{}: cannot read: {source}", file.display())]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not UTF-8 text (byte {at} is not UTF-8)", file.display())]
    NotUtf8 { file: PathBuf, at: usize },
    #[error("{}: holds no text", file.display())]
    Empty { file: PathBuf },
}

/// Reads an article file: `.html` and `.htm` as a web page, anything else as text.
pub fn read_article(file: &Path) -> Result<ArticleDraft, ArticleError> {
    let bytes = std::fs::read(file).map_err(|source| ArticleError::Read {
        file: file.to_owned(),
        source,
    })?;
    let content = String::from_utf8(bytes).map_err(|err| ArticleError::NotUtf8 {
        file: file.to_owned(),
        at: err.utf8_error().valid_up_to(),
    })?;
    let content = content.strip_prefix('\u{feff}').unwrap_or(&content);
    let is_html = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let draft = if is_html || looks_like_html(content) {
        from_html(content)
    } else {
        from_text(content)
    };
    if draft.text.trim().is_empty() {
        return Err(ArticleError::Empty {
            file: file.to_owned(),
        });
    }
    Ok(draft)
}

/// Whether pasted or read content is a web page rather than text.
pub fn looks_like_html(content: &str) -> bool {
    let start = content.trim_start().get(..15).unwrap_or_default();
    start.to_ascii_lowercase().starts_with("<!doctype html") || start.starts_with("<html")
}

/// An article from plain text (or Markdown): the title is its first line; the byline,
/// the date line and the language are read from the text.
pub fn from_text(content: &str) -> ArticleDraft {
    let text = tidy(content);
    let title = text
        .lines()
        .map(|line| line.trim_start_matches('#').trim())
        .find(|line| !line.is_empty())
        .map(|line| Found::new(line.to_owned(), "the first line"));
    let mut draft = ArticleDraft {
        title,
        ..ArticleDraft::default()
    };
    fill_from_text(&mut draft, &text);
    draft.text = text;
    draft
}

/// An article from a saved web page: the article's element made text, and its details
/// from the `<title>`, `og:` and `article:` meta tags, the byline and the date line.
pub fn from_html(page: &str) -> ArticleDraft {
    let document = Html::parse_document(page);
    let meta = |attribute: &str, name: &str| {
        let selector = Selector::parse(&format!("meta[{attribute}=\"{name}\"]")).ok()?;
        document
            .select(&selector)
            .find_map(|element| element.value().attr("content"))
            .map(|content| content.trim().to_owned())
            .filter(|content| !content.is_empty())
    };
    let first_text = |selector: &str| {
        let selector = Selector::parse(selector).ok()?;
        document
            .select(&selector)
            .map(|element| element.text().collect::<String>().trim().to_owned())
            .find(|text| !text.is_empty())
    };
    let first_attribute = |selector: &str, attribute: &str| {
        let selector = Selector::parse(selector).ok()?;
        document
            .select(&selector)
            .find_map(|element| element.value().attr(attribute))
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };

    let body = ARTICLE_ELEMENTS
        .iter()
        .filter_map(|selector| Selector::parse(selector).ok())
        .find_map(|selector| document.select(&selector).next())
        .map_or_else(|| page.to_owned(), |element| element.html());
    let rendered = html2text::config::plain_no_decorate()
        .string_from_read(body.as_bytes(), usize::MAX / 4)
        .unwrap_or_default();
    let text = tidy(&rendered);

    let mut draft = ArticleDraft {
        title: meta("property", "og:title")
            .map(|title| Found::new(title, "og:title"))
            .or_else(|| first_text("title").map(|title| Found::new(title, "<title>")))
            .or_else(|| first_text("h1").map(|title| Found::new(title, "<h1>"))),
        outlet: meta("property", "og:site_name").map(|outlet| Found::new(outlet, "og:site_name")),
        author: meta("name", "author")
            .map(|author| Found::new(author, "<meta name=author>"))
            .or_else(|| {
                meta("property", "article:author")
                    .filter(|author| !author.starts_with("http"))
                    .map(|author| Found::new(author, "article:author"))
            }),
        published: meta("property", "article:published_time")
            .and_then(|time| date_prefix(&time))
            .map(|date| Found::new(date, "article:published_time"))
            .or_else(|| {
                first_attribute("time[datetime]", "datetime")
                    .and_then(|time| date_prefix(&time))
                    .map(|date| Found::new(date, "<time datetime>"))
            }),
        url: meta("property", "og:url")
            .filter(|url| url.starts_with("http"))
            .map(|url| Found::new(url, "og:url"))
            .or_else(|| {
                first_attribute("link[rel=\"canonical\"]", "href")
                    .filter(|url| url.starts_with("http"))
                    .map(|url| Found::new(url, "<link rel=canonical>"))
            }),
        language: first_attribute("html", "lang").map(|lang| {
            let code = lang.split(['-', '_']).next().unwrap_or(&lang);
            Found::new(code.to_ascii_lowercase(), "<html lang>")
        }),
        text: String::new(),
    };
    fill_from_text(&mut draft, &text);
    draft.text = text;
    draft
}

/// The elements that hold an article's own text on news sites, most specific first; the
/// whole `<body>` when none is there.
const ARTICLE_ELEMENTS: [&str; 7] = [
    "[itemprop=\"articleBody\"]",
    "#articleBody",
    "#article-view-content-div",
    "article",
    "[role=\"main\"]",
    "main",
    "body",
];

/// Fills what the page did not say from the text: the byline, the date line, the language.
fn fill_from_text(draft: &mut ArticleDraft, text: &str) {
    if let Some(byline) = byline(text) {
        if draft.outlet.is_none() {
            draft.outlet = byline.outlet.map(|outlet| Found::new(outlet, "the byline"));
        }
        if draft.author.is_none() {
            draft.author = Some(Found::new(byline.author, "the byline"));
        }
    }
    if draft.published.is_none() {
        draft.published = published_in_text(text).map(|date| Found::new(date, "the date line"));
    }
    if draft.language.is_none() {
        draft.language = Some(Found::new(guess_language(text).to_owned(), "its letters"));
    }
}

/// A reporter's name and maybe the outlet, from a byline.
struct Byline {
    outlet: Option<String>,
    author: String,
}

/// Finds a byline: "[아이뉴스24 박지은 기자]", "(서울=연합뉴스) 홍길동 기자 =",
/// "/박지은 기자(…@…)", or "By Jane Doe" on a line of its own.
fn byline(text: &str) -> Option<Byline> {
    for line in text.lines().map(str::trim) {
        if let Some(english) = line
            .strip_prefix("By ")
            .or_else(|| line.strip_prefix("by "))
            && let Some(name) = person_name(english.split([',', '|']).next().unwrap_or_default())
        {
            return Some(Byline {
                outlet: None,
                author: name,
            });
        }
        let Some(reporter) = line.find(" 기자") else {
            continue;
        };
        let before = &line[..reporter];
        // "[아이뉴스24 박지은" or "(서울=연합뉴스) 홍길동" or "/박지은".
        let words: Vec<&str> = before.rsplit(|c: char| c.is_whitespace()).take(2).collect();
        let Some(&name) = words.first() else {
            continue;
        };
        let name = name.trim_start_matches(['[', '/', '(']);
        if !is_hangul_name(name) {
            continue;
        }
        let outlet = words
            .get(1)
            .map(|outlet| {
                outlet
                    .trim_start_matches(['[', '('])
                    .trim_end_matches(')')
                    .rsplit('=')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .filter(|outlet| !outlet.is_empty() && words.len() == 2 && !outlet.contains('/'));
        return Some(Byline {
            outlet,
            author: name.to_owned(),
        });
    }
    None
}

/// A Korean personal name: two to four Hangul syllables.
fn is_hangul_name(word: &str) -> bool {
    let count = word.chars().count();
    (2..=4).contains(&count) && word.chars().all(is_hangul)
}

/// "Jane Doe" from "Jane Doe" or "Jane Doe and John Roe": two to four capitalised words.
fn person_name(words: &str) -> Option<String> {
    let words: Vec<&str> = words.split_whitespace().collect();
    ((2..=4).contains(&words.len())
        && words
            .iter()
            .all(|word| word.chars().next().is_some_and(char::is_uppercase)))
    .then(|| words.join(" "))
}

/// The date at the start of an ISO timestamp: "2025-10-30T20:39:00+09:00" → 2025-10-30.
fn date_prefix(time: &str) -> Option<PartialDate> {
    time.get(..10)?.parse().ok()
}

/// Lines trimmed at the end, runs of blank lines made one, no blank start or end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ko-KR"><head>
<title>이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고 - 아이뉴스24</title>
<meta property="og:title" content="이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고">
<meta property="og:site_name" content="아이뉴스24">
<meta property="og:url" content="https://www.inews24.com/view/1234567">
<meta property="article:published_time" content="2025-12-23T10:41:00+09:00">
<script>var tracking = "이 문장은 기사가 아니다.";</script>
</head><body>
<nav><a href="/">IT·과학</a> <a href="/">산업</a></nav>
<article>
<h1>이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고</h1>
<p>[아이뉴스24 박지은 기자] 이재용 삼성전자 회장이 테슬라, 오픈AI, BYD 등 주요 글로벌 기업의
최고경영자(CEO)들과 직접 만나 협력의 판을 연 뒤, 삼성 계열사가 이들 기업과 구체적인 비즈니스로 연결하는 사례가 늘고 있다.</p>
<p>이 회장은 지난 10월 샘 올트먼 오픈AI 최고경영자(CEO)와 전방위 협력 의향서(LOI)를 교환했다.</p>
</article>
<footer>저작권자 © 아이뉴스24</footer>
</body></html>"#;

    #[test]
    fn a_saved_page_gives_its_article_text_and_details() {
        let draft = from_html(PAGE);
        let value = |found: &Option<Found<String>>| found.as_ref().map(|f| f.value.clone());
        assert_eq!(
            value(&draft.title).as_deref(),
            Some("이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고")
        );
        assert_eq!(draft.title.as_ref().map(|f| f.from), Some("og:title"));
        assert_eq!(value(&draft.outlet).as_deref(), Some("아이뉴스24"));
        assert_eq!(value(&draft.author).as_deref(), Some("박지은"));
        assert_eq!(draft.author.as_ref().map(|f| f.from), Some("the byline"));
        assert_eq!(
            draft
                .published
                .as_ref()
                .map(|f| (f.value.to_string(), f.from)),
            Some(("2025-12-23".to_owned(), "article:published_time"))
        );
        assert_eq!(
            value(&draft.url).as_deref(),
            Some("https://www.inews24.com/view/1234567")
        );
        assert_eq!(value(&draft.language).as_deref(), Some("ko"));
        assert!(
            draft
                .text
                .contains("이 회장은 지난 10월 샘 올트먼 오픈AI 최고경영자(CEO)와 전방위 협력 의향서(LOI)를 교환했다."),
            "{}",
            draft.text
        );
        for left_out in ["var tracking", "IT·과학", "저작권자"] {
            assert!(!draft.text.contains(left_out), "{left_out}: {}", draft.text);
        }
    }

    #[test]
    fn a_page_without_meta_tags_falls_back_to_its_title_and_date_line() {
        let page = "<html><head><title>Samsung signs with Tesla</title></head><body>\
            <p>By Jane Doe</p><p>Published: 31 Oct. 2025</p>\
            <p>Samsung Electronics signed a contract with Tesla on Oct 30.</p></body></html>";
        let draft = from_html(page);
        assert_eq!(draft.title.as_ref().map(|f| f.from), Some("<title>"));
        assert_eq!(draft.author.map(|f| f.value).as_deref(), Some("Jane Doe"));
        assert_eq!(
            draft.published.map(|f| (f.value.to_string(), f.from)),
            Some(("2025-10-31".to_owned(), "the date line"))
        );
        assert_eq!(draft.language.map(|f| f.value).as_deref(), Some("en"));
        assert!(draft.url.is_none(), "no address is made up");
    }

    #[test]
    fn pasted_text_gives_its_first_line_byline_and_date_line() {
        let draft = from_text(
            "\n\n이재용 \"삼성답게 미래 개척\"\n\n입력 2024-06-13 20:39\n\n\
             [노컷뉴스 홍길동 기자] 이재용 삼성전자 회장이 13일 김포공항을 통해 귀국했다.   \n\n\n",
        );
        assert_eq!(
            draft.title.map(|f| f.value).as_deref(),
            Some("이재용 \"삼성답게 미래 개척\"")
        );
        assert_eq!(draft.outlet.map(|f| f.value).as_deref(), Some("노컷뉴스"));
        assert_eq!(draft.author.map(|f| f.value).as_deref(), Some("홍길동"));
        assert_eq!(
            draft.published.map(|f| f.value.to_string()).as_deref(),
            Some("2024-06-13")
        );
        assert!(
            draft.text.starts_with("이재용") && draft.text.ends_with("귀국했다.\n"),
            "trimmed, blank runs made one: {:?}",
            draft.text
        );
        assert!(!draft.text.contains("\n\n\n"));
    }

    #[test]
    fn the_signed_off_byline_names_the_reporter() {
        let draft = from_text("제목\n\n본문 문장이다.\n\n/박지은 기자(qqji0516@inews24.com)\n");
        assert_eq!(draft.author.map(|f| f.value).as_deref(), Some("박지은"));
        assert!(draft.outlet.is_none(), "the sign-off names no outlet");
    }

    #[test]
    fn a_file_that_is_not_utf8_says_so() {
        let folder = tempfile::tempdir().expect("tempdir");
        let file = folder.path().join("article.txt");
        #[allow(clippy::disallowed_methods, reason = "a test fixture")]
        std::fs::write(&file, b"abc\xff").expect("write");
        let err = read_article(&file).expect_err("not UTF-8");
        assert!(
            err.to_string()
                .contains("article.txt: not UTF-8 text (byte 3"),
            "{err}"
        );
    }
}
