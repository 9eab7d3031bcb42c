//! Stratified k-fold cross-validation over a grid of C.
//!
//! Texts are analyzed once. In each fold the vocabulary and idf are fitted on the training part
//! only (no leakage from the held-out part), the feature matrices are built once, and the grid
//! is fitted in ascending C, each fit starting from the previous solution and required to bring
//! its gradient well below where it started (`WARM_START_PROGRESS` in `train.rs`), so that each C
//! is scored as a fit from zero would score it.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{argmax, CheckedTrainConfig};
use crate::error::{Error, Result};
use crate::features::Corpus;
use crate::metrics::macro_f1;

/// The cross-validated score of one C.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvScore {
    /// The value of C.
    pub c: f64,
    /// Mean macro-F1 over the folds.
    pub macro_f1: f64,
    /// Macro-F1 of each fold.
    pub fold_macro_f1: Vec<f64>,
}

/// Cross-validation results, with out-of-fold predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvResult {
    /// Number of folds.
    pub folds: usize,
    /// Seed of the fold assignment.
    pub seed: u64,
    /// One score per C, ascending C.
    pub scores: Vec<CvScore>,
    /// Index in `scores` of the best C (highest mean macro-F1; the smallest C on ties).
    pub best: usize,
    /// Out-of-fold predicted label of every row, per C.
    #[serde(skip)]
    pub out_of_fold: Vec<Vec<usize>>,
}

impl CvResult {
    /// The same without the out-of-fold predictions, as saved in a model file.
    pub fn summary(&self) -> CvResult {
        CvResult {
            out_of_fold: Vec::new(),
            ..self.clone()
        }
    }
}

/// Assigns each row a fold in `0..folds`, so that every label is spread evenly over the folds.
/// Rows of each label are shuffled with a ChaCha8 generator seeded by `seed`: the same labels and
/// seed always give the same folds.
pub fn stratified_folds(y: &[usize], n_labels: usize, folds: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut fold_of = vec![0; y.len()];
    let mut next = 0;
    for label in 0..n_labels {
        let mut rows: Vec<usize> = (0..y.len()).filter(|&i| y[i] == label).collect();
        rows.shuffle(&mut rng);
        for i in rows {
            fold_of[i] = next % folds;
            next += 1;
        }
    }
    fold_of
}

pub(super) fn run(
    config: &CheckedTrainConfig,
    docs: &Corpus,
    y: &[usize],
    n_labels: usize,
) -> Result<CvResult> {
    let k = config.folds;
    if y.len() < k {
        return Err(Error::Training(format!(
            "{} rows are too few for {k}-fold cross-validation",
            y.len()
        )));
    }
    let fold_of = stratified_folds(y, n_labels, k, config.seed);
    let mut out_of_fold = vec![vec![0usize; y.len()]; config.grid.len()];
    let mut fold_scores = vec![Vec::with_capacity(k); config.grid.len()];
    for fold in 0..k {
        let (test, train): (Vec<usize>, Vec<usize>) =
            (0..y.len()).partition(|&i| fold_of[i] == fold);
        let test_y: Vec<usize> = test.iter().map(|&i| y[i]).collect();
        let (tfidf, columns) = config.tfidf.fit_corpus(docs, &train)?;
        // As in the final fit: training rows in the order that keeps the solver's reads in cache.
        let train = columns.locality_order(&tfidf, docs, &train);
        let train_y: Vec<usize> = train.rows().iter().map(|&i| y[i]).collect();
        let x_train = columns.matrix(&tfidf, docs, &train);
        let x_test = columns.matrix(&tfidf, docs, &columns.in_order(docs, &test));
        let mut warm = None;
        for (g, params) in config.grid.iter().enumerate() {
            let fit = params.fit(&x_train, &train_y, n_labels, warm.as_ref())?;
            let predicted: Vec<usize> = x_test
                .rows()
                .map(|row| argmax(&fit.model.probabilities(row.iter())))
                .collect();
            for (&i, &p) in test.iter().zip(&predicted) {
                out_of_fold[g][i] = p;
            }
            fold_scores[g].push(macro_f1(n_labels, &test_y, &predicted));
            warm = Some(fit.model);
        }
    }
    let scores: Vec<CvScore> = config
        .grid
        .iter()
        .zip(fold_scores)
        .map(|(params, fold_macro_f1)| CvScore {
            c: params.get().c,
            macro_f1: fold_macro_f1.iter().sum::<f64>() / k as f64,
            fold_macro_f1,
        })
        .collect();
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if s.macro_f1 > scores[best].macro_f1 {
            best = i;
        }
    }
    Ok(CvResult {
        folds: k,
        seed: config.seed,
        scores,
        best,
        out_of_fold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_reproducible() {
        let y: Vec<usize> = (0..30).map(|i| usize::from(i % 3 == 0)).collect();
        let a = stratified_folds(&y, 2, 5, 7);
        assert_eq!(a, stratified_folds(&y, 2, 5, 7));
        assert_ne!(a, stratified_folds(&y, 2, 5, 8));
        for fold in 0..5 {
            let ones = (0..30).filter(|&i| a[i] == fold && y[i] == 1).count();
            assert_eq!(ones, 2, "fold {fold}");
        }
    }
}
