//! Criterion benches on one real-size report: the figure parser over every line
//! of a sample, the text-export reader plus structure and rules, and the PDF
//! extractor on the Chromium and Writer renderings of the same report.
//! Run: `cargo bench --bench parsers`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lkjip_audit::extract::pdf::read_pdf;
use lkjip_audit::extract::text::read_text_export;
use lkjip_audit::facts::figures::scan_figures;
use lkjip_audit::rules::{RuleSet, checks};
use lkjip_audit::structure;

const SAMPLE: &str = "samples/lkjip-2020-kec-ledokombo.txt";

fn root(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn figures(c: &mut Criterion) {
    let text = std::fs::read_to_string(root(SAMPLE)).expect("sample");
    let mut group = c.benchmark_group("figures");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("scan_figures/ledokombo", |b| {
        b.iter(|| {
            text.lines()
                .map(|l| scan_figures(black_box(l)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn text_pipeline(c: &mut Criterion) {
    let bytes = std::fs::read(root(SAMPLE)).expect("sample");
    let compiled = checks::compile(&RuleSet::defaults().expect("rules"));
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read+structure+rules/ledokombo", |b| {
        b.iter(|| {
            let doc = read_text_export(Path::new(SAMPLE), black_box(&bytes));
            let report = structure::analyse(&doc);
            checks::run(&compiled, &report, SAMPLE).findings.len()
        })
    });
    group.finish();
}

fn pdf(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    for producer in ["chromium", "writer"] {
        let path = root(&format!(
            "samples/pdf/lkjip-2020-kec-ledokombo.{producer}.pdf"
        ));
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{}: missing, skipped", path.display());
            continue;
        };
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("read_pdf/ledokombo.{producer}"), |b| {
            b.iter(|| read_pdf(&path, black_box(&bytes)).map(|d| d.pages.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, figures, text_pipeline, pdf);
criterion_main!(benches);
