#!/usr/bin/env bash
# The Python model service's base image, made once without any image registry: debootstrap of Debian with the
# service's four packages, `docker import`ed. The root file system is cached as a tarball, so a new engine (a fresh
# dockerd data directory) imports it again in seconds instead of bootstrapping for minutes.
#   base-image.sh IMAGE CACHE_DIR     prints "cached", "imported" or "bootstrapped" and the seconds it took
set -euo pipefail
IMAGE="$1"
CACHE="$2/python-model-base-bookworm.tar"
PACKAGES=python3-fastapi,python3-uvicorn,python3-prometheus-client,python3-sklearn
MIRROR="${SHIPGATE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
start=$SECONDS

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "cached $((SECONDS - start))"; exit 0
fi
mkdir -p "$(dirname "$CACHE")"
how=imported
if [ ! -s "$CACHE" ]; then
  how=bootstrapped
  root="$(mktemp -d /tmp/shipgate-python-base.XXXXXX)"
  trap 'rm -rf "$root" "$root.log"' EXIT
  debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$CACHE.partial" . && mv "$CACHE.partial" "$CACHE"
fi
docker import --change 'ENV PYTHONUNBUFFERED=1' "$CACHE" "$IMAGE" >/dev/null
echo "$how $((SECONDS - start))"
