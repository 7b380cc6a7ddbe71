# Sourced by scripts: starts and stops a throwaway CNCF distribution registry on 127.0.0.1.
# start_registry DIR  -> sets REGISTRY_PID and REGISTRY (host:port); stop_registry stops it.

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found on 127.0.0.1" >&2
  return 1
}

start_registry() {
  local dir=$1 port
  port=$(free_port)
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $dir/data}
  delete: {enabled: true}
  maintenance: {uploadpurging: {enabled: false}}
http: {addr: "127.0.0.1:$port", secret: demo-only-secret}
YML
  docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 &
  REGISTRY_PID=$!
  REGISTRY="127.0.0.1:$port"
  for _ in $(seq 100); do
    if curl -sf -o /dev/null "http://$REGISTRY/v2/"; then
      return 0
    fi
    sleep 0.05
  done
  echo "the registry did not start; its log:" >&2
  cat "$dir/registry.log" >&2
  return 1
}

stop_registry() {
  if [ -n "${REGISTRY_PID:-}" ]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=
  fi
}
