//! Text analysis: from a sentence to the terms (word n-grams) the model sees.
//!
//! The pipeline is tokenize → normalize → negation scope → stopwords → stem → n-grams. Every
//! step is configured by [`AnalyzerConfig`], plain data that is saved inside each model so that
//! prediction analyzes exactly as training did.
//!
//! ```
//! use stancekit::text::AnalyzerConfig;
//!
//! let analyzer = AnalyzerConfig::default().build().unwrap();
//! let tokens = analyzer.tokens("They have not always seen eye-to-eye.");
//! let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
//! assert_eq!(terms, ["they", "have", "not", "not_alway", "not_seen", "not_eye-to-ey"]);
//! // Every token points back into the input.
//! assert_eq!(&"They have not always seen eye-to-eye."[tokens[3].span.clone()], "always");
//! ```

mod boilerplate;
mod clauses;
mod sentences;
mod stopwords;
mod tokenize;
mod wordbound;
mod words;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use boilerplate::{boilerplate, Boilerplate};
pub use clauses::{clauses, Clause, ClauseRole, CONCESSIVE, CONTRASTIVE};
pub use sentences::sentences;
pub use stopwords::is_english_stopword;
pub use tokenize::{tokenize, Piece, NUMBER_TOKEN};
use tokenize::{tokenize_each, PieceRef};
pub(crate) use wordbound::for_each_word_bound;
use words::{with_word, WordInfo};
pub use words::{IdSpace, STEM_CACHE_WORDS};

/// Words that open a negation scope. They are never removed as stopwords.
pub const NEGATORS: &[&str] = &[
    "barely", "cannot", "hardly", "neither", "never", "no", "nobody", "none", "nor", "not",
    "nothing", "nowhere", "scarcely", "without",
];

/// Words that close a negation scope, as punctuation does ("not X, but Y").
pub const SCOPE_ENDERS: &[&str] = &[
    "although",
    "but",
    "despite",
    "except",
    "however",
    "instead",
    "nevertheless",
    "nonetheless",
    "though",
    "whereas",
    "yet",
];

/// Whether `word` (lowercase) is one of [`NEGATORS`] (a `match`, not a scan: it runs per token).
pub fn is_negator(word: &str) -> bool {
    matches!(
        word,
        "barely"
            | "cannot"
            | "hardly"
            | "neither"
            | "never"
            | "no"
            | "nobody"
            | "none"
            | "nor"
            | "not"
            | "nothing"
            | "nowhere"
            | "scarcely"
            | "without"
    )
}

/// Whether `word` (lowercase) is one of [`SCOPE_ENDERS`].
pub fn is_scope_ender(word: &str) -> bool {
    matches!(
        word,
        "although"
            | "but"
            | "despite"
            | "except"
            | "however"
            | "instead"
            | "nevertheless"
            | "nonetheless"
            | "though"
            | "whereas"
            | "yet"
    )
}

/// Prefix given to every word inside a negation scope.
pub const NEGATION_PREFIX: &str = "not_";

/// Stopword lists the analyzer can remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stopwords {
    /// The Snowball English list, without its negators.
    English,
}

/// How text becomes terms. Plain data, saved in every model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyzerConfig {
    /// Lowercase words. Default `true`.
    pub lowercase: bool,
    /// Fold every number to the single token [`NUMBER_TOKEN`]. Default `true`.
    pub fold_numbers: bool,
    /// Mark words after a negator with [`NEGATION_PREFIX`] until the next clause boundary
    /// (punctuation other than quotes, or a word in [`SCOPE_ENDERS`]). Default `true`.
    pub negation: bool,
    /// Stopwords to remove (negators are always kept). Default `None`.
    pub stopwords: Option<Stopwords>,
    /// Stem with the English Snowball stemmer (rust-stemmers). Default `true`.
    pub stem: bool,
    /// Smallest n-gram length. Default 1.
    pub ngram_min: usize,
    /// Largest n-gram length. Default 2.
    pub ngram_max: usize,
    /// Target-aware features: `Some(w)` when texts come marked with [`mark_mentions`]; then
    /// every n-gram lying wholly within `w` words left (right) of a target placeholder also
    /// counts as a copy prefixed [`LEFT_PREFIX`] ([`RIGHT_PREFIX`]). Default `None`; absent
    /// from the saved model when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_window: Option<usize>,
    /// With `target_window`: every n-gram lying wholly within a clause that holds a target
    /// placeholder also counts as a copy prefixed [`CLAUSE_PREFIX`]. A clause here runs between
    /// punctuation marks other than quotes, so in `"…," Miller said` the target's clause is
    /// "Miller said". Default `false` (`stance train --target-window` turns it on); absent from
    /// the saved model when `false`, as in every model saved before it existed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub target_clause: bool,
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig {
            lowercase: true,
            fold_numbers: true,
            negation: true,
            stopwords: None,
            stem: true,
            ngram_min: 1,
            ngram_max: 2,
            target_window: None,
            target_clause: false,
        }
    }
}

/// The word a target mention becomes in a marked text (see [`mark_mentions`]).
pub const TARGET_WORD: &str = "__target__";
/// The word every other actor mention becomes in a marked text.
pub const OTHER_WORD: &str = "__actor__";
/// Prefix of the copies of n-grams left of a target.
pub const LEFT_PREFIX: &str = "L:";
/// Prefix of the copies of n-grams right of a target.
pub const RIGHT_PREFIX: &str = "R:";
/// Prefix of the copies of n-grams within a target's clause.
pub const CLAUSE_PREFIX: &str = "C:";

/// `words` joined by single spaces into `out` (cleared first): a term's text.
pub(crate) fn join_words<'a>(out: &mut String, words: impl IntoIterator<Item = &'a str>) {
    out.clear();
    for (n, word) in words.into_iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Which marked copy of an n-gram a target-aware analyzer emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Left,
    Right,
    Clause,
}

impl Mark {
    fn prefix(self) -> &'static str {
        match self {
            Mark::Left => LEFT_PREFIX,
            Mark::Right => RIGHT_PREFIX,
            Mark::Clause => CLAUSE_PREFIX,
        }
    }
}

/// The widest target window accepted.
pub const MAX_TARGET_WINDOW: usize = 64;

/// Rewrites `text` for a target-aware model: each `target` span becomes [`TARGET_WORD`] and each
/// `others` span [`OTHER_WORD`], so the model learns "⟨T⟩ praised" apart from "praised ⟨T⟩"
/// and never learns names. Spans are byte ranges; a span that is out of bounds, not on
/// character boundaries, empty, or overlapping an earlier kept span (targets first, then
/// others, each in order of start) is skipped.
///
/// ```
/// use stancekit::text::mark_mentions;
///
/// let text = "Ankara delivered drones to Kyiv.";
/// assert_eq!(mark_mentions(text, &[27..31], &[0..6]), "__actor__ delivered drones to __target__.");
/// ```
pub fn mark_mentions(text: &str, target: &[Range<usize>], others: &[Range<usize>]) -> String {
    let ok = |r: &Range<usize>| {
        r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    let mut kept: Vec<(Range<usize>, &str)> = Vec::new();
    for (spans, word) in [(target, TARGET_WORD), (others, OTHER_WORD)] {
        let mut sorted: Vec<&Range<usize>> = spans.iter().filter(|r| ok(r)).collect();
        sorted.sort_by_key(|r| (r.start, r.end));
        for r in sorted {
            if kept
                .iter()
                .all(|(k, _)| r.end <= k.start || k.end <= r.start)
            {
                kept.push((r.clone(), word));
            }
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + 8 * kept.len());
    let mut at = 0;
    for (r, word) in kept {
        out.push_str(&text[at..r.start]);
        out.push_str(word);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The largest n-gram length accepted.
pub const MAX_NGRAM: usize = 6;

impl AnalyzerConfig {
    /// Checks the configuration and builds the analyzer.
    ///
    /// # Errors
    /// [`Error::Config`] when the n-gram range is empty, starts at 0 or exceeds [`MAX_NGRAM`],
    /// the target window exceeds [`MAX_TARGET_WINDOW`], or `target_clause` is set without a
    /// target window.
    pub fn build(&self) -> Result<Analyzer> {
        let (lo, hi) = (self.ngram_min, self.ngram_max);
        if lo == 0 || lo > hi || hi > MAX_NGRAM {
            return Err(Error::config(
                "--ngrams",
                format!("{lo}-{hi}"),
                format!("want MIN-MAX with 1 <= MIN <= MAX <= {MAX_NGRAM}"),
            ));
        }
        if let Some(w) = self.target_window.filter(|&w| w > MAX_TARGET_WINDOW) {
            return Err(Error::config(
                "--target-window",
                w.to_string(),
                format!("want a window of 0 to {MAX_TARGET_WINDOW} words"),
            ));
        }
        if self.target_clause && self.target_window.is_none() {
            return Err(Error::config(
                "--target-clause",
                "true",
                "clause copies need a target-aware model: give --target-window too",
            ));
        }
        Ok(Analyzer {
            config: self.clone(),
        })
    }
}

/// One analyzed word: its final term and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The term as the model sees it (normalized, stemmed, `not_`-prefixed when negated).
    pub term: String,
    /// Byte span in the analyzed text; `&text[span]` is always valid.
    pub span: Range<usize>,
    /// Whether the word lies inside a negation scope.
    pub negated: bool,
}

/// A word as [`Analyzer::walk`] hands it on.
struct Walked<'a> {
    /// The normalized word.
    word: &'a str,
    /// What is known of it (`None` for a placeholder, which is its own term).
    info: Option<&'a mut WordInfo>,
    /// Whether it lies inside a negation scope.
    negated: bool,
    /// Whether the analyzer stems.
    stem: bool,
}

impl Walked<'_> {
    /// The word's term (normalized, stemmed, `not_`-prefixed when negated), built in `buf`.
    fn term<'b>(&self, buf: &'b mut String) -> &'b str {
        buf.clear();
        match &self.info {
            None => buf.push_str(self.word),
            Some(info) => {
                if self.negated {
                    buf.push_str(NEGATION_PREFIX);
                }
                buf.push_str(if self.stem { &info.stem } else { self.word });
            }
        }
        buf
    }

    /// The id of the word's term in `space`: remembered with the word, or found by `lookup`
    /// (given the term, built in `buf`) and remembered.
    fn id(&mut self, space: IdSpace, buf: &mut String, lookup: impl FnOnce(&str) -> u32) -> u32 {
        let (stem, negated) = (self.stem, self.negated);
        if let Some(id) = self
            .info
            .as_deref()
            .and_then(|info| info.remembered(space, stem, negated))
        {
            return id;
        }
        let id = lookup(self.term(buf));
        if let Some(info) = self.info.as_deref_mut() {
            info.remember(space, stem, negated, id);
        }
        id
    }
}

/// A checked analyzer, built from an [`AnalyzerConfig`].
pub struct Analyzer {
    config: AnalyzerConfig,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("config", &self.config)
            .finish()
    }
}

impl Analyzer {
    /// The configuration this analyzer was built from.
    pub fn config(&self) -> &AnalyzerConfig {
        &self.config
    }

    /// The words of `text` as terms, in order, with spans (no n-grams).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut term = String::new();
        self.walk(text, |word, span, _| {
            out.push(Token {
                term: word.term(&mut term).to_string(),
                span,
                negated: word.negated,
            })
        });
        out
    }

    /// Calls `f(word, span, clause)` for every word of `text` that survives the stopword filter.
    /// `clause` counts the punctuation boundaries (other than quotes) before the word. `f` runs
    /// while the thread's word memory is borrowed: it must not analyze text itself.
    fn walk(&self, text: &str, mut f: impl FnMut(Walked<'_>, Range<usize>, usize)) {
        let c = &self.config;
        let mut clause = 0usize;
        let mut negating = false;
        let mut buf = String::new();
        let english_stopwords = c.stopwords == Some(Stopwords::English);
        tokenize_each(text, c.lowercase, c.fold_numbers, &mut buf, |piece| {
            let (word, span) = match piece {
                PieceRef::Boundary { .. } => {
                    negating = false;
                    clause += 1;
                    return;
                }
                PieceRef::Word { text, span } => (text, span),
            };
            // Placeholders are written lowercase by `mark_mentions`; the first byte spares
            // every other word the comparisons.
            if word.starts_with('_') && (word == TARGET_WORD || word == OTHER_WORD) {
                let placeholder = Walked {
                    word,
                    info: None,
                    negated: false,
                    stem: c.stem,
                };
                return f(placeholder, span, clause);
            }
            with_word(word, |info| {
                if info.scope_ender {
                    negating = false;
                }
                let negated = c.negation && negating && !info.negator;
                if c.negation && info.negator {
                    negating = true;
                }
                if !info.negator && english_stopwords && info.stopword {
                    return;
                }
                let word = Walked {
                    word,
                    info: Some(info),
                    negated,
                    stem: c.stem,
                };
                f(word, span, clause)
            });
        });
    }

    /// Every term of `text`: word n-grams from `ngram_min` to `ngram_max`, words joined by one
    /// space, appended to `out` in order of position then length.
    pub fn terms_into(&self, text: &str, out: &mut Vec<String>) {
        self.for_each_term(text, |term| out.push(term.to_string()));
    }

    /// Calls `f` with every term of `text`, in the order of [`Analyzer::terms_into`]: the terms
    /// of [`Analyzer::for_each_ngram`], each built as a string in one reused buffer.
    pub fn for_each_term(&self, text: &str, mut f: impl FnMut(&str)) {
        // Word ids are positions here (no id space: they differ from text to text); a marked
        // copy's first word (`L:ties`) is a word of its own.
        let words = std::cell::RefCell::new(Vec::<String>::new());
        let mut term = String::new();
        self.for_each_ngram(
            text,
            None,
            |word| {
                let mut words = words.borrow_mut();
                words.push(word.to_string());
                (words.len() - 1) as u32
            },
            |ids| {
                let words = words.borrow();
                join_words(&mut term, ids.iter().map(|&id| words[id as usize].as_str()));
                f(&term);
            },
        );
    }

    /// The terms of [`Analyzer::for_each_term`] as runs of word ids: `word` maps each word to an
    /// id, and `f` receives each term's ids, in the same order. A term is its words joined by
    /// single spaces; a target-aware analyzer's marked copies have the prefix joined to the first
    /// word (`L:ties eased` is the words `L:ties` and `eased`).
    ///
    /// With `space`, `word` numbers words in that [`IdSpace`]: it gives a word the same id every
    /// time, so each distinct word of the text is looked up once per thread, and later
    /// occurrences reuse the id. `word` must not analyze text itself.
    pub fn for_each_ngram(
        &self,
        text: &str,
        space: Option<IdSpace>,
        mut word: impl FnMut(&str) -> u32,
        mut f: impl FnMut(&[u32]),
    ) {
        if let Some(window) = self.config.target_window {
            return self.for_each_ngram_targeted(text, window, word, f);
        }
        let (lo, hi) = (self.config.ngram_min, self.config.ngram_max);
        let mut ids: Vec<u32> = Vec::with_capacity(64);
        let mut term = String::new();
        self.walk(text, |mut w, _, _| {
            let id = match space {
                Some(space) => w.id(space, &mut term, &mut word),
                None => word(w.term(&mut term)),
            };
            ids.push(id)
        });
        for start in 0..ids.len() {
            for n in lo..=hi.min(ids.len() - start) {
                f(&ids[start..start + n]);
            }
        }
    }

    /// [`Analyzer::for_each_ngram`] for a target-aware analyzer: each n-gram, then its
    /// side-marked copy when all its words lie within `window` words of the nearest
    /// [`TARGET_WORD`] on one side (the nearer target decides; a tie goes left; placeholders
    /// themselves get no side copy), then, with `target_clause`, its [`CLAUSE_PREFIX`] copy when
    /// it lies wholly within a clause holding a target. A copy's prefix is joined to its first
    /// word (`L:word` is one word, looked up once per position).
    fn for_each_ngram_targeted(
        &self,
        text: &str,
        window: usize,
        mut word: impl FnMut(&str) -> u32,
        mut f: impl FnMut(&[u32]),
    ) {
        let (words, clauses) = self.words_and_clauses(text);
        let plain: Vec<u32> = words.iter().map(|w| word(w)).collect();
        let mut marked: Vec<[Option<u32>; 3]> = vec![[None; 3]; words.len()];
        let (mut ids, mut buf) = (Vec::new(), String::new());
        self.targeted_grams(&words, &clauses, window, |mark, gram| {
            ids.clear();
            ids.extend(gram.iter().map(|&w| plain[w]));
            if let Some(mark) = mark {
                let first = gram[0];
                ids[0] = *marked[first][mark as usize].get_or_insert_with(|| {
                    buf.clear();
                    buf.push_str(mark.prefix());
                    buf.push_str(&words[first]);
                    word(&buf)
                });
            }
            f(&ids);
        });
    }

    /// The words of `text` as terms, and the clause (see [`Analyzer::walk`]) of each.
    fn words_and_clauses(&self, text: &str) -> (Vec<String>, Vec<usize>) {
        let (mut words, mut clauses) = (Vec::new(), Vec::new());
        let mut term = String::new();
        self.walk(text, |word, _, clause| {
            words.push(word.term(&mut term).to_string());
            clauses.push(clause);
        });
        (words, clauses)
    }

    /// The terms of a target-aware analyzer over `words`, in order, as `f(mark, gram)`: `gram`
    /// the positions of the n-gram's words, `mark` which marked copy it is, if one.
    fn targeted_grams(
        &self,
        words: &[String],
        clauses: &[usize],
        window: usize,
        mut f: impl FnMut(Option<Mark>, &[usize]),
    ) {
        let (lo, hi) = (self.config.ngram_min, self.config.ngram_max);
        let targets: Vec<usize> = (0..words.len())
            .filter(|&i| words[i] == TARGET_WORD)
            .collect();
        // The side of each word: Some(true) left of a target, Some(false) right of one.
        let side: Vec<Option<bool>> = (0..words.len())
            .map(|i| {
                let next = targets.iter().find(|&&t| t > i).map(|&t| t - i);
                let prev = targets.iter().rev().find(|&&t| t < i).map(|&t| i - t);
                match (next, prev) {
                    _ if words[i] == TARGET_WORD => None,
                    (Some(l), Some(r)) if l <= r => (l <= window).then_some(true),
                    (_, Some(r)) => (r <= window).then_some(false),
                    (Some(l), None) => (l <= window).then_some(true),
                    (None, None) => None,
                }
            })
            .collect();
        let mut gram: Vec<usize> = Vec::with_capacity(hi);
        for start in 0..words.len() {
            gram.clear();
            for n in 0..hi.min(words.len() - start) {
                gram.push(start + n);
                if n + 1 < lo {
                    continue;
                }
                f(None, &gram);
                let s = side[start];
                if s.is_some() && side[start..=start + n].iter().all(|&x| x == s) {
                    f(
                        Some(if s == Some(true) {
                            Mark::Left
                        } else {
                            Mark::Right
                        }),
                        &gram,
                    );
                }
                let clause = clauses[start];
                if self.config.target_clause
                    && clauses[start + n] == clause
                    && targets.iter().any(|&t| clauses[t] == clause)
                {
                    f(Some(Mark::Clause), &gram);
                }
            }
        }
    }

    /// Every term of `text`, as [`Analyzer::terms_into`].
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.terms_into(text, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(config: &AnalyzerConfig, text: &str) -> Vec<String> {
        config.build().unwrap().terms(text)
    }

    #[test]
    fn negation_changes_the_terms_of_the_seed_contrast() {
        let c = AnalyzerConfig::default();
        let negated = terms(&c, "The two leaders have not always seen eye-to-eye");
        let plain = terms(&c, "The two leaders have always seen eye-to-eye");
        assert!(negated.contains(&"not_seen".to_string()));
        assert!(plain.contains(&"seen".to_string()));
        assert!(!negated.contains(&"seen".to_string()));
    }

    #[test]
    fn negation_scope_ends_at_punctuation_and_but() {
        let c = AnalyzerConfig {
            ngram_max: 1,
            stem: false,
            ..AnalyzerConfig::default()
        };
        assert_eq!(
            terms(&c, "no deal, talks go on"),
            ["no", "not_deal", "talks", "go", "on"]
        );
        assert_eq!(
            terms(&c, "never friends but partners"),
            ["never", "not_friends", "but", "partners"]
        );
    }

    #[test]
    fn stopwords_are_removed_but_negators_kept() {
        let c = AnalyzerConfig {
            stopwords: Some(Stopwords::English),
            ngram_max: 1,
            stem: false,
            negation: false,
            ..AnalyzerConfig::default()
        };
        assert_eq!(
            terms(&c, "They did not sign the deal"),
            ["not", "sign", "deal"]
        );
    }

    #[test]
    fn ngrams_follow_position_then_length() {
        let c = AnalyzerConfig {
            stem: false,
            ..AnalyzerConfig::default()
        };
        assert_eq!(
            terms(&c, "warm ties grow"),
            ["warm", "warm ties", "ties", "ties grow", "grow"]
        );
    }

    #[test]
    fn word_lists_and_their_matchers_agree() {
        assert!(NEGATORS.iter().all(|w| is_negator(w)));
        assert!(SCOPE_ENDERS.iter().all(|w| is_scope_ender(w)));
        for w in ["not_", "nots", "butter", "yes", ""] {
            assert!(!is_negator(w) && !is_scope_ender(w), "{w}");
        }
    }

    #[test]
    fn marked_mentions_become_placeholders_and_bad_spans_are_skipped() {
        let text = "Ankara sent drones to Kyiv and Kyiv thanked Ankara.";
        let marked = mark_mentions(text, &[22..26, 31..35], &[0..6, 44..50, 3..9, 40..99]);
        assert_eq!(
            marked,
            "__actor__ sent drones to __target__ and __target__ thanked __actor__."
        );
        // A span inside a multi-byte character is skipped, not a panic.
        let inside_the_umlaut = 2..3;
        assert_eq!(mark_mentions("Zürich", &[inside_the_umlaut], &[]), "Zürich");
    }

    /// Found by `cargo fuzz run analyzer`: a placeholder inserted right after "__actor_" makes the
    /// one word "__actor___target__", which must not count as a placeholder.
    #[test]
    fn a_placeholder_glued_to_word_characters_is_not_a_placeholder_word() {
        let text = "MM__actor_2_eMM";
        let marked = mark_mentions(text, std::slice::from_ref(&(10..12)), &[]);
        assert_eq!(marked, "MM__actor___target__eMM");
        let analyzer = AnalyzerConfig::default().build().unwrap();
        let tokens = analyzer.tokens(&marked);
        assert_eq!(tokens.len(), 1);
        assert!(tokens[0].term != TARGET_WORD && tokens[0].term != OTHER_WORD);
    }

    #[test]
    fn target_clause_adds_marked_copies_of_the_ngrams_in_the_targets_clause() {
        let c = AnalyzerConfig {
            stem: false,
            target_window: Some(0),
            target_clause: true,
            ..AnalyzerConfig::default()
        };
        let (ankara, moscow) = (15..21, 0..6);
        let marked = mark_mentions("Moscow praised Ankara, then left", &[ankara], &[moscow]);
        assert_eq!(
            terms(&c, &marked),
            [
                "__actor__",
                "C:__actor__",
                "__actor__ praised",
                "C:__actor__ praised",
                "praised",
                "C:praised",
                "praised __target__",
                "C:praised __target__",
                "__target__",
                "C:__target__",
                "__target__ then",
                "then",
                "then left",
                "left",
            ]
        );
        // Quotes do not end a clause; without a target there is no clause to copy.
        let miller = 7..13;
        let quoted = mark_mentions("\"Fine\" Miller said", std::slice::from_ref(&miller), &[]);
        assert!(terms(&c, &quoted).contains(&"C:fine __target__".to_string()));
        assert_eq!(terms(&c, "then left"), ["then", "then left", "left"]);
        // Clause copies belong to target-aware models only.
        let untargeted = AnalyzerConfig {
            target_window: None,
            ..c
        };
        assert!(untargeted.build().is_err());
    }

    #[test]
    fn target_window_adds_side_marked_copies_of_nearby_ngrams() {
        let c = AnalyzerConfig {
            stem: false,
            target_window: Some(2),
            ..AnalyzerConfig::default()
        };
        let (ankara, moscow) = (15..21, 0..6);
        let marked = mark_mentions("Moscow praised Ankara warmly today", &[ankara], &[moscow]);
        assert_eq!(
            terms(&c, &marked),
            [
                "__actor__",
                "L:__actor__",
                "__actor__ praised",
                "L:__actor__ praised",
                "praised",
                "L:praised",
                "praised __target__",
                "__target__",
                "__target__ warmly",
                "warmly",
                "R:warmly",
                "warmly today",
                "R:warmly today",
                "today",
                "R:today",
            ]
        );
        // The placeholder is neither stemmed nor negated.
        let tokens = c.build().unwrap().tokens("not __target__ again");
        assert_eq!(tokens[1].term, TARGET_WORD);
        // Without a target the terms are the plain ones.
        let plain = AnalyzerConfig {
            target_window: None,
            ..c.clone()
        };
        assert_eq!(terms(&c, "warm ties"), terms(&plain, "warm ties"));
    }

    #[test]
    fn bad_ngram_ranges_are_refused() {
        for (lo, hi) in [(0, 1), (3, 2), (1, MAX_NGRAM + 1)] {
            let c = AnalyzerConfig {
                ngram_min: lo,
                ngram_max: hi,
                ..AnalyzerConfig::default()
            };
            assert!(matches!(c.build(), Err(Error::Config { .. })));
        }
        let wide = AnalyzerConfig {
            target_window: Some(MAX_TARGET_WINDOW + 1),
            ..AnalyzerConfig::default()
        };
        assert!(matches!(wide.build(), Err(Error::Config { .. })));
    }
}
