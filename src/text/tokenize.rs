//! Splitting text into word tokens with byte spans.
//!
//! Words come from Unicode word boundaries (UAX #29: [`super::for_each_word_bound`]), then three
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
    let mut buf = String::new();
    tokenize_each(text, lowercase, fold_numbers, &mut buf, |piece| {
        out.push(match piece {
            PieceRef::Word { text, span } => Piece::Word {
                text: text.to_string(),
                span,
            },
            PieceRef::Boundary { span } => Piece::Boundary { span },
        })
    });
    out
}

/// A [`Piece`] whose word text is borrowed from a reused buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PieceRef<'a> {
    Word { text: &'a str, span: Range<usize> },
    Boundary { span: Range<usize> },
}

/// [`tokenize`] without allocating per word: `f` receives each piece, the word text normalized
/// into `buf`.
pub(crate) fn tokenize_each(
    text: &str,
    lowercase: bool,
    fold_numbers: bool,
    buf: &mut String,
    mut f: impl FnMut(PieceRef<'_>),
) {
    for (span, kind) in joined_segments(text) {
        match kind {
            Segment::Space => {}
            Segment::Punct => {
                let s = &text[span.clone()];
                if !s.chars().all(|c| QUOTES.contains(&c)) {
                    f(PieceRef::Boundary { span });
                }
            }
            Segment::Word => each_word(text, span, lowercase, fold_numbers, buf, &mut f),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Word,
    Punct,
    Space,
}

/// Word-boundary segments with hyphenated compounds joined into one word.
fn joined_segments(text: &str) -> Vec<(Range<usize>, Segment)> {
    // News text has about one segment (word, space or mark) per three bytes.
    let mut segs: Vec<(Range<usize>, Segment)> = Vec::with_capacity(text.len() / 3 + 1);
    super::for_each_word_bound(text, |start, s| {
        let kind = if s.is_ascii() {
            let bytes = s.as_bytes();
            if bytes.iter().any(u8::is_ascii_alphanumeric) {
                Segment::Word
            } else if bytes.iter().all(|&b| is_ascii_space(b)) {
                Segment::Space
            } else {
                Segment::Punct
            }
        } else if s.chars().any(char::is_alphanumeric) {
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
    });
    segs
}

/// Whether `b` is whitespace as [`char::is_whitespace`] has it (`u8::is_ascii_whitespace` leaves
/// out the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0B
}

fn each_word(
    text: &str,
    span: Range<usize>,
    lowercase: bool,
    fold: bool,
    buf: &mut String,
    f: &mut impl FnMut(PieceRef<'_>),
) {
    let raw = &text[span.clone()];
    let mut fixed = |word: &str, span: Range<usize>| f(PieceRef::Word { text: word, span });
    // Clitic after the last apostrophe?
    if let Some((apos, apos_len)) = last_apostrophe(raw) {
        let head = &raw[..apos];
        let tail = &raw[apos + apos_len..];
        let at = span.start;
        if tail.eq_ignore_ascii_case("t") && head.len() > 1 && head.ends_with(['n', 'N']) {
            // n't: "don't" → do + not, "can't" → can + not, "won't" → will + not.
            let n_at = apos - 1;
            let stem = &head[..n_at];
            let irregular = ["ca", "wo", "sha", "ai"]
                .iter()
                .position(|s| stem.eq_ignore_ascii_case(s))
                .map(|i| ["can", "will", "shall", "is"][i]);
            match irregular {
                Some(word) => fixed(word, at..at + n_at),
                None => {
                    normalize_into(stem, lowercase, fold, buf);
                    f(PieceRef::Word {
                        text: buf,
                        span: at..at + n_at,
                    });
                }
            }
            f(PieceRef::Word {
                text: "not",
                span: at + n_at..span.end,
            });
            return;
        }
        let clitic = ["s", "re", "ll", "ve", "m", "d"]
            .iter()
            .position(|c| tail.eq_ignore_ascii_case(c))
            .map(|i| {
                [
                    None,
                    Some("are"),
                    Some("will"),
                    Some("have"),
                    Some("am"),
                    Some("would"),
                ][i]
            });
        if let (Some(clitic), false) = (clitic, head.is_empty()) {
            normalize_into(head, lowercase, fold, buf);
            f(PieceRef::Word {
                text: buf,
                span: at..at + apos,
            });
            if let Some(c) = clitic {
                f(PieceRef::Word {
                    text: c,
                    span: at + apos..span.end,
                });
            }
            return;
        }
    }
    if raw.eq_ignore_ascii_case("cannot") {
        f(PieceRef::Word {
            text: "can",
            span: span.start..span.start + 3,
        });
        f(PieceRef::Word {
            text: "not",
            span: span.start + 3..span.end,
        });
        return;
    }
    normalize_into(raw, lowercase, fold, buf);
    f(PieceRef::Word { text: buf, span });
}

/// Byte offset and length of the last apostrophe (' or ’) in `s`.
fn last_apostrophe(s: &str) -> Option<(usize, usize)> {
    s.char_indices()
        .rev()
        .find(|&(_, c)| c == '\'' || c == '\u{2019}')
        .map(|(i, c)| (i, c.len_utf8()))
}

/// Writes the normalized form of `s` into `buf`: `<num>` for a number, else lowercased (when
/// asked) with curly apostrophes straightened.
fn normalize_into(s: &str, lowercase: bool, fold_numbers: bool, buf: &mut String) {
    buf.clear();
    if fold_numbers
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_numeric() || matches!(c, '.' | ',' | '\''))
    {
        buf.push_str(NUMBER_TOKEN);
        return;
    }
    if s.is_ascii() {
        buf.push_str(s);
        if lowercase {
            buf.make_ascii_lowercase();
        }
    } else {
        // Whole-string lowercasing keeps context rules (Greek final sigma).
        let lower;
        let s = if lowercase {
            lower = s.to_lowercase();
            lower.as_str()
        } else {
            s
        };
        buf.extend(s.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }));
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
    fn ascii_spaces_are_the_whitespace_characters_of_ascii() {
        for b in 0..=127u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b:#x}");
        }
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
    fn only_word_hyphen_word_joins() {
        let pieces = |text: &str| -> Vec<String> {
            tokenize(text, true, true)
                .into_iter()
                .map(|p| match p {
                    Piece::Word { text, .. } => text,
                    Piece::Boundary { .. } => "|".to_string(),
                })
                .collect()
        };
        assert_eq!(
            pieces("a--b x- y -c d- well\u{2010}known"),
            [
                "a",
                "|",
                "|",
                "b",
                "x",
                "|",
                "y",
                "|",
                "c",
                "d",
                "|",
                "well\u{2010}known"
            ]
        );
        assert_eq!(pieces("up-to-date-"), ["up-to-date", "|"]);
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
