//! Invariants over arbitrary input.

use std::sync::OnceLock;

use proptest::prelude::*;
use stancekit::model::{Classifier, TrainConfig};
use stancekit::text::{
    clauses, mark_mentions, tokenize, AnalyzerConfig, Piece, OTHER_WORD, TARGET_WORD,
};

fn classifier() -> &'static Classifier {
    static MODEL: OnceLock<Classifier> = OnceLock::new();
    MODEL.get_or_init(|| {
        let texts = [
            "Moscow praised Ankara's mediation",
            "The leaders signed a friendship treaty",
            "Ankara condemned the strike and summoned the envoy",
            "They have not always seen eye-to-eye",
            "The meeting is scheduled for Tuesday",
            "Figures were published on Monday",
        ];
        let labels = ["warm", "warm", "tense", "tense", "neutral", "neutral"];
        TrainConfig::default()
            .check()
            .unwrap()
            .fit(&texts, &labels)
            .unwrap()
            .classifier
    })
}

fn lexicon() -> &'static stancekit::actors::Lexicon {
    static LEXICON: OnceLock<stancekit::actors::Lexicon> = OnceLock::new();
    LEXICON.get_or_init(stancekit::actors::Lexicon::builtin)
}

/// Text with the hard parts of real input: quotes, apostrophes, hyphens, digits, combining
/// marks, right-to-left script, emoji, control characters.
fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Erdogan",
        "’s",
        "'",
        "n't",
        "can’t",
        "-",
        "eye-to-eye",
        " ",
        "  ",
        ", ",
        ".",
        "“",
        "”",
        "3.5",
        "1,000",
        "é",
        "e\u{301}",
        "שלום",
        "مرحبا",
        "🙂",
        "\u{200d}",
        "\t",
        "\n",
        "\r\n",
        "\u{0}",
        "not",
        "never",
        "but",
        "-ex",
        "--",
        "'s'",
        "’",
        "NATO",
        "ß",
        "İ",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn token_spans_slice_back_into_the_text(text in messy_text()) {
        let mut last_end = 0;
        for piece in tokenize(&text, true, true) {
            let span = match piece {
                Piece::Word { span, .. } | Piece::Boundary { span } => span,
            };
            prop_assert!(text.get(span.clone()).is_some(), "{span:?} in {text:?}");
            prop_assert!(span.start >= last_end && span.start < span.end);
            last_end = span.end;
        }
        let analyzer = AnalyzerConfig::default().build().unwrap();
        for token in analyzer.tokens(&text) {
            prop_assert!(text.get(token.span.clone()).is_some());
        }
    }

    #[test]
    fn probabilities_are_finite_and_sum_to_one(text in messy_text()) {
        let p = classifier().predict(&text);
        prop_assert!(p.probabilities.iter().all(|v| v.is_finite() && *v >= 0.0));
        prop_assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(p.label < classifier().labels().len());
    }

    #[test]
    fn article_sentences_mentions_and_scores_stay_in_bounds(
        lines in prop::collection::vec(messy_text(), 0..8),
    ) {
        let text = lines.join("\n");
        let spans = stancekit::text::sentences(&text);
        let mut last_end = 0;
        for span in &spans {
            prop_assert!(text.get(span.clone()).is_some() && span.start >= last_end);
            prop_assert!(!text[span.clone()].trim().is_empty());
            last_end = span.end;
        }
        let marks = stancekit::text::boilerplate(&text, &spans);
        prop_assert_eq!(marks.len(), spans.len());
        let lexicon = lexicon();
        let matcher = stancekit::actors::Matcher::new(lexicon);
        for m in matcher.find(&text) {
            prop_assert!(text.get(m.span.clone()).is_some());
            prop_assert!(lexicon.get(&m.actor).is_some());
        }
    }

    #[test]
    fn marks_with_any_spans_and_clauses_stay_in_bounds(
        text in messy_text(),
        spans in prop::collection::vec((0usize..200, 0usize..30), 0..6),
    ) {
        let ranges: Vec<std::ops::Range<usize>> = spans.iter().map(|&(s, l)| s..s + l).collect();
        let (target, others) = ranges.split_at(ranges.len() / 2);
        let marked = mark_mentions(&text, target, others);
        let analyzer = AnalyzerConfig { target_window: Some(3), ..AnalyzerConfig::default() }
            .build()
            .unwrap();
        // Placeholder words (a substring count would see "__actor_" + "__target__" as one more).
        let count = |t: &str| {
            analyzer
                .tokens(t)
                .iter()
                .filter(|k| k.term == TARGET_WORD || k.term == OTHER_WORD)
                .count()
        };
        prop_assert!(count(&marked) <= count(&text) + ranges.len());
        let mut terms = 0;
        analyzer.for_each_term(&marked, |term| {
            assert!(!term.is_empty());
            terms += 1;
        });
        prop_assert!(terms >= analyzer.tokens(&marked).len());
        let mut last = 0;
        for c in clauses(&text) {
            prop_assert!(text.get(c.span.clone()).is_some());
            prop_assert!(c.span.start >= last && c.span.start < c.span.end);
            last = c.span.end;
        }
    }

    #[test]
    fn save_then_load_predicts_identically(text in messy_text()) {
        let model = classifier();
        let loaded = Classifier::from_bytes(&model.to_bytes(), "m.json".as_ref()).unwrap();
        prop_assert_eq!(loaded.predict(&text), model.predict(&text));
    }
}
