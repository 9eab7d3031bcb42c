//! Marking the lines of a scraped article that are not reporting: newsletter sign-ups, donation
//! appeals, "Read more", menu words and photo credits.
//!
//! The rules are deliberately simple and each mark says which rule made it
//! ([`Boilerplate`]), so a user can see why a sentence was left out of the roll-ups:
//!
//! 1. [`Boilerplate::Cue`] — the sentence contains a phrase that belongs to site furniture
//!    ([`CUES`]: "newsletter", "sign up", "privacy policy", "your support", "read more", …), or
//!    is a short line (at most six words) that starts with an appeal verb ("Support …!",
//!    "Subscribe …").
//! 2. [`Boilerplate::Appeal`] — everything after an appeal opener ("A message from …",
//!    "Dear readers") to the end of the article: the appeal that news sites append.
//! 3. [`Boilerplate::Paragraph`] — the rest of a paragraph in which at least half of the
//!    sentences are marked by rule 1.
//! 4. [`Boilerplate::Menu`] — a whole line of at most three words without final punctuation
//!    that is not the article's first line (buttons and menus: "Monthly", "Continue").
//! 5. [`Boilerplate::Credit`] — a photo credit: a line such as "AFP / Example Agency", a web
//!    domain ("kremlin.ru"), or a line starting "Photo:".

use std::ops::Range;

use serde::Serialize;

/// Why a sentence was marked as boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Boilerplate {
    /// Contains a site-furniture phrase.
    Cue,
    /// Follows an appeal opener.
    Appeal,
    /// In a paragraph that is mostly site furniture.
    Paragraph,
    /// A short menu or button line.
    Menu,
    /// A photo credit.
    Credit,
}

/// Phrases (lowercase) that mark a sentence as site furniture wherever they occur.
pub const CUES: &[&str] = &[
    "a message from",
    "all rights reserved",
    "click here",
    "cookie policy",
    "dear reader",
    "every contribution",
    "follow us on",
    "in your inbox",
    "in your mailbox",
    "make a contribution",
    "most read",
    "newsletter",
    "not ready to support",
    "please support",
    "privacy policy",
    "read more",
    "related articles",
    "remind me later",
    "share this article",
    "sign up",
    "subscribe",
    "subscriber",
    "support us",
    "support today",
    "terms of use",
    "your support",
];

/// Openers of an appeal block (lowercase line starts).
const APPEAL_OPENERS: &[&str] = &["a message from", "dear reader"];

/// Verbs that open short appeal lines.
const APPEAL_VERBS: &[&str] = &["donate", "join", "subscribe", "support"];

/// Marks each sentence of `text` (given as spans, in order): `None` for reporting.
pub fn boilerplate(text: &str, sentences: &[Range<usize>]) -> Vec<Option<Boilerplate>> {
    let first_line_end = text
        .trim_start()
        .find('\n')
        .map_or(text.len(), |i| i + text.len() - text.trim_start().len());
    let mut marks: Vec<Option<Boilerplate>> = sentences
        .iter()
        .map(|span| sentence_mark(text, span, span.start < first_line_end))
        .collect();
    // Rule 2: after an appeal opener, the rest of the article.
    if let Some(first) = sentences.iter().position(|s| {
        let lower = text[s.clone()].to_lowercase();
        APPEAL_OPENERS.iter().any(|o| lower.starts_with(o))
    }) {
        for mark in &mut marks[first + 1..] {
            mark.get_or_insert(Boilerplate::Appeal);
        }
    }
    // Rule 3: paragraphs that are mostly cues.
    let paragraph_of: Vec<usize> = sentences
        .iter()
        .map(|s| paragraph_index(text, s.start))
        .collect();
    let mut p = 0;
    while p < sentences.len() {
        let q = (p..sentences.len())
            .find(|&i| paragraph_of[i] != paragraph_of[p])
            .unwrap_or(sentences.len());
        let cues = (p..q)
            .filter(|&i| marks[i] == Some(Boilerplate::Cue))
            .count();
        if cues > 0 && 2 * cues >= q - p {
            for mark in &mut marks[p..q] {
                mark.get_or_insert(Boilerplate::Paragraph);
            }
        }
        p = q;
    }
    marks
}

fn sentence_mark(text: &str, span: &Range<usize>, first_line: bool) -> Option<Boilerplate> {
    let sentence = &text[span.clone()];
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if CUES.iter().any(|cue| contains_phrase(&lower, cue)) {
        return Some(Boilerplate::Cue);
    }
    let first_word = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    if words.len() <= 6 && APPEAL_VERBS.contains(&first_word.as_str()) {
        return Some(Boilerplate::Cue);
    }
    if is_credit(sentence, &lower) {
        return Some(Boilerplate::Credit);
    }
    let whole_line = is_whole_line(text, span);
    let final_punct = sentence.ends_with(['.', '!', '?', ':', '"', '\u{201D}']);
    if whole_line && !first_line && words.len() <= 3 && !final_punct {
        return Some(Boilerplate::Menu);
    }
    None
}

/// `phrase` occurs in `lower` at the start of a word ("subscribe" also finds "subscribers").
fn contains_phrase(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(i, _)| {
        !lower[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

fn is_credit(sentence: &str, lower: &str) -> bool {
    if lower.starts_with("photo:") || lower.starts_with("photo by") || lower.starts_with("image:") {
        return true;
    }
    let has_domain = sentence.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        match w.rsplit_once('.') {
            Some((name, tld)) => {
                !name.is_empty()
                    && (2..=4).contains(&tld.len())
                    && tld.chars().all(|c| c.is_ascii_lowercase())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            }
            None => false,
        }
    });
    let slash_credit = sentence.contains(" / ")
        && sentence.split_whitespace().count() <= 8
        && !sentence.ends_with(['.', '!', '?']);
    has_domain && sentence.split_whitespace().count() <= 8 || slash_credit
}

fn is_whole_line(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].rsplit('\n').next().unwrap_or("");
    let after = text[span.end..].split('\n').next().unwrap_or("");
    before.trim().is_empty() && after.trim().is_empty()
}

/// Index of the paragraph (run of non-blank lines) containing byte `at`.
fn paragraph_index(text: &str, at: usize) -> usize {
    let mut lines: Vec<&str> = text[..at].split('\n').collect();
    lines.pop(); // the line `at` is on
    let (mut index, mut seen_text, mut blank_since) = (0, false, false);
    for line in lines {
        if line.trim().is_empty() {
            blank_since = seen_text;
        } else {
            if blank_since {
                index += 1;
                blank_since = false;
            }
            seen_text = true;
        }
    }
    index + usize::from(blank_since)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    fn marks(text: &str) -> Vec<(String, Option<Boilerplate>)> {
        let spans = sentences(text);
        let m = boilerplate(text, &spans);
        spans
            .into_iter()
            .map(|s| text[s].to_string())
            .zip(m)
            .collect()
    }

    #[test]
    fn appeals_menus_and_credits_are_marked_and_reporting_is_not() {
        let text = "Support The Daily Example!\n\nLeaders Agree on Trade\n\nThe leaders met. AFP / Example Images\n\nThe minister praised his counterpart's personal contribution to the talks.\n\nSign up for our newsletter\n\nOur weekly newsletter has the best stories. Never miss the news from Ruritania.\n\nA Message from The Daily Example:\n\nWe need help. Thank you.\n\nMonthly\nContinue";
        let got = marks(text);
        let reporting: Vec<&str> = got
            .iter()
            .filter(|(_, m)| m.is_none())
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(
            reporting,
            [
                "Leaders Agree on Trade",
                "The leaders met.",
                "The minister praised his counterpart's personal contribution to the talks."
            ]
        );
        let of = |s: &str| got.iter().find(|(t, _)| t == s).unwrap().1;
        assert_eq!(of("Support The Daily Example!"), Some(Boilerplate::Cue));
        assert_eq!(of("AFP / Example Images"), Some(Boilerplate::Credit));
        assert_eq!(
            of("Never miss the news from Ruritania."),
            Some(Boilerplate::Paragraph)
        );
        assert_eq!(of("We need help."), Some(Boilerplate::Appeal));
        assert_eq!(of("Monthly"), Some(Boilerplate::Menu));
    }

    #[test]
    fn short_lines_are_menus_but_the_first_line_is_a_headline() {
        let got = marks("Ankara Protests\n\nThe ministry protested.\n\nPreview");
        assert_eq!(got[0].1, None);
        assert_eq!(got[2].1, Some(Boilerplate::Menu));
    }

    #[test]
    fn a_web_domain_is_a_credit() {
        let got = marks("The talks ended.\nTASS / kremlin.ru\nReuters reported it on example.com today, the agency said in a long statement to press.");
        assert_eq!(got[1].1, Some(Boilerplate::Credit));
        assert_eq!(got[2].1, None);
    }
}
