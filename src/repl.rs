//! The interactive prompt (`percolate` with no arguments on a terminal, or `percolate -i FILE`).
//!
//! Built on rustyline. Whether an input needs more lines is decided by the parser itself (its
//! `incomplete` flag for unexpected end of input), plus CPython's rule that a compound
//! statement ends with a blank line. Each input is compiled in interactive mode, so expression
//! statements echo their repr and set `_`; an uncaught exception prints its traceback and the
//! session goes on with all its state.

use crate::vm::{ObjRef, Value, Vm};
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;
use std::path::PathBuf;
use std::rc::Rc;

/// The first line of the banner, printed on stderr like CPython's.
const BANNER: &str = concat!(
    "percolate ",
    env!("CARGO_PKG_VERSION"),
    " (async Python with CPython 3.12 semantics)"
);

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

fn session(script: Option<(String, String)>) -> i32 {
    let mut vm = Vm::new();
    let main = vm.new_module("__main__");
    let modules = vm.modules.clone();
    vm.dict_set_str(&modules, "__main__", Value::Obj(main.clone()));
    let Some(globals) = main.dict.clone() else {
        unreachable!("modules have a dict")
    };
    vm.module_dir = Some(PathBuf::from("."));
    if let Some((source, filename)) = script {
        vm.argv = vec![filename.clone()];
        if let Some(dir) = std::path::Path::new(&filename).parent()
            && !dir.as_os_str().is_empty()
        {
            vm.module_dir = Some(dir.to_path_buf());
        }
        vm.sources
            .insert(Rc::from(filename.as_str()), Rc::from(source.as_str()));
        vm.module_set(&main, "__file__", Value::str(&filename));
        if let Outcome::Exit(status) = execute(&mut vm, &globals, &source, &filename, false) {
            return status;
        }
    } else {
        vm.argv = vec![String::new()];
        eprintln!("{BANNER}");
        eprintln!("Type \"exit()\" or press Ctrl-D to leave.");
    }
    let mut editor = match DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("percolate: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let status = read_eval_print(&mut vm, &globals, &mut editor);
    if let Some(path) = &history
        && let Err(e) = editor.save_history(path)
    {
        eprintln!(
            "percolate: warning: cannot write history to {}: {e}",
            path.display()
        );
    }
    vm.flush_stdout();
    status
}

fn read_eval_print(vm: &mut Vm, globals: &ObjRef, editor: &mut DefaultEditor) -> i32 {
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        let indent = next_indent(&buffer);
        let line = editor.readline_with_initial(prompt, (&indent, ""));
        match line {
            Ok(line) => {
                if buffer.is_empty() && line.trim().is_empty() {
                    continue;
                }
                buffer.push_str(&line);
                buffer.push('\n');
                if needs_more(&buffer, &line) {
                    continue;
                }
                let _ = editor.add_history_entry(buffer.trim_end());
                let source = std::mem::take(&mut buffer);
                if let Outcome::Exit(status) = execute(vm, globals, &source, "<stdin>", true) {
                    return status;
                }
            }
            Err(ReadlineError::Interrupted) => {
                eprintln!("\nKeyboardInterrupt");
                buffer.clear();
            }
            Err(ReadlineError::Eof) => return 0,
            Err(e) => {
                eprintln!("percolate: {e}");
                return 1;
            }
        }
    }
}

/// Compiles and runs one input in the session's globals.
fn execute(
    vm: &mut Vm,
    globals: &ObjRef,
    source: &str,
    filename: &str,
    interactive: bool,
) -> Outcome {
    let parsed = if interactive {
        crate::parser::parse_interactive(source)
    } else {
        crate::parser::parse_module(source, filename)
    };
    let mut top_level_await = false;
    let compiled = parsed.and_then(|module| {
        if !interactive {
            return crate::codegen::compile_module(&module, source, filename);
        }
        // Once asyncio is imported every input runs on the session's loop, as under
        // `python -m asyncio`, so that `create_task` at the prompt finds a running loop.
        if vm.dict_get_str(&vm.modules.clone(), "asyncio").is_some() {
            top_level_await = true;
            return crate::codegen::compile_interactive_async(&module, source, filename);
        }
        match crate::codegen::compile_interactive(&module, source, filename) {
            Err(err) if needs_event_loop(&err.msg) => {
                top_level_await = true;
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
    if top_level_await {
        // Define the wrapper coroutine function, then run it to completion on the session's
        // event loop (the same loop for every input, so tasks created earlier keep going).
        if let Err(exc) = vm.run_module_code(code, globals) {
            return report(vm, exc);
        }
        let driver = format!(
            "try:\n    __import__('asyncio').get_event_loop().run_until_complete({name}())\nfinally:\n    del {name}\n",
            name = crate::codegen::TOP_LEVEL_AWAIT_FUNCTION
        );
        let code = match crate::compile_source(&driver, "<stdin>") {
            Ok(code) => code,
            Err(err) => unreachable!("the REPL's driver compiles: {err}"),
        };
        let result = vm_run(vm, code, globals);
        return finish(vm, result);
    }
    let result = vm_run(vm, code, globals);
    finish(vm, result)
}

/// Runs a compiled input in the session's globals.
fn vm_run(
    vm: &mut Vm,
    code: std::rc::Rc<crate::bytecode::Code>,
    globals: &ObjRef,
) -> crate::vm::PyResult<Value> {
    let result = vm.run_module_code(code, globals);
    vm.run_pending_finalizers();
    vm.flush_stdout();
    result
}

fn finish(vm: &mut Vm, result: crate::vm::PyResult<Value>) -> Outcome {
    match result {
        Ok(_) => Outcome::Continue,
        Err(exc) => report(vm, exc),
    }
}

/// Prints an uncaught exception (the session goes on), or leaves on `SystemExit`.
fn report(vm: &mut Vm, exc: ObjRef) -> Outcome {
    if vm.exc_matches(&exc, &vm.exc.system_exit.clone()) {
        return Outcome::Exit(vm.handle_uncaught(&exc));
    }
    vm.print_exception(&exc);
    vm.flush_stdout();
    Outcome::Continue
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

/// Whether the input so far needs another line: the parser says the input ended early, or a
/// compound statement is still open (it ends with a blank line, as in CPython's REPL).
fn needs_more(buffer: &str, last_line: &str) -> bool {
    let first = buffer.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if starts_block(first) {
        return !last_line.trim().is_empty();
    }
    match crate::parser::parse_interactive(buffer) {
        Ok(_) => false,
        Err(e) => e.incomplete,
    }
}

/// True when a line opens a compound statement (or a decorator).
fn starts_block(line: &str) -> bool {
    let code = line.split('#').next().unwrap_or("").trim_end();
    let word = code
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    code.trim_start().starts_with('@')
        || code.ends_with(':')
            && matches!(
                word,
                "if" | "for"
                    | "while"
                    | "def"
                    | "class"
                    | "with"
                    | "try"
                    | "async"
                    | "elif"
                    | "else"
            )
}

/// The indentation to pre-fill on the next line: the last line's, one level deeper after `:`.
fn next_indent(buffer: &str) -> String {
    let Some(last) = buffer.lines().last() else {
        return String::new();
    };
    if last.trim().is_empty() {
        return String::new();
    }
    let mut indent: String = last
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    if last
        .split('#')
        .next()
        .unwrap_or("")
        .trim_end()
        .ends_with(':')
    {
        indent.push_str("    ");
    }
    indent
}

/// `$PERCOLATE_HISTORY`, else `~/.percolate_history`.
fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PERCOLATE_HISTORY") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".percolate_history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_statements_are_complete_at_once() {
        assert!(!needs_more("x = 1\n", "x = 1"));
        assert!(!needs_more("print(1)\n", "print(1)"));
    }

    #[test]
    fn open_brackets_ask_for_more() {
        assert!(needs_more("print(1,\n", "print(1,"));
        assert!(!needs_more("print(1,\n2)\n", "2)"));
    }

    #[test]
    fn blocks_end_with_a_blank_line() {
        assert!(needs_more("if x:\n", "if x:"));
        assert!(needs_more("if x:\n    y()\n", "    y()"));
        assert!(!needs_more("if x:\n    y()\n\n", ""));
        assert!(needs_more("@dec\n", "@dec"));
    }

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
                for input in &inputs {
                    let _ = execute(&mut vm, &globals, input, "<stdin>", true);
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

    #[test]
    fn indentation_follows_blocks() {
        assert_eq!(next_indent("def f():\n"), "    ");
        assert_eq!(next_indent("def f():\n    x = 1\n"), "    ");
        assert_eq!(next_indent(""), "");
    }
}
