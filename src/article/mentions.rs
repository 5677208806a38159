//! Where an article mentions a map's entities, and by which rule: a name or alias in any
//! language, a romanisation variant, a surname with a title or a Hanja surname for a
//! person the article has named, the group of the affiliates it lists, or the subject a
//! Korean sentence leaves out.
//!
//! Mentions are found over the whole article at once, because short forms depend on who
//! the article names elsewhere and the subject on its headline.

use std::ops::Range;

use crate::article::implied::implied;
use crate::article::names::{Found, find_patterns, name_patterns, select};
use crate::article::particles::Particle;
use crate::article::script::fold;
use crate::article::sentences::split_sentences;
use crate::article::surnames::{Named, short_forms};
use crate::network::model::{Entity, EntityKind};

/// One mention of an entity in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Its bytes in the article's text; empty for a [`MentionRule::DroppedSubject`].
    pub range: Range<usize>,
    /// The entity's id.
    pub entity: String,
    /// How it was found.
    pub rule: MentionRule,
    /// The Korean particle after it (or after the title that follows it), if any.
    pub particle: Option<Particle>,
}

/// How a mention was found, from the most to the least direct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionRule {
    /// One of the entity's names, in any language ("이재용", "Samsung").
    Name,
    /// One of its aliases ("올트먼 CEO").
    Alias,
    /// Another spelling of a name: a romanised Korean name in another order or hyphenation
    /// ("Euisun Chung" for "Chung Eui-sun"), a group's name without "Group" ("Samsung").
    NameVariant,
    /// A surname and a title, for a person the article names ("이 회장", "Mr. Lee").
    SurnameTitle,
    /// A one-character Hanja surname, as headlines write it ("李").
    Hanja,
    /// The word "affiliates" (계열사) in a sentence that lists a group's companies: the
    /// group itself.
    Affiliates,
    /// The subject a sentence about a meeting or visit leaves out: the article's subject.
    /// Its range is empty, at the start of the sentence.
    DroppedSubject,
}

impl MentionRule {
    /// How the rule reads in a sentence: "alias", "surname + title"…
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Alias => "alias",
            Self::NameVariant => "name variant",
            Self::SurnameTitle => "surname + title",
            Self::Hanja => "Hanja short form",
            Self::Affiliates => "group of the affiliates",
            Self::DroppedSubject => "dropped subject",
        }
    }

    /// Whether the entity is named in the text (by whatever form), rather than implied.
    fn names_entity(self) -> bool {
        !matches!(self, Self::Affiliates | Self::DroppedSubject)
    }
}

/// Only the entities' names and aliases, matched as words (the plain match the other
/// rules build on), in order.
pub fn find_names(text: &str, entities: &[Entity]) -> Vec<Mention> {
    let found = find_patterns(text, &fold(text), &name_patterns(entities, false));
    to_mentions(select(text, found), entities)
}

/// Every mention of `entities` in the article `text`, by all the rules, in order.
pub fn find_mentions(text: &str, entities: &[Entity]) -> Vec<Mention> {
    mentions_and_subject(text, &split_sentences(text), entities).0
}

/// Every mention of `entities` in `text`, whose `sentences` are given, and the
/// article's subject: the person its headline names, that is the first line that names
/// a person (the most mentioned of them, if it names several).
pub(super) fn mentions_and_subject(
    text: &str,
    sentences: &[Range<usize>],
    entities: &[Entity],
) -> (Vec<Mention>, Option<String>) {
    let folded = fold(text);
    let direct = find_patterns(text, &folded, &name_patterns(entities, true));
    let by_name = select(text, direct.clone());
    let subject = subject_of(text, &by_name, entities);
    let named = Named::new(text, sentences, &by_name, entities, subject);
    let mut candidates = direct;
    candidates.extend(short_forms(text, &folded, &named));
    let mut found = select(text, candidates);
    let subject = subject_of(text, &found, entities).or(subject);
    found.extend(implied(text, sentences, &found, entities, subject));
    found.sort_by_key(|f| (f.range.start, f.range.end));
    let subject = subject.map(|ix| entities[ix].id.clone());
    (to_mentions(found, entities), subject)
}

fn to_mentions(found: Vec<Found>, entities: &[Entity]) -> Vec<Mention> {
    found
        .into_iter()
        .map(|f| Mention {
            range: f.range,
            entity: entities[f.entity].id.clone(),
            rule: f.rule,
            particle: f.particle,
        })
        .collect()
}

/// The article's subject among the people `found` names (see [`mentions_and_subject`]).
fn subject_of(text: &str, found: &[Found], entities: &[Entity]) -> Option<usize> {
    let people: Vec<&Found> = found
        .iter()
        .filter(|f| f.rule.names_entity() && entities[f.entity].kind == EntityKind::Person)
        .collect();
    let line_of = |at: usize| text[..at].bytes().filter(|&b| b == b'\n').count();
    let headline = line_of(people.first()?.range.start);
    let count = |ix: usize| people.iter().filter(|f| f.entity == ix).count();
    let first = |ix: usize| people.iter().position(|f| f.entity == ix);
    people
        .iter()
        .filter(|f| line_of(f.range.start) == headline)
        .map(|f| f.entity)
        .max_by_key(|&ix| (count(ix), std::cmp::Reverse(first(ix))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::dataset::load_default_network;

    fn entities() -> Vec<Entity> {
        load_default_network()
            .expect("the default network")
            .network
            .entities
    }

    /// The mentions of `text` as (surface, entity id, rule), dropped subjects shown as "∅".
    fn mentioned(text: &str) -> Vec<(String, String, MentionRule)> {
        find_mentions(text, &entities())
            .into_iter()
            .map(|m| {
                let surface = if m.range.is_empty() {
                    "∅"
                } else {
                    &text[m.range]
                };
                (surface.to_owned(), m.entity, m.rule)
            })
            .collect()
    }

    fn ids(text: &str) -> Vec<String> {
        mentioned(text).into_iter().map(|(_, id, _)| id).collect()
    }

    const HEADLINE: &str = "이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고\n";

    #[test]
    fn names_take_particles_and_the_longest_wins() {
        let text = "젠슨 황 엔비디아 최고경영자와 이재용 삼성전자 회장, 정의선 현대차그룹 회장이 지난 10월 30일 \
                    서울 코엑스에서 열린 엔비디아의 그래픽카드(GPU) '지포스' 출시 25주년 행사에 참석해 있다.";
        assert_eq!(
            ids(text),
            [
                "jensen-huang",
                "nvidia",
                "lee-jae-yong",
                "samsung-electronics",
                "chung-eui-sun",
                "hyundai-motor-group",
                "nvidia"
            ]
        );
        let mentions = find_mentions(text, &entities());
        let chung = mentions
            .iter()
            .find(|m| m.entity == "chung-eui-sun")
            .expect("정의선");
        assert_eq!(
            chung.particle, None,
            "정의선 is followed by his firm, not a particle"
        );
        let group = mentions
            .iter()
            .find(|m| m.entity == "hyundai-motor-group")
            .expect("현대차그룹");
        assert_eq!(group.particle, Some(Particle::Subject), "현대차그룹 회장이");
        let text = "삼성SDS는 23일 오픈AI와 기업용 인공지능(AI) 서비스 ‘챗GPT 엔터프라이즈’ 리셀러 파트너 \
                    계약을 체결했다고 밝혔다.";
        let mentions = find_mentions(text, &entities());
        assert_eq!(mentions[0].particle, Some(Particle::Topic));
        assert_eq!(mentions[1].particle, Some(Particle::With));
        assert_eq!(
            ids("이 회장은 아랍에미리트(UAE) 왕족들과 교류하며"),
            ["lee-jae-yong", "uae-royals"],
            "the royals' name is longer than the country's alias inside it"
        );
    }

    #[test]
    fn no_name_starts_inside_another_word() {
        let entities = entities();
        assert!(find_mentions("메타버스와 그로메타", &entities).is_empty());
        assert!(find_mentions("새이정배치 계획", &entities).is_empty());
        let found = find_names("삼성답게 미래를 개척하자", &entities);
        assert_eq!(found[0].entity, "samsung-group");
    }

    #[test]
    fn surname_and_title_stand_for_the_person_named_with_that_title() {
        // 이정배 is named too, but as 메모리사업부장: 이 회장 is 이재용.
        let text = format!(
            "{HEADLINE}이재용 삼성전자 회장이 미국 출장을 마쳤다. 이정배 메모리사업부장이 배석했다. \
             포옹을 나누는 이 회장과 황 CEO. 젠슨 황 엔비디아 최고경영자가 웃었다.\n손정의 소프트뱅크그룹 \
             회장도 왔다. 손 회장은 말했다."
        );
        let short: Vec<(String, String)> = mentioned(&text)
            .into_iter()
            .filter(|(_, _, rule)| matches!(rule, MentionRule::SurnameTitle | MentionRule::Alias))
            .map(|(surface, id, _)| (surface, id))
            .collect();
        assert_eq!(
            short,
            [
                ("이 회장".to_owned(), "lee-jae-yong".to_owned()),
                ("황 CEO".to_owned(), "jensen-huang".to_owned()),
                ("손 회장".to_owned(), "masayoshi-son".to_owned()),
            ]
        );
        let rules: Vec<MentionRule> = find_mentions(&text, &entities())
            .into_iter()
            .filter(|m| m.entity == "jensen-huang")
            .map(|m| m.rule)
            .collect();
        assert_eq!(rules, [MentionRule::SurnameTitle, MentionRule::Name]);
        // A surname whose person the article never names stays unresolved, and a title
        // that begins with a surname's syllable is only a title.
        assert!(ids("박 회장이 왔다.").is_empty());
        let text = format!("{HEADLINE}이재용 삼성전자 회장이 재단 이사장을 만났다.");
        assert_eq!(
            ids(&text),
            [
                "lee-jae-yong",
                "tesla",
                "openai",
                "byd",
                "lee-jae-yong",
                "samsung-electronics"
            ]
        );
    }

    #[test]
    fn hanja_surnames_stand_for_the_articles_subject() {
        let text = format!("{HEADLINE}서초사옥 찾아온 샘 올트먼 만난 李\n이정배 사업부장도 왔다.");
        let found = mentioned(&text);
        assert!(
            found.contains(&(
                "李".to_owned(),
                "lee-jae-yong".to_owned(),
                MentionRule::Alias
            )),
            "the dataset has 李 as an alias: {found:?}"
        );
        let mut entities = entities();
        for entity in &mut entities {
            entity.aliases.retain(|alias| alias != "李");
        }
        let found = find_mentions(&text, &entities);
        let hanja = found
            .iter()
            .find(|m| &text[m.range.clone()] == "李")
            .expect("李");
        assert_eq!(
            (hanja.entity.as_str(), hanja.rule),
            ("lee-jae-yong", MentionRule::Hanja)
        );
        // 美 (America) is no surname; 先 in "선(先)" neither.
        assert!(find_mentions("美출장서 선(先) 오너", &entities).is_empty());
    }

    #[test]
    fn english_names_in_any_case_with_variants_and_possessives() {
        let text = "Hyundai chairman Euisun Chung met SAMSUNG's Lee Jae-yong; Chung Eui Sun and \
                    Eui-sun Chung are one man, as is Chung Euisun. Samsung’s chips. Mr. Lee left.";
        let found = mentioned(text);
        let chung: Vec<(&str, MentionRule)> = found
            .iter()
            .filter(|(_, id, _)| id == "chung-eui-sun")
            .map(|(surface, _, rule)| (surface.as_str(), *rule))
            .collect();
        assert_eq!(
            chung,
            [
                ("Euisun Chung", MentionRule::NameVariant),
                ("Chung Eui Sun", MentionRule::NameVariant),
                ("Eui-sun Chung", MentionRule::NameVariant),
                ("Chung Euisun", MentionRule::NameVariant),
            ]
        );
        let samsung: Vec<&str> = found
            .iter()
            .filter(|(_, id, _)| id == "samsung-group")
            .map(|(surface, _, _)| surface.as_str())
            .collect();
        assert_eq!(samsung, ["SAMSUNG", "Samsung"]);
        assert!(found.contains(&(
            "Mr. Lee".to_owned(),
            "lee-jae-yong".to_owned(),
            MentionRule::SurnameTitle
        )));
        assert!(ids("the metaverse of Metaverse Inc.").is_empty());
    }

    #[test]
    fn a_meeting_without_a_subject_is_the_articles_subject() {
        let text = format!(
            "{HEADLINE}지난 12일에는 시애틀 아마존 본사를 찾아 앤디 재시 CEO를 만났다.이 자리에는 \
             전영현 삼성전자 디바이스솔루션(DS) 부문장이 배석했다.\n아마존은 삼성전자와 협력하고 있다.\n\
             이번 회동을 바탕으로 삼성전자와 메타는 협력을 확대할 전망이다."
        );
        let found = mentioned(&text);
        let meeting: Vec<_> = found
            .iter()
            .skip_while(|(surface, _, _)| surface != "∅")
            .take(3)
            .collect();
        assert_eq!(
            meeting,
            [
                &(
                    "∅".to_owned(),
                    "lee-jae-yong".to_owned(),
                    MentionRule::DroppedSubject
                ),
                &("아마존".to_owned(), "amazon".to_owned(), MentionRule::Name),
                &(
                    "앤디 재시".to_owned(),
                    "andy-jassy".to_owned(),
                    MentionRule::Name
                ),
            ]
        );
        let dropped = found
            .iter()
            .filter(|(_, _, rule)| *rule == MentionRule::DroppedSubject)
            .count();
        assert_eq!(
            dropped, 1,
            "no meeting in the others, or their subject is named: {found:?}"
        );
        // In English, a name before the verb is its subject.
        let english = "Lee Jae-yong flew to Seattle.\nHe met Andy Jassy at Amazon.\nAndy Jassy met Sam Altman.";
        let found = find_mentions(english, &entities());
        let dropped: Vec<usize> = found
            .iter()
            .filter(|m| m.rule == MentionRule::DroppedSubject)
            .map(|m| m.range.start)
            .collect();
        assert_eq!(dropped, [english.find("He met").expect("line")]);
    }

    #[test]
    fn affiliates_imply_their_group() {
        let text = "당시 삼성전자·삼성SDS·삼성물산·삼성중공업 등 4개 계열사는 반도체, 데이터센터, 클라우드, 해양 \
                    기술 전반에서 협력 체계를 구축하기로 합의했다.";
        let found = mentioned(text);
        assert_eq!(
            found.last(),
            Some(&(
                "계열사".to_owned(),
                "samsung-group".to_owned(),
                MentionRule::Affiliates
            ))
        );
        // Named already: nothing to add.
        let text = "삼성 계열사가 이들 기업과 구체적인 비즈니스로 연결하는 사례가 늘고 있다.";
        assert_eq!(ids(text), ["samsung-group"]);
    }

    #[test]
    fn the_subject_is_the_person_the_headline_names() {
        let text = "IT·과학 산업 경제\n\n이재용 \"삼성답게 미래 개척\"…美출장서 빅테크 CEO 연쇄 회동\n\n\
                    메타 저커버그 CEO와 자택서 단독 미팅\n저커버그 CEO는 말했다. 저커버그 CEO가 웃었다.";
        let (_, subject) = mentions_and_subject(text, &split_sentences(text), &entities());
        assert_eq!(
            subject.as_deref(),
            Some("lee-jae-yong"),
            "not the most mentioned"
        );
        let text = "삼성SDS, 오픈AI와 계약\n샘 올트먼과 젠슨 황, 샘 올트먼.";
        let (_, subject) = mentions_and_subject(text, &split_sentences(text), &entities());
        assert_eq!(
            subject.as_deref(),
            Some("sam-altman"),
            "the headline names no one"
        );
        assert_eq!(MentionRule::SurnameTitle.label(), "surname + title");
    }
}
