//! Text renderings of sentence reports and roll-ups: an aligned table and CSV. (JSONL is the
//! serde form of [`SentenceReport`] and [`Summary`].)

use std::io::{self, Write};

use super::{SentenceReport, Summary};

/// An 11-character bar for a score in [−1, 1]: `-` to the left of the centre for tense, `+` to
/// the right for warm.
pub fn score_bar(score: f64) -> String {
    let n = (score.abs() * 5.0).round().clamp(0.0, 5.0) as usize;
    if score < 0.0 {
        format!("{}{}|{}", " ".repeat(5 - n), "-".repeat(n), " ".repeat(5))
    } else {
        format!("{}|{}{}", " ".repeat(5), "+".repeat(n), " ".repeat(5 - n))
    }
}

fn short(text: &str, max: usize) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// One table line per sentence: index, score bar, score, stance, sentiment, actors, text.
pub fn write_table_sentence(out: &mut impl Write, s: &SentenceReport) -> io::Result<()> {
    if s.boilerplate {
        let rule = s
            .boilerplate_rule
            .map_or(String::new(), |r| format!("{r:?}").to_lowercase());
        return writeln!(
            out,
            "{:>3} {:<11} {:<29} | {}",
            s.index,
            "",
            format!("boilerplate ({rule})"),
            short(&s.text, 70)
        );
    }
    let mut actors: Vec<String> = s.mentions.iter().map(|m| m.actor.clone()).collect();
    actors.dedup();
    let direction = s
        .pairs
        .iter()
        .find_map(|p| Some(format!(" {}→{}", p.source.as_ref()?, p.target.as_ref()?)))
        .unwrap_or_default();
    writeln!(
        out,
        "{:>3} {} {:+.2} {:<7} {:<8} {:<32} | {}",
        s.index,
        score_bar(s.score),
        s.score,
        s.stance.label,
        s.sentiment.label,
        format!("{}{direction}", actors.join(",")),
        short(&s.text, 70)
    )
}

/// The roll-up of an article or corpus as a table: pairs, then actors.
pub fn write_table_rollup(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    writeln!(
        out,
        "\n{} {}: {} sentences, {} boilerplate",
        summary.kind, summary.article, summary.sentences, summary.boilerplate
    )?;
    if summary.pairs.is_empty() && summary.actors.is_empty() {
        return writeln!(out, "  no actors found");
    }
    writeln!(
        out,
        "  {:<36} {:>5} {:>6}  warm/neutral/tense  directed",
        "pair", "sent.", "mean"
    )?;
    for p in &summary.pairs {
        let count = |l: &str| p.rollup.labels.get(l).copied().unwrap_or(0);
        let directed: Vec<String> = p.directed.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(
            out,
            "  {:<36} {:>5} {:>+6.2}  {:>4}/{}/{:<8}  {}",
            short(&format!("{} – {}", p.names[0], p.names[1]), 36),
            p.rollup.sentences,
            p.rollup.mean_score,
            count("warm"),
            count("neutral"),
            count("tense"),
            directed.join(", ")
        )?;
    }
    writeln!(
        out,
        "  {:<36} {:>5} {:>6}  warm/neutral/tense  sentiment toward it",
        "actor", "sent.", "mean"
    )?;
    for a in &summary.actors {
        let count = |l: &str| a.rollup.labels.get(l).copied().unwrap_or(0);
        let sentiment: Vec<String> = a
            .sentiment
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(
            out,
            "  {:<36} {:>5} {:>+6.2}  {:>4}/{}/{:<8}  {}",
            short(&a.name, 36),
            a.rollup.sentences,
            a.rollup.mean_score,
            count("warm"),
            count("neutral"),
            count("tense"),
            sentiment.join(", ")
        )?;
    }
    if let Some(top) = summary.pairs.first() {
        writeln!(
            out,
            "  warmest {} – {}: {}",
            top.names[0],
            top.names[1],
            short(&top.rollup.warmest.text, 90)
        )?;
        writeln!(
            out,
            "  tensest {} – {}: {}",
            top.names[0],
            top.names[1],
            short(&top.rollup.tensest.text, 90)
        )?;
    }
    Ok(())
}

/// The CSV header for sentence rows, with one probability column per label of each model.
pub fn write_csv_header(
    out: &mut impl Write,
    stance: &[String],
    sentiment: &[String],
) -> io::Result<()> {
    let mut cols: Vec<String> = [
        "article",
        "index",
        "start",
        "end",
        "boilerplate",
        "stance",
        "score",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    cols.extend(stance.iter().map(|l| format!("p_{l}")));
    cols.push("sentiment".into());
    cols.extend(sentiment.iter().map(|l| format!("p_{l}")));
    cols.extend(["actors".into(), "pairs".into(), "text".into()]);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(&cols)?;
    w.flush()
}

/// One CSV row per sentence; pairs are `A~B`, or `SOURCE->TARGET` when directed, joined by `;`.
pub fn write_csv_sentence(out: &mut impl Write, s: &SentenceReport) -> io::Result<()> {
    let mut record = vec![
        s.article.clone(),
        s.index.to_string(),
        s.span.start.to_string(),
        s.span.end.to_string(),
        s.boilerplate.to_string(),
        s.stance.label.clone(),
        format!("{:.6}", s.score),
    ];
    record.extend(s.stance.probabilities.values().map(|v| format!("{v:.6}")));
    record.push(s.sentiment.label.clone());
    record.extend(
        s.sentiment
            .probabilities
            .values()
            .map(|v| format!("{v:.6}")),
    );
    let mut actors: Vec<&str> = s.mentions.iter().map(|m| m.actor.as_str()).collect();
    actors.dedup();
    record.push(actors.join(";"));
    let pairs: Vec<String> = s
        .pairs
        .iter()
        .map(|p| match (&p.source, &p.target) {
            (Some(src), Some(tgt)) => format!("{src}->{tgt}"),
            _ => format!("{}~{}", p.a, p.b),
        })
        .collect();
    record.push(pairs.join(";"));
    record.push(s.text.clone());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(&record)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_bars_grow_from_the_centre() {
        assert_eq!(score_bar(0.0), "     |     ");
        assert_eq!(score_bar(1.0), "     |+++++");
        assert_eq!(score_bar(-0.4), "   --|     ");
    }
}
