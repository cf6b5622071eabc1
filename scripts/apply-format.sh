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

# Same tokens, numbers, strings and comments as before: nothing but layout changed.
npx tsx scripts/format-is-layout-only.ts HEAD

# What formatting can affect: the build, the types, the executed doc examples, the golden specs,
# the 80-line function limit (formatting breaks long lines, so functions grow) and the lint itself.
npm run lint
npm run build
npm run typecheck
npx vitest run test/examples test/unit/plots/specs.test.ts test/unit/plots/datasets.test.ts test/unit/core/functionLength.test.ts

# From now on an unformatted file fails `npm test`.
node -e "
const fs = require('node:fs');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
if (!pkg.scripts.test.includes('format:check')) pkg.scripts.test = pkg.scripts.test.replace('npm run lint && ', 'npm run lint && npm run format:check && ');
fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
"
grep '"test":' package.json
echo "apply-format: done; review 'git diff --stat' and commit"
