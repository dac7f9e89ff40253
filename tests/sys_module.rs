//! The `sys` module's named version tuple and implementation namespace.

#[test]
fn version_info_has_named_fields_and_implementation_is_percolate() {
    let out = percolate::run_capture(
        "import sys\nprint(sys.version_info >= (3, 8), sys.version_info.major, sys.version_info.minor, sys.version_info[:2])\nprint(sys.implementation.name, sys.implementation.cache_tag)\n",
        "x.py",
    );
    assert_eq!(
        out.stdout, "True 3 12 (3, 12)\npercolate None\n",
        "stderr: {}",
        out.stderr
    );
}
