//! Arguments and helpers shared by several subcommands.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use stancekit::actors::{Lexicon, TargetMarker};
use stancekit::data::{self, split_of, Columns, Labels, Row, Split};
use stancekit::features::TfidfConfig;
use stancekit::model::{ClassWeight, DataFile, Solver, TrainConfig, TrainParams};
use stancekit::text::{AnalyzerConfig, Stopwords};

/// Which columns of the input hold what.
#[derive(Debug, Args)]
pub struct ColumnArgs {
    /// Column (or JSON field) with the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_column: String,
    /// Column (or JSON field) with the label.
    #[arg(long, default_value = "label", value_name = "NAME")]
    pub label_column: String,
    /// Column (or JSON field) with the row id; rows without one are numbered from 1.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_column: String,
    /// Column (or JSON field) naming the actor a target-aware model scores each row toward;
    /// `<NAME>_start` / `<NAME>_end`, when present, give its character offsets.
    #[arg(long, default_value = "target", value_name = "NAME")]
    pub target_column: String,
    /// Column (or JSON field) naming the acting side, marked as another actor for a target-aware
    /// model.
    #[arg(long, default_value = "source", value_name = "NAME")]
    pub source_column: String,
    /// The longest input line accepted, in bytes.
    #[arg(long, default_value_t = data::MAX_LINE_BYTES, value_name = "BYTES")]
    pub max_line_bytes: usize,
}

impl ColumnArgs {
    pub fn columns(&self) -> Columns {
        Columns {
            text: self.text_column.clone(),
            label: self.label_column.clone(),
            id: self.id_column.clone(),
            target: self.target_column.clone(),
            source: self.source_column.clone(),
            max_line_bytes: self.max_line_bytes,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StopwordsArg {
    English,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClassWeightArg {
    None,
    Balanced,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SolverArg {
    /// Sparse L-BFGS: the production solver.
    Lbfgs,
    /// argmin's L-BFGS on the same sparse objective: a slower reference.
    Argmin,
    /// linfa-logistic on a dense matrix: the reference, for small data only.
    Linfa,
}

/// Options that decide how a model is trained.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Inverse regularisation strength; several values (comma-separated) are chosen among by
    /// cross-validated macro-F1 [default: 3]
    #[arg(long, value_delimiter = ',', value_name = "C[,C…]")]
    pub c: Vec<f64>,
    /// Folds for cross-validation [default: 5]
    #[arg(long, value_name = "K")]
    pub folds: Option<usize>,
    /// Word n-gram range, MIN-MAX (or N for N-N).
    #[arg(long, default_value = "1-2", value_name = "MIN-MAX", value_parser = parse_ngrams)]
    pub ngrams: (usize, usize),
    /// Keep terms found in at least N training rows; several values (comma-separated) are
    /// chosen among by cross-validation, each with every --target-window value.
    #[arg(
        long,
        value_delimiter = ',',
        default_values_t = [TrainConfig::default().tfidf.min_df],
        value_name = "N[,N…]"
    )]
    pub min_df: Vec<usize>,
    /// Drop terms found in more than this fraction of training rows.
    #[arg(long, default_value_t = 1.0, value_name = "FRACTION")]
    pub max_df: f64,
    /// Keep at most N terms, the most frequent [default: no limit]
    #[arg(long, value_name = "N")]
    pub max_features: Option<usize>,
    /// Use 1 + ln(count) as term frequency (`--sublinear-tf false`: the raw count).
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        default_value_t = TrainConfig::default().tfidf.sublinear_tf,
        default_missing_value = "true",
        action = clap::ArgAction::Set
    )]
    pub sublinear_tf: bool,
    /// Do not stem words.
    #[arg(long)]
    pub no_stem: bool,
    /// Do not mark words after a negator with not_.
    #[arg(long)]
    pub no_negation: bool,
    /// Remove stopwords (negators are always kept) [default: keep all words]
    #[arg(long, value_name = "LIST")]
    pub stopwords: Option<StopwordsArg>,
    /// Weight rows so that every label counts the same (`balanced`), or not (`none`).
    #[arg(long, value_name = "SCHEME", default_value = "balanced")]
    pub class_weight: ClassWeightArg,
    /// Optimiser.
    #[arg(long, default_value = "lbfgs")]
    pub solver: SolverArg,
    /// Iteration limit of the optimiser.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub max_iter: u64,
    /// Stop when the largest gradient component of the objective (divided by C · rows) falls
    /// below this, as scikit-learn's lbfgs does, and the objective's slope along the next
    /// search direction is at most this fraction of the objective.
    #[arg(long, default_value_t = TrainParams::default().tol, value_name = "TOL")]
    pub tol: f64,
    /// Seed of the cross-validation folds.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub seed: u64,
    /// Train a target-aware model: the target (--target-column) and source (--source-column)
    /// mentions become placeholders, and n-grams within W words of the target get side-marked
    /// copies. Several values (comma-separated) are chosen among by cross-validation
    /// [default: not target-aware]
    #[arg(long, value_delimiter = ',', value_name = "W[,W…]")]
    pub target_window: Vec<usize>,
    /// With --target-window: n-grams within the target's clause (between punctuation marks
    /// other than quotes) also get a copy marked C: (`--target-clause false`: no such copies)
    /// [default: true with --target-window; an error without it]
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        default_missing_value = "true",
        action = clap::ArgAction::Set
    )]
    pub target_clause: Option<bool>,
}

fn parse_ngrams(s: &str) -> Result<(usize, usize), String> {
    let parse = |p: &str| {
        p.trim()
            .parse::<usize>()
            .map_err(|_| format!("{s:?} is not MIN-MAX (e.g. 1-2)"))
    };
    match s.split_once('-') {
        Some((lo, hi)) => Ok((parse(lo)?, parse(hi)?)),
        None => parse(s).map(|n| (n, n)),
    }
}

impl TrainArgs {
    /// Whether the model to train is target-aware.
    pub fn target_aware(&self) -> bool {
        !self.target_window.is_empty()
    }

    /// Whether several `--target-window` or `--min-df` values are to be chosen among.
    pub fn option_grid(&self) -> bool {
        self.target_window.len() > 1 || self.min_df.len() > 1
    }

    /// The training options, with the first `--target-window` and `--min-df` when there are
    /// several.
    pub fn config(&self) -> TrainConfig {
        let defaults = TrainConfig::default();
        TrainConfig {
            analyzer: AnalyzerConfig {
                negation: !self.no_negation,
                stopwords: self
                    .stopwords
                    .map(|StopwordsArg::English| Stopwords::English),
                stem: !self.no_stem,
                ngram_min: self.ngrams.0,
                ngram_max: self.ngrams.1,
                target_window: self.target_window.first().copied(),
                target_clause: self.target_clause.unwrap_or(self.target_aware()),
                ..AnalyzerConfig::default()
            },
            tfidf: TfidfConfig {
                min_df: self
                    .min_df
                    .first()
                    .copied()
                    .unwrap_or(defaults.tfidf.min_df),
                max_df: self.max_df,
                max_features: self.max_features,
                sublinear_tf: self.sublinear_tf,
            },
            params: TrainParams {
                c: self.c.first().copied().unwrap_or(defaults.params.c),
                class_weight: match self.class_weight {
                    ClassWeightArg::None => ClassWeight::None,
                    ClassWeightArg::Balanced => ClassWeight::Balanced,
                },
                solver: match self.solver {
                    SolverArg::Lbfgs => Solver::Lbfgs,
                    SolverArg::Argmin => Solver::Argmin,
                    SolverArg::Linfa => Solver::Linfa,
                },
                max_iter: self.max_iter,
                tol: self.tol,
            },
            c_grid: if self.c.len() > 1 {
                self.c.clone()
            } else {
                Vec::new()
            },
            folds: self.folds.unwrap_or(defaults.folds),
            seed: self.seed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// Every row.
    All,
    /// The rows whose id hashes into the fixed training part (about 80%).
    Train,
    /// The rows whose id hashes into the fixed dev part (about 20%).
    Dev,
}

/// Which rows of labelled files to use.
#[derive(Debug, Args)]
pub struct SplitArgs {
    /// Use only one part of the fixed train / dev split (by a hash of each row's id).
    #[arg(long, default_value = "all")]
    pub split: SplitArg,
}

/// Labelled rows of several files, in file then row order, with a record of each file.
pub struct Labelled {
    pub rows: Vec<Row>,
    pub files: Vec<DataFile>,
}

impl Labelled {
    /// The texts as a model sees them: for a target-aware model, each row marked toward its
    /// target (the built-in actor dictionary finds actor ids and other actors); else as they are.
    pub fn texts(&self, target_aware: bool) -> Vec<Cow<'_, str>> {
        let lexicon = target_aware.then(Lexicon::builtin);
        let marker = lexicon.as_ref().map(TargetMarker::new);
        self.rows
            .iter()
            .map(|r| model_text(r, marker.as_ref()))
            .collect()
    }

    pub fn labels(&self) -> Vec<&str> {
        self.rows
            .iter()
            .map(|r| r.label.as_deref().unwrap_or_default())
            .collect()
    }
}

/// A row's text as a model sees it: marked toward its target with a marker, else as it is.
pub fn model_text<'r>(row: &'r Row, marker: Option<&TargetMarker>) -> Cow<'r, str> {
    match marker {
        Some(m) => m.row_text(row).into(),
        None => row.text.as_str().into(),
    }
}

/// Reads labelled rows from every file (`-` is standard input), keeping the rows of `split`.
pub fn read_labelled(paths: &[PathBuf], columns: &Columns, split: SplitArg) -> Result<Labelled> {
    let wanted = match split {
        SplitArg::All => None,
        SplitArg::Train => Some(Split::Train),
        SplitArg::Dev => Some(Split::Dev),
    };
    let mut rows = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        let bytes = read_input(path)?;
        // The file's digest is worked out on the other core while its rows are parsed.
        let (file_rows, mut record) = rayon::join(
            || data::read_rows_from(path, &bytes, columns, Labels::Required),
            || DataFile::new(path, &bytes, 0),
        );
        let mut file_rows = file_rows?;
        if let Some(wanted) = wanted {
            file_rows.retain(|r| split_of(&r.id) == wanted);
        }
        record.rows = file_rows.len();
        record.split = wanted.map(|w| format!("{w:?}").to_lowercase());
        files.push(record);
        if rows.is_empty() {
            rows = file_rows;
        } else {
            rows.extend(file_rows);
        }
    }
    Ok(Labelled { rows, files })
}

/// The bytes of a file, or of standard input for `-`.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    if path.as_os_str() == data::STDIN {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        return Ok(bytes);
    }
    if path.is_dir() {
        return Err(stancekit::Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "is a directory; give a TSV, CSV or JSONL file",
            ),
        )
        .into());
    }
    std::fs::read(path).map_err(|e| stancekit::Error::io(path, e).into())
}

/// A spinner on standard error while `work` runs; hidden when standard error is not a terminal.
pub fn with_spinner<T>(message: &str, work: impl FnOnce() -> T) -> T {
    let spinner = indicatif::ProgressBar::new_spinner().with_message(message.to_string());
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let out = work();
    spinner.finish_and_clear();
    out
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    /// People roll up into their country.
    Country,
    /// Every actor on its own.
    Actor,
}

/// Options for scoring whole articles.
#[derive(Debug, Args)]
pub struct ArticleArgs {
    /// Treat JSONL input and standard input as articles (one per line / the whole text).
    #[arg(long)]
    pub articles: bool,
    /// Roll-up level.
    #[arg(long, default_value = "country")]
    pub level: LevelArg,
    /// Score boilerplate lines (newsletter, donation appeals, credits) like reporting.
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Split sentences at but / however / yet, although / though / while / whereas / despite /
    /// even as, and semicolons; score each clause and weigh them into the sentence's stance
    /// (the clause after "but" counts 2, a concession 0.5, others 1).
    #[arg(long)]
    pub clauses: bool,
    /// An actor dictionary (JSON Lines, like data/actors/*.jsonl) merged over the built-in one;
    /// entries with the same id replace built-in ones.
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
}

impl ArticleArgs {
    /// The built-in actor dictionary with the user's merged in.
    pub fn lexicon(&self) -> Result<stancekit::actors::Lexicon> {
        let mut lexicon = stancekit::actors::Lexicon::builtin();
        for path in &self.actors {
            lexicon.merge_file(path)?;
        }
        Ok(lexicon)
    }

    /// A scorer over the two models with these options.
    pub fn scorer<'a>(
        &self,
        stance: &'a stancekit::model::Classifier,
        sentiment: &'a stancekit::model::Classifier,
        lexicon: &'a stancekit::actors::Lexicon,
        explain: Option<usize>,
    ) -> Result<stancekit::report::Scorer<'a>> {
        let mut scorer = stancekit::report::Scorer::new(stance, sentiment, lexicon)?;
        scorer.level = match self.level {
            LevelArg::Country => stancekit::report::Level::Country,
            LevelArg::Actor => stancekit::report::Level::Actor,
        };
        scorer.keep_boilerplate = self.keep_boilerplate;
        scorer.clauses = self.clauses;
        scorer.explain = explain;
        Ok(scorer)
    }
}

/// What an input holds.
pub enum Input {
    /// Rows (TSV, CSV, JSONL) in a file, to be streamed.
    RowsFile,
    /// Rows already read (from standard input).
    Rows(Vec<u8>),
    /// Articles.
    Articles(Vec<stancekit::data::Article>),
}

/// Reads an input and decides what it holds: directories and `.txt` files are articles;
/// `.tsv` and `.csv` are rows; `.jsonl` is rows unless `articles`; standard input and other files
/// are rows when their first line is a JSON object (rows unless `articles`) or a header naming
/// `text_column`, else one article.
pub fn read_any(path: &Path, text_column: &str, articles: bool) -> Result<Input> {
    if path.is_dir() {
        return Ok(Input::Articles(data::read_articles(path, false)?));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("txt") => return Ok(Input::Articles(data::read_articles(path, false)?)),
        Some("tsv" | "tab" | "csv") => return Ok(Input::RowsFile),
        Some("jsonl" | "ndjson") if articles => {
            return Ok(Input::Articles(data::read_articles(path, true)?))
        }
        Some("jsonl" | "ndjson") => return Ok(Input::RowsFile),
        _ => {}
    }
    let bytes = read_input(path)?;
    let first = bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
        .unwrap_or(&[]);
    let first = String::from_utf8_lossy(first);
    let json = first.trim_start().starts_with('{');
    let header = first
        .trim_end()
        .split(['\t', ','])
        .any(|f| f.trim().trim_matches('"') == text_column);
    if json && articles {
        Ok(Input::Articles(data::articles_from(path, &bytes, true)?))
    } else if (json || header) && !articles {
        Ok(Input::Rows(bytes))
    } else {
        Ok(Input::Articles(data::articles_from(path, &bytes, false)?))
    }
}

/// The cross-validation of one `--target-window` and `--min-df` combination.
pub struct OptionScore {
    /// The target window (`None`: not target-aware).
    pub window: Option<usize>,
    pub min_df: usize,
    pub labels: Vec<String>,
    pub gold: Vec<usize>,
    pub cv: stancekit::model::CvResult,
}

impl OptionScore {
    /// Mean fold macro-F1 at the best C.
    pub fn macro_f1(&self) -> f64 {
        self.cv.scores[self.cv.best].macro_f1
    }

    /// The options that vary in `train`'s grid: "target window 3", "min_df 1", or both.
    pub fn describe(&self, train: &TrainArgs) -> String {
        let mut parts = Vec::new();
        if let (Some(w), true) = (self.window, train.target_aware()) {
            parts.push(format!("target window {w}"));
        }
        if train.min_df.len() > 1 {
            parts.push(format!("min_df {}", self.min_df));
        }
        parts.join(", ")
    }
}

/// Cross-validates the training options once per combination of `--target-window` and
/// `--min-df` values (the C grid inside each), windows outer, in the order given, on texts
/// already marked ([`Labelled::texts`]).
pub fn cross_validate_options(
    train: &TrainArgs,
    texts: &[Cow<'_, str>],
    labels: &[&str],
) -> Result<Vec<OptionScore>> {
    let windows: Vec<Option<usize>> = if train.target_aware() {
        train.target_window.iter().copied().map(Some).collect()
    } else {
        vec![None]
    };
    let mut out = Vec::new();
    for &window in &windows {
        for &min_df in &train.min_df {
            let mut config = train.config();
            config.analyzer.target_window = window;
            config.tfidf.min_df = min_df;
            let (labels, gold, cv) = config.check()?.cross_validate(texts, labels)?;
            out.push(OptionScore {
                window,
                min_df,
                labels,
                gold,
                cv,
            });
        }
    }
    Ok(out)
}

/// The index of the best of `scores` (highest macro-F1, the first on ties).
pub fn best_option(scores: &[OptionScore]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if s.macro_f1() > scores[best].macro_f1() {
            best = i;
        }
    }
    best
}
