//! The analyzer on arbitrary text: token spans slice back into the text, in order, and terms
//! come out for every configuration without a panic; with a target window, on text marked with
//! spans taken from the input (any spans: bad ones are skipped), marking adds at most one
//! placeholder word per span.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancekit::text::{mark_mentions, AnalyzerConfig, Stopwords, OTHER_WORD, TARGET_WORD};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let config = AnalyzerConfig {
        lowercase: flags & 1 == 0,
        fold_numbers: flags & 2 == 0,
        negation: flags & 4 == 0,
        stopwords: (flags & 8 != 0).then_some(Stopwords::English),
        stem: flags & 16 == 0,
        ngram_min: 1,
        ngram_max: 1 + usize::from(flags >> 6),
        target_window: (flags & 32 != 0).then_some(3),
        target_clause: flags & 32 != 0,
    };
    let analyzer = config.build().expect("a valid configuration");
    let raw = String::from_utf8_lossy(rest);
    let text = if flags & 32 != 0 {
        // Two spans from the first bytes: a target and another actor.
        let b = |i: usize| usize::from(rest.get(i).copied().unwrap_or(0));
        let (target, other) = (b(0)..b(0) + b(1) % 16, b(2)..b(2) + b(3) % 16);
        // Placeholder words, not substrings: "__actor_" glued to an inserted "__target__" is one
        // word "__actor___target__", which is no placeholder (the first finding of this check).
        let placeholders = |t: &str| {
            analyzer
                .tokens(t)
                .iter()
                .filter(|k| k.term == TARGET_WORD || k.term == OTHER_WORD)
                .count()
        };
        let marked = mark_mentions(
            &raw,
            std::slice::from_ref(&target),
            std::slice::from_ref(&other),
        );
        assert!(placeholders(&marked) <= placeholders(&raw) + 2);
        std::borrow::Cow::Owned(marked)
    } else {
        raw
    };
    let mut last = 0;
    for token in analyzer.tokens(&text) {
        assert!(
            text.get(token.span.clone()).is_some(),
            "span {:?} not in text",
            token.span
        );
        assert!(token.span.start >= last && token.span.start < token.span.end);
        last = token.span.end;
        assert!(!token.term.is_empty());
    }
    let mut n = 0;
    analyzer.for_each_term(&text, |term| {
        assert!(!term.is_empty());
        n += 1;
    });
    assert_eq!(n, analyzer.terms(&text).len());
});
