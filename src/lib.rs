//! # stancekit
//!
//! stancekit reads news and says, sentence by sentence, how warm or tense the relations are
//! between the actors it names, and the sentence's sentiment. It is a small, fast, inspectable
//! pipeline that users train on their own labelled sentences:
//!
//! ```text
//! text ──► text::Analyzer ──► features::Tfidf ──► model::LinearModel ──► probabilities
//!          tokenize, negation,  sorted vocabulary,   multinomial logistic
//!          stem, n-grams        fit-time idf, L2      regression (sparse L-BFGS)
//! ```
//!
//! ## End to end
//!
//! ```
//! use stancekit::model::{Classifier, TrainConfig};
//!
//! let texts = [
//!     "Putin thanked Erdogan, whom he called his dear friend",
//!     "Ankara and Moscow signed a gas deal",
//!     "Moscow accused Ankara of betrayal",
//!     "The Kremlin threatened sanctions against Turkey",
//! ];
//! let labels = ["warm", "warm", "tense", "tense"];
//!
//! // Plain options → checked config → fitted classifier. Four rows are too few for the
//! // default min_df of 2 (a term must occur in two rows): keep every term.
//! let mut config = TrainConfig::default();
//! config.tfidf.min_df = 1;
//! let trained = config.check()?.fit(&texts, &labels)?;
//! let classifier = trained.classifier;
//!
//! let p = classifier.predict("Erdogan thanked his dear friend Putin");
//! assert_eq!(classifier.labels()[p.label], "warm");
//!
//! // A model is plain, versioned JSON; loading it back predicts the same.
//! let bytes = classifier.to_bytes();
//! let loaded = Classifier::from_bytes(&bytes, "model.json".as_ref())?;
//! assert_eq!(loaded.predict("gas deal"), classifier.predict("gas deal"));
//! # Ok::<(), stancekit::Error>(())
//! ```
//!
//! ## Modules, in pipeline order
//!
//! - [`text`]: tokenizer with byte spans, negation scope, stopwords, stemming, n-grams
//!   ([`text::AnalyzerConfig`]), target-aware features ([`text::mark_mentions`] and
//!   `target_window`), sentences, clauses and boilerplate.
//! - [`features`]: vocabulary and TF-IDF ([`features::TfidfConfig`] → [`features::Tfidf`]),
//!   sparse rows ([`features::CsrMatrix`]).
//! - [`model`]: training ([`model::TrainConfig`] → [`model::CheckedTrainConfig`] →
//!   [`model::Classifier`]), cross-validation over C, model files.
//! - [`actors`]: the alias dictionary, the actor matcher, coreference, direction, and marking a
//!   row toward its target ([`actors::TargetMarker`]).
//! - [`report`]: whole articles scored sentence by sentence (toward each actor with a
//!   target-aware model, clause by clause on request) and rolled up per actor and pair.
//! - [`data`]: reading TSV, CSV and JSONL rows with line numbers.
//! - [`metrics`]: accuracy, per-label precision / recall / F1, macro-F1, confusion matrix.
//!
//! Errors are [`Error`], which always names the file, line, option or value at fault.

pub mod actors;
pub mod data;
mod error;
pub mod features;
pub mod metrics;
pub mod model;
pub mod report;
pub mod text;

pub use error::{Error, Result};
