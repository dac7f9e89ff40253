//! Ctrl-C (SIGINT) against the real binary: a script ends with CPython's `KeyboardInterrupt`
//! traceback and is killed by SIGINT (status -2, a shell's 130), as `python3` is; during
//! `asyncio.run` the main task is cancelled first (runners.py).

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::Duration;

/// What the interrupted process left behind.
struct Interrupted {
    /// The signal that ended the process, if one did.
    signal: Option<i32>,
    /// The exit code, if it exited normally.
    code: Option<i32>,
    /// Everything it wrote to stdout.
    stdout: String,
    /// Everything it wrote to stderr.
    stderr: String,
}

/// Runs `source` with percolate, waits for its first line of output, sends SIGINT, and
/// collects the outcome.
fn interrupt_after_first_line(source: &str) -> Interrupted {
    let mut command = Command::new(env!("CARGO_BIN_EXE_percolate"));
    command
        .arg("-c")
        .arg(source)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: only resets a signal disposition between fork and exec. A test runner started
    // in the background ignores SIGINT, and the child would inherit that.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = command.spawn().expect("percolate starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first line");
    // The program is now inside its loop or its sleep.
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: signals our own child process.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    // A process that ignores the interrupt is killed after a while (and the test fails).
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("stdout");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("the child ends");
    Interrupted {
        signal: status.signal(),
        code: status.code(),
        stdout: first + &rest,
        stderr,
    }
}

#[test]
fn a_busy_loop_ends_with_keyboard_interrupt_and_sigint() {
    let out =
        interrupt_after_first_line("print('start', flush=True)\ni = 0\nwhile True:\n    i += 1\n");
    assert_eq!(
        out.signal,
        Some(libc::SIGINT),
        "code {:?}: {}",
        out.code,
        out.stderr
    );
    assert_eq!(out.stdout, "start\n");
    assert!(
        out.stderr
            .starts_with("Traceback (most recent call last):\n"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().last(), Some("KeyboardInterrupt"));
}

#[test]
fn asyncio_run_cancels_the_main_task_then_raises_keyboard_interrupt() {
    let out = interrupt_after_first_line(
        "import asyncio\n\
         async def main():\n\
         \x20   print('start', flush=True)\n\
         \x20   try:\n\
         \x20       await asyncio.sleep(10)\n\
         \x20   except asyncio.CancelledError:\n\
         \x20       print('cancelled', flush=True)\n\
         \x20       raise\n\
         asyncio.run(main())\n",
    );
    assert_eq!(
        out.signal,
        Some(libc::SIGINT),
        "code {:?}: {}",
        out.code,
        out.stderr
    );
    assert_eq!(out.stdout, "start\ncancelled\n");
    assert!(
        out.stderr
            .contains("During handling of the above exception, another exception occurred:"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().last(), Some("KeyboardInterrupt"));
}

#[test]
fn a_caught_interrupt_lets_the_program_go_on() {
    let out = interrupt_after_first_line(
        "print('start', flush=True)\n\
         try:\n\
         \x20   while True:\n\
         \x20       pass\n\
         except KeyboardInterrupt:\n\
         \x20   print('caught')\n",
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "start\ncaught\n");
}

#[test]
fn a_python_sigint_handler_runs_instead() {
    let out = interrupt_after_first_line(
        "import signal\n\
         hit = []\n\
         old = signal.signal(signal.SIGINT, lambda signum, frame: hit.append(signum))\n\
         print('start', old is signal.default_int_handler, flush=True)\n\
         while not hit:\n\
         \x20   pass\n\
         print(hit, signal.getsignal(signal.SIGINT) is not old)\n",
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "start True\n[2] True\n");
}

#[test]
fn recursion_without_loops_is_interrupted_at_a_call() {
    let out = interrupt_after_first_line(
        "def fib(n):\n\
         \x20   return n if n < 2 else fib(n - 1) + fib(n - 2)\n\
         print('start', flush=True)\n\
         fib(100)\n",
    );
    assert_eq!(
        out.signal,
        Some(libc::SIGINT),
        "code {:?}: {}",
        out.code,
        out.stderr
    );
    assert!(out.stderr.contains("in fib\n"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().last(), Some("KeyboardInterrupt"));
}

#[test]
fn time_sleep_is_interrupted() {
    let out =
        interrupt_after_first_line("import time\nprint('start', flush=True)\ntime.sleep(30)\n");
    assert_eq!(
        out.signal,
        Some(libc::SIGINT),
        "code {:?}: {}",
        out.code,
        out.stderr
    );
    assert_eq!(out.stderr.lines().last(), Some("KeyboardInterrupt"));
}
