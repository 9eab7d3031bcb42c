//! The TSV, CSV and JSONL row readers and the article reader on arbitrary bytes: an error or
//! rows, never a panic; rows come in order of their lines, each with a text and an id.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stancekit::data::{articles_from, read_rows_from, Columns, Labels};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = ["rows.tsv", "rows.csv", "rows.jsonl", "-"][usize::from(pick % 4)];
    let labels = if pick & 4 == 0 {
        Labels::Optional
    } else {
        Labels::Required
    };
    let columns = Columns {
        max_line_bytes: 4096,
        ..Columns::default()
    };
    if let Ok(rows) = read_rows_from(Path::new(name), bytes, &columns, labels) {
        let mut last = 0;
        for row in &rows {
            assert!(row.line >= last, "rows out of order");
            last = row.line;
            assert!(!row.id.is_empty());
            if labels == Labels::Required {
                assert!(row.label.as_deref().is_some_and(|l| !l.trim().is_empty()));
            }
        }
    }
    if let Ok(articles) = articles_from(Path::new("article.txt"), bytes, pick & 8 != 0) {
        assert!(articles.iter().all(|a| !a.text.trim().is_empty()));
    }
});
