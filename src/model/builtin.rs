//! The default models, compiled into the binary: `stance` works on a fresh machine with no model
//! to download or train.
//!
//! Both are trained by `scripts/train-models.sh` from the project's own sentences in
//! `data/relations/` (never from the public datasets), and each records the sha256 of the files it
//! was trained on; a test checks those against `data/relations/` so no stale model ships.

use std::path::Path;

use super::Classifier;
use crate::error::{Error, Result};

/// A model shipped inside the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// Stance between actors: warm / neutral / tense (`models/stance.json`).
    Stance,
    /// Sentiment of the sentence: positive / neutral / negative (`models/sentiment.json`).
    Sentiment,
}

impl Builtin {
    /// Both built-in models.
    pub const ALL: [Builtin; 2] = [Builtin::Stance, Builtin::Sentiment];

    /// The name used on the command line after `builtin:`.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Stance => "stance",
            Builtin::Sentiment => "sentiment",
        }
    }

    /// The model for a name (`stance` or `sentiment`).
    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The model file's bytes as compiled in.
    ///
    /// # Errors
    /// [`Error::Model`] when the binary was built without the `builtin-models` feature.
    pub fn bytes(self) -> Result<&'static [u8]> {
        #[cfg(feature = "builtin-models")]
        {
            Ok(match self {
                Builtin::Stance => include_bytes!("../../models/stance.json"),
                Builtin::Sentiment => include_bytes!("../../models/sentiment.json"),
            })
        }
        #[cfg(not(feature = "builtin-models"))]
        {
            Err(Error::Model {
                path: self.origin().into(),
                message: "this build has no built-in models (feature builtin-models is off)".into(),
            })
        }
    }

    /// How the model is named in messages: `builtin:stance`.
    pub fn origin(self) -> String {
        format!("builtin:{}", self.name())
    }

    /// Loads the model.
    ///
    /// # Errors
    /// As [`Builtin::bytes`] and [`Classifier::from_bytes`].
    pub fn load(self) -> Result<Classifier> {
        Classifier::from_bytes(self.bytes()?, Path::new(&self.origin()))
    }
}

/// Loads a model named on the command line: `builtin:stance`, `builtin:sentiment`, or a path.
///
/// # Errors
/// [`Error::Model`] for an unknown `builtin:` name; otherwise as [`Classifier::load`].
pub fn load_model(spec: &str) -> Result<Classifier> {
    match spec.strip_prefix("builtin:") {
        Some(name) => Builtin::from_name(name)
            .ok_or_else(|| Error::Model {
                path: spec.into(),
                message: "unknown built-in model; use builtin:stance or builtin:sentiment".into(),
            })?
            .load(),
        None => Classifier::load(Path::new(spec)),
    }
}
