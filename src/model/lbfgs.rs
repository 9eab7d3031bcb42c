//! A lean L-BFGS minimiser: no allocation per iteration, one loss-and-gradient pass per trial
//! point.
//!
//! argmin's L-BFGS (kept as [`super::Solver::Argmin`], the reference) allocates new vectors for
//! every vector operation; with hundreds of thousands of weights that, not the sparse loss,
//! dominated training time. This is the textbook two-loop recursion (Nocedal & Wright,
//! Algorithm 7.4) with a backtracking Armijo line search, enough for the smooth, strictly convex
//! objective of L2-regularised logistic regression, where every step has positive curvature.
//!
//! The initial inverse Hessian of the recursion may be a diagonal instead of the identity (a
//! diagonal preconditioner, rescaled every iteration by `s·y / yᵀDy`). This is L-BFGS on the
//! variables `x / √D`, written without changing variables. The diagonal may be worked out again
//! as the minimiser goes (the correction pairs are kept): the Hessian's diagonal where the
//! minimiser starts can be far from the one where it ends.

use rayon::prelude::*;

/// Where the minimiser stopped.
#[derive(Debug, Clone)]
pub struct Minimum {
    /// The parameters.
    pub x: Vec<f64>,
    /// The objective there, as `f` returned it.
    pub value: f64,
    /// Iterations taken.
    pub iterations: u64,
    /// Whether a tolerance (the gradient and slope tests, or no further decrease) was met before
    /// `max_iter`.
    pub converged: bool,
}

/// Options of [`minimize`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Correction pairs kept (scipy's and scikit-learn's default is 10).
    pub memory: usize,
    /// Stop when the gradient's largest component (in absolute value) is at most this — the
    /// `pgtol` test of scipy's L-BFGS-B, which scikit-learn's `tol` sets.
    pub tol_grad: f64,
    /// The gradient test also requires the largest component to be at most this fraction of
    /// its value at `x0`, so that a warm start already inside `tol_grad` (the optimum of a
    /// nearby problem) still moves toward this problem's optimum. `1.0` leaves only `tol_grad`.
    pub tol_grad_relative: f64,
    /// The gradient test also requires the objective's slope along the next search direction
    /// `d = −H·g` (L-BFGS's estimate of twice the decrease still to come) to be at most this
    /// fraction of the objective: `|g·d| ≤ tol_slope · |f|`. The largest component of the
    /// gradient alone can dip below `tol_grad` far from the optimum when the gradient is spread
    /// over many parameters. The objective must then be positive at the optimum (a loss plus a
    /// penalty is). `f64::INFINITY` leaves the gradient test alone.
    pub tol_slope: f64,
    /// Stop when an iteration lowers the objective by at most this fraction of its size
    /// (scikit-learn passes 64 · machine epsilon to scipy).
    pub tol_decrease: f64,
    /// Iteration limit.
    pub max_iter: u64,
    /// Work the diagonal out again every this many iterations (see [`minimize`]); 0 never.
    pub refresh_every: u64,
}

/// Writes the preconditioner's diagonal for the point last evaluated (see [`minimize`]).
pub type WriteDiagonal<'a> = &'a mut dyn FnMut(&mut [f64]);

/// Minimises `f` from `x0`. `f(x, grad)` returns the objective at `x` and writes its gradient
/// into `grad`.
///
/// `diagonal`, when given, writes the initial inverse-Hessian approximation up to scale, one
/// positive value per parameter, for the point `f` last evaluated (the inverse of the Hessian's
/// diagonal there is the usual choice). It is called after the first evaluation, at `x0`, and
/// then every `opt.refresh_every` iterations at the point reached. `None` is the identity. The
/// stopping tests are on the gradient and objective themselves either way.
pub fn minimize(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    x0: Vec<f64>,
    opt: Options,
    mut diagonal: Option<WriteDiagonal<'_>>,
) -> Minimum {
    let n = x0.len();
    let m = opt.memory.max(1);
    let mut x = x0;
    let mut g = vec![0.0; n];
    let mut fx = f(&x, &mut g);
    let mut preconditioner = diagonal.as_mut().map(|write| {
        let mut values = vec![0.0; n];
        write(&mut values);
        values
    });
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut d = vec![0.0; n];
    // Correction pairs in f32: they only shape the search direction, and at half the bytes the
    // two-loop recursion (memory-bound: 4·m passes over the parameters) runs nearly twice as fast.
    // Each is allocated zeroed by itself: `vec![v; m]` copied `v` m − 1 times on this thread.
    // Memory fresh from the system is then first touched when a pair is stored, by the
    // parallel `difference`.
    let mut s_hist: Vec<Vec<f32>> = (0..m).map(|_| vec![0f32; n]).collect();
    let mut y_hist: Vec<Vec<f32>> = (0..m).map(|_| vec![0f32; n]).collect();
    let mut rho = vec![0.0; m];
    // The newest pair's s·y / yᵀDy, which scales the initial Hessian approximation.
    let mut newest_scaling = 0.0;
    let mut alpha = vec![0.0; m];
    let (mut len, mut next) = (0usize, 0usize);
    let done = |iterations, converged, x, value| Minimum {
        x,
        value,
        iterations,
        converged,
    };
    let tol_grad = opt.tol_grad.min(opt.tol_grad_relative * max_abs(&g));
    for iter in 1..=opt.max_iter {
        if let (Some(write), Some(values)) = (diagonal.as_mut(), preconditioner.as_mut()) {
            if opt.refresh_every > 0 && iter > 1 && (iter - 1) % opt.refresh_every == 0 {
                write(values);
                if len > 0 {
                    let newest = (next + m - 1) % m;
                    newest_scaling = 1.0 / (rho[newest] * quadratic(&y_hist[newest], Some(values)));
                }
            }
        }
        let diagonal = preconditioner.as_deref();
        // d = −H·g by the two-loop recursion (newest pair first, then oldest first). Each step's
        // update of d is fused with the next step's dot product: one pass over memory, not two.
        let at = |back: usize| (next + m - back) % m;
        d.copy_from_slice(&g);
        let mut pending = if len > 0 {
            dot(&s_hist[at(1)], &d)
        } else {
            0.0
        };
        for back in 1..=len {
            let i = at(back);
            alpha[i] = rho[i] * pending;
            let following = (back < len).then(|| s_hist[at(back + 1)].as_slice());
            pending = axpy_dot(-alpha[i], &y_hist[i], &mut d, following);
        }
        let gamma = if len > 0 {
            newest_scaling
        } else {
            1.0 / quadratic(&g, diagonal).sqrt()
        };
        let following = (len > 0).then(|| y_hist[at(len)].as_slice());
        let mut pending = precondition_dot(gamma, diagonal, &mut d, following);
        for fwd in (1..=len).rev() {
            let i = at(fwd);
            let beta = rho[i] * pending;
            let following = (fwd > 1).then(|| y_hist[at(fwd - 1)].as_slice());
            pending = axpy_dot(alpha[i] - beta, &s_hist[i], &mut d, following);
        }
        scale(-1.0, &mut d);
        let mut slope = dot(&d, &g);
        // The gradient test, with the slope along this direction (see `Options::tol_slope`).
        if max_abs(&g) <= tol_grad && -slope <= opt.tol_slope * fx.abs() {
            return done(iter - 1, true, x, fx);
        }
        if slope >= 0.0 {
            // Not a descent direction (numerical trouble): restart from (preconditioned)
            // steepest descent.
            len = 0;
            d.copy_from_slice(&g);
            precondition_dot(
                -1.0 / quadratic(&g, diagonal).sqrt(),
                diagonal,
                &mut d,
                None,
            );
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
            return done(iter, true, x, fx);
        };
        // Store the correction pair s = x_new − x, y = g_new − g.
        let (s, y) = (&mut s_hist[next], &mut y_hist[next]);
        difference(s, &x_new, &x);
        difference(y, &g_new, &g);
        let (sy, yy) = (dot(s, y), quadratic(y, diagonal));
        if sy > 1e-12 * yy {
            rho[next] = 1.0 / sy;
            newest_scaling = sy / yy;
            next = (next + 1) % m;
            len = (len + 1).min(m);
        }
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        let previous = fx;
        fx = f_new;
        if previous - fx <= opt.tol_decrease * previous.abs().max(fx.abs()).max(1.0) {
            return done(iter, true, x, fx);
        }
    }
    done(opt.max_iter, false, x, fx)
}

/// Vector operations run on rayon over fixed-size blocks. Partial sums are added in block order,
/// so results do not depend on the number of threads.
const BLOCK: usize = 1 << 14;

/// Dot product: per block eight independent partial sums, so the compiler can vectorise it (a
/// single running sum is one long dependency chain).
fn dot<A, B>(a: &[A], b: &[B]) -> f64
where
    A: Copy + Into<f64> + Sync,
    B: Copy + Into<f64> + Sync,
{
    let partials: Vec<f64> = a
        .par_chunks(BLOCK)
        .zip(b.par_chunks(BLOCK))
        .map(|(a, b)| dot_serial(a, b))
        .collect();
    partials.iter().sum()
}

/// One block's dot product, with eight independent partial sums.
fn dot_serial<A, B>(a: &[A], b: &[B]) -> f64
where
    A: Copy + Into<f64>,
    B: Copy + Into<f64>,
{
    let mut acc = [0.0; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f64 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(&x, &y)| x.into() * y.into())
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i].into() * y[i].into();
        }
    }
    acc.iter().sum::<f64>() + tail
}

/// The largest absolute component.
fn max_abs(a: &[f64]) -> f64 {
    let partials: Vec<f64> = a
        .par_chunks(BLOCK)
        .map(|b| b.iter().fold(0.0f64, |m, v| m.max(v.abs())))
        .collect();
    partials.into_iter().fold(0.0, f64::max)
}

/// `Σ Dᵢ·aᵢ²`, or `a·a` without a diagonal.
fn quadratic<A: Copy + Into<f64> + Sync>(a: &[A], diagonal: Option<&[f64]>) -> f64 {
    let Some(p) = diagonal else {
        return dot(a, a);
    };
    let partials: Vec<f64> = a
        .par_chunks(BLOCK)
        .zip(p.par_chunks(BLOCK))
        .map(|(a, p)| {
            a.iter()
                .zip(p)
                .map(|(&x, &p)| {
                    let x: f64 = x.into();
                    p * x * x
                })
                .sum::<f64>()
        })
        .collect();
    partials.iter().sum()
}

/// `d += a · x`, then the dot product of `following` with the updated `d` (0 when `None`),
/// in one pass over memory.
fn axpy_dot<A: Copy + Into<f64> + Sync>(
    a: f64,
    x: &[A],
    d: &mut [f64],
    following: Option<&[f32]>,
) -> f64 {
    update_dot(d, following, |block, d| {
        let x = &x[block * BLOCK..block * BLOCK + d.len()];
        d.iter_mut()
            .zip(x)
            .for_each(|(di, &xi)| *di += a * xi.into());
    })
}

/// `d *= a · D` (or `d *= a` without a diagonal), then the dot product of `following` with the
/// updated `d`, in one pass.
fn precondition_dot(
    a: f64,
    diagonal: Option<&[f64]>,
    d: &mut [f64],
    following: Option<&[f32]>,
) -> f64 {
    update_dot(d, following, |block, d| match diagonal {
        Some(p) => {
            let p = &p[block * BLOCK..block * BLOCK + d.len()];
            d.iter_mut().zip(p).for_each(|(v, p)| *v *= a * p);
        }
        None => d.iter_mut().for_each(|v| *v *= a),
    })
}

/// Applies `update` to each block of `d`, then adds up `following · d` block by block.
fn update_dot(
    d: &mut [f64],
    following: Option<&[f32]>,
    update: impl Fn(usize, &mut [f64]) + Sync,
) -> f64 {
    let partials: Vec<f64> = d
        .par_chunks_mut(BLOCK)
        .enumerate()
        .map(|(block, d)| {
            update(block, d);
            following.map_or(0.0, |f| {
                dot_serial(&f[block * BLOCK..block * BLOCK + d.len()], d)
            })
        })
        .collect();
    partials.iter().sum()
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

/// `out = a − b`, rounded to f32
fn difference(out: &mut [f32], a: &[f64], b: &[f64]) {
    out.par_chunks_mut(BLOCK)
        .zip(a.par_chunks(BLOCK).zip(b.par_chunks(BLOCK)))
        .for_each(|(o, (a, b))| {
            for ((oi, ai), bi) in o.iter_mut().zip(a).zip(b) {
                *oi = (ai - bi) as f32;
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
            tol_grad_relative: 1.0,
            tol_slope: f64::INFINITY,
            tol_decrease: 0.0,
            max_iter: 1000,
            refresh_every: 0,
        };
        let min = minimize(rosenbrock, vec![-1.2, 1.0], opt, None);
        assert!(min.converged);
        let at_minimum = rosenbrock(&min.x, &mut [0.0; 2]);
        assert_eq!(min.value.to_bits(), at_minimum.to_bits());
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
            tol_grad_relative: 1.0,
            tol_slope: f64::INFINITY,
            tol_decrease: 0.0,
            max_iter: 1,
            refresh_every: 0,
        };
        let min = minimize(bowl, vec![3.0, 1.0], opt, None);
        assert!(!min.converged);
        assert_eq!(min.iterations, 1);
    }

    #[test]
    fn a_start_already_inside_the_absolute_tolerance_still_moves_toward_the_minimum() {
        // A shallow bowl: at x = 0 the gradient, 2e-6, already passes tol_grad = 1e-4.
        let shallow = |x: &[f64], g: &mut [f64]| {
            g[0] = 2e-6 * (x[0] - 1.0);
            1e-6 * (x[0] - 1.0).powi(2)
        };
        let opt = |tol_grad_relative| Options {
            memory: 5,
            tol_grad: 1e-4,
            tol_grad_relative,
            tol_slope: f64::INFINITY,
            tol_decrease: 0.0,
            max_iter: 100,
            refresh_every: 0,
        };
        let absolute_only = minimize(shallow, vec![0.0], opt(1.0), None);
        assert_eq!((absolute_only.iterations, absolute_only.x[0]), (0, 0.0));
        let relative = minimize(shallow, vec![0.0], opt(0.3), None);
        assert!(relative.converged && relative.iterations > 0);
        assert!((relative.x[0] - 1.0).abs() <= 0.3, "{relative:?}");
    }

    #[test]
    fn a_start_inside_the_gradient_tolerance_still_moves_while_the_slope_is_steep() {
        // A shallow bowl with a positive minimum: at x = 0 the gradient, 2e-6, passes tol_grad,
        // but the objective is twice its minimum.
        let shallow = |x: &[f64], g: &mut [f64]| {
            g[0] = 2e-6 * (x[0] - 1.0);
            1e-6 * (x[0] - 1.0).powi(2) + 1e-6
        };
        let opt = |tol_slope| Options {
            memory: 5,
            tol_grad: 1e-4,
            tol_grad_relative: 1.0,
            tol_slope,
            tol_decrease: 0.0,
            max_iter: 100,
            refresh_every: 0,
        };
        let gradient_only = minimize(shallow, vec![0.0], opt(f64::INFINITY), None);
        assert_eq!((gradient_only.iterations, gradient_only.x[0]), (0, 0.0));
        let with_slope = minimize(shallow, vec![0.0], opt(0.01), None);
        assert!(with_slope.converged && with_slope.iterations > 0);
        assert!((with_slope.x[0] - 1.0).abs() <= 0.07, "{with_slope:?}");
    }

    /// `Σ hᵢ·(xᵢ − 1)²` over 50 parameters with curvatures spanning four orders of magnitude,
    /// and the inverse of its Hessian's diagonal (up to scale).
    fn badly_scaled_bowl() -> (impl Fn(&[f64], &mut [f64]) -> f64, Vec<f64>) {
        let h: Vec<f64> = (0..50).map(|i| 10f64.powf(i as f64 * 4.0 / 49.0)).collect();
        let inverse = h.iter().map(|h| 1.0 / h).collect();
        let bowl = move |x: &[f64], g: &mut [f64]| {
            let mut f = 0.0;
            for i in 0..x.len() {
                g[i] = 2.0 * h[i] * (x[i] - 1.0);
                f += h[i] * (x[i] - 1.0).powi(2);
            }
            f
        };
        (bowl, inverse)
    }

    fn bowl_options(refresh_every: u64) -> Options {
        Options {
            memory: 10,
            tol_grad: 1e-6,
            tol_grad_relative: 1.0,
            tol_slope: f64::INFINITY,
            tol_decrease: 0.0,
            max_iter: 10_000,
            refresh_every,
        }
    }

    #[test]
    fn the_inverse_hessian_diagonal_solves_a_badly_scaled_bowl_in_a_few_steps() {
        let (bowl, inverse) = badly_scaled_bowl();
        let opt = bowl_options(0);
        let plain = minimize(&bowl, vec![0.0; 50], opt, None);
        let mut diagonal = |d: &mut [f64]| d.copy_from_slice(&inverse);
        let preconditioned = minimize(&bowl, vec![0.0; 50], opt, Some(&mut diagonal));
        assert!(
            plain.converged && preconditioned.converged,
            "{plain:?} {preconditioned:?}"
        );
        assert!(preconditioned.x.iter().all(|x| (x - 1.0).abs() < 1e-6));
        assert!(
            preconditioned.iterations <= 3 && plain.iterations > 10 * preconditioned.iterations,
            "{} iterations preconditioned, {} plain",
            preconditioned.iterations,
            plain.iterations
        );
    }

    #[test]
    fn a_diagonal_worked_out_again_takes_effect_from_the_next_iteration() {
        // The first diagonal knows nothing (the identity); every later one is the right one.
        let (bowl, inverse) = badly_scaled_bowl();
        let run = |refresh_every| {
            let mut calls = 0;
            let mut diagonal = |d: &mut [f64]| {
                calls += 1;
                if calls == 1 {
                    d.fill(1.0);
                } else {
                    d.copy_from_slice(&inverse);
                }
            };
            let min = minimize(
                &bowl,
                vec![0.0; 50],
                bowl_options(refresh_every),
                Some(&mut diagonal),
            );
            (min, calls)
        };
        let (never, calls) = run(0);
        assert_eq!(calls, 1);
        let (refreshed, _) = run(1);
        assert!(
            never.converged && refreshed.converged,
            "{never:?} {refreshed:?}"
        );
        assert!(refreshed.x.iter().all(|x| (x - 1.0).abs() < 1e-6));
        assert!(
            refreshed.iterations <= 6 && never.iterations > 5 * refreshed.iterations,
            "{} iterations refreshed, {} never",
            refreshed.iterations,
            never.iterations
        );
    }
}
