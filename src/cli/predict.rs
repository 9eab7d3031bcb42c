//! `stance predict`: label every row of the input, in order.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;
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
    /// rayon and written in input order, so memory stays flat however long the input. Reading
    /// (serial) runs on a thread of its own, one batch ahead of the scoring, which would
    /// otherwise wait for it.
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
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<Row>>(1);
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || read_batches(inputs, &columns, &batches));
            let mut written = Ok(());
            for batch in received.iter() {
                written = self.write_batch(models, marker, &batch, format, out);
                if written.is_err() {
                    break;
                }
            }
            // A reader still sending finds the channel closed and stops.
            drop(received);
            let read = reader
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            written.map_err(|e| stancekit::Error::io("<standard output>", e))?;
            Ok(read?)
        })
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

/// Reads every input's rows in order and sends them in batches of [`BATCH`] (the last of each
/// input smaller); stops when the receiver is gone.
fn read_batches(
    inputs: &[(&PathBuf, Option<Vec<u8>>)],
    columns: &data::Columns,
    batches: &std::sync::mpsc::SyncSender<Vec<Row>>,
) -> stancekit::Result<()> {
    let closed = || {
        let gone = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        stancekit::Error::io("<standard output>", gone)
    };
    for (path, bytes) in inputs {
        let mut batch = Vec::with_capacity(BATCH);
        let mut sink = |row: Row| {
            batch.push(row);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                batches.send(full).map_err(|_| closed())?;
            }
            Ok(())
        };
        match bytes {
            Some(bytes) => {
                data::for_each_row(path, bytes.as_slice(), columns, Labels::Optional, &mut sink)?
            }
            None => {
                let file = std::fs::File::open(path).map_err(|e| stancekit::Error::io(*path, e))?;
                data::for_each_row(path, file, columns, Labels::Optional, &mut sink)?
            }
        }
        if !batch.is_empty() {
            batches.send(batch).map_err(|_| closed())?;
        }
    }
    Ok(())
}

/// One model's fields of a JSONL row, in the order serde_json gives a map's keys (sorted), as
/// the rows have always been written.
#[derive(Serialize)]
struct ModelFields<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a [Contribution]>,
    label: &'a str,
    probabilities: Probabilities<'a>,
}

/// Each label's probability, as a JSON object in the model's (sorted) label order.
struct Probabilities<'a>(&'a [String], &'a [f64]);

impl Serialize for Probabilities<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().zip(self.1))
    }
}

/// A value of a JSONL row: the id, or a named model's fields.
#[derive(Serialize)]
#[serde(untagged)]
enum Field<'a> {
    Id(&'a str),
    Model(ModelFields<'a>),
}

/// A JSONL row of a single unnamed model: its fields at the top level (`explain` sorts before
/// `id`, so [`ModelFields`] cannot simply be flattened into it).
#[derive(Serialize)]
struct FlatRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a [Contribution]>,
    id: &'a str,
    label: &'a str,
    probabilities: Probabilities<'a>,
}

/// Writes one JSONL row, straight from the predictions (no JSON value is built).
fn jsonl_row(
    models: &Models,
    id: &str,
    scored: &[(Prediction, Option<Vec<Contribution>>)],
    out: &mut impl Write,
) -> Result<()> {
    if let ([(None, m)], [one]) = (&models[..], scored) {
        let fields = model_fields(m, one);
        let row = FlatRow {
            explain: fields.explain,
            id,
            label: fields.label,
            probabilities: fields.probabilities,
        };
        serde_json::to_writer(&mut *out, &row)?;
    } else {
        let mut row: Vec<(&str, Field)> = vec![("id", Field::Id(id))];
        for ((name, m), one) in models.iter().zip(scored) {
            row.push((name.unwrap_or_default(), Field::Model(model_fields(m, one))));
        }
        row.sort_by_key(|&(key, _)| key);
        serde_json::to_writer(&mut *out, &SortedMap(row))?;
    }
    writeln!(out)?;
    Ok(())
}

fn model_fields<'a>(
    m: &'a Classifier,
    (p, explain): &'a (Prediction, Option<Vec<Contribution>>),
) -> ModelFields<'a> {
    ModelFields {
        explain: explain.as_deref(),
        label: &m.labels()[p.label],
        probabilities: Probabilities(m.labels(), &p.probabilities),
    }
}

/// Key-value pairs written as a JSON object, in their order.
struct SortedMap<'a>(Vec<(&'a str, Field<'a>)>);

impl Serialize for SortedMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
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
