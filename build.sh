#!/usr/bin/env bash
# Bootstrap: find or install the .NET SDK, rebuild the build program only when its inputs changed, run it.
# Usage: ./build.sh [targets] [--parameter value ...]   (works from any working directory)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$TEMP/build-bin/_build.dll"
STAMP="$TEMP/build-bin/.inputs.sha256"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1

fail() { echo "build.sh: $*" >&2; exit 1; }

# The SDK: dotnet from PATH when it satisfies global.json (the host checks that itself), else one under .nuke/temp.
find_dotnet() {
  local candidate
  for candidate in "$(command -v dotnet || true)" "$TEMP/dotnet/dotnet"; do
    if [ -x "$candidate" ] && (cd "$ROOT" && "$candidate" --version >/dev/null 2>&1); then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

install_dotnet() {
  echo "build.sh: no .NET SDK on PATH satisfies global.json; installing one under .nuke/temp/dotnet" >&2
  mkdir -p "$TEMP"
  local script="$TEMP/dotnet-install.sh"
  curl -fsSL --max-time 60 https://dot.net/v1/dotnet-install.sh -o "$script" 2>/dev/null \
    || fail "cannot download dotnet-install.sh (offline?). Install the .NET SDK named in global.json and put dotnet on PATH."
  local version=(--channel LTS); [ -f "$ROOT/global.json" ] && version=(--jsonfile "$ROOT/global.json")
  bash "$script" "${version[@]}" --install-dir "$TEMP/dotnet" --no-path >&2 \
    || fail "dotnet-install.sh failed. Install the .NET SDK named in global.json and put dotnet on PATH."
}

# What the build program is made of: its own sources, the libraries it references, the shared props — those of
# them this repository has (a repository that adopted Shipgate through `dotnet new shipgate` has build/ alone).
inputs_hash() {
  local inputs=() input
  for input in build src global.json Directory.Build.props Directory.Packages.props; do
    [ -e "$ROOT/$input" ] && inputs+=("$input")
  done
  (cd "$ROOT" && find "${inputs[@]}" \
      \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

# The stamp holds the inputs' hash and the dotnet that compiled them. When it matches, the program runs at
# once with that dotnet: asking the SDK whether it satisfies global.json costs more than the run itself.
mkdir -p "$TEMP"
hash="$(inputs_hash)"
stamped() { [ -f "$BUILD_DLL" ] && [ "$(sed -n 1p "$STAMP" 2>/dev/null)" = "$hash" ] && [ -x "$(sed -n 2p "$STAMP")" ]; }
if ! stamped; then
  (
    flock 9  # two builds started at once compile the build program once
    if ! stamped; then
      DOTNET="$(find_dotnet || { install_dotnet; find_dotnet; })" || fail "no usable .NET SDK found after installing"
      echo "build.sh: compiling the build program (its inputs changed)" >&2
      "$DOTNET" build "$BUILD_PROJECT" -nologo -v:quiet > "$TEMP/bootstrap-build.log" 2>&1 \
        || { cat "$TEMP/bootstrap-build.log" >&2; fail "the build program does not compile (see above)"; }
      printf '%s\n%s\n' "$hash" "$DOTNET" > "$STAMP"
    fi
  ) 9>"$TEMP/bootstrap.lock"
fi
DOTNET="$(sed -n 2p "$STAMP")"

exec "$DOTNET" "$BUILD_DLL" "$@"
