//! Sentence splitting for news articles, with byte spans.
//!
//! Rules, in order:
//! 1. A blank line always ends a sentence (paragraphs, headlines, captions, list items).
//! 2. A single line break ends a sentence too — headlines and captions have no final
//!    punctuation — unless the text was merely wrapped: the line ends in a lowercase letter or a
//!    comma and the next line starts with a lowercase letter.
//! 3. Inside a line, `.`, `!`, `?` and `…` (or `...`), followed by any closing quotes or brackets,
//!    end a sentence when white space and then an uppercase letter, a digit or an opening quote
//!    follow — except after a known abbreviation or title ("Mr.", "Gen.", "Jan."), a single
//!    initial ("George W. Bush"), or a dotted acronym ("U.S.") that is not followed by a common
//!    sentence opener, or a list number at the start of a line ("1."). Decimals ("3.5") never
//!    split: no space follows the point.
//!
//! Every returned span is trimmed of white space and `&text[span]` is always valid.

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence (compared without the period,
/// case-sensitively).
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Aug", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Dec", "Dept", "Dr", "Feb",
    "Fr", "Ft", "Gen", "Gov", "Hon", "Inc", "Jan", "Jr", "Jul", "Jun", "Lt", "Ltd", "Maj", "Mar",
    "Mr", "Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Prof", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt",
    "Sr", "St", "Supt", "approx", "cf", "e.g", "etc", "i.e", "vs",
];

/// Words that, after a dotted acronym ("U.S."), show that a new sentence began.
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "During",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "When",
    "While",
    "Yet",
];

const CLOSERS: &[char] = &['"', '\'', '\u{201D}', '\u{2019}', ')', ']', '\u{00BB}'];
const OPENERS: &[char] = &['"', '\'', '\u{201C}', '\u{2018}', '(', '[', '\u{00AB}'];

/// The sentences of `text`, as trimmed byte spans in order.
///
/// ```
/// use stancekit::text::sentences;
///
/// let text = "Putin Meets Erdogan\nMr. Putin spoke. He said \"yes.\" Talks end Jan. 5 in the U.S. capital.";
/// let got: Vec<&str> = sentences(text).into_iter().map(|s| &text[s]).collect();
/// assert_eq!(got, [
///     "Putin Meets Erdogan",
///     "Mr. Putin spoke.",
///     "He said \"yes.\"",
///     "Talks end Jan. 5 in the U.S. capital.",
/// ]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for block in blocks(text) {
        split_block(text, block, &mut out);
    }
    out
}

/// Ranges of text between sentence-ending line breaks (rules 1 and 2).
fn blocks(text: &str) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = line_spans(text);
    let mut blocks = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for (i, line) in lines.iter().enumerate() {
        let content = text[line.clone()].trim();
        if content.is_empty() {
            if let Some(b) = current.take() {
                blocks.push(b);
            }
            continue;
        }
        current = Some(match current.take() {
            Some(b) => b.start..line.end,
            None => line.clone(),
        });
        let wrapped = lines.get(i + 1).is_some_and(|next| {
            let next = text[next.clone()].trim_start();
            let ends_open = content
                .chars()
                .last()
                .is_some_and(|c| c.is_lowercase() || c == ',');
            ends_open && next.chars().next().is_some_and(char::is_lowercase)
        });
        if !wrapped {
            if let Some(b) = current.take() {
                blocks.push(b);
            }
        }
    }
    if let Some(b) = current {
        blocks.push(b);
    }
    blocks
}

/// Each line's span without its line ending.
fn line_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            let end = if text[..i].ends_with('\r') { i - 1 } else { i };
            spans.push(start..end.max(start));
            start = i + 1;
        }
    }
    spans.push(start..text.len());
    spans
}

/// Splits one block at sentence-final punctuation (rule 3), pushing trimmed spans.
fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[block.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let is_ellipsis = c == '\u{2026}' || s[at..].starts_with("...");
        if !(matches!(c, '.' | '!' | '?') || is_ellipsis) {
            i += 1;
            continue;
        }
        // Extend over the rest of the punctuation run and closing quotes or brackets.
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars[j].1, '.' | '!' | '?' | '\u{2026}') || CLOSERS.contains(&chars[j].1))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(s.len(), |&(b, _)| b);
        // White space, then something that can open a sentence.
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let spaced = k > j;
        let opens = chars
            .get(k)
            .is_some_and(|&(_, n)| n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n));
        if spaced
            && opens
            && !(c == '.' && !is_ellipsis && protected(s, at, chars.get(k).map(|&(b, _)| b)))
        {
            push_trimmed(text, block.start + start, block.start + end, out);
            start = end;
        }
        i = j;
    }
    push_trimmed(text, block.start + start, block.end, out);
}

/// Whether the period at byte `dot` of `s` belongs to an abbreviation, an initial or a dotted
/// acronym rather than ending a sentence; `next` is where the following word starts.
fn protected(s: &str, dot: usize, next: Option<usize>) -> bool {
    let word_start = s[..dot]
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .map_or(0, |p| p + s[p..].chars().next().map_or(1, char::len_utf8));
    let word = &s[word_start..dot];
    if word.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    if word_start == s.len() - s.trim_start().len() && word.chars().all(|c| c.is_ascii_digit()) {
        return true; // a list number: "1. Aid corridors open."
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() {
            return true; // an initial: "George W. Bush"
        }
    }
    if word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic()) {
        // A dotted acronym ("U.S", "U.N"): a sentence ends only if a usual opener follows.
        let following = next.map_or("", |n| {
            let rest = &s[n..];
            &rest[..rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len())]
        });
        return !SENTENCE_OPENERS.contains(&following);
    }
    false
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(start + lead..end - trail);
    }
}
