//! A picture of the relations: actors as nodes on a circle, pairs as edges coloured by their
//! mean score (red tense, grey neutral, green warm) and as wide as their sentence count, each
//! labelled with the count. Plain SVG, written by hand, deterministic.

use std::fmt::Write;

use super::Summary;

/// What to draw.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    /// Leave out pairs with fewer sentences. Default 1.
    pub min_sentences: usize,
    /// Draw at most this many actors, those with most sentences. Default 24.
    pub max_actors: usize,
    /// The picture's title. Default empty.
    pub title: String,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            min_sentences: 1,
            max_actors: 24,
            title: String::new(),
        }
    }
}

/// The colour of a mean score: red (−1) through grey (0) to green (+1).
fn colour(score: f64) -> String {
    let t = score.clamp(-1.0, 1.0);
    let grey = (150.0, 150.0, 150.0);
    let end = if t < 0.0 {
        (200.0, 40.0, 40.0)
    } else {
        (30.0, 150.0, 70.0)
    };
    let a = t.abs();
    let mix = |g: f64, e: f64| (g + (e - g) * a).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(grey.0, end.0),
        mix(grey.1, end.1),
        mix(grey.2, end.2)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders a summary's actors and pairs as an SVG document.
pub fn render_svg(summary: &Summary, options: &GraphOptions) -> String {
    let (w, h) = (900.0, 760.0);
    let (cx, cy, r) = (w / 2.0, h / 2.0 + 20.0, 290.0);
    let pairs: Vec<_> = summary
        .pairs
        .iter()
        .filter(|p| p.rollup.sentences >= options.min_sentences)
        .collect();
    let mut actors: Vec<_> = summary
        .actors
        .iter()
        .filter(|a| pairs.iter().any(|p| p.a == a.actor || p.b == a.actor))
        .take(options.max_actors)
        .collect();
    actors.sort_by(|x, y| x.actor.cmp(&y.actor));
    let position = |id: &str| {
        let i = actors.iter().position(|a| a.actor == id)?;
        let angle =
            std::f64::consts::TAU * i as f64 / actors.len() as f64 - std::f64::consts::FRAC_PI_2;
        Some((cx + r * angle.cos(), cy + r * angle.sin()))
    };
    let max_n = pairs.iter().map(|p| p.rollup.sentences).max().unwrap_or(1) as f64;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif">"#
    );
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<text x="20" y="34" font-size="20" fill="#222">{}</text>"##,
        escape(&options.title)
    );
    let _ = writeln!(
        svg,
        r##"<text x="20" y="56" font-size="12" fill="#555">edge colour: mean of P(warm) − P(tense) per sentence (red tense, grey neutral, green warm); width and label: sentences</text>"##
    );
    for p in &pairs {
        let (Some((x1, y1)), Some((x2, y2))) = (position(&p.a), position(&p.b)) else {
            continue;
        };
        let width = 1.5 + 8.0 * p.rollup.sentences as f64 / max_n;
        let _ = writeln!(
            svg,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{}" stroke-width="{width:.1}" stroke-linecap="round" opacity="0.85"><title>{} – {}: {} sentences, mean {:+.2}</title></line>"#,
            colour(p.rollup.mean_score),
            escape(&p.names[0]),
            escape(&p.names[1]),
            p.rollup.sentences,
            p.rollup.mean_score
        );
        // Labels sit a little off the middle, so edges that cross at the centre keep theirs apart.
        let (mx, my) = (x1 + 0.38 * (x2 - x1), y1 + 0.38 * (y2 - y1));
        let _ = writeln!(
            svg,
            r##"<rect x="{:.1}" y="{:.1}" width="44" height="18" rx="4" fill="#ffffff" opacity="0.9"/>"##,
            mx - 22.0,
            my - 12.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="{mx:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#222">{} · {:+.2}</text>"##,
            my + 1.0,
            p.rollup.sentences,
            p.rollup.mean_score
        );
    }
    for a in &actors {
        let Some((x, y)) = position(&a.actor) else {
            continue;
        };
        let radius = 7.0 + 3.0 * (a.rollup.sentences as f64).sqrt();
        let _ = writeln!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{}" stroke="#333" stroke-width="1.5"/>"##,
            colour(a.rollup.mean_score)
        );
        let (dx, anchor) = if x < cx - 1.0 {
            (-radius - 6.0, "end")
        } else if x > cx + 1.0 {
            (radius + 6.0, "start")
        } else {
            (0.0, "middle")
        };
        let dy = if (x - cx).abs() <= 1.0 {
            if y < cy {
                -radius - 8.0
            } else {
                radius + 18.0
            }
        } else {
            5.0
        };
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="15" text-anchor="{anchor}" fill="#111">{} ({})</text>"##,
            x + dx,
            y + dy,
            escape(&a.name),
            a.rollup.sentences
        );
    }
    if pairs.is_empty() {
        let _ = writeln!(
            svg,
            r##"<text x="{cx}" y="{cy}" font-size="16" text-anchor="middle" fill="#555">no actor pairs found</text>"##
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_run_from_red_through_grey_to_green() {
        assert_eq!(colour(0.0), "#969696");
        assert_eq!(colour(-1.0), "#c82828");
        assert_eq!(colour(1.0), "#1e9646");
    }
}
