#!/usr/bin/env bash
# First command of the README: installs everything and builds everything into dist/.
# Chromium (for the PDF and the end-to-end tests) comes from the system: Debian's package
# when apt-get is available, otherwise any Chrome/Chromium named by CHROMIUM_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
need_chromium=1
for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  [ -n "$c" ] && [ -x "$c" ] && need_chromium=0 && break
done
if [ "$need_chromium" = 1 ] || ! command -v qpdf >/dev/null || ! command -v pdftoppm >/dev/null || [ ! -f /usr/share/java/epubcheck.jar ] \
   || ! fc-list 2>/dev/null | grep -qi 'Noto Color Emoji' || { [ ! -x /usr/sbin/nginx ] && [ ! -x /usr/bin/nginx ]; } \
   || ! command -v ebook-convert >/dev/null; then
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium epubcheck qpdf poppler-utils fonts-noto-color-emoji fonts-dejavu-core nginx-light calibre
  else
    echo "Chromium, epubcheck, qpdf, poppler-utils, nginx or calibre is missing and this system has no apt-get."
    echo "Install them with your package manager (e.g. 'brew install --cask chromium calibre && brew install qpdf poppler epubcheck nginx'),"
    echo "or set CHROMIUM_PATH=/path/to/chrome, then run this again."
    exit 1
  fi
fi
npm ci --no-audit --no-fund
npm run build
