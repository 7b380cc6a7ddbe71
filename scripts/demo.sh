#!/usr/bin/env bash
# The main job: builds the imagestreams command, starts a registry on loopback and walks an image from dev through
# staging to prod with the launcher (cli/target/imagestreams), in a temporary store. Everything it starts is stopped
# at the end, also when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/install-deps.sh
# shellcheck source=lib/registry.sh
source scripts/lib/registry.sh

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
imagestreams() { printf '$ imagestreams %s\n' "$*"; "$root/cli/target/imagestreams" --store "$store" "$@"; }
push() { # CONTENT TAG: builds a one-layer image and pushes it to the demo repository
  local dir="$work/images/$1"
  digest=$(scripts/lib/mkoci.sh "$dir" "$1")
  skopeo copy -q --dest-tls-verify=false "oci:$dir" "docker://$REGISTRY/demo/myapp:$2"
  echo "pushed '$1' to $REGISTRY/demo/myapp:$2 ($digest)"
}

work=$(mktemp -d)
store="$work/store"
watch_pid=
cleanup() {
  local status=$?
  if [ -n "$watch_pid" ]; then kill "$watch_pid" 2>/dev/null || true; wait "$watch_pid" 2>/dev/null || true; fi
  stop_registry
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then echo "demo failed (exit $status); the registry was stopped" >&2; fi
}
trap cleanup EXIT

step "Build the imagestreams command"
if ! ./mvnw -B -q -ntp -o -pl cli -am -DskipTests package 2>/dev/null; then
  ./mvnw -B -q -ntp -pl cli -am -DskipTests package
fi
"$root/cli/target/imagestreams" --version

step "Start a registry on loopback"
start_registry "$work/registry"
echo "registry at http://$REGISTRY, store in $store"

step "Push myapp v1 and import it into app-dev, scheduled"
push "myapp v1" latest
imagestreams import-image app-dev/myapp:latest --from "$REGISTRY/demo/myapp:latest" --scheduled

step "Push v2 and import again: the tag moves, its history keeps both"
push "myapp v2" latest
imagestreams import-image app-dev/myapp:latest
imagestreams import-image app-dev/myapp:latest
imagestreams history app-dev/myapp:latest

step "Tag the tested image into staging (a snapshot by digest)"
imagestreams tag app-dev/myapp:latest app-staging/myapp:latest

step "Promote staging to prod: only what passed dev, copied into the prod repository"
imagestreams promote app-staging/myapp:latest --to app-prod/myapp:latest --copy-to "$REGISTRY/prod/myapp" \
  --require-from app-dev/myapp:latest --dry-run
imagestreams promote app-staging/myapp:latest --to app-prod/myapp:latest --copy-to "$REGISTRY/prod/myapp" \
  --require-from app-dev/myapp:latest --as demo
imagestreams digest "$REGISTRY/prod/myapp:latest"

step "Watch: a push notification imports v3 at once and --exec runs once for it"
port=$(free_port)
secret=demo-webhook-secret-0123456789
"$root/cli/target/imagestreams" --store "$store" watch --interval 1h --listen "127.0.0.1:$port" \
  --webhook-secret "$secret" \
  --exec 'echo "  exec: $IMAGE_STREAM_TAG is now $IMAGE_DIGEST (was ${IMAGE_PREVIOUS_DIGEST:-nothing})" >> '"$work/exec.log" \
  > "$work/watch.log" 2>&1 &
watch_pid=$!
for _ in $(seq 300); do grep -q 'watch: watching' "$work/watch.log" && break; sleep 0.1; done
push "myapp v3" latest
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $secret" \
  -H 'Content-Type: application/vnd.docker.distribution.events.v1+json' \
  --data '{"events":[{"id":"demo-1","timestamp":"2026-01-01T00:00:00Z","action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"'"$digest"'","repository":"demo/myapp","tag":"latest"},"request":{"host":"'"$REGISTRY"'"}}]}' \
  "http://127.0.0.1:$port/notify/distribution"
for _ in $(seq 300); do grep -q "$digest" "$work/exec.log" 2>/dev/null && break; sleep 0.1; done
kill -TERM "$watch_pid"
wait "$watch_pid" || true
watch_pid=
sed 's/^/  /' "$work/watch.log"
echo "--exec ran:"
cat "$work/exec.log"
grep -q "app-dev/myapp:latest is now $digest" "$work/exec.log"

step "Describe the streams"
imagestreams describe app-dev/myapp
echo
imagestreams describe app-prod/myapp

step "What reached which environment (v3 is in dev only)"
imagestreams get environments

step "Done"
echo "the registry is stopped and $work removed on exit"
