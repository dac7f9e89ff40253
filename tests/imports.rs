//! Imports of user modules and packages next to the script, run through the binary: relative
//! imports at several levels, and errors raised inside a submodule propagating as they are.

use std::path::Path;
use std::process::Command;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create the package folders");
    }
    std::fs::write(path, text).expect("write a module");
}

#[test]
fn relative_imports_and_submodule_errors_behave_as_in_cpython() {
    let root = std::env::temp_dir().join(format!("percolate-imports-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    write(&root, "pkg/__init__.py", "");
    write(&root, "pkg/util.py", "X = 'util-x'\n");
    write(&root, "pkg/sub/__init__.py", "");
    write(&root, "pkg/sub/helper.py", "NAME = 'helper'\n");
    write(
        &root,
        "pkg/sub/mod.py",
        "from ..util import X\nfrom . import helper\nVALUE = X + '/' + helper.NAME\n",
    );
    write(
        &root,
        "pkg/sub/broken.py",
        "raise ValueError('inside broken')\n",
    );
    write(
        &root,
        "main.py",
        "from pkg.sub.mod import VALUE\nprint(VALUE)\ntry:\n    from pkg.sub import broken\nexcept ValueError as e:\n    print('ValueError', e)\ntry:\n    from pkg.sub import nothere\nexcept ImportError as e:\n    print(type(e).__name__, str(e).split(' (')[0])\n",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_percolate"))
        .arg("main.py")
        .current_dir(&root)
        .output()
        .expect("percolate runs");
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "util-x/helper\nValueError inside broken\nImportError cannot import name 'nothere' from 'pkg.sub'\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
