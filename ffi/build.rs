//! Gives the shared library a SONAME on Linux, so that a program linked
//! against one ABI version loads only a library of that version:
//! `libpeer_support.so.0.1` while the major version is 0 (where a minor
//! version may break the ABI), `libpeer_support.so.MAJOR` from 1.0 on.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
        let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
        let abi = if major == "0" {
            format!("0.{minor}")
        } else {
            major
        };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libpeer_support.so.{abi}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
