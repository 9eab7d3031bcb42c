//! Writing scored articles: sentences, then each article's roll-up, then the corpus roll-up when
//! there are several articles.

use std::io::Write;

use anyhow::Result;
use rayon::prelude::*;
use stancekit::data::Article;
use stancekit::report::{
    write_csv_header, write_csv_sentence, write_table_rollup, write_table_sentence, Rollups, Scorer,
};

use super::predict::OutputFormat;

/// Articles scored in parallel before their sentences are written.
const ARTICLES_PER_BATCH: usize = 64;

pub fn write(
    scorer: &Scorer<'_>,
    articles: &[Article],
    format: OutputFormat,
    out: &mut impl Write,
) -> Result<()> {
    let mut corpus = Rollups::default();
    if let OutputFormat::Csv = format {
        write_csv_header(out, scorer.stance_labels(), scorer.sentiment_labels())?;
    }
    // Articles are scored (and for JSONL their sentence lines serialised) on rayon a batch at a
    // time, then written in input order.
    for batch in articles.chunks(ARTICLES_PER_BATCH) {
        let scored = batch
            .par_iter()
            .map(|article| {
                let sentences = scorer.score(article);
                let mut lines = Vec::new();
                if let OutputFormat::Jsonl = format {
                    for s in &sentences {
                        serde_json::to_writer(&mut lines, s)?;
                        lines.push(b'\n');
                    }
                }
                Ok((sentences, lines))
            })
            .collect::<Result<Vec<_>>>()?;
        for (article, (sentences, lines)) in batch.iter().zip(scored) {
            let mut rollups = Rollups::default();
            rollups.add(&sentences, scorer);
            corpus.add(&sentences, scorer);
            let summary = rollups.summary("article", &article.id, scorer);
            match format {
                OutputFormat::Jsonl => {
                    out.write_all(&lines)?;
                    serde_json::to_writer(&mut *out, &summary)?;
                    writeln!(out)?;
                }
                OutputFormat::Table => {
                    writeln!(out, "== {}", article.id)?;
                    for s in &sentences {
                        write_table_sentence(out, s)?;
                    }
                    write_table_rollup(out, &summary)?;
                    writeln!(out)?;
                }
                OutputFormat::Csv => {
                    for s in &sentences {
                        write_csv_sentence(out, s)?;
                    }
                }
            }
        }
    }
    if articles.len() > 1 {
        let summary = corpus.summary("corpus", &format!("{} articles", articles.len()), scorer);
        match format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut *out, &summary)?;
                writeln!(out)?;
            }
            OutputFormat::Table => write_table_rollup(out, &summary)?,
            OutputFormat::Csv => {}
        }
    }
    Ok(())
}
