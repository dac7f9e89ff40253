//! String and bytes literals: prefixes, finding the closing quote, and decoding escapes as
//! CPython's unicode-escape and bytes-escape decoders do.

/// What a string prefix (`r`, `b`, `f`, `rb`, `u`, …, any case) asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Prefix {
    /// `r`: backslashes are kept literally.
    pub raw: bool,
    /// `b`: a bytes literal.
    pub bytes: bool,
    /// `f`: an f-string.
    pub format: bool,
}

/// Parses a name that directly precedes a quote as a string prefix, if it is one.
pub(super) fn parse_prefix(name: &str) -> Option<Prefix> {
    if name.len() > 2 {
        return None;
    }
    let mut prefix = Prefix::default();
    let mut unicode = false;
    for c in name.bytes() {
        let flag = match c.to_ascii_lowercase() {
            b'r' => &mut prefix.raw,
            b'b' => &mut prefix.bytes,
            b'f' => &mut prefix.format,
            b'u' => &mut unicode,
            _ => return None,
        };
        if *flag {
            return None;
        }
        *flag = true;
    }
    // `u` combines with nothing; `b` and `f` exclude each other.
    if (unicode && name.len() > 1) || (prefix.bytes && prefix.format) {
        return None;
    }
    Some(prefix)
}

/// Where a literal's body and closing quote are.
#[derive(Clone, Copy, Debug)]
pub(super) struct StringBounds {
    /// Byte offset of the first character after the opening quote(s).
    pub body_start: usize,
    /// Byte offset of the closing quote(s).
    pub body_end: usize,
    /// Byte offset just past the closing quote(s).
    pub end: usize,
}

/// Why a literal has no closing quote.
#[derive(Clone, Copy, Debug)]
pub(super) enum Unterminated {
    /// A single-quoted literal hit a line end at this byte offset (or EOF).
    Single {
        /// Byte offset where the literal was found unterminated.
        detected_at: usize,
    },
    /// A triple-quoted literal hit the end of the file.
    Triple,
}

/// Finds the closing quote of the literal whose opening quote is at byte `quote_pos`.
pub(super) fn find_string_end(src: &str, quote_pos: usize) -> Result<StringBounds, Unterminated> {
    let bytes = src.as_bytes();
    let quote = bytes[quote_pos];
    let triple =
        bytes.get(quote_pos + 1) == Some(&quote) && bytes.get(quote_pos + 2) == Some(&quote);
    let body_start = quote_pos + if triple { 3 } else { 1 };
    let mut pos = body_start;
    loop {
        let Some(&c) = bytes.get(pos) else {
            return Err(if triple {
                Unterminated::Triple
            } else {
                Unterminated::Single { detected_at: pos }
            });
        };
        if c == b'\\' {
            pos += match bytes.get(pos + 1) {
                Some(b'\r') if bytes.get(pos + 2) == Some(&b'\n') => 3,
                Some(_) => 2,
                None => 1,
            };
            continue;
        }
        if c == quote {
            if !triple {
                return Ok(StringBounds {
                    body_start,
                    body_end: pos,
                    end: pos + 1,
                });
            }
            if bytes.get(pos + 1) == Some(&quote) && bytes.get(pos + 2) == Some(&quote) {
                return Ok(StringBounds {
                    body_start,
                    body_end: pos,
                    end: pos + 3,
                });
            }
        } else if (c == b'\n' || c == b'\r') && !triple {
            return Err(Unterminated::Single { detected_at: pos });
        }
        pos += 1;
    }
}

/// Appends `text` to `out` with `\r\n` and lone `\r` turned into `\n`, as CPython's
/// universal-newline reading does before tokenizing.
pub(super) fn push_normalized_newlines(out: &mut String, text: &str) {
    if !text.contains('\r') {
        out.push_str(text);
        return;
    }
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
}

/// The position CPython's unicode-escape decoder reports: non-ASCII characters were first
/// rewritten as 10-byte `\U########` escapes, so each counts for 10.
fn decoder_position(body: &str, byte_index: usize) -> usize {
    body[..byte_index]
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 10 })
        .sum()
}

/// Decodes the escapes of a (non-raw) str literal body. The error is CPython's message.
/// Mirrors Objects/unicodeobject.c _PyUnicode_DecodeUnicodeEscapeInternal.
pub(super) fn decode_str(body: &str, out: &mut String) -> Result<(), String> {
    let bytes = body.as_bytes();
    let mut pos = 0;
    while pos < body.len() {
        let Some(offset) = body[pos..].find(['\\', '\r']) else {
            out.push_str(&body[pos..]);
            break;
        };
        out.push_str(&body[pos..pos + offset]);
        pos += offset;
        if bytes[pos] == b'\r' {
            out.push('\n');
            pos += if bytes.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            continue;
        }
        let escape_start = pos;
        pos += 1;
        let Some(c) = body[pos..].chars().next() else {
            // Cannot happen for a well-delimited literal; keep the backslash.
            out.push('\\');
            break;
        };
        pos += c.len_utf8();
        match c {
            '\n' => {}
            '\r' => {
                if bytes.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let (value, next) = octal_escape(bytes, pos - 1);
                pos = next;
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (width, name) = match c {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let digits = bytes[pos..]
                    .iter()
                    .take(width)
                    .take_while(|b| b.is_ascii_hexdigit())
                    .count();
                let first = decoder_position(body, escape_start);
                if digits < width {
                    let last = first + 1 + digits;
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position \
                         {first}-{last}: truncated {name} escape"
                    ));
                }
                let value = u32::from_str_radix(&body[pos..pos + width], 16).unwrap_or(u32::MAX);
                pos += width;
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None if value <= 0x10FFFF => out.push('\u{fffd}'),
                    None => {
                        let last = first + 1 + width;
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in \
                             position {first}-{last}: illegal Unicode character"
                        ));
                    }
                }
            }
            'N' => {
                let first = decoder_position(body, escape_start);
                let malformed = |last: usize| {
                    format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position \
                         {first}-{last}: malformed \\N character escape"
                    )
                };
                if bytes.get(pos) != Some(&b'{') {
                    return Err(malformed(first + 1));
                }
                let Some(close) = body[pos..].find('}') else {
                    return Err(malformed(decoder_position(body, body.len()) - 1));
                };
                let name = &body[pos + 1..pos + close];
                pos += close + 1;
                if name.is_empty() {
                    return Err(malformed(decoder_position(body, pos) - 1));
                }
                match unicode_names2::character(name) {
                    Some(ch) => out.push(ch),
                    None => {
                        let last = decoder_position(body, pos) - 1;
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in \
                             position {first}-{last}: unknown Unicode character name"
                        ));
                    }
                }
            }
            other => {
                // Invalid escapes are kept verbatim (CPython only warns).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(())
}

/// Reads up to three octal digits starting at `start`; returns the value and the end offset.
fn octal_escape(bytes: &[u8], start: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut pos = start;
    while pos < start + 3 && matches!(bytes.get(pos), Some(b'0'..=b'7')) {
        value = value * 8 + u32::from(bytes[pos] - b'0');
        pos += 1;
    }
    (value, pos)
}

/// Decodes a bytes literal body (raw or not). Errors: `Err(None)` for a non-ASCII character,
/// `Err(Some(msg))` for a bad escape. Mirrors Objects/bytesobject.c _PyBytes_DecodeEscape.
pub(super) fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, Option<String>> {
    if !body.is_ascii() {
        return Err(None);
    }
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    while pos < bytes.len() {
        let c = bytes[pos];
        pos += 1;
        if c == b'\r' {
            out.push(b'\n');
            if bytes.get(pos) == Some(&b'\n') {
                pos += 1;
            }
            continue;
        }
        if c != b'\\' || raw {
            out.push(c);
            continue;
        }
        let escape_start = pos - 1;
        let Some(&e) = bytes.get(pos) else {
            out.push(b'\\');
            break;
        };
        pos += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if bytes.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
            }
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'0'..=b'7' => {
                let (value, next) = octal_escape(bytes, pos - 1);
                pos = next;
                // Values above 0o377 only warn in CPython and keep the low byte.
                out.push((value & 0xff) as u8);
            }
            b'x' => {
                let hex = bytes
                    .get(pos..pos + 2)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = hex else {
                    return Err(Some(format!(
                        "(value error) invalid \\x escape at position {escape_start}"
                    )));
                };
                let text = std::str::from_utf8(hex).unwrap_or("00");
                out.push(u8::from_str_radix(text, 16).unwrap_or(0));
                pos += 2;
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
