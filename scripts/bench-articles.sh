#!/usr/bin/env bash
# Article throughput of `stance predict` with the built-in models: sentence splitting, boilerplate,
# actors, stance toward each actor, sentiment and the roll-ups, whole process, JSONL out.
#
#   scripts/bench-articles.sh [SOURCE.tsv [ARTICLES [SENTENCES_PER_ARTICLE]]]
#
# Builds ARTICLES (default 4000) articles of SENTENCES_PER_ARTICLE (default 25) consecutive
# sentences of SOURCE's `text` column (default ../shared/data/newsmtsc/train.tsv, cycled when it
# runs out), each a .txt file with a title line, under target/bench-articles/ (never in the
# repository), and prints one table row: articles, sentences, MB, seconds, sentences/s, MB/s,
# peak MiB. Needs python3 to write the articles.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-${SHARED:-../shared}/data/newsmtsc/train.tsv}
ARTICLES=${2:-4000}
PER=${3:-25}
OUT=target/bench-articles
cargo build --release --quiet
rm -rf "$OUT/articles"
mkdir -p "$OUT/articles"
python3 - "$SOURCE" "$ARTICLES" "$PER" "$OUT/articles" <<'PY'
import csv, itertools, sys
source, n, per, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with open(source, newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    texts = [r["text"].strip() for r in reader if r.get("text", "").strip()]
if not texts:
    sys.exit(f"{source}: no text column or no rows")
sentences = itertools.cycle(texts)
for a in range(n):
    body = [next(sentences) for _ in range(per)]
    with open(f"{out}/{a:06d}.txt", "w", encoding="utf-8") as f:
        f.write(f"Article {a}: {body[0][:60]}\n\n")
        for p in range(0, per, 5):
            f.write(" ".join(body[p:p + 5]) + "\n\n")
PY
bytes=$(cat "$OUT"/articles/*.txt | wc -c)
/usr/bin/time -f "%e %M" -o "$OUT/time" target/release/stance predict --format jsonl "$OUT/articles" \
  > "$OUT/out.jsonl"
read -r wall kib < "$OUT/time"
sentences=$(grep -c '"kind":"sentence"' "$OUT/out.jsonl")
echo "machine: $(nproc) cores, $(date -u +%Y-%m-%d), source: $SOURCE"
echo
echo "| articles | sentences | MB | whole process s | sentences/s | MB/s | peak MiB |"
echo "|---|---|---|---|---|---|---|"
python3 -c "
a, s, b, w, k = $ARTICLES, $sentences, $bytes, $wall, $kib
print(f'| {a:,} | {s:,} | {b / 1e6:.1f} | {w:.2f} | {s / w:,.0f} | {b / 1e6 / w:.2f} | {k / 1024:.0f} |')"
