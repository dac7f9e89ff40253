//! The `percolate` command line, with python's conventions.
//!
//! The binary has its own C `main` instead of std's runtime entry (`#![no_main]`): std's
//! start-up reads `/proc/self/maps` (sscanf over every mapping) to find the main thread's
//! stack guard and installs an alternate signal stack for overflow reports, ~130K
//! instructions and a dozen system calls that `-c pass` does not need (the interpreter runs
//! on a 512 MiB stack of its own — switched to on the main thread on x86-64 Linux, a thread
//! elsewhere — which a recursion limit keeps far from its end). What
//! else that entry does for a program — SIGPIPE ignored, fds 0-2 kept open, stdout flushed,
//! exit status 101 after a panic — `main` below does itself.

#![no_main]

use clap::Parser;
use std::ffi::{c_char, c_int};
use std::io::Write;
use std::io::{IsTerminal, Read};

/// mimalloc instead of the system malloc: the interpreter allocates many small objects, which
/// mimalloc's size-segregated free lists serve without glibc's per-chunk header and bin search.
#[global_allocator]
static GLOBAL: percolate::allocator::MiMalloc = percolate::allocator::MiMalloc;

/// mimalloc's `mi_option_arena_reserve` (its position in `mi_option_t`, mimalloc.h v3).
const MI_OPTION_ARENA_RESERVE: std::ffi::c_int = 23;

/// The first arena mimalloc reserves, in KiB: 64 MiB instead of its 1 GiB default, whose
/// bitmaps alone cost ~35 page faults to initialise (a tenth of `-c pass`'s startup), while
/// a program that grows past it just reserves another arena.
const ARENA_RESERVE_KIB: std::ffi::c_long = 64 * 1024;

unsafe extern "C" {
    /// mimalloc's `void mi_option_set(mi_option_t option, long value)`.
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Sets mimalloc's options before the first allocation (std allocates before `main`, so
/// this runs as an ELF constructor).
#[cfg(target_os = "linux")]
extern "C" fn configure_allocator() {
    // SAFETY: `mi_option_set` only stores an integer in mimalloc's option table, valid at
    // any time (mimalloc reads options lazily), with an option index that exists in v3.
    unsafe { mi_option_set(MI_OPTION_ARENA_RESERVE, ARENA_RESERVE_KIB) }
}

/// Registers `configure_allocator` to run at program load, before `main` and std's setup.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE_ALLOCATOR: extern "C" fn() = configure_allocator;

/// Command-line arguments, mirroring `python3`'s.
#[derive(Parser, Debug)]
#[command(
    name = "percolate",
    version,
    about = "A Python interpreter for async Python"
)]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    command: Option<String>,
    /// Print the AST of FILE and exit.
    #[arg(long = "ast")]
    ast: bool,
    /// Print the disassembly of every code object in FILE and exit.
    #[arg(long = "dis")]
    dis: bool,
    /// Run FILE, then start the REPL in its globals.
    #[arg(short = 'i')]
    interactive: bool,
    /// The script (or `-` for stdin) followed by its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// Converts an exit status to the process exit code (low 8 bits, as a shell sees it).
fn exit_code(status: i32) -> c_int {
    status & 0xff
}

/// Reads the program named on the command line; `-` or no file reads stdin.
fn read_program(path: Option<&str>) -> Result<(String, String), c_int> {
    match path {
        None | Some("-") => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("percolate: can't read <stdin>: {e}");
                return Err(2);
            }
            Ok((s, "<stdin>".to_string()))
        }
        Some(p) => match std::fs::read_to_string(p) {
            // CPython reports the main script by its absolute path (tracebacks, __file__).
            Ok(s) => Ok((
                s,
                std::path::absolute(p)
                    .map(|a| a.display().to_string())
                    .unwrap_or_else(|_| p.to_string()),
            )),
            Err(e) => {
                let abs = std::path::absolute(p)
                    .map(|a| a.display().to_string())
                    .unwrap_or_else(|_| p.to_string());
                let reason = match e.kind() {
                    std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                    _ => e.to_string(),
                };
                eprintln!(
                    "percolate: can't open file '{abs}': [Errno {}] {reason}",
                    e.raw_os_error().unwrap_or(0)
                );
                Err(2)
            }
        },
    }
}

/// The command line parsed without building clap's parser (which costs ~60K instructions
/// and its code's page faults) when it is `-c CODE [ARG...]` or `SCRIPT [ARG...]` with
/// SCRIPT not starting with `-`, the forms clap would parse to the same `Cli`; None for any
/// other (clap parses those, and reports usage errors).
fn fast_cli() -> Option<Cli> {
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string().ok())
        .collect::<Option<Vec<String>>>()?;
    let first = args.first()?;
    let command = if first == "-c" {
        let code = args.get(1)?.clone();
        args.drain(..2);
        Some(code)
    } else if first.starts_with('-') {
        return None;
    } else {
        None
    };
    Some(Cli {
        command,
        ast: false,
        dis: false,
        interactive: false,
        args,
    })
}

/// The process entry point (see the module comment): what std's runtime entry would do for
/// this program, then the command line.
#[unsafe(no_mangle)]
extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    prepare_process();
    // A panic that reaches here exits with status 101, as from std's entry (the panic hook
    // has printed its message already).
    let code = std::panic::catch_unwind(run_command_line).unwrap_or(101);
    let _ = std::io::stdout().flush();
    code
}

/// std's process set-up that matters here: SIGPIPE ignored (as CPython does: a write to a
/// closed pipe fails with EPIPE, a BrokenPipeError, instead of killing the process), and
/// fds 0-2 opened on /dev/null when the parent closed them, so no file opened later takes
/// the place of stdin, stdout or stderr.
fn prepare_process() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `signal` with SIG_IGN changes only the disposition; `poll` reads and writes
    // exactly the three `pollfd`s it is given; `open` gets a NUL-terminated path.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        if libc::poll(fds.as_mut_ptr(), 3, 0) >= 0 {
            for _ in fds.iter().filter(|p| p.revents & libc::POLLNVAL != 0) {
                // open() takes the lowest free fd, which is the closed one.
                let _ = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
            }
        }
    }
}

/// Parses the command line and runs what it asks for; returns the exit code.
fn run_command_line() -> c_int {
    let cli = fast_cli().unwrap_or_else(Cli::parse);
    percolate::vm::interrupt::install();
    let code = run(&cli);
    // An uncaught KeyboardInterrupt ends the process by SIGINT, as CPython does.
    percolate::vm::interrupt::exit_if_interrupted();
    code
}

/// Runs what the command line asks for; returns the exit code.
fn run(cli: &Cli) -> c_int {
    if let Some(code) = &cli.command {
        let mut argv = vec!["-c".to_string()];
        argv.extend(cli.args.iter().cloned());
        percolate::run_source_and_exit(code, "<string>", argv);
    }
    let path = cli.args.first().map(String::as_str);
    if path.is_none() && std::io::stdin().is_terminal() && !cli.ast && !cli.dis {
        return exit_code(percolate::repl::run(None));
    }
    let (source, filename) = match read_program(path) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if cli.interactive && !cli.ast && !cli.dis {
        return exit_code(percolate::repl::run(Some((source, filename))));
    }
    if cli.ast {
        return match percolate::parser::parse_module(&source, &filename) {
            Ok(module) => {
                // One buffered write: the debug form of a big file is many small pieces.
                use std::io::Write;
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                let _ = writeln!(out, "{module:#?}");
                let _ = out.flush();
                0
            }
            Err(err) => {
                eprintln!("{err}");
                1
            }
        };
    }
    if cli.dis {
        return match percolate::compile_source(&source, &filename) {
            Ok(code) => {
                print!("{}", percolate::disassemble(&code));
                0
            }
            Err(err) => {
                eprintln!("{err}");
                1
            }
        };
    }
    let mut argv: Vec<String> = cli.args.clone();
    if argv.is_empty() {
        argv.push(String::new());
    }
    percolate::run_source_and_exit(&source, &filename, argv)
}
