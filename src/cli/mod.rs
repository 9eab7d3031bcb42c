//! The `stance` command line: one module per subcommand, each an args struct and a short `run`.

mod articles;
mod common;
mod evaluate;
mod graph;
mod inspect;
pub mod predict;
mod train;

use clap::{Parser, Subcommand};

/// Stance between political actors, and sentiment, in news sentences.
#[derive(Debug, Parser)]
#[command(
    name = "stance",
    version,
    after_help = "Examples:
  stance predict article.txt
  stance predict --format jsonl --level actor news/
  stance graph news/ --out relations.svg
  stance train --data data/relations/*.tsv --label-column stance --out stance.json
  stance train --data train.tsv --c 0.1,1,10 --folds 5 --sublinear-tf --out model.json
  stance evaluate --model model.json --data dev.tsv
  stance evaluate --data train.tsv --folds 5 --c 1,10
  stance predict --model model.json --format table sentences.tsv
  stance evaluate --model builtin:stance --data pairs.tsv --map cooperation=warm,conflict=tense --ignore-label neutral
  cat rows.jsonl | stance predict --model model.json --explain 5 -
  stance inspect --model model.json --top 15

Exit status: 0 on success, 2 on bad input (files, options, models), 1 otherwise."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Train(train::TrainCmd),
    Evaluate(evaluate::EvaluateCmd),
    Predict(predict::PredictCmd),
    Inspect(inspect::InspectCmd),
    Graph(graph::GraphCmd),
}

impl Cli {
    pub fn run(&self) -> anyhow::Result<()> {
        match &self.command {
            Command::Train(c) => c.run(),
            Command::Evaluate(c) => c.run(),
            Command::Predict(c) => c.run(),
            Command::Inspect(c) => c.run(),
            Command::Graph(c) => c.run(),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
