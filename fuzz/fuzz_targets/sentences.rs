//! The sentence splitter, boilerplate rules and clause splitter on arbitrary text: spans are in
//! bounds, ordered, trimmed and non-empty, and every sentence gets exactly one mark.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancekit::text::{boilerplate, clauses, sentences};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let spans = sentences(&text);
    let mut last = 0;
    for span in &spans {
        let s = text
            .get(span.clone())
            .expect("a sentence span slices the text");
        assert!(span.start >= last, "sentences overlap or go backwards");
        assert!(
            !s.is_empty() && s.trim() == s,
            "sentence {s:?} is empty or untrimmed"
        );
        last = span.end;
        let mut clause_end = 0;
        for c in clauses(s) {
            let part = s
                .get(c.span.clone())
                .expect("a clause span slices its sentence");
            assert!(
                c.span.start >= clause_end,
                "clauses overlap or go backwards"
            );
            assert!(!part.is_empty() && part.trim() == part, "clause {part:?}");
            clause_end = c.span.end;
        }
    }
    assert_eq!(boilerplate(&text, &spans).len(), spans.len());
});
