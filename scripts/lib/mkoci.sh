#!/usr/bin/env bash
# Writes a one-layer OCI image layout without a container engine, deterministically: the same CONTENT gives the
# same digest. Usage: mkoci.sh OUTDIR CONTENT   (prints the manifest digest)
set -euo pipefail
out=$1 content=$2
mkdir -p "$out/blobs/sha256"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

blob() { # FILE -> stores it under blobs/, prints "digest size"
  local d s
  d=$(sha256sum "$1" | cut -d' ' -f1)
  s=$(stat -c %s "$1")
  cp "$1" "$out/blobs/sha256/$d"
  echo "$d $s"
}

mkdir -p "$work/rootfs/app"
printf '%s\n' "$content" > "$work/rootfs/app/content.txt"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/rootfs" -cf "$work/layer.tar" app
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -9 -c "$work/layer.tar" > "$work/layer.tar.gz"
read -r layer layer_size < <(blob "$work/layer.tar.gz")

printf '{"architecture":"amd64","os":"linux","config":{"Labels":{"content":"%s"}},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$content" "$diff_id" > "$work/config.json"
read -r config config_size < <(blob "$work/config.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
  "$config" "$config_size" "$layer" "$layer_size" > "$work/manifest.json"
read -r manifest manifest_size < <(blob "$work/manifest.json")

printf '{"imageLayoutVersion":"1.0.0"}' > "$out/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s}]}' \
  "$manifest" "$manifest_size" > "$out/index.json"
echo "sha256:$manifest"
