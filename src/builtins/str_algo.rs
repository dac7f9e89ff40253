//! The algorithms behind Python's `str` methods on Rust `&str`, with code-point indices.
//!
//! Case mapping and the `is*` predicates live in [`super::str_case`]; `repr` in
//! [`super::str_repr`]. Every function mirrors the `str` method of the same name in
//! Objects/unicodeobject.c.

use std::fmt;

use super::str_case::is_space;

/// `ValueError: empty separator`, raised by `split`, `rsplit`, `partition` and `rpartition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptySeparator;

impl fmt::Display for EmptySeparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("empty separator")
    }
}

/// The number of code points in `s` (Python's `len(s)`).
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The byte offset of code point `index` in `s`, or `s.len()` when `index` is past the end.
pub fn byte_offset(s: &str, index: usize) -> usize {
    if s.is_ascii() {
        return index.min(s.len());
    }
    s.char_indices().nth(index).map_or(s.len(), |(at, _)| at)
}

/// The code-point index of the char starting at byte offset `at` of `s`.
fn char_index(s: &str, at: usize) -> usize {
    if s.is_ascii() {
        at
    } else {
        s[..at].chars().count()
    }
}

/// Clamps optional `start`/`end` like a slice of a string of `len` code points, except that
/// `start` may stay past the end. Mirrors ADJUST_INDICES in Objects/unicodeobject.c.
fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let clamp = |value: i64, limit: i64| {
        if value > limit {
            limit
        } else if value < 0 {
            (value + len).max(0)
        } else {
            value
        }
    };
    let end = clamp(end.unwrap_or(len), len);
    let start = clamp(start.unwrap_or(0), i64::MAX);
    (start as usize, end as usize)
}

/// The window of `s` that `start`/`end` select, as a byte range, plus its first code point;
/// `None` when the window cannot hold `needle_chars` code points.
fn window(
    s: &str,
    start: Option<i64>,
    end: Option<i64>,
    needle_chars: usize,
) -> Option<(usize, usize, usize)> {
    let (start, end) = adjust_indices(start, end, char_len(s));
    if end < start || end - start < needle_chars {
        return None;
    }
    Some((byte_offset(s, start), byte_offset(s, end), start))
}

/// The byte offset of the first `needle` in `hay` (memchr's SIMD substring search, which
/// on long texts is several times faster than `str::find`'s two-way matcher). A match of
/// valid UTF-8 in valid UTF-8 always starts and ends on char boundaries.
pub fn find_text(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

/// The byte offset of the last `needle` in `hay` (see `find_text`).
pub fn rfind_text(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::rfind(hay.as_bytes(), needle.as_bytes())
}

/// `s.find(sub, start, end)`: the lowest code-point index of `sub`, or `None` (Python's -1).
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Option<usize> {
    let (lo, hi, first) = window(s, start, end, char_len(sub))?;
    let hay = &s[lo..hi];
    find_text(hay, sub).map(|at| first + char_index(hay, at))
}

/// `s.rfind(sub, start, end)`: the highest code-point index of `sub`, or `None` (Python's -1).
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Option<usize> {
    let (lo, hi, first) = window(s, start, end, char_len(sub))?;
    let hay = &s[lo..hi];
    rfind_text(hay, sub).map(|at| first + char_index(hay, at))
}

/// `s.count(sub, start, end)`: non-overlapping occurrences of `sub` in the window.
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> usize {
    let Some((lo, hi, _)) = window(s, start, end, char_len(sub)) else {
        return 0;
    };
    let hay = &s[lo..hi];
    if sub.is_empty() {
        char_len(hay) + 1
    } else {
        memchr::memmem::find_iter(hay.as_bytes(), sub.as_bytes()).count()
    }
}

/// `s.startswith(prefix, start, end)` for one prefix. Mirrors tailmatch.
pub fn starts_with(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    if start.is_none() && end.is_none() {
        return s.starts_with(prefix);
    }
    window(s, start, end, char_len(prefix)).is_some_and(|(lo, hi, _)| s[lo..hi].starts_with(prefix))
}

/// `s.endswith(suffix, start, end)` for one suffix. Mirrors tailmatch.
pub fn ends_with(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    if start.is_none() && end.is_none() {
        return s.ends_with(suffix);
    }
    window(s, start, end, char_len(suffix)).is_some_and(|(lo, hi, _)| s[lo..hi].ends_with(suffix))
}

/// `s.split(sep, maxsplit)`; `maxsplit < 0` means no limit, `sep == None` splits on runs of
/// Python whitespace and drops empty pieces.
pub fn split<'a>(
    s: &'a str,
    sep: Option<&str>,
    maxsplit: i64,
) -> Result<Vec<&'a str>, EmptySeparator> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let pieces = limit.saturating_add(1);
    match sep {
        Some("") => Err(EmptySeparator),
        // A one-byte separator searches with memchr instead of the two-way matcher.
        Some(sep) if sep.len() == 1 => Ok(s.splitn(pieces, sep.as_bytes()[0] as char).collect()),
        Some(sep) => {
            let mut parts = Vec::new();
            let mut last = 0;
            for at in memchr::memmem::find_iter(s.as_bytes(), sep.as_bytes()).take(limit) {
                parts.push(&s[last..at]);
                last = at + sep.len();
            }
            parts.push(&s[last..]);
            Ok(parts)
        }
        None => Ok(split_whitespace(s, limit)),
    }
}

/// `s.rsplit(sep, maxsplit)`; pieces come back in left-to-right order.
pub fn rsplit<'a>(
    s: &'a str,
    sep: Option<&str>,
    maxsplit: i64,
) -> Result<Vec<&'a str>, EmptySeparator> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let pieces = limit.saturating_add(1);
    let mut parts: Vec<&str> = match sep {
        Some("") => return Err(EmptySeparator),
        Some(sep) if sep.len() == 1 => s.rsplitn(pieces, sep.as_bytes()[0] as char).collect(),
        Some(sep) => {
            let mut parts = Vec::new();
            let mut end = s.len();
            for at in memchr::memmem::rfind_iter(s.as_bytes(), sep.as_bytes()).take(limit) {
                parts.push(&s[at + sep.len()..end]);
                end = at;
            }
            parts.push(&s[..end]);
            parts
        }
        None => return Ok(rsplit_whitespace(s, limit)),
    };
    parts.reverse();
    Ok(parts)
}

/// Whitespace `split` with at most `limit` splits; the last piece keeps its inner whitespace.
fn split_whitespace(s: &str, limit: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if parts.len() == limit {
            parts.push(rest);
            break;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        parts.push(&rest[..end]);
        rest = rest[end..].trim_start_matches(is_space);
    }
    parts
}

/// Whitespace `rsplit` with at most `limit` splits, counted from the right.
fn rsplit_whitespace(s: &str, limit: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if parts.len() == limit {
            parts.push(rest);
            break;
        }
        let start = rest.rfind(is_space).map_or(0, |at| {
            at + rest[at..].chars().next().map_or(1, char::len_utf8)
        });
        parts.push(&rest[start..]);
        rest = rest[..start].trim_end_matches(is_space);
    }
    parts.reverse();
    parts
}

/// Whether `c` ends a line for `str.splitlines`.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s.splitlines(keepends)`, with `\r\n` as one boundary.
pub fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut break_end = at + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
            chars.next();
            break_end += 1;
        }
        let line_end = if keepends { break_end } else { at };
        lines.push(s[line_start..line_end].to_string());
        line_start = break_end;
    }
    if line_start < s.len() {
        lines.push(s[line_start..].to_string());
    }
    lines
}

/// Which ends `strip` works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripSide {
    /// `lstrip`.
    Left,
    /// `rstrip`.
    Right,
    /// `strip`.
    Both,
}

/// `s.strip(chars)` / `lstrip` / `rstrip`; `chars == None` strips Python whitespace.
pub fn strip<'a>(s: &'a str, chars: Option<&str>, side: StripSide) -> &'a str {
    let strip_me = |c: char| match chars {
        Some(set) => set.contains(c),
        None => is_space(c),
    };
    match side {
        StripSide::Left => s.trim_start_matches(strip_me),
        StripSide::Right => s.trim_end_matches(strip_me),
        StripSide::Both => s.trim_matches(strip_me),
    }
}

/// `s.replace(old, new, count)`; `count < 0` replaces every occurrence. An empty `old`
/// inserts `new` before every code point and at the end.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    let limit = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    if old.is_empty() {
        let mut out = String::with_capacity(s.len());
        let mut done = 0;
        for c in s.chars() {
            if done < limit {
                out.push_str(new);
                done += 1;
            }
            out.push(c);
        }
        if done < limit {
            out.push_str(new);
        }
        return out;
    }
    // Non-overlapping matches left to right, as str::replacen, found by memchr's substring
    // search; a result no longer than `s` is allocated once.
    let mut out = String::with_capacity(if new.len() <= old.len() {
        s.len()
    } else {
        s.len() + new.len() - old.len()
    });
    let mut last = 0;
    for at in memchr::memmem::find_iter(s.as_bytes(), old.as_bytes()).take(limit) {
        out.push_str(&s[last..at]);
        out.push_str(new);
        last = at + old.len();
    }
    out.push_str(&s[last..]);
    out
}

/// `s.partition(sep)`: the text before the first `sep`, `sep` itself, and the rest.
pub fn partition<'a>(
    s: &'a str,
    sep: &'a str,
) -> Result<(&'a str, &'a str, &'a str), EmptySeparator> {
    if sep.is_empty() {
        return Err(EmptySeparator);
    }
    Ok(match find_text(s, sep) {
        Some(at) => (&s[..at], sep, &s[at + sep.len()..]),
        None => (s, "", ""),
    })
}

/// `s.rpartition(sep)`: split around the last `sep`; `("", "", s)` when it is absent.
pub fn rpartition<'a>(
    s: &'a str,
    sep: &'a str,
) -> Result<(&'a str, &'a str, &'a str), EmptySeparator> {
    if sep.is_empty() {
        return Err(EmptySeparator);
    }
    Ok(match rfind_text(s, sep) {
        Some(at) => (&s[..at], sep, &s[at + sep.len()..]),
        None => ("", "", s),
    })
}

/// Pads `s` with `left` and `right` copies of `fill`.
fn pad(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// `s.center(width, fill)`; the odd padding char goes left only when `width` is odd too.
/// Mirrors unicode_center_impl.
pub fn center(s: &str, width: usize, fill: char) -> String {
    let len = char_len(s);
    if width <= len {
        return s.to_string();
    }
    let margin = width - len;
    let left = margin / 2 + (margin & width & 1);
    pad(s, left, margin - left, fill)
}

/// `s.ljust(width, fill)`.
pub fn ljust(s: &str, width: usize, fill: char) -> String {
    pad(s, 0, width.saturating_sub(char_len(s)), fill)
}

/// `s.rjust(width, fill)`.
pub fn rjust(s: &str, width: usize, fill: char) -> String {
    pad(s, width.saturating_sub(char_len(s)), 0, fill)
}

/// `s.zfill(width)`: zeros on the left, after a leading `+` or `-`.
pub fn zfill(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(char_len(s));
    if fill == 0 {
        return s.to_string();
    }
    match s.chars().next() {
        Some(sign @ ('+' | '-')) => format!("{sign}{}{}", "0".repeat(fill), &s[1..]),
        _ => pad(s, fill, 0, '0'),
    }
}

/// `s.expandtabs(tabsize)`: tabs become spaces up to the next multiple of `tabsize`; the
/// column restarts after `\n` and `\r`.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column: usize = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let tab = tabsize as usize;
                    let spaces = tab - column % tab;
                    out.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn center_puts_odd_padding_like_cpython() {
        assert_eq!(center("ab", 5, '*'), "**ab*");
        assert_eq!(center("ab", 6, '*'), "**ab**");
        assert_eq!(center("abc", 6, '*'), "*abc**");
        assert_eq!(center("abc", 4, '*'), "abc*");
        assert_eq!(center("a", 4, '*'), "*a**");
        assert_eq!(center("abc", 2, '*'), "abc");
        assert_eq!(ljust("é", 3, '-'), "é--");
        assert_eq!(rjust("é", 3, '-'), "--é");
    }

    #[test]
    fn find_count_and_tailmatch_use_slice_indices() {
        assert_eq!(find("abc", "", Some(3), None), Some(3));
        assert_eq!(find("abc", "", Some(4), None), None);
        assert_eq!(count("abc", "", Some(4), None), 0);
        assert_eq!(count("abc", "", None, None), 4);
        assert_eq!(count("abc", "", Some(-1), None), 2);
        assert_eq!(count("abc", "", Some(2), Some(1)), 0);
        assert!(starts_with("abc", "", Some(3), None));
        assert!(!starts_with("abc", "", Some(4), None));
        assert!(ends_with("abc", "c", Some(-1), None));
        assert_eq!(rfind("abcabc", "b", Some(-10), Some(4)), Some(1));
        assert_eq!(find("héllo wörld", "ö", None, None), Some(7));
        assert_eq!(rfind("héllo héllo", "é", None, Some(-1)), Some(7));
        assert_eq!(find("héllo", "l", Some(3), None), Some(3));
        assert_eq!(count("aaaa", "aa", None, None), 2);
    }

    #[test]
    fn split_and_rsplit() {
        assert_eq!(split("a b  c ", None, 1).unwrap(), strings(&["a", "b  c "]));
        assert_eq!(
            rsplit("  a b  c ", None, 1).unwrap(),
            strings(&["  a b", "c"])
        );
        assert_eq!(
            split("a,b,,c", Some(","), 2).unwrap(),
            strings(&["a", "b", ",c"])
        );
        assert_eq!(
            rsplit("a,b,,c", Some(","), 2).unwrap(),
            strings(&["a,b", "", "c"])
        );
        assert_eq!(split("", None, -1).unwrap(), Vec::<String>::new());
        assert_eq!(split("", Some(","), -1).unwrap(), strings(&[""]));
        assert_eq!(split("\x1ca\x1fb", None, -1).unwrap(), strings(&["a", "b"]));
        assert_eq!(
            rsplit("a\u{3000}b c", None, -1).unwrap(),
            strings(&["a", "b", "c"])
        );
        assert_eq!(split("a", Some(""), -1), Err(EmptySeparator));
        assert_eq!(EmptySeparator.to_string(), "empty separator");
    }

    #[test]
    fn splitlines_knows_every_boundary() {
        let text = "a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\u{85}j\u{2028}k\u{2029}l\n";
        assert_eq!(
            splitlines(text, false),
            strings(&["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"])
        );
        assert_eq!(
            splitlines("a\r\nb\n\n", true),
            strings(&["a\r\n", "b\n", "\n"])
        );
        assert!(splitlines("", false).is_empty());
    }

    #[test]
    fn replace_with_counts_and_empty_pattern() {
        assert_eq!(replace("aaa", "", "-", -1), "-a-a-a-");
        assert_eq!(replace("aaa", "", "-", 2), "-a-aa");
        assert_eq!(replace("aaaa", "a", "b", 2), "bbaa");
        assert_eq!(replace("abc", "x", "y", -1), "abc");
    }

    #[test]
    fn strip_partition_zfill_expandtabs() {
        assert_eq!(strip("  xx  ", None, StripSide::Both), "xx");
        assert_eq!(strip("xxayxx", Some("x"), StripSide::Both), "ay");
        assert_eq!(strip("abcab", Some("ba"), StripSide::Left), "cab");
        assert_eq!(strip("abcab", Some("ba"), StripSide::Right), "abc");
        assert_eq!(strip("\x1c a \u{85}", None, StripSide::Both), "a");
        assert_eq!(partition("a.b.c", ".").unwrap(), ("a", ".", "b.c"));
        assert_eq!(rpartition("a.b.c", ".").unwrap(), ("a.b", ".", "c"));
        assert_eq!(partition("abc", "x").unwrap(), ("abc", "", ""));
        assert_eq!(rpartition("abc", "x").unwrap(), ("", "", "abc"));
        assert_eq!(partition("abc", ""), Err(EmptySeparator));
        assert_eq!(zfill("-42", 5), "-0042");
        assert_eq!(zfill("+", 3), "+00");
        assert_eq!(zfill("abc", 2), "abc");
        assert_eq!(
            expandtabs("a\tbc\td\n\tx\r\ty", 8),
            "a       bc      d\n        x\r        y"
        );
        assert_eq!(expandtabs("a\tb", 3), "a  b");
        assert_eq!(expandtabs("\t", 0), "");
    }
}
