//! The interactive prompt (`percolate` with no arguments on a terminal, or `percolate -i FILE`).
//!
//! Built on rustyline, which reads on its own thread ([`editor`]) so that the event loop keeps
//! running background tasks while the user types. Whether an input needs more lines is decided
//! by the parser itself ([`input`]). Each input is compiled in interactive mode, so expression
//! statements echo their repr and set `_`; an input that awaits at top level runs as a task of
//! one persistent event loop (no special mode, unlike `python -m asyncio`); an uncaught
//! exception prints its traceback and the session goes on with all its state. Ctrl-C at the
//! prompt discards the line; during an input it raises `KeyboardInterrupt` (an awaiting input's
//! task is cancelled; background tasks go on). Tab completes ([`complete`]); the line is
//! highlighted as it is typed ([`highlight`]).

pub mod complete;
pub mod editor;
pub mod highlight;
pub mod input;

use crate::vm::interrupt::{self, Disposition};
use crate::vm::{ObjRef, Payload, PyResult, Value, Vm};
use editor::{Event, ReadOutcome, Reader};
use std::cell::{Cell, RefCell};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::rc::Rc;

/// The first line of the banner, printed on stderr like CPython's.
const BANNER: &str = concat!(
    "percolate ",
    env!("CARGO_PKG_VERSION"),
    " (async Python with CPython 3.12 semantics)"
);

/// The hint line under the banner (where CPython points at help(), which percolate lacks).
const HINT: &str =
    "Top-level await works here; Tab completes; Ctrl-C interrupts; Ctrl-D or exit() leaves.";

/// The REPL's Python half: the session loop, top-level await as a task, waiting for a line.
const SUPPORT: &str = include_str!("support.py");

/// The file name of `support.py`'s code (its frames are left out of tracebacks).
const SUPPORT_FILENAME: &str = "<percolate repl>";

/// Starts the REPL; with `script` (`-i FILE`), runs it first and keeps its globals.
/// Returns the process exit status.
pub fn run(script: Option<(String, String)>) -> i32 {
    crate::with_big_stack(move || session(script))
}

/// What the session should do after one input.
enum Outcome {
    /// Read the next input.
    Continue,
    /// Leave with this exit status (`exit()`, `sys.exit(n)`).
    Exit(i32),
}

/// The state of one interactive session.
struct Session {
    /// The `__main__` globals inputs run in.
    globals: ObjRef,
    /// The namespace of `support.py` (made on first use: it imports asyncio).
    support: Option<ObjRef>,
    /// Whether tracebacks are coloured.
    colour: bool,
}

fn session(script: Option<(String, String)>) -> i32 {
    let mut vm = Vm::new();
    let main = vm.new_module("__main__");
    let modules = vm.modules.clone();
    vm.dict_set_str(&modules, "__main__", Value::Obj(main.clone()));
    let Some(globals) = main.dict.clone() else {
        unreachable!("modules have a dict")
    };
    // Interactive output appears as it is written (background tasks print while the prompt
    // waits): nothing is held back in a buffer.
    vm.out = crate::vm::Output::Stdout(std::io::BufWriter::with_capacity(0, std::io::stdout()));
    vm.module_dir = Some(PathBuf::from("."));
    let colour = highlight::colour_wanted(std::io::stdout().is_terminal());
    let mut state = Session {
        globals,
        support: None,
        colour: highlight::colour_wanted(std::io::stderr().is_terminal()),
    };
    if let Some((source, filename)) = script {
        vm.argv = vec![filename.clone()];
        if let Some(dir) = std::path::Path::new(&filename).parent()
            && !dir.as_os_str().is_empty()
        {
            vm.module_dir = Some(dir.to_path_buf());
        }
        vm.sources
            .insert(Rc::from(filename.as_str()), source.as_str().into());
        vm.module_set(&main, "__file__", Value::str(&filename));
        if let Outcome::Exit(status) = execute(&mut vm, &mut state, &source, &filename, false) {
            return status;
        }
    } else {
        vm.argv = vec![String::new()];
        eprintln!("{BANNER} on {}", std::env::consts::OS);
        eprintln!("{HINT}");
    }
    let mut reader = match Reader::start(history_path(), colour) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("percolate: cannot start the line editor: {e}");
            return 1;
        }
    };
    let status = read_eval_print(&mut vm, &mut state, &mut reader);
    reader.finish();
    vm.flush_stdout();
    status
}

fn read_eval_print(vm: &mut Vm, state: &mut Session, reader: &mut Reader) -> i32 {
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        let indent = input::next_indent(&buffer);
        match next_line(vm, state, reader, prompt, &indent) {
            ReadOutcome::Line(entry) => {
                let mut finished = Vec::new();
                for line in entry.split('\n') {
                    finished.extend(input::accept_line(&mut buffer, line));
                }
                if entry.contains('\n') {
                    finished.extend(input::finish_entry(&mut buffer));
                }
                for source in finished {
                    reader.remember(source.trim_end());
                    if let Outcome::Exit(status) = execute(vm, state, &source, "<stdin>", true) {
                        return status;
                    }
                }
            }
            ReadOutcome::Interrupted => {
                vm.write_stderr("KeyboardInterrupt\n");
                buffer.clear();
            }
            ReadOutcome::Eof => {
                vm.write_stderr("\n");
                return 0;
            }
            ReadOutcome::Failed(e) => {
                eprintln!("percolate: {e}");
                return 1;
            }
        }
    }
}

/// Reads the next line. Once asyncio is imported the session's event loop runs meanwhile, so
/// background tasks go on; otherwise the thread just waits. Either way, completion requests
/// from the editor are answered.
fn next_line(
    vm: &mut Vm,
    state: &mut Session,
    reader: &mut Reader,
    prompt: &str,
    initial: &str,
) -> ReadOutcome {
    // A Ctrl-C that came after the last input's final check point is dropped, not raised in
    // the next input. While the editor owns the terminal, Ctrl-C reaches it as a key; a SIGINT
    // from elsewhere must not raise inside a background task the loop happens to be running.
    interrupt::take();
    let previous = interrupt::set_disposition(Disposition::Ignore);
    let outcome = read_while_waiting(vm, state, reader, prompt, initial);
    interrupt::set_disposition(previous);
    outcome
}

/// [`next_line`] with interrupts ignored.
fn read_while_waiting(
    vm: &mut Vm,
    state: &mut Session,
    reader: &mut Reader,
    prompt: &str,
    initial: &str,
) -> ReadOutcome {
    reader.request(prompt, initial);
    if asyncio_imported(vm) {
        if let Some(print_above) = reader.above_prompt_printer() {
            vm.output_above_prompt(print_above);
        }
        let arrived = loop {
            match wait_on_loop(vm, state, reader) {
                Ok(Some(outcome)) => break Some(outcome),
                Ok(None) => break None,
                Err(exc) => {
                    // A SIGINT from outside while the editor owns the terminal: report it;
                    // the read goes on.
                    let _ = report(vm, state, exc);
                }
            }
        };
        vm.end_output_above_prompt();
        if let Some(outcome) = arrived {
            return outcome;
        }
    }
    loop {
        match reader.events.recv() {
            Ok(event) => {
                if let Some(outcome) = handle_event(vm, &state.globals, &reader.outstanding, event)
                {
                    return outcome;
                }
            }
            Err(_) => return ReadOutcome::Eof,
        }
    }
}

/// Handles one message of the reader thread; returns the read's outcome if it arrived.
fn handle_event(
    vm: &mut Vm,
    globals: &ObjRef,
    outstanding: &Cell<bool>,
    event: Event,
) -> Option<ReadOutcome> {
    match event {
        Event::Read(outcome) => {
            outstanding.set(false);
            Some(outcome)
        }
        Event::Complete { line, pos, reply } => {
            let _ = reply.send(complete::candidates(vm, globals, &line, pos));
            None
        }
    }
}

/// Runs the session's event loop until the reader has a line (`Ok(None)` if the loop cannot
/// run, e.g. asyncio failed to import).
fn wait_on_loop(
    vm: &mut Vm,
    state: &mut Session,
    reader: &mut Reader,
) -> PyResult<Option<ReadOutcome>> {
    let Some(support) = support(vm, state) else {
        return Ok(None);
    };
    let Some(wait) = vm.lookup_attr_opt(&Value::Obj(support), "wait_for_line")? else {
        return Ok(None);
    };
    loop {
        // What arrived before the loop watches the pipe (its byte may be drained already).
        while let Ok(event) = reader.events.try_recv() {
            if let Some(outcome) = handle_event(vm, &state.globals, &reader.outstanding, event) {
                return Ok(Some(outcome));
            }
        }
        let arrived: Rc<RefCell<Option<ReadOutcome>>> = Rc::new(RefCell::new(None));
        // Called by the loop whenever the wake-up pipe is readable.
        let poll = {
            let (events, outstanding) = (reader.events.clone(), reader.outstanding.clone());
            let (globals, arrived, fd) = (state.globals.clone(), arrived.clone(), reader.wake_read);
            vm.new_native_fn("poll", move |vm, _args| {
                editor::drain(fd);
                while let Ok(event) = events.try_recv() {
                    if let Some(outcome) = handle_event(vm, &globals, &outstanding, event) {
                        *arrived.borrow_mut() = Some(outcome);
                    }
                }
                Ok(Value::Bool(arrived.borrow().is_some()))
            })
        };
        vm.call(&wait, vec![Value::Int(i64::from(reader.wake_read)), poll])?;
        vm.run_pending_finalizers();
        vm.flush_stdout();
        if let Some(outcome) = arrived.take() {
            return Ok(Some(outcome));
        }
    }
}

/// Whether the program imported asyncio (then the session has an event loop to keep running).
fn asyncio_imported(vm: &Vm) -> bool {
    vm.dict_get_str(&vm.modules, "asyncio").is_some()
}

/// The namespace of `support.py`, made on first use.
fn support(vm: &mut Vm, state: &mut Session) -> Option<ObjRef> {
    if state.support.is_none() {
        let module = vm.new_module("_percolate_repl");
        if let Err(exc) = vm.exec_source_in(SUPPORT, SUPPORT_FILENAME, &module) {
            vm.print_exception(&exc);
            return None;
        }
        state.support = Some(module);
    }
    state.support.clone()
}

/// Compiles and runs one input in the session's globals.
fn execute(
    vm: &mut Vm,
    state: &mut Session,
    source: &str,
    filename: &str,
    interactive: bool,
) -> Outcome {
    let parsed = if interactive {
        crate::parser::parse_interactive(source)
    } else {
        crate::parser::parse_module(source, filename)
    };
    let mut on_loop = false;
    let compiled = parsed.and_then(|module| {
        if !interactive {
            return crate::codegen::compile_module(&module, source, filename);
        }
        match crate::codegen::compile_interactive(&module, source, filename) {
            Err(err) if needs_event_loop(&err.msg) => {
                on_loop = true;
                crate::codegen::compile_interactive_async(&module, source, filename)
            }
            // Once asyncio is imported every input runs as a task of the session's loop, as
            // under `python -m asyncio`, so that `create_task` at the prompt finds a running
            // loop, except an input that runs a loop itself (`asyncio.run(main())`).
            Ok(_) if asyncio_imported(vm) && !input::runs_its_own_loop(source) => {
                on_loop = true;
                crate::codegen::compile_interactive_async(&module, source, filename)
            }
            other => other,
        }
    });
    let code = match compiled {
        Ok(code) => code,
        Err(err) => {
            vm.write_stderr(&format!("{err}\n"));
            return Outcome::Continue;
        }
    };
    let result = if on_loop {
        run_on_loop(vm, state, code)
    } else {
        vm.run_module_code(code, &state.globals).map(|_| ())
    };
    vm.run_pending_finalizers();
    vm.flush_stdout();
    match result {
        Ok(()) => Outcome::Continue,
        Err(exc) => report(vm, state, exc),
    }
}

/// Runs an input compiled with top-level await: defines its coroutine function, then runs it
/// as a task of the session's loop (support.py `run_input`).
fn run_on_loop(vm: &mut Vm, state: &mut Session, code: Rc<crate::bytecode::Code>) -> PyResult<()> {
    vm.run_module_code(code, &state.globals)?;
    let name = crate::codegen::TOP_LEVEL_AWAIT_FUNCTION;
    let Some(function) = vm.dict_get_str(&state.globals, name) else {
        unreachable!("the input's code defines {name}")
    };
    vm.dict_remove_str(&state.globals, name);
    let Some(support) = support(vm, state) else {
        return Ok(());
    };
    let run_input = vm.get_attr(&Value::Obj(support), "run_input")?;
    let outcome = vm.call(&run_input, vec![function]);
    let outcome = outcome.inspect_err(trim_traceback)?;
    let interrupted = outcome
        .as_tuple()
        .and_then(|t| Some((t.first()?.clone(), t.get(1)?.clone())));
    if let Some((Value::Bool(true), Value::Obj(cancelled))) = interrupted {
        // The awaited task was cancelled by Ctrl-C: report KeyboardInterrupt where it waited.
        let interrupt = vm.new_exception(&vm.exc.keyboard_interrupt.clone(), vec![]);
        if let (Payload::Exception(from), Payload::Exception(to)) =
            (&cancelled.payload, &interrupt.payload)
        {
            to.borrow_mut().traceback = from.borrow().traceback.clone();
        }
        trim_traceback(&interrupt);
        // Where the input waited is what matters, not the loop's insides under it.
        if let Payload::Exception(data) = &interrupt.payload {
            data.borrow_mut()
                .traceback
                .retain(|entry| &*entry.code.filename == "<stdin>");
        }
        return Err(interrupt);
    }
    Ok(())
}

/// Drops the traceback entries of the REPL's own machinery (support.py and the event loop
/// around the input's task), so that a traceback starts at `<stdin>` as in CPython's REPL, and
/// names the input's frame `<module>` as CPython does.
fn trim_traceback(exc: &ObjRef) {
    if let Payload::Exception(data) = &exc.payload {
        let mut data = data.borrow_mut();
        // Entries run from the innermost frame to the outermost.
        if let Some(outermost_input) = data
            .traceback
            .iter()
            .rposition(|entry| &*entry.code.filename == "<stdin>")
        {
            data.traceback.truncate(outermost_input + 1);
        }
        data.traceback
            .retain(|entry| &*entry.code.filename != SUPPORT_FILENAME);
        for entry in data.traceback.iter_mut() {
            if &*entry.code.name == crate::codegen::TOP_LEVEL_AWAIT_FUNCTION {
                let mut code = (*entry.code).clone();
                code.name = Rc::from("<module>");
                entry.code = Rc::new(code);
            }
        }
    }
}

/// Prints an uncaught exception (the session goes on), or leaves on `SystemExit`.
fn report(vm: &mut Vm, state: &Session, exc: ObjRef) -> Outcome {
    if vm.exc_matches(&exc, &vm.exc.system_exit.clone()) {
        return Outcome::Exit(vm.handle_uncaught(&exc));
    }
    let text = vm.format_exception(&exc);
    if state.colour {
        vm.write_stderr(&highlight::colour_traceback(&text));
    } else {
        vm.write_stderr(&text);
    }
    vm.flush_stdout();
    Outcome::Continue
}

/// `$PERCOLATE_HISTORY`, else `~/.percolate_history` (none without a home directory).
fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PERCOLATE_HISTORY") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".percolate_history"))
}

/// Compile errors that mean "this input awaits at top level": run it on the event loop.
fn needs_event_loop(msg: &str) -> bool {
    matches!(
        msg,
        "'await' outside function"
            | "'async for' outside async function"
            | "'async with' outside async function"
            | "asynchronous comprehension outside of an asynchronous function"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs REPL inputs one by one in a fresh session and returns (stdout, stderr).
    fn session_output(inputs: &[&str]) -> (String, String) {
        crate::with_big_stack({
            let inputs: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
            move || {
                let out = Rc::new(std::cell::RefCell::new(String::new()));
                let err = Rc::new(std::cell::RefCell::new(String::new()));
                let mut vm = Vm::new();
                vm.out = crate::vm::Output::Capture {
                    out: out.clone(),
                    err: err.clone(),
                };
                let main = vm.new_module("__main__");
                let Some(globals) = main.dict.clone() else {
                    unreachable!("a module dict")
                };
                let mut state = Session {
                    globals,
                    support: None,
                    colour: false,
                };
                for input in &inputs {
                    let _ = execute(&mut vm, &mut state, input, "<stdin>", true);
                }
                drop(vm);
                let (o, e) = (out.borrow().clone(), err.borrow().clone());
                (o, e)
            }
        })
    }

    #[test]
    fn inputs_echo_and_keep_state_across_errors() {
        let (out, err) = session_output(&["x = 20\n", "x + 1\n", "1/0\n", "x * 2\n"]);
        assert_eq!(out, "21\n40\n");
        assert!(
            err.ends_with("ZeroDivisionError: division by zero\n"),
            "{err}"
        );
    }

    #[test]
    fn top_level_await_runs_on_one_persistent_loop() {
        let (out, err) = session_output(&[
            "import asyncio\n",
            "async def f(x):\n    await asyncio.sleep(0)\n    return x * 2\n\n",
            "r = await f(21)\n",
            "t = asyncio.create_task(f(5))\n",
            "await t\n",
            "[await f(i) for i in range(2)]\n",
            "print(r, t.done())\n",
        ]);
        assert_eq!(out, "10\n[0, 2]\n42 True\n", "stderr: {err}");
    }
}
