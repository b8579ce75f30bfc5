#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages that `make run` or `make test` need and a fresh
# machine lacks (Qt's runtime libraries, poppler for the PDF tests, GDAL's tools for the
# GeoPackage interoperability tests). Usage: tools/system-packages.sh run|test
#
# Quiet when everything is there. Elsewhere (macOS, Windows, a Linux without apt) it does
# nothing: the Python wheels carry what the app needs there.
set -euo pipefail
cd "$(dirname "$0")"
purpose="${1:-test}"
command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || exit 0

wanted=()
while read -r package purposes; do
  [[ -z "$package" || "$package" == \#* ]] && continue
  [[ ",$purposes," == *",$purpose,"* ]] || continue
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || wanted+=("$package")
done < debian-packages.txt
((${#wanted[@]})) || exit 0

if [[ "$(id -u)" == 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "Missing system packages: ${wanted[*]}" >&2
  echo "Install them once with: sudo apt-get install ${wanted[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${wanted[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}" </dev/null >/dev/null
