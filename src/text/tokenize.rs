//! Splitting text into word tokens with byte spans.
//!
//! Words come from Unicode word boundaries (UAX #29, via `unicode-segmentation`), then three
//! repairs make them fit news text:
//! - hyphenated compounds are joined back into one word ("eye-to-eye", "ex-Soviet");
//! - contractions are split so negation is visible ("don't" → "do" + "not", "can't" → "can" +
//!   "not", "cannot" → "can" + "not"), and clitics become words ("they're" → "they" + "are"); a
//!   possessive "'s" is dropped;
//! - straight (') and curly (’) apostrophes are treated alike.
//!
//! Punctuation is not a feature, but every punctuation mark other than quotes is kept as a
//! [`Piece::Boundary`] so that negation scope can stop at clause boundaries.
//!
//! Every piece carries the byte span of the input it came from, and `&text[span]` is always valid.
//! A piece's normalized text may differ from that slice ("can't" gives "can" over `ca`).

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A unit of tokenized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A word, lowercased and normalized, with its span in the input.
    Word {
        /// Normalized text (lowercase, apostrophes straightened, numbers folded to `<num>`).
        text: String,
        /// Byte span in the input.
        span: Range<usize>,
    },
    /// Punctuation that closes a clause (anything but quotes and apostrophes).
    Boundary {
        /// Byte span in the input.
        span: Range<usize>,
    },
}

/// The token that stands for every number ("2024", "3.5", "1,000").
pub const NUMBER_TOKEN: &str = "<num>";

const HYPHENS: [&str; 3] = ["-", "\u{2010}", "\u{2011}"];
const QUOTES: [char; 10] = [
    '\'', '"', '`', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201C}', '\u{201D}', '\u{00AB}',
    '\u{00BB}',
];

/// Splits `text` into words and clause boundaries, in input order.
///
/// `lowercase` and `fold_numbers` control normalization of the word text; spans are unaffected.
pub fn tokenize(text: &str, lowercase: bool, fold_numbers: bool) -> Vec<Piece> {
    let mut out = Vec::new();
    for (span, kind) in joined_segments(text) {
        match kind {
            Segment::Space => {}
            Segment::Punct => {
                let s = &text[span.clone()];
                if !s.chars().all(|c| QUOTES.contains(&c)) {
                    out.push(Piece::Boundary { span });
                }
            }
            Segment::Word => push_word(text, span, lowercase, fold_numbers, &mut out),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Word,
    Punct,
    Space,
}

/// Word-boundary segments with hyphenated compounds joined into one word.
fn joined_segments(text: &str) -> Vec<(Range<usize>, Segment)> {
    let mut segs: Vec<(Range<usize>, Segment)> = Vec::new();
    for (start, s) in text.split_word_bound_indices() {
        let kind = if s.chars().any(char::is_alphanumeric) {
            Segment::Word
        } else if s.chars().all(char::is_whitespace) {
            Segment::Space
        } else {
            Segment::Punct
        };
        let span = start..start + s.len();
        // Join `word - word` (no spaces) into one word.
        let n = segs.len();
        if kind == Segment::Word
            && n >= 2
            && segs[n - 1].1 == Segment::Punct
            && HYPHENS.contains(&&text[segs[n - 1].0.clone()])
            && segs[n - 2].1 == Segment::Word
        {
            let first = segs[n - 2].0.start;
            segs.truncate(n - 2);
            segs.push((first..span.end, Segment::Word));
        } else {
            segs.push((span, kind));
        }
    }
    segs
}

fn push_word(text: &str, span: Range<usize>, lowercase: bool, fold: bool, out: &mut Vec<Piece>) {
    let raw = &text[span.clone()];
    let word = |r: Range<usize>, s: &str| Piece::Word {
        text: normalize(s, lowercase, fold),
        span: r,
    };
    // Clitic after the last apostrophe?
    if let Some((apos, apos_len)) = last_apostrophe(raw) {
        let head = &raw[..apos];
        let tail = raw[apos + apos_len..].to_lowercase();
        let at = span.start;
        let head_lower = head.to_lowercase();
        if tail == "t" && head_lower.ends_with('n') && head.len() > 1 {
            // n't: "don't" → do + not, "can't" → can + not, "won't" → will + not.
            let n_at = apos - 1;
            let stem = &head[..n_at];
            let stem_norm = match stem.to_lowercase().as_str() {
                "ca" => "can".to_string(),
                "wo" => "will".to_string(),
                "sha" => "shall".to_string(),
                "ai" => "is".to_string(),
                _ => normalize(stem, lowercase, fold),
            };
            out.push(Piece::Word {
                text: stem_norm,
                span: at..at + n_at,
            });
            out.push(Piece::Word {
                text: "not".to_string(),
                span: at + n_at..span.end,
            });
            return;
        }
        let clitic = match tail.as_str() {
            "s" => Some(None),
            "re" => Some(Some("are")),
            "ll" => Some(Some("will")),
            "ve" => Some(Some("have")),
            "m" => Some(Some("am")),
            "d" => Some(Some("would")),
            _ => None,
        };
        if let (Some(clitic), false) = (clitic, head.is_empty()) {
            out.push(word(at..at + apos, head));
            if let Some(c) = clitic {
                out.push(Piece::Word {
                    text: c.to_string(),
                    span: at + apos..span.end,
                });
            }
            return;
        }
    }
    if raw.eq_ignore_ascii_case("cannot") {
        out.push(Piece::Word {
            text: "can".to_string(),
            span: span.start..span.start + 3,
        });
        out.push(Piece::Word {
            text: "not".to_string(),
            span: span.start + 3..span.end,
        });
        return;
    }
    out.push(word(span, raw));
}

/// Byte offset and length of the last apostrophe (' or ’) in `s`.
fn last_apostrophe(s: &str) -> Option<(usize, usize)> {
    s.char_indices()
        .rev()
        .find(|&(_, c)| c == '\'' || c == '\u{2019}')
        .map(|(i, c)| (i, c.len_utf8()))
}

fn normalize(s: &str, lowercase: bool, fold_numbers: bool) -> String {
    if fold_numbers
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_numeric() || matches!(c, '.' | ',' | '\''))
    {
        return NUMBER_TOKEN.to_string();
    }
    let s = if lowercase {
        s.to_lowercase()
    } else {
        s.to_string()
    };
    if s.contains('\u{2019}') {
        s.replace('\u{2019}', "'")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, true, true)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Word { text, .. } => Some(text),
                Piece::Boundary { .. } => None,
            })
            .collect()
    }

    #[test]
    fn hyphenated_compounds_stay_whole() {
        assert_eq!(
            words("not always seen eye-to-eye with ex-Soviet states"),
            [
                "not",
                "always",
                "seen",
                "eye-to-eye",
                "with",
                "ex-soviet",
                "states"
            ]
        );
    }

    #[test]
    fn contractions_expose_negation_with_both_apostrophes() {
        assert_eq!(words("They don't agree"), ["they", "do", "not", "agree"]);
        assert_eq!(words("Ankara can’t wait"), ["ankara", "can", "not", "wait"]);
        assert_eq!(
            words("it won't, it cannot"),
            ["it", "will", "not", "it", "can", "not"]
        );
        assert_eq!(
            words("Russia's gas, they're here"),
            ["russia", "gas", "they", "are", "here"]
        );
    }

    #[test]
    fn numbers_fold_to_one_class() {
        assert_eq!(
            words("2024 saw 3.5 and 1,000"),
            ["<num>", "saw", "<num>", "and", "<num>"]
        );
    }

    #[test]
    fn quotes_are_not_boundaries_but_commas_are() {
        let pieces = tokenize("called him 'dear friend', then left", true, true);
        let boundaries = pieces
            .iter()
            .filter(|p| matches!(p, Piece::Boundary { .. }))
            .count();
        assert_eq!(boundaries, 1);
    }

    #[test]
    fn spans_slice_back_into_the_text() {
        let text = "Erdogan’s “dear friend” can't—won't—agree.";
        for p in tokenize(text, true, true) {
            let span = match p {
                Piece::Word { span, .. } | Piece::Boundary { span } => span,
            };
            assert!(text.get(span).is_some());
        }
    }
}
