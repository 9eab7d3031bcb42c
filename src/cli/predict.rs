//! `stance predict`: label every row of the input, in order.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use stancekit::actors::TargetMarker;
use stancekit::data::{self, Labels, Row};
use stancekit::model::{load_model, Builtin, Classifier, Contribution, Prediction};

use super::articles;
use super::common::{model_text, read_any, ArticleArgs, ColumnArgs, Input};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per row.
    Jsonl,
    /// Comma-separated, with a header.
    Csv,
}

/// Label rows (one output row per input row, in order), or score whole articles sentence by
/// sentence with the actors they name, then roll up per actor and actor pair.
///
/// Without --model, the two built-in models score every row: stance (warm / neutral / tense)
/// and sentiment (positive / neutral / negative). Articles always use the pair.
#[derive(Debug, Args)]
pub struct PredictCmd {
    /// One model to apply instead of the built-in pair: a file, or builtin:NAME.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
    /// The stance model of the pair [default: builtin:stance]
    #[arg(long, value_name = "MODEL", conflicts_with = "model")]
    pub stance_model: Option<String>,
    /// The sentiment model of the pair [default: builtin:sentiment]
    #[arg(long, value_name = "MODEL", conflicts_with = "model")]
    pub sentiment_model: Option<String>,
    /// Output format [default: table on a terminal, else jsonl]
    #[arg(long)]
    pub format: Option<OutputFormat>,
    /// List the N n-grams that pushed hardest toward each predicted label.
    #[arg(long, value_name = "N")]
    pub explain: Option<usize>,
    /// Input: rows (TSV, CSV, JSONL), articles (.txt files, directories of them, JSONL with
    /// --articles), or `-` (the default) for standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub columns: ColumnArgs,
    #[command(flatten)]
    pub article: ArticleArgs,
}

/// Rows read and scored at a time.
const BATCH: usize = 1 << 14;

/// The models to apply, each with the name its output goes under (`None`: a single model,
/// whose label and probabilities are top-level fields).
type Models = Vec<(Option<&'static str>, Classifier)>;

impl PredictCmd {
    fn models(&self) -> Result<Models> {
        if let Some(spec) = &self.model {
            return Ok(vec![(None, load_model(spec)?)]);
        }
        let pick = |over: &Option<String>, builtin: Builtin| match over {
            Some(spec) => load_model(spec),
            None => builtin.load(),
        };
        Ok(vec![
            (Some("stance"), pick(&self.stance_model, Builtin::Stance)?),
            (
                Some("sentiment"),
                pick(&self.sentiment_model, Builtin::Sentiment)?,
            ),
        ])
    }

    pub fn run(&self) -> Result<()> {
        let format = self.format.unwrap_or(if std::io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        });
        let mut rows = Vec::new();
        let mut articles = Vec::new();
        for path in &self.files {
            match read_any(path, &self.columns.text_column, self.article.articles)? {
                Input::RowsFile => rows.push((path, None)),
                Input::Rows(bytes) => rows.push((path, Some(bytes))),
                Input::Articles(a) => articles.extend(a),
            }
        }
        if !rows.is_empty() && !articles.is_empty() {
            bail!(stancekit::Error::config(
                "FILE",
                "rows and articles",
                "give either row files (TSV, CSV, JSONL) or articles (.txt, directories, --articles), not both",
            ));
        }
        let models = self.models()?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        if articles.is_empty() {
            let lexicon = self.article.lexicon()?;
            let marker = models
                .iter()
                .any(|(_, m)| m.is_target_aware())
                .then(|| TargetMarker::new(&lexicon));
            self.rows(&models, marker.as_ref(), &rows, format, &mut out)?;
        } else {
            let [(_, stance), (_, sentiment)] = &models[..] else {
                bail!(stancekit::Error::config(
                    "--model",
                    self.model.as_deref().unwrap_or_default(),
                    "articles are scored with a stance and a sentiment model: use --stance-model and --sentiment-model",
                ));
            };
            let lexicon = self.article.lexicon()?;
            let scorer = self
                .article
                .scorer(stance, sentiment, &lexicon, self.explain)?;
            articles::write(&scorer, &articles, format, &mut out)?;
        }
        out.flush()?;
        Ok(())
    }

    /// Streams rows through the models: read in batches of [`BATCH`] rows, each batch scored on
    /// rayon and written in input order, so memory stays flat however long the input.
    fn rows(
        &self,
        models: &Models,
        marker: Option<&TargetMarker>,
        inputs: &[(&PathBuf, Option<Vec<u8>>)],
        format: OutputFormat,
        out: &mut impl Write,
    ) -> Result<()> {
        self.header(models, format, out)?;
        let columns = self.columns.columns();
        let mut batch = Vec::with_capacity(BATCH);
        for (path, bytes) in inputs {
            let stdout_error = |e: std::io::Error| stancekit::Error::io("<standard output>", e);
            let mut sink = |row: Row| {
                batch.push(row);
                if batch.len() == BATCH {
                    self.write_batch(models, marker, &batch, format, out)
                        .map_err(stdout_error)?;
                    batch.clear();
                }
                Ok(())
            };
            match bytes {
                Some(bytes) => data::for_each_row(
                    path,
                    bytes.as_slice(),
                    &columns,
                    Labels::Optional,
                    &mut sink,
                )?,
                None => {
                    let file =
                        std::fs::File::open(path).map_err(|e| stancekit::Error::io(*path, e))?;
                    data::for_each_row(path, file, &columns, Labels::Optional, &mut sink)?
                }
            }
            self.write_batch(models, marker, &batch, format, out)
                .map_err(stdout_error)?;
            batch.clear();
        }
        Ok(())
    }

    /// Scores a batch in parallel blocks and writes the blocks in order.
    fn write_batch(
        &self,
        models: &Models,
        marker: Option<&TargetMarker>,
        rows: &[Row],
        format: OutputFormat,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        let blocks: Vec<std::io::Result<Vec<u8>>> = rows
            .par_chunks(256)
            .map(|block| {
                let mut buf = Vec::with_capacity(block.len() * 160);
                for row in block {
                    let scored: Vec<(Prediction, Option<Vec<Contribution>>)> = models
                        .iter()
                        .map(|(_, m)| {
                            let text = model_text(row, marker.filter(|_| m.is_target_aware()));
                            let p = m.predict(&text);
                            let e = self.explain.map(|n| m.explain(&text, p.label, n));
                            (p, e)
                        })
                        .collect();
                    match format {
                        OutputFormat::Jsonl => jsonl_row(models, &row.id, &scored, &mut buf),
                        OutputFormat::Csv => csv_row(&row.id, models, &scored, &mut buf),
                        OutputFormat::Table => {
                            table_row(&row.id, &row.text, models, &scored, &mut buf)
                        }
                    }
                    .map_err(std::io::Error::other)?;
                }
                Ok(buf)
            })
            .collect();
        for block in blocks {
            out.write_all(&block?)?;
        }
        Ok(())
    }

    fn header(&self, models: &Models, format: OutputFormat, out: &mut impl Write) -> Result<()> {
        match format {
            OutputFormat::Csv => {
                let mut cols = vec!["id".to_string()];
                for (name, m) in models {
                    let prefix = name.map_or(String::new(), |n| format!("{n}_"));
                    cols.push(name.unwrap_or("label").to_string());
                    cols.extend(m.labels().iter().map(|l| format!("p_{prefix}{l}")));
                    if self.explain.is_some() {
                        cols.push(format!("{prefix}explain"));
                    }
                }
                writeln!(out, "{}", cols.join(","))?;
            }
            OutputFormat::Table => {
                let mut cols = format!("{:<16}", "id");
                for (name, _) in models {
                    cols.push_str(&format!(" {:<10} {:>6}", name.unwrap_or("label"), "p"));
                }
                writeln!(out, "{cols}  text")?;
            }
            OutputFormat::Jsonl => {}
        }
        Ok(())
    }
}

fn jsonl_row(
    models: &Models,
    id: &str,
    scored: &[(Prediction, Option<Vec<Contribution>>)],
    out: &mut impl Write,
) -> Result<()> {
    let mut record = Map::new();
    record.insert("id".into(), id.into());
    for ((name, m), (p, explain)) in models.iter().zip(scored) {
        let mut fields = Map::new();
        fields.insert("label".into(), m.labels()[p.label].clone().into());
        let probabilities: Map<String, Value> = m
            .labels()
            .iter()
            .zip(&p.probabilities)
            .map(|(l, &v)| (l.clone(), v.into()))
            .collect();
        fields.insert("probabilities".into(), probabilities.into());
        if let Some(e) = explain {
            fields.insert("explain".into(), json!(e));
        }
        match name {
            Some(n) => {
                record.insert((*n).into(), fields.into());
            }
            None => record.extend(fields),
        }
    }
    serde_json::to_writer(&mut *out, &record)?;
    writeln!(out)?;
    Ok(())
}

fn csv_row(
    id: &str,
    models: &Models,
    scored: &[(Prediction, Option<Vec<Contribution>>)],
    out: &mut impl Write,
) -> Result<()> {
    let mut record = vec![id.to_string()];
    for ((_, m), (p, explain)) in models.iter().zip(scored) {
        record.push(m.labels()[p.label].clone());
        record.extend(p.probabilities.iter().map(|v| format!("{v:.6}")));
        if let Some(e) = explain {
            let terms: Vec<String> = e
                .iter()
                .map(|c| format!("{}:{:.4}", c.term, c.weight))
                .collect();
            record.push(terms.join(";"));
        }
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(&record)?;
    w.flush()?;
    Ok(())
}

fn table_row(
    id: &str,
    text: &str,
    models: &Models,
    scored: &[(Prediction, Option<Vec<Contribution>>)],
    out: &mut impl Write,
) -> Result<()> {
    let mut line = format!("{id:<16}");
    for ((_, m), (p, _)) in models.iter().zip(scored) {
        line.push_str(&format!(
            " {:<10} {:>6.3}",
            m.labels()[p.label],
            p.probabilities[p.label]
        ));
    }
    let short: String = text.chars().take(70).collect();
    let ellipsis = if text.chars().count() > 70 { "…" } else { "" };
    writeln!(out, "{line}  {short}{ellipsis}")?;
    for ((name, m), (p, explain)) in models.iter().zip(scored) {
        for c in explain.iter().flatten() {
            let label = &m.labels()[p.label];
            let tag = name.map_or(label.clone(), |n| format!("{n}:{label}"));
            writeln!(out, "{:<16}   {tag:<18} {:>+8.4}  {}", "", c.weight, c.term)?;
        }
    }
    Ok(())
}
