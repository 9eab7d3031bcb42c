#!/usr/bin/env bash
# stancekit beside scikit-learn and fastText on the same resampled training sets, in one run.
#
#   scripts/bench-vs-peers.sh [SOURCE.tsv [TEST.tsv [SIZES]]]
#
# Defaults: ../shared/data/newsmtsc/train.tsv, its dev_mt.tsv, sizes 10000,100000,1000000.
# The sets are made by ../shared/bench/peers/scale.py (resampling with word dropout and swaps),
# which also trains and times the peers (scikit-learn TF-IDF 1-2 grams, sublinear tf, min_df 2,
# LogisticRegression C=1; fastText defaults); stancekit then trains with the same options (said
# explicitly: its own defaults differ) on the same files. Python peers run only where ../shared/bench/peers is set up (setup.sh is run when
# its venv is missing); the stancekit side runs anywhere. Prints one markdown table and writes it
# to target/bench-vs-peers/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SOURCE=${1:-$SHARED/data/newsmtsc/train.tsv}
TEST=${2:-$SHARED/data/newsmtsc/dev_mt.tsv}
SIZES=${3:-10000,100000,1000000}
OUT=target/bench-vs-peers
mkdir -p "$OUT"
cargo build --release --quiet
cp target/release/stance "$OUT/stance"   # a fixed copy: rebuilding meanwhile cannot change it
STANCE=$OUT/stance

PEERS=0
if [ -f "$SHARED/bench/peers/scale.py" ] && command -v python3 >/dev/null; then
  VENV=${PEERS_VENV:-$HOME/.cache/stancekit-peers-venv}
  [ -x "$VENV/bin/python" ] || bash "$SHARED/bench/peers/setup.sh"
  "$VENV/bin/python" "$SHARED/bench/peers/scale.py" --source "$SOURCE" --test "$TEST" \
    --sizes "$SIZES" --systems sklearn,fasttext --keep-data --work-dir "$OUT/data" \
    --quiet-wait 5 --out-json "$OUT/peers.json" --out-md "$OUT/peers.md" > "$OUT/peers.log" 2>&1
  PEERS=1
else
  echo "peers not available: stancekit only, on sets resampled without perturbation" >&2
  mkdir -p "$OUT/data"
  for n in ${SIZES//,/ }; do
    python3 - "$SOURCE" "$n" "$OUT/data/train_$n.tsv" <<'PY'
import random, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
rng = random.Random(0)
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for _ in range(int(sys.argv[2])):
        r = rows[rng.randrange(len(rows))]
        f.write(f"{r[1]}\t{r[-1]}\n")
PY
  done
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" > "$OUT/table.md"
echo "date: $(date -u +%Y-%m-%d), source: $SOURCE, test: $TEST" >> "$OUT/table.md"
echo >> "$OUT/table.md"
echo "| sentences | system | train s | peak MiB | predict sent/s | test accuracy | test macro-F1 | peer's training time vs stancekit |" >> "$OUT/table.md"
echo "|---|---|---|---|---|---|---|---|" >> "$OUT/table.md"
for n in ${SIZES//,/ }; do
  set_file=$OUT/data/train_$n.tsv
  { printf 'label\ttext\n'; cat "$set_file"; } > "$OUT/data/h_$n.tsv"
  # Whole process: read, analyse, fit TF-IDF, train, write the model.
  /usr/bin/time -f "%e %M" -o "$OUT/time_$n" "$STANCE" train --data "$OUT/data/h_$n.tsv" \
    --min-df 2 --sublinear-tf --c 1 --class-weight none --out "$OUT/model_$n.json" > "$OUT/train_$n.log"
  read -r wall kib < "$OUT/time_$n"
  read -r acc f1 < <("$STANCE" evaluate --model "$OUT/model_$n.json" --data "$TEST" --json \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.4f %.4f" % (d["accuracy"], d["macro_f1"]))')
  # Prediction, whole process, on the training sentences as unlabelled rows (JSONL out).
  cut -f2 "$set_file" | { printf 'text\n'; cat; } > "$OUT/data/predict_$n.tsv"
  /usr/bin/time -f "%e %M" -o "$OUT/ptime_$n" "$STANCE" predict --model "$OUT/model_$n.json" \
    --format jsonl "$OUT/data/predict_$n.tsv" > /dev/null
  read -r pwall pkib < "$OUT/ptime_$n"
  rate=$(python3 -c "print(f'{$n / $pwall:,.0f}')")
  echo "| $n | stancekit | $wall | $((kib / 1024)) (predict $((pkib / 1024))) | $rate | $acc | $f1 | 1.0× |" >> "$OUT/table.md"
  if [ "$PEERS" = 1 ]; then
    python3 - "$OUT/peers.json" "$n" "$wall" >> "$OUT/table.md" <<'PY'
import json, sys
doc, n, ours = json.load(open(sys.argv[1])), int(sys.argv[2]), float(sys.argv[3])
for r in doc["runs"]:
    if r.get("n") != n or "train_s" not in r:
        continue
    train = r.get("load_s", 0) + r["train_s"]
    f1 = r.get("test_macro_f1")
    print(f"| {n} | {r['system']} | {train:.2f} (load {r.get('load_s', 0):.2f} + fit {r['train_s']:.2f}) | "
          f"{r['peak_rss_mib']:.0f} | {r['predict_sent_per_s']:,.0f} | {r.get('test_accuracy', float('nan')):.4f} | "
          f"{'' if f1 is None else f'{f1:.4f}'} | "
          f"{f'{train / ours:.1f}× slower' if train >= ours else f'{ours / train:.1f}× faster'} |")
PY
  fi
done
cat "$OUT/table.md"
