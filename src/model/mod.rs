//! The classifier: analyzer + TF-IDF + multinomial logistic regression, trained, applied, saved.
//!
//! Training goes through types, as in linfa: a [`TrainConfig`] is plain data; [`TrainConfig::check`]
//! validates it into a [`CheckedTrainConfig`]; only that can [`fit`](CheckedTrainConfig::fit), and
//! fitting returns a [`Classifier`], which is the only thing that predicts.
//!
//! ```
//! use stancekit::model::TrainConfig;
//!
//! let texts = ["Ankara praised Moscow", "Ankara condemned Moscow",
//!              "warm praise and thanks", "angry threats and condemnation"];
//! let labels = ["warm", "tense", "warm", "tense"];
//! let trained = TrainConfig::default().check().unwrap().fit(&texts, &labels).unwrap();
//! let p = trained.classifier.predict("Moscow praised Ankara");
//! assert_eq!(trained.classifier.labels()[p.label], "warm");
//! assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
//! ```

/// `$object.$method::<K>(args)` or `$function::<K>(args)` with the label count `$k` compiled in
/// as `K` from 2 to 6 (a row's sums then stay in registers), and `K = 0` (the count read at run
/// time) for any other count. The kernels that take `K` give the same sums either way.
macro_rules! by_label_count {
    ($k:expr, $object:ident . $method:ident ( $($arg:expr),* )) => {
        match $k {
            2 => $object.$method::<2>($($arg),*),
            3 => $object.$method::<3>($($arg),*),
            4 => $object.$method::<4>($($arg),*),
            5 => $object.$method::<5>($($arg),*),
            6 => $object.$method::<6>($($arg),*),
            _ => $object.$method::<0>($($arg),*),
        }
    };
    ($k:expr, $function:ident ( $($arg:expr),* )) => {
        match $k {
            2 => $function::<2>($($arg),*),
            3 => $function::<3>($($arg),*),
            4 => $function::<4>($($arg),*),
            5 => $function::<5>($($arg),*),
            6 => $function::<6>($($arg),*),
            _ => $function::<0>($($arg),*),
        }
    };
}

mod builtin;
mod cv;
mod lbfgs;
mod linear;
mod persist;
mod scoring;
mod train;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::features::{CheckedTfidfConfig, Corpus, CsrMatrix, NgramIndex, Tfidf, TfidfConfig};
use crate::text::{Analyzer, AnalyzerConfig};
pub use builtin::{load_model, Builtin};
pub use cv::{stratified_folds, CvResult, CvScore};
pub use linear::{argmax, softmax_in_place, LinearModel};
pub use persist::{sha256_hex, DataFile, ModelFile, TrainingSummary, FORMAT, FORMAT_VERSION};
use scoring::{ColumnRecords, Scratch};
pub use train::{CheckedTrainParams, ClassWeight, Fit, Solver, TrainParams};

/// Everything that decides how a model is trained. Plain data; call [`TrainConfig::check`].
///
/// The default is the recipe chosen by cross-validation on the train splits of six public
/// datasets (docs/tuning.md, `scripts/tune-defaults.sh`): word 1-2 grams, stemmed, with
/// negation scope; terms in at least 2 rows, sublinear tf; balanced class weights; C = 3. The
/// parts' own defaults ([`TfidfConfig::default`], [`TrainParams::default`]) are
/// scikit-learn's.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// How text becomes terms. Default [`AnalyzerConfig::default`].
    pub analyzer: AnalyzerConfig,
    /// How terms become features. Default `min_df` 2 and `sublinear_tf`, otherwise
    /// [`TfidfConfig::default`].
    pub tfidf: TfidfConfig,
    /// Solver, class weights, iteration limit. Its `c` is ignored when `c_grid` is not empty.
    /// Default C = 3 and [`ClassWeight::Balanced`], otherwise [`TrainParams::default`].
    pub params: TrainParams,
    /// Values of C to choose from by cross-validated macro-F1. Default empty: use `params.c`.
    pub c_grid: Vec<f64>,
    /// Folds for cross-validation. Default 5. Used when `c_grid` has two or more values, or by
    /// [`CheckedTrainConfig::cross_validate`].
    pub folds: usize,
    /// Seed for the fold assignment. Default 0.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            analyzer: AnalyzerConfig::default(),
            tfidf: TfidfConfig {
                min_df: 2,
                sublinear_tf: true,
                ..TfidfConfig::default()
            },
            params: TrainParams {
                c: 3.0,
                class_weight: ClassWeight::Balanced,
                ..TrainParams::default()
            },
            c_grid: Vec::new(),
            folds: 5,
            seed: 0,
        }
    }
}

/// A [`TrainConfig`] that passed [`TrainConfig::check`].
#[derive(Debug)]
pub struct CheckedTrainConfig {
    analyzer: Analyzer,
    tfidf: CheckedTfidfConfig,
    /// One checked parameter set per C, in ascending C.
    grid: Vec<CheckedTrainParams>,
    folds: usize,
    seed: u64,
}

impl TrainConfig {
    /// Validates every part.
    ///
    /// # Errors
    /// [`Error::Config`] for a bad analyzer, TF-IDF or solver option, a C in the grid that is not
    /// positive, or fewer than 2 folds.
    pub fn check(self) -> Result<CheckedTrainConfig> {
        let analyzer = self.analyzer.build()?;
        let tfidf = self.tfidf.check()?;
        let mut cs = if self.c_grid.is_empty() {
            vec![self.params.c]
        } else {
            self.c_grid.clone()
        };
        cs.sort_by(f64::total_cmp);
        cs.dedup();
        let grid = cs
            .into_iter()
            .map(|c| {
                TrainParams {
                    c,
                    ..self.params.clone()
                }
                .check()
            })
            .collect::<Result<Vec<_>>>()?;
        if self.folds < 2 {
            return Err(Error::config("--folds", self.folds, "must be at least 2"));
        }
        Ok(CheckedTrainConfig {
            analyzer,
            tfidf,
            grid,
            folds: self.folds,
            seed: self.seed,
        })
    }
}

/// A trained classifier and how it came about.
#[derive(Debug)]
pub struct Trained {
    /// The classifier.
    pub classifier: Classifier,
    /// Cross-validation over the C grid, when it had two or more values.
    pub cv: Option<CvResult>,
}

impl CheckedTrainConfig {
    /// The analyzer the config builds.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Fits on `texts` with `labels` (same length). With two or more C values, C is chosen by
    /// stratified k-fold cross-validated macro-F1 and the model is refitted on all rows.
    ///
    /// Labels are kept in sorted order; that order is the model's.
    ///
    /// # Errors
    /// [`Error::Training`] when the lengths differ, there are fewer than two labels, the
    /// vocabulary is empty, or the optimiser fails.
    pub fn fit<S: AsRef<str> + Sync, L: AsRef<str>>(
        &self,
        texts: &[S],
        labels: &[L],
    ) -> Result<Trained> {
        self.fit_analyzed(self.analyze(texts, labels)?)
    }

    /// The first half of [`CheckedTrainConfig::fit`]: texts analysed into term ids and labels
    /// indexed. The texts are no longer needed after it, so a caller can free them before
    /// [`CheckedTrainConfig::fit_analyzed`] builds the matrix and runs the solver.
    ///
    /// # Errors
    /// [`Error::Training`] when the lengths differ or there are fewer than two labels.
    pub fn analyze<S: AsRef<str> + Sync, L: AsRef<str>>(
        &self,
        texts: &[S],
        labels: &[L],
    ) -> Result<Analyzed> {
        if texts.len() != labels.len() {
            return Err(Error::Training(format!(
                "{} texts but {} labels",
                texts.len(),
                labels.len()
            )));
        }
        let names: Vec<String> = labels
            .iter()
            .map(|l| l.as_ref().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if names.len() < 2 {
            return Err(Error::Training(format!(
                "need at least two different labels, found {}",
                match names.first() {
                    Some(l) => format!("only {l:?}"),
                    None => "none".to_string(),
                }
            )));
        }
        let y = labels
            .iter()
            .map(|l| {
                names
                    .binary_search_by(|n| n.as_str().cmp(l.as_ref()))
                    .expect("label indexed")
            })
            .collect();
        Ok(Analyzed {
            docs: Corpus::analyze(&self.analyzer, texts),
            y,
            names,
        })
    }

    /// The second half of [`CheckedTrainConfig::fit`], on rows from
    /// [`CheckedTrainConfig::analyze`] with this config.
    ///
    /// # Errors
    /// As [`CheckedTrainConfig::fit`].
    pub fn fit_analyzed(&self, analyzed: Analyzed) -> Result<Trained> {
        let Analyzed { docs, y, names } = analyzed;
        let cv = if self.grid.len() > 1 {
            Some(cv::run(self, &docs, &y, names.len())?)
        } else {
            None
        };
        let chosen = match &cv {
            Some(cv) => &self.grid[cv.best],
            None => &self.grid[0],
        };
        let rows: Vec<usize> = (0..docs.len()).collect();
        let (tfidf, columns) = self.tfidf.fit_corpus(&docs, &rows)?;
        // Rows in an order that keeps the solver's reads in cache; the weights do not depend on it.
        let order = columns.locality_order(&tfidf, &docs, &rows);
        let x = columns.matrix(&tfidf, &docs, &order);
        let y_ordered: Vec<usize> = order.rows().iter().map(|&i| y[i]).collect();
        // The term ids are no longer needed: free them before the solver's memory is taken.
        drop((docs, columns, rows, order));
        let mut fit = chosen.fit(&x, &y_ordered, names.len(), None)?;
        // Model files keep f32 weights: round now, so the classifier in hand predicts exactly as
        // the one loaded back from its file.
        fit.model.round_to_f32();
        let mut rows_per_label = BTreeMap::new();
        for &label in &y {
            *rows_per_label.entry(names[label].clone()).or_insert(0) += 1;
        }
        let summary = TrainingSummary {
            data: Vec::new(),
            rows: y.len(),
            rows_per_label,
            tfidf: self.tfidf.get().clone(),
            params: chosen.get().clone(),
            objective: fit.objective,
            iterations: fit.iterations,
            converged: fit.converged,
            cv: cv.as_ref().map(|cv| cv.summary()),
        };
        Ok(Trained {
            classifier: Classifier {
                analyzer: self.analyzer.config().build()?,
                ngrams: OnceLock::new(),
                records: OnceLock::new(),
                tfidf,
                model: fit.model,
                labels: names,
                summary,
            },
            cv,
        })
    }

    /// Cross-validates every C of the grid without keeping a model: out-of-fold predictions and
    /// mean fold macro-F1 per C.
    ///
    /// # Errors
    /// As [`CheckedTrainConfig::fit`], and [`Error::Training`] when there are fewer rows than
    /// folds.
    pub fn cross_validate<S: AsRef<str> + Sync, L: AsRef<str>>(
        &self,
        texts: &[S],
        labels: &[L],
    ) -> Result<(Vec<String>, Vec<usize>, CvResult)> {
        let Analyzed { docs, y, names } = self.analyze(texts, labels)?;
        let result = cv::run(self, &docs, &y, names.len())?;
        Ok((names, y, result))
    }
}

/// Training rows analysed by [`CheckedTrainConfig::analyze`] (term ids, label indices, and label
/// names, sorted), ready for [`CheckedTrainConfig::fit_analyzed`].
#[derive(Debug)]
pub struct Analyzed {
    docs: Corpus,
    y: Vec<usize>,
    names: Vec<String>,
}

/// A prediction for one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Index of the most probable label in [`Classifier::labels`].
    pub label: usize,
    /// Probability of every label, in the order of [`Classifier::labels`]; they sum to 1.
    pub probabilities: Vec<f64>,
}

/// One term's push toward a label, for explanations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The term (an n-gram).
    pub term: String,
    /// Its contribution to the label's score, relative to the mean over labels.
    pub weight: f64,
}

/// A fitted classifier: everything needed to predict, and nothing else.
#[derive(Debug)]
pub struct Classifier {
    analyzer: Analyzer,
    tfidf: Tfidf,
    /// The vocabulary by word ids (`None` for terms of more than [`crate::features::MAX_WORDS`]
    /// words, looked up as strings), built when first needed: a model just trained is usually
    /// saved, not used.
    ngrams: OnceLock<Option<NgramIndex>>,
    /// Each column's idf and weights side by side, for [`Classifier::predict`]; built when first
    /// needed.
    records: OnceLock<ColumnRecords>,
    model: LinearModel,
    labels: Vec<String>,
    summary: TrainingSummary,
}

impl Classifier {
    /// Whether the model scores text toward a target: its texts must come marked with
    /// [`crate::text::mark_mentions`] (rows: [`crate::actors::TargetMarker::row_text`]).
    pub fn is_target_aware(&self) -> bool {
        self.analyzer.config().target_window.is_some()
    }

    /// Label names, in the model's fixed (sorted) order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The analyzer the model was trained with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The fitted TF-IDF weighting.
    pub fn tfidf(&self) -> &Tfidf {
        &self.tfidf
    }

    /// The fitted weights.
    pub fn linear(&self) -> &LinearModel {
        &self.model
    }

    /// How the model was trained.
    pub fn summary(&self) -> &TrainingSummary {
        &self.summary
    }

    /// Records the training files (name and sha256) in the summary.
    pub fn set_data_files(&mut self, files: Vec<DataFile>) {
        self.summary.data = files;
    }

    /// The vocabulary by word ids, built on first use.
    fn ngrams(&self) -> Option<&NgramIndex> {
        self.ngrams
            .get_or_init(|| NgramIndex::new(self.tfidf.vocabulary()))
            .as_ref()
    }

    /// The sparse feature row of `text`, as `(column, value)` pairs.
    pub fn features(&self, text: &str) -> Vec<(u32, f64)> {
        let mut cols = Vec::new();
        self.columns(text, &mut cols);
        self.tfidf.weigh(&mut cols)
    }

    /// The columns of `text`'s terms, one per occurrence, appended to `cols` in no set order.
    ///
    /// With the vocabulary by word ids, the text's n-grams are gathered first and looked up
    /// after, unigrams then bigrams, in two runs of lookups that do not depend on one another
    /// (3.6 µs a row on one thread against 3.9–4.2 looked up as the walk finds them).
    fn columns(&self, text: &str, cols: &mut Vec<u32>) {
        thread_local! {
            static GRAMS: RefCell<(Vec<u32>, Vec<[u32; 2]>)> = RefCell::default();
        }
        let Some(index) = self.ngrams() else {
            return self.columns_by_strings(text, cols);
        };
        GRAMS.with_borrow_mut(|(unigrams, bigrams)| {
            unigrams.clear();
            bigrams.clear();
            self.analyzer.for_each_ngram(
                text,
                Some(index.space()),
                |word| index.word(word),
                |ids| match *ids {
                    [a] => unigrams.push(a),
                    [a, b] => bigrams.push([a, b]),
                    _ => cols.extend(index.column(ids)),
                },
            );
            cols.extend(unigrams.iter().filter_map(|g| index.column(&[*g])));
            cols.extend(bigrams.iter().filter_map(|g| index.column(g)));
        });
    }

    /// The columns of `text`'s terms, each term built and looked up as a string.
    fn columns_by_strings(&self, text: &str, cols: &mut Vec<u32>) {
        self.analyzer.for_each_term(text, |term| {
            if let Some(j) = self.tfidf.column(term) {
                cols.push(j as u32);
            }
        });
    }

    /// The feature matrix of many texts, one row each, in order.
    pub fn feature_matrix<S: AsRef<str>>(&self, texts: &[S]) -> CsrMatrix {
        let mut m = CsrMatrix::new(self.tfidf.n_features());
        for t in texts {
            m.push_row(self.features(t.as_ref()));
        }
        m
    }

    /// Predicts one text: the same probabilities, bit for bit, as
    /// [`Classifier::predict_row`] of [`Classifier::features`].
    pub fn predict(&self, text: &str) -> Prediction {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::default();
        }
        let records = self
            .records
            .get_or_init(|| ColumnRecords::new(&self.tfidf, &self.model));
        let probabilities = SCRATCH.with_borrow_mut(|scratch| {
            scratch.cols.clear();
            self.columns(text, &mut scratch.cols);
            records.probabilities(scratch)
        });
        Prediction {
            label: argmax(&probabilities),
            probabilities,
        }
    }

    /// Predicts from a feature row made by [`Classifier::features`].
    pub fn predict_row(&self, row: &[(u32, f64)]) -> Prediction {
        let probabilities = self
            .model
            .probabilities(row.iter().map(|&(j, v)| (j as usize, v)));
        Prediction {
            label: argmax(&probabilities),
            probabilities,
        }
    }

    /// The `n` terms of `text` that push hardest toward `label`, strongest first.
    pub fn explain(&self, text: &str, label: usize, n: usize) -> Vec<Contribution> {
        let mut out: Vec<Contribution> = self
            .features(text)
            .into_iter()
            .map(|(j, v)| Contribution {
                term: self.tfidf.vocabulary()[j as usize].clone(),
                weight: self.model.contribution(j as usize, v, label),
            })
            .filter(|c| c.weight > 0.0)
            .collect();
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
        out.truncate(n);
        out
    }

    /// The `n` terms with the largest weight toward each label (relative to the mean over
    /// labels), strongest first.
    pub fn top_terms(&self, n: usize) -> Vec<(String, Vec<Contribution>)> {
        (0..self.labels.len())
            .map(|k| {
                let mut terms: Vec<Contribution> = (0..self.tfidf.n_features())
                    .map(|j| Contribution {
                        term: self.tfidf.vocabulary()[j].clone(),
                        weight: self.model.contribution(j, 1.0, k),
                    })
                    .collect();
                terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
                terms.truncate(n);
                (self.labels[k].clone(), terms)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A classifier over 1-3 grams of a few sentences, every term kept; target-aware (window 2,
    /// clause copies) with `targeted`.
    fn trigram_classifier(targeted: bool) -> Classifier {
        trigram_classifier_of(targeted, &["warm", "tense", "warm", "neutral"])
    }

    /// [`trigram_classifier`] with the labels of its first `labels.len()` sentences given
    /// (up to 8).
    fn trigram_classifier_of(targeted: bool, labels: &[&str]) -> Classifier {
        let texts = [
            "__actor__ did not praise __target__, but it thanked Kyiv twice.",
            "__target__ never condemned the 2024 talks; __actor__ condemned them.",
            "Kyiv thanked __target__ and praised the talks.",
            "__actor__ did not threaten __target__ at the talks in 2025.",
            "Paris met __target__ and Kyiv in 2024.",
            "__actor__ praised the dear friend in Paris.",
            "The talks in Ankara were never unseen.",
            "Moscow condemned Paris, but not __target__.",
        ];
        let mut config = TrainConfig::default();
        config.analyzer.ngram_max = 3;
        if targeted {
            config.analyzer.target_window = Some(2);
            config.analyzer.target_clause = true;
        }
        config.tfidf.min_df = 1;
        let config = config.check().unwrap();
        config
            .fit(&texts[..labels.len()], labels)
            .unwrap()
            .classifier
    }

    /// Words of the test texts, and others.
    const WORDS: [&str; 27] = [
        "Ankara",
        "did",
        "not",
        "praise",
        "Moscow",
        ",",
        "but",
        "it",
        "thanked",
        "Kyiv",
        "never",
        "condemned",
        "the",
        "2024",
        "talks",
        ";",
        "Paris",
        "in",
        "threaten",
        "anyone",
        "Ünal",
        "unseen",
        "dear",
        "friend",
        ".",
        "__target__",
        "__actor__",
    ];

    proptest! {
        #[test]
        fn features_found_by_word_ids_are_the_features_found_by_strings(
            words in proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 0..24),
            targeted in any::<bool>(),
        ) {
            let classifier = trigram_classifier(targeted);
            prop_assert!(classifier.ngrams().is_some());
            let text = words.join(" ");
            let mut by_strings = Vec::new();
            classifier.columns_by_strings(&text, &mut by_strings);
            prop_assert_eq!(
                classifier.features(&text),
                classifier.tfidf.weigh(&mut by_strings)
            );
        }

        #[test]
        fn a_prediction_is_its_feature_row_scored_bit_for_bit(
            words in proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 0..24),
            targeted in any::<bool>(),
            // 2, 3 and 8 labels: the loops compiled for a label count, and the one for any.
            labels in proptest::sample::select(vec![
                vec!["warm", "tense"],
                vec!["warm", "tense", "warm", "neutral"],
                vec!["a", "b", "c", "d", "e", "f", "g", "h"],
            ]),
        ) {
            let classifier = trigram_classifier_of(targeted, &labels);
            let text = words.join(" ");
            let scored = classifier.predict_row(&classifier.features(&text));
            prop_assert_eq!(classifier.predict(&text), scored);
        }
    }

    #[test]
    fn the_fitted_model_does_not_depend_on_the_order_of_the_rows() {
        let words = [
            "praised",
            "thanked",
            "condemned",
            "threatened",
            "met",
            "visited",
        ];
        let labels = ["warm", "warm", "tense", "tense", "neutral", "neutral"];
        let actors = ["Ankara", "Moscow", "Kyiv", "Paris", "Delhi"];
        let (mut texts, mut ys) = (Vec::new(), Vec::new());
        for (i, (word, label)) in words.iter().zip(labels).enumerate() {
            for (a, actor) in actors.iter().enumerate() {
                let other = actors[(a + i + 1) % actors.len()];
                texts.push(format!("{actor} {word} {other} on day {}", (a * 7 + i) % 5));
                ys.push(label);
            }
        }
        let config = TrainConfig::default().check().unwrap();
        let forward = config.fit(&texts, &ys).unwrap().classifier;
        texts.reverse();
        ys.reverse();
        let backward = config.fit(&texts, &ys).unwrap().classifier;
        for text in &texts {
            let (a, b) = (forward.predict(text), backward.predict(text));
            assert_eq!(a.label, b.label, "{text}");
            for (p, q) in a.probabilities.iter().zip(&b.probabilities) {
                assert!((p - q).abs() < 1e-6, "{text}: {p} vs {q}");
            }
        }
    }
}
