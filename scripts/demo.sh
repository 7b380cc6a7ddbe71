#!/usr/bin/env bash
# The main job: builds the command line, starts a registry on loopback and walks dev -> staging -> prod.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
./mvnw -B -q -ntp -DskipTests package
java -jar cli/target/imagestreams.jar
