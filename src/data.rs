//! Reading labelled and unlabelled rows from TSV, CSV and JSONL files.
//!
//! The format comes from the extension: `.tsv`/`.tab` (tab-separated, **unquoted**: a `"` is a
//! literal character, as in the public datasets this tool is measured on), `.csv` (RFC 4180
//! quoting), `.jsonl`/`.ndjson` (one JSON object per line). Standard input (`-`) and other
//! extensions are sniffed from the first non-empty line: `{` means JSONL, a tab means TSV,
//! anything else CSV.
//!
//! TSV and CSV need a header row. The text column is `text` and the label column `label` unless
//! configured; columns `id` and `target` are optional and carried through. A UTF-8 byte-order mark
//! and CRLF line ends are accepted. Every error names the file, the 1-based line and the column.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File formats for rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tab-separated with a header, no quoting.
    Tsv,
    /// Comma-separated with a header, RFC 4180 quoting.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Which columns hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The text column. Default `text`.
    pub text: String,
    /// The label column. Default `label`.
    pub label: String,
    /// The optional id column. Default `id`.
    pub id: String,
    /// The optional target column: the words naming the actor a target-aware model scores the
    /// row toward. Default `target`. Columns (JSON fields) `<target>_start` and `<target>_end`,
    /// when present, give the mention's character offsets (as NewsMTSC does).
    pub target: String,
    /// The optional source column: the words naming the acting side. Default `source`.
    pub source: String,
    /// The longest line accepted, in bytes; a longer one is an error naming it, never an
    /// out-of-memory. Default [`MAX_LINE_BYTES`].
    pub max_line_bytes: usize,
}

/// The default longest line: 1 MiB.
pub const MAX_LINE_BYTES: usize = 1 << 20;

impl Columns {
    /// The names of the fields giving the target's character offsets: `<target>_start`,
    /// `<target>_end`.
    fn target_offsets(&self) -> (String, String) {
        (
            format!("{}_start", self.target),
            format!("{}_end", self.target),
        )
    }
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            text: "text".into(),
            label: "label".into(),
            id: "id".into(),
            target: "target".into(),
            source: "source".into(),
            max_line_bytes: MAX_LINE_BYTES,
        }
    }
}

/// One input row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the row in its file.
    pub line: u64,
    /// The `id` column, or the row's 1-based position in its file when there is none or it is
    /// empty.
    pub id: String,
    /// The text.
    pub text: String,
    /// The label, when the file has a label column.
    pub label: Option<String>,
    /// The `target` column, when present and not empty.
    pub target: Option<String>,
    /// The byte span of the target mention in `text`, from `<target>_start`/`<target>_end`.
    pub target_span: Option<Range<usize>>,
    /// The `source` column, when present and not empty.
    pub source: Option<String>,
}

impl Row {
    /// The target and source mentions of the row, as byte spans of `text`: the target span when
    /// the row has one, else every occurrence of the target's words; every occurrence of the
    /// source's words. Occurrences are matched exactly, or ignoring case when there is no exact
    /// one. ([`crate::actors::TargetMarker`] also finds actor ids and other actors.)
    pub fn mentions(&self) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let target = match (&self.target_span, &self.target) {
            (Some(span), _) => vec![span.clone()],
            (None, Some(t)) => occurrences(&self.text, t),
            (None, None) => Vec::new(),
        };
        let source = self
            .source
            .as_deref()
            .map_or_else(Vec::new, |s| occurrences(&self.text, s));
        (target, source)
    }
}

/// Byte spans of every occurrence of `needle` in `text`: exact matches, or, when there are
/// none, matches ignoring case (found in a lowercased copy when lowercasing keeps byte
/// lengths).
pub fn occurrences(text: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = needle.trim();
    if needle.is_empty() {
        return Vec::new();
    }
    let find = |hay: &str, pat: &str| -> Vec<Range<usize>> {
        hay.match_indices(pat)
            .map(|(i, m)| i..i + m.len())
            .collect()
    };
    let exact = find(text, needle);
    if !exact.is_empty() {
        return exact;
    }
    let (lower, pat) = (text.to_lowercase(), needle.to_lowercase());
    if lower.len() == text.len() {
        find(&lower, &pat)
            .into_iter()
            .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
            .collect()
    } else {
        Vec::new()
    }
}

/// The target's byte span from the `<target>_start` / `<target>_end` fields, when both are set.
fn target_span(
    text: &str,
    start: Option<String>,
    end: Option<String>,
) -> std::result::Result<Option<Range<usize>>, String> {
    match (start, end) {
        (Some(a), Some(b)) => char_span(text, &a, &b).map(Some),
        _ => Ok(None),
    }
}

/// The byte span of characters `start..end` of `text`, or an error message.
fn char_span(text: &str, start: &str, end: &str) -> std::result::Result<Range<usize>, String> {
    let chars = text.chars().count();
    let bad = || {
        format!(
            "target offsets {start:?}..{end:?} are not character offsets within the text \
             ({chars} characters)"
        )
    };
    let (a, b) = match (start.trim().parse::<usize>(), end.trim().parse::<usize>()) {
        (Ok(a), Ok(b)) if a < b && b <= chars => (a, b),
        _ => return Err(bad()),
    };
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
    Ok(byte(a)..byte(b))
}

/// Whether reading requires labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    /// Every row must have a non-empty label (training, evaluation).
    Required,
    /// Labels are read when present (prediction).
    Optional,
}

/// An article to score as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Its id: the file path, or the `id` field of a JSONL line (else `FILE:LINE`).
    pub id: String,
    /// The text; a JSONL `title` is put first, as the headline, followed by a blank line.
    pub text: String,
}

/// The largest article file accepted (64 MiB): larger input is refused with a message, never
/// read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// Reads articles: a directory (every `.txt` file below it, in path order, not following
/// symbolic links), a JSONL file (`.jsonl`/`.ndjson`, or any file when `jsonl` is set: one
/// article per line with `text` and optional `id`, `title`, `date`, `source`), or a plain-text
/// file (one article).
///
/// # Errors
/// [`Error::Io`] when a file cannot be read; [`Error::Data`] for invalid UTF-8 (naming the line
/// and byte), an empty article, a file over [`MAX_ARTICLE_BYTES`], or a bad JSONL line.
pub fn read_articles(path: &Path, jsonl: bool) -> Result<Vec<Article>> {
    if path.is_dir() {
        let mut files = Vec::new();
        walk_txt(path, &mut files)?;
        files.sort();
        let mut out = Vec::new();
        for file in files {
            out.extend(read_articles(&file, false)?);
        }
        return Ok(out);
    }
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_ARTICLE_BYTES {
        return Err(Error::Data {
            path: path.into(),
            line: 0,
            message: format!(
                "{size} bytes is more than the {MAX_ARTICLE_BYTES} bytes an article may have"
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    articles_from(path, &bytes, jsonl)
}

/// Articles from bytes already in memory (standard input); `path` names them.
///
/// # Errors
/// As [`read_articles`].
pub fn articles_from(path: &Path, bytes: &[u8], jsonl: bool) -> Result<Vec<Article>> {
    let is_jsonl = jsonl
        || matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("jsonl" | "ndjson")
        );
    if is_jsonl {
        return jsonl_articles(path, bytes);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let col = at
            - bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
        Error::Data {
            path: path.into(),
            line,
            message: format!("invalid UTF-8 at byte {col} of the line (byte {at} of the file)"),
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(empty_article(path, 1));
    }
    Ok(vec![Article {
        id: path.display().to_string(),
        text: text.to_string(),
    }])
}

fn empty_article(path: &Path, line: u64) -> Error {
    Error::Data {
        path: path.into(),
        line,
        message: "empty article: there is no text to score".into(),
    }
}

/// The string (or number, as text) in field `name` of a JSON object; `None` when absent or
/// null; a message naming the field otherwise.
fn json_string(
    value: &serde_json::Value,
    name: &str,
) -> std::result::Result<Option<String>, String> {
    match value.get(name) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!("field {name:?} should be a string, found {other}")),
    }
}

/// One article per JSONL line: `text` (required), `id` (else `FILE:LINE`), `title`.
fn jsonl_articles(path: &Path, bytes: &[u8]) -> Result<Vec<Article>> {
    let mut out = Vec::new();
    for_each_json_line(path, bytes, |line, value| {
        let err = |message: String| data_error(path, line, message);
        let field = |name: &str| json_string(&value, name).map_err(err);
        let text = field("text")?.ok_or_else(|| err("no \"text\" field".into()))?;
        if text.trim().is_empty() {
            return Err(empty_article(path, line));
        }
        let id = field("id")?.unwrap_or_else(|| format!("{}:{line}", path.display()));
        let text = match field("title")? {
            Some(title) => format!("{title}\n\n{text}"),
            None => text,
        };
        out.push(Article { id, text });
        Ok(())
    })?;
    if out.is_empty() {
        return Err(empty_article(path, 1));
    }
    Ok(out)
}

fn data_error(path: &Path, line: u64, message: String) -> Error {
    Error::Data {
        path: path.into(),
        line,
        message,
    }
}

/// Calls `f(line, object)` for every non-blank line of JSON Lines input, in order; a line that is
/// not valid UTF-8, not JSON, or not an object is an error naming the line.
fn for_each_json_line(
    path: &Path,
    input: impl BufRead,
    mut f: impl FnMut(u64, serde_json::Value) -> Result<()>,
) -> Result<()> {
    for (i, raw) in input.split(b'\n').enumerate() {
        let line = i as u64 + 1;
        let raw = raw.map_err(|e| Error::io(path, e))?;
        let raw = raw.strip_suffix(b"\r").unwrap_or(&raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let err = |message: String| data_error(path, line, message);
        let text = std::str::from_utf8(raw).map_err(|e| {
            err(format!(
                "invalid UTF-8 at byte {} of the line",
                e.valid_up_to()
            ))
        })?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| err(format!("not valid JSON: {e}")))?;
        if !value.is_object() {
            return Err(err("expected a JSON object".into()));
        }
        f(line, value)?;
    }
    Ok(())
}

fn walk_txt(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        let path = entry.path();
        if kind.is_dir() {
            walk_txt(&path, out)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// The fixed train / dev split of labelled rows, by a hash of their id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// About 80% of ids.
    Train,
    /// About 20% of ids: those whose sha256, read as a big-endian integer from its first eight
    /// bytes, is divisible by 5.
    Dev,
}

/// Which part of the fixed split the row with `id` belongs to. It depends on the id alone, so
/// adding or reordering rows never moves another row between train and dev.
///
/// ```
/// use stancekit::data::{split_of, Split};
///
/// let dev = (0..1000).filter(|i| split_of(&format!("row-{i}")) == Split::Dev).count();
/// assert!((150..250).contains(&dev));
/// ```
pub fn split_of(id: &str) -> Split {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    if u64::from_be_bytes(first) % 5 == 0 {
        Split::Dev
    } else {
        Split::Train
    }
}

/// The path shown for standard input.
pub const STDIN: &str = "-";

/// Reads every row of `path` (`-` for standard input).
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; [`Error::Data`] naming the line and column for a
/// missing header or column, a ragged row, invalid UTF-8, bad JSON, or an empty required label.
pub fn read_rows(path: &Path, columns: &Columns, labels: Labels) -> Result<Vec<Row>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == STDIN {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
    } else {
        if path.is_dir() {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "is a directory; give a TSV, CSV or JSONL file",
                ),
            ));
        }
        File::open(path)
            .and_then(|f| BufReader::new(f).read_to_end(&mut bytes))
            .map_err(|e| Error::io(path, e))?;
    }
    read_rows_from(path, &bytes, columns, labels)
}

/// Reads rows from bytes already in memory; `path` names them in errors and picks the format.
///
/// # Errors
/// As [`read_rows`].
pub fn read_rows_from(
    path: &Path,
    bytes: &[u8],
    columns: &Columns,
    labels: Labels,
) -> Result<Vec<Row>> {
    // At most one row a line: sized once, the rows are never moved to a larger array.
    let mut rows = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    for_each_row(path, bytes, columns, labels, |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(rows)
}

/// Reads rows one at a time from `input` and hands each to `f`, in order: memory does not grow
/// with the input. `path` names the input in errors and picks the format (see the module
/// documentation); an error from `f` stops the reading and is returned.
///
/// # Errors
/// As [`read_rows`], and whatever `f` returns.
pub fn for_each_row(
    path: &Path,
    input: impl Read,
    columns: &Columns,
    labels: Labels,
    mut f: impl FnMut(Row) -> Result<()>,
) -> Result<()> {
    let input = LineCap {
        inner: input,
        max: columns.max_line_bytes,
        line: 1,
        run: 0,
    };
    let mut input = BufReader::with_capacity(1 << 16, input);
    let head = input.fill_buf().map_err(|e| Error::io(path, e))?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    let head = input.fill_buf().map_err(|e| Error::io(path, e))?;
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(data_error(
            path,
            1,
            "the file is empty; expected a header row".into(),
        ));
    }
    let mut checked = |row: Row| {
        if labels == Labels::Required && row.label.is_none() {
            return Err(data_error(
                path,
                row.line,
                format!("missing or empty label {:?}", columns.label),
            ));
        }
        f(row)
    };
    match format_of(path, head) {
        Format::Jsonl => read_jsonl(path, input, columns, &mut checked),
        format => read_delimited(path, input, columns, format, labels, &mut checked),
    }
}

/// A reader that fails, naming the line, as soon as a line grows longer than `max` bytes.
struct LineCap<R> {
    inner: R,
    max: usize,
    line: u64,
    run: usize,
}

impl<R: Read> Read for LineCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if b == b'\n' {
                self.line += 1;
                self.run = 0;
            } else {
                self.run += 1;
                if self.run > self.max {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "line {} is longer than {} bytes; raise --max-line-bytes to read it",
                            self.line, self.max
                        ),
                    ));
                }
            }
        }
        Ok(n)
    }
}

/// The format of `path`: by extension, else sniffed from its first non-empty line.
pub fn format_of(path: &Path, bytes: &[u8]) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(e) if e == "tsv" || e == "tab" => Format::Tsv,
        Some(e) if e == "csv" => Format::Csv,
        Some(e) if e == "jsonl" || e == "ndjson" => Format::Jsonl,
        _ => {
            let first = bytes
                .split(|&b| b == b'\n')
                .find(|l| !l.iter().all(u8::is_ascii_whitespace))
                .unwrap_or(&[]);
            if first.trim_ascii_start().starts_with(b"{") {
                Format::Jsonl
            } else if first.contains(&b'\t') {
                Format::Tsv
            } else {
                Format::Csv
            }
        }
    }
}

fn read_delimited(
    path: &Path,
    input: impl Read,
    columns: &Columns,
    format: Format,
    labels: Labels,
    f: &mut dyn FnMut(Row) -> Result<()>,
) -> Result<()> {
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(true);
    if format == Format::Tsv {
        builder.delimiter(b'\t').quoting(false);
    }
    let mut reader = builder.from_reader(input);
    let to_err = |e: csv::Error| csv_error(path, e);
    let header = reader.byte_headers().map_err(to_err)?.clone();
    let names: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    let find = |name: &str| names.iter().position(|n| n == name);
    let text_col = find(&columns.text).ok_or_else(|| Error::Data {
        path: path.into(),
        line: 1,
        message: format!(
            "no {:?} column in the header (columns: {}); name it with --text-column",
            columns.text,
            names.join(", ")
        ),
    })?;
    let label_col = find(&columns.label);
    if label_col.is_none() && labels == Labels::Required {
        return Err(Error::Data {
            path: path.into(),
            line: 1,
            message: format!(
                "no {:?} column in the header (columns: {}); name it with --label-column",
                columns.label,
                names.join(", ")
            ),
        });
    }
    let id_col = find(&columns.id);
    let target_col = find(&columns.target);
    let source_col = find(&columns.source);
    let (start_name, end_name) = columns.target_offsets();
    let (start_col, end_col) = (find(&start_name), find(&end_name));
    let mut count = 0usize;
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(to_err)? {
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize, name: &str| -> Result<String> {
            let raw = record.get(i).unwrap_or(b"");
            String::from_utf8(raw.to_vec()).map_err(|e| Error::Data {
                path: path.into(),
                line,
                message: format!(
                    "invalid UTF-8 in column {name:?} at byte {} of the field",
                    e.utf8_error().valid_up_to()
                ),
            })
        };
        let label = match label_col {
            Some(i) => Some(field(i, &columns.label)?).filter(|l| !l.trim().is_empty()),
            None => None,
        };
        count += 1;
        let id = match id_col {
            Some(i) => Some(field(i, &columns.id)?).filter(|id| !id.is_empty()),
            None => None,
        }
        .unwrap_or_else(|| count.to_string());
        let optional = |col: Option<usize>, name: &str| -> Result<Option<String>> {
            Ok(match col {
                Some(i) => Some(field(i, name)?).filter(|t| !t.trim().is_empty()),
                None => None,
            })
        };
        let text = field(text_col, &columns.text)?;
        let target_span = target_span(
            &text,
            optional(start_col, &start_name)?,
            optional(end_col, &end_name)?,
        )
        .map_err(|message| data_error(path, line, message))?;
        f(Row {
            line,
            id,
            text,
            label: label.map(|l| l.trim().to_string()),
            target: optional(target_col, &columns.target)?,
            target_span,
            source: optional(source_col, &columns.source)?,
        })?;
    }
    Ok(())
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields like the header, found {len}"),
        csv::ErrorKind::Io(io) => {
            return Error::io(path, std::io::Error::new(io.kind(), io.to_string()))
        }
        _ => e.to_string(),
    };
    Error::Data {
        path: PathBuf::from(path),
        line,
        message,
    }
}

fn read_jsonl(
    path: &Path,
    input: impl BufRead,
    columns: &Columns,
    f: &mut dyn FnMut(Row) -> Result<()>,
) -> Result<()> {
    let mut count = 0usize;
    let (start_name, end_name) = columns.target_offsets();
    for_each_json_line(path, input, |line, value| {
        let err = |message: String| data_error(path, line, message);
        let string = |name: &str| json_string(&value, name).map_err(err);
        let text = string(&columns.text)?.ok_or_else(|| {
            err(format!(
                "no {:?} field; name it with --text-column",
                columns.text
            ))
        })?;
        count += 1;
        let target_span =
            target_span(&text, string(&start_name)?, string(&end_name)?).map_err(err)?;
        f(Row {
            line,
            id: string(&columns.id)?
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| count.to_string()),
            label: string(&columns.label)?
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty()),
            target: string(&columns.target)?.filter(|t| !t.trim().is_empty()),
            target_span,
            source: string(&columns.source)?.filter(|t| !t.trim().is_empty()),
            text,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &str, labels: Labels) -> Result<Vec<Row>> {
        read_rows_from(
            Path::new(name),
            bytes.as_bytes(),
            &Columns::default(),
            labels,
        )
    }

    #[test]
    fn tsv_quotes_are_literal_characters() {
        let rows = read(
            "x.tsv",
            "id\tlabel\ttarget\ttext\na1\twarm\t\tShe called him a \"dear friend\n",
            Labels::Required,
        )
        .unwrap();
        assert_eq!(rows[0].text, "She called him a \"dear friend");
        assert_eq!(rows[0].id, "a1");
        assert_eq!(rows[0].target, None);
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn csv_fields_may_be_quoted_and_crlf_and_bom_are_fine() {
        let rows = read(
            "x.csv",
            "\u{feff}text,label\r\n\"a, b\",warm\r\nc,tense\r\n",
            Labels::Required,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text, "a, b");
        assert_eq!(rows[1].label.as_deref(), Some("tense"));
        assert_eq!(rows[1].id, "2");
    }

    #[test]
    fn jsonl_rows_keep_ids_and_lines() {
        let rows = read(
            "x.jsonl",
            "{\"id\": 7, \"text\": \"hi\", \"label\": \"warm\"}\n\n{\"text\": \"yo\", \"label\": \"tense\"}\n",
            Labels::Required,
        )
        .unwrap();
        assert_eq!((rows[0].id.as_str(), rows[1].line), ("7", 3));
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let e = read("x.tsv", "text\tlabel\na\twarm\nb\n", Labels::Required).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.tsv:3: expected 2 fields like the header, found 1"
        );
        let e = read("x.tsv", "text\tlabel\na\t\n", Labels::Required).unwrap_err();
        assert_eq!(e.to_string(), "x.tsv:2: missing or empty label \"label\"");
        let e = read("x.tsv", "words\tlabel\na\tb\n", Labels::Required).unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:1: no \"text\" column"));
        let e = read("x.jsonl", "{\"text\": \"a\"}\n{oops\n", Labels::Optional).unwrap_err();
        assert!(e.to_string().starts_with("x.jsonl:2: not valid JSON"));
        let e = read("x.tsv", "\n", Labels::Optional).unwrap_err();
        assert!(e.to_string().contains("empty"));
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let bytes = b"text\tlabel\nab\xffc\twarm\n";
        let e = read_rows_from(
            Path::new("x.tsv"),
            bytes,
            &Columns::default(),
            Labels::Optional,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.tsv:2: invalid UTF-8 in column \"text\" at byte 2 of the field"
        );
    }

    /// Found by `cargo fuzz run readers`: an empty id was carried as "", which names no row.
    #[test]
    fn empty_ids_become_row_numbers() {
        let rows = read("x.tsv", "id\ttext\n\tfirst\nb\tsecond\n", Labels::Optional).unwrap();
        assert_eq!((rows[0].id.as_str(), rows[1].id.as_str()), ("1", "b"));
        let rows = read(
            "x.jsonl",
            "{\"id\": \"\", \"text\": \"a\"}\n",
            Labels::Optional,
        )
        .unwrap();
        assert_eq!(rows[0].id, "1");
    }

    #[test]
    fn target_offsets_are_characters_and_name_the_line_when_wrong() {
        let rows = read(
            "x.jsonl",
            "{\"text\": \"Ça va, Trump?\", \"target\": \"Trump\", \"target_start\": 7, \"target_end\": 12}\n",
            Labels::Optional,
        )
        .unwrap();
        let span = rows[0].target_span.clone().unwrap();
        assert_eq!(&rows[0].text[span], "Trump");
        let e = read(
            "x.jsonl",
            "{\"text\": \"abc\", \"target_start\": 2, \"target_end\": 9}\n",
            Labels::Optional,
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("x.jsonl:1: target offsets"),
            "{e}"
        );
    }

    #[test]
    fn mentions_come_from_spans_else_from_the_words_of_each_side() {
        let rows = read(
            "x.tsv",
            "text\tsource\ttarget\nParis thanked BERLIN; Berlin smiled.\tparis\tBerlin\n",
            Labels::Optional,
        )
        .unwrap();
        // Exact matches win; the source is found ignoring case as it has no exact match.
        let (target, source) = rows[0].mentions();
        assert_eq!(
            (&rows[0].text[target[0].clone()], target.len()),
            ("Berlin", 1)
        );
        assert_eq!(
            (&rows[0].text[source[0].clone()], source.len()),
            ("Paris", 1)
        );
        assert_eq!(
            occurrences("İstanbul", "i̇stanbul"),
            Vec::<Range<usize>>::new()
        );
    }

    #[test]
    fn formats_are_sniffed_without_an_extension() {
        assert_eq!(format_of(Path::new("-"), b"{\"text\":1}"), Format::Jsonl);
        assert_eq!(format_of(Path::new("-"), b"text\tlabel"), Format::Tsv);
        assert_eq!(format_of(Path::new("-"), b"text,label"), Format::Csv);
    }
}
