#!/bin/sh
# Build (once) the Debian trixie chroot with Blender 4.3, Xvfb and ImageMagick that
# `make gui-test` runs in. It is cached OUTSIDE the repository; nothing here is committed.
#   tools/gui/setup_chroot.sh [DIR]     (default: $CODEFORM_GUI_ROOT or /var/cache/codeform-gui)
#
# Debian's blender package does not pull in numpy, which Blender's own builds ship and
# CodeForm's pipeline needs (metrics); python3-numpy is installed beside it. A cache made
# before that gets it added here.
set -eu
DIR=${1:-${CODEFORM_GUI_ROOT:-/var/cache/codeform-gui}}
STAMP="$DIR/.codeform-ready"
PACKAGES=blender,python3-numpy,xvfb,xauth,imagemagick,fonts-dejavu-core

need_root() {
    if [ "$(id -u)" != 0 ]; then
        echo "gui chroot: $1 needs root (debootstrap, mounts)" >&2
        exit 1
    fi
}

if [ -f "$STAMP" ]; then
    if [ ! -d "$DIR/usr/lib/python3/dist-packages/numpy" ]; then
        need_root "adding python3-numpy to $DIR"
        echo "gui chroot: adding python3-numpy to the cached chroot"
        mountpoint -q "$DIR/proc" || mount -t proc proc "$DIR/proc"
        cp /etc/resolv.conf "$DIR/etc/resolv.conf" 2>/dev/null || true
        rc=0
        chroot "$DIR" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
            sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-numpy" \
            >"$DIR.log" 2>&1 || rc=$?
        umount "$DIR/proc" 2>/dev/null || true
        [ "$rc" = 0 ] || { tail -n 20 "$DIR.log" >&2; exit 1; }
    fi
    echo "gui chroot: cached at $DIR"
    exit 0
fi
need_root "building $DIR"
if ! command -v debootstrap >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
MIRROR=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
echo "gui chroot: debootstrap trixie into $DIR (about 3 minutes, 1.7 GB)"
rm -rf "$DIR"
mkdir -p "$DIR"
debootstrap --variant=minbase --include=$PACKAGES trixie "$DIR" "$MIRROR" >"$DIR.log" 2>&1 \
    || { tail -n 20 "$DIR.log" >&2; exit 1; }
touch "$STAMP"
echo "gui chroot: ready ($(du -sh "$DIR" | cut -f1))"
