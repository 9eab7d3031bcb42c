//! What the analyzer knows of each distinct word, worked out once per thread.
//!
//! News text repeats its words, the Snowball stemmer is the analyzer's most expensive step, and
//! one lookup replaces the several word-list comparisons each token would otherwise make. Each
//! word also remembers the id a caller gave its term (plain and negated) in the caller's
//! [`IdSpace`], so that the caller's own table is searched once per distinct word, not once
//! per occurrence. Words of up to [`ShortWord::MAX`] bytes (nearly all) are held inline:
//! hashing and comparing one is a few machine-word operations, with no pointer to follow.

use std::cell::RefCell;
use std::num::NonZeroU64;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use super::{is_english_stopword, is_negator, is_scope_ender, NUMBER_TOKEN};

/// The most words the per-thread word memory holds; it starts afresh when full.
pub const STEM_CACHE_WORDS: usize = 1 << 18;

/// A numbering of terms that never changes once a term has its id: a model's vocabulary, or a
/// training table that numbers terms as it first sees them. Words remember their terms' ids
/// per space ([`super::Analyzer::for_each_ngram`]); every new space is distinct from all others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdSpace(NonZeroU64);

impl IdSpace {
    /// A space no other has been given.
    #[allow(clippy::new_without_default)] // each call gives a different value
    pub fn new() -> IdSpace {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let next = NEXT.fetch_add(1, Ordering::Relaxed);
        IdSpace(NonZeroU64::new(next).expect("fewer than 2^64 id spaces"))
    }
}

/// What the analyzer needs of one word.
pub(super) struct WordInfo {
    /// The English Snowball stem ([`NUMBER_TOKEN`] is its own stem).
    pub stem: Box<str>,
    /// The lowercase word is one of [`super::NEGATORS`].
    pub negator: bool,
    /// The lowercase word is one of [`super::SCOPE_ENDERS`].
    pub scope_ender: bool,
    /// The lowercase word is an English stopword.
    pub stopword: bool,
    /// The ids of this word's term, plain and negated, in one space and stemming.
    memo: Option<Memo>,
}

#[derive(Clone, Copy)]
struct Memo {
    space: IdSpace,
    stem: bool,
    ids: [Option<u32>; 2],
}

impl WordInfo {
    fn new(stemmer: &rust_stemmers::Stemmer, word: &str) -> WordInfo {
        let lower = word.to_lowercase();
        WordInfo {
            stem: if word == NUMBER_TOKEN {
                word.into()
            } else {
                stemmer.stem(word).into()
            },
            negator: is_negator(&lower),
            scope_ender: is_scope_ender(&lower),
            stopword: is_english_stopword(&lower),
            memo: None,
        }
    }

    /// The id this word's term (negated or not, stemmed or not) was given in `space`, if it is
    /// remembered.
    pub fn remembered(&self, space: IdSpace, stem: bool, negated: bool) -> Option<u32> {
        self.memo
            .filter(|m| m.space == space && m.stem == stem)
            .and_then(|m| m.ids[usize::from(negated)])
    }

    /// Remembers `id` as the id of this word's term in `space` (forgetting another space's).
    pub fn remember(&mut self, space: IdSpace, stem: bool, negated: bool, id: u32) {
        let memo = match &mut self.memo {
            Some(m) if m.space == space && m.stem == stem => m,
            other => other.insert(Memo {
                space,
                stem,
                ids: [None; 2],
            }),
        };
        memo.ids[usize::from(negated)] = Some(id);
    }
}

/// A word of at most [`ShortWord::MAX`] bytes packed into three machine words, zero-padded, its
/// length in the last byte.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortWord([u64; 3]);

impl ShortWord {
    const MAX: usize = 23;

    fn new(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        if bytes.len() > Self::MAX {
            return None;
        }
        let mut lanes = [0u64; 3];
        for (lane, chunk) in lanes.iter_mut().zip(bytes.chunks(8)) {
            *lane = chunk.iter().rev().fold(0, |v, &b| v << 8 | u64::from(b));
        }
        lanes[2] |= (bytes.len() as u64) << 56;
        Some(ShortWord(lanes))
    }
}

impl std::hash::Hash for ShortWord {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.iter().for_each(|&lane| state.write_u64(lane));
    }
}

/// One thread's word memory.
struct Words {
    stemmer: rust_stemmers::Stemmer,
    short: FxHashMap<ShortWord, WordInfo>,
    long: FxHashMap<Box<str>, WordInfo>,
}

impl Words {
    fn get(&mut self, word: &str) -> &mut WordInfo {
        if self.short.len() + self.long.len() >= STEM_CACHE_WORDS {
            self.short.clear();
            self.long.clear();
        }
        let stemmer = &self.stemmer;
        match ShortWord::new(word) {
            Some(key) => self
                .short
                .entry(key)
                .or_insert_with(|| WordInfo::new(stemmer, word)),
            None => {
                // Looked up before a key is allocated: a word is nearly always there already.
                if !self.long.contains_key(word) {
                    self.long.insert(word.into(), WordInfo::new(stemmer, word));
                }
                self.long.get_mut(word).expect("present")
            }
        }
    }
}

/// Hands `f` the [`WordInfo`] of `word`, remembered per thread. `f` must not analyze text
/// itself (the memory is borrowed while it runs).
pub(super) fn with_word<R>(word: &str, f: impl FnOnce(&mut WordInfo) -> R) -> R {
    thread_local! {
        static WORDS: RefCell<Words> = RefCell::new(Words {
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        });
    }
    WORDS.with(|words| f(words.borrow_mut().get(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_differ_by_length_as_well_as_bytes() {
        let (a, a0) = (ShortWord::new("a"), ShortWord::new("a\0"));
        assert!(a.is_some() && a0.is_some() && a != a0);
        assert!(ShortWord::new(&"x".repeat(ShortWord::MAX)).is_some());
        assert!(ShortWord::new(&"x".repeat(ShortWord::MAX + 1)).is_none());
    }

    #[test]
    fn a_word_remembers_its_ids_per_space_and_stemming() {
        let (one, two) = (IdSpace::new(), IdSpace::new());
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let mut info = WordInfo::new(&stemmer, "talks");
        assert_eq!(&*info.stem, "talk");
        assert_eq!(info.remembered(one, true, false), None);
        info.remember(one, true, false, 7);
        info.remember(one, true, true, 8);
        assert_eq!(info.remembered(one, true, false), Some(7));
        assert_eq!(info.remembered(one, true, true), Some(8));
        assert_eq!(info.remembered(one, false, false), None);
        assert_eq!(info.remembered(two, true, false), None);
        // A word remembers one space at a time.
        info.remember(two, true, false, 3);
        assert_eq!(info.remembered(two, true, false), Some(3));
        assert_eq!(info.remembered(one, true, false), None);
    }

    #[test]
    fn long_words_are_remembered_too() {
        let long = "internationalisationalism";
        assert!(long.len() > ShortWord::MAX);
        let space = IdSpace::new();
        with_word(long, |info| info.remember(space, true, false, 5));
        assert_eq!(
            with_word(long, |info| info.remembered(space, true, false)),
            Some(5)
        );
    }
}
