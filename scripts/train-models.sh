#!/usr/bin/env bash
# Trains the shipped default models from the project's own sentences, and from nothing else:
# models/stance.json from data/relations/ (stance column), models/sentiment.json from
# data/relations/ and data/sentiment/ (sentiment column).
#
#   scripts/train-models.sh
#
# For each task, every candidate option set below is cross-validated (5 folds, C grid) on the
# train split (ids hashing outside the dev fifth); the best mean macro-F1 wins.
# The winner is scored on the dev split, then refitted with its C on all rows. Same data, same
# bytes: rerunning this script reproduces the committed models exactly.
set -euo pipefail
cd "$(dirname "$0")/.."
# Built without the embedded models, so that training never depends on the models it replaces.
cargo build --release --quiet --no-default-features --bin stance
STANCE=target/release/stance
WORK=target/train-models
mkdir -p "$WORK" models
RELATIONS=(data/relations/*.tsv)
SENTIMENT=(data/relations/*.tsv data/sentiment/*.tsv)
GRID=0.1,0.3,1,3,10,30,100
CANDIDATES=(
  "--ngrams 1-1"
  "--ngrams 1-2"
  "--ngrams 1-2 --sublinear-tf"
  "--ngrams 1-2 --sublinear-tf --min-df 2"
  "--ngrams 1-3 --sublinear-tf --min-df 2"
  "--ngrams 1-2 --sublinear-tf --stopwords english"
  "--ngrams 1-2 --sublinear-tf --no-stem"
)

cv_of() {  # the best cross-validated macro-F1 and its C, from a model's training record
  python3 -c 'import json,sys; cv=json.load(open(sys.argv[1]))["training"]["cv"]; b=cv["scores"][cv["best"]]; print("%.4f %s" % (b["macro_f1"], b["c"]))' "$1"
}

for task in stance sentiment; do
  if [ "$task" = stance ]; then DATA=("${RELATIONS[@]}"); else DATA=("${SENTIMENT[@]}"); fi
  echo "== $task: 5-fold CV on the train split, C in {$GRID}"
  best_score=-1; best_opts=""; best_c=""
  for i in "${!CANDIDATES[@]}"; do
    opts=${CANDIDATES[$i]}
    # shellcheck disable=SC2086
    "$STANCE" train --data "${DATA[@]}" --split train --label-column "$task" \
      --c "$GRID" --folds 5 $opts --out "$WORK/$task.$i.json" > /dev/null
    read -r score c < <(cv_of "$WORK/$task.$i.json")
    printf '  %-50s CV macro-F1 %s at C=%s\n' "$opts" "$score" "$c"
    if python3 -c "import sys; sys.exit(0 if $score > $best_score else 1)"; then
      best_score=$score; best_opts=$opts; best_c=$c; best_model=$WORK/$task.$i.json
    fi
  done
  echo "  chosen: $best_opts --c $best_c (CV macro-F1 $best_score)"
  echo "  dev split (trained on the train split only):"
  "$STANCE" evaluate --model "$best_model" --data "${DATA[@]}" --split dev --label-column "$task" \
    | sed 's/^/    /'
  # shellcheck disable=SC2086
  "$STANCE" train --data "${DATA[@]}" --label-column "$task" --c "$best_c" $best_opts \
    --out "models/$task.json" | sed 's/^/  /'
  echo "  models/$task.json: $(wc -c < "models/$task.json") bytes, sha256 $(sha256sum "models/$task.json" | cut -c1-16)…"
done
