//! The alias dictionary: canonical actors and every way news names them.
//!
//! The built-in dictionary is `data/actors/*.jsonl`, compiled into the binary. Each line is one
//! actor:
//!
//! ```json
//! {"id": "TUR", "kind": "country", "name": "Turkey", "parent": null,
//!  "aliases": ["Turkey", "Türkiye", "Ankara"], "demonyms": ["Turkish", "Turks"], "seats": []}
//! {"id": "erdogan", "kind": "person", "name": "Recep Tayyip Erdogan", "parent": "TUR",
//!  "aliases": ["Recep Tayyip Erdogan", "Erdogan"], "demonyms": [], "seats": [],
//!  "role": "President of Turkey", "years": "2014-"}
//! ```
//!
//! `data/actors/not-actors.txt` lists names that contain an actor's alias but are not that actor
//! ("The Moscow Times", "New Mexico"), one per line. A user's own dictionary (`--actors FILE`,
//! same format) is merged over the built-in one: an entry with the same id replaces it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A state or territory.
    Country,
    /// A person, who belongs to a country or organisation (`parent`).
    Person,
    /// An international organisation.
    Organisation,
    /// A bloc such as "the West".
    Bloc,
}

/// One actor of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Canonical id: ISO 3166 alpha-3 for states, a code for organisations, a slug for people.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// Display name.
    pub name: String,
    /// For a person, the country or organisation they act for.
    #[serde(default)]
    pub parent: Option<String>,
    /// Written forms that name the actor, as in running text ("the Kremlin" with a lowercase
    /// "the": a sentence-initial "The" matches too).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Nationality words ("Turkish"), which name the country in "Turkish officials" and open
    /// titles ("Turkish President …").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Seats of government used for the state ("the Kremlin").
    #[serde(default)]
    pub seats: Vec<String>,
    /// For a person, the office ("President of Turkey").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For a person, the years in office ("2014-").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<String>,
}

/// The dictionary: actors by id, and the names that are not actors.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    actors: BTreeMap<String, Actor>,
    not_actors: Vec<String>,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "data/actors/countries.jsonl",
        include_str!("../../data/actors/countries.jsonl"),
    ),
    (
        "data/actors/organisations.jsonl",
        include_str!("../../data/actors/organisations.jsonl"),
    ),
    (
        "data/actors/people.jsonl",
        include_str!("../../data/actors/people.jsonl"),
    ),
];
const BUILTIN_NOT_ACTORS: &str = include_str!("../../data/actors/not-actors.txt");

impl Lexicon {
    /// The dictionary compiled into the binary (`data/actors/`).
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon::default();
        for (origin, text) in BUILTIN {
            let actors = parse_jsonl(text, Path::new(origin))
                .unwrap_or_else(|e| panic!("the built-in actor dictionary is broken: {e}"));
            lexicon.merge(actors);
        }
        lexicon.not_actors = parse_not_actors(BUILTIN_NOT_ACTORS);
        lexicon
            .check()
            .unwrap_or_else(|e| panic!("the built-in actor dictionary is broken: {e}"));
        lexicon
    }

    /// Reads a user dictionary (JSON Lines, as the built-in one) and merges it over this one.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Data`] naming the line for bad JSON
    /// or an unknown field, and for a person whose parent is not in the merged dictionary.
    pub fn merge_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let actors = parse_jsonl(&text, path)?;
        self.merge(actors);
        self.check().map_err(|message| Error::Data {
            path: path.into(),
            line: 0,
            message,
        })
    }

    /// Adds actors, replacing any with the same id.
    pub fn merge(&mut self, actors: Vec<Actor>) {
        for actor in actors {
            self.actors.insert(actor.id.clone(), actor);
        }
    }

    /// Every parent must exist.
    fn check(&self) -> std::result::Result<(), String> {
        for actor in self.actors.values() {
            if let Some(parent) = &actor.parent {
                if !self.actors.contains_key(parent) {
                    return Err(format!(
                        "actor {:?} has unknown parent {parent:?}",
                        actor.id
                    ));
                }
            }
        }
        Ok(())
    }

    /// The actor with `id`.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.actors.get(id)
    }

    /// All actors, by id.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.actors.values()
    }

    /// Replaces the names that contain an alias but are not actors.
    pub fn set_not_actors(&mut self, names: Vec<String>) {
        self.not_actors = names;
    }

    /// Names that contain an alias but are not actors.
    pub fn not_actors(&self) -> &[String] {
        &self.not_actors
    }

    /// The id an actor rolls up to at country level: a person's parent, else itself.
    pub fn country_of<'a>(&'a self, id: &'a str) -> &'a str {
        match self.actors.get(id) {
            Some(Actor {
                kind: Kind::Person,
                parent: Some(parent),
                ..
            }) => parent,
            _ => id,
        }
    }
}

fn parse_jsonl(text: &str, origin: &Path) -> Result<Vec<Actor>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let actor: Actor = serde_json::from_str(line).map_err(|e| Error::Data {
            path: origin.into(),
            line: i as u64 + 1,
            message: format!("not an actor entry: {e}"),
        })?;
        if actor.kind == Kind::Person && actor.parent.is_none() {
            return Err(Error::Data {
                path: origin.into(),
                line: i as u64 + 1,
                message: format!("person {:?} has no parent", actor.id),
            });
        }
        out.push(actor);
    }
    Ok(out)
}

fn parse_not_actors(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}
