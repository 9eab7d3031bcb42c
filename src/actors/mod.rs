//! Actors: who a sentence names, from an alias dictionary; simple coreference across an
//! article; who acts on whom; and marking a text toward one actor for a target-aware model.
//!
//! ```
//! use stancekit::actors::{Lexicon, Matcher};
//!
//! let lexicon = Lexicon::builtin();
//! let matcher = Matcher::new(&lexicon);
//! let text = "Turkish President Recep Tayyip Erdogan spoke to the Kremlin, The Moscow Times said.";
//! let mentions = matcher.find(text);
//! let found: Vec<(&str, &str)> = mentions
//!     .iter()
//!     .map(|m| (&text[m.span.clone()], m.actor.as_str()))
//!     .collect();
//! assert_eq!(found, [("Turkish President Recep Tayyip Erdogan", "erdogan"), ("the Kremlin", "RUS")]);
//! ```

mod coref;
mod direction;
mod lexicon;
mod matcher;
mod targets;

pub use coref::{annotate, SentenceActors};
pub use direction::{direction, RELATION_VERBS};
pub use lexicon::{Actor, Kind, Lexicon};
pub use matcher::{Matcher, Mention, Via};
pub use targets::TargetMarker;
