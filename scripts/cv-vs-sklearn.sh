#!/usr/bin/env bash
# Cross-validation over a C grid: `stance train --c 0.1,1,10 --folds 5` beside scikit-learn's
# GridSearchCV on the same grid, folds, features and file, in one run (issue 5).
#
#   scripts/cv-vs-sklearn.sh [TRAIN.tsv]      # default ../shared/data/newsmtsc/train.tsv
#
# Both sides: word 1-2 grams, sublinear tf, min_df 2, C in {0.1, 1, 10}, 5 stratified folds
# scored by macro-F1, then a refit on all rows with the best C. scikit-learn runs in the venv made
# by ../shared/bench/peers/setup.sh (made here when missing) with n_jobs=1 (its lbfgs uses both
# cores through BLAS as it likes; stancekit uses both through rayon). Times are whole processes
# (scikit-learn's Python start-up and imports excluded). Writes target/cv-vs-sklearn/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
TRAIN=${1:-$SHARED/data/newsmtsc/train.tsv}
OUT=target/cv-vs-sklearn
mkdir -p "$OUT"
cargo build --release --quiet
cp target/release/stance "$OUT/stance"
VENV=${PEERS_VENV:-$HOME/.cache/stancekit-peers-venv}
[ -x "$VENV/bin/python" ] || bash "$SHARED/bench/peers/setup.sh"

/usr/bin/time -f "%e %M" -o "$OUT/time" "$OUT/stance" train --data "$TRAIN" --c 0.1,1,10 --folds 5 \
  --min-df 2 --sublinear-tf --class-weight none --out "$OUT/model.json" > "$OUT/train.txt"
read -r wall kib < "$OUT/time"
ours=$(grep -o 'C = .*' "$OUT/train.txt")

"$VENV/bin/python" - "$TRAIN" > "$OUT/sklearn.txt" <<'PY'
import csv, sys, time
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline
import resource
pipe = Pipeline([("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
                 ("clf", LogisticRegression(solver="lbfgs", max_iter=1000))])
gs = GridSearchCV(pipe, {"clf__C": [0.1, 1.0, 10.0]}, scoring="f1_macro", n_jobs=1, refit=True,
                  cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0))
t = time.perf_counter()
gs.fit(texts, labels)
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
scores = ", ".join(f"C={c} {s:.4f}" for c, s in zip(gs.cv_results_["param_clf__C"], gs.cv_results_["mean_test_score"]))
print(f"{wall:.2f} {peak:.0f} C = {gs.best_params_['clf__C']} ({scores})")
PY
read -r skwall skpeak skrest < "$OUT/sklearn.txt"
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); date: $(date -u +%Y-%m-%d); data: $TRAIN ($(($(wc -l < "$TRAIN") - 1)) rows)"
  echo
  echo "| system | C grid, 5 folds, then refit | wall s | peak MiB | chosen (mean fold macro-F1) |"
  echo "|---|---|---|---|---|"
  echo "| stancekit | \`stance train --c 0.1,1,10 --folds 5 --min-df 2 --sublinear-tf --class-weight none\` | $wall | $((kib / 1024)) | $ours |"
  echo "| scikit-learn | GridSearchCV(TfidfVectorizer(1-2, sublinear, min_df 2) + LogisticRegression(lbfgs)) | $skwall | $skpeak | $skrest |"
} > "$OUT/table.md"
cat "$OUT/table.md"
