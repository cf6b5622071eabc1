#!/usr/bin/env bash
# One-off, for the coordinator once every branch of issue 14 is merged: formats the whole tree with
# Biome (biome.jsonc), proves the change is layout only, re-runs what formatting could break, and
# puts `npm run format:check` into `npm test`. It commits nothing: review `git diff --stat`, then
# commit. Run it from a clean work tree on main.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! git diff --quiet || ! git diff --cached --quiet; then
  echo "apply-format: the work tree has uncommitted changes; commit or stash them first" >&2
  exit 2
fi

npx biome format --write
echo "apply-format: $(git diff --name-only | wc -l) files reformatted"

# Every check runs, so one pass lists everything to fix; format:check goes into npm test only when all pass.
failed=()
check() { echo "apply-format: $*"; "$@" || failed+=("$*"); }
# Same tokens, numbers, strings and comments as before: nothing but layout changed.
check npx tsx scripts/format-is-layout-only.ts HEAD
# What formatting can affect: the lint (a broken line can turn into a rule's pattern), the build, the
# types, the executed doc examples, the golden specs and the 80-line function limit (formatting breaks
# long lines, so functions grow: split any it names into named steps, as for issue 14 item 3).
check npm run lint
check npm run build
check npm run typecheck
check npx vitest run test/examples test/unit/plots/specs.test.ts test/unit/plots/datasets.test.ts test/unit/core/functionLength.test.ts
if [ ${#failed[@]} -gt 0 ]; then
  printf 'apply-format: failed: %s\n' "${failed[@]}" >&2
  echo "apply-format: fix these on the formatted tree, run this script's checks again, then add format:check to npm test" >&2
  exit 1
fi

# From now on an unformatted file fails `npm test`.
node -e "
const fs = require('node:fs');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
if (!pkg.scripts.test.includes('format:check')) pkg.scripts.test = pkg.scripts.test.replace('npm run lint && ', 'npm run lint && npm run format:check && ');
fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
"
grep '"test":' package.json
echo "apply-format: done; review 'git diff --stat' and commit"
