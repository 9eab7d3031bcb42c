//! Training multinomial logistic regression on a sparse TF-IDF matrix.
//!
//! The objective is scikit-learn's: minimise `C · Σᵢ sᵢ · (−log p(yᵢ | xᵢ)) + ½‖W‖²` over the
//! weights `W` and intercepts `b` (intercepts are not penalised), where `sᵢ` is 1, or the
//! balanced class weight `n / (k · count(yᵢ))` with [`ClassWeight::Balanced`].
//!
//! Loss and gradient are computed in one pass of sparse products: no dense `n × d` matrix is ever
//! built. [`Solver::Lbfgs`], the default, minimises them with the allocation-free L-BFGS of
//! [`super::lbfgs`], preconditioned by the inverse of the Hessian's diagonal (TF-IDF columns
//! differ in scale by orders of magnitude; on 100k news sentences the diagonal at the start took
//! the iterations from 124 to 34), worked out again every [`DIAGONAL_REFRESH`] iterations at the
//! point reached. Two references check it in the tests: [`Solver::Argmin`] runs
//! argmin's L-BFGS (More–Thuente line search) on the same sparse objective, and
//! [`Solver::Linfa`] hands a dense copy of the matrix to `linfa-logistic`, which is only
//! practical for small problems.

use std::cell::RefCell;
use std::sync::Mutex;

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use linfa::traits::Fit as _;
use linfa::{Dataset, ParamGuard as _};
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::lbfgs;
use super::linear::{add_product, LinearModel};
use crate::error::{Error, Result};
use crate::features::CsrMatrix;

/// Rows a task of the passes over rows takes.
const ROWS: usize = 1024;

/// Columns a task of the passes over columns takes.
const COLS: usize = 4096;

/// How far a warm start must bring the largest gradient component down, as a fraction of its
/// value at the start. The optimum for the previous C of a grid can already pass the absolute
/// test for the next (its gradient there is `W · (1/C₁ − 1/C₂) / n`, small when `W` is): with
/// only that test, 5-fold CV on NewsMTSC train (target window 3, `--c 3,10,30,100`) scored
/// C = 10, 30 and 100 alike, 0.6352, where fits to `--tol 1e-6` score 0.6347, 0.6308 and 0.6296;
/// with this rule 0.6352, 0.6303 and 0.6298 (5.8 s instead of 1.7 s). A fit from zero starts
/// with a gradient far above `tol / 0.3`, so the rule leaves it alone.
const WARM_START_PROGRESS: f64 = 0.3;

/// Iterations between two workings-out of the preconditioner, the inverse of the Hessian's
/// diagonal at the point reached. As the fit goes, rows that the model already scores well weigh
/// less in the Hessian (`p·(1 − p)` falls), and the diagonal where the fit started no longer
/// matches the problem's scales. Each working-out is one pass over the columns. On the 1M-row
/// benchmark set (docs/performance.md) this took 62 iterations instead of 106, to the same
/// objective within 0.003%; every 5 or 20 iterations took 63 and 65. At 100k rows it takes 34
/// iterations, as the diagonal of the start did.
const DIAGONAL_REFRESH: u64 = 10;

/// Which optimiser fits the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Solver {
    /// The lean sparse L-BFGS (the default).
    #[default]
    Lbfgs,
    /// argmin's L-BFGS on the same sparse objective: a reference, several times slower.
    Argmin,
    /// linfa-logistic on a dense copy of the matrix: the reference, for small problems.
    Linfa,
}

/// How rows are weighted in the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ClassWeight {
    /// Every row counts once (the default).
    #[default]
    None,
    /// Rows of label `c` count `n / (k · count(c))`, so every label weighs the same in total.
    Balanced,
}

/// Logistic-regression options, unchecked. Call [`TrainParams::check`] before fitting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainParams {
    /// Inverse regularisation strength (larger fits the training rows more closely). Default 1.
    pub c: f64,
    /// Row weighting. Default [`ClassWeight::None`].
    pub class_weight: ClassWeight,
    /// Optimiser. Default [`Solver::Lbfgs`].
    pub solver: Solver,
    /// Iteration limit; reaching it is reported as not converged. Default 1000.
    pub max_iter: u64,
    /// Stop when the largest component of the gradient of the objective divided by `C · n`
    /// falls below this (scikit-learn's lbfgs criterion on the same scaled objective, with its
    /// default) and, with [`Solver::Lbfgs`], the objective's slope along the next search
    /// direction is at most this fraction of the objective (the first test alone can pass far
    /// from the optimum). Default 1e-4.
    pub tol: f64,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            c: 1.0,
            class_weight: ClassWeight::None,
            solver: Solver::Lbfgs,
            max_iter: 1000,
            tol: 1e-4,
        }
    }
}

/// Logistic-regression options that passed [`TrainParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedTrainParams(TrainParams);

impl TrainParams {
    /// Validates the options.
    ///
    /// # Errors
    /// [`Error::Config`] when `c` or `tol` is not a finite positive number, or `max_iter` is 0,
    /// or the linfa solver is asked for balanced class weights (it has none).
    pub fn check(self) -> Result<CheckedTrainParams> {
        if !(self.c.is_finite() && self.c > 0.0) {
            return Err(Error::config("--c", self.c, "must be a positive number"));
        }
        if !(self.tol.is_finite() && self.tol > 0.0) {
            return Err(Error::config(
                "--tol",
                self.tol,
                "must be a positive number",
            ));
        }
        if self.max_iter == 0 {
            return Err(Error::config("--max-iter", 0, "must be at least 1"));
        }
        if self.solver == Solver::Linfa && self.class_weight == ClassWeight::Balanced {
            return Err(Error::config(
                "--class-weight",
                "balanced",
                "not available with --solver linfa",
            ));
        }
        Ok(CheckedTrainParams(self))
    }
}

/// The result of one fit.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The fitted weights.
    pub model: LinearModel,
    /// The objective `C · Σ sᵢ · lossᵢ + ½‖W‖²` at the solution.
    pub objective: f64,
    /// Optimiser iterations (0 when the solver does not say).
    pub iterations: u64,
    /// Whether the optimiser stopped on its tolerance rather than its iteration limit.
    pub converged: bool,
}

impl CheckedTrainParams {
    /// The checked options.
    pub fn get(&self) -> &TrainParams {
        &self.0
    }

    /// Fits weights to rows `x` with label indices `y` (each `< n_labels`). `warm` starts the
    /// optimiser from an earlier model of the same shape (used across a grid of C).
    ///
    /// # Errors
    /// [`Error::Training`] when there are no rows, `y` and `x` disagree in length, fewer than
    /// two labels occur, or the optimiser fails.
    pub fn fit(
        &self,
        x: &CsrMatrix,
        y: &[usize],
        n_labels: usize,
        warm: Option<&LinearModel>,
    ) -> Result<Fit> {
        if x.n_rows() == 0 || x.n_rows() != y.len() {
            return Err(Error::Training(format!(
                "{} rows of features for {} labels",
                x.n_rows(),
                y.len()
            )));
        }
        let mut counts = vec![0usize; n_labels];
        for &label in y {
            counts[label] += 1;
        }
        if counts.iter().filter(|&&c| c > 0).count() < 2 {
            return Err(Error::Training(
                "the rows have fewer than two different labels".to_string(),
            ));
        }
        let sample_weights = match self.0.class_weight {
            ClassWeight::None => vec![1.0; n_labels],
            ClassWeight::Balanced => counts
                .iter()
                .map(|&c| {
                    if c == 0 {
                        0.0
                    } else {
                        y.len() as f64 / (n_labels as f64 * c as f64)
                    }
                })
                .collect(),
        };
        let objective = Objective {
            x,
            xt: x.transpose(),
            y,
            k: n_labels,
            c: self.0.c,
            label_weights: sample_weights,
            residuals: Mutex::default(),
        };
        let (d, k) = (x.n_cols(), n_labels);
        let mut init = vec![0.0; d * k + k];
        if let Some(w) = warm.filter(|w| w.n_features() == d && w.n_labels() == k) {
            init[..d * k].copy_from_slice(w.weights());
            init[d * k..].copy_from_slice(w.intercepts());
        }
        match self.0.solver {
            Solver::Lbfgs => self.fit_lbfgs(objective, init),
            Solver::Argmin => self.fit_argmin(objective, init),
            Solver::Linfa => self.fit_linfa(objective),
        }
    }

    fn fit_lbfgs(&self, objective: Objective<'_>, init: Vec<f64>) -> Result<Fit> {
        let options = lbfgs::Options {
            memory: 10,
            tol_grad: self.0.tol,
            tol_grad_relative: WARM_START_PROGRESS,
            tol_slope: self.0.tol,
            tol_decrease: 64.0 * f64::EPSILON,
            max_iter: self.0.max_iter,
            refresh_every: DIAGONAL_REFRESH,
        };
        let min = lbfgs::minimize(
            |theta, grad| objective.scaled_loss_grad(theta, grad),
            init,
            options,
            Some(&mut |diagonal: &mut [f64]| objective.inverse_hessian_diagonal(diagonal)),
        );
        objective.into_fit(min.x, Some(min.value), min.iterations, min.converged)
    }

    fn fit_argmin(&self, objective: Objective<'_>, init: Vec<f64>) -> Result<Fit> {
        let init = Array1::from(init);
        let problem = Cached {
            objective: &objective,
            last: RefCell::new(None),
        };
        let fail = |e: argmin::core::Error| Error::Training(format!("L-BFGS failed: {e}"));
        let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
            .with_tolerance_grad(self.0.tol)
            .map_err(fail)?
            .with_tolerance_cost(1e-12)
            .map_err(fail)?;
        let result = Executor::new(problem, solver)
            .configure(|state| state.param(init).max_iters(self.0.max_iter))
            .run()
            .map_err(fail)?;
        let state = result.state();
        let converged = !matches!(
            state.get_termination_reason(),
            Some(TerminationReason::MaxItersReached) | None
        );
        let iterations = state.get_iter();
        let theta = state
            .get_best_param()
            .ok_or_else(|| Error::Training("L-BFGS returned no parameters".to_string()))?
            .to_vec();
        objective.into_fit(theta, None, iterations, converged)
    }

    fn fit_linfa(&self, objective: Objective<'_>) -> Result<Fit> {
        let (d, k) = (objective.x.n_cols(), objective.k);
        let dense = objective.x.to_dense();
        let targets = Array1::from_iter(objective.y.iter().copied());
        let dataset = Dataset::new(dense, targets);
        let fitted = linfa_logistic::MultiLogisticRegression::default()
            .alpha(1.0 / self.0.c)
            .max_iterations(self.0.max_iter)
            .gradient_tolerance(self.0.tol)
            .with_intercept(true)
            .check()
            .and_then(|params| params.fit(&dataset))
            .map_err(|e| Error::Training(format!("linfa-logistic failed: {e}")))?;
        let params: &Array2<f64> = fitted.params();
        let intercept = fitted.intercept();
        let mut theta = vec![0.0; d * k + k];
        // linfa orders its columns by the classes it saw; map them back to label indices.
        for (col, &label) in fitted.classes().iter().enumerate() {
            for j in 0..d {
                theta[j * k + label] = params[[j, col]];
            }
            theta[d * k + label] = intercept[col];
        }
        let mut grad = vec![0.0; theta.len()];
        let scaled = objective.scaled_loss_grad(&theta, &mut grad);
        let converged = norm(&grad) <= self.0.tol * 10.0;
        objective.into_fit(theta, Some(scaled), 0, converged)
    }
}

/// The training objective over parameters `θ = [W (feature-major, d·k), b (k)]`.
struct Objective<'a> {
    x: &'a CsrMatrix,
    /// `x` transposed: its columns, for the products.
    xt: CsrMatrix,
    y: &'a [usize],
    k: usize,
    c: f64,
    /// Weight of a row of each label.
    label_weights: Vec<f64>,
    /// The residuals' buffer (`n × k`, 12 MB at 1M rows of 3 labels), kept from one evaluation
    /// to the next instead of allocated and zeroed for each.
    residuals: Mutex<Vec<f32>>,
}

impl Objective<'_> {
    /// Factor turning the objective into the scaled one the optimiser sees.
    fn scale(&self) -> f64 {
        1.0 / (self.c * self.x.n_rows() as f64)
    }

    /// The objective divided by `C · n`, and its gradient written into `grad`.
    ///
    /// Two parallel passes. By rows: scores `X·W + b`, the loss, and the residuals
    /// `sᵢ · (p − onehot)`, kept in `f32` (half the bytes the column pass reads at random). By
    /// columns (over `xt`): the gradient `C · Xᵀ·R + W`, written in order, summed in `f64`.
    /// Partial sums are added in block order, so the result does not depend on the number of
    /// threads.
    ///
    /// The inner loops are compiled for each label count from 2 to 6, with the sums kept in
    /// registers, and once for any count read at run time; the sums are the same either way. The
    /// softmax takes one `exp` per label and one `ln` per row.
    fn scaled_loss_grad(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        by_label_count!(self.k, self.scaled_loss_grad_k(theta, grad))
    }

    /// [`Self::scaled_loss_grad`] with `K` labels, or any number when `K` is 0.
    fn scaled_loss_grad_k<const K: usize>(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let (d, k, xt) = (self.x.n_cols(), self.k, &self.xt);
        debug_assert!(K == 0 || K == k);
        let (w, b) = theta.split_at(d * k);
        let (gw, gb) = grad.split_at_mut(d * k);
        // Every residual is written by the row pass, so a kept buffer needs no clearing.
        let mut residuals = std::mem::take(&mut *self.residuals.lock().expect("not poisoned"));
        residuals.resize(self.x.n_rows() * k, 0.0);
        let partials: Vec<(f64, Vec<f64>)> = residuals
            .par_chunks_mut(ROWS * k)
            .enumerate()
            .map(|(block, chunk)| {
                let mut loss = 0.0;
                let mut gb_part = vec![0.0; k];
                let mut scores = vec![0.0; k];
                for (r, out) in chunk.chunks_exact_mut(k).enumerate() {
                    let i = block * ROWS + r;
                    scores.copy_from_slice(b);
                    add_product::<K>(&mut scores, self.x.row(i).iter(), w);
                    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    let label = self.y[i];
                    let sw = self.label_weights[label];
                    let margin = max - scores[label];
                    scores.iter_mut().for_each(|s| *s = (*s - max).exp());
                    let sum: f64 = scores.iter().sum();
                    loss += sw * (margin + sum.ln());
                    for (kk, (o, s)) in out.iter_mut().zip(&scores).enumerate() {
                        let res = sw * (s / sum - if kk == label { 1.0 } else { 0.0 });
                        gb_part[kk] += res;
                        *o = res as f32;
                    }
                }
                (loss, gb_part)
            })
            .collect();
        let scale = self.scale();
        let mut loss = 0.0;
        gb.fill(0.0);
        for (l, part) in &partials {
            loss += l;
            for (g, p) in gb.iter_mut().zip(part) {
                *g += p;
            }
        }
        gb.iter_mut().for_each(|g| *g *= self.c * scale);
        let penalties: Vec<f64> = gw
            .par_chunks_mut(COLS * k)
            .enumerate()
            .map(|(block, chunk)| {
                let mut penalty = 0.0;
                for (r, gj) in chunk.chunks_exact_mut(k).enumerate() {
                    let j = block * COLS + r;
                    gj.fill(0.0);
                    add_product::<K>(gj, xt.row(j).iter(), &residuals);
                    for (g, wjk) in gj.iter_mut().zip(&w[j * k..(j + 1) * k]) {
                        penalty += wjk * wjk;
                        *g = (self.c * *g + wjk) * scale;
                    }
                }
                penalty
            })
            .collect();
        *self.residuals.lock().expect("not poisoned") = residuals;
        (self.c * loss + 0.5 * penalties.iter().sum::<f64>()) * scale
    }

    /// The inverse of the diagonal of the (unscaled) objective's Hessian at the point last
    /// evaluated, written into `out`, for L-BFGS to precondition with: `1 / (1 + C·Σᵢ hᵢₖ·xᵢⱼ²)`
    /// for the weight of column `j` and label `k`, `1 / (C·Σᵢ hᵢₖ)` for label `k`'s intercept,
    /// where `hᵢₖ = sᵢ·pᵢₖ·(1 − pᵢₖ)` comes from row `i`'s residual for `k`. At θ = 0 every
    /// `pᵢₖ` is `1/k`. The residuals' buffer is turned into the `hᵢₖ` in place (no second buffer
    /// of that size); the next evaluation writes it anew. The sums over each column run through
    /// the same compiled kernel as the gradient's.
    fn inverse_hessian_diagonal(&self, out: &mut [f64]) {
        by_label_count!(self.k, self.inverse_hessian_diagonal_k(out))
    }

    /// [`Self::inverse_hessian_diagonal`] with `K` labels, or any number when `K` is 0.
    fn inverse_hessian_diagonal_k<const K: usize>(&self, out: &mut [f64]) {
        let (k, d) = (self.k, self.x.n_cols());
        debug_assert!(K == 0 || K == k);
        let mut residuals = self.residuals.lock().expect("not poisoned");
        debug_assert_eq!(
            residuals.len(),
            self.x.n_rows() * k,
            "an evaluation came first"
        );
        // The residual is sᵢ·(p − 1) for the row's label, sᵢ·p for the others.
        residuals
            .par_chunks_mut(ROWS * k)
            .zip(self.y.par_chunks(ROWS))
            .for_each(|(rows, labels)| {
                for (r, &label) in rows.chunks_exact_mut(k).zip(labels) {
                    let s = self.label_weights[label];
                    for (kk, r) in r.iter_mut().enumerate() {
                        let p = f64::from(*r) / s;
                        let (p, q) = if kk == label {
                            (1.0 + p, -p)
                        } else {
                            (p, 1.0 - p)
                        };
                        *r = (s * p * q) as f32;
                    }
                }
            });
        let curvature = &*residuals;
        let (weights, intercepts) = out.split_at_mut(d * k);
        weights
            .par_chunks_mut(COLS * k)
            .enumerate()
            .for_each(|(block, chunk)| {
                for (r, out) in chunk.chunks_exact_mut(k).enumerate() {
                    let column = self.xt.row(block * COLS + r);
                    out.fill(0.0);
                    add_product::<K>(out, column.iter().map(|(i, v)| (i, v * v)), curvature);
                    out.iter_mut().for_each(|o| *o = 1.0 / (1.0 + self.c * *o));
                }
            });
        let mut mass = vec![0.0; k];
        for row in curvature.chunks_exact(k) {
            for (m, &h) in mass.iter_mut().zip(row) {
                *m += f64::from(h);
            }
        }
        for (out, m) in intercepts.iter_mut().zip(mass) {
            *out = 1.0 / (self.c * m).max(f64::MIN_POSITIVE);
        }
    }

    /// The fit at `theta`; `scaled`, when the solver returns it, is the scaled objective there
    /// (otherwise it is evaluated: at 1M rows, one more pass over the matrix each way).
    fn into_fit(
        self,
        theta: Vec<f64>,
        scaled: Option<f64>,
        iterations: u64,
        converged: bool,
    ) -> Result<Fit> {
        let (d, k) = (self.x.n_cols(), self.k);
        let scaled = scaled.unwrap_or_else(|| {
            let mut grad = vec![0.0; theta.len()];
            self.scaled_loss_grad(&theta, &mut grad)
        });
        let objective = scaled / self.scale();
        let mut theta = theta;
        let intercepts = theta.split_off(d * k);
        let model = LinearModel::new(d, theta, intercepts).map_err(Error::Training)?;
        Ok(Fit {
            model,
            objective,
            iterations,
            converged,
        })
    }
}

/// The objective as argmin sees it. Loss and gradient come from one pass over the rows; the
/// gradient of the last point is kept because argmin asks for cost and gradient separately.
struct Cached<'a, 'b> {
    objective: &'a Objective<'b>,
    /// The last point evaluated, its cost and its gradient.
    last: RefCell<Option<Evaluated>>,
}

type Evaluated = (Array1<f64>, f64, Array1<f64>);

impl Cached<'_, '_> {
    fn eval(&self, theta: &Array1<f64>) -> (f64, Array1<f64>) {
        if let Some((p, cost, grad)) = self.last.borrow().as_ref() {
            if p == theta {
                return (*cost, grad.clone());
            }
        }
        let mut grad = Array1::zeros(theta.len());
        let cost = self.objective.scaled_loss_grad(
            theta.as_slice().expect("contiguous"),
            grad.as_slice_mut().expect("contiguous"),
        );
        *self.last.borrow_mut() = Some((theta.clone(), cost, grad.clone()));
        (cost, grad)
    }
}

impl CostFunction for Cached<'_, '_> {
    type Param = Array1<f64>;
    type Output = f64;

    fn cost(&self, theta: &Self::Param) -> std::result::Result<f64, argmin::core::Error> {
        Ok(self.eval(theta).0)
    }
}

impl Gradient for Cached<'_, '_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;

    fn gradient(
        &self,
        theta: &Self::Param,
    ) -> std::result::Result<Array1<f64>, argmin::core::Error> {
        Ok(self.eval(theta).1)
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::super::linear::argmax;
    use super::*;

    /// Six rows, three labels, four features: small enough for the dense reference.
    fn toy() -> (CsrMatrix, Vec<usize>) {
        let rows: [&[(u32, f64)]; 6] = [
            &[(0, 1.0)],
            &[(0, 0.8), (1, 0.6)],
            &[(1, 1.0)],
            &[(1, 0.6), (2, 0.8)],
            &[(2, 1.0)],
            &[(3, 1.0), (0, 0.0)],
        ];
        let mut x = CsrMatrix::new(4);
        for r in rows {
            let mut r = r.to_vec();
            r.sort_by_key(|p| p.0);
            x.push_row(r);
        }
        (x, vec![0, 0, 1, 1, 2, 2])
    }

    /// The toy's objective with C = 2 and unequal label weights.
    fn toy_objective<'a>(x: &'a CsrMatrix, y: &'a [usize]) -> Objective<'a> {
        Objective {
            x,
            xt: x.transpose(),
            y,
            k: 3,
            c: 2.0,
            label_weights: vec![1.0, 0.5, 2.0],
            residuals: Mutex::default(),
        }
    }

    #[test]
    fn loss_and_gradient_are_the_same_whether_the_label_count_is_compiled_in_or_not() {
        let (x, y) = toy();
        let objective = toy_objective(&x, &y);
        let theta: Vec<f64> = (0..15).map(|i| (i as f64 * 0.61).cos()).collect();
        let (mut compiled, mut any) = (vec![0.0; 15], vec![0.0; 15]);
        let loss_compiled = objective.scaled_loss_grad_k::<3>(&theta, &mut compiled);
        let loss_any = objective.scaled_loss_grad_k::<0>(&theta, &mut any);
        assert_eq!(loss_compiled.to_bits(), loss_any.to_bits());
        assert_eq!(compiled, any);
    }

    #[test]
    fn the_preconditioner_is_the_inverse_hessian_diagonal_compiled_for_the_label_count_or_not() {
        let (x, y) = toy();
        let objective = toy_objective(&x, &y);
        let theta: Vec<f64> = (0..15).map(|i| (i as f64 * 0.43).sin()).collect();
        let model = LinearModel::new(4, theta[..12].to_vec(), theta[12..].to_vec()).unwrap();
        // 1 / (1 + C·Σᵢ sᵢ·pᵢₖ·(1 − pᵢₖ)·xᵢⱼ²), and 1 / (C·Σᵢ sᵢ·pᵢₖ·(1 − pᵢₖ)) for intercepts.
        let (mut weights, mut intercepts) = (vec![0.0; 12], vec![0.0; 3]);
        for (row, &label) in x.rows().zip(&y) {
            let p = model.probabilities(row.iter());
            for kk in 0..3 {
                let h = objective.label_weights[label] * p[kk] * (1.0 - p[kk]);
                intercepts[kk] += h;
                for (j, v) in row.iter() {
                    weights[j * 3 + kk] += h * v * v;
                }
            }
        }
        let expected: Vec<f64> = weights
            .iter()
            .map(|w| 1.0 / (1.0 + 2.0 * w))
            .chain(intercepts.iter().map(|m| 1.0 / (2.0 * m)))
            .collect();
        let mut grad = vec![0.0; 15];
        for compiled in [true, false] {
            let mut diagonal = vec![0.0; 15];
            objective.scaled_loss_grad(&theta, &mut grad);
            if compiled {
                objective.inverse_hessian_diagonal_k::<3>(&mut diagonal);
            } else {
                objective.inverse_hessian_diagonal_k::<0>(&mut diagonal);
            }
            for (got, want) in diagonal.iter().zip(&expected) {
                assert!((got - want).abs() <= 1e-6 * want, "{got} vs {want}");
            }
        }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let (x, y) = toy();
        let objective = toy_objective(&x, &y);
        let theta: Vec<f64> = (0..15).map(|i| (i as f64 * 0.37).sin()).collect();
        let mut grad = vec![0.0; 15];
        objective.scaled_loss_grad(&theta, &mut grad);
        for i in 0..15 {
            let h = 1e-6;
            let (mut up, mut down) = (theta.clone(), theta.clone());
            up[i] += h;
            down[i] -= h;
            let mut scratch = vec![0.0; 15];
            let numeric = (objective.scaled_loss_grad(&up, &mut scratch)
                - objective.scaled_loss_grad(&down, &mut scratch))
                / (2.0 * h);
            assert!(
                (numeric - grad[i]).abs() < 1e-6,
                "θ[{i}]: {numeric} vs {}",
                grad[i]
            );
        }
    }

    #[test]
    fn sparse_solvers_agree_with_linfa_reference() {
        let (x, y) = toy();
        let fit = |solver| {
            TrainParams {
                solver,
                c: 3.0,
                tol: 1e-9,
                max_iter: 10_000,
                ..TrainParams::default()
            }
            .check()
            .unwrap()
            .fit(&x, &y, 3, None)
            .unwrap()
        };
        let reference = fit(Solver::Linfa);
        for solver in [Solver::Lbfgs, Solver::Argmin] {
            let ours = fit(solver);
            assert!(ours.converged, "{solver:?}");
            let rel = (ours.objective - reference.objective).abs() / reference.objective;
            assert!(
                rel < 1e-4,
                "{solver:?}: {} vs {}",
                ours.objective,
                reference.objective
            );
            for row in x.rows() {
                let (a, b) = (
                    ours.model.probabilities(row.iter()),
                    reference.model.probabilities(row.iter()),
                );
                assert_eq!(argmax(&a), argmax(&b), "{solver:?}");
            }
        }
    }

    #[test]
    fn a_single_label_cannot_be_trained() {
        let (x, _) = toy();
        let params = TrainParams::default().check().unwrap();
        assert!(matches!(
            params.fit(&x, &[1; 6], 3, None),
            Err(Error::Training(_))
        ));
    }

    #[test]
    fn bad_options_are_refused() {
        for p in [
            TrainParams {
                c: 0.0,
                ..TrainParams::default()
            },
            TrainParams {
                c: f64::INFINITY,
                ..TrainParams::default()
            },
            TrainParams {
                max_iter: 0,
                ..TrainParams::default()
            },
            TrainParams {
                solver: Solver::Linfa,
                class_weight: ClassWeight::Balanced,
                ..TrainParams::default()
            },
        ] {
            assert!(matches!(p.check(), Err(Error::Config { .. })));
        }
    }
}
