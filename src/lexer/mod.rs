//! The lexer: source text to `(start, Tok, end)` triples (byte offsets), the item type of
//! lalrpop's external-lexer interface.
//!
//! A logos scanner ([`raw`]) finds operators, names, comments and line ends; this wrapper adds
//! what needs context, as CPython's tokenizer.c does: the indentation stack (INDENT/DEDENT,
//! TabError), bracket depth (no NEWLINE inside `()[]{}`), backslash continuations, blank and
//! comment-only lines, string/bytes/f-string literals and numbers.

mod fstring;
mod numbers;
mod raw;
mod strings;

use std::collections::VecDeque;

use logos::Logos;
use unicode_normalization::UnicodeNormalization;

use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::Tok;
use raw::RawTok;
use strings::{Prefix, Unterminated};

/// A token with its byte span: `(start, token, end)`.
pub type Spanned = (usize, Tok, usize);

/// One level of the indentation stack, measured twice as CPython does to detect TabError.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct IndentLevel {
    /// Width with tabs advancing to the next multiple of 8.
    col: usize,
    /// Width with tabs counting as 1.
    altcol: usize,
}

/// The tokenizer over one source text; iterate it to get tokens or the first error.
pub struct Lexer<'src> {
    /// The whole file (error positions and line numbers refer to it).
    source: &'src str,
    /// File name used in errors.
    filename: String,
    /// The logos scanner; its current token end is the lexer's cursor.
    raw: logos::Lexer<'src, RawTok>,
    /// Open indentation levels; the bottom entry is column 0.
    indents: Vec<IndentLevel>,
    /// Open brackets: the byte and its offset.
    brackets: Vec<(u8, usize)>,
    /// Tokens decided but not yet handed out (DEDENTs, the final NEWLINE).
    pending: VecDeque<Spanned>,
    /// True at the start of a logical line, before its indentation was measured.
    at_line_start: bool,
    /// Whether the current logical line produced a token (else a line end is not a NEWLINE).
    line_has_tokens: bool,
    /// Lexing a replacement-field expression: as if inside brackets, no NEWLINE at the end.
    expression_mode: bool,
    /// Set once the end was reached or an error returned.
    finished: bool,
}

/// Tokenizes a whole file.
pub fn tokenize(source: &str, filename: &str) -> Result<Vec<Spanned>, SyntaxError> {
    Lexer::new(source, filename).collect()
}

/// Maps an identifier to its keyword token, or `None` for a plain name (soft keywords too).
fn keyword(name: &str) -> Option<Tok> {
    Some(match name {
        "False" => Tok::False,
        "None" => Tok::None,
        "True" => Tok::True,
        "and" => Tok::And,
        "as" => Tok::As,
        "assert" => Tok::Assert,
        "async" => Tok::Async,
        "await" => Tok::Await,
        "break" => Tok::Break,
        "class" => Tok::Class,
        "continue" => Tok::Continue,
        "def" => Tok::Def,
        "del" => Tok::Del,
        "elif" => Tok::Elif,
        "else" => Tok::Else,
        "except" => Tok::Except,
        "finally" => Tok::Finally,
        "for" => Tok::For,
        "from" => Tok::From,
        "global" => Tok::Global,
        "if" => Tok::If,
        "import" => Tok::Import,
        "in" => Tok::In,
        "is" => Tok::Is,
        "lambda" => Tok::Lambda,
        "nonlocal" => Tok::Nonlocal,
        "not" => Tok::Not,
        "or" => Tok::Or,
        "pass" => Tok::Pass,
        "raise" => Tok::Raise,
        "return" => Tok::Return,
        "try" => Tok::Try,
        "while" => Tok::While,
        "with" => Tok::With,
        "yield" => Tok::Yield,
        _ => return None,
    })
}

/// The token for a raw operator or delimiter, if it is one.
fn operator(raw: RawTok) -> Option<Tok> {
    Some(match raw {
        RawTok::Colon => Tok::Colon,
        RawTok::Comma => Tok::Comma,
        RawTok::Semi => Tok::Semi,
        RawTok::Dot => Tok::Dot,
        RawTok::Ellipsis => Tok::Ellipsis,
        RawTok::Arrow => Tok::Arrow,
        RawTok::ColonEqual => Tok::ColonEqual,
        RawTok::Equal => Tok::Equal,
        RawTok::Plus => Tok::Plus,
        RawTok::Minus => Tok::Minus,
        RawTok::Star => Tok::Star,
        RawTok::DoubleStar => Tok::DoubleStar,
        RawTok::Slash => Tok::Slash,
        RawTok::DoubleSlash => Tok::DoubleSlash,
        RawTok::Percent => Tok::Percent,
        RawTok::At => Tok::At,
        RawTok::Vbar => Tok::Vbar,
        RawTok::Amper => Tok::Amper,
        RawTok::Circumflex => Tok::Circumflex,
        RawTok::Tilde => Tok::Tilde,
        RawTok::LeftShift => Tok::LeftShift,
        RawTok::RightShift => Tok::RightShift,
        RawTok::Less => Tok::Less,
        RawTok::Greater => Tok::Greater,
        RawTok::LessEqual => Tok::LessEqual,
        RawTok::GreaterEqual => Tok::GreaterEqual,
        RawTok::EqEqual => Tok::EqEqual,
        RawTok::NotEqual => Tok::NotEqual,
        RawTok::PlusEqual => Tok::PlusEqual,
        RawTok::MinEqual => Tok::MinEqual,
        RawTok::StarEqual => Tok::StarEqual,
        RawTok::SlashEqual => Tok::SlashEqual,
        RawTok::DoubleSlashEqual => Tok::DoubleSlashEqual,
        RawTok::PercentEqual => Tok::PercentEqual,
        RawTok::AtEqual => Tok::AtEqual,
        RawTok::AmperEqual => Tok::AmperEqual,
        RawTok::VbarEqual => Tok::VbarEqual,
        RawTok::CircumflexEqual => Tok::CircumflexEqual,
        RawTok::LeftShiftEqual => Tok::LeftShiftEqual,
        RawTok::RightShiftEqual => Tok::RightShiftEqual,
        RawTok::DoubleStarEqual => Tok::DoubleStarEqual,
        _ => return None,
    })
}

/// Whether Python's `str.isprintable` would call `c` printable (approximated: control,
/// format and separator characters other than space are not).
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{e000}'..='\u{f8ff}'))
}

impl<'src> Lexer<'src> {
    /// Creates a lexer over a whole file.
    pub fn new(source: &'src str, filename: &str) -> Self {
        let mut raw = RawTok::lexer(source);
        if source.starts_with('\u{feff}') {
            raw.bump('\u{feff}'.len_utf8());
        }
        Lexer {
            source,
            filename: filename.to_string(),
            raw,
            indents: vec![IndentLevel { col: 0, altcol: 0 }],
            brackets: Vec::new(),
            pending: VecDeque::new(),
            at_line_start: true,
            line_has_tokens: false,
            expression_mode: false,
            finished: false,
        }
    }

    /// Creates a lexer for the f-string replacement-field expression `source[start..end]`
    /// (an [`crate::token::FStringField`]'s `expr_source` at `expr_offset`): it lexes as if
    /// inside brackets (line ends are insignificant, no NEWLINE/INDENT/DEDENT) and reports
    /// positions relative to the whole `source`.
    pub fn new_expression(source: &'src str, filename: &str, start: usize, end: usize) -> Self {
        let end = end.min(source.len());
        let mut raw = RawTok::lexer(&source[..end]);
        raw.bump(start.min(end));
        Lexer {
            source,
            filename: filename.to_string(),
            raw,
            indents: vec![IndentLevel { col: 0, altcol: 0 }],
            brackets: Vec::new(),
            pending: VecDeque::new(),
            at_line_start: false,
            line_has_tokens: false,
            expression_mode: true,
            finished: false,
        }
    }

    /// Byte offset where the next raw token starts scanning.
    fn cursor(&self) -> usize {
        self.raw.span().end
    }

    /// The end of the text this lexer covers.
    fn limit(&self) -> usize {
        self.raw.source().len()
    }

    /// Moves the cursor forward to `pos`.
    fn seek(&mut self, pos: usize) {
        let cursor = self.cursor();
        debug_assert!(pos >= cursor, "the lexer only moves forward");
        self.raw.bump(pos.saturating_sub(cursor));
    }

    /// Builds a syntax error of `kind` at `start..end`.
    fn error_kind(
        &self,
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        start: usize,
        end: usize,
    ) -> SyntaxError {
        SyntaxError::at(kind, msg, &self.filename, self.source, start, end)
    }

    /// Builds a `SyntaxError` at `start..end`.
    fn error(&self, msg: impl Into<String>, start: usize, end: usize) -> SyntaxError {
        self.error_kind(SyntaxErrorKind::Syntax, msg, start, end)
    }

    /// Builds an error caused by the input ending too early.
    fn incomplete(&self, msg: impl Into<String>, start: usize, end: usize) -> SyntaxError {
        let mut err = self.error(msg, start, end);
        err.incomplete = true;
        err
    }

    /// 1-based line number of byte `pos`.
    fn line_of(&self, pos: usize) -> usize {
        let pos = pos.min(self.source.len());
        self.source.as_bytes()[..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// Measures the indentation of a new line and queues INDENT/DEDENT tokens.
    /// Mirrors the indentation part of tokenizer.c tok_get.
    fn measure_indentation(&mut self) -> Result<(), SyntaxError> {
        let bytes = self.source.as_bytes();
        let line_start = self.cursor();
        let mut pos = line_start;
        let (mut col, mut altcol) = (0usize, 0usize);
        while let Some(&b) = bytes.get(pos) {
            match b {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            pos += 1;
        }
        match bytes.get(pos) {
            // Blank or comment-only lines, and the end of the file, do not affect indentation.
            None | Some(b'#' | b'\n' | b'\r') => return Ok(()),
            _ => {}
        }
        self.at_line_start = false;
        self.seek(pos);
        let top = *self
            .indents
            .last()
            .unwrap_or(&IndentLevel { col: 0, altcol: 0 });
        if col == top.col {
            if altcol != top.altcol {
                return Err(self.tab_error(line_start));
            }
        } else if col > top.col {
            if altcol <= top.altcol {
                return Err(self.tab_error(line_start));
            }
            self.indents.push(IndentLevel { col, altcol });
            self.pending.push_back((pos, Tok::Indent, pos));
        } else {
            while self.indents.len() > 1 && col < self.indents[self.indents.len() - 1].col {
                self.indents.pop();
                self.pending.push_back((pos, Tok::Dedent, pos));
            }
            let top = *self
                .indents
                .last()
                .unwrap_or(&IndentLevel { col: 0, altcol: 0 });
            if col != top.col {
                let line_end = self.source[pos..]
                    .find(['\n', '\r'])
                    .map_or(self.source.len(), |i| pos + i);
                return Err(self.error_kind(
                    SyntaxErrorKind::Indentation,
                    "unindent does not match any outer indentation level",
                    line_end,
                    line_end,
                ));
            }
            if altcol != top.altcol {
                return Err(self.tab_error(line_start));
            }
        }
        Ok(())
    }

    /// The TabError for the line starting at `line_start`.
    fn tab_error(&self, line_start: usize) -> SyntaxError {
        self.error_kind(
            SyntaxErrorKind::Tab,
            "inconsistent use of tabs and spaces in indentation",
            line_start,
            line_start,
        )
    }

    /// Queues what the end of input produces: the last NEWLINE and the DEDENTs.
    fn finish(&mut self) -> Result<(), SyntaxError> {
        let end = self.limit();
        if let Some(&(bracket, pos)) = self.brackets.last() {
            return Err(self.incomplete(
                format!("'{}' was never closed", bracket as char),
                pos,
                pos + 1,
            ));
        }
        if self.expression_mode {
            return Ok(());
        }
        if self.line_has_tokens {
            self.pending.push_back((end, Tok::Newline, end));
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.pending.push_back((end, Tok::Dedent, end));
        }
        Ok(())
    }

    /// Produces the next token, or `None` at the end of input.
    fn next_token(&mut self) -> Result<Option<Spanned>, SyntaxError> {
        loop {
            if let Some(tok) = self.pending.pop_front() {
                return Ok(Some(tok));
            }
            if self.finished {
                return Ok(None);
            }
            if self.at_line_start && self.brackets.is_empty() && !self.expression_mode {
                self.measure_indentation()?;
                if let Some(tok) = self.pending.pop_front() {
                    return Ok(Some(tok));
                }
            }
            let Some(raw) = self.raw.next() else {
                self.finished = true;
                self.finish()?;
                continue;
            };
            let span = self.raw.span();
            let (start, end) = (span.start, span.end);
            let raw = match raw {
                Ok(raw) => raw,
                Err(()) => {
                    let tok = self.non_ascii_start(start)?;
                    self.line_has_tokens = true;
                    return Ok(Some(tok));
                }
            };
            let tok = match raw {
                RawTok::Comment => continue,
                RawTok::Newline => {
                    if !self.brackets.is_empty() || self.expression_mode {
                        continue;
                    }
                    self.at_line_start = true;
                    if !self.line_has_tokens {
                        continue;
                    }
                    self.line_has_tokens = false;
                    return Ok(Some((start, Tok::Newline, end)));
                }
                RawTok::Backslash => {
                    self.continuation(end)?;
                    continue;
                }
                RawTok::Name => self.name_or_string(start, end)?,
                RawTok::NumberStart => self.number(start)?,
                RawTok::Quote => self.string(start, start, Prefix::default())?,
                RawTok::Lpar | RawTok::Lsqb | RawTok::Lbrace => {
                    let byte = self.source.as_bytes()[start];
                    self.brackets.push((byte, start));
                    let tok = match raw {
                        RawTok::Lpar => Tok::Lpar,
                        RawTok::Lsqb => Tok::Lsqb,
                        _ => Tok::Lbrace,
                    };
                    (start, tok, end)
                }
                RawTok::Rpar | RawTok::Rsqb | RawTok::Rbrace => {
                    self.close_bracket(start)?;
                    let tok = match raw {
                        RawTok::Rpar => Tok::Rpar,
                        RawTok::Rsqb => Tok::Rsqb,
                        _ => Tok::Rbrace,
                    };
                    (start, tok, end)
                }
                RawTok::Exclamation => {
                    return Err(self.error("invalid syntax", start, end));
                }
                other => match operator(other) {
                    Some(tok) => (start, tok, end),
                    None => unreachable!("every remaining raw token is an operator"),
                },
            };
            self.line_has_tokens = true;
            return Ok(Some(tok));
        }
    }

    /// After a backslash ending at `after`: a line end must follow.
    fn continuation(&mut self, after: usize) -> Result<(), SyntaxError> {
        let bytes = self.source.as_bytes();
        match bytes.get(after) {
            Some(b'\n') => self.seek(after + 1),
            Some(b'\r') => {
                let skip = if bytes.get(after + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                self.seek(after + skip);
            }
            None => {
                return Err(self.incomplete("unexpected EOF while parsing", after, after));
            }
            Some(_) => {
                return Err(self.error(
                    "unexpected character after line continuation character",
                    after,
                    after,
                ));
            }
        }
        if after + 1 >= self.limit() || self.source[after..].trim().is_empty() {
            return Err(self.incomplete("unexpected EOF while parsing", after, after));
        }
        Ok(())
    }

    /// Checks a closing bracket at `pos` against the innermost open one.
    fn close_bracket(&mut self, pos: usize) -> Result<(), SyntaxError> {
        let close = self.source.as_bytes()[pos];
        let Some((open, open_pos)) = self.brackets.pop() else {
            return Err(self.error(format!("unmatched '{}'", close as char), pos, pos + 1));
        };
        let expected = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        if close != expected {
            let open_line = self.line_of(open_pos);
            let msg = if open_line == self.line_of(pos) {
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}'",
                    close as char, open as char
                )
            } else {
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                    close as char, open as char, open_line
                )
            };
            return Err(self.error(msg, pos, pos + 1));
        }
        Ok(())
    }

    /// Handles a character logos does not know: a non-ASCII identifier start or an error.
    fn non_ascii_start(&mut self, start: usize) -> Result<Spanned, SyntaxError> {
        let Some(c) = self.source[start..].chars().next() else {
            unreachable!("logos reports errors only on a character");
        };
        if c == '_' || unicode_ident::is_xid_start(c) {
            let end = start + c.len_utf8();
            self.seek(end);
            return self.name_or_string(start, end);
        }
        let end = start + c.len_utf8();
        if c == '$' || c == '?' || c == '`' || (!c.is_ascii() && is_printable(c)) {
            return Err(self.error(
                format!("invalid character '{c}' (U+{:04X})", c as u32),
                start,
                end,
            ));
        }
        Err(self.error(
            format!("invalid non-printable character U+{:04X}", c as u32),
            start,
            end,
        ))
    }

    /// A name from `start` to (at least) `end`: extends it over non-ASCII identifier
    /// characters, then decides between keyword, name and string prefix.
    fn name_or_string(&mut self, start: usize, mut end: usize) -> Result<Spanned, SyntaxError> {
        let bytes = self.source.as_bytes();
        let limit = self.limit();
        if end < limit && (bytes[end] >= 0x80 || bytes[start] >= 0x80) {
            for c in self.source[end..limit].chars() {
                if c.is_ascii_alphanumeric() || c == '_' || unicode_ident::is_xid_continue(c) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            self.seek(end);
        }
        let text = &self.source[start..end];
        if matches!(bytes.get(end), Some(b'\'' | b'"'))
            && let Some(prefix) = strings::parse_prefix(text)
        {
            return self.string(start, end, prefix);
        }
        if let Some(tok) = keyword(text) {
            return Ok((start, tok, end));
        }
        let name = if text.is_ascii() {
            text.to_string()
        } else {
            text.nfkc().collect()
        };
        Ok((start, Tok::Name(name), end))
    }

    /// A number starting at `start`.
    fn number(&mut self, start: usize) -> Result<Spanned, SyntaxError> {
        match numbers::scan_number(&self.source[..self.limit()], start) {
            Ok((tok, end)) => {
                self.seek(end);
                Ok((start, tok, end))
            }
            Err(e) => Err(self.error(e.msg, e.start, e.end)),
        }
    }

    /// A string, bytes or f-string literal whose prefix starts at `start` and whose opening
    /// quote is at `quote`.
    fn string(
        &mut self,
        start: usize,
        quote: usize,
        prefix: Prefix,
    ) -> Result<Spanned, SyntaxError> {
        if prefix.format {
            let (tok, end) = fstring::scan_fstring(self, start, quote, prefix.raw)?;
            self.seek(end);
            return Ok((start, tok, end));
        }
        let source = &self.source[..self.limit()];
        let bounds = match strings::find_string_end(source, quote) {
            Ok(bounds) => bounds,
            Err(unterminated) => return Err(self.unterminated(start, unterminated, "string")),
        };
        self.seek(bounds.end);
        let body = &self.source[bounds.body_start..bounds.body_end];
        let tok = if prefix.bytes {
            match strings::decode_bytes(body, prefix.raw) {
                Ok(bytes) => Tok::Bytes(bytes),
                Err(None) => {
                    let mut err = self.error(
                        "bytes can only contain ASCII literal characters",
                        start,
                        bounds.end,
                    );
                    err.end_col = err.col + (bounds.end - start);
                    return Err(err);
                }
                Err(Some(msg)) => return Err(self.error(msg, bounds.end, bounds.end)),
            }
        } else {
            let mut text = String::with_capacity(body.len());
            if prefix.raw {
                strings::push_normalized_newlines(&mut text, body);
            } else if let Err(msg) = strings::decode_str(body, &mut text) {
                return Err(self.error(msg, bounds.end, bounds.end));
            }
            Tok::Str(text)
        };
        Ok((start, tok, bounds.end))
    }

    /// The error for a literal starting at `start` that has no closing quote;
    /// `what` is `string` or `f-string`.
    fn unterminated(&self, start: usize, why: Unterminated, what: &str) -> SyntaxError {
        match why {
            Unterminated::Single { detected_at } => self.error(
                format!(
                    "unterminated {what} literal (detected at line {})",
                    self.line_of(detected_at)
                ),
                start,
                start,
            ),
            Unterminated::Triple => {
                let last_char = self.limit().saturating_sub(1).max(start);
                self.incomplete(
                    format!(
                        "unterminated triple-quoted {what} literal (detected at line {})",
                        self.line_of(last_char)
                    ),
                    start,
                    start,
                )
            }
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Spanned, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_token() {
            Ok(Some(tok)) => Some(Ok(tok)),
            Ok(None) => None,
            Err(err) => {
                self.finished = true;
                self.pending.clear();
                Some(Err(err))
            }
        }
    }
}
