//! `str` and `bytes`: constructors and methods (algorithms in `str_algo`/`str_case`).

use super::format_spec::{FormatError, FormatErrorKind};
use super::format_string::{FieldResolver, render};
use super::object::add_new;
use super::str_algo::{self, StripSide};
use super::str_case;
use crate::vm::method_sigs::clinic_type_name;
use crate::vm::native::check_count;
use crate::vm::object::{Obj, Payload, PyStr};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

/// The text of `self` for a str method.
fn me(vm: &mut Vm, args: &Args, name: &str) -> PyResult<String> {
    match args.positional.first().and_then(|v| v.as_str()) {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.new_type_error(format!("descriptor '{name}' requires a 'str' object"))),
    }
}

/// `v`'s text, else CPython's TypeError `{what} must be str, not T` (`what` may be empty:
/// `must be str, not T`).
fn str_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<String> {
    match v.as_str() {
        Some(s) => Ok(s.to_string()),
        None => {
            // A named argument is Argument Clinic's error, which shows None as `None`.
            let msg = if what.is_empty() {
                format!("must be str, not {}", vm.type_name(v))
            } else {
                format!("{what} must be str, not {}", clinic_type_name(vm, v))
            };
            Err(vm.new_type_error(msg))
        }
    }
}

fn opt_int(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => vm.index_value(v).map(Some),
    }
}

/// splitlines' `keepends`: Argument Clinic's `bool(accept={int})`, so an int or an object
/// with `__index__` (a str or float is a TypeError), false when absent.
pub(crate) fn keepends(vm: &mut Vm, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => Ok(vm.index_value(v)? != 0),
    }
}

/// A `start`/`end` argument of find/count/startswith...: None when absent or None, else an
/// int or an object with `__index__`, with CPython's TypeError for anything else.
#[inline]
pub(crate) fn slice_bound(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(b) if b.is_int_like() || vm.user_dunder(b, "__index__").is_some() => opt_int(vm, v),
        Some(_) => Err(
            vm.new_type_error("slice indices must be integers or None or have an __index__ method")
        ),
    }
}

/// The `encoding` and `errors` arguments of `str()`/`bytes()` (`fname`), each given or
/// not, checked to be strs as Argument Clinic does, the missing ones defaulted
/// (`'utf-8'`, `'strict'`).
fn codec_args(vm: &mut Vm, fname: &str, given: &[Option<Value>]) -> PyResult<Vec<Value>> {
    let mut out = Vec::with_capacity(2);
    for (i, (name, default)) in [("encoding", "utf-8"), ("errors", "strict")]
        .into_iter()
        .enumerate()
    {
        match given.get(i).cloned().flatten() {
            None => out.push(Value::str(default)),
            Some(v) if v.as_str().is_some() => out.push(v),
            Some(v) => {
                let msg = format!(
                    "{fname}() argument '{name}' must be str, not {}",
                    clinic_type_name(vm, &v)
                );
                return Err(vm.new_type_error(msg));
            }
        }
    }
    Ok(out)
}

/// Converts a formatting error to the Python exception.
pub fn format_error(vm: &mut Vm, e: FormatError) -> ObjRef {
    match e.kind {
        FormatErrorKind::Value => vm.new_value_error(e.message),
        FormatErrorKind::Overflow => vm.new_overflow_error(e.message),
        FormatErrorKind::Type => vm.new_type_error(e.message),
    }
}

/// A `str.format` resolver over the VM.
struct Resolver<'a> {
    vm: &'a mut Vm,
    args: Vec<Value>,
    kwargs: Vec<(std::rc::Rc<str>, Value)>,
    mapping: Option<Value>,
}

/// An error carried through `render`: a Python exception or a formatting error.
enum RenderError {
    /// An exception raised by the VM.
    Py(ObjRef),
    /// A template or spec error, raised as ValueError/OverflowError.
    Format(FormatError),
}

impl From<FormatError> for RenderError {
    fn from(e: FormatError) -> Self {
        RenderError::Format(e)
    }
}

#[allow(non_snake_case)]
fn PyErrBox(e: ObjRef) -> RenderError {
    RenderError::Py(e)
}

impl FieldResolver for Resolver<'_> {
    type Value = Value;
    type Error = RenderError;
    fn positional(&mut self, index: usize) -> Result<Value, RenderError> {
        if self.mapping.is_some() {
            return Err(PyErrBox(
                self.vm
                    .new_value_error("Format string contains positional fields"),
            ));
        }
        self.args.get(index).cloned().ok_or_else(|| {
            PyErrBox(self.vm.new_index_error(format!(
                "Replacement index {index} out of range for positional args tuple"
            )))
        })
    }
    fn keyword(&mut self, name: &str) -> Result<Value, RenderError> {
        if let Some(m) = self.mapping.clone() {
            return self.vm.get_item(&m, &Value::str(name)).map_err(PyErrBox);
        }
        match self.kwargs.iter().find(|(k, _)| &**k == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(PyErrBox(self.vm.new_key_error(Value::str(name)))),
        }
    }
    fn attribute(&mut self, value: Value, name: &str) -> Result<Value, RenderError> {
        self.vm.get_attr(&value, name).map_err(PyErrBox)
    }
    fn index(&mut self, value: Value, index: usize) -> Result<Value, RenderError> {
        self.vm
            .get_item(&value, &Value::Int(index as i64))
            .map_err(PyErrBox)
    }
    fn key(&mut self, value: Value, key: &str) -> Result<Value, RenderError> {
        self.vm.get_item(&value, &Value::str(key)).map_err(PyErrBox)
    }
    fn convert(
        &mut self,
        value: Value,
        conversion: super::format_string::Conversion,
    ) -> Result<Value, RenderError> {
        let s = match conversion {
            super::format_string::Conversion::Str => self.vm.str(&value),
            super::format_string::Conversion::Repr => self.vm.repr(&value),
            super::format_string::Conversion::Ascii => self
                .vm
                .repr(&value)
                .map(|r| crate::vm::format::ascii_escape(&r)),
        };
        s.map(Value::string).map_err(PyErrBox)
    }
    fn format(&mut self, value: Value, spec: &str) -> Result<String, RenderError> {
        self.vm.format_value(&value, spec).map_err(PyErrBox)
    }
}

fn unbox_error(vm: &mut Vm, e: RenderError) -> ObjRef {
    match e {
        RenderError::Py(e) => e,
        RenderError::Format(f) => format_error(vm, f),
    }
}

/// `template.format(*args, **kwargs)`.
pub fn str_format(
    vm: &mut Vm,
    template: &str,
    args: Vec<Value>,
    kwargs: Vec<(std::rc::Rc<str>, Value)>,
    mapping: Option<Value>,
) -> PyResult<String> {
    let mut r = Resolver {
        vm,
        args,
        kwargs,
        mapping,
    };
    let out = render(template, &mut r);
    match out {
        Ok(s) => Ok(s),
        Err(e) => Err(unbox_error(r.vm, e)),
    }
}

fn add(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &'static str,
    f: impl Fn(&mut Vm, &str, &[Value]) -> PyResult<Value> + 'static,
) {
    vm.add_method_positional(cls, name, move |vm, args| {
        check_count(vm, name, args.len(), 1, 8)?;
        let Some(s) = args.first().and_then(|v| v.as_str()) else {
            return Err(vm.new_type_error(format!("descriptor '{name}' requires a 'str' object")));
        };
        f(vm, s, &args[1..])
    });
}

/// Registers str method `name` whose parameters `names` (all optional) may also be passed
/// by name, bound as Argument Clinic binds them (`Args::clinic`); `f` gets the given ones in
/// order, up to the first left out.
fn add_kw(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &'static str,
    names: &'static [&'static str],
    f: impl Fn(&mut Vm, &str, &[Value]) -> PyResult<Value> + 'static,
) {
    let f = Rc::new(f);
    let positional = Rc::clone(&f);
    let general = move |vm: &mut Vm, mut args: Args| {
        let this = args.positional.remove(0);
        let given: Vec<Value> = args
            .clinic(vm, name, names)?
            .into_iter()
            .map_while(|v| v)
            .collect();
        f(vm, this.as_str().unwrap_or_default(), &given)
    };
    vm.add_method_with_fast(cls, name, general, move |vm, args| {
        check_count(vm, name, args.len(), 1, names.len() + 1)?;
        positional(vm, args[0].as_str().unwrap_or_default(), &args[1..])
    });
}

/// Mirrors unicode_join: `sep.join(items)`, sizing the result once.
fn join_strs(vm: &mut Vm, sep: &str, items: &[Value]) -> PyResult<Value> {
    let mut total = sep.len() * items.len().saturating_sub(1);
    for (i, x) in items.iter().enumerate() {
        match x.as_str() {
            Some(t) => total += t.len(),
            None => {
                return Err(vm.new_type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(x)
                )));
            }
        }
    }
    if items.len() == 1
        && let Some(o) = items[0].as_obj()
        && o.class.is_none()
    {
        return Ok(items[0].clone());
    }
    let mut out = String::with_capacity(total);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(x.as_str().unwrap_or_default());
    }
    Ok(Value::string(out))
}

/// `s.split(sep, maxsplit)` / `s.rsplit(...)` given the (at most two) positional values.
fn split_method(vm: &mut Vm, right: bool, s: &str, given: &[Value]) -> PyResult<Value> {
    let sep = match given.first() {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(text) => Some(text),
            None => {
                let msg = format!("must be str or None, not {}", vm.type_name(v));
                return Err(vm.new_type_error(msg));
            }
        },
    };
    let maxsplit = opt_int(vm, given.get(1))?.unwrap_or(-1);
    // The commonest split, on one ASCII byte with no limit (either direction gives the same
    // pieces): the pieces are counted first, then built straight into the list's vector.
    if let Some(&[b]) = sep.map(str::as_bytes)
        && maxsplit < 0
    {
        let bytes = s.as_bytes();
        let mut parts = Vec::with_capacity(bytes.iter().filter(|&&c| c == b).count() + 1);
        let mut start = 0;
        for (i, &c) in bytes.iter().enumerate() {
            if c == b {
                // `b` is ASCII, so every cut is at a char boundary.
                parts.push(Value::str(&s[start..i]));
                start = i + 1;
            }
        }
        parts.push(Value::str(&s[start..]));
        return Ok(Value::list(parts));
    }
    let r = if right {
        str_algo::rsplit(s, sep, maxsplit)
    } else {
        str_algo::split(s, sep, maxsplit)
    };
    match r {
        Ok(parts) => Ok(Value::list(parts.into_iter().map(Value::str).collect())),
        Err(_) => Err(vm.new_value_error("empty separator")),
    }
}

fn strip_method(vm: &mut Vm, s: &str, a: &[Value], side: StripSide) -> PyResult<Value> {
    let chars = match a.first() {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(c) => Some(c.to_string()),
            None => {
                let name = match side {
                    StripSide::Left => "lstrip",
                    StripSide::Right => "rstrip",
                    StripSide::Both => "strip",
                };
                return Err(vm.new_type_error(format!("{name} arg must be None or str")));
            }
        },
    };
    Ok(Value::str(str_algo::strip(s, chars.as_deref(), side)))
}

/// `upper()`/`lower()` of a short ASCII str, mapped in a stack buffer (no intermediate
/// String); None for anything else.
fn ascii_case_in_place(name: &str, s: &str) -> Option<Value> {
    let upper = match name {
        "upper" => true,
        "lower" => false,
        _ => return None,
    };
    let mut buf = [0u8; crate::vm::object::STR_INLINE_CAP];
    let text = buf.get_mut(..s.len()).filter(|_| s.is_ascii())?;
    text.copy_from_slice(s.as_bytes());
    if upper {
        text.make_ascii_uppercase();
    } else {
        text.make_ascii_lowercase();
    }
    let mapped = crate::vm::object::PyStr::from_ascii(text)?;
    Some(Value::Obj(Obj::new(Payload::Str(mapped))))
}

/// A case-mapping algorithm (`upper`, `lower`, ...).
type CaseFn = fn(&str) -> String;
/// A character-class predicate (`isdigit`, ...).
type PredFn = fn(&str) -> bool;

/// Registers str and bytes.
pub fn init(vm: &mut Vm) {
    let str_ = vm.types.str_.clone();
    add_new(vm, &str_, |vm, mut args| {
        let cls = args.positional.remove(0).as_obj().cloned().expect("cls");
        let mut slots = args
            .bind(vm, "str", &["object", "encoding", "errors"], 3, 0)?
            .into_iter();
        let object = slots.next().flatten();
        let codec: Vec<Option<Value>> = slots.collect();
        let text = match object {
            None => String::new(),
            Some(v) if codec.iter().all(Option::is_none) => vm.str(&v)?,
            // str(b, encoding, errors) is bytes.decode(b, encoding, errors) (unicode_new_impl).
            Some(v) => {
                let codec = codec_args(vm, "str", &codec)?;
                match v.payload() {
                    Some(Payload::Bytes(_)) => {
                        let decode = vm.get_attr(&Value::Obj(vm.types.bytes.clone()), "decode")?;
                        let decoded = vm.call(&decode, [vec![v], codec].concat())?;
                        decoded.as_str().unwrap_or_default().to_string()
                    }
                    Some(Payload::Str(_)) => {
                        return Err(vm.new_type_error("decoding str is not supported"));
                    }
                    _ => {
                        let msg = format!(
                            "decoding to str: need a bytes-like object, {} found",
                            vm.type_name(&v)
                        );
                        return Err(vm.new_type_error(msg));
                    }
                }
            }
        };
        if ObjRef::ptr_eq(&cls, &vm.types.str_) {
            return Ok(Value::string(text));
        }
        let dict = if cls.as_type().is_some_and(|t| t.is_heap) {
            Some(vm.new_dict())
        } else {
            None
        };
        Ok(Value::Obj(Obj::with_class(
            cls,
            dict,
            Payload::Str(PyStr::from_string(text)),
        )))
    });
    super::numbers::add_operator_dunders(
        vm,
        &str_,
        &[
            crate::ast::Operator::Add,
            crate::ast::Operator::Mult,
            crate::ast::Operator::Mod,
        ],
    );
    vm.add_method(&str_, "__len__", |vm, args| {
        let s = me(vm, &args, "__len__")?;
        Ok(Value::Int(s.chars().count() as i64))
    });
    vm.add_method(&str_, "__contains__", |vm, args| {
        let a = args.check(vm, "__contains__", 2, 2)?.to_vec();
        let s = me(vm, &args, "__contains__")?;
        let b = a[1].clone();
        match b.as_str() {
            Some(sub) => Ok(Value::Bool(str_algo::find_text(&s, sub).is_some())),
            None => Err(vm.new_type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                vm.type_name(&b)
            ))),
        }
    });
    vm.add_method(&str_, "__getitem__", |vm, args| {
        let a = args.check(vm, "__getitem__", 2, 2)?.to_vec();
        let plain = Value::string(me(vm, &args, "__getitem__")?);
        vm.get_item(&plain, &a[1])
    });
    vm.add_method(&str_, "__iter__", |vm, args| {
        let plain = Value::string(me(vm, &args, "__iter__")?);
        vm.iter(&plain)
    });
    vm.add_method(&str_, "__hash__", |vm, args| {
        let plain = Value::string(me(vm, &args, "__hash__")?);
        Ok(Value::Int(vm.hash(&plain)?))
    });
    vm.add_method(&str_, "__format__", |vm, args| {
        let a = args.check(vm, "__format__", 2, 2)?.to_vec();
        let s = me(vm, &args, "__format__")?;
        let spec = str_arg(vm, &a[1], "__format__() argument")?;
        super::format_spec::format_str(&s, &spec)
            .map(Value::string)
            .map_err(|e| format_error(vm, e))
    });
    add(vm, &str_, "join", |vm, s, a| {
        let Some(it) = a.first() else {
            return Err(vm.new_type_error("join() takes exactly one argument (0 given)"));
        };
        // A list or tuple is joined in place (no copy of its items); anything else is
        // collected first, as PySequence_Fast does.
        let collected;
        let list_guard;
        let items: &[Value] = match it.payload() {
            Some(Payload::List(l)) if it.as_obj().is_some_and(|o| o.class.is_none()) => {
                list_guard = l.borrow();
                &list_guard
            }
            Some(Payload::Tuple(t)) => t,
            _ => {
                let iterator = match vm.iter(it) {
                    Ok(iterator) => iterator,
                    Err(e) if vm.exc_matches(&e, &vm.exc.type_error.clone()) => {
                        return Err(vm.new_type_error("can only join an iterable"));
                    }
                    Err(e) => return Err(e),
                };
                collected = vm.collect(&iterator)?;
                &collected
            }
        };
        join_strs(vm, s, items)
    });
    for (name, right) in [("split", false), ("rsplit", true)] {
        let general = move |vm: &mut Vm, mut args: Args| {
            me(vm, &args, name)?;
            let this = args.positional.remove(0);
            let s = this.as_str().unwrap_or_default();
            if args.kwargs.is_empty() && args.positional.len() <= 2 {
                return split_method(vm, right, s, &args.positional);
            }
            let given: Vec<Value> = args
                .clinic(vm, name, &["sep", "maxsplit"])?
                .into_iter()
                .map(|v| v.unwrap_or(Value::None))
                .collect();
            split_method(vm, right, s, &given)
        };
        let positional = move |vm: &mut Vm, args: &[Value]| {
            let Some(s) = args.first().and_then(|v| v.as_str()) else {
                return Err(
                    vm.new_type_error(format!("descriptor '{name}' requires a 'str' object"))
                );
            };
            if args.len() > 3 {
                let n = args.len() - 1;
                return Err(
                    vm.new_type_error(format!("{name}() takes at most 2 arguments ({n} given)"))
                );
            }
            split_method(vm, right, s, &args[1..])
        };
        vm.add_method_with_fast(&str_, name, general, positional);
    }
    add(vm, &str_, "strip", |vm, s, a| {
        strip_method(vm, s, a, StripSide::Both)
    });
    add(vm, &str_, "lstrip", |vm, s, a| {
        strip_method(vm, s, a, StripSide::Left)
    });
    add(vm, &str_, "rstrip", |vm, s, a| {
        strip_method(vm, s, a, StripSide::Right)
    });
    add(vm, &str_, "replace", |vm, s, a| {
        if a.len() < 2 {
            return Err(vm.new_type_error(format!(
                "replace expected at least 2 arguments, got {}",
                a.len()
            )));
        }
        let old = str_arg(vm, &a[0], "replace() argument 1")?;
        let new = str_arg(vm, &a[1], "replace() argument 2")?;
        let count = opt_int(vm, a.get(2))?.unwrap_or(-1);
        Ok(Value::string(str_algo::replace(s, &old, &new, count)))
    });
    for (name, ends) in [("startswith", false), ("endswith", true)] {
        add(vm, &str_, name, move |vm, s, a| {
            let Some(p) = a.first() else {
                return Err(
                    vm.new_type_error(format!("{name}() takes at least 1 argument (0 given)"))
                );
            };
            let start = slice_bound(vm, a.get(1))?;
            let end = slice_bound(vm, a.get(2))?;
            let cands = match p.as_tuple() {
                Some(t) => t,
                None => std::slice::from_ref(p),
            };
            for c in cands {
                let Some(c) = c.as_str() else {
                    return Err(vm.new_type_error(format!(
                        "{name} first arg must be str or a tuple of str, not {}",
                        vm.type_name(p)
                    )));
                };
                let hit = if ends {
                    str_algo::ends_with(s, c, start, end)
                } else {
                    str_algo::starts_with(s, c, start, end)
                };
                if hit {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        });
    }
    for (name, kind) in [
        ("find", 0),
        ("rfind", 1),
        ("index", 2),
        ("rindex", 3),
        ("count", 4),
    ] {
        add(vm, &str_, name, move |vm, s, a| {
            let Some(sub) = a.first() else {
                return Err(
                    vm.new_type_error(format!("{name}() takes at least 1 argument (0 given)"))
                );
            };
            let sub = str_arg(vm, sub, "")?;
            let start = slice_bound(vm, a.get(1))?;
            let end = slice_bound(vm, a.get(2))?;
            let r = match kind {
                0 | 2 => str_algo::find(s, &sub, start, end),
                1 | 3 => str_algo::rfind(s, &sub, start, end),
                _ => return Ok(Value::Int(str_algo::count(s, &sub, start, end) as i64)),
            };
            match (r, kind) {
                (Some(i), _) => Ok(Value::Int(i as i64)),
                (None, 0 | 1) => Ok(Value::Int(-1)),
                (None, _) => Err(vm.new_value_error("substring not found")),
            }
        });
    }
    let case_fns: [(&'static str, CaseFn); 6] = [
        ("upper", str_case::upper),
        ("lower", str_case::lower),
        ("title", str_case::title),
        ("capitalize", str_case::capitalize),
        ("swapcase", str_case::swapcase),
        ("casefold", str_case::casefold),
    ];
    for (name, f) in case_fns {
        // No arguments: `method_sigs` refuses any before this runs.
        add(vm, &str_, name, move |_, s, _| {
            Ok(ascii_case_in_place(name, s).unwrap_or_else(|| Value::string(f(s))))
        });
    }
    let preds: [(&'static str, PredFn); 12] = [
        ("isalpha", str_case::str_isalpha),
        ("isdecimal", str_case::str_isdecimal),
        ("isdigit", str_case::str_isdigit),
        ("isnumeric", str_case::str_isnumeric),
        ("isalnum", str_case::str_isalnum),
        ("isspace", str_case::str_isspace),
        ("isprintable", str_case::str_isprintable),
        ("isascii", str_case::str_isascii),
        ("isidentifier", str_case::str_isidentifier),
        ("islower", str_case::str_islower),
        ("isupper", str_case::str_isupper),
        ("istitle", str_case::str_istitle),
    ];
    for (name, f) in preds {
        add(vm, &str_, name, move |_, s, _| Ok(Value::Bool(f(s))));
    }
    for (name, which) in [("center", 0), ("ljust", 1), ("rjust", 2)] {
        add(vm, &str_, name, move |vm, s, a| {
            let Some(w) = a.first() else {
                return Err(
                    vm.new_type_error(format!("{name}() takes at least 1 argument (0 given)"))
                );
            };
            let w = vm.index_value(w)?.max(0) as usize;
            let fill = match a.get(1) {
                Some(f) => {
                    let Some(f) = f.as_str().map(str::to_string) else {
                        let msg = format!(
                            "The fill character must be a unicode character, not {}",
                            vm.type_name(f)
                        );
                        return Err(vm.new_type_error(msg));
                    };
                    let mut cs = f.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => c,
                        _ => {
                            return Err(vm.new_type_error(
                                "The fill character must be exactly one character long",
                            ));
                        }
                    }
                }
                None => ' ',
            };
            Ok(Value::string(match which {
                0 => str_algo::center(s, w, fill),
                1 => str_algo::ljust(s, w, fill),
                _ => str_algo::rjust(s, w, fill),
            }))
        });
    }
    add(vm, &str_, "zfill", |vm, s, a| {
        let w = match a.first() {
            Some(w) => vm.index_value(w)?.max(0) as usize,
            None => return Err(vm.new_type_error("zfill() takes exactly one argument (0 given)")),
        };
        Ok(Value::string(str_algo::zfill(s, w)))
    });
    add_kw(vm, &str_, "expandtabs", &["tabsize"], |vm, s, a| {
        let t = opt_int(vm, a.first())?.unwrap_or(8);
        Ok(Value::string(str_algo::expandtabs(s, t)))
    });
    add_kw(vm, &str_, "splitlines", &["keepends"], |vm, s, a| {
        let keep = keepends(vm, a.first())?;
        Ok(Value::list(
            str_algo::splitlines(s, keep)
                .into_iter()
                .map(Value::string)
                .collect(),
        ))
    });
    for (name, right) in [("partition", false), ("rpartition", true)] {
        add(vm, &str_, name, move |vm, s, a| {
            let Some(sep) = a.first() else {
                return Err(
                    vm.new_type_error(format!("{name}() takes exactly one argument (0 given)"))
                );
            };
            let sep = str_arg(vm, sep, "")?;
            let r = if right {
                str_algo::rpartition(s, &sep)
            } else {
                str_algo::partition(s, &sep)
            };
            match r {
                Ok((a, b, c)) => Ok(Value::tuple(vec![
                    Value::str(a),
                    Value::str(b),
                    Value::str(c),
                ])),
                Err(_) => Err(vm.new_value_error("empty separator")),
            }
        });
    }
    // str.__str__ returns the exact str (what `str.__str__(member)` in a StrEnum relies on),
    // where object.__str__ would call the subclass's __repr__.
    add(vm, &str_, "__str__", |_vm, s, _a| Ok(Value::str(s)));
    add(vm, &str_, "removeprefix", |vm, s, a| {
        let p = str_arg(
            vm,
            a.first().unwrap_or(&Value::None),
            "removeprefix() argument",
        )?;
        Ok(Value::str(s.strip_prefix(p.as_str()).unwrap_or(s)))
    });
    add(vm, &str_, "removesuffix", |vm, s, a| {
        let p = str_arg(
            vm,
            a.first().unwrap_or(&Value::None),
            "removesuffix() argument",
        )?;
        Ok(Value::str(s.strip_suffix(p.as_str()).unwrap_or(s)))
    });
    add(vm, &str_, "encode", |_, s, _| {
        Ok(Value::Obj(Obj::new(Payload::Bytes(s.as_bytes().into()))))
    });
    vm.add_method(&str_, "format", |vm, mut args| {
        let s = me(vm, &args, "format")?;
        args.positional.remove(0);
        Ok(Value::string(str_format(
            vm,
            &s,
            args.positional,
            args.kwargs,
            None,
        )?))
    });
    add(vm, &str_, "format_map", |vm, s, a| {
        let m = a.first().cloned().unwrap_or(Value::None);
        Ok(Value::string(str_format(vm, s, vec![], vec![], Some(m))?))
    });
    // Mirrors unicode_maketrans_impl: one dict argument, or two equal-length strs and an
    // optional str of characters to delete.
    vm.add_static(&str_, "maketrans", |vm, args| {
        let a = args.check(vm, "maketrans", 1, 3)?.to_vec();
        let d = vm.new_dict();
        if a.len() >= 2 {
            // y and z are converted by Argument Clinic before x is looked at.
            let mut texts = vec![String::new()];
            for (i, v) in a.iter().enumerate().skip(1) {
                texts.push(str_arg(vm, v, &format!("maketrans() argument {}", i + 1))?);
            }
            texts[0] = match a[0].as_str() {
                Some(x) => x.to_string(),
                None => {
                    return Err(vm.new_type_error(
                        "first maketrans argument must be a string if there is a second argument",
                    ));
                }
            };
            if texts[0].chars().count() != texts[1].chars().count() {
                return Err(
                    vm.new_value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (p, q) in texts[0].chars().zip(texts[1].chars()) {
                vm.dict_set(&d, Value::Int(p as i64), Value::Int(q as i64))?;
            }
            for c in texts.get(2).map(|z| z.chars()).into_iter().flatten() {
                vm.dict_set(&d, Value::Int(c as i64), Value::None)?;
            }
            return Ok(Value::Obj(d));
        }
        let Some(table) = a[0].as_obj().filter(|o| o.as_dict().is_some()) else {
            return Err(
                vm.new_type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        for (k, v) in vm.dict_items(table) {
            let k = match (&k, k.as_str()) {
                (_, Some(text)) => {
                    let mut cs = text.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => Value::Int(c as i64),
                        _ => {
                            return Err(vm.new_value_error(
                                "string keys in translate table must be of length 1",
                            ));
                        }
                    }
                }
                (Value::Int(_) | Value::Bool(_), None) => k,
                _ => {
                    return Err(
                        vm.new_type_error("keys in translate table must be strings or integers")
                    );
                }
            };
            vm.dict_set(&d, k, v)?;
        }
        Ok(Value::Obj(d))
    });
    add(vm, &str_, "translate", |vm, s, a| {
        let table = a.first().cloned().unwrap_or(Value::None);
        let mut out = String::new();
        for c in s.chars() {
            match vm.get_item(&table, &Value::Int(c as i64)) {
                Ok(Value::None) => {}
                Ok(v) => match v.as_str() {
                    Some(t) => out.push_str(t),
                    None => out.push(
                        v.as_i64()
                            .and_then(|i| char::from_u32(i as u32))
                            .unwrap_or(c),
                    ),
                },
                Err(e)
                    if vm.exc_matches(&e, &vm.exc.key_error.clone())
                        || vm.exc_matches(&e, &vm.exc.index_error.clone()) =>
                {
                    out.push(c)
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Value::string(out))
    });
    let bytes = vm.types.bytes.clone();
    add_new(vm, &bytes, |vm, mut args| {
        args.positional.remove(0);
        let mut slots = args
            .bind(vm, "bytes", &["source", "encoding", "errors"], 3, 0)?
            .into_iter();
        let source = slots.next().flatten();
        let given: Vec<Option<Value>> = slots.collect();
        // bytes(s, encoding, errors) is str.encode(s, encoding, errors) (bytes_new_impl).
        if given.iter().any(Option::is_some) {
            let is_str = source.as_ref().is_some_and(|v| v.as_str().is_some());
            if given[0].is_none() {
                return Err(vm.new_type_error(if is_str {
                    "string argument without an encoding"
                } else {
                    "errors without a string argument"
                }));
            }
            let codec = codec_args(vm, "bytes", &given)?;
            let Some(text) = source.filter(|_| is_str) else {
                return Err(vm.new_type_error("encoding without a string argument"));
            };
            let encode = vm.get_attr(&Value::Obj(vm.types.str_.clone()), "encode")?;
            return vm.call(&encode, vec![text, codec[0].clone(), codec[1].clone()]);
        }
        let a: Vec<Value> = source.into_iter().collect();
        let data: Vec<u8> = match a.first() {
            None => Vec::new(),
            Some(v) => match v.payload() {
                Some(Payload::Str(s)) => s.as_str().as_bytes().to_vec(),
                Some(Payload::Bytes(b)) => b.to_vec(),
                _ => {
                    if let Some(n) = v.as_i64() {
                        vec![0; n.max(0) as usize]
                    } else {
                        let items = vm.collect(v)?;
                        let mut out = Vec::new();
                        for i in items {
                            match i.as_i64() {
                                Some(x) if (0..256).contains(&x) => out.push(x as u8),
                                _ => {
                                    return Err(
                                        vm.new_value_error("bytes must be in range(0, 256)")
                                    );
                                }
                            }
                        }
                        out
                    }
                }
            },
        };
        Ok(Value::Obj(Obj::new(Payload::Bytes(
            data.into_boxed_slice(),
        ))))
    });
    super::numbers::add_operator_dunders(vm, &bytes, &[crate::ast::Operator::Add]);
    vm.add_method(&bytes, "hex", |vm, mut args| {
        let data = match args.positional.first().and_then(|v| v.payload()) {
            Some(Payload::Bytes(b)) => b.clone(),
            _ => return Err(vm.new_type_error("descriptor 'hex' requires a 'bytes' object")),
        };
        args.positional.remove(0);
        let slots = args.clinic(vm, "hex", &["sep", "bytes_per_sep"])?;
        let per_group = match &slots[1] {
            Some(v) => vm.index_value(v)?,
            None => 1,
        };
        let sep = match &slots[0] {
            Some(sep) => Some(hex_separator(vm, sep)?),
            None => None,
        };
        Ok(Value::string(hex_grouped(&data, sep, per_group)))
    });
}

/// `bytes.hex`'s `sep`: one ASCII character, given as a str or bytes (pystrhex.c's checks,
/// in its order).
fn hex_separator(vm: &mut Vm, sep: &Value) -> PyResult<char> {
    let len = vm.len(sep)?;
    if len != 1 {
        return Err(vm.new_value_error("sep must be length 1."));
    }
    let c = match sep.payload() {
        // (A bytes subclass may report its length through its own `__len__`.)
        Some(Payload::Bytes(b)) => b.first().copied().map_or('\0', char::from),
        _ => match sep.as_str() {
            Some(s) => s.chars().next().unwrap_or_default(),
            None => return Err(vm.new_type_error("sep must be str or bytes.")),
        },
    };
    if !c.is_ascii() {
        return Err(vm.new_value_error("sep must be ASCII."));
    }
    Ok(c)
}

/// The hex digits of `data`, with `sep` between groups of `|per_group|` bytes counted from
/// the right (from the left when negative), as `_Py_strhex_impl` groups them.
fn hex_grouped(data: &[u8], sep: Option<char>, per_group: i64) -> String {
    use std::fmt::Write;
    let group = per_group.unsigned_abs() as usize;
    let mut out = String::with_capacity(data.len() * 3);
    for (i, byte) in data.iter().enumerate() {
        if let Some(c) = sep
            && group > 0
            && i > 0
        {
            // Bytes before this one (from the left) or from it to the end (from the right).
            let counted = if per_group < 0 { i } else { data.len() - i };
            if counted % group == 0 {
                out.push(c);
            }
        }
        let _ = write!(out, "{byte:02x}");
    }
    out
}
