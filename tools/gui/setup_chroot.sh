#!/bin/sh
# Build (once) the Debian trixie chroot with Blender 4.3, Xvfb and ImageMagick that
# `make gui-test` runs in. It is cached OUTSIDE the repository; nothing here is committed.
#   tools/gui/setup_chroot.sh [DIR]     (default: $CODEFORM_GUI_ROOT or /var/cache/codeform-gui)
set -eu
DIR=${1:-${CODEFORM_GUI_ROOT:-/var/cache/codeform-gui}}
STAMP="$DIR/.codeform-ready"
if [ -f "$STAMP" ]; then
    echo "gui chroot: cached at $DIR"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "gui chroot: building $DIR needs root (debootstrap, mounts)" >&2
    exit 1
fi
if ! command -v debootstrap >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
MIRROR=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
echo "gui chroot: debootstrap trixie into $DIR (about 3 minutes, 1.7 GB)"
rm -rf "$DIR"
mkdir -p "$DIR"
debootstrap --variant=minbase --include=blender,xvfb,xauth,imagemagick,fonts-dejavu-core \
    trixie "$DIR" "$MIRROR" >"$DIR.log" 2>&1 || { tail -n 20 "$DIR.log" >&2; exit 1; }
touch "$STAMP"
echo "gui chroot: ready ($(du -sh "$DIR" | cut -f1))"
