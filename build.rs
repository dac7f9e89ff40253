//! Generates the parser from `grammar/python.lalrpop` into `OUT_DIR`, and links the
//! `percolate` executable at a fixed address on Linux, with its functions in the order
//! `benches/layout/symbol_order.txt` gives on x86-64 Linux.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=grammar/python.lalrpop");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .expect("grammar/python.lalrpop must generate a parser");
    // A position-independent executable has ~9,500 relative relocations (vtables, static
    // tables) that the dynamic loader applies at every start, writing ~40 pages of
    // .data.rel.ro and the GOT: a fixed-address link resolves them at link time, which takes
    // `percolate -c pass` from ~368 page faults to ~308 and its CPU time by a sixth.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    // The functions a program runs, packed together at the start of the text instead of
    // spread over all of it (benches/layout/symbol_order.py writes the list): the kernel
    // maps code in 64 KiB windows around each page touched, so spread-out code made 3.0 of
    // the 3.7 MB resident in tasks_spawn.py, packed code 1.6. `--symbol-ordering-file` is
    // lld's, the linker rustc uses on this target; names not in the binary (a debug build's,
    // or functions renamed since the list was made) are skipped without a warning.
    if env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu") {
        let order = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
            .join("benches")
            .join("layout")
            .join("symbol_order.txt");
        println!("cargo:rerun-if-changed={}", order.display());
        if order.exists() {
            println!(
                "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
                order.display()
            );
            println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
        }
    }
}
