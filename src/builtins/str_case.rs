//! Python's Unicode semantics for single code points and the `str` methods built on them:
//! the `is*` predicates and case mapping (`upper`, `lower`, `casefold`, `title`,
//! `capitalize`, `swapcase`). Property tables come from CPython 3.11's unicodedata.

use super::unicode_tables as tables;

/// Whether `c` lies in one of the sorted inclusive `ranges`.
fn in_table(ranges: &[(u32, u32)], c: char) -> bool {
    let code = c as u32;
    ranges
        .binary_search_by(|&(low, high)| {
            if high < code {
                std::cmp::Ordering::Less
            } else if low > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The mapped text of `c` in a sorted `(char, text)` table.
fn in_mapping(map: &'static [(char, &'static str)], c: char) -> Option<&'static str> {
    map.binary_search_by_key(&c, |&(key, _)| key)
        .ok()
        .map(|at| map[at].1)
}

/// Python whitespace (`Py_UNICODE_ISSPACE`): Unicode White_Space plus `\x1c`..`\x1f`.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `c.isalpha()`: categories Lu Ll Lt Lm Lo.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(tables::ALPHA, c)
    }
}

/// `c.isdecimal()`: category Nd.
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(tables::DECIMAL, c)
    }
}

/// The value of a decimal digit (`unicodedata.decimal(c)`), for any script's digits.
pub fn decimal_value(c: char) -> Option<u32> {
    if let Some(digit) = c.to_digit(10) {
        return Some(digit);
    }
    if c.is_ascii() {
        return None;
    }
    let code = c as u32;
    // Unicode lays decimal digits out in runs of ten starting at zero, and the table's
    // ranges are unions of whole runs.
    let at = tables::DECIMAL.partition_point(|&(_, high)| high < code);
    let &(low, high) = tables::DECIMAL.get(at)?;
    (low..=high).contains(&code).then(|| (code - low) % 10)
}

/// `c.isdigit()`: code points with a digit value (Nd plus superscripts and the like).
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(tables::DIGIT, c)
    }
}

/// `c.isnumeric()`: code points with a numeric value (digits, fractions, Roman numerals, …).
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(tables::NUMERIC, c)
    }
}

/// `c.isalnum()`: alphabetic, decimal, digit or numeric.
pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}

/// `c.isprintable()`: everything but categories C* and Z* (space excepted).
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        (' '..='~').contains(&c)
    } else {
        in_table(tables::PRINTABLE, c)
    }
}

/// Whether `c` is a titlecase letter (category Lt, e.g. `ǅ`).
pub fn is_titlecase(c: char) -> bool {
    !c.is_ascii() && in_table(tables::TITLECASE, c)
}

/// Whether `c` is lowercase in Python's sense (the Lowercase property).
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_table(tables::LOWER, c)
    }
}

/// Whether `c` is uppercase in Python's sense (the Uppercase property).
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_table(tables::UPPER, c)
    }
}

/// Whether `c` is cased (lowercase, uppercase or titlecase).
pub fn is_cased(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(tables::CASED, c)
    }
}

/// Whether `c` is skipped when deciding the final-sigma context.
fn is_case_ignorable(c: char) -> bool {
    in_table(tables::CASE_IGNORABLE, c)
}

/// A non-empty string all of whose code points satisfy `pred`.
fn all_nonempty(s: &str, pred: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

/// `s.isalpha()`.
pub fn str_isalpha(s: &str) -> bool {
    all_nonempty(s, is_alpha)
}

/// `s.isdecimal()`.
pub fn str_isdecimal(s: &str) -> bool {
    all_nonempty(s, is_decimal)
}

/// `s.isdigit()`.
pub fn str_isdigit(s: &str) -> bool {
    all_nonempty(s, is_digit)
}

/// `s.isnumeric()`.
pub fn str_isnumeric(s: &str) -> bool {
    all_nonempty(s, is_numeric)
}

/// `s.isalnum()`.
pub fn str_isalnum(s: &str) -> bool {
    all_nonempty(s, is_alnum)
}

/// `s.isspace()`.
pub fn str_isspace(s: &str) -> bool {
    all_nonempty(s, is_space)
}

/// `s.isprintable()`; true for the empty string.
pub fn str_isprintable(s: &str) -> bool {
    s.chars().all(is_printable)
}

/// `s.isascii()`; true for the empty string.
pub fn str_isascii(s: &str) -> bool {
    s.is_ascii()
}

/// `s.isidentifier()`: XID_Start or `_`, then XID_Continue.
pub fn str_isidentifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    in_table(tables::XID_START, first) && chars.all(|c| in_table(tables::XID_CONTINUE, c))
}

/// `s.islower()`: at least one cased code point and no uppercase or titlecase ones.
/// Mirrors unicode_islower_impl.
pub fn str_islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            return false;
        }
        cased |= is_lower(c);
    }
    cased
}

/// `s.isupper()`: at least one cased code point and no lowercase or titlecase ones.
/// Mirrors unicode_isupper_impl.
pub fn str_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_titlecase(c) {
            return false;
        }
        cased |= is_upper(c);
    }
    cased
}

/// `s.istitle()`: upper/titlecase only after uncased, lowercase only after cased.
/// Mirrors unicode_istitle_impl.
pub fn str_istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

/// Pushes the full lowercase of `chars[index]`, applying the final-sigma rule to `Σ`.
/// Mirrors lower_ucs4 and handle_capital_sigma.
fn push_lower(out: &mut String, chars: &[char], index: usize) {
    let c = chars[index];
    if c == '\u{3a3}' {
        out.push(if in_final_sigma_context(chars, index) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Whether the `Σ` at `index` ends a word: cased text before it, none right after it.
fn in_final_sigma_context(chars: &[char], index: usize) -> bool {
    let before = chars[..index]
        .iter()
        .rev()
        .find(|&&c| !is_case_ignorable(c));
    if !before.is_some_and(|&c| is_cased(c)) {
        return false;
    }
    let after = chars[index + 1..].iter().find(|&&c| !is_case_ignorable(c));
    !after.is_some_and(|&c| is_cased(c))
}

/// Pushes the title form of `c` (`ǆ` → `ǅ`, `ß` → `Ss`).
fn push_title(out: &mut String, c: char) {
    match in_mapping(tables::TITLE_MAP, c) {
        Some(title) => out.push_str(title),
        None => out.extend(c.to_uppercase()),
    }
}

/// `s.lower()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for index in 0..chars.len() {
        push_lower(&mut out, &chars, index);
    }
    out
}

/// `s.upper()`, with full mappings (`ß` → `SS`).
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    s.chars().flat_map(char::to_uppercase).collect()
}

/// `s.casefold()`: full case folding, no final-sigma rule.
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match in_mapping(tables::CASEFOLD_MAP, c) {
            Some(folded) => out.push_str(folded),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `s.title()`: titlecase after an uncased code point, lowercase after a cased one.
/// Mirrors do_title.
pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut previous_is_cased = false;
    for (index, &c) in chars.iter().enumerate() {
        if previous_is_cased {
            push_lower(&mut out, &chars, index);
        } else {
            push_title(&mut out, c);
        }
        previous_is_cased = is_cased(c);
    }
    out
}

/// `s.capitalize()`: the first code point in title form, the rest lowercased.
/// Mirrors do_capitalize.
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (index, &c) in chars.iter().enumerate() {
        if index == 0 {
            push_title(&mut out, c);
        } else {
            push_lower(&mut out, &chars, index);
        }
    }
    out
}

/// `s.swapcase()`: uppercase to lowercase and lowercase to uppercase; titlecase stays.
/// Mirrors do_swapcase.
pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (index, &c) in chars.iter().enumerate() {
        if is_upper(c) {
            push_lower(&mut out, &chars, index);
        } else if is_lower(c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_mapping_matches_cpython() {
        assert_eq!(
            title("they're bill's 3rd ǆx ßa ﬁx"),
            "They'Re Bill'S 3Rd ǅx Ssa Fix"
        );
        assert_eq!(capitalize("ǆa ßX"), "ǅa ßx");
        assert_eq!(lower("ΑΣ ΑΣΑ Σ"), "ας ασα σ");
        assert_eq!(upper("ßﬁǅ"), "SSFIǄ");
        assert_eq!(casefold("ßﬁǅΣ"), "ssfiǆσ");
        assert_eq!(swapcase("aBßǅ"), "AbSSǅ");
        assert_eq!(lower("HeLLo"), "hello");
        assert_eq!(title("hello world"), "Hello World");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn predicates_match_cpython() {
        assert!(str_istitle("Hello World"));
        assert!(!str_istitle("Hello world"));
        assert!(str_istitle("ǅa"));
        assert!(str_isupper("HELLO 1"));
        assert!(!str_isupper("1"));
        assert!(str_islower("abc1"));
        assert!(str_isdecimal("١٢"));
        assert!(str_isdigit("²"));
        assert!(!str_isdecimal("²"));
        assert!(str_isnumeric("½"));
        assert!(!str_isalpha("Ⅻ"));
        assert!(str_isnumeric("Ⅻ"));
        assert!(str_isalnum("Ⅻa1"));
        assert!(str_isidentifier("_a1"));
        assert!(str_isidentifier("héllo"));
        assert!(!str_isidentifier("1a"));
        assert!(!str_isidentifier(""));
        assert!(!str_isascii("é"));
        assert!(str_isascii(""));
        assert!(!str_isspace(""));
        assert!(str_isprintable(""));
        assert!(str_isspace("\x1c\u{3000}"));
        assert!(!str_isprintable("a\u{a0}"));
        assert!(str_isprintable("é日本"));
        assert!(str_isalpha("日本"));
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('\u{1d7d9}'), Some(1));
        assert_eq!(decimal_value('²'), None);
        assert_eq!(decimal_value('a'), None);
    }
}
