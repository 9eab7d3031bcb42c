//! Splitting a sentence into clauses at contrastive and concessive connectives and semicolons,
//! so that "have not always seen eye-to-eye … but have developed strong ties" is scored as two
//! stances, not one blurred one.

use std::ops::Range;

use serde::Serialize;

use super::tokenize::{tokenize, Piece};

/// Words after which the clause carries the sentence's verdict ("…, but they agreed").
pub const CONTRASTIVE: &[&str] = &["but", "however", "yet"];

/// Words that open a clause conceding a point the main clause outweighs. "even as" is matched
/// as two words.
pub const CONCESSIVE: &[&str] = &["although", "though", "while", "whereas", "despite"];

/// What a clause does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseRole {
    /// An ordinary clause (the whole sentence when it has one clause).
    Main,
    /// The clause after "but", "however" or "yet": the sentence's verdict.
    Verdict,
    /// A clause opened by "although", "though", "while", "whereas", "despite" or "even as".
    Concession,
}

impl ClauseRole {
    /// The clause's weight when clause stances are combined into the sentence's: a verdict 2,
    /// a main clause 1, a concession 0.5.
    pub fn weight(self) -> f64 {
        match self {
            ClauseRole::Main => 1.0,
            ClauseRole::Verdict => 2.0,
            ClauseRole::Concession => 0.5,
        }
    }
}

/// One clause: a byte span of the sentence and its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Byte span in the sentence, trimmed of surrounding white space; never empty.
    pub span: Range<usize>,
    /// What it does.
    pub role: ClauseRole,
}

/// The clauses of `sentence`, in order; one [`ClauseRole::Main`] clause spanning the trimmed
/// sentence when there is no split point (or the sentence is blank: then none).
///
/// A clause starts at a contrastive word ("yet" only when it opens the sentence or follows
/// punctuation: "not yet" does not split) or at a concessive word or "even as", and after a semicolon. A
/// concession that opens the sentence or follows a semicolon ends at its first comma ("Despite
/// the row, they signed"); elsewhere it runs to the next split point. Each clause includes its
/// connective word.
///
/// ```
/// use stancekit::text::{clauses, ClauseRole};
///
/// let s = "They have not always seen eye-to-eye, but they have developed strong ties.";
/// let parts: Vec<(&str, ClauseRole)> = clauses(s).iter().map(|c| (&s[c.span.clone()], c.role)).collect();
/// assert_eq!(parts, [
///     ("They have not always seen eye-to-eye,", ClauseRole::Main),
///     ("but they have developed strong ties.", ClauseRole::Verdict),
/// ]);
/// ```
pub fn clauses(sentence: &str) -> Vec<Clause> {
    let pieces = tokenize(sentence, true, false);
    // (byte where a clause starts, its role)
    let mut starts: Vec<(usize, ClauseRole)> = vec![(0, ClauseRole::Main)];
    let mut open_concession = false;
    let mut clause_start_piece = 0;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Boundary { span } => {
                let mark = &sentence[span.clone()];
                if mark == ";" {
                    starts.push((span.end, ClauseRole::Main));
                    clause_start_piece = i + 1;
                    open_concession = false;
                } else if mark == "," && open_concession {
                    starts.push((span.end, ClauseRole::Main));
                    open_concession = false;
                }
            }
            Piece::Word { text, span } => {
                let after_punctuation = i == 0 || matches!(pieces[i - 1], Piece::Boundary { .. });
                let even_as = text == "even"
                    && matches!(pieces.get(i + 1), Some(Piece::Word { text, .. }) if text == "as");
                let contrastive = match text.as_str() {
                    "yet" => after_punctuation,
                    t => CONTRASTIVE.contains(&t),
                };
                if contrastive {
                    starts.push((span.start, ClauseRole::Verdict));
                    open_concession = false;
                } else if CONCESSIVE.contains(&text.as_str()) || even_as {
                    starts.push((span.start, ClauseRole::Concession));
                    open_concession = i == clause_start_piece;
                }
            }
        }
    }
    let mut out: Vec<Clause> = Vec::new();
    for (k, &(start, role)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(sentence.len(), |&(s, _)| s);
        let raw = &sentence[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let span = start + lead..(start + raw.trim_end().len()).max(start + lead);
        let has_word = sentence[span.clone()].chars().any(char::is_alphanumeric);
        match out.last_mut() {
            // Punctuation alone joins the clause before it.
            Some(last) if !has_word => last.span.end = span.end.max(last.span.end),
            _ if !has_word => {}
            _ => out.push(Clause { span, role }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<(&str, ClauseRole)> {
        clauses(s)
            .into_iter()
            .map(|c| (&s[c.span], c.role))
            .collect()
    }

    #[test]
    fn a_sentence_without_connectives_is_one_main_clause() {
        assert_eq!(
            parts("  Ankara and Moscow signed a deal.  "),
            [("Ankara and Moscow signed a deal.", ClauseRole::Main)]
        );
        assert!(clauses(" ").is_empty());
    }

    #[test]
    fn an_opening_concession_ends_at_its_comma() {
        assert_eq!(
            parts("Despite the row, they signed; talks go on."),
            [
                ("Despite the row,", ClauseRole::Concession),
                ("they signed;", ClauseRole::Main),
                ("talks go on.", ClauseRole::Main),
            ]
        );
        assert_eq!(
            parts("Kyiv thanked Ankara even as it criticised Moscow, officials said."),
            [
                ("Kyiv thanked Ankara", ClauseRole::Main),
                (
                    "even as it criticised Moscow, officials said.",
                    ClauseRole::Concession
                ),
            ]
        );
    }

    #[test]
    fn but_splits_without_a_comma() {
        assert_eq!(
            parts("They backed opposing sides but they have developed strong ties."),
            [
                ("They backed opposing sides", ClauseRole::Main),
                ("but they have developed strong ties.", ClauseRole::Verdict),
            ]
        );
    }

    #[test]
    fn yet_splits_only_after_punctuation() {
        assert_eq!(parts("They have not yet met.").len(), 1);
        assert_eq!(
            parts("They differ, yet they agreed.")[1],
            ("yet they agreed.", ClauseRole::Verdict)
        );
    }
}
