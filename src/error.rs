//! Errors found before a program runs: syntax errors from the lexer, parser and compiler.

use std::fmt;

/// Which built-in exception a compile-time error is reported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a `SyntaxError` subclass).
    Indentation,
    /// `TabError` (an `IndentationError` subclass).
    Tab,
}

impl SyntaxErrorKind {
    /// The Python class name of this kind.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
            SyntaxErrorKind::Tab => "TabError",
        }
    }
}

/// A compile-time error located in the source, printed in CPython's shape.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// The exception class it is reported as.
    pub kind: SyntaxErrorKind,
    /// The message, exactly CPython's (e.g. `'(' was never closed`).
    pub msg: String,
    /// The file name as given on the command line (`<stdin>`, `<string>` for others).
    pub filename: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column (in characters) where the caret starts; 0 (or a column inside the
    /// line's indentation) prints no caret, as CPython does for some indentation errors.
    pub col: usize,
    /// 1-based column one past where the carets end (equal to `col + 1` for a single caret).
    pub end_col: usize,
    /// The text of the offending line without its newline (empty if unknown).
    pub source_line: String,
    /// True when the input simply ended too early (open bracket, triple-quoted string, block
    /// header without body): the REPL then asks for a continuation line instead of reporting.
    pub incomplete: bool,
}

impl SyntaxError {
    /// Builds an error at byte offset `start..end` of `source`, filling line, columns and text.
    pub fn at(
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        filename: &str,
        source: &str,
        start: usize,
        end: usize,
    ) -> SyntaxError {
        // Offsets are snapped to character boundaries so a one-byte caret after a multi-byte
        // character can never split it.
        let mut start = start.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[line_start..]
            .find('\n')
            .map_or(source.len(), |i| line_start + i);
        let line = source[..line_start].matches('\n').count() + 1;
        let col = source[line_start..start].chars().count() + 1;
        let mut end = end.clamp(start, line_end);
        while !source.is_char_boundary(end) {
            end += 1;
        }
        let end_col = (col + source[start..end].chars().count()).max(col + 1);
        SyntaxError {
            kind,
            msg: msg.into(),
            filename: filename.to_string(),
            line,
            col,
            end_col,
            source_line: source[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
            incomplete: false,
        }
    }
}

impl fmt::Display for SyntaxError {
    /// Formats as CPython's traceback-less report: file/line, source line, carets, message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  File \"{}\", line {}", self.filename, self.line)?;
        if !self.source_line.is_empty() {
            // Mirrors pythonrun.c print_error_text: leading blanks are stripped and the caret
            // shifted; a caret that would point into the stripped indentation (or a `col` of
            // 0) is not printed at all, and the carets never run past the end of the line.
            let stripped = self.source_line.trim_start_matches([' ', '\t', '\x0c']);
            let removed = self.source_line.chars().count() - stripped.chars().count();
            writeln!(f, "    {stripped}")?;
            if self.col > removed {
                let len = stripped.chars().count();
                let offset = (self.col - 1 - removed).min(len);
                let line_end = self.source_line.chars().count() + 1;
                let end_col = self.end_col.min(line_end);
                let width = if end_col > self.col {
                    end_col - self.col
                } else {
                    1
                };
                writeln!(f, "    {}{}", " ".repeat(offset), "^".repeat(width))?;
            }
        }
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}
