//! The actor matcher and coreference on arbitrary text: every mention's span slices the text
//! and names an actor of the dictionary; directions point at mentions of the sentence.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stancekit::actors::{annotate, Lexicon, Matcher};
use stancekit::text::sentences;

fn dictionary() -> &'static (Lexicon, Matcher) {
    static DICTIONARY: OnceLock<(Lexicon, Matcher)> = OnceLock::new();
    DICTIONARY.get_or_init(|| {
        let lexicon = Lexicon::builtin();
        let matcher = Matcher::new(&lexicon);
        (lexicon, matcher)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (lexicon, matcher) = dictionary();
    for m in matcher.find(&text) {
        assert!(text.get(m.span.clone()).is_some());
        assert!(lexicon.get(&m.actor).is_some(), "unknown actor {}", m.actor);
    }
    let spans = sentences(&text);
    let skip = vec![false; spans.len()];
    for (span, found) in spans
        .iter()
        .zip(annotate(lexicon, matcher, &text, &spans, &skip))
    {
        for m in &found.mentions {
            assert!(text.get(m.mention.span.clone()).is_some());
            assert!(m.mention.span.start >= span.start && m.mention.span.end <= span.end);
        }
        if let Some((s, t)) = found.direction {
            assert!(s < found.mentions.len() && t < found.mentions.len() && s != t);
        }
    }
});
