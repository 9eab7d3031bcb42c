//! Model files kept forever: every format version must load and predict as it did.

use std::path::Path;

use stancekit::model::Classifier;

/// `tests/fixtures/models/v1.json` was trained by stancekit 0.1.0 with
/// `stance train --data tests/fixtures/tiny.tsv --out tests/fixtures/models/v1.json`, and
/// `v1.predictions.jsonl` is what `stance predict` printed for `tests/fixtures/tiny-predict.tsv`.
#[test]
fn format_v1_model_loads_and_predicts_as_recorded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let model = Classifier::load(&dir.join("models/v1.json")).unwrap();
    let texts = std::fs::read_to_string(dir.join("tiny-predict.tsv")).unwrap();
    let recorded = std::fs::read_to_string(dir.join("models/v1.predictions.jsonl")).unwrap();
    let rows: Vec<&str> = texts.lines().skip(1).collect();
    assert_eq!(rows.len(), recorded.lines().count());
    for (row, line) in rows.iter().zip(recorded.lines()) {
        let (id, text) = row.split_once('\t').unwrap();
        let want: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(want["id"], id);
        let p = model.predict(text);
        assert_eq!(want["label"], model.labels()[p.label].as_str(), "{id}");
        for (label, prob) in model.labels().iter().zip(&p.probabilities) {
            assert_eq!(
                want["probabilities"][label].as_f64().unwrap(),
                *prob,
                "{id} {label}"
            );
        }
    }
}
