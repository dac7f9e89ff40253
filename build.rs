//! Generates the parser from `grammar/python.lalrpop` into `OUT_DIR`.

fn main() {
    println!("cargo:rerun-if-changed=grammar/python.lalrpop");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .expect("grammar/python.lalrpop must generate a parser");
}
