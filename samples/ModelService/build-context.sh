#!/usr/bin/env bash
# Makes the Docker build context of the sample image by hand, the same way Shipgate.LocalStack's
# ImageContextBuilder does for ./build.sh Image:
#   samples/ModelService/build-context.sh [CONTEXT_DIR]      (default artifacts/modelservice-image)
#   docker build -t modelservice:dev CONTEXT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
context="${1:-$here/../../artifacts/modelservice-image}"
rm -rf "$context"
mkdir -p "$context/rootfs/tmp"
chmod 1777 "$context/rootfs/tmp"

dotnet publish "$here/ModelService.csproj" -c Release -r linux-x64 --self-contained \
  -p:InvariantGlobalization=true -p:DebugType=none -o "$context/app" --nologo
# LTTng tracing is optional and absent; without its provider .NET never loads it.
rm -f "$context/app/libcoreclrtraceptprovider.so"

# Every host library the launcher and the runtime's native parts link against (glibc, libstdc++, libgcc_s).
for binary in "$context/app/ModelService" "$context/app/"*.so; do
  ldd "$binary"
done | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | grep -v "^$context/app/" | sort -u | while read -r lib; do
  mkdir -p "$context/rootfs$(dirname "$lib")"
  cp -L "$lib" "$context/rootfs$lib"
done

cp "$here/Dockerfile" "$context/Dockerfile"
du -sh "$context"
