//! Prediction's last step with each column's idf and weights side by side.
//!
//! Weighing a row reads each term's idf, and scoring it reads the term's weights: with a large
//! vocabulary, two places in arrays of several megabytes each, and prediction waits on such
//! reads. [`ColumnRecords`] keeps both in one record per column, so the second read finds the
//! cache line the first one brought in.

use super::linear::{add_product_at, softmax_in_place, LinearModel};
use crate::features::{term_frequencies, Tfidf};

/// The buffers [`ColumnRecords::probabilities`] works in, reused from one text to the next.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// The columns of the text's terms, one per occurrence, in any order.
    pub cols: Vec<u32>,
    /// The text's row: `(column, term frequency)`, then `(column, value)`.
    row: Vec<(u32, f64)>,
}

/// Each column's idf followed by its weights (one per label), in one array.
#[derive(Debug)]
pub(super) struct ColumnRecords {
    n_labels: usize,
    /// Column `j`'s record: `records[j * (n_labels + 1)..(j + 1) * (n_labels + 1)]`.
    records: Vec<f64>,
    intercepts: Vec<f64>,
    sublinear_tf: bool,
}

impl ColumnRecords {
    /// The records of `tfidf`'s columns with `model`'s weights (the same number of columns).
    pub fn new(tfidf: &Tfidf, model: &LinearModel) -> ColumnRecords {
        let k = model.n_labels();
        debug_assert_eq!(tfidf.n_features(), model.n_features());
        let mut records = Vec::with_capacity(tfidf.n_features() * (k + 1));
        for (j, &idf) in tfidf.idf().iter().enumerate() {
            records.push(idf);
            records.extend_from_slice(model.feature_weights(j));
        }
        ColumnRecords {
            n_labels: k,
            records,
            intercepts: model.intercepts().to_vec(),
            sublinear_tf: tfidf.sublinear_tf(),
        }
    }

    /// The probabilities of the document whose terms are in columns `scratch.cols` (sorted in
    /// place). Bit for bit what [`Tfidf::weigh`] and then [`LinearModel::probabilities`] give:
    /// the same operations in the same order.
    pub fn probabilities(&self, scratch: &mut Scratch) -> Vec<f64> {
        let Scratch { cols, row } = scratch;
        by_label_count!(self.n_labels, self.probabilities_k(cols, row))
    }

    /// [`Self::probabilities`] with `K` labels, or any number when `K` is 0.
    fn probabilities_k<const K: usize>(
        &self,
        cols: &mut [u32],
        row: &mut Vec<(u32, f64)>,
    ) -> Vec<f64> {
        let k = self.n_labels;
        debug_assert!(K == 0 || K == k);
        let stride = k + 1;
        term_frequencies(cols, self.sublinear_tf, row);
        let mut norm = 0.0;
        for (j, v) in row.iter_mut() {
            *v *= self.records[*j as usize * stride];
            norm += *v * *v;
        }
        let inv = (norm > 0.0).then(|| 1.0 / norm.sqrt());
        let row = row
            .iter()
            .map(|&(j, v)| (j as usize, inv.map_or(v, |inv| v * inv)));
        let mut p = self.intercepts.clone();
        add_product_at::<K>(&mut p, row, &self.records, |j| j * stride + 1);
        softmax_in_place(&mut p);
        p
    }
}
