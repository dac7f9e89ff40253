//! Highlighting as you type: keywords, built-ins, strings, numbers and comments in colour,
//! and the bracket matching the one at the cursor in bold. A pure function over one line (a
//! small scanner that tolerates unfinished input, which the real lexer rejects).

/// Python's keywords (`keyword.kwlist`).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The built-in functions and types people call, coloured as built-ins.
const BUILTINS: &[&str] = &[
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

/// ANSI colour of keywords.
const KEYWORD: &str = "\x1b[1;35m";
/// ANSI colour of built-in names.
const BUILTIN: &str = "\x1b[36m";
/// ANSI colour of string literals.
const STRING: &str = "\x1b[32m";
/// ANSI colour of number literals.
const NUMBER: &str = "\x1b[33m";
/// ANSI colour of comments.
const COMMENT: &str = "\x1b[90m";
/// ANSI style of the bracket pair around the cursor.
const BRACKET: &str = "\x1b[1;4m";
/// ANSI colour of file names, line numbers and messages in tracebacks.
const NAME: &str = "\x1b[35m";
/// ANSI style of the exception type in a traceback's last line.
const ERROR_TYPE: &str = "\x1b[1;35m";
/// Ends a coloured span.
const RESET: &str = "\x1b[0m";

/// Whether colour is wanted: on a terminal, unless `NO_COLOR` is set (non-empty) or the
/// terminal is `dumb` (the no-color.org convention).
pub fn colour_wanted(is_terminal: bool) -> bool {
    is_terminal
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// One piece of a line and how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Operators, spaces, plain names.
    Plain,
    /// A keyword.
    Keyword,
    /// A built-in name.
    Builtin,
    /// A string literal (possibly unfinished).
    Str,
    /// A number literal.
    Number,
    /// A comment.
    Comment,
}

/// Splits a line into (start, end, kind) spans covering it.
fn spans(line: &str) -> Vec<(usize, usize, Kind)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let kind = if c == b'#' {
            i = bytes.len();
            Kind::Comment
        } else if c == b'"' || c == b'\'' {
            i = string_end(bytes, i);
            Kind::Str
        } else if c.is_ascii_digit()
            || c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i = number_end(bytes, i);
            Kind::Number
        } else if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 {
            while i < bytes.len()
                && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80)
            {
                i += 1;
            }
            let word = &line[start..i];
            let prefixed_string = i < bytes.len()
                && (bytes[i] == b'"' || bytes[i] == b'\'')
                && word.len() <= 2
                && word.chars().all(|c| "rRbBfFuU".contains(c));
            if prefixed_string {
                i = string_end(bytes, i);
                Kind::Str
            } else if KEYWORDS.contains(&word) {
                Kind::Keyword
            } else if BUILTINS.contains(&word) && !after_dot(bytes, start) {
                Kind::Builtin
            } else {
                Kind::Plain
            }
        } else {
            i += 1;
            // Keep multi-byte characters whole.
            while i < bytes.len() && !line.is_char_boundary(i) {
                i += 1;
            }
            Kind::Plain
        };
        out.push((start, i, kind));
    }
    out
}

/// Whether the name at `start` is an attribute (`x.len` is not the built-in).
fn after_dot(bytes: &[u8], start: usize) -> bool {
    bytes[..start]
        .iter()
        .rev()
        .find(|b| **b != b' ')
        .is_some_and(|b| *b == b'.')
}

/// The end of the string literal whose quote is at `i` (the line's end if unfinished).
fn string_end(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let triple = bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote);
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < bytes.len() {
        if bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if bytes[j] == quote {
            if !triple {
                return j + 1;
            }
            if bytes.get(j + 1) == Some(&quote) && bytes.get(j + 2) == Some(&quote) {
                return j + 3;
            }
        }
        j += 1;
    }
    bytes.len()
}

/// The end of the number literal starting at `i` (digits, `_`, `.`, letters of hex/exponent/
/// `j`, and an exponent's sign).
fn number_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        let exponent_sign = (b == b'+' || b == b'-')
            && j > i
            && matches!(bytes[j - 1], b'e' | b'E')
            && !(bytes[i] == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')));
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// The byte offsets of the bracket at (or just before) the cursor and its partner, if both
/// are outside strings and comments.
pub fn matching_brackets(line: &str, pos: usize) -> Option<(usize, usize)> {
    let spans = spans(line);
    let code: Vec<(usize, u8)> = spans
        .iter()
        .filter(|(_, _, k)| *k == Kind::Plain)
        .flat_map(|(s, e, _)| (*s..*e).map(|i| (i, line.as_bytes()[i])))
        .filter(|(_, b)| b"()[]{}".contains(b))
        .collect();
    let at = |p: usize| code.iter().position(|(i, _)| *i == p);
    let index = at(pos).or_else(|| pos.checked_sub(1).and_then(at))?;
    let (offset, bracket) = code[index];
    let (open, close, forward) = match bracket {
        b'(' => (b'(', b')', true),
        b'[' => (b'[', b']', true),
        b'{' => (b'{', b'}', true),
        b')' => (b'(', b')', false),
        b']' => (b'[', b']', false),
        _ => (b'{', b'}', false),
    };
    let mut depth = 0i32;
    let candidates: Box<dyn Iterator<Item = &(usize, u8)>> = if forward {
        Box::new(code[index..].iter())
    } else {
        Box::new(code[..=index].iter().rev())
    };
    for &(i, b) in candidates {
        if b == bracket {
            depth += 1;
        } else if (forward && b == close) || (!forward && b == open) {
            depth -= 1;
        }
        if depth == 0 {
            return Some((offset.min(i), offset.max(i)));
        }
    }
    None
}

/// The line with ANSI colours: syntax classes, and the bracket pair at the cursor.
pub fn highlight(line: &str, pos: usize) -> String {
    let brackets = matching_brackets(line, pos);
    let mut out = String::with_capacity(line.len() * 2);
    for (start, end, kind) in spans(line) {
        let text = &line[start..end];
        let is_bracket = brackets.is_some_and(|(a, b)| start == a || start == b);
        let style = match kind {
            _ if is_bracket => BRACKET,
            Kind::Plain => {
                out.push_str(text);
                continue;
            }
            Kind::Keyword => KEYWORD,
            Kind::Builtin => BUILTIN,
            Kind::Str => STRING,
            Kind::Number => NUMBER,
            Kind::Comment => COMMENT,
        };
        out.push_str(style);
        out.push_str(text);
        out.push_str(RESET);
    }
    out
}

/// A traceback in colour, as CPython 3.13 draws it: file names and line numbers in magenta,
/// and the final `ExcType: message` line with the type in bold.
pub fn colour_traceback(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let is_last = i + 1 == lines.len();
        if let Some(rest) = line.strip_prefix("  File \"")
            && let Some((file, after)) = rest.split_once('"')
        {
            out.push_str(&format!("  File {NAME}\"{file}\"{RESET}"));
            match after.strip_prefix(", line ").map(|r| {
                let digits = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
                (&r[..digits], &r[digits..])
            }) {
                Some((number, tail)) => {
                    out.push_str(&format!(", line {NAME}{number}{RESET}{tail}"))
                }
                None => out.push_str(after),
            }
        } else if is_last && !line.starts_with(' ') && !line.is_empty() {
            match line.split_once(": ") {
                Some((kind, message)) => out.push_str(&format!(
                    "{ERROR_TYPE}{kind}{RESET}: {NAME}{message}{RESET}"
                )),
                None => out.push_str(&format!("{ERROR_TYPE}{line}{RESET}")),
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_builtins_strings_numbers_and_comments_are_coloured() {
        assert_eq!(
            highlight("if len(x) > 10:  # big", 0),
            "\x1b[1;35mif\x1b[0m \x1b[36mlen\x1b[0m(x) > \x1b[33m10\x1b[0m:  \x1b[90m# big\x1b[0m"
        );
        assert_eq!(
            highlight("s = f'a{b}' + \"c\"", 0),
            "s = \x1b[32mf'a{b}'\x1b[0m + \x1b[32m\"c\"\x1b[0m"
        );
        assert_eq!(highlight("x = 1e-5", 0), "x = \x1b[33m1e-5\x1b[0m");
    }

    #[test]
    fn names_that_only_look_special_stay_plain() {
        assert_eq!(highlight("obj.len + iffy", 0), "obj.len + iffy");
        assert_eq!(
            highlight("'if # not a comment", 0),
            "\x1b[32m'if # not a comment\x1b[0m"
        );
    }

    #[test]
    fn the_bracket_at_the_cursor_and_its_partner_are_marked() {
        assert_eq!(matching_brackets("f(a[1], (b))", 1), Some((1, 11)));
        assert_eq!(matching_brackets("f(a[1], (b))", 12), Some((1, 11)));
        assert_eq!(matching_brackets("f(a[1], (b))", 3), Some((3, 5)));
        assert_eq!(matching_brackets("f(')')", 2), Some((1, 5)));
        assert_eq!(matching_brackets("f(a", 1), None);
        assert_eq!(
            highlight("(1)", 0),
            "\x1b[1;4m(\x1b[0m\x1b[33m1\x1b[0m\x1b[1;4m)\x1b[0m"
        );
    }

    #[test]
    fn tracebacks_are_coloured_by_part() {
        let text = "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n";
        assert_eq!(
            colour_traceback(text),
            "Traceback (most recent call last):\n  File \x1b[35m\"<stdin>\"\x1b[0m, line \x1b[35m1\x1b[0m, in <module>\n\x1b[1;35mZeroDivisionError\x1b[0m: \x1b[35mdivision by zero\x1b[0m\n"
        );
        assert_eq!(
            colour_traceback("KeyboardInterrupt\n"),
            "\x1b[1;35mKeyboardInterrupt\x1b[0m\n"
        );
    }

    #[test]
    fn unicode_text_is_kept_whole() {
        assert_eq!(highlight("é = '€'", 0), "é = \x1b[32m'€'\x1b[0m");
        assert_eq!(highlight("x → y", 0), "x → y");
    }
}
