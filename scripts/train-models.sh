#!/usr/bin/env bash
# Trains the shipped default models from the project's own sentences, and from nothing else:
# models/stance.json from data/relations/ (stance column), models/sentiment.json from
# data/relations/, data/sentiment/ and data/toward/ (sentiment column; toward/'s rows score it
# toward the mention in their `toward` column).
#
#   scripts/train-models.sh
#
# For each task, every candidate option set below is cross-validated (5 folds, C grid) on the
# train split (ids hashing outside the dev fifth) and ranked by mean macro-F1. The best one whose
# model, refitted with its C on all rows, stays under 5 MB (5,000,000 bytes) is shipped; its train-split model is
# scored on the dev split. Same data, same bytes: rerunning this script reproduces the committed
# models exactly.
set -euo pipefail
cd "$(dirname "$0")/.."
# Built without the embedded models, so that training never depends on the models it replaces.
cargo build --release --quiet --no-default-features --bin stance
STANCE=target/release/stance
WORK=target/train-models
mkdir -p "$WORK" models
RELATIONS=(data/relations/*.tsv)
SENTIMENT=(data/relations/*.tsv data/sentiment/*.tsv data/toward/*.tsv)
GRID=0.1,0.3,1,3,10,30,100
MAX_BYTES=5000000
# Every option is spelled out, so that a change of `stance train`'s defaults cannot change what
# these candidates mean. The stance model is target-aware (articles score each sentence toward
# each actor it names); the window is among the candidates.
STANCE_CANDIDATES=(
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 3 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 3 --target-clause false"
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 2 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 5 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 1 --class-weight none --target-window 3 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 1 --class-weight balanced --target-window 3 --target-clause true"
  "--ngrams 1-3 --sublinear-tf --min-df 2 --class-weight balanced --target-window 3 --target-clause true"
  "--ngrams 1-1 --sublinear-tf --min-df 1 --class-weight balanced --target-window 3 --target-clause true"
)
# The sentiment model is target-aware too, so that articles can give the sentiment toward each
# actor: it reads data/toward/'s rows toward their mention, and every other row (whose `target`
# column, if any, names the other side of a relation, not what its sentiment is about) with its
# actors marked as others, as a sentence is read when no one actor is scored.
SENTIMENT_CANDIDATES=(
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 3 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 3 --target-clause false"
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 2 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --target-window 5 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 1 --class-weight none --target-window 3 --target-clause true"
  "--ngrams 1-3 --sublinear-tf --min-df 2 --class-weight balanced --target-window 3 --target-clause true"
  "--ngrams 1-1 --sublinear-tf --min-df 1 --class-weight balanced --target-window 3 --target-clause true"
  "--ngrams 1-2 --sublinear-tf --min-df 2 --class-weight balanced --no-stem --target-window 3 --target-clause true"
)
# Which column names what a row is scored toward, per task.
STANCE_COLUMNS=(--target-column target)
SENTIMENT_COLUMNS=(--target-column toward)

cv_of() {  # the best cross-validated macro-F1 and its C, from a model's training record
  python3 -c 'import json,sys; cv=json.load(open(sys.argv[1]))["training"]["cv"]; b=cv["scores"][cv["best"]]; print("%.4f %s" % (b["macro_f1"], b["c"]))' "$1"
}

REPORT=models/training-report.md
{
  echo "# How the built-in models were trained"
  echo
  echo "Written by \`scripts/train-models.sh\` on $(date -u +%Y-%m-%d) — do not edit by hand."
  echo "Data: $(cat data/relations/*.tsv | grep -vc '^id	') rows in data/relations/, $(cat data/sentiment/*.tsv | grep -vc '^id	') rows in data/sentiment/, $(cat data/toward/*.tsv | grep -vc '^id	') rows in data/toward/."
} > "$REPORT"

for task in stance sentiment; do
  if [ "$task" = stance ]; then
    DATA=("${RELATIONS[@]}"); CANDIDATES=("${STANCE_CANDIDATES[@]}"); COLUMNS=("${STANCE_COLUMNS[@]}")
  else
    DATA=("${SENTIMENT[@]}"); CANDIDATES=("${SENTIMENT_CANDIDATES[@]}"); COLUMNS=("${SENTIMENT_COLUMNS[@]}")
  fi
  echo "== $task: 5-fold CV on the train split, C in {$GRID}"
  : > "$WORK/$task.ranking"
  for i in "${!CANDIDATES[@]}"; do
    opts=${CANDIDATES[$i]}
    # shellcheck disable=SC2086
    "$STANCE" train --data "${DATA[@]}" --split train --label-column "$task" "${COLUMNS[@]}" \
      --c "$GRID" --folds 5 $opts --out "$WORK/$task.$i.json" > /dev/null
    read -r score c < <(cv_of "$WORK/$task.$i.json")
    printf '  %-80s CV macro-F1 %s at C=%s\n' "$opts" "$score" "$c"
    printf '%s %s %s\n' "$score" "$i" "$c" >> "$WORK/$task.ranking"
  done
  # The best cross-validated candidate whose final model stays under the size limit.
  chosen=""
  while read -r score i c; do
    opts=${CANDIDATES[$i]}
    # shellcheck disable=SC2086
    "$STANCE" train --data "${DATA[@]}" --label-column "$task" "${COLUMNS[@]}" --c "$c" $opts \
      --out "$WORK/$task.final.json" > "$WORK/$task.final.txt"
    size=$(wc -c < "$WORK/$task.final.json")
    if [ "$size" -lt "$MAX_BYTES" ]; then chosen=$i; break; fi
    echo "  $opts --c $c: $size bytes, over the $MAX_BYTES-byte limit; next candidate"
  done < <(sort -k1,1gr -k2,2n "$WORK/$task.ranking")
  [ -n "$chosen" ] || { echo "no candidate fits in $MAX_BYTES bytes" >&2; exit 1; }
  echo "  chosen: $opts --c $c (CV macro-F1 $score)"
  echo "  dev split (trained on the train split only):"
  "$STANCE" evaluate --model "$WORK/$task.$chosen.json" --data "${DATA[@]}" --split dev \
    --label-column "$task" "${COLUMNS[@]}" | sed 's/^/    /'
  mv "$WORK/$task.final.json" "models/$task.json"
  sed 's/^/  /' "$WORK/$task.final.txt"
  echo "  models/$task.json: $(wc -c < "models/$task.json") bytes, sha256 $(sha256sum "models/$task.json" | cut -c1-16)…"
  {
    echo
    echo "## $task"
    echo
    echo "Files: ${DATA[*]}"
    echo
    echo "| candidate options | 5-fold CV macro-F1 (train split) | best C |"
    echo "|---|---|---|"
    sort -k1,1gr -k2,2n "$WORK/$task.ranking" | while read -r sc ci cc; do
      echo "| \`${CANDIDATES[$ci]}\` | $sc | $cc |"
    done
    echo
    echo "Shipped: \`${CANDIDATES[$chosen]} --c $c\` (the best candidate under $MAX_BYTES bytes),"
    echo "$(wc -c < "models/$task.json") bytes. Scored on the dev split after training on the train split only:"
    echo
    echo '```'
    "$STANCE" evaluate --model "$WORK/$task.$chosen.json" --data "${DATA[@]}" --split dev --label-column "$task" "${COLUMNS[@]}"
    echo '```'
  } >> "$REPORT"
done
