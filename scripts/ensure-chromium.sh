#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts when missing (browser tests need both;
# without the fonts Chinese renders as boxes in screenshots).
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "Chromium or CJK fonts missing: install them with 'apt-get install -y chromium fonts-noto-cjk'." >&2
  exit 1
fi
echo "Installing Chromium and CJK fonts from Debian…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
