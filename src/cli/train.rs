//! `stance train`: fit a model on labelled rows and save it.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use super::common::{
    best_option, cross_validate_options, read_labelled, with_spinner, ColumnArgs, SplitArgs,
    TrainArgs,
};

/// Train a classifier on labelled sentences and save it as a model file.
#[derive(Debug, Args)]
pub struct TrainCmd {
    /// Labelled rows: TSV, CSV or JSONL with a header naming the text and label columns.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Where to write the model (JSON; written atomically).
    #[arg(long, value_name = "MODEL")]
    pub out: PathBuf,
    #[command(flatten)]
    pub columns: ColumnArgs,
    #[command(flatten)]
    pub split: SplitArgs,
    #[command(flatten)]
    pub train: TrainArgs,
}

impl TrainCmd {
    pub fn run(&self) -> Result<()> {
        let mut out = std::io::stdout().lock();
        let start = Instant::now();
        let mut data = read_labelled(&self.data, &self.columns.columns(), self.split.split)?;
        let names: Vec<&str> = data.files.iter().map(|f| f.name.as_str()).collect();
        let mut config = self.train.config();
        let (texts, labels) = (data.texts(self.train.target_aware()), data.labels());
        if self.train.option_grid() {
            let scores = with_spinner("cross-validating options", || {
                cross_validate_options(&self.train, &texts, &labels)
            })
            .with_context(|| format!("cross-validating on {}", names.join(", ")))?;
            let best = &scores[best_option(&scores)];
            for s in &scores {
                let c = s.cv.scores[s.cv.best].c;
                let options = s.describe(&self.train);
                writeln!(out, "{options}: macro-F1 {:.4} at C={c}", s.macro_f1())?;
            }
            config.analyzer.target_window = best.window;
            config.tfidf.min_df = best.min_df;
        }
        let config = config.check()?;
        let analyzed = with_spinner("analysing", || config.analyze(&texts, &labels))
            .with_context(|| format!("training on {}", names.join(", ")))?;
        // The rows' texts are not needed again: free them before the matrix and the solver.
        drop((texts, labels));
        data.rows = Vec::new();
        let trained = with_spinner("training", || config.fit_analyzed(analyzed))
            .with_context(|| format!("training on {}", names.join(", ")))?;
        let mut classifier = trained.classifier;
        classifier.set_data_files(data.files.clone());
        classifier
            .save(&self.out)
            .with_context(|| format!("saving the model to {}", self.out.display()))?;
        let elapsed = start.elapsed().as_secs_f64();

        let s = classifier.summary();
        let per_label: Vec<String> = s
            .rows_per_label
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        writeln!(
            out,
            "trained on {} rows from {} ({})",
            s.rows,
            names.join(", "),
            per_label.join(", ")
        )?;
        let a = classifier.analyzer().config();
        writeln!(
            out,
            "vocabulary: {} terms ({}-{} grams, min_df {}{})",
            classifier.tfidf().n_features(),
            a.ngram_min,
            a.ngram_max,
            s.tfidf.min_df,
            a.target_window
                .map_or(String::new(), |w| format!(", target window {w}"))
                + if a.target_clause {
                    ", clause copies"
                } else {
                    ""
                }
        )?;
        if let Some(cv) = &trained.cv {
            let scores: Vec<String> = cv
                .scores
                .iter()
                .map(|c| format!("C={} {:.4}", c.c, c.macro_f1))
                .collect();
            writeln!(
                out,
                "C = {} by {}-fold cross-validated macro-F1 ({})",
                s.params.c,
                cv.folds,
                scores.join(", ")
            )?;
        } else {
            writeln!(out, "C = {}", s.params.c)?;
        }
        writeln!(
            out,
            "solver: {:?}, {} iterations, {}, objective {:.4}",
            s.params.solver,
            s.iterations,
            if s.converged {
                "converged"
            } else {
                "NOT converged"
            },
            s.objective
        )?;
        if !s.converged {
            eprintln!(
                "warning: the solver stopped without converging; raise --max-iter (now {})",
                s.params.max_iter
            );
        }
        writeln!(out, "wrote {} in {elapsed:.2} s", self.out.display())?;
        Ok(())
    }
}
