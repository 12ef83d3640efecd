#!/usr/bin/env bash
# Installs the Debian packages that the kiosk's tests need on a clean machine:
# Chromium (browser tests), PostgreSQL (server integration tests), socat (real
# pty pairs for serial drivers), ffmpeg (fake camera video), poppler (reading
# PDFs back), CUPS + cups-pdf (a real A4 print queue), CJK fonts.
set -euo pipefail
pkgs=(chromium postgresql socat ffmpeg poppler-utils cups cups-client printer-driver-cups-pdf fonts-wqy-microhei fonts-noto-cjk espeak-ng)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then echo "debian deps: all present"; exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
