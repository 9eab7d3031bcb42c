//! `stance graph`: draw the actors of a corpus and their rolled-up relations as an SVG.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use stancekit::data;
use stancekit::model::{load_model, Builtin};
use stancekit::report::{render_svg, GraphOptions, Rollups};

use super::common::ArticleArgs;

/// Draw actors as nodes and actor pairs as edges coloured by their rolled-up stance.
#[derive(Debug, Args)]
pub struct GraphCmd {
    /// Articles: .txt files, directories of them, or JSONL with --articles.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the SVG.
    #[arg(long, value_name = "SVG")]
    pub out: PathBuf,
    /// Leave out pairs named in fewer sentences.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_sentences: usize,
    /// Draw at most N actors (those named most).
    #[arg(long, default_value_t = 24, value_name = "N")]
    pub max_actors: usize,
    /// Title of the picture [default: the input names]
    #[arg(long)]
    pub title: Option<String>,
    /// The stance model [default: builtin:stance]
    #[arg(long, value_name = "MODEL")]
    pub stance_model: Option<String>,
    /// The sentiment model [default: builtin:sentiment]
    #[arg(long, value_name = "MODEL")]
    pub sentiment_model: Option<String>,
    #[command(flatten)]
    pub article: ArticleArgs,
}

impl GraphCmd {
    pub fn run(&self) -> Result<()> {
        let load = |spec: &Option<String>, builtin: Builtin| match spec {
            Some(s) => load_model(s),
            None => builtin.load(),
        };
        let stance = load(&self.stance_model, Builtin::Stance)?;
        let sentiment = load(&self.sentiment_model, Builtin::Sentiment)?;
        let lexicon = self.article.lexicon()?;
        let scorer = self.article.scorer(&stance, &sentiment, &lexicon, None)?;
        let mut corpus = Rollups::default();
        let mut count = 0;
        for path in &self.files {
            for article in data::read_articles(path, self.article.articles)? {
                corpus.add(&scorer.score(&article), &scorer);
                count += 1;
            }
        }
        let names: Vec<String> = self.files.iter().map(|f| f.display().to_string()).collect();
        let summary = corpus.summary("corpus", &format!("{count} articles"), &scorer);
        let options = GraphOptions {
            min_sentences: self.min_sentences,
            max_actors: self.max_actors,
            title: self.title.clone().unwrap_or_else(|| names.join(", ")),
        };
        std::fs::write(&self.out, render_svg(&summary, &options))
            .map_err(|e| stancekit::Error::io(&self.out, e))
            .with_context(|| "writing the graph")?;
        eprintln!(
            "wrote {}: {} actors, {} pairs from {count} articles",
            self.out.display(),
            summary.actors.len(),
            summary.pairs.len()
        );
        Ok(())
    }
}
