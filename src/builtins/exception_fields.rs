//! The fields CPython's exception classes take from their constructor arguments, as
//! Objects/exceptions.c parses them: ImportError's `msg`/`name`/`path`, AttributeError's
//! `name`/`obj`, NameError's `name`, the Unicode errors' `encoding`/`object`/`start`/`end`/
//! `reason`, SyntaxError's location; their `__init__`s and the `__str__`s built from them.
//! The fields live in the exception's `__dict__`, each None until set.

use super::self_arg;
use crate::vm::object::Payload;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// Classes whose `__init__` takes keyword-only fields (the kwlists of exceptions.c's
/// ImportError_init, AttributeError_init and NameError_init).
const KEYWORD_FIELDS: &[(&str, &[&str])] = &[
    ("ImportError", &["name", "path"]),
    ("AttributeError", ATTRIBUTE_ERROR_FIELDS),
    ("NameError", NAME_ERROR_FIELDS),
];

/// AttributeError's fields.
const ATTRIBUTE_ERROR_FIELDS: &[&str] = &["name", "obj"];

/// NameError's field.
const NAME_ERROR_FIELDS: &[&str] = &["name"];

/// SyntaxError's fields: `msg`, the location its second argument's tuple gives
/// (`syntax_location_fields`), and `print_file_and_line`.
const SYNTAX_ERROR_FIELDS: [&str; 8] = [
    "msg",
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
    "print_file_and_line",
];

/// Where SyntaxError's location fields are in `SYNTAX_ERROR_FIELDS`.
const SYNTAX_LOCATION: std::ops::Range<usize> = 1..7;

/// The five fields of UnicodeDecodeError and UnicodeEncodeError, in argument order
/// (UnicodeTranslateError has all but `encoding`).
const UNICODE_FIELDS: [&str; 5] = ["encoding", "object", "start", "end", "reason"];

/// Which Unicode error: what its `object` holds and what its message says it could not do.
#[derive(Clone, Copy, PartialEq)]
enum UnicodeErrorKind {
    /// UnicodeDecodeError: bytes that could not be decoded.
    Decode,
    /// UnicodeEncodeError: a str that could not be encoded.
    Encode,
    /// UnicodeTranslateError: a str that could not be translated (no `encoding`).
    Translate,
}

/// The three Unicode error classes with their kinds, Decode and Encode first.
const UNICODE_ERRORS: [(&str, UnicodeErrorKind); 3] = [
    ("UnicodeDecodeError", UnicodeErrorKind::Decode),
    ("UnicodeEncodeError", UnicodeErrorKind::Encode),
    ("UnicodeTranslateError", UnicodeErrorKind::Translate),
];

/// Registers the `__init__`s of the exception classes with fields of their own.
pub fn install(vm: &mut Vm) {
    let base = vm.exc.base_exception.clone();
    vm.add_method(&base, "__init__", |vm, args| {
        reject_keywords(vm, &args)?;
        base_init(vm, &args);
        Ok(Value::None)
    });
    for &(class, fields) in KEYWORD_FIELDS {
        let Some(cls) = vm.exc.by_name(class) else {
            continue;
        };
        vm.add_method(&cls, "__init__", move |vm, args| {
            base_init(vm, &args);
            let me = self_arg(&args);
            let Some((exc, dict)) = me.as_obj().and_then(|o| Some((o, o.dict.clone()?))) else {
                return Ok(Value::None);
            };
            // ImportError_init and its siblings set every field, to None when not given.
            set_defaults(vm, exc, &vm.type_of(&me), &dict);
            for (k, v) in &args.kwargs {
                if !fields.contains(&&**k) {
                    return Err(vm.new_type_error(format!(
                        "'{k}' is an invalid keyword argument for {class}()"
                    )));
                }
                vm.dict_set_str(&dict, k, v.clone());
            }
            Ok(Value::None)
        });
    }
    for (class, kind) in UNICODE_ERRORS {
        if let Some(cls) = vm.exc.by_name(class) {
            vm.add_method(&cls, "__init__", move |vm, args| {
                unicode_init(vm, &args, kind)?;
                Ok(Value::None)
            });
        }
    }
    let syntax = vm.exc.syntax_error.clone();
    vm.add_method(&syntax, "__init__", |vm, args| {
        syntax_init(vm, &args)?;
        Ok(Value::None)
    });
}

/// Which of the exception classes with fields of their own a class is (or derives from).
#[derive(Clone, Copy)]
enum Fielded {
    /// ImportError: `msg`, `name`, `path`.
    Import,
    /// AttributeError: `name`, `obj`.
    Attribute,
    /// NameError: `name`.
    Name,
    /// SyntaxError: `msg` and the location.
    Syntax,
    /// One of the three Unicode errors.
    Unicode(UnicodeErrorKind),
}

impl Fielded {
    /// The fields, in the order CPython's structs declare them.
    fn names(self) -> &'static [&'static str] {
        match self {
            Fielded::Import => &["msg", "name", "path"],
            Fielded::Attribute => ATTRIBUTE_ERROR_FIELDS,
            Fielded::Name => NAME_ERROR_FIELDS,
            Fielded::Syntax => &SYNTAX_ERROR_FIELDS,
            Fielded::Unicode(_) => &UNICODE_FIELDS,
        }
    }
}

/// Which fielded class `cls` is, by one walk of its MRO (every exception made pays for
/// this, so classes are told apart by pointer; only a Unicode error's kind is then looked
/// up by name).
fn fielded_class(vm: &Vm, cls: &ObjRef) -> Option<Fielded> {
    let mro = cls.as_type()?.mro.borrow();
    let e = &vm.exc;
    std::iter::once(cls).chain(mro.iter()).find_map(|c| {
        if ObjRef::ptr_eq(c, &e.import_error) {
            Some(Fielded::Import)
        } else if ObjRef::ptr_eq(c, &e.attribute_error) {
            Some(Fielded::Attribute)
        } else if ObjRef::ptr_eq(c, &e.name_error) {
            Some(Fielded::Name)
        } else if ObjRef::ptr_eq(c, &e.syntax_error) {
            Some(Fielded::Syntax)
        } else if ObjRef::ptr_eq(c, &e.unicode_error) {
            unicode_kind(vm, cls).map(Fielded::Unicode)
        } else {
            None
        }
    })
}

/// The names of SyntaxError's location fields, in its second argument's order.
pub fn syntax_location_fields() -> &'static [&'static str] {
    &SYNTAX_ERROR_FIELDS[SYNTAX_LOCATION]
}

/// Sets the fields an exception of class `cls` has to None, as CPython's are until its
/// `__init__` (or the interpreter raising it) sets them; ImportError's `msg` is its argument
/// when it has exactly one, as ImportError_init and PyErr_SetImportError make it.
pub fn set_defaults(vm: &Vm, exc: &ObjRef, cls: &ObjRef, dict: &ObjRef) {
    let Some(kind) = fielded_class(vm, cls) else {
        return;
    };
    for name in kind.names() {
        vm.dict_set_str(dict, name, Value::None);
    }
    if let (Fielded::Import, Payload::Exception(e)) = (kind, &exc.payload)
        && let Some([one]) = e.borrow().args.as_tuple()
    {
        vm.dict_set_str(dict, "msg", one.clone());
    }
}

/// BaseException_init's refusal of keywords (`ValueError() takes no keyword arguments`).
fn reject_keywords(vm: &mut Vm, args: &Args) -> PyResult<()> {
    if args.kwargs.is_empty() {
        return Ok(());
    }
    let name = vm.type_name(&self_arg(args));
    Err(vm.new_type_error(format!("{name}() takes no keyword arguments")))
}

/// BaseException_init: `args` becomes the exception's arguments, and the fields derived
/// from them (StopIteration's `value`, OSError's `errno`, ...) are set again.
fn base_init(vm: &mut Vm, args: &Args) {
    let me = self_arg(args);
    let rest = args.positional[1..].to_vec();
    if let Some(o) = me.as_obj() {
        if let Payload::Exception(d) = &o.payload {
            d.borrow_mut().args = Value::tuple(rest.clone());
        }
        vm.init_exception_attrs(o, rest.first().cloned());
    }
}

/// Which Unicode error class `cls` is, if it is one.
fn unicode_kind(vm: &Vm, cls: &ObjRef) -> Option<UnicodeErrorKind> {
    UNICODE_ERRORS
        .into_iter()
        .find(|(name, _)| {
            vm.exc
                .by_name(name)
                .is_some_and(|c| vm.is_subclass(cls, &c))
        })
        .map(|(_, kind)| kind)
}

/// UnicodeDecodeError_init and its siblings: exactly the fields, each of its type
/// (PyArg_ParseTuple's "UOnnU", "UUnnU" and "UnnU", and their messages).
fn unicode_init(vm: &mut Vm, args: &Args, kind: UnicodeErrorKind) -> PyResult<()> {
    reject_keywords(vm, args)?;
    base_init(vm, args);
    let given = &args.positional[1..];
    let names: &[&str] = match kind {
        UnicodeErrorKind::Translate => &UNICODE_FIELDS[1..],
        _ => &UNICODE_FIELDS,
    };
    if given.len() != names.len() {
        return Err(vm.new_type_error(format!(
            "function takes exactly {} arguments ({} given)",
            names.len(),
            given.len()
        )));
    }
    let mut values = Vec::with_capacity(names.len());
    for (i, (name, v)) in names.iter().zip(given).enumerate() {
        let position = i + 1;
        let ok = match *name {
            "encoding" | "reason" => v.as_str().is_some(),
            "object" if kind == UnicodeErrorKind::Decode => {
                matches!(v.payload(), Some(Payload::Bytes(_)))
            }
            "object" => v.as_str().is_some(),
            _ => {
                values.push(Value::Int(vm.index_value(v)?));
                continue;
            }
        };
        if !ok {
            let wanted = if *name == "object" && kind == UnicodeErrorKind::Decode {
                "bytes"
            } else {
                "str"
            };
            return Err(vm.new_type_error(format!(
                "argument {position} must be {wanted}, not {}",
                vm.type_name(v)
            )));
        }
        values.push(v.clone());
    }
    if let Some(dict) = self_arg(args).as_obj().and_then(|o| o.dict.clone()) {
        for (name, v) in names.iter().zip(values) {
            vm.dict_set_str(&dict, name, v);
        }
    }
    Ok(())
}

/// SyntaxError_init: `msg`, then the location tuple `(filename, lineno, offset, text[,
/// end_lineno, end_offset])` when there are exactly two arguments.
fn syntax_init(vm: &mut Vm, args: &Args) -> PyResult<()> {
    reject_keywords(vm, args)?;
    base_init(vm, args);
    let Some(dict) = self_arg(args).as_obj().and_then(|o| o.dict.clone()) else {
        return Ok(());
    };
    let given = &args.positional[1..];
    if let Some(msg) = given.first() {
        vm.dict_set_str(&dict, "msg", msg.clone());
    }
    if let [_, info] = given {
        let info = vm.collect(info)?;
        let n = info.len();
        if !(4..=6).contains(&n) {
            let bound = if n < 4 { "at least 4" } else { "at most 6" };
            return Err(vm.new_type_error(format!("function takes {bound} arguments ({n} given)")));
        }
        if n == 5 {
            return Err(
                vm.new_type_error("end_offset must be provided when end_lineno is provided")
            );
        }
        // Every location field is set, the end ones to None when not given.
        let given = info.into_iter().chain(std::iter::repeat(Value::None));
        for (name, v) in SYNTAX_ERROR_FIELDS[SYNTAX_LOCATION].iter().zip(given) {
            vm.dict_set_str(&dict, name, v);
        }
    }
    Ok(())
}

/// A new UnicodeDecodeError or UnicodeEncodeError (`decode` chooses) with its five fields, as
/// the codecs raise it.
pub fn new_unicode_error(
    vm: &Vm,
    decode: bool,
    encoding: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> ObjRef {
    let (class, _) = UNICODE_ERRORS[if decode { 0 } else { 1 }];
    let cls = vm
        .exc
        .by_name(class)
        .unwrap_or_else(|| vm.exc.value_error.clone());
    let values = vec![
        Value::str(encoding),
        object,
        Value::Int(start as i64),
        Value::Int(end as i64),
        Value::str(reason),
    ];
    let e = vm.new_exception(&cls, values.clone());
    if let Some(dict) = &e.dict {
        for (name, v) in UNICODE_FIELDS.iter().zip(values) {
            vm.dict_set_str(dict, name, v);
        }
    }
    e
}

/// `str()` of the exceptions whose message is made from their fields (exceptions.c's
/// ImportError_str, SyntaxError_str, UnicodeDecodeError_str and siblings); None for others.
pub fn fields_str(vm: &mut Vm, exc: &Value, cls: &ObjRef) -> Option<PyResult<String>> {
    let kind = fielded_class(vm, cls)?;
    let dict = exc.as_obj()?.dict.clone()?;
    let field = |vm: &Vm, name: &str| vm.dict_get_str(&dict, name).unwrap_or(Value::None);
    match kind {
        Fielded::Syntax => {
            let msg = field(vm, "msg");
            let filename = field(vm, "filename");
            let filename = filename
                .as_str()
                .map(|f| f.rsplit('/').next().unwrap_or(f).to_owned());
            let lineno = match field(vm, "lineno") {
                Value::Int(n) => Some(n),
                _ => None,
            };
            Some(vm.str(&msg).map(|msg| match (filename, lineno) {
                (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
                (Some(f), None) => format!("{msg} ({f})"),
                (None, Some(n)) => format!("{msg} (line {n})"),
                (None, None) => msg,
            }))
        }
        Fielded::Unicode(kind) => {
            let fields = UNICODE_FIELDS.map(|name| field(vm, name));
            Some(unicode_str(vm, kind, fields))
        }
        // ImportError_str: the `msg` field when it is a str.
        Fielded::Import => field(vm, "msg").as_str().map(|m| Ok(m.to_owned())),
        Fielded::Attribute | Fielded::Name => None,
    }
}

/// UnicodeDecodeError_str and its siblings: the one bad byte or character when the range
/// covers exactly one, else the range; "" before the fields are set.
fn unicode_str(vm: &mut Vm, kind: UnicodeErrorKind, fields: [Value; 5]) -> PyResult<String> {
    let [encoding, object, start, end, reason] = fields;
    let (Value::Int(start), Value::Int(end)) = (start, end) else {
        return Ok(String::new());
    };
    let reason = vm.str(&reason)?;
    let codec = match kind {
        UnicodeErrorKind::Translate => String::new(),
        _ => format!("'{}' codec ", vm.str(&encoding)?),
    };
    let verb = match kind {
        UnicodeErrorKind::Decode => "decode",
        UnicodeErrorKind::Encode => "encode",
        UnicodeErrorKind::Translate => "translate",
    };
    let single = usize::try_from(start)
        .ok()
        .filter(|_| start.checked_add(1) == Some(end));
    let bad = match (kind, single, object.payload()) {
        (UnicodeErrorKind::Decode, Some(at), Some(Payload::Bytes(b))) => {
            b.get(at).map(|byte| format!("byte 0x{byte:02x}"))
        }
        (_, Some(at), _) => object
            .as_str()
            .and_then(|s| s.chars().nth(at))
            .map(|c| format!("character {}", super::bytes_methods::escaped_char(c))),
        _ => None,
    };
    Ok(match bad {
        Some(bad) => format!("{codec}can't {verb} {bad} in position {start}: {reason}"),
        None => {
            let what = if kind == UnicodeErrorKind::Decode {
                "bytes"
            } else {
                "characters"
            };
            format!(
                "{codec}can't {verb} {what} in position {start}-{}: {reason}",
                end.wrapping_sub(1)
            )
        }
    })
}

/// What CPython's `print_exception` shows for a SyntaxError that carries a location (one a
/// program raised; the compiler's own come pre-rendered): the `File "…", line N` line, the
/// text with its carets (pythonrun.c's parse_syntax_error and print_error_text), then
/// `label: msg`. None when its `lineno` or `offset` is no int, which CPython then reports as
/// any other exception.
pub fn syntax_error_report(vm: &mut Vm, exc: &ObjRef, label: &str) -> Option<String> {
    let cls = exc.class.clone()?;
    if !vm.is_subclass(&cls, &vm.exc.syntax_error) {
        return None;
    }
    let dict = exc.dict.clone()?;
    let field = |name: &str| vm.dict_get_str(&dict, name).unwrap_or(Value::None);
    let Value::Int(lineno) = field("lineno") else {
        return None;
    };
    let offset = match field("offset") {
        Value::None => -1,
        Value::Int(n) => n,
        _ => return None,
    };
    // Only an exact SyntaxError's end offset counts.
    let end_offset = match field("end_offset") {
        Value::Int(n) if ObjRef::ptr_eq(&cls, &vm.exc.syntax_error) => n,
        _ => -1,
    };
    let (filename, text, msg) = (field("filename"), field("text"), field("msg"));
    let filename = match filename.as_str() {
        Some(f) => f.to_owned(),
        None if filename.is_none() => "<string>".to_owned(),
        None => vm.str(&filename).ok()?,
    };
    let mut out = format!("  File \"{filename}\", line {lineno}\n");
    if let Some(text) = text.as_str() {
        out.push_str(&error_text(text, offset, end_offset));
    }
    out.push_str(label);
    if !msg.is_none() {
        let msg = vm.str(&msg).ok()?;
        if !msg.is_empty() {
            out.push_str(": ");
            out.push_str(&msg);
        }
    }
    Some(out)
}

/// The most carets `error_text` draws.
const MAX_CARETS: i64 = 4096;

/// pythonrun.c's print_error_text: the offending line without its leading blanks (only its
/// last line when the text holds several before the offset), and a caret line under the
/// 1-based `offset` spanning to `end_offset` (none when the offset falls left of the text).
fn error_text(text: &str, offset: i64, end_offset: i64) -> String {
    // CPython draws every caret a user's `end_offset` asks for; a bound keeps an absurd one
    // (`10**18`) from exhausting memory.
    let carets = if end_offset > 0 && end_offset > offset {
        end_offset.saturating_sub(offset).min(MAX_CARETS)
    } else {
        1
    };
    let mut offset = offset.saturating_sub(1);
    let trimmed = text.trim_start_matches([' ', '\t', '\x0c']);
    offset = offset.saturating_sub((text.chars().count() - trimmed.chars().count()) as i64);
    let mut text = trimmed;
    let len = text.strip_suffix('\n').unwrap_or(text).chars().count() as i64;
    offset = offset.min(len);
    while let Some(nl) = text.find('\n') {
        let line_chars = text[..nl].chars().count() as i64;
        if line_chars >= offset {
            break;
        }
        text = &text[nl + 1..];
        offset -= line_chars + 1;
    }
    let mut out = format!("    {text}");
    if !text.ends_with('\n') {
        out.push('\n');
    }
    if offset >= 0 {
        out.push_str("    ");
        out.push_str(&" ".repeat(offset as usize));
        out.push_str(&"^".repeat(carets as usize));
        out.push('\n');
    }
    out
}
