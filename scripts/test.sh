#!/usr/bin/env bash
# Passes the tests: installs what is missing, then builds and tests every module against real registries.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
exec ./mvnw -B -ntp verify "$@"
