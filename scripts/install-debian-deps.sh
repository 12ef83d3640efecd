#!/usr/bin/env bash
# Installs the Debian packages that the kiosk's tests need on a clean machine:
# Chromium (browser tests), PostgreSQL (server integration tests), socat (real
# pty pairs for serial drivers), ffmpeg (fake camera video), poppler (reading
# PDFs back), CUPS + cups-pdf (a real A4 print queue), CJK fonts, and a real PC/SC
# stack for the social security card: pcscd, libpcsclite-dev (the `smartcard` binding
# builds against it), vsmartcard's virtual reader (vpcd) and virtual card (vicc, whose
# Debian build needs pycryptodome), pcsc-tools (pcsc_scan, for people).
set -euo pipefail
pkgs=(chromium postgresql socat ffmpeg poppler-utils cups cups-client printer-driver-cups-pdf fonts-wqy-microhei fonts-noto-cjk espeak-ng pcscd libpcsclite-dev pcsc-tools vsmartcard-vpcd vsmartcard-vpicc python3-virtualsmartcard python3-pycryptodome)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then echo "debian deps: all present"; exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
