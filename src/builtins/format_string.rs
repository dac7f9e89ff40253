//! `str.format` / `str.format_map`: splitting a template into literal text and replacement
//! fields (`{name.attr[key]!r:spec}`), automatic field numbering, nested fields in specs,
//! and CPython's errors. Looking values up, converting and formatting them is left to a
//! [`FieldResolver`] that the interpreter implements.
//!
//! Mirrors Objects/stringlib/unicode_format.h.

use super::format_spec::FormatError;
use super::str_case::decimal_value;

/// A `!r`, `!s` or `!a` conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// `!s`: `str(value)`.
    Str,
    /// `!r`: `repr(value)`.
    Repr,
    /// `!a`: `ascii(value)`.
    Ascii,
}

/// One step after the first part of a field name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accessor<'a> {
    /// `.name`: an attribute look-up.
    Attribute(&'a str),
    /// `[123]`: an item look-up with an int key.
    Index(usize),
    /// `[key]`: an item look-up with a str key.
    Key(&'a str),
}

/// What the interpreter supplies to [`render`]: argument look-up, attribute and item access,
/// conversions and `format(value, spec)`.
pub trait FieldResolver {
    /// A Python value.
    type Value;
    /// A Python exception; formatting errors convert into it.
    type Error: From<FormatError>;

    /// `args[index]`; out of range is `IndexError: Replacement index N out of range for
    /// positional args tuple` (for `format_map`, `ValueError: Format string contains
    /// positional fields`).
    fn positional(&mut self, index: usize) -> Result<Self::Value, Self::Error>;
    /// `kwargs[name]`; a miss is `KeyError: 'name'`.
    fn keyword(&mut self, name: &str) -> Result<Self::Value, Self::Error>;
    /// `getattr(value, name)`.
    fn attribute(&mut self, value: Self::Value, name: &str) -> Result<Self::Value, Self::Error>;
    /// `value[index]` with an int index.
    fn index(&mut self, value: Self::Value, index: usize) -> Result<Self::Value, Self::Error>;
    /// `value[key]` with a str key.
    fn key(&mut self, value: Self::Value, key: &str) -> Result<Self::Value, Self::Error>;
    /// `str(value)`, `repr(value)` or `ascii(value)`, as a value.
    fn convert(
        &mut self,
        value: Self::Value,
        conversion: Conversion,
    ) -> Result<Self::Value, Self::Error>;
    /// `format(value, spec)`.
    fn format(&mut self, value: Self::Value, spec: &str) -> Result<String, Self::Error>;
}

/// Whether fields have been numbered automatically (`{}`) or by hand (`{0}`) so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    /// No numeric field seen yet.
    Unknown,
    /// `{}` fields; the next one takes this index.
    Automatic(usize),
    /// `{0}` fields.
    Manual,
}

/// One parsed replacement field, borrowing from the template.
struct Field<'a> {
    /// Everything before `!` or `:`.
    name: &'a str,
    /// The character after `!`, if any.
    conversion: Option<char>,
    /// The spec after `:` (may contain nested fields).
    spec: &'a str,
    /// The spec contains `{`, so it must be rendered first.
    spec_has_fields: bool,
}

/// `template.format(...)`: renders `template`, asking `resolver` for values.
/// Mirrors do_string_format.
pub fn render<R: FieldResolver>(template: &str, resolver: &mut R) -> Result<String, R::Error> {
    let mut numbering = Numbering::Unknown;
    render_at_depth(template, resolver, 2, &mut numbering)
}

/// Renders with `depth` levels of nesting left. Mirrors build_string and do_markup.
fn render_at_depth<R: FieldResolver>(
    template: &str,
    resolver: &mut R,
    depth: u32,
    numbering: &mut Numbering,
) -> Result<String, R::Error> {
    if depth == 0 {
        return Err(FormatError::value("Max string recursion exceeded").into());
    }
    let bytes = template.as_bytes();
    let mut out = String::with_capacity(template.len());
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(offset) = bytes[pos..].iter().position(|&b| b == b'{' || b == b'}') else {
            out.push_str(&template[pos..]);
            break;
        };
        let brace_at = pos + offset;
        let brace = bytes[brace_at];
        let next = bytes.get(brace_at + 1).copied();
        if brace == b'}' && next != Some(b'}') {
            return Err(FormatError::value("Single '}' encountered in format string").into());
        }
        if brace == b'{' && next.is_none() {
            return Err(FormatError::value("Single '{' encountered in format string").into());
        }
        if next == Some(brace) {
            out.push_str(&template[pos..=brace_at]);
            pos = brace_at + 2;
            continue;
        }
        out.push_str(&template[pos..brace_at]);
        pos = brace_at + 1;
        let field = parse_field(template, &mut pos)?;
        let mut value = field_value(field.name, resolver, numbering)?;
        if let Some(conversion) = field.conversion {
            value = resolver.convert(value, conversion_of(conversion)?)?;
        }
        let text = if field.spec_has_fields {
            let spec = render_at_depth(field.spec, resolver, depth - 1, numbering)?;
            resolver.format(value, &spec)?
        } else {
            resolver.format(value, field.spec)?
        };
        out.push_str(&text);
    }
    Ok(out)
}

/// Parses the field that starts at `template[*pos..]` (just after its `{`) and moves `pos`
/// past its closing `}`. Mirrors parse_field.
fn parse_field<'a>(template: &'a str, pos: &mut usize) -> Result<Field<'a>, FormatError> {
    let bytes = template.as_bytes();
    let name_start = *pos;
    let mut terminator = None;
    while *pos < bytes.len() {
        let byte = bytes[*pos];
        *pos += 1;
        match byte {
            b'{' => return Err(FormatError::value("unexpected '{' in field name")),
            b'[' => {
                while *pos < bytes.len() && bytes[*pos] != b']' {
                    *pos += 1;
                }
            }
            b'}' | b':' | b'!' => {
                terminator = Some(byte);
                break;
            }
            _ => {}
        }
    }
    let Some(terminator) = terminator else {
        return Err(FormatError::value("expected '}' before end of string"));
    };
    let mut field = Field {
        name: &template[name_start..*pos - 1],
        conversion: None,
        spec: "",
        spec_has_fields: false,
    };
    if terminator == b'}' {
        return Ok(field);
    }
    if terminator == b'!' {
        let Some(conversion) = template[*pos..].chars().next() else {
            return Err(FormatError::value(
                "end of string while looking for conversion specifier",
            ));
        };
        field.conversion = Some(conversion);
        *pos += conversion.len_utf8();
        if let Some(&after) = bytes.get(*pos) {
            *pos += 1;
            if after == b'}' {
                return Ok(field);
            }
            if after != b':' {
                return Err(FormatError::value(
                    "expected ':' after conversion specifier",
                ));
            }
        }
    }
    let spec_start = *pos;
    let mut depth = 1;
    while *pos < bytes.len() {
        let byte = bytes[*pos];
        *pos += 1;
        match byte {
            b'{' => {
                field.spec_has_fields = true;
                depth += 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    field.spec = &template[spec_start..*pos - 1];
                    return Ok(field);
                }
            }
            _ => {}
        }
    }
    Err(FormatError::value("unmatched '{' in format spec"))
}

/// The conversion a `!x` character names. Mirrors do_conversion's error.
fn conversion_of(c: char) -> Result<Conversion, FormatError> {
    match c {
        's' => Ok(Conversion::Str),
        'r' => Ok(Conversion::Repr),
        'a' => Ok(Conversion::Ascii),
        _ if ('!'..='~').contains(&c) => Err(FormatError::value(format!(
            "Unknown conversion specifier {c}"
        ))),
        _ => Err(FormatError::value(format!(
            "Unknown conversion specifier \\x{:x}",
            c as u32
        ))),
    }
}

/// A non-negative decimal integer written with any script's digits; `None` when `text` is
/// empty or has a non-digit. Mirrors unicode_format.h get_integer.
fn parse_index(text: &str) -> Result<Option<usize>, FormatError> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut value: usize = 0;
    for c in text.chars() {
        let Some(digit) = decimal_value(c) else {
            return Ok(None);
        };
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| FormatError::value("Too many decimal digits in format string"))?;
    }
    Ok(Some(value))
}

/// Splits a field name into its first part and the accessor chain that follows, checking
/// each accessor as it is reached. Mirrors field_name_split and FieldNameIterator_next.
fn field_value<R: FieldResolver>(
    name: &str,
    resolver: &mut R,
    numbering: &mut Numbering,
) -> Result<R::Value, R::Error> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let index = parse_index(first)?;
    let mut value = if first.is_empty() {
        let next = match *numbering {
            Numbering::Manual => {
                return Err(FormatError::value(
                    "cannot switch from manual field specification to automatic field numbering",
                )
                .into());
            }
            Numbering::Unknown => 0,
            Numbering::Automatic(next) => next,
        };
        *numbering = Numbering::Automatic(next + 1);
        resolver.positional(next)?
    } else if let Some(index) = index {
        if let Numbering::Automatic(_) = *numbering {
            return Err(FormatError::value(
                "cannot switch from automatic field numbering to manual field specification",
            )
            .into());
        }
        *numbering = Numbering::Manual;
        resolver.positional(index)?
    } else {
        resolver.keyword(first)?
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        let (accessor, remaining) = next_accessor(rest)?;
        rest = remaining;
        value = match accessor {
            Accessor::Attribute(attribute) => resolver.attribute(value, attribute)?,
            Accessor::Index(index) => resolver.index(value, index)?,
            Accessor::Key(key) => resolver.key(value, key)?,
        };
    }
    Ok(value)
}

/// Reads one `.attr` or `[key]` from the front of `rest`. Mirrors FieldNameIterator_next.
fn next_accessor(rest: &str) -> Result<(Accessor<'_>, &str), FormatError> {
    let (accessor, remaining, text) = if let Some(after) = rest.strip_prefix('.') {
        let end = after.find(['.', '[']).unwrap_or(after.len());
        let text = &after[..end];
        (Accessor::Attribute(text), &after[end..], text)
    } else if let Some(after) = rest.strip_prefix('[') {
        let Some(end) = after.find(']') else {
            return Err(FormatError::value("Missing ']' in format string"));
        };
        let text = &after[..end];
        let accessor = match parse_index(text)? {
            Some(index) => Accessor::Index(index),
            None => Accessor::Key(text),
        };
        (accessor, &after[end + 1..], text)
    } else {
        return Err(FormatError::value(
            "Only '.' or '[' may follow ']' in format field specifier",
        ));
    };
    if text.is_empty() {
        return Err(FormatError::value("Empty attribute in format string"));
    }
    Ok((accessor, remaining))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::format_spec::format_str;
    use crate::builtins::str_repr::str_repr;

    /// Values are strings; `.upper` upper-cases, `[i]` takes a char, `[k]` appends `k`.
    struct Strings {
        args: Vec<&'static str>,
        keywords: Vec<(&'static str, &'static str)>,
        calls: Vec<String>,
    }

    impl FieldResolver for Strings {
        type Value = String;
        type Error = String;

        fn positional(&mut self, index: usize) -> Result<String, String> {
            self.calls.push(format!("arg {index}"));
            self.args.get(index).map(|s| s.to_string()).ok_or_else(|| {
                format!(
                    "IndexError: Replacement index {index} out of range for positional args tuple"
                )
            })
        }
        fn keyword(&mut self, name: &str) -> Result<String, String> {
            self.calls.push(format!("kw {name}"));
            self.keywords
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
                .ok_or_else(|| format!("KeyError: {}", str_repr(name)))
        }
        fn attribute(&mut self, value: String, name: &str) -> Result<String, String> {
            match name {
                "upper" => Ok(value.to_uppercase()),
                _ => Err(format!("AttributeError: {name}")),
            }
        }
        fn index(&mut self, value: String, index: usize) -> Result<String, String> {
            value
                .chars()
                .nth(index)
                .map(String::from)
                .ok_or_else(|| "IndexError: string index out of range".to_string())
        }
        fn key(&mut self, value: String, key: &str) -> Result<String, String> {
            Ok(format!("{value}+{key}"))
        }
        fn convert(&mut self, value: String, conversion: Conversion) -> Result<String, String> {
            Ok(match conversion {
                Conversion::Str => value,
                Conversion::Repr | Conversion::Ascii => str_repr(&value),
            })
        }
        fn format(&mut self, value: String, spec: &str) -> Result<String, String> {
            self.calls.push(format!("format {spec:?}"));
            format_str(&value, spec).map_err(|e| e.to_string())
        }
    }

    fn run(template: &str) -> String {
        let mut resolver = Strings {
            args: vec!["ab", "7", "x"],
            keywords: vec![("w", "6"), ("name", "nm")],
            calls: Vec::new(),
        };
        render(template, &mut resolver).unwrap_or_else(|e| e)
    }

    #[test]
    fn renders_fields_conversions_and_nested_specs() {
        assert_eq!(run("a{0!r:>{w}}b{name.upper[1]}"), "a  'ab'bM");
        assert_eq!(run("{}-{}-{}"), "ab-7-x");
        assert_eq!(run("{1}{0}{1}"), "7ab7");
        assert_eq!(run("x{{y}}z"), "x{y}z");
        assert_eq!(run("}}{{"), "}{");
        assert_eq!(run("{0:}}}"), "ab}");
        assert_eq!(run("{:{}}|"), "ab     |");
        assert_eq!(run("{00}"), "ab");
        assert_eq!(run("{\u{661}}"), "7");
        assert_eq!(run("{[1]}"), "b");
        assert_eq!(run("{0[k]}"), "ab+k");
        assert_eq!(run("{!r}"), "'ab'");
        assert_eq!(
            run("{0:{{}}}"),
            "ValueError: Invalid format specifier '{}' for object of type 'str'"
        );
    }

    #[test]
    fn reports_cpython_errors() {
        let cases = [
            ("a}b", "ValueError: Single '}' encountered in format string"),
            ("}", "ValueError: Single '}' encountered in format string"),
            (
                "{0}}",
                "ValueError: Single '}' encountered in format string",
            ),
            ("{", "ValueError: Single '{' encountered in format string"),
            ("a{b", "ValueError: expected '}' before end of string"),
            ("{0[}", "ValueError: expected '}' before end of string"),
            ("{0.x[1}", "ValueError: expected '}' before end of string"),
            (
                "{0}{}",
                "ValueError: cannot switch from manual field specification to automatic field numbering",
            ),
            (
                "{}{0}",
                "ValueError: cannot switch from automatic field numbering to manual field specification",
            ),
            (
                "{0:{}}",
                "ValueError: cannot switch from manual field specification to automatic field numbering",
            ),
            ("{0!}", "ValueError: unmatched '{' in format spec"),
            ("{0!r", "ValueError: unmatched '{' in format spec"),
            ("{0:", "ValueError: unmatched '{' in format spec"),
            (
                "{0!rr}",
                "ValueError: expected ':' after conversion specifier",
            ),
            ("{0!x}", "ValueError: Unknown conversion specifier x"),
            (
                "{0!",
                "ValueError: end of string while looking for conversion specifier",
            ),
            ("{0.}", "ValueError: Empty attribute in format string"),
            ("{0[]}", "ValueError: Empty attribute in format string"),
            (
                "{0[0]x}",
                "ValueError: Only '.' or '[' may follow ']' in format field specifier",
            ),
            ("{0:{1:{2}}}", "ValueError: Max string recursion exceeded"),
            ("{a{b}", "ValueError: unexpected '{' in field name"),
            ("{ 0 }", "KeyError: ' 0 '"),
            ("{0]}", "KeyError: '0]'"),
            ("{-1}", "KeyError: '-1'"),
            (
                "{5}",
                "IndexError: Replacement index 5 out of range for positional args tuple",
            ),
            (
                "{99999999999999999999}",
                "ValueError: Too many decimal digits in format string",
            ),
        ];
        for (template, expected) in cases {
            assert_eq!(run(template), expected, "{template:?}");
        }
    }

    #[test]
    fn evaluates_fields_in_order_before_later_errors() {
        let mut resolver = Strings {
            args: vec!["ab"],
            keywords: vec![],
            calls: Vec::new(),
        };
        assert!(render("{0:>3}{0!x}", &mut resolver).is_err());
        assert_eq!(resolver.calls, ["arg 0", "format \">3\"", "arg 0"]);
    }
}
