#!/bin/sh
# make gui-test: install the extension zip into Debian trixie's Blender 4.3 (a real GUI under
# Xvfb, Mesa llvmpipe) inside the cached chroot, drive the CodeForm sidebar through each state
# and write one screenshot per state to out/screenshots/.
#   tools/gui/run.sh [ZIP]      (default: dist/codeform-0.1.0.zip)
# Exit 0 when every state drew without a Python error; the log is out/screenshots/blender.log.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${CODEFORM_GUI_ROOT:-/var/cache/codeform-gui}
ZIP=${1:-$ROOT/dist/codeform-0.1.0.zip}
OUT=$ROOT/out/screenshots
WORK=/tmp/codeform-gui            # inside the chroot
[ -f "$DIR/.codeform-ready" ] || { echo "gui-test: no chroot at $DIR; run tools/gui/setup_chroot.sh" >&2; exit 1; }
[ -f "$ZIP" ] || { echo "gui-test: no extension zip at $ZIP; run make extension" >&2; exit 1; }

cleanup() {
    umount "$DIR/dev" 2>/dev/null || true
    umount "$DIR/proc" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
mountpoint -q "$DIR/proc" || mount -t proc proc "$DIR/proc"
mountpoint -q "$DIR/dev" || mount --bind /dev "$DIR/dev"

rm -rf "$DIR$WORK" "$OUT"
mkdir -p "$DIR$WORK/shots" "$DIR$WORK/user" "$OUT"
cp "$ZIP" "$DIR$WORK/codeform.zip"
cp "$ROOT/tools/gui/drive.py" "$DIR$WORK/drive.py"
cp -r "$ROOT/tools/gui/fixtures" "$DIR$WORK/fixtures"
# The desk lamp as the evaluation set has it: the image (named for the run), its mask and
# the recorded transcript the replay provider answers from.
cp "$ROOT/evalset/desk_lamp/reference.png" "$DIR$WORK/fixtures/desk_lamp.png"
cp "$ROOT/evalset/desk_lamp/mask.png" "$DIR$WORK/fixtures/mask.png"
cp "$ROOT/evalset/desk_lamp/transcripts/staged.json" "$DIR$WORK/fixtures/staged.json"

rc=0
chroot "$DIR" /usr/bin/env -i PATH=/usr/bin:/bin HOME=$WORK/user LANG=C.UTF-8 \
    BLENDER_USER_RESOURCES=$WORK/user XDG_CACHE_HOME=$WORK/user/cache \
    CODEFORM_ZIP=$WORK/codeform.zip CODEFORM_SHOTS=$WORK/shots CODEFORM_FIXTURES=$WORK/fixtures \
    /bin/sh -c "
        Xvfb :99 -screen 0 1280x1024x24 -nolisten tcp >$WORK/xvfb.log 2>&1 &
        XVFB=\$!
        sleep 1
        DISPLAY=:99 timeout 600 blender --factory-startup --enable-event-simulate --python $WORK/drive.py >$WORK/blender.log 2>&1
        rc=\$?
        kill \$XVFB
        exit \$rc" || rc=$?

cp "$DIR$WORK"/shots/*.png "$OUT"/ 2>/dev/null || true
cp "$DIR$WORK/blender.log" "$OUT/blender.log"
cp "$DIR$WORK/shots/report.txt" "$OUT/report.txt" 2>/dev/null || true
cat "$OUT/report.txt" 2>/dev/null || tail -n 30 "$OUT/blender.log"
if [ "$rc" != 0 ]; then
    echo "gui-test: FAILED (exit $rc); see $OUT/blender.log" >&2
    exit 1
fi
echo "gui-test: screenshots in $OUT"
