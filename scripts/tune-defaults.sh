#!/usr/bin/env bash
# The search behind `stance train`'s default options: 5-fold cross-validated macro-F1 on the
# TRAIN split of each public dataset in ../shared/data (never on dev), for a set of analyzer and
# TF-IDF candidates, each with its own best C from one grid. Writes docs/tuning.md.
#
#   scripts/tune-defaults.sh
#
# Needs a release build (it runs `cargo build --release`) and python3 for the table.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${SHARED:-../shared}/data
OUT=${OUT:-target/tune-defaults}
mkdir -p "$OUT"
cargo build --release --quiet
STANCE=target/release/stance
C_GRID=0.1,0.3,1,3,10,30,100

# name  train file  options that say where the targets are (target-aware runs only)
DATASETS=(
  "newsmtsc newsmtsc/train.jsonl --target-column|target"
  "plover_actor_pairs_plv plover_actor_pairs_plv/train.jsonl --source-column|source_actor|--target-column|target_actor"
  "conflibert_cameo_quad conflibert_cameo_quad/train.tsv -"
  "vader_nyt_editorials vader_nyt_editorials/train.tsv -"
  "financial_phrasebank financial_phrasebank/train.tsv -"
  "basil basil/train.tsv -"
)

# Analyzer and TF-IDF candidates, one factor at a time around the first. Every option is
# spelled out, so that a change of `stance train`'s defaults cannot change what they mean.
BASE="--ngrams 1-2 --sublinear-tf true --min-df 2 --class-weight balanced"
NGRAMS_1_3="--ngrams 1-3 --sublinear-tf true --min-df 2 --class-weight balanced"
CANDIDATES=(
  "$BASE"
  "--ngrams 1-2 --sublinear-tf true --min-df 2 --class-weight none"
  "--ngrams 1-2 --sublinear-tf false --min-df 2 --class-weight balanced"
  "--ngrams 1-2 --sublinear-tf true --min-df 1 --class-weight balanced"
  "--ngrams 1-1 --sublinear-tf true --min-df 2 --class-weight balanced"
  "$NGRAMS_1_3"
  "$BASE --no-stem"
  "$BASE --no-negation"
  "$BASE --stopwords english"
)
WINDOWS=(0 2 3 5 8)

# Appends "dataset<TAB>options<TAB>C<TAB>macro-F1" for every C of one cross-validation.
cv() {
  local name=$1 label=$2
  shift 2
  "$STANCE" evaluate --data "$@" --folds 5 --c "$C_GRID" |
    sed -nE 's/^(target window [0-9]+, )?C=([0-9.e+-]+): mean fold macro-F1 ([0-9.]+)$/\2\t\3/p' |
    while IFS=$'\t' read -r c f1; do printf '%s\t%s\t%s\t%s\n' "$name" "$label" "$c" "$f1"; done \
      >> "$OUT/results.tsv"
}

: > "$OUT/results.tsv"
for ds in "${DATASETS[@]}"; do
  read -r name train targets <<<"$ds"
  for cand in "${CANDIDATES[@]}"; do
    # shellcheck disable=SC2086
    cv "$name" "$cand" "$DATA/$train" $cand
  done
  if [ "$targets" != - ]; then
    IFS='|' read -r -a topts <<<"$targets"
    for w in "${WINDOWS[@]}"; do
      for clause in false true; do
        # shellcheck disable=SC2086
        cv "$name" "$BASE --target-window $w --target-clause $clause" "$DATA/$train" $BASE \
          "${topts[@]}" --target-window "$w" --target-clause "$clause"
      done
    done
    # The runner-up n-gram range, target-aware too, for the choice between the two.
    # shellcheck disable=SC2086
    cv "$name" "$NGRAMS_1_3 --target-window 3 --target-clause true" "$DATA/$train" $NGRAMS_1_3 \
      "${topts[@]}" --target-window 3 --target-clause true
  fi
done

python3 - "$OUT/results.tsv" "$C_GRID" > docs/tuning.md <<'EOF'
import datetime, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
f1 = {(d, o, float(c)): float(s) for d, o, c, s in rows}
names = list(dict.fromkeys(r[0] for r in rows))
opts = list(dict.fromkeys(r[1] for r in rows if "--target-window" not in r[1]))
cs = sorted({float(r[2]) for r in rows})
fmt = lambda c: f"{c:g}"
best = lambda d, o: max((f1[(d, o, c)], -c) for c in cs if (d, o, c) in f1)
print("# How the default options were chosen\n")
print(f"Written by `scripts/tune-defaults.sh` on {datetime.date.today()} — do not edit by hand.")
print("Every figure is 5-fold cross-validated macro-F1 on a dataset's **train** split (dev and")
print(f"test splits are never looked at), for each C of `--c {sys.argv[2]}`.\n")
print("## Options, each at its best single C for all datasets\n")
print("The default must be good on every dataset, so each candidate is scored at the one C with")
print("the highest mean over the datasets; the last column is the mean when C is chosen per")
print("dataset (what a `--c` grid does).\n")
print("| options | C | " + " | ".join(names) + " | mean | mean, C per dataset |")
print("|---|---|" + "---|" * (len(names) + 2))
lines = []
for o in opts:
    mean_at = {c: sum(f1[(d, o, c)] for d in names) / len(names) for c in cs}
    c = max(cs, key=lambda c: (mean_at[c], -c))
    per = sum(best(d, o)[0] for d in names) / len(names)
    cells = " | ".join(f"{f1[(d, o, c)]:.4f}" for d in names)
    lines.append((mean_at[c], f"| `{o}` | {fmt(c)} | {cells} | **{mean_at[c]:.4f}** | {per:.4f} |"))
for _, l in sorted(lines, reverse=True):
    print(l)
print("\n## Target window\n")
print(f"Datasets with targets, options `{opts[0]}`, best C per dataset in brackets.\n")
tw = list(dict.fromkeys(r[1] for r in rows if r[1].startswith(opts[0] + " --target-window")))
tnames = list(dict.fromkeys(r[0] for r in rows if "--target-window" in r[1]))
print("| window | " + " | ".join(tnames) + " | mean |")
print("|---|" + "---|" * (len(tnames) + 1))
for o in [opts[0]] + tw:
    scores = [best(d, o) for d in tnames]
    w, clause = o.split()[-3], o.split()[-1]
    label = "not target-aware" if o == opts[0] else w + (" + clause copies" if clause == "true" else "")
    cells = " | ".join(f"{s:.4f} (C={fmt(-c)})" for s, c in scores)
    print(f"| {label} | {cells} | {sum(s for s, _ in scores) / len(scores):.4f} |")
print("\n## Plain and target-aware together\n")
print("`stance train` takes its n-gram range and C from the defaults with and without")
print("`--target-window`, so the two best n-gram ranges above are scored at each C over every")
print("dataset plain and the target datasets with `--target-window 3 --target-clause true`.\n")
targeted = lambda o: o + " --target-window 3 --target-clause true"
both = [o for o in opts if all((d, targeted(o), c) in f1 for d in tnames for c in cs)]
print("| options | " + " | ".join(f"C={fmt(c)}" for c in cs) + " |")
print("|---|" + "---|" * len(cs))
for o in both:
    means = [(sum(f1[(d, o, c)] for d in names) + sum(f1[(d, targeted(o), c)] for d in tnames))
             / (len(names) + len(tnames)) for c in cs]
    top = max(means)
    cells = " | ".join(f"**{m:.4f}**" if m == top else f"{m:.4f}" for m in means)
    print(f"| `{o}` | {cells} |")
EOF
cat docs/tuning.md
