//! Golden cases kept as data files in `tests/golden/`.

use std::path::Path;

use stancekit::text::sentences;

/// `(name, input, expected lines)` of every case in a golden file: `## name`, the input, a line
/// `>>>`, then the expected output lines; `#` lines before the first case are comments.
pub fn cases(file: &str) -> Vec<(String, String, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for chunk in text.split("\n## ").skip(1) {
        let (name, body) = chunk.split_once('\n').unwrap();
        let (input, expected) = body
            .split_once("\n>>>\n")
            .unwrap_or_else(|| panic!("{name}: no >>>"));
        let expected = expected.trim_end().lines().map(String::from).collect();
        out.push((name.to_string(), input.to_string(), expected));
    }
    assert!(!out.is_empty(), "{file} has no cases");
    out
}

#[test]
fn sentence_splitter_golden_cases() {
    let mut failures = Vec::new();
    for (name, input, expected) in cases("sentences.txt") {
        let got: Vec<String> = sentences(&input)
            .into_iter()
            .map(|s| input[s].replace('\n', "⏎"))
            .collect();
        if got != expected {
            failures.push(format!(
                "{name}:\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn crlf_input_splits_like_lf() {
    let lf = "Headline Here\nFirst sentence. Second one.\n\nNext paragraph.";
    let crlf = lf.replace('\n', "\r\n");
    let a: Vec<&str> = sentences(lf).into_iter().map(|s| &lf[s]).collect();
    let b: Vec<&str> = sentences(&crlf).into_iter().map(|s| &crlf[s]).collect();
    assert_eq!(a, b);
}

/// The project's test articles (`tests/fixtures/articles/`) against `tests/golden/articles.json`:
/// sentence count, boilerplate, and for chosen sentences the actors (at country level) and the
/// source and target.
#[test]
fn test_articles_split_mark_and_name_actors_as_expected() {
    use stancekit::actors::{annotate, Lexicon, Matcher};
    use stancekit::text::boilerplate;

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/golden/articles.json")).unwrap(),
    )
    .unwrap();
    let lexicon = Lexicon::builtin();
    let matcher = Matcher::new(&lexicon);
    let mut failures = Vec::new();
    for case in expected.as_array().unwrap() {
        let file = case["file"].as_str().unwrap();
        let text =
            std::fs::read_to_string(root.join("tests/fixtures/articles").join(file)).unwrap();
        let spans = sentences(&text);
        let marks = boilerplate(&text, &spans);
        let skip: Vec<bool> = marks.iter().map(Option::is_some).collect();
        let found = annotate(&lexicon, &matcher, &text, &spans, &skip);
        let n = case["sentences"].as_u64().unwrap() as usize;
        if spans.len() != n {
            failures.push(format!("{file}: {} sentences, expected {n}", spans.len()));
        }
        let find = |key: &str| spans.iter().position(|s| text[s.clone()].contains(key));
        for key in case["boilerplate"].as_array().unwrap() {
            let key = key.as_str().unwrap();
            match find(key) {
                Some(i) if skip[i] => {}
                Some(_) => failures.push(format!("{file}: {key:?} is not marked as boilerplate")),
                None => failures.push(format!("{file}: no sentence contains {key:?}")),
            }
        }
        for check in case["checks"].as_array().unwrap() {
            let key = check["key"].as_str().unwrap();
            let Some(i) = find(key) else {
                failures.push(format!("{file}: no sentence contains {key:?}"));
                continue;
            };
            if skip[i] != check["boilerplate"].as_bool().unwrap() {
                failures.push(format!("{file}: {key:?} boilerplate is {}", skip[i]));
            }
            let mut actors: Vec<&str> = found[i]
                .mentions
                .iter()
                .map(|m| lexicon.country_of(&m.mention.actor))
                .collect();
            actors.sort_unstable();
            actors.dedup();
            let want: Vec<&str> = check["actors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            if actors != want {
                failures.push(format!(
                    "{file}: {key:?} actors {actors:?}, expected {want:?}"
                ));
            }
            let direction = found[i].direction.map(|(s, t)| {
                let id = |k: usize| {
                    lexicon
                        .country_of(&found[i].mentions[k].mention.actor)
                        .to_string()
                };
                (id(s), id(t))
            });
            let want = match (check["source"].as_str(), check["target"].as_str()) {
                (Some(s), Some(t)) => Some((s.to_string(), t.to_string())),
                _ => None,
            };
            if direction != want {
                failures.push(format!(
                    "{file}: {key:?} direction {direction:?}, expected {want:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
