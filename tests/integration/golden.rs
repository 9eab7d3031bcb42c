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
