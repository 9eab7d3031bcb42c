//! End to end through the `stance` binary: train, evaluate, predict and inspect in a temp dir,
//! on the project's own data, and the exit code and message for bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn relations(name: &str) -> PathBuf {
    root().join("data/relations").join(name)
}

fn stance(args: &[&str]) -> Output {
    stance_with(args, &[], None)
}

fn stance_with(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stance"));
    cmd.args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("stance runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stance failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Exit code 2 and one stderr line that contains `needle`.
fn bad_input(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(needle), "{needle:?} not in {err:?}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The string `field` of every item of a JSON array.
fn strings<'a>(items: &'a serde_json::Value, field: &str) -> Vec<&'a str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap())
        .collect()
}

fn ids_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn train_evaluate_predict_and_inspect_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("stance.json");
    let (m, train, test) = (
        model.to_str().unwrap(),
        relations("europe.tsv"),
        relations("asia.tsv"),
    );
    let (train, test) = (train.to_str().unwrap(), test.to_str().unwrap());
    let common = ["--label-column", "stance"];

    let out = ok(&stance(
        &[&["train", "--data", train, "--out", m], &common[..]].concat(),
    ));
    assert!(out.contains("trained on 700 rows from europe.tsv"), "{out}");
    assert!(
        out.contains("converged") && !out.contains("NOT converged"),
        "{out}"
    );

    // Same data and options: the same bytes, whatever the number of threads.
    let first = std::fs::read(&model).unwrap();
    let again = dir.path().join("again.json");
    let args = [
        &["train", "--data", train, "--out", again.to_str().unwrap()],
        &common[..],
    ]
    .concat();
    ok(&stance_with(&args, &[("RAYON_NUM_THREADS", "1")], None));
    assert!(
        std::fs::read(&again).unwrap() == first,
        "retraining changed the model file"
    );

    let json = ok(&stance(
        &[
            &["evaluate", "--model", m, "--data", test, "--json"],
            &common[..],
        ]
        .concat(),
    ));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["n"], 700);
    let matrix = report["confusion"]["matrix"].as_array().unwrap();
    let total: u64 = matrix
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, 700);
    for label in ["neutral", "tense", "warm"] {
        assert!(report["per_class"][label]["f1"].is_f64(), "{label}");
    }
    let text = ok(&stance(
        &[&["evaluate", "--model", m, "--data", test], &common[..]].concat(),
    ));
    assert!(
        text.contains("macro avg") && text.contains("confusion matrix"),
        "{text}"
    );

    // One output row per input row, in order, ids carried, every label's probability.
    let jsonl = ok(&stance(&["predict", "--model", m, test]));
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ids_of(&relations("asia.tsv")));
    for r in &rows {
        let p = r["probabilities"].as_object().unwrap();
        assert_eq!(p.len(), 3);
        assert!((p.values().map(|v| v.as_f64().unwrap()).sum::<f64>() - 1.0).abs() < 1e-9);
    }
    let csv = ok(&stance(&[
        "predict",
        "--model",
        m,
        "--format",
        "csv",
        "--explain",
        "3",
        test,
    ]));
    assert_eq!(csv.lines().count(), 701);
    assert!(
        csv.starts_with("id,label,p_neutral,p_tense,p_warm,explain\n"),
        "{csv}"
    );
    let table = ok(&stance(&[
        "predict", "--model", m, "--format", "table", test,
    ]));
    assert!(table.lines().count() >= 701);

    // Standard input, JSONL, with --explain.
    let piped = ok(&stance_with(
        &["predict", "--model", m, "--explain", "2", "-"],
        &[],
        Some("{\"id\": \"s1\", \"text\": \"Ankara thanked Moscow for its warm support\"}\n"),
    ));
    let row: serde_json::Value = serde_json::from_str(piped.trim()).unwrap();
    assert_eq!(row["id"], "s1");
    assert!(row["explain"].as_array().unwrap().len() <= 2);

    let inspect = ok(&stance(&["inspect", "--model", m, "--top", "5"]));
    for label in ["neutral:", "tense:", "warm:"] {
        assert!(inspect.contains(label), "{inspect}");
    }
    assert!(
        inspect.contains("trained on europe.tsv (700 rows, sha256 "),
        "{inspect}"
    );
}

#[test]
fn cross_validation_reports_every_c_and_out_of_fold_scores() {
    let data = relations("africa.tsv");
    let data = data.to_str().unwrap();
    let evaluate = |more: &[&str]| {
        let common = [
            "evaluate",
            "--data",
            data,
            "--label-column",
            "stance",
            "--folds",
            "3",
            "--c",
            "0.5,2",
        ];
        ok(&stance(&[&common[..], more].concat()))
    };
    let out = evaluate(&[]);
    assert!(
        out.contains("C=0.5: mean fold macro-F1") && out.contains("C=2: mean fold macro-F1"),
        "{out}"
    );
    assert!(out.contains("3-fold cross-validation"), "{out}");

    // Several --min-df values: every combination with every C, and the one reported.
    let out = evaluate(&["--min-df", "1,3"]);
    for line in [
        "min_df 1, C=0.5",
        "min_df 1, C=2",
        "min_df 3, C=0.5",
        "min_df 3, C=2",
    ] {
        assert!(
            out.contains(&format!("{line}: mean fold macro-F1")),
            "{out}"
        );
    }
    assert!(out.contains("out-of-fold predictions at min_df "), "{out}");
}

#[test]
fn a_min_df_grid_keeps_the_cross_validated_best_and_records_it() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    let data = relations("africa.tsv");
    let out = ok(&stance(&[
        "train",
        "--data",
        data.to_str().unwrap(),
        "--label-column",
        "stance",
        "--folds",
        "3",
        "--c",
        "1",
        "--min-df",
        "1,4",
        "--out",
        model.to_str().unwrap(),
    ]));
    // "min_df 1: macro-F1 0.6123 at C=1", then the same for min_df 4.
    let scores: Vec<(u64, f64)> = out
        .lines()
        .filter_map(|l| l.strip_prefix("min_df "))
        .map(|l| {
            let (n, rest) = l.split_once(": macro-F1 ").unwrap();
            let f1 = rest.split_whitespace().next().unwrap();
            (n.parse().unwrap(), f1.parse().unwrap())
        })
        .collect();
    assert_eq!(
        scores.iter().map(|s| s.0).collect::<Vec<_>>(),
        [1, 4],
        "{out}"
    );
    let best = if scores[1].1 > scores[0].1 { 4 } else { 1 };
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    assert_eq!(saved["training"]["tfidf"]["min_df"], best, "{out}");
    assert!(out.contains(&format!("min_df {best})")), "{out}");
}

/// Option errors, beside the file catalogue of `tests/integration/bad_inputs.rs`.
#[test]
fn bad_options_exit_2_naming_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.tsv");
    std::fs::write(
        &good,
        "text\tlabel\nvery warm ties\twarm\nangry threats\ttense\n",
    )
    .unwrap();
    let (g, m) = (good.to_str().unwrap(), dir.path().join("m.json"));
    let m = m.to_str().unwrap();
    bad_input(
        &stance(&["train", "--data", g, "--out", m, "--min-df", "0"]),
        "--min-df",
    );
    bad_input(
        &stance(&["train", "--data", g, "--out", m, "--ngrams", "3-1"]),
        "--ngrams",
    );
    bad_input(&stance(&["train", "--data", g, "--out", m, "--c=0"]), "--c");
    bad_input(&stance(&["evaluate", "--data", g]), "--model <MODEL>");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    let data = relations("mideast.tsv");
    let (m, d) = (model.to_str().unwrap(), data.to_str().unwrap());
    ok(&stance(&[
        "train",
        "--data",
        d,
        "--label-column",
        "stance",
        "--out",
        m,
    ]));
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["predict", "--model", m, d])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn predict_without_a_model_applies_both_builtin_models() {
    let out = ok(&stance_with(
        &["predict", "-"],
        &[],
        Some("id\ttext\nr1\tAnkara thanked Moscow for the gas deal\nr2\tThe army shelled the border town\n"),
    ));
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    for (row, id) in rows.iter().zip(["r1", "r2"]) {
        assert_eq!(row["id"], id);
        assert_eq!(row["stance"]["probabilities"].as_object().unwrap().len(), 3);
        assert_eq!(
            row["sentiment"]["probabilities"].as_object().unwrap().len(),
            3
        );
    }
    let csv = ok(&stance_with(
        &["predict", "--format", "csv", "-"],
        &[],
        Some("text\nhello\n"),
    ));
    assert!(
        csv.starts_with("id,stance,p_stance_neutral,p_stance_tense,p_stance_warm,sentiment,"),
        "{csv}"
    );
}

#[test]
fn evaluate_maps_drops_and_ignores_labels() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("quad.tsv");
    std::fs::write(
        &data,
        "text\tlabel\nThe ministers signed a friendship treaty\tverbal_cooperation\n\
         Troops shelled the border villages\tmaterial_conflict\n\
         The spokesman made a statement\tmake_statement\n",
    )
    .unwrap();
    let d = data.to_str().unwrap();
    let map = "verbal_cooperation=warm,material_conflict=tense";
    let json = ok(&stance(&[
        "evaluate",
        "--model",
        "builtin:stance",
        "--data",
        d,
        "--map",
        map,
        "--drop-label",
        "make_statement",
        "--ignore-label",
        "neutral",
        "--json",
    ]));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["n"], 2);
    assert_eq!(
        report["confusion"]["labels"],
        serde_json::json!(["tense", "warm"])
    );
    bad_input(
        &stance(&[
            "evaluate",
            "--model",
            "builtin:stance",
            "--data",
            d,
            "--ignore-label",
            "calm",
        ]),
        "--ignore-label",
    );
    bad_input(
        &stance(&["evaluate", "--model", "builtin:nope", "--data", d]),
        "unknown built-in model",
    );
}

const ARTICLE: &str = "Ankara Hails Gas Deal With Moscow\n\nSupport The Example Times!\n\nTurkish officials signed a gas agreement with Russia on Monday. The two countries praised the deal.\n\nAnkara has sent drones to Kyiv, angering Moscow.\n\nSign up for our newsletter\n\nMonthly\n";

#[test]
fn articles_are_scored_sentence_by_sentence_with_rollups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deal.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let p = path.to_str().unwrap();
    let out = ok(&stance(&["predict", "--format", "jsonl", p]));
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sentences: Vec<&serde_json::Value> =
        records.iter().filter(|r| r["kind"] == "sentence").collect();
    let summary = records.iter().find(|r| r["kind"] == "article").unwrap();
    for s in &sentences {
        let span = s["span"]["start"].as_u64().unwrap() as usize
            ..s["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&ARTICLE[span], s["text"].as_str().unwrap());
        let score = s["score"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&score));
    }
    let of = |key: &str| {
        *sentences
            .iter()
            .find(|s| s["text"].as_str().unwrap().contains(key))
            .unwrap()
    };
    assert_eq!(of("Support The")["boilerplate"], true);
    assert_eq!(of("newsletter")["boilerplate"], true);
    assert_eq!(of("Monthly")["boilerplate"], true);
    let actors = |s: &serde_json::Value| -> Vec<String> {
        let mut a: Vec<String> = strings(&s["mentions"], "country")
            .into_iter()
            .map(String::from)
            .collect();
        a.sort();
        a.dedup();
        a
    };
    assert_eq!(actors(of("The two countries")), ["RUS", "TUR"]);
    assert_eq!(of("The two countries")["mentions"][0]["via"], "coreference");
    assert_eq!(actors(of("drones")), ["RUS", "TUR", "UKR"]);
    assert_eq!(
        of("drones")["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["source"] == "TUR" && p["target"] == "UKR")
            .count(),
        1
    );
    assert_eq!(summary["boilerplate"], 3);
    let pair = summary["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "RUS" && p["b"] == "TUR")
        .unwrap();
    assert_eq!(pair["sentences"], 4);
    assert!(pair["warmest"]["text"].is_string() && pair["tensest"]["text"].is_string());

    let table = ok(&stance(&["predict", "--format", "table", p]));
    assert!(
        table.contains("boilerplate (cue)") && table.contains("Russia – Turkey"),
        "{table}"
    );
    let csv = ok(&stance(&["predict", "--format", "csv", p]));
    assert_eq!(csv.lines().count(), sentences.len() + 1);

    // Several articles, from a directory: a corpus summary at the end.
    std::fs::write(dir.path().join("second.txt"), "Moscow condemned Ankara.\n").unwrap();
    let out = ok(&stance(&[
        "predict",
        "--format",
        "jsonl",
        dir.path().to_str().unwrap(),
    ]));
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["kind"], "corpus");

    let svg = dir.path().join("graph.svg");
    ok(&stance(&[
        "graph",
        dir.path().to_str().unwrap(),
        "--out",
        svg.to_str().unwrap(),
    ]));
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Russia") && svg.contains("Turkey"));
}

#[test]
fn bad_articles_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    bad_input(
        &stance(&["predict", empty.to_str().unwrap()]),
        "empty article",
    );
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"Fine line\nbad \xff byte\n").unwrap();
    bad_input(
        &stance(&["predict", bad.to_str().unwrap()]),
        "bad.txt:2: invalid UTF-8 at byte 4",
    );
    let rows = dir.path().join("rows.tsv");
    std::fs::write(&rows, "text\nhello\n").unwrap();
    bad_input(
        &stance(&["predict", bad.to_str().unwrap(), rows.to_str().unwrap()]),
        "invalid UTF-8",
    );
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Ankara thanked Moscow.\n").unwrap();
    bad_input(
        &stance(&["predict", good.to_str().unwrap(), rows.to_str().unwrap()]),
        "not both",
    );
}

#[test]
fn help_lists_every_verb_with_examples() {
    let help = ok(&stance(&["--help"]));
    for verb in [
        "train",
        "evaluate",
        "predict",
        "inspect",
        "graph",
        "Examples:",
    ] {
        assert!(help.contains(verb), "{verb}");
    }
}

/// `stance train` killed at any moment never leaves a half-written model where a good one was:
/// the model is written to a temporary file and renamed over the old one only when complete.
#[test]
fn a_killed_train_leaves_the_old_model_intact() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.json");
    let m = model.to_str().unwrap();
    let tiny = root().join("tests/fixtures/tiny.tsv");
    ok(&stance(&[
        "train",
        "--data",
        tiny.to_str().unwrap(),
        "--out",
        m,
    ]));
    let old = std::fs::read(&model).unwrap();
    let data = relations("europe.tsv");
    let args = [
        "train",
        "--data",
        data.to_str().unwrap(),
        "--label-column",
        "stance",
        "--out",
        m,
    ];
    let mut replaced = 0;
    for delay_ms in [5, 20, 50, 100, 200, 300, 500, 800, 1200, 2000] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&model).unwrap();
        if now != old {
            // The run finished before the kill: then the new model is complete.
            stancekit::model::Classifier::from_bytes(&now, &model).unwrap();
            replaced += 1;
            std::fs::write(&model, &old).unwrap();
        }
    }
    assert!(
        replaced < 10,
        "no run was interrupted; the test proved nothing"
    );
}

/// `--actors FILE` merges a user's dictionary over the built-in one.
#[test]
fn a_users_actor_dictionary_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("mine.jsonl");
    std::fs::write(
        &actors,
        "{\"id\": \"RUR\", \"kind\": \"country\", \"name\": \"Ruritania\", \"parent\": null, \
         \"aliases\": [\"Ruritania\", \"Strelsau\"], \"demonyms\": [\"Ruritanian\"], \"seats\": []}\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Strelsau thanked Ankara for the Ruritanian trade deal.\n",
    )
    .unwrap();
    let out = ok(&stance(&[
        "predict",
        "--format",
        "jsonl",
        "--actors",
        actors.to_str().unwrap(),
        article.to_str().unwrap(),
    ]));
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(strings(&first["mentions"], "actor"), ["RUR", "TUR", "RUR"]);
    assert_eq!(first["pairs"][0]["source"], "RUR");
}

#[test]
fn a_target_aware_model_scores_each_actor_and_clauses_weigh_in() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("ta.json");
    let m = model.to_str().unwrap();
    let train = relations("europe.tsv");
    let out = ok(&stance(&[
        "train",
        "--data",
        train.to_str().unwrap(),
        "--label-column",
        "stance",
        "--target-window",
        "3",
        "--out",
        m,
    ]));
    assert!(out.contains("target window 3"), "{out}");
    let sentiment_model = dir.path().join("ta-sentiment.json");
    ok(&stance(&[
        "train",
        "--data",
        train.to_str().unwrap(),
        "--label-column",
        "sentiment",
        "--target-window",
        "3",
        "--out",
        sentiment_model.to_str().unwrap(),
    ]));

    // One sentence, two targets: two different answers, rows in order.
    let rows = dir.path().join("rows.tsv");
    let text = "Ankara delivered drones to Kyiv but refused to join sanctions against Moscow.";
    std::fs::write(
        &rows,
        format!("id\ttarget\ttext\nkyiv\tKyiv\t{text}\nmoscow\tMoscow\t{text}\n"),
    )
    .unwrap();
    let out = ok(&stance(&["predict", "--model", m, rows.to_str().unwrap()]));
    let got: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        (got[0]["id"].as_str(), got[1]["id"].as_str()),
        (Some("kyiv"), Some("moscow"))
    );
    assert_ne!(got[0]["probabilities"], got[1]["probabilities"]);

    // Articles: a stance toward each actor, pair scores from them, clauses weighed.
    let article = dir.path().join("a.txt");
    std::fs::write(&article, format!("{text}\n")).unwrap();
    let out = ok(&stance(&[
        "predict",
        "--stance-model",
        m,
        "--sentiment-model",
        sentiment_model.to_str().unwrap(),
        "--clauses",
        "--format",
        "jsonl",
        article.to_str().unwrap(),
    ]));
    let sentence: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(strings(&sentence["toward"], "actor"), ["RUS", "TUR", "UKR"]);
    // The target-aware sentiment model gives the sentiment toward each actor too, each read
    // with its own actor as the target.
    let toward = sentence["toward"].as_array().unwrap();
    for t in toward {
        let p = t["sentiment"]["probabilities"].as_object().unwrap();
        assert_eq!(p.len(), 3, "{t}");
        let sum: f64 = p.values().map(|v| v.as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{t}");
    }
    assert_ne!(
        toward[0]["sentiment"]["probabilities"],
        toward[2]["sentiment"]["probabilities"]
    );
    // The article's roll-up counts each actor's sentences by the sentiment toward it.
    let summary: serde_json::Value = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .find(|r: &serde_json::Value| r["kind"] == "article")
        .unwrap();
    for actor in summary["actors"].as_array().unwrap() {
        let t = toward
            .iter()
            .find(|t| t["actor"] == actor["actor"])
            .unwrap();
        let label = t["sentiment"]["label"].as_str().unwrap();
        assert_eq!(
            actor["sentiment"],
            serde_json::json!({ label: 1 }),
            "{actor}"
        );
    }
    for pair in sentence["pairs"].as_array().unwrap() {
        assert!(
            (-1.0..=1.0).contains(&pair["score"].as_f64().unwrap()),
            "{pair}"
        );
    }
    let clauses = sentence["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 2);
    assert_eq!(clauses[1]["role"], "verdict");
    let full = format!("{text}\n");
    let mut mean = 0.0;
    for c in clauses {
        let span = c["span"]["start"].as_u64().unwrap() as usize
            ..c["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&full[span], c["text"].as_str().unwrap());
        mean +=
            c["weight"].as_f64().unwrap() * c["stance"]["probabilities"]["warm"].as_f64().unwrap();
    }
    mean /= clauses
        .iter()
        .map(|c| c["weight"].as_f64().unwrap())
        .sum::<f64>();
    let warm = sentence["stance"]["probabilities"]["warm"]
        .as_f64()
        .unwrap();
    assert!((warm - mean).abs() < 1e-12, "{warm} vs {mean}");
}
