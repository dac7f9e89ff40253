//! When an input is finished, and how the next line is indented: pure functions over the text
//! typed so far, so they are tested without a terminal.

/// Whether the input so far needs another line: the parser says the input ended early, or a
/// compound statement is still open (it ends with a blank line, as in CPython's REPL).
pub fn needs_more(buffer: &str, last_line: &str) -> bool {
    let first = buffer.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if starts_block(first) {
        return !last_line.trim().is_empty();
    }
    match crate::parser::parse_interactive(buffer) {
        Ok(_) => false,
        Err(e) => e.incomplete,
    }
}

/// True when a line opens a compound statement (or a decorator): CPython's REPL waits for a
/// blank line after those, even when the body is on the same line (`while x: f()`).
pub fn starts_block(line: &str) -> bool {
    let code = line.split('#').next().unwrap_or("").trim();
    let word = code
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    code.starts_with('@')
        || matches!(
            word,
            "if" | "for" | "while" | "def" | "class" | "with" | "try" | "async"
        )
        || (word == "match" && code.ends_with(':'))
}

/// The indentation to pre-fill on the next line: the last line's, one level deeper after `:`.
pub fn next_indent(buffer: &str) -> String {
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
    let code = last.split('#').next().unwrap_or("").trim();
    if code.ends_with(':') {
        indent.push_str("    ");
    } else if ends_a_block(code) {
        // Nothing more can follow in this block: back one level.
        let keep = indent.len().saturating_sub(4);
        indent.truncate(keep);
    }
    indent
}

/// Whether a statement ends its block (`return`, `pass`, `raise`, `break`, `continue`).
fn ends_a_block(code: &str) -> bool {
    let word = code
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    matches!(word, "return" | "pass" | "raise" | "break" | "continue")
}

/// Adds a typed line to the input so far; returns the finished input when it is complete.
pub fn accept_line(buffer: &mut String, line: &str) -> Option<String> {
    if buffer.is_empty() && line.trim().is_empty() {
        return None;
    }
    buffer.push_str(line);
    buffer.push('\n');
    if needs_more(buffer, line) {
        return None;
    }
    Some(std::mem::take(buffer))
}

/// A multi-line entry (a block recalled from history, a paste) is fed line by line; what is
/// left open at its end only for want of the blank line that closes a block is finished.
pub fn finish_entry(buffer: &mut String) -> Option<String> {
    if buffer.trim().is_empty() || crate::parser::parse_interactive(buffer).is_err() {
        return None;
    }
    Some(std::mem::take(buffer))
}

/// Whether an input starts an event loop of its own (`asyncio.run(...)`,
/// `loop.run_until_complete(...)`, `loop.run_forever()`): it must not run inside the
/// session's loop, which would make it fail with "cannot be called from a running event loop".
pub fn runs_its_own_loop(source: &str) -> bool {
    [".run(", ".run_until_complete(", ".run_forever(", "Runner("]
        .iter()
        .any(|call| source.contains(call))
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
    fn open_brackets_and_strings_ask_for_more() {
        assert!(needs_more("print(1,\n", "print(1,"));
        assert!(!needs_more("print(1,\n2)\n", "2)"));
        assert!(needs_more("s = '''a\n", "s = '''a"));
        assert!(!needs_more("s = '''a\nb'''\n", "b'''"));
        assert!(needs_more("x = 1 + \\\n", "x = 1 + \\"));
    }

    #[test]
    fn blocks_end_with_a_blank_line() {
        assert!(needs_more("if x:\n", "if x:"));
        assert!(needs_more("if x:\n    y()\n", "    y()"));
        assert!(!needs_more("if x:\n    y()\n\n", ""));
        assert!(needs_more("@dec\n", "@dec"));
        assert!(needs_more("async def f():\n", "async def f():"));
        assert!(needs_more("class A:  # c\n", "class A:  # c"));
        assert!(needs_more("while x: f()\n", "while x: f()"));
        assert!(!needs_more("match = 1\n", "match = 1"));
        assert!(!needs_more("iffy = 1\n", "iffy = 1"));
    }

    #[test]
    fn indentation_follows_blocks() {
        assert_eq!(next_indent("def f():\n"), "    ");
        assert_eq!(next_indent("def f():\n    x = 1\n"), "    ");
        assert_eq!(next_indent("def f():\n    if x:  # c\n"), "        ");
        assert_eq!(next_indent(""), "");
        assert_eq!(next_indent("def f():\n    return 1\n"), "");
        assert_eq!(
            next_indent("for x in y:\n    if x:\n        break\n"),
            "    "
        );
        assert_eq!(next_indent("def f():\n    returned = 1\n"), "    ");
    }

    #[test]
    fn inputs_that_run_a_loop_are_recognised() {
        assert!(runs_its_own_loop("asyncio.run(main())\n"));
        assert!(runs_its_own_loop("loop.run_until_complete(f())\n"));
        assert!(!runs_its_own_loop("t = asyncio.create_task(f())\n"));
    }

    #[test]
    fn lines_accumulate_until_the_input_is_complete() {
        let mut buffer = String::new();
        assert_eq!(accept_line(&mut buffer, ""), None);
        assert_eq!(accept_line(&mut buffer, "def f():"), None);
        assert_eq!(accept_line(&mut buffer, "    return 1"), None);
        assert_eq!(
            accept_line(&mut buffer, "").as_deref(),
            Some("def f():\n    return 1\n\n")
        );
        assert!(buffer.is_empty());
        assert_eq!(
            accept_line(&mut buffer, "x = 1").as_deref(),
            Some("x = 1\n")
        );
    }

    #[test]
    fn recalled_blocks_are_finished() {
        let mut buffer = String::new();
        for line in "def f():\n    return 1".split('\n') {
            assert_eq!(accept_line(&mut buffer, line), None);
        }
        assert_eq!(
            finish_entry(&mut buffer).as_deref(),
            Some("def f():\n    return 1\n")
        );
        let mut open = String::from("print(1,\n");
        assert_eq!(finish_entry(&mut open), None);
    }
}
