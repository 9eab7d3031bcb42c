//! The project's own labelled data is checked, not assumed: format, label balance, actor variety,
//! and no two sentences sharing an 8-word window (no templates), over `data/relations/` (stance
//! and sentiment between actors), `data/sentiment/` (sentiment of general news and opinion) and
//! `data/toward/` (sentiment toward one mention of a sentence).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

const RELATIONS_HEADER: [&str; 6] = ["id", "text", "stance", "sentiment", "source", "target"];
const SENTIMENT_HEADER: [&str; 3] = ["id", "text", "sentiment"];
const TOWARD_HEADER: [&str; 4] = ["id", "text", "toward", "sentiment"];

/// Every row of every `.tsv` file in `dir`, as column → value, with `file:line` for messages.
fn rows(dir: &str, header: &[&str]) -> Vec<(String, HashMap<String, String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            lines.next().map(|h| h.split('\t').collect::<Vec<_>>()),
            Some(header.to_vec()),
            "{name}"
        );
        for (n, line) in lines.enumerate() {
            let where_ = format!("{name}:{}", n + 2);
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), header.len(), "{where_}");
            let row = header
                .iter()
                .map(|h| h.to_string())
                .zip(fields.iter().map(|f| f.to_string()))
                .collect();
            out.push((where_, row));
        }
    }
    out
}

fn relations() -> Vec<(String, HashMap<String, String>)> {
    rows("data/relations", &RELATIONS_HEADER)
}

fn sentiment() -> Vec<(String, HashMap<String, String>)> {
    rows("data/sentiment", &SENTIMENT_HEADER)
}

fn toward() -> Vec<(String, HashMap<String, String>)> {
    rows("data/toward", &TOWARD_HEADER)
}

/// Every row of the three folders.
fn all_rows() -> Vec<(String, HashMap<String, String>)> {
    let mut rows = relations();
    rows.extend(sentiment());
    rows.extend(toward());
    rows
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn assert_balanced(rows: &[(String, HashMap<String, String>)], column: &str, labels: &[&str]) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (at, r) in rows {
        let label = r[column].as_str();
        assert!(labels.contains(&label), "{at}: {column} {label:?}");
        *counts.entry(label).or_default() += 1;
    }
    for (label, n) in &counts {
        let share = *n as f64 / rows.len() as f64;
        assert!(
            share <= 0.40,
            "{column} {label}: {share:.3} of {} rows",
            rows.len()
        );
    }
}

#[test]
fn relations_rows_are_well_formed_and_balanced() {
    let rows = relations();
    assert!(rows.len() >= 3000, "{} rows", rows.len());
    for (at, r) in &rows {
        let (source, target) = (&r["source"], &r["target"]);
        assert_eq!(source.is_empty(), target.is_empty(), "{at}");
        assert!(source.is_empty() || source != target, "{at}");
        assert!(
            !source.is_empty() || r["stance"] == "neutral",
            "{at}: no relation"
        );
    }
    assert_balanced(&rows, "stance", &["warm", "neutral", "tense"]);
    assert_balanced(&rows, "sentiment", &["positive", "neutral", "negative"]);
    let actors: BTreeSet<&str> = rows
        .iter()
        .flat_map(|(_, r)| [r["source"].as_str(), r["target"].as_str()])
        .filter(|a| !a.is_empty())
        .collect();
    assert!(actors.len() >= 80, "{} distinct actors", actors.len());
}

#[test]
fn sentiment_rows_are_well_formed_and_balanced() {
    let rows = sentiment();
    assert!(!rows.is_empty());
    assert_balanced(&rows, "sentiment", &["positive", "neutral", "negative"]);
}

/// A sentence naming two targets has a row for each, with the same text and its own label; the
/// target is words of the text, and no sentence is labelled twice toward the same target.
#[test]
fn toward_rows_name_a_mention_of_their_text_and_are_balanced() {
    let rows = toward();
    assert!(rows.len() >= 1000, "{} rows", rows.len());
    let mut pairs = BTreeSet::new();
    for (at, r) in &rows {
        let (text, target) = (&r["text"], &r["toward"]);
        assert!(
            !target.trim().is_empty() && text.contains(target.as_str()),
            "{at}: {target:?} is not in the text"
        );
        assert!(
            pairs.insert((text, target)),
            "{at}: labelled twice toward {target:?}"
        );
    }
    let texts: BTreeSet<&String> = rows.iter().map(|(_, r)| &r["text"]).collect();
    assert!(
        texts.len() < rows.len(),
        "no sentence is labelled toward two targets"
    );
    assert_balanced(&rows, "sentiment", &["positive", "neutral", "negative"]);
}

#[test]
fn ids_are_unique_and_texts_trimmed() {
    let mut ids = BTreeSet::new();
    for (at, r) in &all_rows() {
        assert!(
            ids.insert(r["id"].clone()),
            "{at}: duplicate id {}",
            r["id"]
        );
        let text = &r["text"];
        assert!(!text.trim().is_empty() && text.trim() == text, "{at}");
    }
}

#[test]
fn no_two_sentences_share_an_8_word_window() {
    let mut seen: HashMap<Vec<String>, String> = HashMap::new();
    let mut clashes = Vec::new();
    let mut texts = BTreeSet::new();
    let rows = all_rows();
    for (at, r) in &rows {
        // A sentence labelled toward a second target is the same sentence, not a copy.
        if !texts.insert(r["text"].as_str()) && r.contains_key("toward") {
            continue;
        }
        let w = words(&r["text"]);
        let mut mine = BTreeSet::new();
        for window in w.windows(8) {
            if !mine.insert(window.to_vec()) {
                continue;
            }
            if let Some(other) = seen.insert(window.to_vec(), at.clone()) {
                clashes.push(format!("{other} ~ {at}: {}", window.join(" ")));
            }
        }
    }
    assert!(
        clashes.is_empty(),
        "{} shared windows:\n{}",
        clashes.len(),
        clashes.join("\n")
    );
}

/// Every actor code in the labelled data (the state part of a domestic code) is an actor of the
/// built-in dictionary, and the dictionary's people belong to actors it has.
#[test]
fn labelled_actor_codes_are_in_the_actor_dictionary() {
    let lexicon = stancekit::actors::Lexicon::builtin();
    let mut missing = BTreeSet::new();
    for (at, r) in relations() {
        for code in [&r["source"], &r["target"]] {
            let state = code.split('-').next().unwrap_or_default();
            if !state.is_empty() && lexicon.get(state).is_none() {
                missing.insert(format!("{state} ({at})"));
            }
        }
    }
    assert!(missing.is_empty(), "not in data/actors: {missing:?}");
    assert!(lexicon.actors().count() > 1000);
}
