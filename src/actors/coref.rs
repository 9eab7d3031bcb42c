//! Simple, deterministic coreference across the sentences of one article, recorded as such.
//!
//! - "the two leaders", "both leaders", "the two presidents", "the two men" → the two most
//!   recently named distinct people;
//! - "the two countries", "both countries", "the two sides", "both nations", … → the two most
//!   recently named distinct countries (people count for their country);
//! - a sentence-initial "He" or "She" → the first person named in the previous sentence, else
//!   the most recent person;
//! - a sentence-initial "It" followed by "has", "had", "also", "said", "will" or "would" (not
//!   "It is…", which is rarely an actor) → the first country or organisation named in the
//!   previous sentence, else the most recent one.
//!
//! Boilerplate sentences neither receive nor provide antecedents.

use std::ops::Range;

use serde::Serialize;

use super::{direction, Kind, Lexicon, Matcher, Mention, Via};

const PERSON_PAIRS: &[&str] = &[
    "the two leaders",
    "both leaders",
    "the two presidents",
    "the two men",
    "the two women",
    "the two heads of state",
];

const COUNTRY_PAIRS: &[&str] = &[
    "the two countries",
    "both countries",
    "the two nations",
    "both nations",
    "the two sides",
    "both sides",
    "the two governments",
    "both governments",
    "the two states",
    "the two neighbours",
    "the two neighbors",
];

const IT_VERBS: &[&str] = &["also", "had", "has", "said", "will", "would"];

/// The actors of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceActors {
    /// Mentions, in order, with spans into the article; coreference mentions (`via:
    /// coreference`) name one actor each, with `from` giving the antecedents' spans.
    pub mentions: Vec<ResolvedMention>,
    /// Indices into `mentions` of the source and the target, when the wording shows them.
    pub direction: Option<(usize, usize)>,
}

/// A mention, with the antecedent it was resolved from when it is a coreference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolvedMention {
    /// The mention (span into the article).
    #[serde(flatten)]
    pub mention: Mention,
    /// For a coreference: the span of the earlier mention it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Range<usize>>,
}

/// Finds the actors of each sentence of an article. `sentences` are spans into `text`;
/// sentences with `skip[i]` (boilerplate) get no actors and are not antecedents.
pub fn annotate(
    lexicon: &Lexicon,
    matcher: &Matcher,
    text: &str,
    sentences: &[Range<usize>],
    skip: &[bool],
) -> Vec<SentenceActors> {
    // Earlier mentions: (sentence index, article-level mention).
    let mut history: Vec<(usize, Mention)> = Vec::new();
    let mut out = Vec::with_capacity(sentences.len());
    for (i, span) in sentences.iter().enumerate() {
        if skip[i] {
            out.push(SentenceActors {
                mentions: Vec::new(),
                direction: None,
            });
            continue;
        }
        let sentence = &text[span.clone()];
        let mut mentions: Vec<ResolvedMention> = matcher
            .find(sentence)
            .into_iter()
            .map(|m| ResolvedMention {
                mention: Mention {
                    span: m.span.start + span.start..m.span.end + span.start,
                    ..m
                },
                from: None,
            })
            .collect();
        let previous = history.iter().rev().find(|(s, _)| *s < i).map(|(s, _)| *s);
        let is_kind = |m: &Mention, kinds: &[Kind]| {
            lexicon
                .get(&m.actor)
                .is_some_and(|a| kinds.contains(&a.kind))
        };
        // Pair phrases.
        let lower = sentence.to_lowercase();
        for (phrases, kinds, country_level) in [
            (PERSON_PAIRS, &[Kind::Person][..], false),
            (COUNTRY_PAIRS, &[Kind::Country, Kind::Person][..], true),
        ] {
            for phrase in phrases {
                for (at, _) in lower.match_indices(phrase) {
                    if lower[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    let mut picked: Vec<(String, Range<usize>)> = Vec::new();
                    for (_, m) in history.iter().rev() {
                        if !is_kind(m, kinds) {
                            continue;
                        }
                        let id = if country_level {
                            lexicon.country_of(&m.actor).to_string()
                        } else {
                            m.actor.clone()
                        };
                        if !picked.iter().any(|(p, _)| *p == id) {
                            picked.push((id, m.span.clone()));
                        }
                        if picked.len() == 2 {
                            break;
                        }
                    }
                    if picked.len() == 2 {
                        let phrase_span = span.start + at..span.start + at + phrase.len();
                        for (id, from) in picked.into_iter().rev() {
                            mentions.push(ResolvedMention {
                                mention: Mention {
                                    span: phrase_span.clone(),
                                    actor: id,
                                    via: Via::Coreference,
                                },
                                from: Some(from),
                            });
                        }
                    }
                }
            }
        }
        // Sentence-initial pronouns.
        let mut first_words = sentence.split_whitespace();
        let (first, second) = (
            first_words.next().unwrap_or(""),
            first_words.next().unwrap_or(""),
        );
        let wanted: Option<&[Kind]> = match first {
            "He" | "She" => Some(&[Kind::Person]),
            "It" if IT_VERBS.contains(&second.trim_matches(|c: char| !c.is_alphanumeric())) => {
                Some(&[Kind::Country, Kind::Organisation])
            }
            _ => None,
        };
        if let Some(kinds) = wanted {
            let in_previous = history
                .iter()
                .find(|(s, m)| Some(*s) == previous && is_kind(m, kinds))
                .or_else(|| history.iter().rev().find(|(_, m)| is_kind(m, kinds)));
            if let Some((_, m)) = in_previous {
                mentions.push(ResolvedMention {
                    mention: Mention {
                        span: span.start..span.start + first.len(),
                        actor: m.actor.clone(),
                        via: Via::Coreference,
                    },
                    from: Some(m.span.clone()),
                });
            }
        }
        mentions.sort_by_key(|m| (m.mention.span.start, m.mention.span.end));
        let relative: Vec<Mention> = mentions
            .iter()
            .map(|m| Mention {
                span: m.mention.span.start - span.start..m.mention.span.end - span.start,
                ..m.mention.clone()
            })
            .collect();
        let direction = direction(sentence, &relative);
        history.extend(
            mentions
                .iter()
                .filter(|m| m.mention.via != Via::Coreference)
                .map(|m| (i, m.mention.clone())),
        );
        out.push(SentenceActors {
            mentions,
            direction,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::matcher::tests::lexicon;
    use crate::text::sentences;

    /// A mention as (actor, via, text of the antecedent).
    type Found = (String, Via, Option<String>);

    /// A sentence's mentions, and its direction as (source, target).
    type Sentence = (Vec<Found>, Option<(String, String)>);

    fn run(text: &str) -> Vec<Sentence> {
        let lexicon = lexicon();
        let matcher = Matcher::new(&lexicon);
        let spans = sentences(text);
        let skip = vec![false; spans.len()];
        annotate(&lexicon, &matcher, text, &spans, &skip)
            .into_iter()
            .map(|s| {
                let mentions = s
                    .mentions
                    .iter()
                    .map(|m| {
                        (
                            m.mention.actor.clone(),
                            m.mention.via,
                            m.from.clone().map(|f| text[f].to_string()),
                        )
                    })
                    .collect();
                let direction = s.direction.map(|(a, b)| {
                    (
                        s.mentions[a].mention.actor.clone(),
                        s.mentions[b].mention.actor.clone(),
                    )
                });
                (mentions, direction)
            })
            .collect()
    }

    #[test]
    fn the_two_leaders_are_the_last_two_people_named() {
        let got = run("Putin told Erdogan about it. The two leaders have not always agreed.");
        assert_eq!(got[0].1, Some(("putin".into(), "erdogan".into())));
        assert_eq!(
            got[1].0,
            [
                ("putin".into(), Via::Coreference, Some("Putin".into())),
                ("erdogan".into(), Via::Coreference, Some("Erdogan".into())),
            ]
        );
    }

    #[test]
    fn both_countries_count_people_for_their_country() {
        let got = run("Putin phoned Ankara. Both countries want calm.");
        let actors: Vec<&str> = got[1].0.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(actors, ["RUS", "TUR"]);
    }

    #[test]
    fn sentence_initial_pronouns_take_the_previous_subject() {
        let got = run("Erdogan met Putin in Sochi. He praised the talks. Ankara hosted the summit. It has also mediated.");
        assert_eq!(
            got[1].0,
            [("erdogan".into(), Via::Coreference, Some("Erdogan".into()))]
        );
        assert_eq!(
            got[3].0,
            [("TUR".into(), Via::Coreference, Some("Ankara".into()))]
        );
        assert!(run("Ankara agreed. It is unclear why.")[1].0.is_empty());
    }

    #[test]
    fn passive_voice_reverses_the_direction() {
        let got = run("Erdogan was praised by Putin on Monday.");
        assert_eq!(got[0].1, Some(("putin".into(), "erdogan".into())));
        assert_eq!(run("Russia and Turkey, neighbours, met.")[0].1, None);
        let got = run("Turkey's decision to expel the US envoy was welcomed by Russia.");
        assert_eq!(
            got[0].1,
            Some(("RUS".into(), "TUR".into())),
            "the passive wins"
        );
    }

    #[test]
    fn skipped_sentences_give_no_actors_and_no_antecedents() {
        let text = "Putin spoke. Erdogan listened. The two leaders left.";
        let lexicon = lexicon();
        let spans = sentences(text);
        let got = annotate(
            &lexicon,
            &Matcher::new(&lexicon),
            text,
            &spans,
            &[false, true, false],
        );
        assert!(got[1].mentions.is_empty());
        assert!(
            got[2].mentions.is_empty(),
            "only one person is left to resolve to"
        );
    }
}
