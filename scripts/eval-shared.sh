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
GRID=--min-df\|1,2\|--c\|0.3,1,3,10,30,100\|--folds\|5
PLV_COLS=--source-column\|source_actor\|--target-column\|target_actor

# Train on a train split, score macro-F1 on its dev split. Options are `|`-separated (`-`: none);
# the columns options go to both train and evaluate. The floor is what CI enforces; the target is
# the figure asked for (`-`: none). Where a target is not reached, the floor guards the figure
# reached today (training is deterministic: any change is a real change) and the table says so.
# name  train  dev  columns  train options  floor  target
RUNS=(
  "newsmtsc newsmtsc/train.tsv newsmtsc/dev_rw.tsv - - 0.60 0.60"
  "newsmtsc newsmtsc/train.tsv newsmtsc/dev_rw.tsv - $GRID 0.60 -"
  "newsmtsc+targets newsmtsc/train.jsonl newsmtsc/dev_rw.jsonl - --target-window|3 0.66 0.66"
  "newsmtsc+targets newsmtsc/train.jsonl newsmtsc/dev_rw.jsonl - --target-window|2,3,5|$GRID 0.66 0.66"
  "newsmtsc.dev_mt newsmtsc/train.tsv newsmtsc/dev_mt.tsv - - 0 -"
  "newsmtsc.dev_mt+targets newsmtsc/train.jsonl newsmtsc/dev_mt.jsonl - --target-window|2,3,5|$GRID 0 -"
  "plover_actor_pairs_plv plover_actor_pairs_plv/train.tsv plover_actor_pairs_plv/dev.tsv - - 0.80 0.86"
  "plover_actor_pairs_plv plover_actor_pairs_plv/train.tsv plover_actor_pairs_plv/dev.tsv - $GRID 0.86 0.86"
  "plover_actor_pairs_plv+targets plover_actor_pairs_plv/train.jsonl plover_actor_pairs_plv/dev.jsonl $PLV_COLS --target-window|3 0.87 0.88"
  "plover_actor_pairs_plv+targets plover_actor_pairs_plv/train.jsonl plover_actor_pairs_plv/dev.jsonl $PLV_COLS --target-window|2,3,5|$GRID 0.88 0.88"
  "conflibert_cameo_quad conflibert_cameo_quad/train.tsv conflibert_cameo_quad/dev.tsv - - 0.84 0.84"
  "conflibert_cameo_quad conflibert_cameo_quad/train.tsv conflibert_cameo_quad/dev.tsv - $GRID 0.84 0.84"
  "vader_nyt_editorials vader_nyt_editorials/train.tsv vader_nyt_editorials/dev.tsv - - 0.44 0.45"
  "vader_nyt_editorials vader_nyt_editorials/train.tsv vader_nyt_editorials/dev.tsv - $GRID 0.47 0.45"
)

seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
split_opts() { [ "$1" = - ] || tr '|' '\n' <<<"$1"; }
at_least() { python3 -c "import sys; sys.exit(0 if $1 >= $2 else 1)"; }
# The table cells for a value against its floor and target (the caller fails the run).
verdict() {
  local value=$1 floor=$2 target=$3 v=ok
  at_least "$value" "$floor" || v="BELOW"
  printf '%s %s' "$floor" "$v"
  if [ "$target" != - ]; then
    printf ' | %s %s' "$target" "$(python3 -c "print('met' if $value >= $target else 'NOT MET')")"
  else
    printf ' | -'
  fi
}

status=0
: > "$OUT/runs.tsv"
printf '| dataset | stancekit options | macro-F1 | train s (wall, whole process) | CI floor | target |\n|---|---|---|---|---|---|\n' > "$OUT/table.md"
for i in "${!RUNS[@]}"; do
  read -r name train dev cols opts floor target <<<"${RUNS[$i]}"
  mapfile -t colopts < <(split_opts "$cols")
  mapfile -t trainopts < <(split_opts "$opts")
  model=$OUT/run$i.json
  t0=$(seconds)
  "$STANCE" train --data "$DATA/$train" --out "$model" "${colopts[@]}" "${trainopts[@]}" > "$OUT/run$i.train.txt"
  t1=$(seconds)
  score=$("$STANCE" evaluate --model "$model" --data "$DATA/$dev" "${colopts[@]}" --json |
    python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["macro_f1"])')
  wall=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
  at_least "$score" "$floor" || status=1
  label="${colopts[*]} ${trainopts[*]}"
  label=${label# }
  printf '| %s → %s | `%s` | %s | %s | %s |\n' "$train" "${dev##*/}" "${label:-(defaults)}" "$score" "$wall" \
    "$(verdict "$score" "$floor" "$target")" >> "$OUT/table.md"
  printf '%s\t%s\t%s\t%s\n' "$name" "$dev" "${label:-(defaults)}" "$score" >> "$OUT/runs.tsv"
done

# The built-in models on real news they never saw (they are trained on data/ only).
MAP=verbal_cooperation=warm,material_cooperation=warm,verbal_conflict=tense,material_conflict=tense
# The floor is what CI enforces; the target is the figure asked for. Where the built-in models
# do not yet reach the target, the floor guards the figure they reach today (they are
# deterministic: any change is a real change), and the table says "target not met".
# name  model  data  extra evaluate options  metric  floor  target
PAIR=--source-column\|source_actor\|--target-column\|target_actor
TRANSFER=(
  "plover_dev stance plover_actor_pairs_plv/dev.tsv --map|$MAP|--ignore-label|neutral accuracy 0.80 0.80"
  "plover_train stance plover_actor_pairs_plv/train.tsv --map|$MAP|--ignore-label|neutral accuracy 0.80 0.80"
  "plover_dev_pairs stance plover_actor_pairs_plv/dev.jsonl $PAIR|--map|$MAP|--ignore-label|neutral accuracy 0.80 0.80"
  "plover_train_pairs stance plover_actor_pairs_plv/train.jsonl $PAIR|--map|$MAP|--ignore-label|neutral accuracy 0.80 0.80"
  "cameo_train stance conflibert_cameo_quad/train.tsv --map|$MAP|--drop-label|make_statement|--ignore-label|neutral accuracy 0.75 0.75"
  "newsmtsc_dev_rw sentiment newsmtsc/dev_rw.tsv --target-column|target macro_f1 0.55 0.55"
  "newsmtsc_dev_mt sentiment newsmtsc/dev_mt.tsv --target-column|target macro_f1 0.50 -"
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

# The mission's example article, scored as an article by the built-in models: the headline and
# the "dear friend" sentence must score warm, the "not always seen eye-to-eye …" sentence tense
# (CI fails otherwise). Then, with --clauses, each contrast sentence's clauses and its stance
# toward each actor (shown, not enforced). Sentences are found by a short key.
SEED=$SHARED/seeds/article-putin-erdogan.txt
if [ -f "$SEED" ]; then
  "$STANCE" predict --format jsonl "$SEED" > "$OUT/seed.jsonl"
  "$STANCE" predict --format jsonl --clauses "$SEED" > "$OUT/seed.clauses.jsonl"
  printf '\n| seed sentence (key) | expected | stance | p(warm) | p(tense) |\n|---|---|---|---|---|\n' > "$OUT/seed.md"
  python3 - "$OUT/seed.jsonl" "$OUT/seed.clauses.jsonl" >> "$OUT/seed.md" <<'PY' || status=1
import json, sys
def sentences(path):
    return [r for r in map(json.loads, open(path)) if r["kind"] == "sentence" and not r["boilerplate"]]
ok = True
for key, want in [("Re-election", "warm"), ("dear friend", "warm"), ("eye-to-eye", "tense")]:
    s = next(s for s in sentences(sys.argv[1]) if key in s["text"])
    got, p = s["stance"]["label"], s["stance"]["probabilities"]
    ok &= got == want
    print(f"| {key} (sentence {s['index']}) | {want} | {got}{'' if got == want else ' BELOW'} | {p['warm']:.3f} | {p['tense']:.3f} |")
print("\nWith `--clauses` (clause after *but* weighs 2, a concession 0.5):\n")
print("| sentence | clause | role | stance (score) | toward each actor |\n|---|---|---|---|---|")
for s in sentences(sys.argv[2]):
    if not s.get("clauses"):
        continue
    for k, c in enumerate(s["clauses"]):
        toward = ", ".join(f"{t['actor']} {t['score']:+.2f}" for t in c.get("toward", []))
        print(f"| {s['index'] if k == 0 else ''} | {c['text']} | {c['role']} | {c['stance']['label']} ({c['score']:+.2f}) | {toward} |")
    toward = ", ".join(f"{t['actor']} {t['score']:+.2f}" for t in s.get("toward", []))
    print(f"| | **sentence** | | **{s['stance']['label']} ({s['score']:+.2f})** | {toward} |")
sys.exit(0 if ok else 1)
PY
  cat "$OUT/seed.md" >> "$OUT/table.md"
fi

if [ "$PEERS" = 1 ]; then
  VENV=${PEERS_VENV:-$HOME/.cache/stancekit-peers-venv}
  [ -x "$VENV/bin/python" ] || bash "$SHARED/bench/peers/setup.sh"
  # name  train  dev (the peers read the same TSV files; they do not use targets)
  PEER_SETS=(
    "newsmtsc newsmtsc/train.tsv newsmtsc/dev_rw.tsv"
    "newsmtsc.dev_mt newsmtsc/train.tsv newsmtsc/dev_mt.tsv"
    "plover_actor_pairs_plv plover_actor_pairs_plv/train.tsv plover_actor_pairs_plv/dev.tsv"
    "conflibert_cameo_quad conflibert_cameo_quad/train.tsv conflibert_cameo_quad/dev.tsv"
    "vader_nyt_editorials vader_nyt_editorials/train.tsv vader_nyt_editorials/dev.tsv"
  )
  printf '\n| dataset | peer | macro-F1 | fit s (in process) | process wall s (import+load+fit+predict) | predict sent/s | peak MiB |\n|---|---|---|---|---|---|---|\n' >> "$OUT/table.md"
  for set in "${PEER_SETS[@]}"; do
    read -r name train dev <<<"$set"
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
  # One table, stancekit beside the peers, for docs/accuracy.md.
  python3 - "$OUT" "${PEER_SETS[@]}" > docs/accuracy.md <<'PY'
import datetime, json, sys
out, sets = sys.argv[1], [s.split() for s in sys.argv[2:]]
runs = [l.rstrip("\n").split("\t") for l in open(f"{out}/runs.tsv")]
print("# Accuracy beside scikit-learn and fastText\n")
print(f"Measured by `scripts/eval-shared.sh --with-peers` on {datetime.date.today()}, one run, same")
print("files: train on the train split, macro-F1 on the dev split (the test splits are held back).")
print("The peers are `../shared/bench/peers/peers.py`: scikit-learn TF-IDF (1-2 grams) + logistic")
print("regression at C=1 with min_df 1 and 2, and with C chosen by 5-fold CV; fastText with its")
print("defaults. They read the same TSV files and do not use targets. stancekit's rows: the default")
print("options; grid = min_df (1 or 2), C and the target window chosen by 5-fold CV on the train")
print("split (the model file records the choice); targets = the target (and source) columns of the")
print("JSONL files, `--target-window` (with its default clause copies). Do not edit by hand.\n")
peers = ["sk_tfidf_lr_C1_df1", "sk_tfidf_lr_C1_df2", "sk_tfidf_lr_cv", "fasttext_default"]
print("| dataset → dev | stancekit | macro-F1 | " + " | ".join(peers) + " |")
print("|---|---|---|" + "---|" * len(peers))
for name, train, dev in sets:
    res = {r["system"]: r["macro_f1"] for r in json.load(open(f"{out}/{name}.peers.json"))["results"]}
    base = dev.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    mine = [r for r in runs if r[0].split("+")[0] == name and r[1].rsplit("/", 1)[-1].rsplit(".", 1)[0] == base]
    for k, (_, _, opts, score) in enumerate(mine):
        cells = " | ".join(f"{res[p]:.4f}" if k == 0 and p in res else "" for p in peers)
        label = f"{train.split('/')[0]} → {base}" if k == 0 else ""
        print(f"| {label} | `{opts}` | **{score}** | {cells} |")
try:
    seed = open(f"{out}/seed.md").read()
    print("\n## The mission's example article, by the built-in models\n")
    print("`stance predict --format jsonl [--clauses] ../shared/seeds/article-putin-erdogan.txt`:")
    print(seed)
except FileNotFoundError:
    pass
PY
fi
cat "$OUT/table.md"
exit $status
