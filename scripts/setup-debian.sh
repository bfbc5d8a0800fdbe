#!/usr/bin/env bash
# Installs the Debian 12 build dependencies and extracts the data sets into data/.
# Safe to re-run: it installs only what is missing and keeps existing data files.
#
# The data sets are the ones scikit-learn bundles (python3-sklearn 1.2.1 on Debian 12);
# we unpack the .deb instead of installing it to avoid pulling in the Python stack.
#   breast_cancer.csv  header "569,30,malignant,benign" (rows, features, names of
#                      target 0 and 1), then 569 rows of 30 float features and an
#                      integer target: 0 = malignant (212 rows), 1 = benign (357).
#   digits.csv.gz      gzipped, no header; 1797 rows of 64 integer pixels (0..16,
#                      8x8 row-major) then the digit label 0..9. Unpacked as digits.csv.
#   iris.csv           header "150,4,setosa,versicolor,virginica", then 150 rows of
#                      4 float features and a target 0..2.
# All files are plain ASCII, comma separated, LF line endings, no quoting.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir="$repo/data"
packages=(cmake g++ clang make libboost-dev libboost-test-dev libeigen3-dev libadolc-dev liblbfgspp-dev valgrind
          libopenmpi-dev openmpi-bin)
data_files=(breast_cancer.csv digits.csv.gz iris.csv)
sklearn_data=usr/lib/python3/dist-packages/sklearn/datasets/data

die() { echo "setup-debian.sh: error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "must run as root or have sudo to run: $*"
  fi
}

apt_updated=0
apt_update() {
  [ "$apt_updated" -eq 1 ] && return
  as_root apt-get update || die "apt-get update failed (is the Debian archive reachable?)"
  apt_updated=1
}

# `dpkg -s` also succeeds for removed packages whose config files remain.
is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

command -v dpkg-query >/dev/null 2>&1 || die "dpkg not found; this script targets Debian 12"

missing=()
for p in "${packages[@]}"; do
  is_installed "$p" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-debian.sh: installing ${missing[*]}"
  apt_update
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
fi

need_data=0
for f in "${data_files[@]}"; do
  [ -s "$data_dir/$f" ] || need_data=1
done
if [ "$need_data" -eq 1 ]; then
  echo "setup-debian.sh: extracting data sets from python3-sklearn into $data_dir"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # As root apt downloads as the _apt user, which can't write to a 0700 root dir.
  if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
    chown _apt "$tmp"
  fi
  # A fresh image has empty package lists, so retry once after an update.
  if ! (cd "$tmp" && apt-get download python3-sklearn); then
    apt_update
    (cd "$tmp" && apt-get download python3-sklearn) \
      || die "apt-get download python3-sklearn failed"
  fi
  debs=("$tmp"/python3-sklearn_*.deb)
  [ -f "${debs[0]}" ] || die "apt-get download produced no python3-sklearn .deb"
  dpkg-deb -x "${debs[0]}" "$tmp/x" || die "dpkg-deb -x ${debs[0]} failed"
  mkdir -p "$data_dir"
  for f in "${data_files[@]}"; do
    src="$tmp/x/$sklearn_data/$f"
    [ -f "$src" ] || die "$f not found in ${debs[0]##*/} (expected at /$sklearn_data/$f)"
    # Copy then rename so an interrupted run never leaves a truncated file behind.
    cp "$src" "$data_dir/.$f.tmp"
    mv "$data_dir/.$f.tmp" "$data_dir/$f"
  done
fi

# The digits table unpacked once, so that the examples read plain CSV (gzip is essential
# on Debian, so always present).
if [ ! -s "$data_dir/digits.csv" ]; then
  gzip -dc "$data_dir/digits.csv.gz" > "$data_dir/.digits.csv.tmp" || die "cannot unpack digits.csv.gz"
  mv "$data_dir/.digits.csv.tmp" "$data_dir/digits.csv"
fi
[ "$(wc -l < "$data_dir/digits.csv")" -eq 1797 ] || die "unexpected row count in $data_dir/digits.csv"

header=$(head -n 1 "$data_dir/breast_cancer.csv")
[ "$header" = "569,30,malignant,benign" ] \
  || die "unexpected header in $data_dir/breast_cancer.csv: '$header'"
