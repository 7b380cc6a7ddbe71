#!/usr/bin/env bash
# Installs what Image Streams needs beyond Java 17 and Maven: a real registry (CNCF distribution),
# skopeo as an independent client, htpasswd and openssl for the test fixture, and a real credential helper
# (docker-credential-pass from golang-docker-credential-helpers, with pass and gpg), and Prometheus with promtool to
# check and scrape the metrics watch serves. Idempotent.
set -euo pipefail

missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ -x /usr/bin/time ] || missing+=(time)
command -v docker-credential-pass >/dev/null 2>&1 || missing+=(golang-docker-credential-helpers)
command -v pass >/dev/null 2>&1 || missing+=(pass)
command -v gpg >/dev/null 2>&1 || missing+=(gnupg)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if ! command -v java >/dev/null 2>&1 || ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
  missing+=(openjdk-17-jdk-headless)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: no apt-get here; install these yourself: ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -q >/dev/null
# The package's own service is never used: tests start registries on loopback with their own configs.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
