//! Scoring whole articles: sentences, boilerplate, actors, stance and sentiment per sentence,
//! and roll-ups per actor and per actor pair, for one article and for a corpus.
//!
//! Each sentence gets the stance model's probabilities and a score `P(warm) − P(tense)` in
//! [−1, 1], the sentiment model's probabilities, its actor mentions and the actor pairs it
//! relates (directed where the wording shows who acts on whom). Boilerplate sentences are listed
//! but not scored toward actors and not rolled up.

mod graph;
mod output;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::actors::{annotate, Kind, Lexicon, Matcher, Via};
pub use crate::data::Article;
use crate::error::{Error, Result};
use crate::model::{Classifier, Contribution};
use crate::text::{boilerplate, clauses, mark_mentions, sentences, Boilerplate, ClauseRole};
pub use graph::{render_svg, GraphOptions};
pub use output::{write_csv_header, write_csv_sentence, write_table_rollup, write_table_sentence};

/// Whether people roll up into their country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// People count for their country (the default).
    Country,
    /// Every actor on its own.
    Actor,
}

/// A label with every label's probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    /// The most probable label.
    pub label: String,
    /// Probability of each label.
    pub probabilities: BTreeMap<String, f64>,
    /// The terms that pushed hardest toward the label (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Vec<Contribution>>,
}

/// An actor mention in the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionOut {
    /// The words of the text.
    pub text: String,
    /// Byte span in the article.
    pub span: Range<usize>,
    /// The actor's id.
    pub actor: String,
    /// The actor's display name.
    pub name: String,
    /// The actor's kind.
    pub kind: Kind,
    /// The id it rolls up to at country level.
    pub country: String,
    /// How it was named.
    pub via: Via,
    /// For a coreference, the earlier mention it was resolved from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_from: Option<String>,
}

/// Two actors a sentence relates (ids at the chosen level, `a < b`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The first actor (in id order).
    pub a: String,
    /// The second actor.
    pub b: String,
    /// With a target-aware stance model: the stance toward `target` when the direction is
    /// known, else the mean of the stances toward `a` and toward `b`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<Scored>,
    /// `P(warm) − P(tense)` of `stance`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The acting side, when the wording shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The side acted upon, when the wording shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// One scored sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceReport {
    /// Always `"sentence"`.
    pub kind: &'static str,
    /// The article's id.
    pub article: String,
    /// 0-based position in the article.
    pub index: usize,
    /// Byte span in the article.
    pub span: Range<usize>,
    /// The sentence.
    pub text: String,
    /// Whether it is boilerplate (not reporting).
    pub boilerplate: bool,
    /// The rule that marked it as boilerplate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boilerplate_rule: Option<Boilerplate>,
    /// Actors named (none for boilerplate).
    pub mentions: Vec<MentionOut>,
    /// Actor pairs related by the sentence, at the chosen level.
    pub pairs: Vec<Pair>,
    /// Stance.
    pub stance: Scored,
    /// `P(warm) − P(tense)`.
    pub score: f64,
    /// Sentiment. A target-aware sentiment model reads the sentence with every actor marked as
    /// another actor, as it was trained on rows without a target.
    pub sentiment: Scored,
    /// With a target-aware stance model: the stance toward each actor named (at the chosen
    /// level), in id order, and the sentiment toward it when the sentiment model is target-aware
    /// too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub toward: Vec<Toward>,
    /// With clause scoring on and two or more clauses: each clause's stance; the sentence's
    /// `stance` is then their weighted mean (see [`ClauseRole::weight`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<ClauseReport>,
}

/// The stance of a sentence (or clause) toward one actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Toward {
    /// The actor's id at the chosen level.
    pub actor: String,
    /// `P(warm) − P(tense)`.
    pub score: f64,
    /// The stance.
    pub stance: Scored,
    /// With a target-aware sentiment model: the sentiment toward the actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Scored>,
}

/// One clause of a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseReport {
    /// Byte span in the article.
    pub span: Range<usize>,
    /// The clause.
    pub text: String,
    /// What it does in the sentence.
    pub role: ClauseRole,
    /// Its weight in the sentence's stance.
    pub weight: f64,
    /// Its stance.
    pub stance: Scored,
    /// `P(warm) − P(tense)`.
    pub score: f64,
    /// With a target-aware stance model: the stance toward each actor the clause names (and the
    /// sentiment toward it, as in [`SentenceReport::toward`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub toward: Vec<Toward>,
}

/// A sentence quoted as evidence in a roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The article.
    pub article: String,
    /// The sentence's index in it.
    pub index: usize,
    /// Its score.
    pub score: f64,
    /// The sentence.
    pub text: String,
}

/// Statistics over the sentences that name an actor or a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    /// Number of sentences.
    pub sentences: usize,
    /// Mean of their scores.
    pub mean_score: f64,
    /// Sentences per stance label.
    pub labels: BTreeMap<String, usize>,
    /// The sentence with the highest score.
    pub warmest: Evidence,
    /// The sentence with the lowest score.
    pub tensest: Evidence,
}

/// A roll-up for one actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRollup {
    /// The actor's id.
    pub actor: String,
    /// Its name.
    pub name: String,
    /// The statistics.
    #[serde(flatten)]
    pub rollup: Rollup,
    /// Sentences per sentiment label toward the actor (with a target-aware stance and sentiment
    /// model; else the sentences' own sentiment).
    pub sentiment: BTreeMap<String, usize>,
}

/// A roll-up for one pair of actors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairRollup {
    /// The first actor (in id order).
    pub a: String,
    /// The second actor.
    pub b: String,
    /// Their names, `a` first.
    pub names: [String; 2],
    /// Directed sentences, as `"SOURCE->TARGET"` → count.
    pub directed: BTreeMap<String, usize>,
    /// The statistics.
    #[serde(flatten)]
    pub rollup: Rollup,
}

/// The summary of one article, or of a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// `"article"` or `"corpus"`.
    pub kind: &'static str,
    /// The article's id (for a corpus: the number of articles, as text).
    pub article: String,
    /// Sentences in all.
    pub sentences: usize,
    /// Sentences marked as boilerplate.
    pub boilerplate: usize,
    /// Per actor, most sentences first.
    pub actors: Vec<ActorRollup>,
    /// Per pair, most sentences first.
    pub pairs: Vec<PairRollup>,
}

/// Scores articles with a stance model and a sentiment model.
#[derive(Debug)]
pub struct Scorer<'a> {
    stance: &'a Classifier,
    sentiment: &'a Classifier,
    lexicon: &'a Lexicon,
    matcher: Matcher,
    warm: usize,
    tense: usize,
    /// Roll people up into their country. Default [`Level::Country`].
    pub level: Level,
    /// Score boilerplate like reporting. Default `false`.
    pub keep_boilerplate: bool,
    /// Explain each label with this many terms. Default `None`.
    pub explain: Option<usize>,
    /// Split sentences into clauses ([`clauses`]) and combine the clauses' stances into the
    /// sentence's. Default `false`.
    pub clauses: bool,
}

impl<'a> Scorer<'a> {
    /// A scorer over the two models and an actor dictionary.
    ///
    /// # Errors
    /// [`Error::Model`] when the stance model has no `warm` or no `tense` label.
    pub fn new(
        stance: &'a Classifier,
        sentiment: &'a Classifier,
        lexicon: &'a Lexicon,
    ) -> Result<Self> {
        let find = |label: &str| {
            stance.labels().iter().position(|l| l == label).ok_or_else(|| Error::Model {
                path: "stance model".into(),
                message: format!(
                    "scoring articles needs a stance model with labels warm and tense; this one has {}",
                    stance.labels().join(", ")
                ),
            })
        };
        Ok(Scorer {
            warm: find("warm")?,
            tense: find("tense")?,
            stance,
            sentiment,
            lexicon,
            matcher: Matcher::new(lexicon),
            level: Level::Country,
            keep_boilerplate: false,
            explain: None,
            clauses: false,
        })
    }

    fn level_id<'b>(&'b self, id: &'b str) -> &'b str {
        match self.level {
            Level::Country => self.lexicon.country_of(id),
            Level::Actor => id,
        }
    }

    /// The distinct actors of `mentions` at the chosen level, sorted.
    fn level_ids<'b>(&'b self, mentions: &'b [MentionOut]) -> Vec<&'b str> {
        let mut ids: Vec<&str> = mentions.iter().map(|m| self.level_id(&m.actor)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn scored(&self, model: &Classifier, text: &str) -> Scored {
        let p = model.predict(text);
        Scored {
            label: model.labels()[p.label].clone(),
            probabilities: model
                .labels()
                .iter()
                .cloned()
                .zip(p.probabilities.iter().copied())
                .collect(),
            explain: self.explain.map(|n| model.explain(text, p.label, n)),
        }
    }

    /// `P(warm) − P(tense)` of a stance.
    fn warmth(&self, stance: &Scored) -> f64 {
        let p = |k: usize| stance.probabilities[&self.stance.labels()[k]];
        p(self.warm) - p(self.tense)
    }

    /// The stance model's verdict from probabilities (no explanation).
    fn verdict_of(&self, probabilities: BTreeMap<String, f64>) -> Scored {
        let label = probabilities
            .iter()
            .fold(None::<(&String, f64)>, |best, (l, &p)| match best {
                Some((_, q)) if q >= p => best,
                _ => Some((l, p)),
            })
            .map_or_else(String::new, |(l, _)| l.clone());
        Scored {
            label,
            probabilities,
            explain: None,
        }
    }

    /// The stance of `text` (a sentence or clause starting at byte `offset` of the article)
    /// toward each of `ids`, marking the `mentions` that fall inside it.
    fn toward(
        &self,
        text: &str,
        offset: usize,
        mentions: &Mentions<'_>,
        ids: &[&str],
    ) -> Vec<Toward> {
        let inside = inside(text, offset, mentions);
        ids.iter()
            .filter(|id| inside.iter().any(|(_, a)| a == *id))
            .map(|&id| {
                let (target, others): (Vec<_>, Vec<_>) = inside.iter().partition(|(_, a)| *a == id);
                let spans = |v: Vec<&(Range<usize>, &str)>| {
                    v.into_iter().map(|(r, _)| r.clone()).collect::<Vec<_>>()
                };
                let marked = mark_mentions(text, &spans(target), &spans(others));
                let stance = self.scored(self.stance, &marked);
                Toward {
                    actor: id.to_string(),
                    score: self.warmth(&stance),
                    stance,
                    sentiment: self
                        .sentiment
                        .is_target_aware()
                        .then(|| self.scored(self.sentiment, &marked)),
                }
            })
            .collect()
    }

    /// What `model` reads of `text` (starting at byte `offset` of the article) when it scores
    /// no one actor: for a target-aware model, every actor mention inside it marked as another
    /// actor (no target); else the text itself.
    fn view<'t>(
        model: &Classifier,
        text: &'t str,
        offset: usize,
        mentions: &Mentions<'_>,
    ) -> Cow<'t, str> {
        if !model.is_target_aware() {
            return Cow::Borrowed(text);
        }
        let spans: Vec<Range<usize>> = inside(text, offset, mentions)
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        Cow::Owned(mark_mentions(text, &[], &spans))
    }

    /// The clauses of a sentence starting at byte `offset`, scored; empty when it has one.
    fn clause_reports(
        &self,
        sentence: &str,
        offset: usize,
        mentions: &Mentions<'_>,
        ids: &[&str],
    ) -> Vec<ClauseReport> {
        let parts = clauses(sentence);
        if parts.len() < 2 {
            return Vec::new();
        }
        parts
            .into_iter()
            .map(|c| {
                let text = &sentence[c.span.clone()];
                let start = offset + c.span.start;
                let stance =
                    self.scored(self.stance, &Self::view(self.stance, text, start, mentions));
                ClauseReport {
                    span: start..offset + c.span.end,
                    text: text.to_string(),
                    role: c.role,
                    weight: c.role.weight(),
                    score: self.warmth(&stance),
                    toward: if self.stance.is_target_aware() {
                        self.toward(text, start, mentions, ids)
                    } else {
                        Vec::new()
                    },
                    stance,
                }
            })
            .collect()
    }

    /// The weighted mean of stances' probabilities.
    fn weighted_mean<'s>(&self, parts: impl IntoIterator<Item = (f64, &'s Scored)>) -> Scored {
        let parts: Vec<(f64, &Scored)> = parts.into_iter().collect();
        let total: f64 = parts.iter().map(|(w, _)| w).sum();
        let mut probabilities = BTreeMap::new();
        for (w, stance) in parts {
            for (label, p) in &stance.probabilities {
                *probabilities.entry(label.clone()).or_insert(0.0) += w * p / total;
            }
        }
        self.verdict_of(probabilities)
    }

    /// With clauses: the stance toward each actor becomes the weighted mean of the stances of
    /// the clauses that name it (unchanged for an actor no clause names on its own, such as one
    /// found by coreference across the whole sentence).
    fn toward_by_clause(&self, toward: &mut [Toward], clauses: &[ClauseReport]) {
        for t in toward {
            let parts: Vec<(f64, &Scored)> = clauses
                .iter()
                .flat_map(|c| {
                    c.toward
                        .iter()
                        .filter(|x| x.actor == t.actor)
                        .map(move |x| (c.weight, &x.stance))
                })
                .collect();
            if !parts.is_empty() {
                t.stance = self.weighted_mean(parts);
                t.score = self.warmth(&t.stance);
            }
        }
    }

    /// Scores every sentence of an article, in order.
    pub fn score(&self, article: &Article) -> Vec<SentenceReport> {
        let text = &article.text;
        let spans = sentences(text);
        let marks = boilerplate(text, &spans);
        let skip: Vec<bool> = marks
            .iter()
            .map(|m| m.is_some() && !self.keep_boilerplate)
            .collect();
        let actors = annotate(self.lexicon, &self.matcher, text, &spans, &skip);
        spans
            .into_iter()
            .zip(marks)
            .zip(actors)
            .enumerate()
            .map(|(index, ((span, mark), found))| {
                let sentence = &text[span.clone()];
                let mentions: Vec<MentionOut> = found
                    .mentions
                    .iter()
                    .map(|m| {
                        let actor = self.lexicon.get(&m.mention.actor);
                        MentionOut {
                            text: text[m.mention.span.clone()].to_string(),
                            span: m.mention.span.clone(),
                            actor: m.mention.actor.clone(),
                            name: actor.map_or_else(|| m.mention.actor.clone(), |a| a.name.clone()),
                            kind: actor.map_or(Kind::Country, |a| a.kind),
                            country: self.lexicon.country_of(&m.mention.actor).to_string(),
                            via: m.mention.via,
                            resolved_from: m.from.clone().map(|f| text[f].to_string()),
                        }
                    })
                    .collect();
                let ids = self.level_ids(&mentions);
                let directed = found.direction.map(|(s, t)| {
                    (
                        self.level_id(&found.mentions[s].mention.actor).to_string(),
                        self.level_id(&found.mentions[t].mention.actor).to_string(),
                    )
                });
                let found_mentions: Vec<(Range<usize>, &str)> = found
                    .mentions
                    .iter()
                    .map(|m| (m.mention.span.clone(), self.level_id(&m.mention.actor)))
                    .collect();
                let target_aware = self.stance.is_target_aware() && !skip[index];
                let mut toward = if target_aware {
                    self.toward(sentence, span.start, &found_mentions, &ids)
                } else {
                    Vec::new()
                };
                let clauses = if self.clauses && !skip[index] {
                    self.clause_reports(sentence, span.start, &found_mentions, &ids)
                } else {
                    Vec::new()
                };
                self.toward_by_clause(&mut toward, &clauses);
                let view = Self::view(self.stance, sentence, span.start, &found_mentions);
                // Both models read the same view when both are target-aware or neither is.
                let sentiment = if self.sentiment.is_target_aware() == self.stance.is_target_aware()
                {
                    self.scored(self.sentiment, &view)
                } else {
                    let own = Self::view(self.sentiment, sentence, span.start, &found_mentions);
                    self.scored(self.sentiment, &own)
                };
                let stance = if clauses.is_empty() {
                    self.scored(self.stance, &view)
                } else {
                    let mean = self.weighted_mean(clauses.iter().map(|c| (c.weight, &c.stance)));
                    Scored {
                        explain: self.explain.map(|n| {
                            let k = self
                                .stance
                                .labels()
                                .iter()
                                .position(|l| *l == mean.label)
                                .unwrap_or(0);
                            self.stance.explain(&view, k, n)
                        }),
                        ..mean
                    }
                };
                let score = self.warmth(&stance);
                let toward_of = |id: &str| toward.iter().find(|t| t.actor == id);
                let mut pairs = Vec::new();
                for (i, a) in ids.iter().enumerate() {
                    for b in &ids[i + 1..] {
                        let (source, target) = match &directed {
                            Some((s, t)) if (s == a && t == b) || (s == b && t == a) => {
                                (Some(s.clone()), Some(t.clone()))
                            }
                            _ => (None, None),
                        };
                        let stance = match (&target, toward_of(a), toward_of(b)) {
                            (Some(t), _, _) => toward_of(t).map(|t| t.stance.clone()),
                            (None, Some(x), Some(y)) => {
                                Some(self.weighted_mean([(1.0, &x.stance), (1.0, &y.stance)]))
                            }
                            _ => None,
                        };
                        pairs.push(Pair {
                            a: a.to_string(),
                            b: b.to_string(),
                            score: stance.as_ref().map(|s| self.warmth(s)),
                            stance,
                            source,
                            target,
                        });
                    }
                }
                SentenceReport {
                    kind: "sentence",
                    article: article.id.clone(),
                    index,
                    span,
                    text: sentence.to_string(),
                    boilerplate: mark.is_some(),
                    boilerplate_rule: mark,
                    mentions,
                    pairs,
                    stance,
                    score,
                    sentiment,
                    toward,
                    clauses,
                }
            })
            .collect()
    }

    /// The stance model's labels.
    pub fn stance_labels(&self) -> &[String] {
        self.stance.labels()
    }

    /// The sentiment model's labels.
    pub fn sentiment_labels(&self) -> &[String] {
        self.sentiment.labels()
    }

    /// The display name of an actor id at the chosen level.
    pub fn name_of(&self, id: &str) -> String {
        self.lexicon
            .get(id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}

/// Actor mentions of a sentence: spans into the article, with the actor's id at the chosen level.
type Mentions<'m> = [(Range<usize>, &'m str)];

/// The `mentions` lying inside `text`, which starts at byte `offset` of the article, as spans of
/// `text`.
fn inside<'m>(text: &str, offset: usize, mentions: &Mentions<'m>) -> Vec<(Range<usize>, &'m str)> {
    mentions
        .iter()
        .filter(|(r, _)| r.start >= offset && r.end <= offset + text.len())
        .map(|(r, id)| (r.start - offset..r.end - offset, *id))
        .collect()
}

/// Accumulates roll-ups over sentences of one or many articles.
#[derive(Debug, Default, Clone)]
pub struct Rollups {
    sentences: usize,
    boilerplate: usize,
    /// Per actor: its stance statistics and sentences per sentiment label toward it.
    actors: BTreeMap<String, (Acc, BTreeMap<String, usize>)>,
    pairs: BTreeMap<(String, String), (Acc, BTreeMap<String, usize>)>,
}

#[derive(Debug, Default, Clone)]
struct Acc {
    n: usize,
    sum: f64,
    labels: BTreeMap<String, usize>,
    warmest: Option<Evidence>,
    tensest: Option<Evidence>,
}

impl Acc {
    /// Counts sentence `s` with a stance (the sentence's, or toward an actor or pair).
    fn add(&mut self, s: &SentenceReport, stance: &Scored, score: f64) {
        self.n += 1;
        self.sum += score;
        *self.labels.entry(stance.label.clone()).or_default() += 1;
        let evidence = || Evidence {
            article: s.article.clone(),
            index: s.index,
            score,
            text: s.text.clone(),
        };
        if self.warmest.as_ref().is_none_or(|e| score > e.score) {
            self.warmest = Some(evidence());
        }
        if self.tensest.as_ref().is_none_or(|e| score < e.score) {
            self.tensest = Some(evidence());
        }
    }

    fn rollup(&self) -> Rollup {
        Rollup {
            sentences: self.n,
            mean_score: self.sum / self.n as f64,
            labels: self.labels.clone(),
            warmest: self.warmest.clone().expect("at least one sentence"),
            tensest: self.tensest.clone().expect("at least one sentence"),
        }
    }
}

impl Rollups {
    /// Adds the sentences of one article (boilerplate is counted, not rolled up).
    pub fn add(&mut self, sentences: &[SentenceReport], scorer: &Scorer<'_>) {
        for s in sentences {
            self.sentences += 1;
            if s.boilerplate && !scorer.keep_boilerplate {
                self.boilerplate += 1;
                continue;
            }
            let ids = scorer.level_ids(&s.mentions);
            for id in ids {
                let toward = s.toward.iter().find(|t| t.actor == id);
                let (stance, score) = toward.map_or((&s.stance, s.score), |t| (&t.stance, t.score));
                let sentiment = toward
                    .and_then(|t| t.sentiment.as_ref())
                    .unwrap_or(&s.sentiment);
                let (acc, sentiments) = self.actors.entry(id.to_string()).or_default();
                acc.add(s, stance, score);
                *sentiments.entry(sentiment.label.clone()).or_default() += 1;
            }
            for p in &s.pairs {
                let entry = self.pairs.entry((p.a.clone(), p.b.clone())).or_default();
                match (&p.stance, p.score) {
                    (Some(stance), Some(score)) => entry.0.add(s, stance, score),
                    _ => entry.0.add(s, &s.stance, s.score),
                }
                if let (Some(src), Some(tgt)) = (&p.source, &p.target) {
                    *entry.1.entry(format!("{src}->{tgt}")).or_default() += 1;
                }
            }
        }
    }

    /// The summary, actors and pairs with most sentences first (ties by id).
    pub fn summary(&self, kind: &'static str, article: &str, scorer: &Scorer<'_>) -> Summary {
        let mut actors: Vec<ActorRollup> = self
            .actors
            .iter()
            .map(|(id, (acc, sentiment))| ActorRollup {
                actor: id.clone(),
                name: scorer.name_of(id),
                rollup: acc.rollup(),
                sentiment: sentiment.clone(),
            })
            .collect();
        actors.sort_by(|x, y| {
            y.rollup
                .sentences
                .cmp(&x.rollup.sentences)
                .then(x.actor.cmp(&y.actor))
        });
        let mut pairs: Vec<PairRollup> = self
            .pairs
            .iter()
            .map(|((a, b), (acc, directed))| PairRollup {
                a: a.clone(),
                b: b.clone(),
                names: [scorer.name_of(a), scorer.name_of(b)],
                directed: directed.clone(),
                rollup: acc.rollup(),
            })
            .collect();
        pairs.sort_by(|x, y| {
            y.rollup
                .sentences
                .cmp(&x.rollup.sentences)
                .then((&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });
        Summary {
            kind,
            article: article.to_string(),
            sentences: self.sentences,
            boilerplate: self.boilerplate,
            actors,
            pairs,
        }
    }
}
