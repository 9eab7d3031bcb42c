//! The project's own labelled data (`data/relations/`) is checked, not assumed: format, label
//! balance, actor variety, and no two sentences sharing an 8-word window (no templates).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

struct Row {
    id: String,
    text: String,
    stance: String,
    sentiment: String,
    source: String,
    target: String,
}

fn rows() -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/relations");
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
        assert_eq!(
            lines.next(),
            Some("id\ttext\tstance\tsentiment\tsource\ttarget"),
            "{}",
            path.display()
        );
        for (n, line) in lines.enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 6, "{}:{}", path.display(), n + 2);
            out.push(Row {
                id: f[0].into(),
                text: f[1].into(),
                stance: f[2].into(),
                sentiment: f[3].into(),
                source: f[4].into(),
                target: f[5].into(),
            });
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn relations_rows_are_well_formed() {
    let rows = rows();
    assert!(rows.len() >= 3000, "{} rows", rows.len());
    let mut ids = BTreeSet::new();
    for r in &rows {
        assert!(ids.insert(&r.id), "duplicate id {}", r.id);
        assert!(
            ["warm", "neutral", "tense"].contains(&r.stance.as_str()),
            "{}",
            r.id
        );
        assert!(
            ["positive", "neutral", "negative"].contains(&r.sentiment.as_str()),
            "{}",
            r.id
        );
        assert_eq!(r.source.is_empty(), r.target.is_empty(), "{}", r.id);
        assert!(r.source.is_empty() || r.source != r.target, "{}", r.id);
        assert!(
            !r.source.is_empty() || r.stance == "neutral",
            "{}: no relation",
            r.id
        );
        assert!(
            !r.text.trim().is_empty() && r.text.trim() == r.text,
            "{}",
            r.id
        );
    }
}

#[test]
fn no_label_is_above_40_percent_and_actors_are_varied() {
    let rows = rows();
    for column in [|r: &Row| r.stance.clone(), |r: &Row| r.sentiment.clone()] {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in &rows {
            *counts.entry(column(r)).or_default() += 1;
        }
        for (label, n) in &counts {
            let share = *n as f64 / rows.len() as f64;
            assert!(share <= 0.41, "{label}: {share:.3}");
        }
    }
    let actors: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| [r.source.as_str(), r.target.as_str()])
        .filter(|a| !a.is_empty())
        .collect();
    assert!(actors.len() >= 80, "{} distinct actors", actors.len());
}

#[test]
fn no_two_sentences_share_an_8_word_window() {
    let mut seen: HashMap<Vec<String>, String> = HashMap::new();
    let mut clashes = Vec::new();
    for r in rows() {
        let w = words(&r.text);
        let mut mine = BTreeSet::new();
        for window in w.windows(8) {
            if !mine.insert(window.to_vec()) {
                continue;
            }
            if let Some(other) = seen.insert(window.to_vec(), r.id.clone()) {
                clashes.push(format!("{other} ~ {}: {}", r.id, window.join(" ")));
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
