//! f-strings (PEP 701): literal text, `{{`/`}}`, replacement fields with conversions, debug
//! `=` and nested format specs. A field's expression is scanned with bracket and string
//! awareness (so `:`, `!` and `=` inside brackets or nested strings do not end it) and handed
//! to the parser as source text plus file offset; the parser lexes it with
//! [`Lexer::new_expression`]. Mirrors tokenizer.c's f-string mode and the `invalid_replacement_field`
//! rules of CPython 3.12's grammar, which report the messages used here.

use super::Lexer;
use super::strings::{self, Prefix, Unterminated};
use crate::error::SyntaxError;
use crate::token::{FStringField, FStringPart, Tok};

/// How deeply f-strings may nest inside each other (CPython's MAXFSTRINGLEVEL).
const MAX_FSTRING_NESTING: usize = 150;

/// How deeply replacement fields may nest inside format specs.
const MAX_SPEC_NESTING: usize = 2;

/// Scans the f-string whose prefix starts at `start` and opening quote is at `quote`.
/// Returns the token and the byte offset just past the literal.
pub(super) fn scan_fstring(
    lexer: &Lexer<'_>,
    start: usize,
    quote: usize,
    raw: bool,
) -> Result<(Tok, usize), SyntaxError> {
    let (parts, end) = FStringScanner::new(lexer, start, quote, raw, 0).scan()?;
    Ok((Tok::FString(parts), end))
}

/// The state of scanning one f-string literal.
struct FStringScanner<'l, 'src> {
    /// The lexer, for its source, file name and error builders.
    lexer: &'l Lexer<'src>,
    /// The text being lexed.
    src: &'src str,
    /// Cursor (byte offset into the file).
    pos: usize,
    /// Where the literal (its prefix) starts, for unterminated-literal errors.
    start: usize,
    /// The quote byte.
    quote: u8,
    /// Whether the literal is triple-quoted.
    triple: bool,
    /// Whether the literal is raw (`rf`).
    raw: bool,
    /// How many f-strings enclose this one.
    nesting: usize,
}

impl<'l, 'src> FStringScanner<'l, 'src> {
    fn new(lexer: &'l Lexer<'src>, start: usize, quote: usize, raw: bool, nesting: usize) -> Self {
        let src = &lexer.source[..lexer.limit()];
        let bytes = src.as_bytes();
        let q = bytes[quote];
        let triple = bytes.get(quote + 1) == Some(&q) && bytes.get(quote + 2) == Some(&q);
        FStringScanner {
            lexer,
            src,
            pos: quote + if triple { 3 } else { 1 },
            start,
            quote: q,
            triple,
            raw,
            nesting,
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.src.as_bytes().get(at).copied()
    }

    fn error(&self, msg: impl Into<String>, at: usize) -> SyntaxError {
        self.lexer.error(msg, at, at + 1)
    }

    /// The error for reaching a line end (single-quoted) or the end of input at `at`.
    fn unterminated(&self, at: usize) -> SyntaxError {
        let why = if self.triple {
            Unterminated::Triple
        } else {
            Unterminated::Single { detected_at: at }
        };
        self.lexer.unterminated(self.start, why, "f-string")
    }

    fn at_closing_quote(&self) -> bool {
        self.byte(self.pos) == Some(self.quote)
            && (!self.triple
                || (self.byte(self.pos + 1) == Some(self.quote)
                    && self.byte(self.pos + 2) == Some(self.quote)))
    }

    /// Scans to the closing quote; returns the parts and the offset past the literal.
    fn scan(mut self) -> Result<(Vec<FStringPart>, usize), SyntaxError> {
        let parts = self.parts(false, 0)?;
        let end = self.pos + if self.triple { 3 } else { 1 };
        Ok((parts, end))
    }

    /// Appends the literal text `src[from..to]` to `text`, decoding escapes unless raw.
    fn push_literal(&self, text: &mut String, from: usize, to: usize) -> Result<(), SyntaxError> {
        let run = &self.src[from..to];
        if self.raw {
            strings::push_normalized_newlines(text, run);
            Ok(())
        } else {
            strings::decode_str(run, text).map_err(|msg| self.lexer.error(msg, to, to))
        }
    }

    /// Literal text and fields up to the closing quote, or (in a format spec) up to the `}`
    /// that closes the enclosing field, which is left unconsumed.
    fn parts(
        &mut self,
        in_spec: bool,
        spec_nesting: usize,
    ) -> Result<Vec<FStringPart>, SyntaxError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut run_start = self.pos;
        loop {
            let Some(c) = self.byte(self.pos) else {
                return Err(self.unterminated(self.pos));
            };
            match c {
                _ if c == self.quote && self.at_closing_quote() => {
                    if in_spec {
                        return Err(self.error("f-string: expecting '}'", self.pos));
                    }
                    self.push_literal(&mut text, run_start, self.pos)?;
                    break;
                }
                b'\n' | b'\r' if !self.triple => {
                    if in_spec {
                        return Err(self.error(
                            "f-string: newlines are not allowed in format specifiers for single \
                             quoted f-strings",
                            self.pos,
                        ));
                    }
                    return Err(self.unterminated(self.pos));
                }
                b'\\' => self.skip_escape(),
                b'{' if !in_spec && self.byte(self.pos + 1) == Some(b'{') => {
                    self.push_literal(&mut text, run_start, self.pos + 1)?;
                    self.pos += 2;
                    run_start = self.pos;
                }
                b'{' => {
                    self.push_literal(&mut text, run_start, self.pos)?;
                    if !text.is_empty() {
                        parts.push(FStringPart::Literal(std::mem::take(&mut text)));
                    }
                    let field = self.field(spec_nesting)?;
                    parts.push(FStringPart::Field(field));
                    run_start = self.pos;
                }
                b'}' if in_spec => {
                    self.push_literal(&mut text, run_start, self.pos)?;
                    break;
                }
                b'}' if self.byte(self.pos + 1) == Some(b'}') => {
                    self.push_literal(&mut text, run_start, self.pos + 1)?;
                    self.pos += 2;
                    run_start = self.pos;
                }
                b'}' => {
                    return Err(self.error("f-string: single '}' is not allowed", self.pos));
                }
                _ => self.pos += 1,
            }
        }
        if !text.is_empty() {
            parts.push(FStringPart::Literal(text));
        }
        Ok(parts)
    }

    /// At a backslash in literal text: steps over the escape. A brace right after the
    /// backslash is left for the brace rules; `\N{...}` is stepped over whole.
    fn skip_escape(&mut self) {
        self.pos += 1;
        match self.byte(self.pos) {
            None | Some(b'{' | b'}') => {}
            Some(b'N') if !self.raw && self.byte(self.pos + 1) == Some(b'{') => {
                let close = self.src[self.pos..]
                    .find(['}', '\n'])
                    .map_or(self.src.len(), |i| self.pos + i);
                self.pos = close + usize::from(self.byte(close) == Some(b'}'));
            }
            Some(b'\r') if self.byte(self.pos + 1) == Some(b'\n') => self.pos += 2,
            Some(_) => {
                let len = self.src[self.pos..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                self.pos += len;
            }
        }
    }

    /// A replacement field starting at the `{` under the cursor; leaves the cursor past `}`.
    fn field(&mut self, spec_nesting: usize) -> Result<FStringField, SyntaxError> {
        if spec_nesting > MAX_SPEC_NESTING {
            return Err(self.error("f-string: expressions nested too deeply", self.pos));
        }
        self.pos += 1;
        let expr_start = self.pos;
        let mut terminator = self.expression()?;
        let expr_source = &self.src[expr_start..self.pos];
        if expr_source
            .trim_matches([' ', '\t', '\x0c', '\n', '\r'])
            .is_empty()
        {
            return Err(self.error(
                format!(
                    "f-string: valid expression required before '{}'",
                    terminator as char
                ),
                self.pos,
            ));
        }
        if terminator == b':' && starts_with_keyword(expr_source, "lambda") {
            return Err(self.error(
                "f-string: lambda expressions are not allowed without parentheses",
                expr_start,
            ));
        }
        let mut field = FStringField {
            expr_source: expr_source.to_string(),
            expr_offset: expr_start,
            debug_text: None,
            conversion: None,
            format_spec: None,
        };
        if terminator == b'=' {
            self.pos += 1;
            while matches!(
                self.byte(self.pos),
                Some(b' ' | b'\t' | b'\x0c' | b'\n' | b'\r')
            ) {
                self.pos += 1;
            }
            field.debug_text = Some(self.src[expr_start..self.pos].to_string());
            terminator = match self.byte(self.pos) {
                Some(c @ (b'!' | b':' | b'}')) => c,
                _ => {
                    return Err(self.error("f-string: expecting '!', or ':', or '}'", self.pos));
                }
            };
        }
        if terminator == b'!' {
            field.conversion = Some(self.conversion()?);
        }
        if self.byte(self.pos) == Some(b':') {
            self.pos += 1;
            field.format_spec = Some(self.parts(true, spec_nesting + 1)?);
        }
        if self.byte(self.pos) != Some(b'}') {
            return Err(self.error("f-string: expecting '}'", self.pos));
        }
        self.pos += 1;
        // Mirrors the 3.12 parser: `{x=}` without conversion or spec formats with repr.
        if field.debug_text.is_some() && field.conversion.is_none() && field.format_spec.is_none() {
            field.conversion = Some('r');
        }
        Ok(field)
    }

    /// At `!`: reads the conversion character and checks what follows it.
    fn conversion(&mut self) -> Result<char, SyntaxError> {
        self.pos += 1;
        let name_start = self.pos;
        match self.byte(self.pos) {
            Some(b':' | b'}') => {
                return Err(self.error("f-string: missing conversion character", self.pos));
            }
            Some(b' ' | b'\t' | b'\x0c' | b'\n' | b'\r') => {
                return Err(self.error(
                    "f-string: conversion type must come right after the exclamanation mark",
                    self.pos,
                ));
            }
            _ => {}
        }
        while matches!(self.byte(self.pos), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
        {
            self.pos += 1;
        }
        let name = &self.src[name_start..self.pos];
        let conversion = match name {
            "r" => 'r',
            "s" => 's',
            "a" => 'a',
            "" => return Err(self.error("f-string: invalid conversion character", name_start)),
            other => {
                return Err(self.error(
                    format!(
                        "f-string: invalid conversion character '{other}': expected 's', 'r', or 'a'"
                    ),
                    name_start,
                ));
            }
        };
        if !matches!(self.byte(self.pos), Some(b':' | b'}')) {
            return Err(self.error("f-string: expecting ':' or '}'", self.pos));
        }
        Ok(conversion)
    }

    /// Scans a field expression up to its top-level terminator (`}`, `!`, `:` or `=`), which
    /// it returns with the cursor on it.
    fn expression(&mut self) -> Result<u8, SyntaxError> {
        let mut brackets: Vec<(u8, usize)> = Vec::new();
        loop {
            let Some(c) = self.byte(self.pos) else {
                return Err(self.unterminated(self.pos));
            };
            let next = self.byte(self.pos + 1);
            match c {
                b'\n' | b'\r' if !self.triple && brackets.is_empty() => {
                    return Err(self.unterminated(self.pos));
                }
                b'(' | b'[' | b'{' => {
                    brackets.push((c, self.pos));
                    self.pos += 1;
                }
                b')' | b']' | b'}' => {
                    let Some((open, _)) = brackets.pop() else {
                        if c == b'}' {
                            return Ok(c);
                        }
                        return Err(
                            self.error(format!("f-string: unmatched '{}'", c as char), self.pos)
                        );
                    };
                    let expected = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if c != expected {
                        return Err(self.error(
                            format!(
                                "f-string: closing parenthesis '{}' does not match opening \
                                 parenthesis '{}'",
                                c as char, open as char
                            ),
                            self.pos,
                        ));
                    }
                    self.pos += 1;
                }
                b'\'' | b'"' => self.nested_string(self.pos, self.pos, Prefix::default())?,
                b'#' => {
                    self.pos = self.src[self.pos..]
                        .find(['\n', '\r'])
                        .map_or(self.src.len(), |i| self.pos + i);
                }
                b'\\' => {
                    self.pos += 1;
                    if self.byte(self.pos) == Some(b'\r') {
                        self.pos += 1;
                    }
                    if self.byte(self.pos).is_some() {
                        self.pos += 1;
                    }
                }
                b'!' | b'=' | b'<' | b'>' if next == Some(b'=') => self.pos += 2,
                b'!' | b'=' | b':' if brackets.is_empty() => return Ok(c),
                _ if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 => {
                    let run_start = self.pos;
                    while matches!(self.byte(self.pos), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
                    {
                        self.pos += 1;
                    }
                    if matches!(self.byte(self.pos), Some(b'\'' | b'"'))
                        && let Some(prefix) = strings::parse_prefix(&self.src[run_start..self.pos])
                    {
                        self.nested_string(run_start, self.pos, prefix)?;
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Steps over a string literal inside a field expression (prefix at `start`, quote at
    /// `quote`). An unterminated one with this f-string's quotes means a missing `}`.
    fn nested_string(
        &mut self,
        start: usize,
        quote: usize,
        prefix: Prefix,
    ) -> Result<(), SyntaxError> {
        if prefix.format {
            if self.nesting + 1 >= MAX_FSTRING_NESTING {
                return Err(self.error("too many nested f-strings", start));
            }
            let inner = FStringScanner::new(self.lexer, start, quote, prefix.raw, self.nesting + 1);
            let (_, end) = inner.scan()?;
            self.pos = end;
            return Ok(());
        }
        match strings::find_string_end(self.src, quote) {
            Ok(bounds) => {
                self.pos = bounds.end;
                Ok(())
            }
            Err(why) => {
                let q = self.src.as_bytes()[quote];
                let triple = self.byte(quote + 1) == Some(q) && self.byte(quote + 2) == Some(q);
                if q == self.quote && triple == self.triple {
                    return Err(self.error("f-string: expecting '}'", quote));
                }
                Err(self.lexer.unterminated(start, why, "string"))
            }
        }
    }
}

/// Whether `text` (leading whitespace ignored) begins with the keyword `kw` as a whole word.
fn starts_with_keyword(text: &str, kw: &str) -> bool {
    let text = text.trim_start();
    text.strip_prefix(kw).is_some_and(|rest| {
        !rest
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
    })
}
