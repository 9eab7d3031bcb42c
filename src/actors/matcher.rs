//! Finding actor mentions in a sentence: longest match first, with titles, possessives,
//! case rules and exclusions.
//!
//! Text is cut into words at Unicode word boundaries (hyphens and punctuation are tokens of their
//! own, so "Russian-Turkish" names two countries), a possessive "'s" is cut off its word
//! ("Russia's" names Russia), and aliases are compared word by word:
//! - case-sensitively ("US" is the United States, "us" is not; "Turkey" is, "turkey" is not),
//!   except that an alias's leading "the" also matches "The";
//! - the longest alias wins at each position, so "Recep Tayyip Erdogan" is one mention and
//!   "The Moscow Times" (a listed non-actor) hides "Moscow"; an alias's leading "the" yields to
//!   a name that starts after it and reaches further ("the West Bank" is not "the West");
//! - a nationality word followed by title words and then a person of that country is one
//!   mention of the person ("Turkish President Recep Tayyip Erdogan"); without a person it
//!   names the country ("Turkish officials", "Russian-built");
//! - an alias that names two different actors is ambiguous and never matched.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use super::lexicon::{Kind, Lexicon};

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// A name or alias ("Erdogan", "Ankara", "NATO").
    Name,
    /// A nationality word ("Turkish officials").
    Demonym,
    /// A seat of government ("the Kremlin").
    Seat,
    /// A title and a name ("Turkish President Recep Tayyip Erdogan").
    Title,
    /// A phrase resolved to an earlier mention ("the two leaders", sentence-initial "He").
    Coreference,
}

/// One actor named in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte span in the matched text.
    pub span: Range<usize>,
    /// The actor's id.
    pub actor: String,
    /// How it was named.
    pub via: Via,
}

/// Words that may stand between a nationality word and a person's name in a title.
const TITLE_WORDS: &[&str] = &[
    "Chancellor",
    "Crown",
    "Defence",
    "Defense",
    "Deputy",
    "Emir",
    "Foreign",
    "King",
    "Leader",
    "Minister",
    "President",
    "Premier",
    "Prime",
    "Prince",
    "Queen",
    "Secretary",
    "Sultan",
    "Supreme",
    "Vice",
    "ambassador",
    "counterpart",
    "diplomat",
    "envoy",
    "leader",
    "minister",
    "president",
    "strongman",
    "top",
];

#[derive(Debug, Clone)]
struct Entry {
    /// The alias's words after the first.
    rest: Vec<String>,
    /// The actor and how the alias names it; `None` for a listed non-actor.
    target: Option<(String, Via)>,
}

/// A compiled matcher over a [`Lexicon`].
#[derive(Debug, Clone)]
pub struct Matcher {
    /// First word (a leading "the" lowercased) → entries, longest first.
    index: HashMap<String, Vec<Entry>>,
    persons: HashMap<String, String>,
}

/// A word of the text: its span and the text compared with aliases.
#[derive(Debug, Clone)]
struct Word<'a> {
    span: Range<usize>,
    text: &'a str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    crate::text::for_each_word_bound(text, |start, w| {
        if w.chars().all(char::is_whitespace) {
            return;
        }
        let stem = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .filter(|s| !s.is_empty())
            .unwrap_or(w);
        out.push(Word {
            span: start..start + stem.len(),
            text: stem,
        });
    });
    out
}

fn key(word: &str) -> String {
    if word == "The" {
        "the".to_string()
    } else {
        word.to_string()
    }
}

impl Matcher {
    /// Compiles the aliases, nationality words and seats of every actor, and the non-actors.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut targets: HashMap<Vec<String>, Vec<(String, Via)>> = HashMap::new();
        for actor in lexicon.actors() {
            let forms = [
                (&actor.aliases, Via::Name),
                (&actor.demonyms, Via::Demonym),
                (&actor.seats, Via::Seat),
            ];
            for (list, via) in forms {
                for alias in list {
                    let tokens: Vec<String> =
                        words(alias).iter().map(|w| w.text.to_string()).collect();
                    if tokens.is_empty() {
                        continue;
                    }
                    let entry = targets.entry(tokens).or_default();
                    if !entry.iter().any(|(id, _)| *id == actor.id) {
                        entry.push((actor.id.clone(), via));
                    }
                }
            }
        }
        let mut index: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |tokens: Vec<String>, target| {
            let first = key(&tokens[0]);
            index.entry(first).or_default().push(Entry {
                rest: tokens[1..].to_vec(),
                target,
            });
        };
        for (tokens, mut found) in targets {
            if found.len() == 1 {
                add(tokens, found.pop());
            }
        }
        for name in lexicon.not_actors() {
            let tokens: Vec<String> = words(name).iter().map(|w| w.text.to_string()).collect();
            if !tokens.is_empty() {
                add(tokens, None);
            }
        }
        for entries in index.values_mut() {
            // Longest first; a non-actor before an actor of the same length; then by text.
            entries.sort_by(|a, b| {
                b.rest
                    .len()
                    .cmp(&a.rest.len())
                    .then(a.target.is_some().cmp(&b.target.is_some()))
                    .then(a.rest.cmp(&b.rest))
            });
        }
        let persons = lexicon
            .actors()
            .filter(|a| a.kind == Kind::Person)
            .filter_map(|a| Some((a.id.clone(), a.parent.clone()?)))
            .collect();
        Matcher { index, persons }
    }

    /// The longest entry matching at word `i`: its length in words and target.
    fn longest(&self, words: &[Word<'_>], i: usize) -> Option<(usize, Option<&(String, Via)>)> {
        let entries = self.index.get(&key(words.get(i)?.text))?;
        entries.iter().find_map(|e| {
            let rest = words.get(i + 1..i + 1 + e.rest.len())?;
            rest.iter()
                .zip(&e.rest)
                .all(|(w, r)| w.text == r)
                .then(|| (1 + e.rest.len(), e.target.as_ref()))
        })
    }

    /// Every actor mention in `text`, in order, with byte spans into `text`.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let words = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let Some((len, target)) = self.longest(&words, i) else {
                i += 1;
                continue;
            };
            // A leading "the" yields to a longer name starting after it: "the West Bank" is the
            // West Bank, not "the West".
            if key(words[i].text) == "the"
                && self
                    .longest(&words, i + 1)
                    .is_some_and(|(next, _)| next >= len)
            {
                i += 1;
                continue;
            }
            let Some((actor, via)) = target else {
                i += len; // a listed non-actor
                continue;
            };
            let mut end = i + len;
            let mut mention = Mention {
                span: words[i].span.start..words[end - 1].span.end,
                actor: actor.clone(),
                via: *via,
            };
            if *via == Via::Demonym {
                // "Turkish President Recep Tayyip Erdogan": one mention of the person.
                let mut j = end;
                while j < words.len() && TITLE_WORDS.contains(&words[j].text) {
                    j += 1;
                }
                if j > end {
                    if let Some((plen, Some((person, _)))) = self.longest(&words, j) {
                        if self.persons.get(person) == Some(actor) {
                            end = j + plen;
                            mention = Mention {
                                span: words[i].span.start..words[end - 1].span.end,
                                actor: person.clone(),
                                via: Via::Title,
                            };
                        }
                    }
                }
            }
            out.push(mention);
            i = end;
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::actors::Actor;

    pub(crate) fn lexicon() -> Lexicon {
        let actor = |id: &str,
                     kind,
                     parent: Option<&str>,
                     aliases: &[&str],
                     demonyms: &[&str],
                     seats: &[&str]| Actor {
            id: id.into(),
            kind,
            name: aliases.first().copied().unwrap_or(id).into(),
            parent: parent.map(String::from),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            demonyms: demonyms.iter().map(|s| s.to_string()).collect(),
            seats: seats.iter().map(|s| s.to_string()).collect(),
            role: None,
            years: None,
        };
        let mut lexicon = Lexicon::default();
        lexicon.merge(vec![
            actor(
                "RUS",
                Kind::Country,
                None,
                &["Russia", "Moscow"],
                &["Russian"],
                &["the Kremlin"],
            ),
            actor(
                "TUR",
                Kind::Country,
                None,
                &["Turkey", "Ankara"],
                &["Turkish"],
                &[],
            ),
            actor(
                "USA",
                Kind::Country,
                None,
                &["United States", "US", "Washington"],
                &["American"],
                &["the White House"],
            ),
            actor("GEO", Kind::Country, None, &["Georgia"], &["Georgian"], &[]),
            actor("WEST", Kind::Bloc, None, &["the West"], &[], &[]),
            actor(
                "putin",
                Kind::Person,
                Some("RUS"),
                &["Vladimir Putin", "Putin"],
                &[],
                &[],
            ),
            actor(
                "erdogan",
                Kind::Person,
                Some("TUR"),
                &["Recep Tayyip Erdogan", "Erdogan"],
                &[],
                &[],
            ),
            actor("x1", Kind::Person, Some("USA"), &["Kim"], &[], &[]),
            actor("x2", Kind::Person, Some("TUR"), &["Kim"], &[], &[]),
        ]);
        lexicon.set_not_actors(vec![
            "the Moscow Times".into(),
            "New Georgia".into(),
            "West Georgia".into(),
        ]);
        lexicon
    }

    fn found(text: &str) -> Vec<(String, String, Via)> {
        Matcher::new(&lexicon())
            .find(text)
            .into_iter()
            .map(|m| (text[m.span.clone()].to_string(), m.actor, m.via))
            .collect()
    }

    fn pairs(text: &str) -> Vec<(String, String)> {
        found(text).into_iter().map(|(t, a, _)| (t, a)).collect()
    }

    fn p(t: &str, a: &str) -> (String, String) {
        (t.to_string(), a.to_string())
    }

    #[test]
    fn longest_alias_wins_and_titles_join_the_name() {
        assert_eq!(
            found("Turkish President Recep Tayyip Erdogan met Putin."),
            [
                (
                    "Turkish President Recep Tayyip Erdogan".into(),
                    "erdogan".into(),
                    Via::Title
                ),
                ("Putin".into(), "putin".into(), Via::Name),
            ]
        );
    }

    #[test]
    fn demonyms_without_a_name_are_the_country() {
        assert_eq!(
            pairs("Turkish officials met Russian-Turkish panels"),
            [
                p("Turkish", "TUR"),
                p("Russian", "RUS"),
                p("Turkish", "TUR"),
            ]
        );
    }

    #[test]
    fn possessives_seats_and_sentence_initial_the() {
        assert_eq!(
            pairs("The Kremlin rejected the West's offer and Russia's plan"),
            [
                p("The Kremlin", "RUS"),
                p("the West", "WEST"),
                p("Russia", "RUS"),
            ]
        );
        assert_eq!(pairs("Russia’s envoy"), [p("Russia", "RUS")]);
    }

    #[test]
    fn case_matters_for_acronyms_and_names() {
        assert_eq!(pairs("the US told us to go"), [p("US", "USA")]);
        assert!(pairs("a turkey dinner in the us").is_empty());
    }

    #[test]
    fn listed_non_actors_hide_the_place_inside_them() {
        assert!(pairs("The Moscow Times reported it").is_empty());
        assert!(pairs("They toured New Georgia").is_empty());
        assert!(
            pairs("the West Georgia route").is_empty(),
            "West Georgia is listed"
        );
        assert_eq!(
            pairs("The Moscow Times said Moscow agreed"),
            [p("Moscow", "RUS")]
        );
    }

    /// Found by `cargo fuzz run actors`: a text ending in "the", or in a nationality word and
    /// title words, looked one word past the end.
    #[test]
    fn texts_ending_in_the_or_a_title_do_not_read_past_the_end() {
        assert!(pairs("Talks with the").is_empty());
        assert_eq!(pairs("It was Turkish President"), [p("Turkish", "TUR")]);
    }

    #[test]
    fn an_alias_of_two_actors_is_never_matched() {
        assert!(pairs("Kim arrived").is_empty());
    }
}
