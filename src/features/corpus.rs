//! Training documents as term ids: every text is analysed once, each distinct term stored once.
//!
//! Analysis runs on rayon over blocks of texts, each block with its own table of words and
//! terms; the tables are merged in block order, a few blocks per thread at a time, each batch
//! while the next is analysed (merging is serial), so that only the merged table and two batches
//! of block tables are ever in memory. A term is its words' ids packed into one integer
//! ([`super::ngrams::pack`]): counting a bigram hashes 16 bytes, not a string built for it, and a
//! block's table is merged by renumbering words, not by hashing every term's text again. A
//! document is a run of `u32` term ids (one per occurrence), so a million sentences cost a few
//! hundred megabytes instead of sixty million strings, and cross-validation folds reuse the
//! same ids instead of analysing again.

use rayon::prelude::*;

use super::ngrams::{id_of, pack, repack, unpack, word_id, Ids, MAX_WORDS};
use crate::text::{join_words, Analyzer, IdSpace};

/// Documents as ids into a table of distinct terms, each term a [`pack`]ed run of word ids.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    words: Vec<Box<str>>,
    terms: Vec<u128>,
    ids: Vec<u32>,
    ends: Vec<usize>,
}

/// Texts per block of parallel analysis.
const BLOCK: usize = 8192;

/// Blocks per thread analysed before they are merged.
const BLOCKS_PER_THREAD: usize = 4;

/// One block's words and terms (each in first-seen order), occurrences and document ends.
type Block = (Vec<Box<str>>, Vec<u128>, Vec<u32>, Vec<usize>);

impl Corpus {
    /// Analyses `texts` (in parallel) into a corpus.
    pub fn analyze<S: AsRef<str> + Sync>(analyzer: &Analyzer, texts: &[S]) -> Corpus {
        let mut merged = Merger::default();
        let batch = BLOCK * BLOCKS_PER_THREAD * rayon::current_num_threads();
        // Each batch is merged (on one thread, in order) while the next is analysed.
        let mut pending: Vec<Block> = Vec::new();
        for batch in texts.chunks(batch) {
            let (blocks, ()) = rayon::join(
                || {
                    batch
                        .par_chunks(BLOCK)
                        .map(|chunk| analyze_block(analyzer, chunk))
                        .collect::<Vec<Block>>()
                },
                || pending.drain(..).for_each(|block| merged.push(block)),
            );
            pending = blocks;
        }
        pending.into_iter().for_each(|block| merged.push(block));
        merged.finish()
    }

    /// A corpus of documents already split into terms.
    pub fn from_terms(docs: &[Vec<String>]) -> Corpus {
        let mut table = Table::default();
        let (mut ids, mut ends) = (Vec::new(), Vec::with_capacity(docs.len()));
        for doc in docs {
            ids.extend(doc.iter().map(|term| table.whole_term(term)));
            ends.push(ids.len());
        }
        Corpus {
            words: table.words.into_keys_by_id(),
            terms: table.terms.into_keys_by_id(),
            ids,
            ends,
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Number of distinct terms.
    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    /// The term with id `id`: its words joined by single spaces.
    pub fn term(&self, id: u32) -> String {
        let mut term = String::new();
        let words = unpack(self.terms[id as usize]).map(|w| &*self.words[w as usize]);
        join_words(&mut term, words);
        term
    }

    /// The term ids of document `i`, one per occurrence, in order.
    pub fn doc(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }
}

/// The keys of an [`Ids`] table, each at its id.
trait KeysById<K> {
    fn into_keys_by_id(self) -> Vec<K>;
}

impl<K: Default + Clone> KeysById<K> for Ids<K> {
    fn into_keys_by_id(self) -> Vec<K> {
        let mut keys = vec![K::default(); self.len()];
        for (key, id) in self {
            keys[id as usize] = key;
        }
        keys
    }
}

/// Distinct terms (packed word ids) numbered in first-seen order. Keys of one or two words fit
/// in 64 bits and are kept apart from longer ones: at 16 bytes an entry instead of 32, the table
/// that every n-gram occurrence is looked up in takes half the memory and half the cache misses.
#[derive(Default)]
struct Terms {
    short: Ids<u64>,
    long: Ids<u128>,
}

impl Terms {
    /// The id of `key`, numbered next when new.
    fn id(&mut self, key: u128) -> u32 {
        let next = (self.short.len() + self.long.len()) as u32;
        match u64::try_from(key) {
            Ok(short) => *self.short.entry(short).or_insert(next),
            Err(_) => *self.long.entry(key).or_insert(next),
        }
    }

    /// The keys, each at its id.
    fn into_keys_by_id(self) -> Vec<u128> {
        let mut keys = vec![0; self.short.len() + self.long.len()];
        for (key, id) in self.short {
            keys[id as usize] = u128::from(key);
        }
        for (key, id) in self.long {
            keys[id as usize] = key;
        }
        keys
    }
}

/// A term table being built: words and terms (packed word ids), each numbered as first seen.
struct Table {
    /// Names this table's numbering of words, so that analysis can remember each word's id.
    space: IdSpace,
    words: Ids<Box<str>>,
    terms: Terms,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            space: IdSpace::new(),
            words: Ids::default(),
            terms: Terms::default(),
        }
    }
}

impl Table {
    /// The id of `word`, numbered next when new; looked up before a key is allocated.
    fn word(&mut self, word: &str) -> u32 {
        word_id(&mut self.words, word)
    }

    /// The term id of the n-gram of word ids `ids`.
    fn ngram(&mut self, ids: &[u32]) -> u32 {
        let key = pack(ids).expect("n-grams of at most MAX_WORDS words");
        self.terms.id(key)
    }

    /// The term id of `term` taken whole, as one word.
    fn whole_term(&mut self, term: &str) -> u32 {
        let word = self.word(term);
        self.ngram(&[word])
    }
}

/// One block's analysis, with its own table. Terms are counted as runs of word ids
/// ([`Analyzer::for_each_ngram`]); terms longer than [`MAX_WORDS`] words are counted whole.
fn analyze_block<S: AsRef<str>>(analyzer: &Analyzer, texts: &[S]) -> Block {
    let mut table = Table::default();
    let (mut ids, mut ends) = (Vec::new(), Vec::with_capacity(texts.len()));
    let by_words = analyzer.config().ngram_max <= MAX_WORDS;
    for text in texts {
        let text = text.as_ref();
        if by_words {
            let space = table.space;
            let table = std::cell::RefCell::new(&mut table);
            analyzer.for_each_ngram(
                text,
                Some(space),
                |word| table.borrow_mut().word(word),
                |gram| ids.push(table.borrow_mut().ngram(gram)),
            );
        } else {
            analyzer.for_each_term(text, |term| ids.push(table.whole_term(term)));
        }
        ends.push(ids.len());
    }
    (
        table.words.into_keys_by_id(),
        table.terms.into_keys_by_id(),
        ids,
        ends,
    )
}

/// Block corpora merged in order: one table, ids renumbered into it.
#[derive(Default)]
struct Merger {
    table: Table,
    ids: Vec<u32>,
    ends: Vec<usize>,
}

impl Merger {
    /// Appends the next block's documents.
    fn push(&mut self, (words, terms, ids, ends): Block) {
        let words: Vec<u32> = words
            .into_iter()
            .map(|word| id_of(&mut self.table.words, word))
            .collect();
        let terms: Vec<u32> = terms
            .into_iter()
            .map(|key| self.table.terms.id(repack(key, &words)))
            .collect();
        let offset = self.ids.len();
        self.ids.extend(ids.iter().map(|&id| terms[id as usize]));
        self.ends.extend(ends.iter().map(|&e| e + offset));
    }

    fn finish(self) -> Corpus {
        Corpus {
            words: self.table.words.into_keys_by_id(),
            terms: self.table.terms.into_keys_by_id(),
            ids: self.ids,
            ends: self.ends,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::AnalyzerConfig;

    #[test]
    fn parallel_analysis_equals_terms_one_by_one() {
        let targeted = AnalyzerConfig {
            target_window: Some(2),
            target_clause: true,
            ..AnalyzerConfig::default()
        };
        // Trigrams take the table of longer keys, numbered along with the shorter ones.
        let trigrams = AnalyzerConfig {
            ngram_max: 3,
            ..AnalyzerConfig::default()
        };
        for config in [AnalyzerConfig::default(), targeted, trigrams] {
            let analyzer = config.build().unwrap();
            let texts: Vec<String> = (0..5000)
                .map(|i| {
                    format!(
                        "__target__ and __actor__ signed deal number {}, not in {}",
                        i % 7,
                        i % 13
                    )
                })
                .collect();
            let corpus = Corpus::analyze(&analyzer, &texts);
            assert_eq!(corpus.len(), texts.len());
            for (i, text) in texts.iter().enumerate() {
                let got: Vec<String> = corpus.doc(i).iter().map(|&id| corpus.term(id)).collect();
                assert_eq!(got, analyzer.terms(text));
            }
        }
    }
}
