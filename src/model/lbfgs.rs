//! A lean L-BFGS minimiser: no allocation per iteration, one loss-and-gradient pass per trial
//! point.
//!
//! argmin's L-BFGS (kept as [`super::Solver::Argmin`], the reference) allocates new vectors for
//! every vector operation; with hundreds of thousands of weights that, not the sparse loss,
//! dominated training time. This is the textbook two-loop recursion (Nocedal & Wright,
//! Algorithm 7.4) with a backtracking Armijo line search, enough for the smooth, strictly convex
//! objective of L2-regularised logistic regression, where every step has positive curvature.

use rayon::prelude::*;

/// Where the minimiser stopped.
#[derive(Debug, Clone)]
pub struct Minimum {
    /// The parameters.
    pub x: Vec<f64>,
    /// Iterations taken.
    pub iterations: u64,
    /// Whether a tolerance (gradient norm, or no further decrease) was met before `max_iter`.
    pub converged: bool,
}

/// Options of [`minimize`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Correction pairs kept (scipy's and scikit-learn's default is 10).
    pub memory: usize,
    /// Stop when the gradient's L2 norm is at most this.
    pub tol_grad: f64,
    /// Stop when an iteration lowers the objective by at most this fraction of its size
    /// (scikit-learn passes 64 · machine epsilon to scipy).
    pub tol_decrease: f64,
    /// Iteration limit.
    pub max_iter: u64,
}

/// Minimises `f` from `x0`. `f(x, grad)` returns the objective at `x` and writes its gradient
/// into `grad`.
pub fn minimize(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    x0: Vec<f64>,
    opt: Options,
) -> Minimum {
    let n = x0.len();
    let m = opt.memory.max(1);
    let mut x = x0;
    let mut g = vec![0.0; n];
    let mut fx = f(&x, &mut g);
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut d = vec![0.0; n];
    let mut s_hist = vec![vec![0.0; n]; m];
    let mut y_hist = vec![vec![0.0; n]; m];
    let mut rho = vec![0.0; m];
    let mut alpha = vec![0.0; m];
    let (mut len, mut next) = (0usize, 0usize);
    let done = |iterations, converged, x| Minimum {
        x,
        iterations,
        converged,
    };
    if norm(&g) <= opt.tol_grad {
        return done(0, true, x);
    }
    for iter in 1..=opt.max_iter {
        // d = −H·g by the two-loop recursion, newest pair first.
        d.copy_from_slice(&g);
        for back in 1..=len {
            let i = (next + m - back) % m;
            alpha[i] = rho[i] * dot(&s_hist[i], &d);
            axpy(-alpha[i], &y_hist[i], &mut d);
        }
        let gamma = if len > 0 {
            let i = (next + m - 1) % m;
            dot(&s_hist[i], &y_hist[i]) / dot(&y_hist[i], &y_hist[i])
        } else {
            1.0 / norm(&g)
        };
        scale(gamma, &mut d);
        for fwd in (1..=len).rev() {
            let i = (next + m - fwd) % m;
            let beta = rho[i] * dot(&y_hist[i], &d);
            axpy(alpha[i] - beta, &s_hist[i], &mut d);
        }
        scale(-1.0, &mut d);
        let mut slope = dot(&d, &g);
        if slope >= 0.0 {
            // Not a descent direction (numerical trouble): restart from steepest descent.
            len = 0;
            let scale = 1.0 / norm(&g);
            for (di, gi) in d.iter_mut().zip(&g) {
                *di = -gi * scale;
            }
            slope = dot(&d, &g);
        }
        // Backtracking line search on the Armijo condition.
        let mut step = 1.0;
        let f_new = loop {
            step_to(&mut x_new, &x, step, &d);
            let value = f(&x_new, &mut g_new);
            if value <= fx + 1e-4 * step * slope {
                break Some(value);
            }
            step *= 0.5;
            if step < 1e-12 {
                break None;
            }
        };
        let Some(f_new) = f_new else {
            // No decrease possible along d: at the precision of the objective, this is a minimum.
            return done(iter, true, x);
        };
        // Store the correction pair s = x_new − x, y = g_new − g.
        let (s, y) = (&mut s_hist[next], &mut y_hist[next]);
        difference(s, &x_new, &x);
        difference(y, &g_new, &g);
        let sy = dot(s, y);
        if sy > 1e-12 * dot(y, y) {
            rho[next] = 1.0 / sy;
            next = (next + 1) % m;
            len = (len + 1).min(m);
        }
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        let previous = fx;
        fx = f_new;
        if norm(&g) <= opt.tol_grad
            || previous - fx <= opt.tol_decrease * previous.abs().max(fx.abs()).max(1.0)
        {
            return done(iter, true, x);
        }
    }
    done(opt.max_iter, false, x)
}

/// Vector operations run on rayon over fixed-size blocks. Partial sums are added in block order,
/// so results do not depend on the number of threads.
const BLOCK: usize = 1 << 14;

/// Dot product: per block eight independent partial sums, so the compiler can vectorise it (a
/// single running sum is one long dependency chain).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let partials: Vec<f64> = a
        .par_chunks(BLOCK)
        .zip(b.par_chunks(BLOCK))
        .map(|(a, b)| {
            let mut acc = [0.0; 8];
            let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
            let tail: f64 = ca
                .remainder()
                .iter()
                .zip(cb.remainder())
                .map(|(x, y)| x * y)
                .sum();
            for (x, y) in ca.zip(cb) {
                for i in 0..8 {
                    acc[i] += x[i] * y[i];
                }
            }
            acc.iter().sum::<f64>() + tail
        })
        .collect();
    partials.iter().sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

/// `y += a · x`
fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    y.par_chunks_mut(BLOCK)
        .zip(x.par_chunks(BLOCK))
        .for_each(|(y, x)| y.iter_mut().zip(x).for_each(|(yi, xi)| *yi += a * xi));
}

/// `out = x + a · d`
fn step_to(out: &mut [f64], x: &[f64], a: f64, d: &[f64]) {
    out.par_chunks_mut(BLOCK)
        .zip(x.par_chunks(BLOCK).zip(d.par_chunks(BLOCK)))
        .for_each(|(o, (x, d))| {
            for ((oi, xi), di) in o.iter_mut().zip(x).zip(d) {
                *oi = xi + a * di;
            }
        });
}

/// `out = a − b`
fn difference(out: &mut [f64], a: &[f64], b: &[f64]) {
    out.par_chunks_mut(BLOCK)
        .zip(a.par_chunks(BLOCK).zip(b.par_chunks(BLOCK)))
        .for_each(|(o, (a, b))| {
            for ((oi, ai), bi) in o.iter_mut().zip(a).zip(b) {
                *oi = ai - bi;
            }
        });
}

/// `x *= a`
fn scale(a: f64, x: &mut [f64]) {
    x.par_chunks_mut(BLOCK)
        .for_each(|x| x.iter_mut().for_each(|v| *v *= a));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_rosenbrock_valley() {
        let rosenbrock = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let opt = Options {
            memory: 5,
            tol_grad: 1e-8,
            tol_decrease: 0.0,
            max_iter: 1000,
        };
        let min = minimize(rosenbrock, vec![-1.2, 1.0], opt);
        assert!(min.converged);
        assert!(
            (min.x[0] - 1.0).abs() < 1e-5 && (min.x[1] - 1.0).abs() < 1e-5,
            "{:?}",
            min.x
        );
    }

    #[test]
    fn reports_the_iteration_limit() {
        let bowl = |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * x[0];
            g[1] = 200.0 * x[1];
            x[0] * x[0] + 100.0 * x[1] * x[1]
        };
        let opt = Options {
            memory: 3,
            tol_grad: 0.0,
            tol_decrease: 0.0,
            max_iter: 1,
        };
        let min = minimize(bowl, vec![3.0, 1.0], opt);
        assert!(!min.converged);
        assert_eq!(min.iterations, 1);
    }
}
