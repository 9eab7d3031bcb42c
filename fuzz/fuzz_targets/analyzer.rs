//! The analyzer on arbitrary text: token spans slice back into the text, in order, and terms
//! come out for every configuration without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancekit::text::{AnalyzerConfig, Stopwords};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let config = AnalyzerConfig {
        lowercase: flags & 1 == 0,
        fold_numbers: flags & 2 == 0,
        negation: flags & 4 == 0,
        stopwords: (flags & 8 != 0).then_some(Stopwords::English),
        stem: flags & 16 == 0,
        ngram_min: 1,
        ngram_max: 1 + usize::from(flags >> 6),
        target_window: (flags & 32 != 0).then_some(3),
    };
    let analyzer = config.build().expect("a valid configuration");
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
