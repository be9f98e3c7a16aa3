//! The committed header `ffi/include/peer_support.h` is the one cbindgen
//! generates from this crate: this test generates it and fails on any
//! difference. `UPDATE_HEADER=1 cargo test -p peer-support-ffi --test header`
//! rewrites it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

#[test]
fn the_committed_header_is_the_generated_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let generated = String::from_utf8(generated).unwrap();
    let path = dir.join("include/peer_support.h");
    if std::env::var_os("UPDATE_HEADER").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ffi/include/peer_support.h is not the header cbindgen generates from ffi/src; \
         run `UPDATE_HEADER=1 cargo test -p peer-support-ffi --test header` and commit it"
    );
}
