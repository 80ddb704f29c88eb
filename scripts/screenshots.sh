#!/usr/bin/env bash
# Regenerates docs/screenshots/ from the demo archive: the HTML report in Chromium at
# desktop (1280 px) and phone (390 px) width and printed to PDF, and every sheet of the
# workbook as LibreOffice prints it.
#
#   scripts/screenshots.sh
#
# Needs (Debian): chromium, libreoffice-calc-nogui, poppler-utils, fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=docs/screenshots
mkdir -p "$OUT"
rm -f "$OUT"/*.png
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for tool in chromium libreoffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done

cargo build --quiet --bin guicang
# A fixed time, so that the pictures change only when the reports do.
GUICANG_NOW=2026-11-30T08:00:00Z ./target/debug/guicang check fixtures/demo-archive -q \
    -o "$TMP/report.html" -o "$TMP/report.xlsx" || true

chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$TMP/profile" --hide-scrollbars "$@" 2>/dev/null
}
chrome --window-size=1280,2200 --screenshot="$OUT/html-desktop.png" "file://$TMP/report.html"
chrome --window-size=390,2600 --screenshot="$OUT/html-phone.png" "file://$TMP/report.html"
chrome --no-pdf-header-footer --print-to-pdf="$TMP/printed.pdf" "file://$TMP/report.html"
pdftoppm -png -r 50 -f 1 -l 2 "$TMP/printed.pdf" "$OUT/html-print"

# LibreOffice prints each sheet on its own pages; one picture per page.
libreoffice --headless --convert-to pdf --outdir "$TMP" "$TMP/report.xlsx" >/dev/null 2>&1
pdftoppm -png -r 110 "$TMP/report.pdf" "$OUT/workbook"
ls -1 "$OUT"
