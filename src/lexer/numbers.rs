//! Number literals: decimal, hexadecimal, octal and binary integers, floats and imaginary
//! numbers, with CPython's error messages and caret positions.

use crate::token::Tok;
use num_bigint::BigInt;
use num_traits::Num;

/// A malformed number: CPython's message and the byte range the caret covers.
pub(super) struct NumberError {
    /// The message, e.g. `invalid decimal literal`.
    pub msg: String,
    /// First byte under the caret.
    pub start: usize,
    /// One past the last byte under the caret.
    pub end: usize,
}

/// Scans the number starting at byte `start` (a digit, or `.` followed by a digit) and returns
/// the token and the byte offset just past it. Mirrors tokenizer.c's number branch.
pub(super) fn scan_number(src: &str, start: usize) -> Result<(Tok, usize), NumberError> {
    let mut scanner = NumberScanner {
        bytes: src.as_bytes(),
        src,
        start,
        pos: start,
    };
    scanner.scan()
}

struct NumberScanner<'a> {
    bytes: &'a [u8],
    src: &'a str,
    start: usize,
    pos: usize,
}

/// Whether `c` may continue an identifier (ASCII letters/digits/underscore or any non-ASCII).
fn is_potential_identifier_char(c: Option<u8>) -> bool {
    matches!(c, Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
}

impl NumberScanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// An error whose single caret sits on the character before the current position, which is
    /// where CPython's tokenizer points after backing up over the offending character.
    fn error_before_cursor(&self, msg: impl Into<String>) -> NumberError {
        let at = self.src[..self.pos]
            .char_indices()
            .next_back()
            .map_or(self.pos, |(i, _)| i);
        NumberError {
            msg: msg.into(),
            start: at,
            end: self.pos.max(at + 1),
        }
    }

    /// Consumes digits accepted by `is_digit`, with single underscores between them.
    /// Mirrors tok_decimal_tail (generalised to any radix); on `_` not followed by a digit
    /// the error names `kind`.
    fn digits_tail(&mut self, is_digit: fn(u8) -> bool, kind: &str) -> Result<(), NumberError> {
        loop {
            while matches!(self.peek(), Some(c) if is_digit(c)) {
                self.pos += 1;
            }
            if self.peek() != Some(b'_') {
                return Ok(());
            }
            self.pos += 1;
            if !matches!(self.peek(), Some(c) if is_digit(c)) {
                return Err(self.error_before_cursor(format!("invalid {kind} literal")));
            }
        }
    }

    /// Mirrors tokenizer.c verify_end_of_number: a number may be directly followed by the
    /// keywords `and else for if in is not or`, but not by other identifier characters.
    fn verify_end(&self, kind: &str) -> Result<(), NumberError> {
        let rest = &self.bytes[self.pos..];
        let keyword_follows = [
            &b"and"[..],
            b"else",
            b"for",
            b"if",
            b"in",
            b"is",
            b"not",
            b"or",
        ]
        .iter()
        .any(|kw| rest.starts_with(kw));
        if !keyword_follows && is_potential_identifier_char(self.peek()) {
            return Err(self.error_before_cursor(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    fn scan(&mut self) -> Result<(Tok, usize), NumberError> {
        if self.peek() == Some(b'.') {
            return self.fraction();
        }
        if self.peek() == Some(b'0') {
            let radix = match self.peek_at(1) {
                Some(b'x' | b'X') => Some((16, "hexadecimal")),
                Some(b'o' | b'O') => Some((8, "octal")),
                Some(b'b' | b'B') => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, kind)) = radix {
                return self.radix_integer(radix, kind);
            }
            return self.zero_prefixed();
        }
        self.digits_tail(|c| c.is_ascii_digit(), "decimal")?;
        self.after_integer_part()
    }

    /// `0x..`, `0o..`, `0b..`.
    fn radix_integer(&mut self, radix: u32, kind: &str) -> Result<(Tok, usize), NumberError> {
        self.pos += 2;
        let is_digit: fn(u8) -> bool = match radix {
            16 => |c: u8| c.is_ascii_hexdigit(),
            8 => |c: u8| (b'0'..=b'7').contains(&c),
            _ => |c: u8| c == b'0' || c == b'1',
        };
        if self.peek() == Some(b'_') {
            self.pos += 1;
        }
        if !matches!(self.peek(), Some(c) if is_digit(c)) {
            return Err(self.bad_radix_digit(kind));
        }
        self.digits_tail(is_digit, kind)?;
        if radix != 16 && matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
            return Err(self.bad_radix_digit(kind));
        }
        self.verify_end(kind)?;
        let digits: String = self.src[self.start + 2..self.pos]
            .chars()
            .filter(|&c| c != '_')
            .collect();
        let value = BigInt::from_str_radix(&digits, radix)
            .map_err(|_| self.error_before_cursor(format!("invalid {kind} literal")))?;
        Ok((Tok::Int(value), self.pos))
    }

    /// `invalid digit '8' in octal literal` when a decimal digit follows, else `invalid ... literal`.
    fn bad_radix_digit(&mut self, kind: &str) -> NumberError {
        match self.peek() {
            Some(c) if c.is_ascii_digit() && kind != "hexadecimal" => {
                self.pos += 1;
                self.error_before_cursor(format!("invalid digit '{}' in {kind} literal", c as char))
            }
            _ => self.error_before_cursor(format!("invalid {kind} literal")),
        }
    }

    /// A decimal starting with `0`: only zeros unless it turns out to be a float/imaginary.
    fn zero_prefixed(&mut self) -> Result<(Tok, usize), NumberError> {
        while self.peek() == Some(b'0') {
            self.pos += 1;
            if self.peek() == Some(b'_') {
                self.pos += 1;
                if !matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                    return Err(self.error_before_cursor("invalid decimal literal"));
                }
            }
        }
        let zeros_end = self.pos;
        let nonzero = matches!(self.peek(), Some(c) if c.is_ascii_digit());
        if nonzero {
            self.digits_tail(|c| c.is_ascii_digit(), "decimal")?;
        }
        match self.peek() {
            Some(b'.' | b'e' | b'E' | b'j' | b'J') => self.after_integer_part(),
            _ if nonzero => Err(NumberError {
                msg: "leading zeros in decimal integer literals are not permitted; \
                      use an 0o prefix for octal integers"
                    .into(),
                start: self.start,
                end: zeros_end.max(self.start + 1),
            }),
            _ => {
                self.verify_end("decimal")?;
                Ok((Tok::Int(BigInt::from(0)), self.pos))
            }
        }
    }

    /// After the integer digits: an optional fraction, exponent and `j`.
    fn after_integer_part(&mut self) -> Result<(Tok, usize), NumberError> {
        match self.peek() {
            Some(b'.') => self.fraction(),
            Some(b'e' | b'E') => self.exponent(),
            Some(b'j' | b'J') => self.imaginary(),
            _ => {
                self.verify_end("decimal")?;
                let digits: String = self.src[self.start..self.pos]
                    .chars()
                    .filter(|&c| c != '_')
                    .collect();
                let value = BigInt::from_str_radix(&digits, 10)
                    .map_err(|_| self.error_before_cursor("invalid decimal literal"))?;
                Ok((Tok::Int(value), self.pos))
            }
        }
    }

    /// At `.`: fraction digits, then exponent or `j`.
    fn fraction(&mut self) -> Result<(Tok, usize), NumberError> {
        self.pos += 1;
        if matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
            self.digits_tail(|c| c.is_ascii_digit(), "decimal")?;
        }
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(),
            Some(b'j' | b'J') => self.imaginary(),
            _ => {
                self.verify_end("decimal")?;
                self.float_token()
            }
        }
    }

    /// At `e`/`E`: a signed exponent; `1else` is `1` followed by `else`.
    fn exponent(&mut self) -> Result<(Tok, usize), NumberError> {
        let e_pos = self.pos;
        self.pos += 1;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
            if !matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                return Err(self.error_before_cursor("invalid decimal literal"));
            }
        } else if !matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
            // Back up to the `e`: it may start a keyword such as `else`.
            self.pos = e_pos;
            self.verify_end("decimal")?;
            return self.number_before_exponent();
        }
        self.digits_tail(|c| c.is_ascii_digit(), "decimal")?;
        if matches!(self.peek(), Some(b'j' | b'J')) {
            return self.imaginary();
        }
        self.verify_end("decimal")?;
        self.float_token()
    }

    /// The literal ended just before an `e` that starts a keyword (`1else`).
    fn number_before_exponent(&mut self) -> Result<(Tok, usize), NumberError> {
        let text = &self.src[self.start..self.pos];
        if text.contains('.') {
            self.float_token()
        } else {
            let digits: String = text.chars().filter(|&c| c != '_').collect();
            let value = BigInt::from_str_radix(&digits, 10)
                .map_err(|_| self.error_before_cursor("invalid decimal literal"))?;
            Ok((Tok::Int(value), self.pos))
        }
    }

    /// At `j`/`J`.
    fn imaginary(&mut self) -> Result<(Tok, usize), NumberError> {
        let value = self.float_value(self.pos)?;
        self.pos += 1;
        self.verify_end("imaginary")?;
        Ok((Tok::Imaginary(value), self.pos))
    }

    fn float_token(&mut self) -> Result<(Tok, usize), NumberError> {
        let value = self.float_value(self.pos)?;
        Ok((Tok::Float(value), self.pos))
    }

    fn float_value(&self, end: usize) -> Result<f64, NumberError> {
        let text = &self.src[self.start..end];
        let parsed = if text.contains('_') {
            text.chars()
                .filter(|&c| c != '_')
                .collect::<String>()
                .parse::<f64>()
        } else {
            text.parse::<f64>()
        };
        parsed.map_err(|_| self.error_before_cursor("invalid decimal literal"))
    }
}
