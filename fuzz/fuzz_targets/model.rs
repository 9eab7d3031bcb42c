//! The model loader on arbitrary bytes: refused with a message, or a model whose predictions
//! are finite probabilities that sum to 1.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancekit::model::Classifier;

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = Classifier::from_bytes(data, "fuzz.json".as_ref()) {
        for text in ["", "Ankara praised Moscow", "not always seen eye-to-eye"] {
            let p = model.predict(text);
            assert!(p.probabilities.iter().all(|v| v.is_finite() && *v >= 0.0));
            assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            assert!(p.label < model.labels().len());
        }
    }
});
