#!/usr/bin/env bash
# The system libraries the bpy wheel needs to import and render headless (see FACTS.md).
# Installs the missing ones when run as root; otherwise says what to install and fails.
set -euo pipefail
PKGS="libx11-6 libxrender1 libxfixes3 libxi6 libxkbcommon0 libsm6 libxext6 libgl1 libegl1"
command -v dpkg-query >/dev/null 2>&1 || { echo "sysdeps: not a Debian-like system; make sure these libraries are installed: $PKGS"; exit 0; }
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "sysdeps: bpy needs these system libraries:$missing" >&2
  echo "sysdeps: install them with: sudo apt-get install --no-install-recommends$missing" >&2
  exit 1
fi
echo "sysdeps: installing$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
