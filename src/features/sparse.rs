//! Compressed sparse rows: the only matrix layout stancekit trains and predicts on.
//!
//! Values are stored as `f32` and read as `f64`: training is bound by how fast the solver can
//! stream the matrix, and TF-IDF values need no more than single precision. Every sum over them
//! is accumulated in `f64`.

/// A row-major sparse matrix (CSR). Column indices within a row are strictly increasing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

/// One sparse row: parallel slices of column indices and values.
#[derive(Debug, Clone, Copy)]
pub struct SparseRow<'a> {
    /// Column indices, strictly increasing.
    pub indices: &'a [u32],
    /// Values, one per index.
    pub values: &'a [f32],
}

impl SparseRow<'_> {
    /// `(column, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.indices
            .iter()
            .zip(self.values)
            .map(|(&j, &v)| (j as usize, f64::from(v)))
    }
}

impl CsrMatrix {
    /// An empty matrix with `n_cols` columns, to be filled with [`CsrMatrix::push_row`].
    pub fn new(n_cols: usize) -> Self {
        CsrMatrix {
            n_cols,
            indptr: vec![0],
            indices: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Appends a row given as `(column, value)` pairs sorted by column, without duplicates.
    /// Values are stored rounded to `f32`.
    ///
    /// # Panics
    /// In debug builds, when columns are out of range or not strictly increasing (a bug in the
    /// caller, never a property of user input).
    pub fn push_row(&mut self, row: impl IntoIterator<Item = (u32, f64)>) {
        for (j, v) in row {
            debug_assert!((j as usize) < self.n_cols);
            debug_assert!(
                self.indices.len() == *self.indptr.last().unwrap_or(&0)
                    || self.indices.last().is_some_and(|&last| last < j)
            );
            self.indices.push(j);
            self.values.push(v as f32);
        }
        self.indptr.push(self.indices.len());
    }

    /// Stacks matrices with the same number of columns, rows in order.
    ///
    /// # Panics
    /// When the column counts differ (a bug in the caller).
    pub fn vstack(n_cols: usize, parts: Vec<CsrMatrix>) -> CsrMatrix {
        let mut out = CsrMatrix::new(n_cols);
        out.indices.reserve(parts.iter().map(CsrMatrix::nnz).sum());
        out.values.reserve(out.indices.capacity());
        for part in parts {
            assert_eq!(part.n_cols, n_cols, "stacked matrices differ in columns");
            let offset = out.indices.len();
            out.indptr
                .extend(part.indptr[1..].iter().map(|&p| p + offset));
            out.indices.extend_from_slice(&part.indices);
            out.values.extend_from_slice(&part.values);
        }
        out
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Number of stored (non-zero) values.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Row `i`.
    ///
    /// # Panics
    /// When `i >= n_rows()`.
    pub fn row(&self, i: usize) -> SparseRow<'_> {
        let (a, b) = (self.indptr[i], self.indptr[i + 1]);
        SparseRow {
            indices: &self.indices[a..b],
            values: &self.values[a..b],
        }
    }

    /// Iterates over all rows in order.
    pub fn rows(&self) -> impl Iterator<Item = SparseRow<'_>> + '_ {
        (0..self.n_rows()).map(|i| self.row(i))
    }

    /// The transpose, also in CSR form (that is, this matrix in compressed sparse columns).
    /// Row indices within each column come out increasing.
    pub fn transpose(&self) -> CsrMatrix {
        let mut counts = vec![0usize; self.n_cols + 1];
        for &j in &self.indices {
            counts[j as usize + 1] += 1;
        }
        for j in 0..self.n_cols {
            counts[j + 1] += counts[j];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.nnz()];
        let mut values = vec![0f32; self.nnz()];
        for (i, row) in self.rows().enumerate() {
            for (&j, &v) in row.indices.iter().zip(row.values) {
                let at = next[j as usize];
                indices[at] = i as u32;
                values[at] = v;
                next[j as usize] += 1;
            }
        }
        CsrMatrix {
            n_cols: self.n_rows(),
            indptr,
            indices,
            values,
        }
    }

    /// A dense copy, for tests and for the linfa reference solver on small problems only.
    pub fn to_dense(&self) -> ndarray::Array2<f64> {
        let mut dense = ndarray::Array2::zeros((self.n_rows(), self.n_cols));
        for (i, row) in self.rows().enumerate() {
            for (j, v) in row.iter() {
                dense[[i, j]] = v;
            }
        }
        dense
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_pushed() {
        let mut m = CsrMatrix::new(4);
        m.push_row([(0, 1.0), (3, 2.0)]);
        m.push_row([]);
        m.push_row([(2, 5.0)]);
        assert_eq!(m.n_rows(), 3);
        assert_eq!(m.nnz(), 3);
        assert_eq!(m.row(0).iter().collect::<Vec<_>>(), [(0, 1.0), (3, 2.0)]);
        assert!(m.row(1).indices.is_empty());
        assert_eq!(m.to_dense()[[2, 2]], 5.0);
    }

    #[test]
    fn transpose_swaps_rows_and_columns() {
        let mut m = CsrMatrix::new(3);
        m.push_row([(0, 1.0), (2, 2.0)]);
        m.push_row([(1, 3.0), (2, 4.0)]);
        let t = m.transpose();
        assert_eq!((t.n_rows(), t.n_cols()), (3, 2));
        assert_eq!(t.to_dense(), m.to_dense().t());
        assert_eq!(t.transpose(), m);
    }
}
