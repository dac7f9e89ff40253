//! The `sys` module's named version tuple and implementation namespace, and `dir()` of the caller.

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

#[test]
fn dir_without_arguments_lists_the_callers_names() {
    let out = percolate::run_capture(
        "import sys\nx = 1\ndef f(a, b=2):\n    c = 3\n    return dir()\nprint(f(1))\nprint([n for n in dir() if not n.startswith('__')])\nclass C:\n    y = 1\n    print(dir())\n",
        "x.py",
    );
    assert_eq!(
        out.stdout, "['a', 'b', 'c']\n['f', 'sys', 'x']\n['__module__', '__qualname__', 'y']\n",
        "stderr: {}",
        out.stderr
    );
}
