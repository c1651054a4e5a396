#!/usr/bin/env bash
# Brings a bare Debian 12 machine to the point where Vernissage builds, tests and benchmarks.
# Idempotent: installs only what is missing and runs `apt-get update` at most once per call.
# Front-end packages (PhotoSwipe, compiled into the binary) and browser-test tools come from npm,
# pinned by package-lock.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the build, the tests and the benchmarks need. Keep sorted.
packages=(
  build-essential
  chromium
  clang
  clang-format
  cmake
  curl
  fonts-ebgaramond
  fonts-inter
  git
  googletest
  help2man
  libarchive-dev
  libboost-dev
  libcairo2-dev
  libclang-rt-14-dev
  libcmark-dev
  libcli11-dev
  libexif-dev
  libexiv2-dev
  libexpected-dev
  libfmt-dev
  libglib2.0-dev
  libgtest-dev
  libimage-exiftool-perl
  libjpeg62-turbo-dev
  libkainjow-mustache-dev
  liblcms2-dev
  libpango1.0-dev
  libpq-dev
  libqpdf-dev
  libraw-dev
  libsodium-dev
  libsqlite3-dev
  libtiff-dev
  libtomlplusplus-dev
  libvips-dev
  libvips-tools
  libxxhash-dev
  libyaml-cpp-dev
  munge
  nlohmann-json3-dev
  pkg-config
  poppler-utils
  postgresql-15
  python3
  qpdf
  slurm-wlm
  unzip
)

# Node.js and npm may come from another source (NodeSource bundles npm and conflicts with Debian's
# npm package), so they are installed from Debian only when the commands are absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

# node_modules is reused while the lock file is unchanged since the last install.
npm_ci() {
  local dir=$1 stamp=$1/node_modules/.lock-stamp
  if [[ ! -f $stamp ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  else
    echo "install-deps: $dir/node_modules up to date"
  fi
}
npm_ci "$here"

# `make bench` also needs the peers: thumbsup runs GraphicsMagick (and dcraw, its RAW delegate),
# libraw-bin has LibRaw's own dcraw_emu and simple_dcraw, GNU time measures memory, wrk loads the
# share server and nginx serves the same files as the static-server baseline.
if [[ ${1:-} == --bench ]]; then
  bench_missing=()
  for p in dcraw graphicsmagick libraw-bin nginx-light time wrk zip; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || bench_missing+=("$p")
  done
  if ((${#bench_missing[@]})); then
    sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
      "${bench_missing[@]}"
  fi
  npm_ci "$here/bench"
fi
