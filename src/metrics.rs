//! Classification metrics: accuracy, per-label precision / recall / F1, macro and weighted
//! averages, and the confusion matrix, as in scikit-learn's `classification_report`.
//!
//! Macro-F1 averages over the labels that occur in the gold data (support > 0), so a label the
//! model knows but the evaluation set lacks does not count as a zero. A label with no predicted
//! row has precision 0 (scikit-learn's `zero_division=0`).
//!
//! ```
//! use stancekit::metrics::Report;
//!
//! let labels = vec!["tense".to_string(), "warm".to_string()];
//! let report = Report::new(&labels, &[0, 0, 1, 1], &[0, 1, 1, 1]).unwrap();
//! assert_eq!(report.accuracy, 0.75);
//! assert_eq!(report.confusion.matrix, vec![vec![1, 1], vec![0, 2]]);
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassScores {
    /// Of the rows predicted as this label, the fraction that are.
    pub precision: f64,
    /// Of the rows that are this label, the fraction predicted so.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Number of gold rows with this label.
    pub support: usize,
}

/// Gold labels in rows, predicted labels in columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    /// Label names, in the order of rows and columns.
    pub labels: Vec<String>,
    /// `matrix[gold][predicted]` = number of rows.
    pub matrix: Vec<Vec<usize>>,
}

/// A full classification report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Number of rows scored.
    pub n: usize,
    /// Fraction of rows predicted correctly.
    pub accuracy: f64,
    /// Unweighted mean F1 over labels present in the gold data.
    pub macro_f1: f64,
    /// Mean F1 weighted by support.
    pub weighted_f1: f64,
    /// Scores per label.
    pub per_class: BTreeMap<String, ClassScores>,
    /// The confusion matrix.
    pub confusion: Confusion,
}

impl Report {
    /// Scores predictions against gold labels, both given as indices into `labels`.
    ///
    /// Returns `None` when `gold` is empty, the two lengths differ, or an index is out of range.
    pub fn new(labels: &[String], gold: &[usize], predicted: &[usize]) -> Option<Report> {
        let k = labels.len();
        if gold.is_empty()
            || gold.len() != predicted.len()
            || gold.iter().chain(predicted).any(|&i| i >= k)
        {
            return None;
        }
        let mut matrix = vec![vec![0usize; k]; k];
        for (&g, &p) in gold.iter().zip(predicted) {
            matrix[g][p] += 1;
        }
        let n = gold.len();
        let correct: usize = (0..k).map(|i| matrix[i][i]).sum();
        let mut per_class = BTreeMap::new();
        let (mut macro_sum, mut macro_n, mut weighted) = (0.0, 0usize, 0.0);
        for (i, label) in labels.iter().enumerate() {
            let scores = class_scores(&matrix, i);
            if scores.support > 0 {
                macro_sum += scores.f1;
                macro_n += 1;
                weighted += scores.f1 * scores.support as f64;
            }
            per_class.insert(label.clone(), scores);
        }
        Some(Report {
            n,
            accuracy: correct as f64 / n as f64,
            macro_f1: macro_sum / macro_n as f64,
            weighted_f1: weighted / n as f64,
            per_class,
            confusion: Confusion {
                labels: labels.to_vec(),
                matrix,
            },
        })
    }
}

fn class_scores(matrix: &[Vec<usize>], i: usize) -> ClassScores {
    let tp = matrix[i][i] as f64;
    let support: usize = matrix[i].iter().sum();
    let predicted: usize = matrix.iter().map(|row| row[i]).sum();
    let ratio = |a: f64, b: usize| if b == 0 { 0.0 } else { a / b as f64 };
    let precision = ratio(tp, predicted);
    let recall = ratio(tp, support);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    ClassScores {
        precision,
        recall,
        f1,
        support,
    }
}

/// Macro-F1 alone (over labels present in `gold`), for cross-validation.
pub fn macro_f1(n_labels: usize, gold: &[usize], predicted: &[usize]) -> f64 {
    let labels: Vec<String> = (0..n_labels).map(|i| i.to_string()).collect();
    Report::new(&labels, gold, predicted).map_or(0.0, |r| r.macro_f1)
}

impl fmt::Display for Report {
    /// The layout of scikit-learn's `classification_report`, then the confusion matrix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .confusion
            .labels
            .iter()
            .map(|l| l.chars().count())
            .chain(["weighted avg".len()])
            .max()
            .unwrap_or(12);
        writeln!(
            f,
            "{:>width$} {:>9} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "f1-score", "support"
        )?;
        writeln!(f)?;
        for label in &self.confusion.labels {
            let s = &self.per_class[label];
            writeln!(
                f,
                "{label:>width$} {:>9.4} {:>9.4} {:>9.4} {:>9}",
                s.precision, s.recall, s.f1, s.support
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:>width$} {:>9} {:>9} {:>9.4} {:>9}",
            "accuracy", "", "", self.accuracy, self.n
        )?;
        let present: Vec<&ClassScores> =
            self.per_class.values().filter(|s| s.support > 0).collect();
        let mean = |g: fn(&ClassScores) -> f64| {
            present.iter().map(|s| g(s)).sum::<f64>() / present.len() as f64
        };
        let wmean = |g: fn(&ClassScores) -> f64| {
            present.iter().map(|s| g(s) * s.support as f64).sum::<f64>() / self.n as f64
        };
        writeln!(
            f,
            "{:>width$} {:>9.4} {:>9.4} {:>9.4} {:>9}",
            "macro avg",
            mean(|s| s.precision),
            mean(|s| s.recall),
            self.macro_f1,
            self.n
        )?;
        writeln!(
            f,
            "{:>width$} {:>9.4} {:>9.4} {:>9.4} {:>9}",
            "weighted avg",
            wmean(|s| s.precision),
            wmean(|s| s.recall),
            self.weighted_f1,
            self.n
        )?;
        writeln!(f)?;
        writeln!(f, "confusion matrix (rows: gold, columns: predicted)")?;
        let cell = self
            .confusion
            .labels
            .iter()
            .map(|l| l.chars().count())
            .chain([self.n.to_string().len()])
            .max()
            .unwrap_or(1);
        write!(f, "{:>width$}", "")?;
        for label in &self.confusion.labels {
            write!(f, " {label:>cell$}")?;
        }
        writeln!(f)?;
        for (label, row) in self.confusion.labels.iter().zip(&self.confusion.matrix) {
            write!(f, "{label:>width$}")?;
            for count in row {
                write!(f, " {count:>cell$}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// Reference: scikit-learn 1.9.1 `classification_report(y_true, y_pred, digits=4)` with
    /// y_true = [0,0,0,1,1,2], y_pred = [0,1,0,1,2,2]:
    /// precision 1.0/0.5/0.5, recall 0.6667/0.5/1.0, f1 0.8/0.5/0.6667,
    /// accuracy 0.6667, macro f1 0.6556, weighted f1 0.6778.
    #[test]
    fn report_matches_scikit_learn_reference_values() {
        let r = Report::new(
            &labels(&["a", "b", "c"]),
            &[0, 0, 0, 1, 1, 2],
            &[0, 1, 0, 1, 2, 2],
        )
        .unwrap();
        let close = |a: f64, b: f64| (a - b).abs() < 1e-4;
        assert!(close(r.accuracy, 0.6667));
        assert!(close(r.macro_f1, 0.6556));
        assert!(close(r.weighted_f1, 0.6778));
        assert!(close(r.per_class["a"].recall, 0.6667));
        assert!(close(r.per_class["b"].precision, 0.5));
        assert!(close(r.per_class["c"].f1, 0.6667));
    }

    #[test]
    fn labels_absent_from_gold_do_not_lower_macro_f1() {
        let r = Report::new(&labels(&["a", "b", "c"]), &[0, 1], &[0, 1]).unwrap();
        assert_eq!(r.macro_f1, 1.0);
        assert_eq!(r.per_class["c"].support, 0);
    }

    #[test]
    fn mismatched_inputs_give_no_report() {
        assert!(Report::new(&labels(&["a", "b"]), &[], &[]).is_none());
        assert!(Report::new(&labels(&["a", "b"]), &[0], &[0, 1]).is_none());
        assert!(Report::new(&labels(&["a", "b"]), &[2], &[0]).is_none());
    }

    #[test]
    fn display_lists_every_label_and_the_matrix() {
        let r = Report::new(&labels(&["tense", "warm"]), &[0, 1], &[1, 1]).unwrap();
        let text = r.to_string();
        assert!(text.contains("macro avg") && text.contains("confusion matrix"));
        assert!(text.lines().any(|l| l.trim_start().starts_with("tense")));
    }
}
