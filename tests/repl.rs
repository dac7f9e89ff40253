//! The REPL driven through a pseudo-terminal, as a user would type: the real binary, the real
//! line editor. The pty comes from libc (`openpty`); output is matched with the terminal's
//! escape sequences removed.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any expected output may take to appear.
const PATIENCE: Duration = Duration::from_secs(10);

/// A percolate process on a pseudo-terminal.
struct Terminal {
    /// The pty's master side (what the user types goes in here).
    master: File,
    /// Everything the process wrote, raw.
    output: Arc<Mutex<Vec<u8>>>,
    /// How much of the cleaned output earlier expectations consumed.
    seen: usize,
    /// How many prompts earlier lines answered (keys typed before the editor reads are lost,
    /// so every line waits for a prompt of its own).
    answered: usize,
    /// The process.
    child: Child,
}

/// Removes ANSI escape sequences and carriage returns.
fn clean(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    // Parameters, then one final byte in @..~.
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

impl Terminal {
    /// Starts percolate with `args` on a new pty, with `env` added to the environment.
    fn start(args: &[&str], env: &[(&str, &str)]) -> Terminal {
        let (mut master, mut slave) = (-1, -1);
        let size = libc::winsize {
            ws_row: 40,
            ws_col: 120,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two fds into the locals; the size struct is valid.
        let made = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(made, 0, "openpty");
        // SAFETY: both fds were just created by openpty and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut command = Command::new(env!("CARGO_BIN_EXE_percolate"));
        command
            .args(args)
            .env_remove("NO_COLOR")
            .env("TERM", "xterm")
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        for (k, v) in env {
            command.env(k, v);
        }
        // SAFETY: between fork and exec: a new session whose controlling terminal is the pty
        // (so Ctrl-C typed there is a SIGINT), with SIGINT at its default.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                Ok(())
            });
        }
        let child = command.spawn().expect("percolate starts");
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().expect("dup master");
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Terminal {
            master,
            output,
            seen: 0,
            answered: 0,
            child,
        }
    }

    /// The output so far, cleaned.
    fn text(&self) -> String {
        clean(&self.output.lock().expect("lock"))
    }

    /// Waits until `needle` appears after what earlier expectations consumed.
    fn expect(&mut self, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text();
            if let Some(at) = text[self.seen.min(text.len())..].find(needle) {
                self.seen += at + needle.len();
                return;
            }
            assert!(
                Instant::now() < deadline,
                "expected {needle:?} after {:?}\nin {text:?}",
                &text[self.seen.min(text.len())..]
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the primary prompt.
    fn prompt(&mut self) {
        self.expect(">>> ");
    }

    /// Types text (a `\r` is Enter).
    fn send(&mut self, keys: &str) {
        self.master
            .write_all(keys.as_bytes())
            .expect("write to the pty");
        self.master.flush().expect("flush");
    }

    /// Waits until the editor shows a prompt no earlier line answered.
    fn await_fresh_prompt(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text();
            let shown = text.matches(">>> ").count() + text.matches("... ").count();
            if shown > self.answered {
                self.answered += 1;
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no prompt for the next line in {text:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// After keys that make the editor redraw its line (and so print the prompt again): the
    /// prompt on screen now is the one being edited.
    fn resync(&mut self) {
        let text = self.text();
        let shown = text.matches(">>> ").count() + text.matches("... ").count();
        self.answered = shown - 1;
    }

    /// Types a line and presses Enter, once the editor is reading.
    fn line(&mut self, line: &str) {
        self.await_fresh_prompt();
        self.send(line);
        self.send("\r");
    }

    /// Types keys that end with something other than Enter (Tab, Ctrl-C), once the editor is
    /// reading; `ends_read` says whether they finish this prompt's read.
    fn keys(&mut self, keys: &str, ends_read: bool) {
        self.await_fresh_prompt();
        if !ends_read {
            self.answered -= 1;
        }
        self.send(keys);
    }

    /// Leaves with Ctrl-D and returns the exit code.
    fn leave(mut self) -> Option<i32> {
        self.keys("\x04", true);
        self.exit_code()
    }

    /// Waits for the process to end; returns its exit code.
    fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the REPL did not leave on Ctrl-D:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A history file of this test's own.
fn history_file(name: &str) -> String {
    let path = std::env::temp_dir().join(format!("percolate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path.display().to_string()
}

/// A REPL with its own history file and no colour.
fn repl(name: &str) -> Terminal {
    let history = history_file(name);
    let mut t = Terminal::start(&[], &[("PERCOLATE_HISTORY", &history), ("NO_COLOR", "1")]);
    t.expect("percolate ");
    t.prompt();
    t
}

#[test]
fn blocks_echo_underscore_and_errors() {
    let mut t = repl("blocks");
    t.line("def double(x):");
    t.expect("... ");
    // The editor indents the body by itself.
    t.line("return x * 2");
    t.expect("... ");
    t.line("");
    t.prompt();
    t.line("class Point:");
    t.line("def __repr__(self):");
    t.line("return 'Point()'");
    t.line("");
    t.prompt();
    t.line("double(21)");
    t.expect("42\n");
    t.prompt();
    t.line("_ + 1, Point()");
    t.expect("(43, Point())\n");
    t.prompt();
    t.line("1/0");
    t.expect("Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n");
    t.prompt();
    // An exception leaves `_` as it was.
    t.line("double(_[0])");
    t.expect("86\n");
    t.prompt();
    assert_eq!(t.leave(), Some(0));
}

#[test]
fn top_level_await_of_a_sleep_and_of_a_task() {
    let mut t = repl("await");
    t.line("import asyncio");
    t.prompt();
    t.line("async def work(x):");
    t.line("await asyncio.sleep(0.05)");
    t.line("return x + 1");
    t.line("");
    t.prompt();
    t.line("await asyncio.sleep(0.1, result='slept')");
    t.expect("'slept'\n");
    t.prompt();
    t.line("t = asyncio.create_task(work(41))");
    t.prompt();
    t.line("await t");
    t.expect("42\n");
    t.prompt();
    t.line("asyncio.run(work(1))");
    t.expect("2\n");
    t.prompt();
    // The session's loop is current again, and its tasks still run.
    t.line("asyncio.get_event_loop() is t.get_loop(), await work(2)");
    t.expect("(True, 3)\n");
    t.prompt();
    assert_eq!(t.leave(), Some(0));
}

#[test]
fn background_tasks_print_while_the_prompt_waits() {
    let mut t = repl("background");
    t.line("import asyncio");
    t.prompt();
    t.line("async def ticker():");
    t.line("for i in range(3):");
    t.line("await asyncio.sleep(0.1)");
    t.line("print('tick', i)");
    t.line("");
    t.line("");
    t.prompt();
    t.line("t = asyncio.create_task(ticker())");
    t.prompt();
    // Nothing else is typed: the loop runs while the editor waits. Each line is printed
    // above the prompt, which the editor then draws again below it.
    t.expect("tick 0\n>>> ");
    t.expect("tick 1\n>>> ");
    t.expect("tick 2\n>>> ");
    t.resync();
    t.line("t.done()");
    t.expect("True\n");
    assert_eq!(t.leave(), Some(0));
}

#[test]
fn ctrl_c_at_the_prompt_and_during_an_await() {
    let mut t = repl("interrupt");
    t.keys("half a line", false);
    std::thread::sleep(Duration::from_millis(100));
    t.keys("\x03", true);
    t.expect("KeyboardInterrupt\n");
    t.prompt();
    t.line("import asyncio");
    t.prompt();
    t.line("async def bg():");
    t.line("await asyncio.sleep(0.5)");
    t.line("print('background done')");
    t.line("");
    t.prompt();
    t.line("b = asyncio.create_task(bg())");
    t.prompt();
    t.line("await asyncio.sleep(10)");
    std::thread::sleep(Duration::from_millis(300));
    t.send("\x03");
    t.expect("Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyboardInterrupt\n");
    t.prompt();
    // The background task was not cancelled.
    t.expect("background done\n");
    t.line("b.cancelled(), 'alive'");
    t.expect("(False, 'alive')\n");
    assert_eq!(t.leave(), Some(0));
}

#[test]
fn ctrl_c_interrupts_a_busy_statement() {
    let mut t = repl("busy");
    t.line("n = 0");
    t.prompt();
    t.line("while True: n += 1");
    t.line("");
    std::thread::sleep(Duration::from_millis(300));
    t.send("\x03");
    t.expect("KeyboardInterrupt\n");
    t.prompt();
    t.line("n > 0");
    t.expect("True\n");
    assert_eq!(t.leave(), Some(0));
}

#[test]
fn tab_completes_attributes_and_names() {
    let mut t = repl("complete");
    t.line("import asyncio");
    t.prompt();
    t.keys("asyncio.cr\t", false);
    t.expect("asyncio.create_task");
    t.resync();
    t.keys("\x03", true);
    t.prompt();
    t.line("my_value = 5");
    t.prompt();
    t.keys("my_v\t", false);
    t.expect("my_value");
    t.resync();
    t.keys("\r", true);
    t.expect("5\n");
    t.prompt();
    assert_eq!(t.leave(), Some(0));
}

#[test]
fn history_persists_across_sessions() {
    let history = history_file("history");
    let env = [("PERCOLATE_HISTORY", history.as_str()), ("NO_COLOR", "1")];
    let mut first = Terminal::start(&[], &env);
    first.prompt();
    first.line("remembered = 'from the first session'");
    first.prompt();
    first.line("def f():");
    first.line("return 7");
    first.line("");
    first.prompt();
    assert_eq!(first.leave(), Some(0));
    let mut second = Terminal::start(&[], &env);
    second.prompt();
    // Up arrow recalls the block as one entry; Enter runs it whole.
    second.keys("\x1b[A", false);
    second.expect("return 7");
    second.resync();
    second.keys("\r", true);
    // Up moves through the lines of a multi-line entry before it goes further back.
    second.keys("\x1b[A\x1b[A\x1b[A", false);
    second.expect("remembered = 'from the first session'");
    second.resync();
    second.keys("\r", true);
    second.line("remembered, f()");
    second.expect("('from the first session', 7)\n");
    assert_eq!(second.leave(), Some(0));
    let _ = std::fs::remove_file(&history);
}

#[test]
fn an_unwritable_history_file_is_a_warning() {
    let mut t = Terminal::start(
        &[],
        &[
            ("PERCOLATE_HISTORY", "/nonexistent-dir/history"),
            ("NO_COLOR", "1"),
        ],
    );
    t.prompt();
    t.line("1 + 1");
    t.expect("2\n");
    t.keys("\x04", true);
    t.expect("percolate: warning: cannot write history to /nonexistent-dir/history");
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn colour_on_a_terminal_and_none_with_no_color() {
    let history = history_file("colour");
    let mut coloured = Terminal::start(&[], &[("PERCOLATE_HISTORY", history.as_str())]);
    coloured.prompt();
    coloured.keys("print(1)", false);
    let deadline = Instant::now() + PATIENCE;
    while !String::from_utf8_lossy(&coloured.output.lock().expect("lock")).contains("\x1b[36mprint")
    {
        assert!(Instant::now() < deadline, "no highlighting");
        std::thread::sleep(Duration::from_millis(20));
    }
    coloured.keys("\r", true);
    coloured.expect("1\n");
    coloured.line("1/0");
    coloured.expect("division by zero");
    let raw = String::from_utf8_lossy(&coloured.output.lock().expect("lock")).to_string();
    assert!(
        raw.contains("\x1b[1;35mZeroDivisionError\x1b[0m"),
        "{raw:?}"
    );
    let mut plain = repl("no-colour");
    plain.line("print(1)");
    plain.expect("1\n");
    plain.line("1/0");
    plain.expect("ZeroDivisionError: division by zero");
    let raw = String::from_utf8_lossy(&plain.output.lock().expect("lock")).to_string();
    assert!(!raw.contains("\x1b[36m"), "{raw:?}");
    assert!(!raw.contains("\x1b[1;35m"), "{raw:?}");
}

#[test]
fn interactive_flag_runs_the_file_then_prompts_in_its_globals() {
    let dir = std::env::temp_dir().join(format!("percolate-repl-i-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("script.py");
    std::fs::write(&script, "greeting = 'hello'\nprint('ran')\n").expect("write");
    let history = history_file("interactive");
    let mut t = Terminal::start(
        &["-i", script.to_str().expect("utf-8 path")],
        &[("PERCOLATE_HISTORY", history.as_str()), ("NO_COLOR", "1")],
    );
    t.expect("ran\n");
    t.prompt();
    t.line("greeting");
    t.expect("'hello'\n");
    assert_eq!(t.leave(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs percolate with `args` and `input` piped into its stdin (not a terminal).
fn run_piped(args: &[&std::ffi::OsStr], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_percolate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("percolate starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("ends")
}

#[test]
fn piped_stdin_runs_a_program() {
    let out = run_piped(&[], b"def f():\n    return 6 * 7\n\nprint(f())\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    assert!(out.stderr.is_empty(), "no banner: {:?}", out.stderr);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn interactive_file_with_piped_stdin_writes_prompts_to_stderr() {
    let dir = std::env::temp_dir().join(format!("percolate-repl-i-piped-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("five.py");
    std::fs::write(&script, "x = 5\n").expect("script");
    let out = run_piped(
        &["-i".as_ref(), script.as_os_str()],
        b"x\nfor i in range(2):\n    print(i)\n\n1/0\n",
    );
    // What python3 -i writes for the same input: prompts (no newline after them) on stderr.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "5\n0\n1\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        ">>> >>> ... ... >>> Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n>>> \n"
    );
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_leaves_with_its_status() {
    let mut t = repl("exit");
    t.line("import sys");
    t.line("sys.exit(3)");
    assert_eq!(t.exit_code(), Some(3));
}
