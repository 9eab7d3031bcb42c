//! Marking text for a target-aware model: which words name the target, which name other actors.
//!
//! A target-aware model (see [`crate::text::AnalyzerConfig::target_window`]) sees the target's
//! words as one placeholder and every other actor's as another. For a labelled row, the target
//! and source come from its columns: exact words of the text (or the target's character offsets),
//! or else an actor id of the dictionary (`RUS`, `NATO`, `putin`) found by the [`Matcher`]. Every
//! other actor the dictionary finds in the row is marked too, as article scoring marks every
//! actor of a sentence but the one it scores toward ([`crate::report::Scorer`]).

use std::ops::Range;

use super::{Lexicon, Matcher, Mention};
use crate::data::Row;
use crate::text::mark_mentions;

/// Marks rows and sentences for a target-aware model.
#[derive(Debug)]
pub struct TargetMarker<'a> {
    lexicon: &'a Lexicon,
    matcher: Matcher,
}

impl<'a> TargetMarker<'a> {
    /// A marker over an actor dictionary.
    pub fn new(lexicon: &'a Lexicon) -> Self {
        TargetMarker {
            lexicon,
            matcher: Matcher::new(lexicon),
        }
    }

    /// The row's text as a target-aware model sees it: target and source as described in the
    /// module documentation, other dictionary actors as others. A row whose target is found
    /// nowhere is returned with only its other actors marked.
    pub fn row_text(&self, row: &Row) -> String {
        let (mut target, mut source) = row.mentions();
        let found = self.matcher.find(&row.text);
        let named = |id: Option<&str>| -> Vec<Range<usize>> {
            id.map_or_else(Vec::new, |id| {
                found
                    .iter()
                    .filter(|m| self.is(m, id.trim()))
                    .map(|m| m.span.clone())
                    .collect()
            })
        };
        if target.is_empty() {
            target = named(row.target.as_deref());
        }
        if source.is_empty() {
            source = named(row.source.as_deref());
        }
        source.extend(found.iter().map(|m| m.span.clone()));
        mark_mentions(&row.text, &target, &source)
    }

    /// Whether a mention names `id` or a person of the country `id`.
    fn is(&self, m: &Mention, id: &str) -> bool {
        m.actor == id || self.lexicon.country_of(&m.actor) == id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str, source: Option<&str>, target: Option<&str>) -> Row {
        Row {
            line: 2,
            id: "1".into(),
            text: text.into(),
            label: None,
            target: target.map(Into::into),
            target_span: None,
            source: source.map(Into::into),
        }
    }

    #[test]
    fn actor_ids_find_their_mentions_and_other_actors_are_marked() {
        let lexicon = Lexicon::builtin();
        let marker = TargetMarker::new(&lexicon);
        let r = row(
            "Putin thanked Ankara as NATO watched.",
            Some("RUS"),
            Some("TUR"),
        );
        assert_eq!(
            marker.row_text(&r),
            "__actor__ thanked __target__ as __actor__ watched."
        );
        // Words of the text win over ids; an unknown target leaves only the others marked.
        let r = row("The senator praised Mr Smith.", None, Some("Mr Smith"));
        assert_eq!(marker.row_text(&r), "The senator praised __target__.");
        let r = row("Putin spoke.", None, Some("nobody"));
        assert_eq!(marker.row_text(&r), "__actor__ spoke.");
    }
}
