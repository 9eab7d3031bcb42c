//! Columns of word n-grams found by word ids rather than by strings.
//!
//! Prediction spends most of its time finding each n-gram of a text in the vocabulary. Built
//! as a string and hashed as one, a bigram costs a copy, a hash over its bytes and a byte
//! comparison on a hit. [`NgramIndex`] looks each word up once, as an id among the words of the
//! vocabulary, and each n-gram as its ids packed into one integer ([`pack`]), as
//! [`super::Corpus`] also counts them in training.

use rustc_hash::FxHashMap;

use crate::text::IdSpace;

/// The most words a packed n-gram key holds: one 32-bit lane each.
pub const MAX_WORDS: usize = 4;

/// The id of a word found in no term of the vocabulary: no n-gram holding it has a column.
pub const NO_WORD: u32 = u32::MAX;

/// Distinct keys numbered in first-seen order.
pub(crate) type Ids<K> = FxHashMap<K, u32>;

/// The id of `key` in `table`, numbering it next when it is new.
pub(crate) fn id_of<K: std::hash::Hash + Eq>(table: &mut Ids<K>, key: K) -> u32 {
    let next = table.len() as u32;
    *table.entry(key).or_insert(next)
}

/// The id of `word` in `table`, numbering it next when it is new; looked up before a key is
/// allocated.
pub(crate) fn word_id(table: &mut Ids<Box<str>>, word: &str) -> u32 {
    match table.get(word) {
        Some(&id) => id,
        None => id_of(table, word.into()),
    }
}

/// The vocabulary's terms by the ids of their words.
///
/// Unigrams are an array indexed by word id and bigrams a table of 8-byte keys: most terms are
/// one of the two, and small entries keep more of the vocabulary in cache (looking terms up was
/// bound by cache misses). Longer n-grams use the full 16-byte key.
#[derive(Debug, Clone)]
pub struct NgramIndex {
    /// Names this numbering of words, so that analysis can remember each word's id.
    space: IdSpace,
    words: Ids<Box<str>>,
    /// The column of each word id as a term by itself, or [`NO_WORD`].
    unigrams: Vec<u32>,
    bigrams: FxHashMap<u64, u32>,
    longer: FxHashMap<u128, u32>,
}

impl NgramIndex {
    /// The index of `vocabulary`, whose term at position `j` is column `j` and whose terms are
    /// words joined by single spaces. `None` when a term has more than [`MAX_WORDS`] words or
    /// an empty word: such a vocabulary is looked up by strings.
    pub fn new(vocabulary: &[String]) -> Option<NgramIndex> {
        let mut index = NgramIndex {
            space: IdSpace::new(),
            words: FxHashMap::default(),
            unigrams: Vec::new(),
            bigrams: FxHashMap::default(),
            longer: FxHashMap::default(),
        };
        let mut ids = Vec::new();
        for (j, term) in vocabulary.iter().enumerate() {
            ids.clear();
            for word in term.split(' ') {
                if word.is_empty() {
                    return None;
                }
                ids.push(word_id(&mut index.words, word));
            }
            index.unigrams.resize(index.words.len(), NO_WORD);
            let key = pack(&ids)?;
            match ids[..] {
                [id] => index.unigrams[id as usize] = j as u32,
                [_, _] => _ = index.bigrams.insert(key as u64, j as u32),
                _ => _ = index.longer.insert(key, j as u32),
            }
        }
        Some(index)
    }

    /// The space of the ids [`NgramIndex::word`] gives.
    pub fn space(&self) -> IdSpace {
        self.space
    }

    /// The id of `word`, or [`NO_WORD`] when no term of the vocabulary holds it.
    pub fn word(&self, word: &str) -> u32 {
        self.words.get(word).copied().unwrap_or(NO_WORD)
    }

    /// The column of the n-gram of words `ids` (each from [`NgramIndex::word`]), if it is a
    /// term of the vocabulary.
    pub fn column(&self, ids: &[u32]) -> Option<u32> {
        match *ids {
            [id] => self
                .unigrams
                .get(id as usize)
                .copied()
                .filter(|&j| j != NO_WORD),
            [_, _] => self.bigrams.get(&(pack(ids)? as u64)).copied(),
            _ => self.longer.get(&pack(ids)?).copied(),
        }
    }
}

/// Word ids packed into one key, a 32-bit lane each, the first word in the lowest: each lane
/// holds its id plus one, so that n-grams of different lengths never share a key. `None` for
/// more than [`MAX_WORDS`] ids or an id of [`NO_WORD`].
pub fn pack(ids: &[u32]) -> Option<u128> {
    if ids.len() > MAX_WORDS || ids.contains(&NO_WORD) {
        return None;
    }
    Some(
        ids.iter()
            .rev()
            .fold(0u128, |k, &id| (k << 32) | u128::from(id + 1)),
    )
}

/// The word ids of a key made by [`pack`], in order.
pub fn unpack(mut key: u128) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        let lane = key as u32;
        key >>= 32;
        (lane != 0).then(|| lane - 1)
    })
}

/// A key made by [`pack`] with each word id `i` replaced by `map[i]`.
pub fn repack(key: u128, map: &[u32]) -> u128 {
    unpack(key).enumerate().fold(0u128, |k, (lane, id)| {
        k | u128::from(map[id as usize] + 1) << (32 * lane)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngrams_are_found_by_their_word_ids_and_only_whole_terms_match() {
        let vocabulary: Vec<String> = ["tens", "tens tie", "tie", "warm tie tie"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let index = NgramIndex::new(&vocabulary).unwrap();
        let (tens, tie, warm) = (index.word("tens"), index.word("tie"), index.word("warm"));
        assert_eq!(index.column(&[tens]), Some(0));
        assert_eq!(index.column(&[tens, tie]), Some(1));
        assert_eq!(index.column(&[tie]), Some(2));
        assert_eq!(index.column(&[warm, tie, tie]), Some(3));
        // A word of the vocabulary's terms is not a term by itself, nor is any other order.
        assert_eq!(index.column(&[warm]), None);
        assert_eq!(index.column(&[tie, tens]), None);
        assert_eq!(index.word("cold"), NO_WORD);
        assert_eq!(index.column(&[NO_WORD, tie]), None);
    }

    #[test]
    fn keys_unpack_and_repack_to_their_words() {
        let key = pack(&[7, 0, 41]).unwrap();
        assert_eq!(unpack(key).collect::<Vec<_>>(), [7, 0, 41]);
        assert_ne!(key, pack(&[7, 0, 41, 0]).unwrap());
        let map: Vec<u32> = (0..50).map(|i| 100 + i).collect();
        assert_eq!(repack(key, &map), pack(&[107, 100, 141]).unwrap());
        assert_eq!(pack(&[1, 2, 3, 4, 5]), None);
        assert_eq!(pack(&[1, NO_WORD]), None);
    }

    #[test]
    fn vocabularies_it_cannot_pack_are_refused() {
        let long = vec!["a b c d e".to_string()];
        assert!(NgramIndex::new(&long).is_none());
        assert!(NgramIndex::new(&["a  b".to_string()]).is_none());
    }
}
