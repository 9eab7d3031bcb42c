//! Who acts on whom: the source and target of a sentence's relation, where its wording shows
//! them.
//!
//! Two patterns, tried on each mention A and the next mention B of another actor; a passive
//! anywhere in the sentence wins over an active verb:
//! - active: A, then (within six words and no clause punctuation) a verb of [`RELATION_VERBS`],
//!   then B within five more words — "Putin told Erdogan", "Ankara has delivered drones to
//!   Kyiv": A is the source;
//! - passive: A, then "was / were / is / are / been / being", the verb and "by", then B —
//!   "Erdogan was praised by Putin": B is the source, and the target is the sentence's first
//!   actor, its subject ("Turkey's decision to expel the US envoy was welcomed by Russia").
//!
//! Otherwise the relation is undirected.

use super::Mention;

/// Stems of verbs that carry a relation from their subject to their object.
pub const RELATION_VERBS: &[&str] = &[
    "accus",
    "applaud",
    "assur",
    "attack",
    "back",
    "blam",
    "bomb",
    "call",
    "castigat",
    "censur",
    "cheer",
    "commend",
    "condemn",
    "congratulat",
    "court",
    "criticis",
    "criticiz",
    "defend",
    "deliver",
    "denounc",
    "embrac",
    "endors",
    "expel",
    "fault",
    "greet",
    "hail",
    "host",
    "invad",
    "invit",
    "laud",
    "lectur",
    "met",
    "meet",
    "offer",
    "pledg",
    "prais",
    "press",
    "promis",
    "rebuk",
    "recogni",
    "reject",
    "reprimand",
    "sanction",
    "scold",
    "sent",
    "shell",
    "slam",
    "snub",
    "strik",
    "struck",
    "summon",
    "support",
    "sued",
    "su",
    "target",
    "thank",
    "threaten",
    "told",
    "tell",
    "urg",
    "visit",
    "warn",
    "welcom",
];

const PASSIVE_AUX: &[&str] = &["are", "been", "being", "is", "was", "were"];

/// The source and target among `mentions` (indices, in order of the text), when `sentence`
/// shows a direction; mentions' spans are relative to `sentence`.
pub fn direction(sentence: &str, mentions: &[Mention]) -> Option<(usize, usize)> {
    // Each mention with the next one that is another actor in its own words.
    let pairs: Vec<(usize, usize, Flow)> = (0..mentions.len())
        .filter_map(|a| {
            let b = (a + 1..mentions.len()).find(|&b| {
                mentions[a].actor != mentions[b].actor
                    && mentions[b].span.start >= mentions[a].span.end
            })?;
            let between = &sentence[mentions[a].span.end..mentions[b].span.start];
            Some((a, b, classify(between)?))
        })
        .collect();
    // A passive "… was welcomed by B" is the clearer signal; its target is the sentence's
    // first actor, the subject ("Turkey's decision to expel the US envoy was welcomed by Russia"
    // is Russia → Turkey). Else the first active verb.
    if let Some(&(a, b, _)) = pairs.iter().find(|p| p.2 == Flow::Backward) {
        let subject = if mentions[0].actor != mentions[b].actor {
            0
        } else {
            a
        };
        return Some((b, subject));
    }
    pairs.first().map(|&(a, b, _)| (a, b))
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Forward,
    Backward,
}

fn classify(between: &str) -> Option<Flow> {
    if between.contains(['.', ';', ':', '!', '?']) {
        return None;
    }
    let words: Vec<String> = between
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() > 11 {
        return None;
    }
    let verb_at = words.iter().position(|w| is_relation_verb(w))?;
    if verb_at > 6 || words.len() - verb_at - 1 > 5 {
        return None;
    }
    let passive = verb_at > 0
        && words[..verb_at]
            .iter()
            .any(|w| PASSIVE_AUX.contains(&w.as_str()))
        && words[verb_at + 1..].first().is_some_and(|w| w == "by");
    Some(if passive {
        Flow::Backward
    } else {
        Flow::Forward
    })
}

fn is_relation_verb(word: &str) -> bool {
    // A verb form is the stem plus at most a short inflection ("praised", "praises", "urging").
    RELATION_VERBS.iter().any(|stem| {
        word.strip_prefix(stem).is_some_and(|rest| {
            matches!(
                rest,
                "" | "e"
                    | "s"
                    | "es"
                    | "ed"
                    | "d"
                    | "ing"
                    | "ied"
                    | "ies"
                    | "se"
                    | "sed"
                    | "ses"
                    | "sing"
                    | "ze"
                    | "zed"
                    | "zes"
                    | "zing"
                    | "ation"
            ) && !(rest.is_empty() && stem.len() < 4 && *stem != "met")
        })
    })
}
