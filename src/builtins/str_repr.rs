//! `repr()` and `ascii()` of `str`, and `repr()` of `bytes`, exactly as CPython writes them.

use super::str_case::is_printable;
use std::fmt::Write;

/// The quote CPython picks: `'` unless the text has a `'` and no `"`.
fn pick_quote(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double { '"' } else { '\'' }
}

/// Appends `\xNN`, `\uNNNN` or `\UNNNNNNNN`, the shortest escape that fits `c`.
fn push_hex_escape(out: &mut String, c: char) {
    let code = c as u32;
    // Writing into a String cannot fail.
    let _ = if code < 0x100 {
        write!(out, "\\x{code:02x}")
    } else if code < 0x10000 {
        write!(out, "\\u{code:04x}")
    } else {
        write!(out, "\\U{code:08x}")
    };
}

/// Quotes `s` like CPython's unicode_repr; `ascii_only` escapes every non-ASCII code point
/// (that is `ascii()`).
fn quote(s: &str, ascii_only: bool) -> String {
    let quote = pick_quote(s.contains('\''), s.contains('"'));
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ if c.is_ascii() || ascii_only || !is_printable(c) => push_hex_escape(&mut out, c),
            _ => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `repr(s)` for a `str`: printable non-ASCII kept, other code points escaped.
pub fn str_repr(s: &str) -> String {
    quote(s, false)
}

/// `ascii(s)` for a `str`: like `repr` with every non-ASCII code point escaped.
pub fn str_ascii(s: &str) -> String {
    quote(s, true)
}

/// Escapes every non-ASCII code point of `text` (what `ascii(x)` does to `repr(x)`).
pub fn escape_non_ascii(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_hex_escape(&mut out, c);
        }
    }
    out
}

/// `repr(b)` for `bytes`: `b'...'` with `\xNN` for bytes outside printable ASCII.
pub fn bytes_repr(bytes: &[u8]) -> String {
    let quote = pick_quote(bytes.contains(&b'\''), bytes.contains(&b'"'));
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote);
    for &byte in bytes {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ if byte as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            b' '..=b'~' => out.push(byte as char),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_repr_matches_cpython() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(str_repr("say \"hi\""), "'say \"hi\"'");
        assert_eq!(
            str_repr("a\\b\n\r\t\x00\x7f"),
            "'a\\\\b\\n\\r\\t\\x00\\x7f'"
        );
        assert_eq!(
            str_repr("é日本\u{85}\u{a0}\u{200b}"),
            "'é日本\\x85\\xa0\\u200b'"
        );
        assert_eq!(str_repr("\u{10ffff}😀"), "'\\U0010ffff😀'");
    }

    #[test]
    fn ascii_escapes_all_non_ascii() {
        assert_eq!(str_ascii("é日本😀'"), "\"\\xe9\\u65e5\\u672c\\U0001f600'\"");
    }

    #[test]
    fn escape_non_ascii_turns_repr_into_ascii() {
        assert_eq!(escape_non_ascii("['é', 1]"), "['\\xe9', 1]");
        assert_eq!(escape_non_ascii("plain"), "plain");
    }

    #[test]
    fn bytes_repr_matches_cpython() {
        assert_eq!(bytes_repr(b"abc"), "b'abc'");
        assert_eq!(bytes_repr(b"it's"), "b\"it's\"");
        assert_eq!(bytes_repr(b"'\""), "b'\\'\"'");
        assert_eq!(bytes_repr(b"\x00\n\xff\\"), "b'\\x00\\n\\xff\\\\'");
    }
}
