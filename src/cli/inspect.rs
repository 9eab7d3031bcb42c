//! `stance inspect`: what a model is and which n-grams drive each label.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use stancekit::model::Classifier;

/// Show a model's training record and the strongest n-grams per label.
#[derive(Debug, Args)]
pub struct InspectCmd {
    /// The model file.
    #[arg(long, value_name = "MODEL")]
    pub model: PathBuf,
    /// How many n-grams to list per label.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
}

impl InspectCmd {
    pub fn run(&self) -> Result<()> {
        let mut out = std::io::stdout().lock();
        let classifier = Classifier::load(&self.model)?;
        let s = classifier.summary();
        writeln!(out, "model: {}", self.model.display())?;
        writeln!(out, "labels: {}", classifier.labels().join(", "))?;
        writeln!(
            out,
            "vocabulary: {} terms; analyzer {}",
            classifier.tfidf().n_features(),
            serde_json::to_string(classifier.analyzer().config())?
        )?;
        for f in &s.data {
            writeln!(
                out,
                "trained on {} ({} rows, sha256 {})",
                f.name, f.rows, f.sha256
            )?;
        }
        writeln!(
            out,
            "C = {}, {} iterations, converged: {}",
            s.params.c, s.iterations, s.converged
        )?;
        if let Some(cv) = &s.cv {
            writeln!(
                out,
                "cross-validated macro-F1 at C={}: {:.4} ({} folds)",
                cv.scores[cv.best].c, cv.scores[cv.best].macro_f1, cv.folds
            )?;
        }
        for (label, terms) in classifier.top_terms(self.top) {
            writeln!(out, "\n{label}:")?;
            for t in terms {
                writeln!(out, "  {:>8.4}  {}", t.weight, t.term)?;
            }
        }
        Ok(())
    }
}
