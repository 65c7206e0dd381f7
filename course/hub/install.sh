#!/usr/bin/env bash
# Install the workshop hub's extra pieces, pinned, into this checkout (idempotent):
#   * JupyterHub and the packages it needs beyond requirements.lock, into .venv
#     (exact pins in requirements-hub.txt, installed with --no-deps);
#   * configurable-http-proxy from npm, into .hub-node/ (git-ignored), from the
#     committed package-lock.json (npm ci: the exact tree, integrity-checked).
# Needs python3 and make (for .venv), node >= 20 and npm. Run from anywhere:
#   bash course/hub/install.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
make --no-print-directory venv
if ! .venv/bin/python -m pip install --quiet --no-deps -r requirements-hub.txt --dry-run --report - 2>/dev/null \
        | .venv/bin/python -c 'import json, sys; sys.exit(1 if json.load(sys.stdin)["install"] else 0)'; then
    .venv/bin/python -m pip install --quiet --no-deps -r requirements-hub.txt
fi
.venv/bin/python -m pip check >/dev/null || { .venv/bin/python -m pip check; exit 1; }
if ! cmp -s course/hub/node/package-lock.json .hub-node/package-lock.json \
        || [ ! -x .hub-node/node_modules/.bin/configurable-http-proxy ]; then
    rm -rf .hub-node
    mkdir -p .hub-node
    cp course/hub/node/package.json course/hub/node/package-lock.json .hub-node/
    npm ci --prefix .hub-node --no-audit --no-fund --loglevel=error
fi
echo "hub pieces installed: $(.venv/bin/jupyterhub --version) / configurable-http-proxy $(.hub-node/node_modules/.bin/configurable-http-proxy --version)"
