#!/usr/bin/env bash
# Installs the Debian packages the tests need: fonts (synthetic data, plots), Pango and
# HarfBuzz-subset (PDF reports), Chromium (page tests), PostgreSQL (database tests), podman
# (container smoke test). Idempotent.
set -euo pipefail

packages=(
  fonts-dejavu fonts-liberation2 fonts-noto-core fonts-roboto-unhinted fonts-open-sans
  fonts-lato fonts-inter fonts-cabin fonts-bebas-neue fonts-firacode fonts-urw-base35
  fonts-crosextra-carlito fonts-crosextra-caladea fonts-freefont-ttf
  fonts-paratype fonts-roboto-slab fonts-karla fonts-league-spartan fonts-quicksand
  fonts-comfortaa
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  chromium postgresql podman runc debootstrap
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing system packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
