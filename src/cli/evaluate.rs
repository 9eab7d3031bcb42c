//! `stance evaluate`: score a model on labelled rows, or cross-validate training options.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use stancekit::metrics::Report;
use stancekit::model::Classifier;

use super::common::{read_labelled, with_spinner, ColumnArgs, TrainArgs};

/// Report accuracy, per-label precision / recall / F1, macro-F1 and the confusion matrix.
#[derive(Debug, Args)]
pub struct EvaluateCmd {
    /// The model to evaluate. Without it, `--folds K` cross-validates the training options.
    #[arg(long, value_name = "MODEL", required_unless_present = "folds")]
    pub model: Option<PathBuf>,
    /// Labelled rows: TSV, CSV or JSONL.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Print one JSON object instead of the text report.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub columns: ColumnArgs,
    #[command(flatten)]
    pub train: TrainArgs,
}

impl EvaluateCmd {
    pub fn run(&self) -> Result<()> {
        let mut out = std::io::stdout().lock();
        let data = read_labelled(&self.data, &self.columns.columns())?;
        let report = match &self.model {
            Some(path) => {
                let classifier = Classifier::load(path)?;
                let mut labels = classifier.labels().to_vec();
                let mut gold = Vec::with_capacity(data.rows.len());
                for label in data.labels() {
                    let i = match labels.iter().position(|l| l == label) {
                        Some(i) => i,
                        None => {
                            labels.push(label.to_string());
                            labels.len() - 1
                        }
                    };
                    gold.push(i);
                }
                let predicted: Vec<usize> = data
                    .texts()
                    .iter()
                    .map(|t| classifier.predict(t).label)
                    .collect();
                Report::new(&labels, &gold, &predicted)
            }
            None => {
                let config = self.train.config().check()?;
                let (labels, gold, cv) = with_spinner("cross-validating", || {
                    config.cross_validate(&data.texts(), &data.labels())
                })?;
                if !self.json {
                    for s in &cv.scores {
                        writeln!(out, "C={}: mean fold macro-F1 {:.4}", s.c, s.macro_f1)?;
                    }
                    writeln!(
                        out,
                        "{}-fold cross-validation, out-of-fold predictions at C={}:\n",
                        cv.folds, cv.scores[cv.best].c
                    )?;
                }
                Report::new(&labels, &gold, &cv.out_of_fold[cv.best])
            }
        };
        let Some(report) = report else {
            bail!("no rows to evaluate in {}", self.data[0].display());
        };
        if self.json {
            writeln!(out, "{}", serde_json::to_string(&report)?)?;
        } else {
            write!(out, "{report}")?;
        }
        Ok(())
    }
}
