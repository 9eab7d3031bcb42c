//! Model files: plain, versioned JSON, written atomically.
//!
//! A model file is one JSON object. Its first two fields say what it is and which version of the
//! layout it follows, so that any program can refuse it with a clear message:
//!
//! ```json
//! { "format": "stancekit-model", "format_version": 3, "checksum": "sha256:…",
//!   "crate_version": "0.1.0",
//!   "analyzer": {…}, "labels": ["negative", "neutral", "positive"],
//!   "vocabulary": ["…"], "n_documents": 8739, "document_frequency": [3, …],
//!   "sublinear_tf": false,
//!   "weights": [[w(term 0, label 0), w(term 0, label 1), …], …], "intercepts": [0.1, …],
//!   "training": { "data": [{"name": "train.tsv", "sha256": "…", "rows": 8739}], … } }
//! ```
//!
//! `weights` has one array per vocabulary term with one weight per label. Versions:
//! - **3** (written): as 2, with `"checksum": "sha256:…"`, the digest of the file's JSON with
//!   that field empty; a file whose content no longer matches it (edited or damaged) is refused.
//! - **2** (read): weights and intercepts at `f32` precision, and the idf given by the
//!   number of training rows and each term's document frequency (`ln((1+n)/(1+df)) + 1`).
//! - **1** (read): weights as full `f64`, and the idf itself (`"idf": [1.7, …]`). A version-1
//!   model predicts exactly as it always did; saving it again writes the current version, which
//!   rounds its weights to `f32`.
//!
//! Saving the same classifier always writes the same bytes: no timestamps, sorted vocabulary,
//! fixed label order, shortest round-trip float formatting.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Classifier, CvResult, LinearModel, TrainParams};
use crate::error::{Error, Result};
use crate::features::{Tfidf, TfidfConfig};
use crate::text::AnalyzerConfig;

/// The `format` field of every model file.
pub const FORMAT: &str = "stancekit-model";
/// The layout version this build writes. It reads versions `1..=FORMAT_VERSION`.
pub const FORMAT_VERSION: u32 = 3;

/// A training file as recorded in a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataFile {
    /// The file name (without directories, so the record does not depend on where it ran).
    pub name: String,
    /// Hex sha256 of the file's bytes.
    pub sha256: String,
    /// Rows used from it.
    pub rows: usize,
    /// The part of the fixed split used (`"train"` or `"dev"`), when not all rows were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<String>,
}

impl DataFile {
    /// Records a file from its path and contents.
    pub fn new(path: &Path, bytes: &[u8], rows: usize) -> Self {
        DataFile {
            name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            ),
            sha256: sha256_hex(bytes),
            rows,
            split: None,
        }
    }
}

/// Hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// For bytes laid out as [`Classifier::to_bytes`] writes them: the digest of the bytes with the
/// checksum's value and the final newline taken out (the JSON the checksum was computed on),
/// and the checksum they carry. `None` without a checksum field.
fn signed_digest(bytes: &[u8]) -> Option<(String, &str)> {
    let field = br#""checksum":""#;
    // A JSON string holds no bare quote, so the first match is the field itself.
    let start = bytes.windows(field.len()).position(|w| w == field)? + field.len();
    let end = start + bytes[start..].iter().position(|&b| b == b'"')?;
    let json = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let mut hasher = Sha256::new();
    hasher.update(&json[..start]);
    hasher.update(&json[end..]);
    let checksum = std::str::from_utf8(&bytes[start..end]).ok()?;
    Some((format!("sha256:{}", hex(&hasher.finalize())), checksum))
}

/// Bytes as lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How a model was trained, saved with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingSummary {
    /// Training files.
    pub data: Vec<DataFile>,
    /// Training rows.
    pub rows: usize,
    /// Training rows per label.
    pub rows_per_label: BTreeMap<String, usize>,
    /// TF-IDF options.
    pub tfidf: TfidfConfig,
    /// Solver options, with the C used for the final fit.
    pub params: TrainParams,
    /// Objective at the solution.
    pub objective: f64,
    /// Optimiser iterations.
    pub iterations: u64,
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Cross-validation over C, when a grid was given.
    pub cv: Option<CvResult>,
}

/// The on-disk form of a [`Classifier`] (format versions 2 and 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// The layout version.
    pub format_version: u32,
    /// `sha256:` and the hex digest of the file's JSON with this field empty (versions 3 and
    /// later; empty in version 2).
    #[serde(default)]
    pub checksum: String,
    /// The stancekit version that wrote the file.
    pub crate_version: String,
    /// How text becomes terms.
    pub analyzer: AnalyzerConfig,
    /// Label names, in model order.
    pub labels: Vec<String>,
    /// Sorted vocabulary.
    pub vocabulary: Vec<String>,
    /// Training rows the idf was fitted on.
    pub n_documents: usize,
    /// Each term's document frequency in them.
    pub document_frequency: Vec<u32>,
    /// Whether tf is sublinear.
    pub sublinear_tf: bool,
    /// One array per term with one weight per label.
    pub weights: Vec<Vec<f32>>,
    /// One intercept per label.
    pub intercepts: Vec<f32>,
    /// How it was trained.
    pub training: TrainingSummary,
}

impl ModelFile {
    /// `sha256:` and the digest of this file's JSON with an empty `checksum`.
    /// The JSON is streamed into the hash, not built in memory, and the checksum field is
    /// emptied only while it is written.
    pub fn digest(&mut self) -> String {
        let checksum = std::mem::take(&mut self.checksum);
        let mut hasher = Sha256::new();
        serde_json::to_writer(&mut hasher, &*self).expect("model data always serializes to JSON");
        self.checksum = checksum;
        format!("sha256:{}", hex(&hasher.finalize()))
    }
}

/// Format version 1: idf and weights as `f64`. Read, never written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFileV1 {
    format: String,
    format_version: u32,
    #[serde(rename = "crate_version")]
    _crate_version: String,
    analyzer: AnalyzerConfig,
    labels: Vec<String>,
    vocabulary: Vec<String>,
    idf: Vec<f64>,
    sublinear_tf: bool,
    weights: Vec<Vec<f64>>,
    intercepts: Vec<f64>,
    training: TrainingSummary,
}

impl Classifier {
    /// The model as plain data (format version 2).
    pub fn to_file(&self) -> ModelFile {
        let k = self.labels.len();
        let (n_documents, document_frequency) = match self.tfidf.document_frequency() {
            Some((n, df)) => (n, df.to_vec()),
            None => {
                // A version-1 model stored idf; its training rows and the smooth-idf formula
                // give the document frequencies back.
                let n = self.summary.rows;
                let df = self
                    .tfidf
                    .idf()
                    .iter()
                    .map(|idf| {
                        ((1.0 + n as f64) / (idf - 1.0).exp() - 1.0)
                            .round()
                            .max(1.0) as u32
                    })
                    .collect();
                (n, df)
            }
        };
        let to_f32 = |w: &[f64]| w.iter().map(|&v| v as f32).collect::<Vec<f32>>();
        ModelFile {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            checksum: String::new(),
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            analyzer: self.analyzer.config().clone(),
            labels: self.labels.clone(),
            vocabulary: self.tfidf.vocabulary().to_vec(),
            n_documents,
            document_frequency,
            sublinear_tf: self.tfidf.sublinear_tf(),
            weights: self.model.weights().chunks(k).map(to_f32).collect(),
            intercepts: to_f32(self.model.intercepts()),
            training: self.summary.clone(),
        }
    }

    /// The model file's bytes: compact JSON with its checksum, and a final newline.
    ///
    /// The file is serialised once, with the checksum empty; the digest of those bytes is then
    /// written into the checksum's place, which is what [`ModelFile::digest`] would compute.
    pub fn to_bytes(&self) -> Vec<u8> {
        let file = self.to_file();
        let unsigned = serde_json::to_vec(&file).expect("model data always serializes to JSON");
        let empty = br#""checksum":"""#;
        let at = unsigned
            .windows(empty.len())
            .position(|w| w == empty)
            .expect("the checksum field comes before any user text")
            + empty.len()
            - 1;
        let checksum = format!("sha256:{}", sha256_hex(&unsigned));
        let mut bytes = Vec::with_capacity(unsigned.len() + checksum.len() + 1);
        bytes.extend_from_slice(&unsigned[..at]);
        bytes.extend_from_slice(checksum.as_bytes());
        bytes.extend_from_slice(&unsigned[at..]);
        bytes.push(b'\n');
        bytes
    }

    /// Writes the model to `path` atomically: a temporary file in the same directory is written,
    /// flushed and renamed over `path`, so an interrupted save never leaves a half-written model.
    ///
    /// # Errors
    /// [`Error::Io`] when the directory is not writable or the disk is full.
    pub fn save(&self, path: &Path) -> Result<()> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| {
            let message = format!("cannot create a file in this directory ({})", e.kind());
            Error::io(dir, std::io::Error::new(e.kind(), message))
        })?;
        // The temporary file is private (0600); give the model the permissions of the file it
        // replaces, or the usual 0644.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let permissions = std::fs::metadata(path)
                .map(|m| m.permissions())
                .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
            tmp.as_file()
                .set_permissions(permissions)
                .map_err(|e| Error::io(path, e))?;
        }
        tmp.write_all(&self.to_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| Error::io(path, e))?;
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }

    /// Reads a model file.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read, [`Error::Model`] as [`Classifier::from_bytes`].
    pub fn load(path: &Path) -> Result<Classifier> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Classifier::from_bytes(&bytes, path)
    }

    /// Parses model bytes; `origin` names them in errors.
    ///
    /// # Errors
    /// [`Error::Model`] when the bytes are not JSON, not a stancekit model, of a format version
    /// this build cannot read (the message names both versions), or internally inconsistent
    /// (dimensions, unsorted vocabulary, non-finite weights).
    pub fn from_bytes(bytes: &[u8], origin: &Path) -> Result<Classifier> {
        let err = |message: String| Error::Model {
            path: origin.to_path_buf(),
            message,
        };
        if let Some(file) = Classifier::as_written(bytes) {
            return Classifier::from_file(file).map_err(err);
        }
        /// The fields that say which layout the rest has; the others are skipped unread.
        #[derive(Deserialize)]
        struct Header {
            format: Option<serde_json::Value>,
            format_version: Option<serde_json::Value>,
        }
        let header: Header = serde_json::from_slice(bytes).map_err(|e| {
            err(format!(
                "not a stancekit model: not valid JSON ({e}); was the file truncated?"
            ))
        })?;
        match header.format.as_ref().map(|f| f.as_str()) {
            Some(Some(FORMAT)) => {}
            Some(Some(other)) => {
                return Err(err(format!(
                    "not a stancekit model: format is {other:?}, expected {FORMAT:?}"
                )))
            }
            _ => {
                return Err(err(format!(
                    "not a stancekit model: no \"format\": {FORMAT:?} field"
                )))
            }
        }
        let version = header.format_version.as_ref().and_then(|v| v.as_u64());
        match version {
            Some(v) if v >= 1 && v <= FORMAT_VERSION as u64 => {}
            Some(v) if v > FORMAT_VERSION as u64 => {
                return Err(err(format!(
                    "model format version {v} is newer than this stance {} reads \
                     (1 to {FORMAT_VERSION}); upgrade stancekit",
                    env!("CARGO_PKG_VERSION")
                )))
            }
            _ => {
                return Err(err(format!(
                    "model format version {} is not one this stance reads (1 to {FORMAT_VERSION})",
                    header
                        .format_version
                        .map_or("missing".to_string(), |v| v.to_string())
                )))
            }
        }
        let classifier = if version == Some(1) {
            let file: ModelFileV1 = serde_json::from_slice(bytes)
                .map_err(|e| err(format!("malformed model (format version 1): {e}")))?;
            Classifier::from_v1(file)
        } else {
            let v = version.unwrap_or_default();
            let mut file: ModelFile = serde_json::from_slice(bytes)
                .map_err(|e| err(format!("malformed model (format version {v}): {e}")))?;
            if v >= 3 {
                let digest = file.digest();
                if digest != file.checksum {
                    return Err(err(format!(
                        "checksum {:?} does not match the content: the file was edited or \
                         damaged; restore it or train the model again",
                        file.checksum
                    )));
                }
            }
            Classifier::from_file(file)
        };
        classifier.map_err(err)
    }

    /// The model in `bytes` when they are a current-version file as [`Classifier::to_bytes`]
    /// writes them, with its checksum right; `None` otherwise, and for any doubt, leaving the
    /// careful path of [`Classifier::from_bytes`] to say what is wrong.
    ///
    /// The usual file, parsed once: the header is not read on its own first (a pass over the
    /// whole file), and the checksum is checked on the bytes themselves, on the other core
    /// while the file is parsed, instead of on the parsed model serialised again. A checksum
    /// that does not match those bytes is checked again the careful way (the JSON may have been
    /// reformatted, not changed).
    fn as_written(bytes: &[u8]) -> Option<ModelFile> {
        let header = format!(r#"{{"format":"{FORMAT}","format_version":{FORMAT_VERSION},"#);
        if !bytes.starts_with(header.as_bytes()) {
            return None;
        }
        let (parsed, signed) = rayon::join(
            || serde_json::from_slice::<ModelFile>(bytes),
            || signed_digest(bytes),
        );
        let mut file = parsed.ok()?;
        let right = signed
            .is_some_and(|(digest, checksum)| digest == checksum && checksum == file.checksum)
            || file.digest() == file.checksum;
        right.then_some(file)
    }

    /// Builds a classifier from plain data, checking every dimension.
    ///
    /// # Errors
    /// A message describing the first inconsistency.
    pub fn from_file(file: ModelFile) -> std::result::Result<Classifier, String> {
        let d = file.vocabulary.len();
        if file.document_frequency.len() != d {
            return Err(format!(
                "{} document frequencies for {d} vocabulary terms",
                file.document_frequency.len()
            ));
        }
        let widen = |w: &[f32]| w.iter().map(|&v| f64::from(v)).collect::<Vec<f64>>();
        let weights: Vec<Vec<f64>> = file.weights.iter().map(|w| widen(w)).collect();
        check_shapes(
            &file.labels,
            &file.vocabulary,
            &weights,
            file.intercepts.len(),
        )?;
        let tfidf = Tfidf::from_document_frequency(
            file.vocabulary,
            file.n_documents,
            file.document_frequency,
            file.sublinear_tf,
        )?;
        let model = LinearModel::new(d, weights.concat(), widen(&file.intercepts))?;
        Classifier::assemble(&file.analyzer, tfidf, model, file.labels, file.training)
    }

    /// Migrates a version-1 file: its idf and `f64` weights are kept exactly.
    fn from_v1(file: ModelFileV1) -> std::result::Result<Classifier, String> {
        debug_assert_eq!((file.format.as_str(), file.format_version), (FORMAT, 1));
        check_shapes(
            &file.labels,
            &file.vocabulary,
            &file.weights,
            file.intercepts.len(),
        )?;
        let d = file.vocabulary.len();
        let tfidf = Tfidf::from_parts(file.vocabulary, file.idf, file.sublinear_tf)?;
        let model = LinearModel::new(d, file.weights.concat(), file.intercepts)?;
        Classifier::assemble(&file.analyzer, tfidf, model, file.labels, file.training)
    }

    fn assemble(
        analyzer: &AnalyzerConfig,
        tfidf: Tfidf,
        model: LinearModel,
        labels: Vec<String>,
        summary: TrainingSummary,
    ) -> std::result::Result<Classifier, String> {
        Ok(Classifier {
            analyzer: analyzer.build().map_err(|e| e.to_string())?,
            ngrams: std::sync::OnceLock::new(),
            records: std::sync::OnceLock::new(),
            tfidf,
            model,
            labels,
            summary,
        })
    }
}

/// Labels sorted and unique; one weight row per term, each with one weight per label; one
/// intercept per label.
fn check_shapes(
    labels: &[String],
    vocabulary: &[String],
    weights: &[Vec<f64>],
    intercepts: usize,
) -> std::result::Result<(), String> {
    let k = labels.len();
    if labels.windows(2).any(|w| w[0] >= w[1]) {
        return Err("labels are not sorted and unique".to_string());
    }
    if weights.len() != vocabulary.len() {
        return Err(format!(
            "{} weight rows for {} vocabulary terms",
            weights.len(),
            vocabulary.len()
        ));
    }
    if let Some((j, w)) = weights.iter().enumerate().find(|(_, w)| w.len() != k) {
        return Err(format!(
            "term {:?} has {} weights for {k} labels",
            vocabulary[j],
            w.len()
        ));
    }
    if intercepts != k {
        return Err(format!("{intercepts} intercepts for {k} labels"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_model_carries_the_digest_of_its_own_bytes() {
        let fixture = include_bytes!("../../tests/fixtures/models/v3.json");
        let model = Classifier::from_bytes(fixture, "v3.json".as_ref()).unwrap();
        for bytes in [&fixture[..], &model.to_bytes()] {
            let (digest, checksum) = signed_digest(bytes).unwrap();
            assert_eq!(digest, checksum);
            assert!(Classifier::as_written(bytes).is_some());
        }
        let mut edited = fixture.to_vec();
        let at = edited.len() - 10;
        edited[at] ^= 1;
        let (digest, checksum) = signed_digest(&edited).unwrap();
        assert_ne!(digest, checksum);
    }
}
