//! Builtin I/O: open() and file objects, codecs with error handlers, input() and exit(); each
//! program must print exactly what python3 (3.11) printed for it.

use percolate::run_capture;

/// Runs `source` and asserts its stdout; `/tmp/bt/` in both stands for a fresh scratch directory.
fn check(tag: &str, source: &str, expected: &str) {
    let dir = std::env::temp_dir().join(format!("percolate_builtins_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let prefix = format!("{}/", dir.display());
    let outcome = run_capture(&source.replace("/tmp/bt/", &prefix), "main.py");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(outcome.stderr, "", "stderr of {tag}");
    assert_eq!(
        outcome.stdout,
        expected.replace("/tmp/bt/", &prefix),
        "stdout of {tag}"
    );
}

#[test]
fn open_read_write_append() {
    check(
        "open_read_write_append",
        r##"p = "/tmp/bt/_pt.txt"
with open(p, "w") as f:
    print(f.write("line1\nline2\n"))
    f.write("line3\n")
with open(p, "a") as f:
    f.write("line4")
with open(p) as f:
    print(repr(f.read()))
with open(p) as f:
    print(repr(f.readline()), f.readlines())
with open(p, "r") as f:
    for line in f:
        print(repr(line))
with open(p, "rb") as f:
    print(f.read(5), f.read())
with open(p, "wb") as f:
    f.write(b"\x00\x01")
with open(p, "rb") as f:
    print(f.read())
f = open(p); print(f.closed); f.close(); print(f.closed)
try:
    open("/tmp/bt/nope.txt")
except FileNotFoundError as e:
    print(e)
try:
    open("x")
except OSError as e:
    print(e.errno, e.strerror, e.filename)
"##,
        r##"12
'line1\nline2\nline3\nline4'
'line1\n' ['line2\n', 'line3\n', 'line4']
'line1\n'
'line2\n'
'line3\n'
'line4'
b'line1' b'\nline2\nline3\nline4'
b'\x00\x01'
False
True
[Errno 2] No such file or directory: '/tmp/bt/nope.txt'
2 No such file or directory x
"##,
    );
}

#[test]
fn open_errors_and_modes() {
    check(
        "open_errors_and_modes",
        r##"f = open("/tmp/bt/_q.txt", "w")
try:
    f.read()
except Exception as e:
    print(type(e).__name__, e)
f.close()
try:
    f.write("x")
except ValueError as e:
    print(e)
with open("/tmp/bt/_q.txt", "wb") as g:
    try:
        g.write("s")
    except TypeError as e:
        print(e)
with open("/tmp/bt/_q.txt", "w") as g:
    try:
        g.write(b"s")
    except TypeError as e:
        print(e)
    g.writelines(["a\n", "b\n"])
print(open("/tmp/bt/_q.txt").read().splitlines())
print(list(open("/tmp/bt/_q.txt")))
try:
    open("/tmp/bt/_q.txt", "q")
except ValueError as e:
    print(e)
try:
    open("/tmp")
except IsADirectoryError as e:
    print(e)
"##,
        r##"UnsupportedOperation not readable
I/O operation on closed file.
a bytes-like object is required, not 'str'
write() argument must be str, not bytes
['a', 'b']
['a\n', 'b\n']
invalid mode: 'q'
[Errno 21] Is a directory: '/tmp'
"##,
    );
}

/// Runs the percolate binary on `source` with `stdin` piped in; returns (stdout, stderr, status).
fn run_binary(tag: &str, source: &str, stdin: &str) -> (String, String, i32) {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("percolate_builtins_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let script = dir.join("main.py");
    std::fs::write(&script, source).expect("script written");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_percolate"))
        .arg(&script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("percolate starts");
    child
        .stdin
        .take()
        .expect("stdin piped")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    let out = child.wait_with_output().expect("percolate finishes");
    let _ = std::fs::remove_dir_all(&dir);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn input_reads_lines_and_raises_eof_error() {
    let (stdout, _, status) = run_binary(
        "input",
        "x = input('name? ')\nprint('hi', x)\ny = input()\nprint(repr(y))\ntry:\n    input()\nexcept EOFError as e:\n    print('EOF', repr(e))\n",
        "bob\nline2\n",
    );
    assert_eq!(
        stdout,
        "name? hi bob\n'line2'\nEOF EOFError('EOF when reading a line')\n"
    );
    assert_eq!(status, 0);
}

/// The process ends from the interpreter thread without tearing the VM down: what the
/// program wrote last (a line without its newline, a file it never closed) still arrives,
/// and the status is the program's.
#[test]
fn output_and_status_survive_the_fast_exit() {
    let dir = std::env::temp_dir().join(format!("percolate_fast_exit_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let data = dir.join("unclosed.txt");
    let source = format!(
        "import sys\nf = open({:?}, 'w')\nf.write('kept')\nsys.stdout.write('partial ')\n\
         sys.stderr.write('err')\nexit(4)\n",
        data.display().to_string()
    );
    let (stdout, stderr, status) = run_binary("fast_exit", &source, "");
    let written = std::fs::read_to_string(&data).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        (stdout.as_str(), stderr.as_str(), status),
        ("partial ", "err", 4)
    );
    assert_eq!(written, "kept");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_percolate"))
        .args(["-c", "print('a', end='')"])
        .output()
        .expect("percolate runs");
    assert_eq!(
        (out.stdout.as_slice(), out.status.code()),
        (&b"a"[..], Some(0))
    );
}

/// `-c CODE` is parsed without clap: everything after the code, flags included, is argv,
/// as for python; a `-c` without its code still gets clap's usage error.
#[test]
fn command_line_c_takes_the_rest_as_argv() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_percolate"))
        .args([
            "-c",
            "import sys; print(sys.argv)",
            "a",
            "-b",
            "--ast",
            "-c",
        ])
        .output()
        .expect("percolate runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "['-c', 'a', '-b', '--ast', '-c']\n"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_percolate"))
        .arg("-c")
        .output()
        .expect("percolate runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("CODE"));
    // `percolate SCRIPT ARG...` is parsed without clap too: the script's path as given
    // first, then the rest, options included; a missing script is status 2 with python's
    // message.
    let dir = std::env::temp_dir().join(format!("percolate_script_argv_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("argv.py"), "import sys; print(sys.argv)\n").expect("script");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_percolate"))
        .current_dir(&dir)
        .args(["argv.py", "-i", "--ast", "x"])
        .output()
        .expect("percolate runs");
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_percolate"))
        .current_dir(&dir)
        .arg("missing.py")
        .output()
        .expect("percolate runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "['argv.py', '-i', '--ast', 'x']\n"
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("No such file or directory"));
}

/// SIGPIPE is ignored (std's runtime entry, which the binary bypasses, used to do it; CPython
/// does too): writing to a pipe nobody reads does not kill the process by the signal.
#[test]
fn a_closed_stdout_pipe_does_not_kill_by_sigpipe() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_percolate"))
        .args([
            "-c",
            "import sys\ntry:\n    for i in range(20000): print('x' * 100)\nexcept OSError:\n    pass\nsys.stderr.write('end')\n",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("percolate starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("percolate finishes");
    assert!(
        out.status.code().is_some(),
        "killed by a signal: {:?}",
        out.status
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("end"));
}

/// The binary runs the program on a big stack switched to on the main thread: recursion
/// through Rust re-entries (dunders, key functions) still reaches RecursionError, not the
/// stack's end, and a program that raises one still exits normally.
#[test]
fn deep_recursion_through_dunders_on_the_switched_stack() {
    let source = r#"import sys
class A:
    def __repr__(self): return repr(self)
    def __eq__(self, o): return self == o
def f(n): return 0 if n == 0 else 1 + f(n - 1)
def g(x): return sorted([1, 2], key=g)
print(f(900))
for test in (lambda: repr(A()), lambda: A() == A(), lambda: g(0), lambda: f(10**6)):
    try:
        test()
    except RecursionError:
        print('RecursionError')
sys.setrecursionlimit(20000)
print(f(15000))
"#;
    let (stdout, stderr, status) = run_binary("deep_recursion", source, "");
    assert_eq!(
        (stdout.as_str(), stderr.as_str(), status),
        (
            "900\nRecursionError\nRecursionError\nRecursionError\nRecursionError\n15000\n",
            "",
            0
        )
    );
}

#[test]
fn exit_and_quit_set_the_status() {
    let (_, _, status) = run_binary("exit", "print('x')\nexit(3)\nprint('not reached')\n", "");
    assert_eq!(status, 3);
    let (stdout, stderr, status) = run_binary("quit", "quit('bye')\n", "");
    assert_eq!((stdout.as_str(), stderr.as_str(), status), ("", "bye\n", 1));
}

#[test]
fn open_print_to_file_seek_tell_and_plus_modes() {
    check(
        "open_print_to_file_seek_tell_and_plus_modes",
        r##"p = "/tmp/bt/_f8.txt"
with open(p, "w", encoding="utf-8") as f:
    print("hello", 42, file=f)
    print("x", "y", sep="-", end="!\n", file=f)
with open(p, encoding="utf-8") as f:
    print(f.read())
    print(f.tell())
    f.seek(0)
    print(f.readline(), end="")
    print(f.name, f.mode, f.closed, f.readable(), f.writable())
with open(p, "r+") as f:
    f.write("J")
print(open(p).read(3))
f = open(p)
f.close()
try:
    f.read()
except ValueError as e:
    print(e)
with open(p, "x") if False else open(p, "a+") as f:
    f.write("tail")
    f.seek(0)
    print(repr(f.read()))
try:
    open(p, "x")
except FileExistsError as e:
    print(type(e).__name__, e.errno)
with open(p, "rb") as f:
    print(f.seek(-4, 2), f.read(), f.tell(), f.seek(1), f.read(2), f.seek(2, 1), f.read(1))
    for bad in [lambda: f.seek(-1), lambda: f.seek(-100, 1)]:
        try:
            bad()
        except (ValueError, OSError) as e:
            print(type(e).__name__, e)
with open(p) as f:
    try:
        f.seek(1, 1)
    except OSError as e:
        print(type(e).__name__, e)
"##,
        r##"hello 42
x-y!

14
hello 42
/tmp/bt/_f8.txt r False True False
Jel
I/O operation on closed file.
'Jello 42\nx-y!\ntail'
FileExistsError 17
14 b'tail' 18 1 b'el' 5 b' '
OSError [Errno 22] Invalid argument
OSError [Errno 22] Invalid argument
UnsupportedOperation can't do nonzero cur-relative seeks
"##,
    );
}

#[test]
fn open_with_encodings() {
    check(
        "open_with_encodings",
        r##"p = "/tmp/bt/_enc.txt"
with open(p, "w", encoding="latin-1") as f:
    print(f.write("café\n"))
with open(p, "rb") as f:
    print(f.read())
with open(p, encoding="latin-1") as f:
    print(f.read(3), f.read())
try:
    open(p, encoding="utf-8").read()
except UnicodeDecodeError as e:
    print(e)
try:
    open(p, encoding="klingon")
except LookupError as e:
    print(e)
with open(p, "w", encoding="ascii") as f:
    try:
        f.write("é")
    except UnicodeEncodeError as e:
        print(e)
"##,
        r##"5
b'caf\xe9\n'
caf é

'utf-8' codec can't decode byte 0xe9 in position 3: invalid continuation byte
unknown encoding: klingon
'ascii' codec can't encode character '\xe9' in position 0: ordinal not in range(128)
"##,
    );
}

#[test]
fn codec_error_handlers() {
    check(
        "codec_error_handlers",
        r##"bad = b"a\xffb\xe2\x82c\xe2\x82\xac"
for h in ["ignore", "replace", "backslashreplace"]:
    print(h, repr(bad.decode("utf-8", h)), repr(bad.decode("ascii", errors=h)))
for h in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
    print(h, "é€😀x".encode("ascii", h), "é€😀x".encode("latin-1", h))
try:
    bad.decode("utf-8", "bogus")
except LookupError as e:
    print(e)
print(b"ok".decode("utf-8", "bogus"), "ok".encode(errors="bogus"))
"##,
        r##"ignore 'abc€' 'abc'
replace 'a�b�c€' 'a�b��c���'
backslashreplace 'a\\xffb\\xe2\\x82c€' 'a\\xffb\\xe2\\x82c\\xe2\\x82\\xac'
ignore b'x' b'\xe9x'
replace b'???x' b'\xe9??x'
backslashreplace b'\\xe9\\u20ac\\U0001f600x' b'\xe9\\u20ac\\U0001f600x'
xmlcharrefreplace b'&#233;&#8364;&#128512;x' b'\xe9&#8364;&#128512;x'
unknown error handler name 'bogus'
ok b'ok'
"##,
    );
}

#[test]
fn file_encoding_attribute_and_repr() {
    check(
        "file_encoding_attribute_and_repr",
        "p = '/tmp/bt/enc.txt'\nopen(p, 'w').close()\nf = open(p)\nprint(f.encoding, f.__repr__())\ng = open(p, encoding='latin-1')\nprint(g.encoding, g.__repr__())\n",
        "UTF-8 <_io.TextIOWrapper name='/tmp/bt/enc.txt' mode='r' encoding='UTF-8'>\nlatin-1 <_io.TextIOWrapper name='/tmp/bt/enc.txt' mode='r' encoding='latin-1'>\n",
    );
}
