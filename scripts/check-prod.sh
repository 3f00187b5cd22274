#!/usr/bin/env bash
# The production build as an operator installs it (issue 14, point 6), after `npm run build`:
# the built tree (tracked files and every dist/) copied to a scratch directory without
# node_modules, `npm ci --omit=dev` there (no tsx, TypeScript or Vitest), `npm run start:prod` on
# the embedded database with ports from 4100 on, and scripts/smoke.ts (the dev tree's tsx) asking
# its gateway for a unified credit view. CI runs it; so can a developer: `bash scripts/check-prod.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
began=$(date +%s)
elapsed() { echo "$(( $(date +%s) - began )) s"; }

for built in schema/dist/index.js subgraphs/kit/dist/index.js gateway/dist/index.js scripts/dist/start.js console/dist/index.html; do
  [ -e "$built" ] || { echo "check-prod: $built is missing: run npm run build first" >&2; exit 1; }
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/credit-prod.XXXXXX")
prod_pid=
cleanup() {
  if [ -n "$prod_pid" ]; then
    kill -- -"$prod_pid" 2>/dev/null || true
    # The services stop on SIGTERM; whatever is left after 20 s is killed.
    for _ in $(seq 40); do kill -0 -- -"$prod_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- -"$prod_pid" 2>/dev/null || true
    wait "$prod_pid" 2>/dev/null || true
    echo "check-prod: stopped after $(elapsed)"
  fi
  # Hundreds of packages take minutes to delete on a busy disk: nothing waits for it.
  (rm -rf "$scratch" </dev/null >/dev/null 2>&1 &)
}
trap cleanup EXIT

{ git ls-files -z; find schema/dist subgraphs/*/dist gateway/dist scripts/dist console/dist -type f -print0; } |
  tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$scratch"
(cd "$scratch" && npm ci --omit=dev --no-audit --no-fund --prefer-offline --loglevel=error)
for dev in tsx typescript vitest turbo; do
  if [ -e "$scratch/node_modules/$dev" ]; then echo "check-prod: $dev is installed without dev dependencies" >&2; exit 1; fi
done
echo "check-prod: npm ci --omit=dev done after $(elapsed)"

# Production-like secrets from the environment, not dev key files; the smoke signs with the same JWT secret.
export SUBGRAPH_SIGNING_KEY JWT_SECRET
SUBGRAPH_SIGNING_KEY=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")
JWT_SECRET=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")
# The gateway on 4100, then each department of the registry (schema/src/departments.ts) in its order.
mapfile -t services < <(npx tsx -e "import('@credit/schema').then((s) => console.log(['GATEWAY', ...s.SUBGRAPH_NAMES].join('\\n').toUpperCase()))")
port=4100
for name in "${services[@]}"; do
  export "${name}_PORT=$port"
  [ "$name" = GATEWAY ] || export "${name}_URL=http://127.0.0.1:$port"
  unset "${name}_DATABASE_URL"
  port=$((port + 1))
done
unset DATABASE_URL CREDIT_DATA_DIR

# In its own process group, so stopping it stops every service it started.
(cd "$scratch" && exec setsid npm run start:prod) > "$scratch/start.log" 2>&1 &
prod_pid=$!
npx tsx scripts/smoke.ts http://127.0.0.1:4100 || { tail -n 60 "$scratch/start.log"; exit 1; }
grep -m1 'ready in' "$scratch/start.log" || true
status=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:4100/)
[ "$status" = 200 ] || { echo "check-prod: the console at / answered $status" >&2; exit 1; }
echo "check-prod: production build started and answered in $(elapsed)"
