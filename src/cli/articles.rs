//! Writing scored articles: sentences, then each article's roll-up, then the corpus roll-up when
//! there are several articles.

use std::io::Write;

use anyhow::Result;
use stancekit::data::Article;
use stancekit::report::{
    write_csv_header, write_csv_sentence, write_table_rollup, write_table_sentence, Rollups, Scorer,
};

use super::predict::OutputFormat;

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
    for article in articles {
        let sentences = scorer.score(article);
        let mut rollups = Rollups::default();
        rollups.add(&sentences, scorer);
        corpus.add(&sentences, scorer);
        let summary = rollups.summary("article", &article.id, scorer);
        match format {
            OutputFormat::Jsonl => {
                for s in &sentences {
                    serde_json::to_writer(&mut *out, s)?;
                    writeln!(out)?;
                }
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
