//! The models compiled into the binary load, and were trained on the data now in `data/`.

use std::collections::BTreeMap;
use std::path::Path;

use stancekit::model::{sha256_hex, Builtin};

/// Every `.tsv` file under `dir`, by file name, with its sha256.
fn data_files(dir: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, sha256_hex(&std::fs::read(&p).unwrap()))
        })
        .collect()
}

#[test]
fn builtin_models_load_with_their_labels() {
    let stance = Builtin::Stance.load().unwrap();
    assert_eq!(stance.labels(), ["neutral", "tense", "warm"]);
    let sentiment = Builtin::Sentiment.load().unwrap();
    assert_eq!(sentiment.labels(), ["negative", "neutral", "positive"]);
    // Both score a sentence toward each actor it names.
    assert!(stance.is_target_aware() && sentiment.is_target_aware());
    for model in Builtin::ALL {
        let bytes = model.bytes().unwrap();
        assert!(bytes.len() < 5 << 20, "{model:?} is {} bytes", bytes.len());
    }
}

/// A model records the name and sha256 of every file it was trained on. The stance model must
/// have been trained on exactly the files in `data/relations/`, the sentiment model on those and
/// the files in `data/sentiment/` and `data/toward/`, as they are now: retrain with
/// `scripts/train-models.sh` after changing the data.
#[test]
fn builtin_models_were_trained_on_the_current_data() {
    let relations = data_files("data/relations");
    let mut with_sentiment = relations.clone();
    with_sentiment.extend(data_files("data/sentiment"));
    with_sentiment.extend(data_files("data/toward"));
    for (model, expected) in [
        (Builtin::Stance, &relations),
        (Builtin::Sentiment, &with_sentiment),
    ] {
        let recorded: BTreeMap<String, String> = model
            .load()
            .unwrap()
            .summary()
            .data
            .iter()
            .map(|f| (f.name.clone(), f.sha256.clone()))
            .collect();
        assert_eq!(
            &recorded, expected,
            "{model:?} is stale: run scripts/train-models.sh"
        );
        assert!(model
            .load()
            .unwrap()
            .summary()
            .data
            .iter()
            .all(|f| f.split.is_none()));
    }
}
