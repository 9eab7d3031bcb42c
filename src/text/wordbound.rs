//! Unicode word boundaries (UAX #29) with a fast path for the characters news text is mostly
//! made of.
//!
//! `unicode-segmentation` looks every character up in the Unicode tables and walks a general
//! state machine; on news sentences that was two fifths of the analyzer's work. A text made only
//! of ASCII, the letters of Latin-1 and Latin Extended-A, and the common typographic quotes,
//! dashes and ellipsis needs a handful of word-break classes and the rules that join them
//! (WB3–WB13b); any other character sends the whole text to `unicode-segmentation`. An ASCII text
//! is cut a run at a time rather than by testing every pair of characters. Property tests hold
//! every path to the same boundaries.

use unicode_segmentation::UnicodeSegmentation;

/// Calls `f(start, segment)` for every UAX #29 word-boundary segment of `text`, in order, exactly
/// as `text.split_word_bound_indices()` yields them.
pub(crate) fn for_each_word_bound<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    if text.is_ascii() {
        ascii_segments(text, f);
    } else if text.chars().all(|c| c.is_ascii() || class(c).is_some()) {
        // Checked before any segment is handed to `f`: a text must take one path whole.
        let classes = text.char_indices();
        segments(text, classes.map(|(i, c)| (i, class_of(c))), f);
    } else {
        for (start, segment) in text.split_word_bound_indices() {
            f(start, segment);
        }
    }
}

/// [`segments`] for an ASCII text, a run at a time: a word (letters, digits and underscores,
/// joined across one mark between two letters or two digits, WB5–WB13b), a run of spaces (WB3d),
/// CR LF (WB3), or any other single character. The same segments as [`breaks`] gives (a property
/// test holds both to `unicode-segmentation`), without testing every pair of characters.
fn ascii_segments<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    use Wb::*;
    let bytes = text.as_bytes();
    let class = |i: usize| bytes.get(i).map(|&b| ASCII_CLASSES[usize::from(b)]);
    let mut start = 0;
    while let Some(first) = class(start) {
        let mut end = start + 1;
        match first {
            Letter | Numeric | ExtendNumLet => loop {
                while matches!(class(end), Some(Letter | Numeric | ExtendNumLet)) {
                    end += 1;
                }
                // One mark between two letters (WB6, WB7) or two digits (WB11, WB12).
                let joined = matches!(
                    (class(end - 1), class(end), class(end + 1)),
                    (Some(Letter), Some(MidLetter | MidNumLetQ), Some(Letter))
                        | (Some(Numeric), Some(MidNum | MidNumLetQ), Some(Numeric))
                );
                if !joined {
                    break;
                }
                end += 2;
            },
            Space => {
                while class(end) == Some(Space) {
                    end += 1;
                }
            }
            Cr if class(end) == Some(Lf) => end += 1,
            _ => {}
        }
        f(start, &text[start..end]);
        start = end;
    }
}

/// Cuts `text` where [`breaks`] says, given each of its characters' byte offset and class.
fn segments<'a>(
    text: &'a str,
    mut chars: impl Iterator<Item = (usize, Wb)>,
    mut f: impl FnMut(usize, &'a str),
) {
    let Some((_, first)) = chars.next() else {
        return;
    };
    let (mut start, mut before_before, mut before) = (0, None, first);
    let mut current = chars.next();
    while let Some((at, after)) = current {
        let next = chars.next();
        if breaks(before_before, before, after, next.map(|(_, wb)| wb)) {
            f(start, &text[start..at]);
            start = at;
        }
        (before_before, before, current) = (Some(before), after, next);
    }
    f(start, &text[start..]);
}

/// The word-break classes of UAX #29 that the fast path's characters fall into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    Cr,
    Lf,
    Newline,
    /// WSegSpace (only U+0020 here).
    Space,
    /// ALetter.
    Letter,
    Numeric,
    MidLetter,
    /// MidNumLet or Single_Quote (they behave alike outside Hebrew).
    MidNumLetQ,
    MidNum,
    ExtendNumLet,
    Other,
}

/// The class of `c`, or `None` when `c` is outside the fast path.
const fn class(c: char) -> Option<Wb> {
    use Wb::*;
    Some(match c {
        '\r' => Cr,
        '\n' => Lf,
        '\u{0B}' | '\u{0C}' => Newline,
        ' ' => Space,
        'a'..='z' | 'A'..='Z' => Letter,
        '\u{C0}'..='\u{17F}' if c != '\u{D7}' && c != '\u{F7}' => Letter,
        '0'..='9' => Numeric,
        ':' => MidLetter,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => MidNumLetQ,
        ',' | ';' => MidNum,
        '_' => ExtendNumLet,
        // The rest of ASCII (other punctuation, tab and other controls, the double quote, which
        // matters only next to Hebrew letters), and typographic quotes, dashes and ellipsis.
        c if c.is_ascii() => Other,
        '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{AB}' | '\u{BB}' => {
            Other
        }
        _ => return None,
    })
}

/// The class of `c` on the fast path (ASCII by table).
fn class_of(c: char) -> Wb {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => ASCII_CLASSES[usize::from(b)],
        _ => class(c).unwrap_or(Wb::Other),
    }
}

/// The class of every ASCII character.
const ASCII_CLASSES: [Wb; 128] = {
    let mut table = [Wb::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match class(b as u8 as char) {
            Some(wb) => wb,
            None => Wb::Other,
        };
        b += 1;
    }
    table
};

/// Whether there is a word boundary between characters of classes `before` and `after`, given
/// the classes around them, by rules WB3 to WB999 of UAX #29 restricted to the classes of [`Wb`]
/// (WB4's Extend and Format, and the Hebrew, Katakana, emoji and regional-indicator rules,
/// concern no character here).
fn breaks(before_before: Option<Wb>, before: Wb, after: Wb, after_after: Option<Wb>) -> bool {
    use Wb::*;
    match (before, after) {
        (Cr, Lf) => false,                                                          // WB3
        (Cr | Lf | Newline, _) => true,                                             // WB3a
        (_, Cr | Lf | Newline) => true,                                             // WB3b
        (Space, Space) => false,                                                    // WB3d
        (Letter, Letter) => false,                                                  // WB5
        (Letter, MidLetter | MidNumLetQ) if after_after == Some(Letter) => false,   // WB6
        (MidLetter | MidNumLetQ, Letter) if before_before == Some(Letter) => false, // WB7
        (Numeric, Numeric) | (Letter, Numeric) | (Numeric, Letter) => false,        // WB8–WB10
        (MidNum | MidNumLetQ, Numeric) if before_before == Some(Numeric) => false,  // WB11
        (Numeric, MidNum | MidNumLetQ) if after_after == Some(Numeric) => false,    // WB12
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => false,                   // WB13a
        (ExtendNumLet, Letter | Numeric) => false,                                  // WB13b
        _ => true,                                                                  // WB999
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fast(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        for_each_word_bound(text, |start, s| out.push((start, s)));
        out
    }

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    #[test]
    fn news_text_splits_as_unicode_segmentation_splits_it() {
        for text in [
            "",
            "U.S. officials said the 3.5% rise, worth $1,000,000, wasn't \"enough\" — yet.",
            "Erdoğan’s visit to São Paulo; talks at 10:30 a.m. on e-mail_addresses_here.",
            "Tabs\tand\r\nnew lines\n\n  double  spaces…",
            "Hebrew שלום falls back to the tables",
        ] {
            assert_eq!(fast(text), reference(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn the_fast_path_yields_the_same_segments_as_unicode_segmentation(
            text in "[a-zA-Z0-9 .,;:'\"_\\-!?()\t\r\n\u{0B}\u{0C}\u{C0}-\u{17F}\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{AB}\u{BB}\u{D7}\u{F7}\u{A0}\u{300}\u{5D0}]{0,40}"
        ) {
            prop_assert_eq!(fast(&text), reference(&text));
        }

        /// ASCII only (the path that scans runs), marks among letters and digits.
        #[test]
        fn the_ascii_path_yields_the_same_segments_as_unicode_segmentation(
            text in "[aZ0 .,;:'_\\-\"\t\r\n\u{0B}\u{0C}]{0,30}|[a-z0-9 .,']{0,60}"
        ) {
            prop_assert!(text.is_ascii());
            prop_assert_eq!(fast(&text), reference(&text));
        }

        /// Few letters and many marks, so that every rule's context occurs often.
        #[test]
        fn the_rules_agree_with_unicode_segmentation_around_every_mark(
            text in "[aZé0 .,;:'’_\\-\"\t\r\n\u{0B}]{0,30}"
        ) {
            prop_assert_eq!(fast(&text), reference(&text));
        }
    }
}
