//! Model files kept forever: every format version must load and predict as it did.
//!
//! `tests/fixtures/models/vN.json` was written by the stancekit of format version N with
//! `stance train --data tests/fixtures/tiny.tsv --out tests/fixtures/models/vN.json`, and
//! `vN.predictions.jsonl` is what `stance predict --model vN.json tests/fixtures/tiny-predict.tsv`
//! printed then.

use std::path::{Path, PathBuf};

use stancekit::model::{Classifier, FORMAT_VERSION};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `(id, text)` of the fixture rows to predict.
fn rows() -> Vec<(String, String)> {
    std::fs::read_to_string(dir().join("tiny-predict.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let (id, text) = l.split_once('\t').unwrap();
            (id.to_string(), text.to_string())
        })
        .collect()
}

#[test]
fn every_format_version_loads_and_predicts_as_recorded() {
    for version in 1..=FORMAT_VERSION {
        let model = Classifier::load(&dir().join(format!("models/v{version}.json"))).unwrap();
        let recorded =
            std::fs::read_to_string(dir().join(format!("models/v{version}.predictions.jsonl")))
                .unwrap();
        let rows = rows();
        assert_eq!(rows.len(), recorded.lines().count());
        for ((id, text), line) in rows.iter().zip(recorded.lines()) {
            let want: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(want["id"], id.as_str());
            let p = model.predict(text);
            assert_eq!(
                want["label"],
                model.labels()[p.label].as_str(),
                "v{version} {id}"
            );
            for (label, prob) in model.labels().iter().zip(&p.probabilities) {
                let recorded = want["probabilities"][label].as_f64().unwrap();
                assert_eq!(recorded, *prob, "v{version} {id} {label}");
            }
        }
    }
}

/// A model whose content no longer matches its checksum is refused, naming the problem.
#[test]
fn an_edited_model_is_refused() {
    let bytes = std::fs::read(dir().join(format!("models/v{FORMAT_VERSION}.json"))).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let w = value["weights"][0][0].as_f64().unwrap();
    value["weights"][0][0] = serde_json::json!(w + 0.5);
    let edited = serde_json::to_vec(&value).unwrap();
    let err = Classifier::from_bytes(&edited, "edited.json".as_ref()).unwrap_err();
    assert!(
        err.to_string().contains("does not match the content"),
        "{err}"
    );
    let truncated = &bytes[..bytes.len() / 2];
    let err = Classifier::from_bytes(truncated, "cut.json".as_ref()).unwrap_err();
    assert!(err.to_string().contains("truncated"), "{err}");
}

/// A model edited in place, its layout kept (the file is read by its bytes' digest first), is
/// refused just the same.
#[test]
fn a_model_edited_in_place_is_refused() {
    let bytes = std::fs::read(dir().join(format!("models/v{FORMAT_VERSION}.json"))).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let edited = text.replacen("[[-0.12764698,", "[[-0.13764698,", 1);
    assert_ne!(edited, text);
    let err = Classifier::from_bytes(edited.as_bytes(), "edited.json".as_ref()).unwrap_err();
    assert!(
        err.to_string().contains("does not match the content"),
        "{err}"
    );
}

/// The checksum is of the model's content, not of its layout: the same file pretty-printed
/// loads and predicts the same.
#[test]
fn a_reformatted_model_still_loads() {
    let path = dir().join(format!("models/v{FORMAT_VERSION}.json"));
    let model = Classifier::load(&path).unwrap();
    let file: stancekit::model::ModelFile =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let pretty = serde_json::to_vec_pretty(&file).unwrap();
    let reformatted = Classifier::from_bytes(&pretty, "pretty.json".as_ref()).unwrap();
    for (_, text) in rows() {
        assert_eq!(reformatted.predict(&text), model.predict(&text));
    }
}

/// Saving a model read from an old file writes the current version, which predicts the same
/// labels (weights are rounded to f32 on the way).
#[test]
fn old_models_resave_as_the_current_version() {
    for version in 1..FORMAT_VERSION {
        resave(version);
    }
}

fn resave(version: u32) {
    let old = Classifier::load(&dir().join(format!("models/v{version}.json"))).unwrap();
    let bytes = old.to_bytes();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(value["format_version"], FORMAT_VERSION);
    let new = Classifier::from_bytes(&bytes, "resaved.json".as_ref()).unwrap();
    assert_eq!(new.tfidf().vocabulary(), old.tfidf().vocabulary());
    for (_, text) in rows() {
        let (a, b) = (old.predict(&text), new.predict(&text));
        assert_eq!(a.label, b.label);
        for (x, y) in a.probabilities.iter().zip(&b.probabilities) {
            assert!((x - y).abs() < 1e-6, "{x} vs {y}");
        }
    }
}
