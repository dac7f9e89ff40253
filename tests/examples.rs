//! Runs every program in `examples/` through the `percolate` binary and snapshots its stdout,
//! stderr and exit status with insta; when `python3` is installed, also requires that its
//! stdout (and, on failure, the last line of stderr) equals CPython's for the same file.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of a program printed.
struct Outcome {
    /// Everything written to stdout.
    stdout: String,
    /// Everything written to stderr.
    stderr: String,
    /// The exit status (-1 when killed by a signal).
    status: i32,
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .expect("examples/ exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "py"))
        .collect();
    files.sort();
    files
}

/// Runs `program FILE` in `examples/` so that tracebacks show the bare file name.
fn run(program: &str, file: &Path) -> Outcome {
    let name = file.file_name().expect("a file name");
    let output = Command::new(program)
        .arg(name)
        .current_dir(examples_dir())
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("the program starts");
    Outcome {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        status: output.status.code().unwrap_or(-1),
    }
}

/// True for files whose first line says they need CPython 3.12 (python3 here is 3.11).
fn needs_python_312(file: &Path) -> bool {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.lines()
        .next()
        .is_some_and(|line| line.contains("3.12"))
}

#[test]
fn examples_match_their_snapshots() {
    for file in example_files() {
        let name = file
            .file_stem()
            .expect("a stem")
            .to_string_lossy()
            .into_owned();
        let out = run(env!("CARGO_BIN_EXE_percolate"), &file);
        // Tracebacks name the script by its absolute path, as CPython does; the snapshot must
        // not depend on where the repository was cloned.
        let examples = format!("{}/", examples_dir().display());
        let report = format!(
            "exit status: {}\n--- stdout\n{}--- stderr\n{}",
            out.status,
            out.stdout,
            out.stderr.replace(&examples, "[examples]/")
        );
        insta::assert_snapshot!(name, report);
    }
}

#[test]
fn examples_print_what_cpython_prints() {
    let python_available = Command::new("python3").arg("--version").output().is_ok();
    if !python_available {
        eprintln!("python3 not installed: skipping the comparison with CPython");
        return;
    }
    let mut mismatches = Vec::new();
    for file in example_files() {
        if needs_python_312(&file) {
            continue;
        }
        let ours = run(env!("CARGO_BIN_EXE_percolate"), &file);
        let cpython = run("python3", &file);
        let name = file
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if ours.stdout != cpython.stdout {
            mismatches.push(format!(
                "{name}: stdout differs\n--- percolate\n{}--- python3\n{}",
                ours.stdout, cpython.stdout
            ));
        }
        if (ours.status == 0) != (cpython.status == 0) {
            mismatches.push(format!(
                "{name}: exit status {} vs python3's {}",
                ours.status, cpython.status
            ));
        }
        let last_line = |s: &str| s.lines().last().unwrap_or("").to_string();
        if cpython.status != 0 && last_line(&ours.stderr) != last_line(&cpython.stderr) {
            mismatches.push(format!(
                "{name}: last stderr line {:?} vs python3's {:?}",
                last_line(&ours.stderr),
                last_line(&cpython.stderr)
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
