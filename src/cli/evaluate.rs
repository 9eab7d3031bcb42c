//! `stance evaluate`: score a model on labelled rows, or cross-validate training options.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use stancekit::metrics::Report;
use stancekit::model::{argmax, load_model, Classifier};

use super::common::{
    best_option, cross_validate_options, read_labelled, with_spinner, ColumnArgs, SplitArgs,
    TrainArgs,
};

/// Report accuracy, per-label precision / recall / F1, macro-F1 and the confusion matrix.
#[derive(Debug, Args)]
pub struct EvaluateCmd {
    /// The model to evaluate: a file, or builtin:stance / builtin:sentiment. Without it,
    /// `--folds K` cross-validates the training options.
    #[arg(long, value_name = "MODEL", required_unless_present = "folds")]
    pub model: Option<String>,
    /// Labelled rows: TSV, CSV or JSONL.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Print one JSON object instead of the text report.
    #[arg(long)]
    pub json: bool,
    /// Rename gold labels before scoring, e.g. `verbal_conflict=tense,verbal_cooperation=warm`.
    #[arg(long, value_delimiter = ',', value_name = "FROM=TO,…", value_parser = parse_mapping)]
    pub map: Vec<(String, String)>,
    /// Leave out rows whose gold label (after --map) is one of these.
    #[arg(long, value_delimiter = ',', value_name = "LABEL,…")]
    pub drop_label: Vec<String>,
    /// Never predict these labels of the model: compare only the other labels' probabilities
    /// (to score a 3-label model on a 2-label set).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "LABEL,…",
        requires = "model"
    )]
    pub ignore_label: Vec<String>,
    #[command(flatten)]
    pub columns: ColumnArgs,
    #[command(flatten)]
    pub split: SplitArgs,
    #[command(flatten)]
    pub train: TrainArgs,
}

fn parse_mapping(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
            Ok((from.trim().to_string(), to.trim().to_string()))
        }
        _ => Err(format!("{s:?} is not FROM=TO")),
    }
}

impl EvaluateCmd {
    pub fn run(&self) -> Result<()> {
        let mut out = std::io::stdout().lock();
        let mut data = read_labelled(&self.data, &self.columns.columns(), self.split.split)?;
        for row in &mut data.rows {
            let label = row.label.as_deref().unwrap_or_default();
            if let Some((_, to)) = self.map.iter().find(|(from, _)| from == label) {
                row.label = Some(to.clone());
            }
        }
        data.rows.retain(|r| {
            !self
                .drop_label
                .iter()
                .any(|l| r.label.as_deref() == Some(l))
        });
        let report = match &self.model {
            Some(spec) => {
                let model = load_model(spec)?;
                self.score(&model, &data.texts(model.is_target_aware()), &data.labels())?
            }
            None if self.train.target_aware() || self.train.option_grid() => {
                let texts = data.texts(self.train.target_aware());
                let scores = with_spinner("cross-validating", || {
                    cross_validate_options(&self.train, &texts, &data.labels())
                })?;
                let best = &scores[best_option(&scores)];
                if !self.json {
                    for s in &scores {
                        let options = s.describe(&self.train);
                        for c in &s.cv.scores {
                            writeln!(
                                out,
                                "{options}, C={}: mean fold macro-F1 {:.4}",
                                c.c, c.macro_f1
                            )?;
                        }
                    }
                    writeln!(
                        out,
                        "{}-fold cross-validation, out-of-fold predictions at {}, C={}:\n",
                        best.cv.folds,
                        best.describe(&self.train),
                        best.cv.scores[best.cv.best].c
                    )?;
                }
                Report::new(&best.labels, &best.gold, &best.cv.out_of_fold[best.cv.best])
            }
            None => {
                let config = self.train.config().check()?;
                let (labels, gold, cv) = with_spinner("cross-validating", || {
                    config.cross_validate(&data.texts(false), &data.labels())
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
            bail!(stancekit::Error::Data {
                path: self.data[0].clone(),
                line: 0,
                message: "no rows left to evaluate".into(),
            });
        };
        if self.json {
            writeln!(out, "{}", serde_json::to_string(&report)?)?;
        } else {
            write!(out, "{report}")?;
        }
        Ok(())
    }

    /// Predicts every text with `classifier`, skipping `--ignore-label` labels, and scores the
    /// predictions against `gold`. Gold labels the model does not know count as errors.
    fn score(
        &self,
        classifier: &Classifier,
        texts: &[std::borrow::Cow<'_, str>],
        gold: &[&str],
    ) -> Result<Option<Report>> {
        let model_labels = classifier.labels();
        for l in &self.ignore_label {
            if !model_labels.contains(l) {
                bail!(stancekit::Error::config(
                    "--ignore-label",
                    l,
                    format!("the model's labels are {}", model_labels.join(", ")),
                ));
            }
        }
        let kept: Vec<usize> = (0..model_labels.len())
            .filter(|&k| !self.ignore_label.contains(&model_labels[k]))
            .collect();
        let mut labels: Vec<String> = kept.iter().map(|&k| model_labels[k].clone()).collect();
        let mut gold_index = Vec::with_capacity(gold.len());
        for &label in gold {
            let i = match labels.iter().position(|l| l == label) {
                Some(i) => i,
                None => {
                    labels.push(label.to_string());
                    labels.len() - 1
                }
            };
            gold_index.push(i);
        }
        let predicted: Vec<usize> = texts
            .iter()
            .map(|t| {
                let p = classifier.predict(t).probabilities;
                let remaining: Vec<f64> = kept.iter().map(|&k| p[k]).collect();
                argmax(&remaining)
            })
            .collect();
        Ok(Report::new(&labels, &gold_index, &predicted))
    }
}
