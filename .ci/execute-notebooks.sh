#!/usr/bin/env bash
# Executes every notebook top to bottom twice with nbconvert (the Deno kernel; a failing cell fails)
# into temporary directories, never over the committed notebooks, and fails unless both runs give
# the same outputs in every cell. Also says (without failing) when a committed notebook's outputs
# differ from a fresh run: regenerate it with the README's command and copy it back.
# Needs the built package (npm run build) and .ci/install-notebooks.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
for nb in notebooks/*.ipynb; do
  name="$(basename "$nb")"
  first="$(mktemp -d)"
  second="$(mktemp -d)"
  for dir in "$first" "$second"; do
    echo "executing $nb -> $dir"
    timeout 600 /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
      --ExecutePreprocessor.kernel_name=deno --output-dir "$dir" "$nb"
  done
  python3 .ci/compare-notebook-outputs.py "$first/$name" "$second/$name" || status=1
  python3 .ci/compare-notebook-outputs.py "$nb" "$first/$name" >/dev/null ||
    echo "note: the committed outputs of $nb differ from a fresh run (regenerate it: see README, Notebooks)"
  rm -rf "$first" "$second"
done
exit "$status"
