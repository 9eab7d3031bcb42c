//! The fitted linear model: one weight per (feature, label) and one intercept per label,
//! turned into probabilities by softmax.

/// Multinomial logistic-regression weights.
///
/// Weights are stored feature-major: the `n_labels` weights of feature `j` are contiguous at
/// `weights[j * n_labels .. (j + 1) * n_labels]`, so a sparse row touches one short run per value.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    n_features: usize,
    n_labels: usize,
    weights: Vec<f64>,
    intercepts: Vec<f64>,
}

impl LinearModel {
    /// Builds a model from feature-major weights and intercepts.
    ///
    /// # Errors
    /// A message when `weights.len() != n_features * intercepts.len()`, when there are fewer
    /// than two labels, or when a value is not finite.
    pub fn new(
        n_features: usize,
        weights: Vec<f64>,
        intercepts: Vec<f64>,
    ) -> std::result::Result<Self, String> {
        let n_labels = intercepts.len();
        if n_labels < 2 {
            return Err(format!("a model needs at least 2 labels, found {n_labels}"));
        }
        if weights.len() != n_features * n_labels {
            return Err(format!(
                "{} weights for {n_features} features × {n_labels} labels",
                weights.len()
            ));
        }
        if weights.iter().chain(&intercepts).any(|w| !w.is_finite()) {
            return Err("a weight or intercept is not a finite number".to_string());
        }
        Ok(LinearModel {
            n_features,
            n_labels,
            weights,
            intercepts,
        })
    }

    /// Rounds every weight and intercept to the nearest `f32`, the precision model files keep
    /// (half the bytes; the change in any probability is far below 1e-6).
    pub fn round_to_f32(&mut self) {
        for w in self.weights.iter_mut().chain(self.intercepts.iter_mut()) {
            *w = f64::from(*w as f32);
        }
    }

    /// Number of features (columns).
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of labels.
    pub fn n_labels(&self) -> usize {
        self.n_labels
    }

    /// The weights of feature `j`, one per label.
    pub fn feature_weights(&self, j: usize) -> &[f64] {
        &self.weights[j * self.n_labels..(j + 1) * self.n_labels]
    }

    /// All weights, feature-major.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Intercepts, one per label.
    pub fn intercepts(&self) -> &[f64] {
        &self.intercepts
    }

    /// Linear scores `x·W + b` of one row, given as `(column, value)` pairs, written into `out`
    /// (length `n_labels`).
    pub fn scores_into(&self, row: impl IntoIterator<Item = (usize, f64)>, out: &mut [f64]) {
        out.copy_from_slice(&self.intercepts);
        let w = &self.weights;
        by_label_count!(self.n_labels, add_product(out, row, w))
    }

    /// Probabilities of every label for one row of `(column, value)` pairs (softmax of the
    /// scores); they sum to 1.
    pub fn probabilities(&self, row: impl IntoIterator<Item = (usize, f64)>) -> Vec<f64> {
        let mut p = vec![0.0; self.n_labels];
        self.scores_into(row, &mut p);
        softmax_in_place(&mut p);
        p
    }

    /// How much feature `j` with value `v` pushes toward label `k`, relative to the other labels:
    /// `v · (w[j][k] − mean over labels of w[j])`. Softmax ignores what is common to all labels,
    /// so only this difference moves a probability.
    pub fn contribution(&self, j: usize, v: f64, k: usize) -> f64 {
        let w = self.feature_weights(j);
        let mean = w.iter().sum::<f64>() / w.len() as f64;
        v * (w[k] - mean)
    }
}

/// Adds `Σ v · m[j]` over the row's `(j, v)` to `out`, where `m[j]` is the `j`-th run of
/// `out.len()` values of `m` (weights, or the trainer's residuals); the sums run in the row's
/// order. Compiled for a label count `K > 0` (with `out.len() == K`), the sums stay in
/// registers instead of going through memory once per value; `K = 0` reads the count from `out`.
#[inline(always)]
pub(super) fn add_product<const K: usize>(
    out: &mut [f64],
    row: impl IntoIterator<Item = (usize, f64)>,
    m: &[impl Copy + Into<f64>],
) {
    // A constant stride when the count is compiled in.
    let k = if K == 0 { out.len() } else { K };
    add_product_at::<K>(out, row, m, |j| j * k);
}

/// [`add_product`] with `m[j]` the run of `out.len()` values starting at `m[at(j)]`, for
/// records that hold more than the values (`scoring::ColumnRecords`).
#[inline(always)]
pub(super) fn add_product_at<const K: usize>(
    out: &mut [f64],
    row: impl IntoIterator<Item = (usize, f64)>,
    m: &[impl Copy + Into<f64>],
    at: impl Fn(usize) -> usize,
) {
    if K == 0 {
        let k = out.len();
        for (j, v) in row {
            let start = at(j);
            for (o, &mj) in out.iter_mut().zip(&m[start..start + k]) {
                *o += v * mj.into();
            }
        }
        return;
    }
    let mut acc = [0.0; K];
    acc.copy_from_slice(out);
    for (j, v) in row {
        let start = at(j);
        let mj = &m[start..start + K];
        for c in 0..K {
            acc[c] += v * mj[c].into();
        }
    }
    out.copy_from_slice(&acc);
}

/// Replaces scores by their softmax, computed stably (max subtracted first).
pub fn softmax_in_place(scores: &mut [f64]) {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    for s in scores.iter_mut() {
        *s /= sum;
    }
}

/// Index of the largest value (the first one on ties).
pub fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_is_stable_for_large_scores() {
        let mut s = [1000.0, 1000.0, -1000.0];
        softmax_in_place(&mut s);
        assert!((s[0] - 0.5).abs() < 1e-12 && (s[1] - 0.5).abs() < 1e-12 && s[2] == 0.0);
    }

    #[test]
    fn inconsistent_shapes_are_refused() {
        assert!(LinearModel::new(2, vec![0.0; 5], vec![0.0; 3]).is_err());
        assert!(LinearModel::new(2, vec![0.0; 2], vec![0.0; 1]).is_err());
        assert!(LinearModel::new(1, vec![f64::NAN, 0.0], vec![0.0; 2]).is_err());
    }

    #[test]
    fn argmax_takes_the_first_of_ties() {
        assert_eq!(argmax(&[0.2, 0.4, 0.4]), 1);
    }
}
