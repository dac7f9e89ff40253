//! Generates the parser from `grammar/python.lalrpop` into `OUT_DIR`, and links the
//! `percolate` executable at a fixed address on Linux.

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
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
