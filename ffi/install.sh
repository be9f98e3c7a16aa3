#!/usr/bin/env bash
# Builds the C library and installs it under PREFIX:
#   PREFIX/include/peer_support.h
#   PREFIX/lib/libpeer_support.so.VERSION, with the links
#     libpeer_support.so.0.1 (its SONAME) and libpeer_support.so
#   PREFIX/lib/libpeer_support.a
#   PREFIX/lib/pkgconfig/peer_support.pc
# so that a C program builds with
#   cc app.c $(pkg-config --cflags --libs peer_support)
# (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig when PREFIX is not a system one; at
# run time the loader must find PREFIX/lib, e.g. LD_LIBRARY_PATH), or links
# the static library: cc app.c -IPREFIX/include PREFIX/lib/libpeer_support.a
# -lpthread -ldl -lm.
#
#   ffi/install.sh PREFIX
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: ffi/install.sh PREFIX" >&2
  exit 64
fi
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p peer-support-ffi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 644 ffi/include/peer_support.h "$prefix/include/"
install -m 644 "$target/release/libpeer_support.a" "$prefix/lib/"
# The shared library under its full version, with the links a loader and
# a linker look for: its SONAME (ffi/build.rs) and the bare name.
soname=$(readelf -d "$target/release/libpeer_support.so" 2>/dev/null |
  sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
soname=${soname:-libpeer_support.so}
install -m 755 "$target/release/libpeer_support.so" "$prefix/lib/libpeer_support.so.$version"
if [ "$soname" != libpeer_support.so ]; then
  ln -sf "libpeer_support.so.$version" "$prefix/lib/$soname"
fi
ln -sf "libpeer_support.so.$version" "$prefix/lib/libpeer_support.so"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" ffi/peer_support.pc.in \
  >"$prefix/lib/pkgconfig/peer_support.pc"
echo "installed peer_support $version under $prefix"
