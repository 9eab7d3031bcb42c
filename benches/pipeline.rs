//! Throughput of each pipeline stage on the project's own data (`data/relations/`).
//!
//! `cargo bench --bench pipeline`. Every benchmark checks a count first, so it cannot silently
//! measure nothing.

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use stancekit::data::{read_rows_from, Columns, Labels, Row};
use stancekit::model::TrainConfig;
use stancekit::text::AnalyzerConfig;

fn rows() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/relations/europe.tsv");
    let bytes = std::fs::read(&path).expect("data/relations/europe.tsv");
    let columns = Columns {
        label: "stance".into(),
        ..Columns::default()
    };
    let rows = read_rows_from(&path, &bytes, &columns, Labels::Required).unwrap();
    assert_eq!(rows.len(), 700, "the benchmark file changed");
    rows
}

fn pipeline(c: &mut Criterion) {
    let rows = rows();
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    let labels: Vec<&str> = rows.iter().map(|r| r.label.as_deref().unwrap()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();

    let analyzer = AnalyzerConfig::default().build().unwrap();
    let terms: usize = texts.iter().map(|t| analyzer.terms(t).len()).sum();
    assert!(terms > 20 * texts.len());
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("700 sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| analyzer.terms(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let config = TrainConfig::default().check().unwrap();
    let classifier = config.fit(&texts, &labels).unwrap().classifier;
    assert_eq!(classifier.labels(), ["neutral", "tense", "warm"]);
    let mut group = c.benchmark_group("train");
    group.sample_size(10);
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("700 sentences, defaults", |b| {
        b.iter(|| config.fit(black_box(&texts), &labels).unwrap())
    });
    group.finish();

    let matrix = classifier.feature_matrix(&texts);
    assert_eq!(matrix.n_rows(), texts.len());
    let mut group = c.benchmark_group("featurize");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("tfidf rows", |b| {
        b.iter(|| classifier.feature_matrix(black_box(&texts)).nnz())
    });
    group.finish();

    let mut group = c.benchmark_group("predict");
    group.throughput(Throughput::Elements(1));
    group.bench_function("one sentence", |b| {
        b.iter(|| classifier.predict(black_box(texts[0])).label)
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
