//! Compressed sparse rows: the only matrix layout stancekit trains and predicts on.
//!
//! Values are stored as `f32` and read as `f64`: training is bound by how fast the solver can
//! stream the matrix, and TF-IDF values need no more than single precision. Every sum over them
//! is accumulated in `f64`.

use std::ops::Range;

use rayon::prelude::*;

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

    /// A matrix whose row `i` has `lengths[i]` stored values, written by `fill(i, indices,
    /// values)` on rayon in blocks of rows. The arrays are allocated once at their final size, so
    /// building a matrix never holds two copies of it. `fill` must write strictly increasing
    /// columns below `n_cols`.
    ///
    /// # Panics
    /// In debug builds, when `fill` breaks that rule (a bug in the caller).
    pub fn from_row_lengths(
        n_cols: usize,
        lengths: &[usize],
        fill: impl Fn(usize, &mut [u32], &mut [f32]) + Sync,
    ) -> CsrMatrix {
        const BLOCK: usize = 4096;
        let mut indptr = Vec::with_capacity(lengths.len() + 1);
        indptr.push(0);
        for &n in lengths {
            indptr.push(indptr[indptr.len() - 1] + n);
        }
        let nnz = indptr[lengths.len()];
        let mut indices = vec![0u32; nnz];
        let mut values = vec![0f32; nnz];
        let bounds: Vec<usize> = (0..lengths.len())
            .step_by(BLOCK)
            .chain([lengths.len()])
            .collect();
        let blocks = split_at_rows(&indptr, &bounds, &mut indices, &mut values);
        blocks.into_par_iter().for_each(|(rows, i, v)| {
            let base = indptr[rows.start];
            for r in rows {
                let span = indptr[r] - base..indptr[r + 1] - base;
                let (ri, rv) = (&mut i[span.clone()], &mut v[span]);
                fill(r, ri, rv);
                debug_assert!(ri.windows(2).all(|w| w[0] < w[1]));
                debug_assert!(ri.iter().all(|&j| (j as usize) < n_cols));
            }
        });
        CsrMatrix {
            n_cols,
            indptr,
            indices,
            values,
        }
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
    ///
    /// Built on rayon: the columns' lengths are counted in one part of the stored values per
    /// thread (up to 4), then the columns are cut into ranges of about equal stored values, and
    /// each range's part of the output is filled by one task reading every row's entries in
    /// that range (found by binary search, the columns of a row being sorted). The result does
    /// not depend on the number of threads.
    pub fn transpose(&self) -> CsrMatrix {
        let nnz = self.nnz();
        let threads = rayon::current_num_threads().max(1);
        // Each column's stored values, counted on rayon in one part of the indices per thread
        // (at most 4 parts: each part counts every column).
        let counts = self
            .indices
            .par_chunks(nnz.div_ceil(threads.min(4)).max(1))
            .map(|part| {
                let mut counts = vec![0usize; self.n_cols];
                part.iter().for_each(|&j| counts[j as usize] += 1);
                counts
            })
            .reduce_with(|mut a, b| {
                a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
                a
            })
            .unwrap_or_else(|| vec![0; self.n_cols]);
        let mut indptr = Vec::with_capacity(self.n_cols + 1);
        indptr.push(0);
        for c in counts {
            indptr.push(indptr[indptr.len() - 1] + c);
        }
        let parts = 2 * threads;
        let mut bounds = vec![0];
        for p in 1..parts {
            let j = indptr
                .partition_point(|&c| c < nnz * p / parts)
                .min(self.n_cols);
            if j > *bounds.last().expect("starts with 0") {
                bounds.push(j);
            }
        }
        if *bounds.last().expect("starts with 0") < self.n_cols {
            bounds.push(self.n_cols);
        }
        let (mut indices, mut values) = (zeros(nnz), zeros(nnz));
        split_at_rows(&indptr, &bounds, &mut indices, &mut values)
            .into_par_iter()
            .for_each(|(columns, part_indices, part_values)| {
                let (first, end) = (columns.start, columns.end);
                let base = indptr[first];
                let mut next: Vec<usize> = indptr[first..end].iter().map(|&c| c - base).collect();
                for (i, row) in self.rows().enumerate() {
                    let from = row.indices.partition_point(|&j| (j as usize) < first);
                    let to = row.indices.partition_point(|&j| (j as usize) < end);
                    for (&j, &v) in row.indices[from..to].iter().zip(&row.values[from..to]) {
                        let at = &mut next[j as usize - first];
                        part_indices[*at] = i as u32;
                        part_values[*at] = v;
                        *at += 1;
                    }
                }
            });
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

/// `n` zeros, written on rayon. The transpose's arrays are hundreds of megabytes at a million
/// rows, and the first write to each page is what the kernel makes wait (it maps and zeroes the
/// page): written here, that wait is shared by every core instead of falling on the allocating
/// thread, as it did with `vec![0; n]` (profiled in docs/performance.md, round 19; the matrix
/// itself, allocated the plain way, showed no such wait).
fn zeros<T: Copy + Default + Send + Sync>(n: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    v.par_extend(rayon::iter::repeat_n(T::default(), n));
    v
}

/// `indices` and `values` of a matrix with row pointers `indptr`, cut into one disjoint piece
/// per range of rows `bounds[k]..bounds[k + 1]` (`bounds` increasing, from 0 to the last row),
/// for filling the pieces in parallel.
fn split_at_rows<'a>(
    indptr: &[usize],
    bounds: &[usize],
    mut indices: &'a mut [u32],
    mut values: &'a mut [f32],
) -> Vec<(Range<usize>, &'a mut [u32], &'a mut [f32])> {
    let mut pieces = Vec::with_capacity(bounds.len());
    for range in bounds.windows(2) {
        let len = indptr[range[1]] - indptr[range[0]];
        let (piece_indices, rest_indices) = std::mem::take(&mut indices).split_at_mut(len);
        let (piece_values, rest_values) = std::mem::take(&mut values).split_at_mut(len);
        pieces.push((range[0]..range[1], piece_indices, piece_values));
        (indices, values) = (rest_indices, rest_values);
    }
    pieces
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
    fn rows_filled_in_parallel_are_the_rows_pushed() {
        let rows: Vec<Vec<(u32, f64)>> = (0..10_000u32)
            .map(|r| {
                (0..r % 7)
                    .map(|k| (k * 3 + r % 3, f64::from(r + k)))
                    .collect()
            })
            .collect();
        let mut pushed = CsrMatrix::new(40);
        for row in &rows {
            pushed.push_row(row.iter().copied());
        }
        let lengths: Vec<usize> = rows.iter().map(Vec::len).collect();
        let filled = CsrMatrix::from_row_lengths(40, &lengths, |r, indices, values| {
            for ((i, v), &(j, x)) in indices.iter_mut().zip(values.iter_mut()).zip(&rows[r]) {
                (*i, *v) = (j, x as f32);
            }
        });
        assert_eq!(filled, pushed);
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

    #[test]
    fn transpose_filled_in_column_ranges_is_the_dense_transpose() {
        // Enough columns and stored values for every range of the parallel fill to be used,
        // some columns empty, some rows empty.
        let mut m = CsrMatrix::new(500);
        for r in 0..3_000u32 {
            let row: Vec<(u32, f64)> = (0..r % 11)
                .map(|k| ((r * 7 + k * 61) % 499, f64::from(r * 13 + k)))
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .collect();
            m.push_row(row);
        }
        let t = m.transpose();
        assert_eq!((t.n_rows(), t.n_cols(), t.nnz()), (500, 3_000, m.nnz()));
        assert_eq!(t.to_dense(), m.to_dense().t());
        assert!(t.row(499).indices.is_empty());
        assert_eq!(t.transpose(), m);
    }
}
