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
    let compiled = parsed.and_then(|module| {
        if interactive {
            crate::codegen::compile_interactive(&module, source, filename)
        } else {
            crate::codegen::compile_module(&module, source, filename)
        }
    });
    let code = match compiled {
        Ok(code) => code,
        Err(err) => {
            vm.write_stderr(&format!("{err}\n"));
            return Outcome::Continue;
        }
    };
    let result = vm.run_module_code(code, globals);
    vm.run_pending_finalizers();
    vm.flush_stdout();
    match result {
        Ok(_) => Outcome::Continue,
        Err(exc) => {
            if vm.exc_matches(&exc, &vm.exc.system_exit.clone()) {
                return Outcome::Exit(vm.handle_uncaught(&exc));
            }
            vm.print_exception(&exc);
            vm.flush_stdout();
            Outcome::Continue
        }
    }
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

    #[test]
    fn indentation_follows_blocks() {
        assert_eq!(next_indent("def f():\n"), "    ");
        assert_eq!(next_indent("def f():\n    x = 1\n"), "    ");
        assert_eq!(next_indent(""), "");
    }
}
