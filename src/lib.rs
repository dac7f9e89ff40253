//! percolate: a Python interpreter for the part of Python that asynchronous programs are made of.
//!
//! A tour of the pipeline: [`lexer`] turns source text into tokens (logos plus an indentation
//! layer), [`parser`] builds an [`ast::Module`] with the lalrpop grammar in `grammar/`, the
//! compiler turns it into [`bytecode::Code`] objects, and the [`vm`] runs them, with the
//! asyncio event loop from [`modules`] driving tasks.
//!
//! Entry points: [`run_file`], [`run_source`] (real stdout/stderr) and [`run_capture`]
//! (captured output, for tests).

pub mod allocator;
pub mod ast;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod big_stack;
pub mod builtins;
pub mod bytecode;
pub mod codegen;
pub mod dis;
pub mod error;
pub mod lexer;
pub mod modules;
pub mod parser;
pub mod repl;
pub mod token;
pub mod vm;

use std::cell::RefCell;
use std::rc::Rc;
use vm::{Output, Value, Vm};

/// Parses and compiles a module's source into a code object.
pub fn compile_source(
    source: &str,
    filename: &str,
) -> Result<Rc<bytecode::Code>, error::SyntaxError> {
    let module = parser::parse_module(source, filename)?;
    compile_module(&module, filename, source)
}

/// Compiles a parsed module with the compiler in `codegen/`.
fn compile_module(
    module: &ast::Module,
    filename: &str,
    source: &str,
) -> Result<Rc<bytecode::Code>, error::SyntaxError> {
    codegen::compile_module(module, source, filename)
}

/// What a captured run printed and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutcome {
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr (tracebacks, warnings).
    pub stderr: String,
    /// The process exit status the run would have.
    pub status: i32,
}

/// Stack size of the interpreter thread: deep enough that 1000 nested Rust→Python re-entries
/// (dunders calling Python code) never overflow before RecursionError.
const INTERPRETER_STACK: usize = 512 * 1024 * 1024;

/// Runs `f` on a thread with a large stack and returns its result.
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .stack_size(INTERPRETER_STACK)
        .spawn(f);
    match handle {
        Ok(h) => match h.join() {
            Ok(v) => v,
            Err(p) => std::panic::resume_unwind(p),
        },
        Err(e) => unreachable!("cannot spawn the interpreter thread: {e}"),
    }
}

/// Runs a program in a fresh VM as `__main__`; returns the exit status.
fn run_in_vm(vm: &mut Vm, source: &str, filename: &str) -> i32 {
    // CPython's tracebacks read source lines from files (linecache), so `-c` code and piped
    // stdin show no source line; only real files are remembered.
    if !(filename.starts_with('<') && filename.ends_with('>')) {
        vm.sources.insert(Rc::from(filename), source.into());
    }
    let code = match compile_source(source, filename) {
        Ok(c) => c,
        Err(err) => {
            vm.write_stderr(&format!("{err}\n"));
            return 1;
        }
    };
    let main = vm.new_module("__main__");
    if filename != "<string>" && filename != "<stdin>" {
        vm.module_set(&main, "__file__", Value::str(filename));
    }
    let modules = vm.modules.clone();
    vm.dict_set_str(&modules, "__main__", Value::Obj(main.clone()));
    let globals = main.dict.clone().expect("modules have a dict");
    let status = match vm.run_module_code(code, &globals) {
        Ok(_) => 0,
        Err(e) => {
            // Temporaries freed while the exception unwound report (e.g. "never awaited")
            // before the traceback, as in CPython.
            vm.run_pending_finalizers();
            if vm.exc_matches(&e, &vm.exc.keyboard_interrupt.clone()) {
                vm::interrupt::note_uncaught_interrupt();
            }
            vm.handle_uncaught(&e)
        }
    };
    vm.run_pending_finalizers();
    modules::run_exit_handlers(vm);
    // Interpreter shutdown clears the main module; coroutines dropped then are reported at
    // CPython's `sys:1` location.
    vm.current_location = (Rc::from("sys"), 1);
    if let Some(table) = globals.as_dict() {
        let old = std::mem::take(&mut *table.borrow_mut());
        drop(old);
    }
    vm.run_pending_finalizers();
    vm.flush_stdout();
    status
}

/// Runs source text with the real stdout/stderr; returns the exit status.
pub fn run_source(source: &str, filename: &str, argv: Vec<String>) -> i32 {
    let source = source.to_string();
    let filename = filename.to_string();
    with_big_stack(move || {
        let mut vm = script_vm(&filename, argv);
        run_in_vm(&mut vm, &source, &filename)
    })
}

/// A fresh VM for the script `filename`: its argv, and its directory for imports.
fn script_vm(filename: &str, argv: Vec<String>) -> Vm {
    let mut vm = Vm::new();
    vm.argv = argv;
    let dir = std::path::Path::new(filename)
        .parent()
        .map(|p| p.to_path_buf());
    vm.module_dir = Some(match dir {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::PathBuf::from("."),
    });
    vm
}

/// Runs source text with the real stdout/stderr as the whole process: ends the process with
/// the program's exit status from the interpreter thread, without freeing the VM's objects,
/// tearing the thread down or letting mimalloc purge its pages at exit (the OS reclaims all
/// of it). Nothing observable runs in that teardown: `run_in_vm` has already run the
/// finalizers, exit handlers and flush CPython's shutdown runs, and files write through
/// unbuffered. Takes `-c pass` from 1.89M to 1.73M instructions and its 9 `madvise` calls.
pub fn run_source_and_exit(source: &str, filename: &str, argv: Vec<String>) -> ! {
    let source = source.to_string();
    let filename = filename.to_string();
    let run = move || -> ! {
        let mut vm = script_vm(&filename, argv);
        let status = run_in_vm(&mut vm, &source, &filename);
        vm::interrupt::exit_if_interrupted();
        std::mem::forget(vm);
        use std::io::Write;
        let _ = std::io::stdout().flush();
        // SAFETY: `_exit` ends the process at once; stdout is flushed above, stderr is
        // unbuffered, and no C stdio or atexit handler of ours has anything left to do.
        unsafe { libc::_exit(status & 0xff) }
    };
    // On x86-64 Linux the big stack is a mapping switched to on this thread (no second
    // thread to start); elsewhere, or if it cannot be mapped, a thread with that stack.
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    let run = match big_stack::run_on_new_stack(INTERPRETER_STACK, run) {
        Ok(never) => never,
        Err(run) => run,
    };
    with_big_stack(run)
}

/// Runs a file; `argv[0]` is the path.
pub fn run_file(path: &str, argv: Vec<String>) -> std::io::Result<i32> {
    let source = std::fs::read_to_string(path)?;
    Ok(run_source(&source, path, argv))
}

/// Runs source text with stdout and stderr captured (for tests).
pub fn run_capture(source: &str, filename: &str) -> RunOutcome {
    let source = source.to_string();
    let filename = filename.to_string();
    with_big_stack(move || {
        let out = Rc::new(RefCell::new(String::new()));
        let err = Rc::new(RefCell::new(String::new()));
        let mut vm = Vm::new();
        vm.out = Output::Capture {
            out: out.clone(),
            err: err.clone(),
        };
        vm.argv = vec![filename.clone()];
        let status = run_in_vm(&mut vm, &source, &filename);
        drop(vm);
        let stdout = out.borrow().clone();
        let stderr = err.borrow().clone();
        RunOutcome {
            stdout,
            stderr,
            status,
        }
    })
}

/// The disassembly of a code object and its nested code objects (`--dis`).
pub fn disassemble(code: &bytecode::Code) -> String {
    dis::disassemble(code)
}
