#!/usr/bin/env bash
# Accuracy and training time of `stance` on the public datasets in ../shared/data, train → dev;
# the built-in models' accuracy on real news they never saw; the mission's example article. Every
# figure has a floor, and the script exits 1 when one falls below it.
#
#   scripts/eval-shared.sh                 # stancekit only (what CI runs)
#   scripts/eval-shared.sh --with-peers    # also scikit-learn and fastText, same files, same run
#
# Needs a release build (it runs `cargo build --release`), python3 for the table, and for
# --with-peers the venv made by ../shared/bench/peers/setup.sh (made here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DATA=$SHARED/data
OUT=${OUT:-target/eval-shared}
PEERS=0
[ "${1:-}" = "--with-peers" ] && PEERS=1
mkdir -p "$OUT"
cargo build --release --quiet
STANCE=target/release/stance
GRID=(--c 0.1,0.3,1,3,10,30 --folds 5 --sublinear-tf --min-df 2)

# name  train  dev  floor(default options)  floor(CV grid)
RUNS=(
  "newsmtsc newsmtsc/train.tsv newsmtsc/dev_rw.tsv 0.60 0.60"
  "newsmtsc.dev_mt newsmtsc/train.tsv newsmtsc/dev_mt.tsv 0 0"
  "plover_actor_pairs_plv plover_actor_pairs_plv/train.tsv plover_actor_pairs_plv/dev.tsv 0 0.86"
  "conflibert_cameo_quad conflibert_cameo_quad/train.tsv conflibert_cameo_quad/dev.tsv 0.80 0.80"
)

seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
f1() { "$STANCE" evaluate --model "$1" --data "$2" --json | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["macro_f1"])'; }

status=0
printf '| dataset | stancekit options | macro-F1 | train s (wall, whole process) | floor |\n|---|---|---|---|---|\n' > "$OUT/table.md"
for run in "${RUNS[@]}"; do
  read -r name train dev floor_default floor_grid <<<"$run"
  for mode in default grid; do
    model=$OUT/$name.$mode.json
    opts=(); floor=$floor_default
    if [ "$mode" = grid ]; then opts=("${GRID[@]}"); floor=$floor_grid; fi
    t0=$(seconds)
    "$STANCE" train --data "$DATA/$train" --out "$model" "${opts[@]}" > "$OUT/$name.$mode.train.txt"
    t1=$(seconds)
    score=$(f1 "$model" "$DATA/$dev")
    wall=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
    label=${opts[*]:-(defaults)}
    verdict=ok
    if python3 -c "import sys; sys.exit(0 if $score >= $floor else 1)"; then :; else verdict="BELOW $floor"; status=1; fi
    printf '| %s | `%s` | %s | %s | %s |\n' "$name" "$label" "$score" "$wall" "$floor $verdict" >> "$OUT/table.md"
  done
done

# The built-in models on real news they never saw (they are trained on data/ only).
MAP=verbal_cooperation=warm,material_cooperation=warm,verbal_conflict=tense,material_conflict=tense
# The floor is what CI enforces; the target is the figure asked for. Where the built-in models
# do not yet reach the target, the floor guards the figure they reach today (they are
# deterministic: any change is a real change), and the table says "target not met".
# name  model  data  extra evaluate options  metric  floor  target
TRANSFER=(
  "plover_dev stance plover_actor_pairs_plv/dev.tsv --map|$MAP|--ignore-label|neutral accuracy 0.80 0.80"
  "plover_train stance plover_actor_pairs_plv/train.tsv --map|$MAP|--ignore-label|neutral accuracy 0.78 0.80"
  "cameo_train stance conflibert_cameo_quad/train.tsv --map|$MAP|--drop-label|make_statement|--ignore-label|neutral accuracy 0.75 0.75"
  "newsmtsc_dev_rw sentiment newsmtsc/dev_rw.tsv - macro_f1 0.49 0.55"
  "newsmtsc_dev_mt sentiment newsmtsc/dev_mt.tsv - macro_f1 0.47 -"
  "nyt_editorials_dev sentiment vader_nyt_editorials/dev.tsv - macro_f1 0.50 0.50"
)
printf '\n| built-in model | data | options | metric | value | CI floor | target |\n|---|---|---|---|---|---|---|\n' >> "$OUT/table.md"
for run in "${TRANSFER[@]}"; do
  read -r name model file extra metric floor target <<<"$run"
  opts=()
  [ "$extra" != - ] && IFS='|' read -r -a opts <<<"$extra"
  value=$("$STANCE" evaluate --model "builtin:$model" --data "$DATA/$file" "${opts[@]}" --json \
    | python3 -c "import json,sys; print('%.4f' % json.load(sys.stdin)['$metric'])")
  verdict=ok
  if ! python3 -c "import sys; sys.exit(0 if $value >= $floor else 1)"; then verdict="BELOW"; status=1; fi
  reached=-
  if [ "$target" != - ]; then
    reached=$(python3 -c "print('met' if $value >= $target else 'NOT MET')")
  fi
  printf '| %s | %s | `%s` | %s | %s | %s %s | %s %s |\n' "$model" "$file" "${opts[*]:-}" "$metric" "$value" "$floor" "$verdict" "$target" "$reached" >> "$OUT/table.md"
done

# The mission's example article, a line per sentence: the headline and the "dear friend" sentence
# must score warm, the "not always seen eye-to-eye …" sentence tense (CI fails otherwise). Lines
# are found by a short key.
SEED=$SHARED/seeds/article-putin-erdogan.txt
if [ -f "$SEED" ]; then
  python3 - "$SEED" > "$OUT/seed.tsv" <<'PY'
import sys
print("id\ttext")
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if line.strip():
        print(f"line{n}\t{line.strip()}")
PY
  "$STANCE" predict --stance-model builtin:stance "$OUT/seed.tsv" > "$OUT/seed.predictions.jsonl"
  printf '\n| seed sentence (key) | expected | stance | p(warm) | p(tense) |\n|---|---|---|---|---|\n' >> "$OUT/table.md"
  python3 - "$OUT/seed.tsv" "$OUT/seed.predictions.jsonl" >> "$OUT/table.md" <<'PY' || status=1
import json, sys
texts = dict(l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1], encoding="utf-8"))
preds = {r["id"]: r["stance"] for r in map(json.loads, open(sys.argv[2]))}
ok = True
for key, want, enforced in [("Re-election", "warm", True), ("dear friend", "warm", True), ("eye-to-eye", "tense", True)]:
    line = next(i for i, t in texts.items() if key in t)
    got = preds[line]
    mark = "" if got["label"] == want else (" BELOW" if enforced else " (target not met; not enforced)")
    ok &= got["label"] == want or not enforced
    p = got["probabilities"]
    print(f"| {key} ({line}) | {want} | {got['label']}{mark} | {p['warm']:.3f} | {p['tense']:.3f} |")
sys.exit(0 if ok else 1)
PY
fi

if [ "$PEERS" = 1 ]; then
  VENV=${PEERS_VENV:-$HOME/.cache/stancekit-peers-venv}
  [ -x "$VENV/bin/python" ] || bash "$SHARED/bench/peers/setup.sh"
  printf '\n| dataset | peer | macro-F1 | fit s (in process) | process wall s (import+load+fit+predict) | predict sent/s | peak MiB |\n|---|---|---|---|---|---|---|\n' >> "$OUT/table.md"
  for run in "${RUNS[@]}"; do
    read -r name train dev _ _ <<<"$run"
    "$VENV/bin/python" "$SHARED/bench/peers/peers.py" --train "$DATA/$train" --test "$DATA/$dev" \
      --name "$name" --out-json "$OUT/$name.peers.json" --out-md "$OUT/$name.peers.md" \
      --systems sk_tfidf_lr_C1_df1,sk_tfidf_lr_C1_df2,sk_tfidf_lr_cv,fasttext_default >/dev/null
    python3 - "$OUT/$name.peers.json" "$name" >> "$OUT/table.md" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1]))["results"]:
    print(f"| {sys.argv[2]} | {s['system']} | {s['macro_f1']:.4f} | {s['train_s']:.2f} | "
          f"{s['child_wall_s']:.2f} | {s['predict_sent_per_s']:,.0f} | {s['peak_rss_mib']:.0f} |")
PY
  done
fi
cat "$OUT/table.md"
exit $status
