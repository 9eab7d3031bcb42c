//! `stance predict`: label every row of the input, in order.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use stancekit::data::{self, Labels};
use stancekit::model::{Classifier, Contribution};

use super::common::{read_input, ColumnArgs};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per row.
    Jsonl,
    /// Comma-separated, with a header.
    Csv,
}

/// Label rows (TSV, CSV or JSONL with a text column): one output row per input row, in order.
#[derive(Debug, Args)]
pub struct PredictCmd {
    /// The model file.
    #[arg(long, value_name = "MODEL")]
    pub model: PathBuf,
    /// Output format.
    #[arg(long, default_value = "jsonl")]
    pub format: OutputFormat,
    /// List the N n-grams that pushed hardest toward the predicted label.
    #[arg(long, value_name = "N")]
    pub explain: Option<usize>,
    /// Input files; `-` (the default) reads standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub columns: ColumnArgs,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a str,
    label: &'a str,
    probabilities: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Vec<Contribution>>,
}

impl PredictCmd {
    pub fn run(&self) -> Result<()> {
        let classifier = Classifier::load(&self.model)?;
        let labels = classifier.labels();
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        match self.format {
            OutputFormat::Csv => {
                let probs: Vec<String> = labels.iter().map(|l| format!("p_{l}")).collect();
                let explain = if self.explain.is_some() {
                    ",explain"
                } else {
                    ""
                };
                writeln!(out, "id,label,{}{explain}", probs.join(","))?;
            }
            OutputFormat::Table => {
                let probs: Vec<String> = labels.iter().map(|l| format!("{l:>9}")).collect();
                writeln!(
                    out,
                    "{:<16} {:<10} {}  text",
                    "id",
                    "label",
                    probs.join(" ")
                )?;
            }
            OutputFormat::Jsonl => {}
        }
        for path in &self.files {
            let bytes = read_input(path)?;
            let rows =
                data::read_rows_from(path, &bytes, &self.columns.columns(), Labels::Optional)?;
            for row in rows {
                let p = classifier.predict(&row.text);
                let label = labels[p.label].as_str();
                let explain = self
                    .explain
                    .map(|n| classifier.explain(&row.text, p.label, n));
                match self.format {
                    OutputFormat::Jsonl => {
                        let probabilities = labels
                            .iter()
                            .zip(&p.probabilities)
                            .map(|(l, &v)| (l.clone(), v.into()))
                            .collect();
                        let record = Output {
                            id: &row.id,
                            label,
                            probabilities,
                            explain,
                        };
                        serde_json::to_writer(&mut out, &record)?;
                        writeln!(out)?;
                    }
                    OutputFormat::Csv => {
                        let mut w = csv::WriterBuilder::new()
                            .has_headers(false)
                            .terminator(csv::Terminator::Any(b'\n'))
                            .from_writer(&mut out);
                        let mut record = vec![row.id.clone(), label.to_string()];
                        record.extend(p.probabilities.iter().map(|v| format!("{v:.6}")));
                        if let Some(e) = &explain {
                            let terms: Vec<String> = e
                                .iter()
                                .map(|c| format!("{}:{:.4}", c.term, c.weight))
                                .collect();
                            record.push(terms.join(";"));
                        }
                        w.write_record(&record)?;
                        w.flush()?;
                    }
                    OutputFormat::Table => {
                        let probs: Vec<String> = p
                            .probabilities
                            .iter()
                            .map(|v| format!("{v:>9.4}"))
                            .collect();
                        let text: String = row.text.chars().take(60).collect();
                        let ellipsis = if row.text.chars().count() > 60 {
                            "…"
                        } else {
                            ""
                        };
                        writeln!(
                            out,
                            "{:<16} {:<10} {}  {text}{ellipsis}",
                            row.id,
                            label,
                            probs.join(" ")
                        )?;
                        if let Some(e) = &explain {
                            for c in e {
                                writeln!(out, "{:<16}   {:>+8.4}  {}", "", c.weight, c.term)?;
                            }
                        }
                    }
                }
            }
        }
        out.flush()?;
        Ok(())
    }
}
