//! How CPython parses the arguments of the built-in types' methods, and so which TypeError a
//! call with the wrong number of arguments raises. Each way of declaring a method in CPython
//! (`METH_NOARGS`, `METH_O`, Argument Clinic, `PyArg_ParseTuple`, a slot wrapper) words the
//! error its own way; `install_method` checks a call against the method's entry here before
//! the Rust code runs (in the entries `Vm::add_method` and its siblings build), so that code never sees a count it does not expect (a missing argument
//! used to index past the end) and never silently ignores a surplus one.

use super::{ObjRef, PyResult, Value, Vm};

/// The calling convention of one built-in method, as CPython declares it (the receiver is
/// not counted).
#[derive(Clone, Copy)]
pub enum Sig {
    /// `METH_NOARGS`: `str.upper() takes no arguments (1 given)`.
    NoArgs,
    /// `METH_O`: `str.join() takes exactly one argument (0 given)`.
    One,
    /// Argument Clinic, positional only, between the two counts:
    /// `center expected at least 1 argument, got 0`.
    Clinic(u8, u8),
    /// `PyArg_ParseTuple` with the method's name, between the two counts:
    /// `count() takes at least 1 argument (0 given)`.
    Tuple(u8, u8),
    /// A slot wrapper taking this many arguments (`str.__contains__`):
    /// `expected 1 argument, got 0`.
    Wrapper(u8),
    /// Keywords allowed, between the two counts of positional arguments:
    /// `encode() takes at most 2 arguments (3 given)`, `translate() takes at least 1
    /// positional argument (0 given)` (the keywords are the method's own business).
    Kw(u8, u8),
}

/// The signature of method `name` of the built-in class `class`, when it is one of those
/// checked here.
pub fn signature_of(class: &ObjRef, name: &str) -> Option<Sig> {
    let owner = class.as_type()?.name.borrow().clone();
    signature(&owner, name)
}

/// The signature of method `name` of the built-in type named `owner`, when it is one of
/// those checked here. (Matched on the type first, then on the name within it: one match
/// over (type, name) pairs compared the name with every entry's in turn, ~300
/// instructions a method for the ~600 the built-in types install at start-up.)
pub fn signature(owner: &str, name: &str) -> Option<Sig> {
    use Sig::*;
    if matches!(owner, "str" | "bytes" | "bytearray")
        && let Some(sig) = text_signature(name)
    {
        return Some(sig);
    }
    let sig = match owner {
        "str" => match name {
            "casefold" | "isdecimal" | "isidentifier" | "isnumeric" | "isprintable" => NoArgs,
            "format_map" | "translate" | "__format__" => One,
            "encode" => Kw(0, 2),
            "maketrans" => Clinic(1, 3),
            _ => return None,
        },
        "bytes" | "bytearray" => match name {
            "maketrans" => Clinic(2, 2),
            "fromhex" => One,
            "decode" | "hex" => Kw(0, 2),
            "translate" => Kw(1, 2),
            _ => return None,
        },
        "dict" => match name {
            "fromkeys" => Clinic(1, 2),
            "clear" | "copy" | "items" | "keys" | "values" | "popitem" => NoArgs,
            "__contains__" | "__getitem__" => One,
            "get" | "pop" | "setdefault" => Clinic(1, 2),
            _ => return None,
        },
        "object" => match name {
            "__format__" => One,
            _ => return None,
        },
        "list" => match name {
            "reverse" | "clear" | "copy" => NoArgs,
            "append" | "extend" | "remove" | "count" | "__getitem__" => One,
            "insert" => Clinic(2, 2),
            "pop" => Clinic(0, 1),
            "index" => Clinic(1, 3),
            "__contains__" => Wrapper(1),
            _ => return None,
        },
        "tuple" => match name {
            "count" => One,
            "index" => Clinic(1, 3),
            "__contains__" | "__getitem__" => Wrapper(1),
            _ => return None,
        },
        "set" => match name {
            "copy" | "clear" | "pop" => NoArgs,
            "add" | "remove" | "discard" | "symmetric_difference_update" => One,
            "isdisjoint" | "issubset" | "issuperset" | "symmetric_difference" | "__contains__" => {
                One
            }
            _ => return None,
        },
        "frozenset" => match name {
            "copy" => NoArgs,
            "isdisjoint" | "issubset" | "issuperset" | "symmetric_difference" | "__contains__" => {
                One
            }
            _ => return None,
        },
        "int" => match name {
            "bit_length" | "bit_count" | "conjugate" | "as_integer_ratio" | "is_integer" => NoArgs,
            "__round__" => Clinic(0, 1),
            "__format__" => One,
            _ => return None,
        },
        "float" => match name {
            "fromhex" => One,
            "conjugate" | "as_integer_ratio" | "is_integer" | "hex" => NoArgs,
            "__round__" => Clinic(0, 1),
            "__format__" => One,
            _ => return None,
        },
        _ => return None,
    };
    Some(sig)
}

/// The methods str, bytes and bytearray share (Objects/unicodeobject.c,
/// Objects/bytes_methods.c); they take precedence over a type's own entries.
fn text_signature(name: &str) -> Option<Sig> {
    use Sig::*;
    Some(match name {
        "capitalize" | "isalnum" | "isalpha" | "isascii" | "isdigit" | "islower" | "isspace"
        | "istitle" | "isupper" | "lower" | "swapcase" | "title" | "upper" => NoArgs,
        "join" | "partition" | "rpartition" | "removeprefix" | "removesuffix" | "zfill" => One,
        "center" | "ljust" | "rjust" => Clinic(1, 2),
        "strip" | "lstrip" | "rstrip" => Clinic(0, 1),
        "replace" => Clinic(2, 3),
        "count" | "find" | "index" | "rfind" | "rindex" | "startswith" | "endswith" => Tuple(1, 3),
        "split" | "rsplit" => Kw(0, 2),
        "splitlines" | "expandtabs" => Kw(0, 1),
        "__contains__" | "__getitem__" => Wrapper(1),
        _ => return None,
    })
}

impl Sig {
    /// True when `n` positional and `k` keyword arguments are a call `mismatch` accepts.
    #[inline]
    pub fn fits(self, n: usize, k: usize) -> bool {
        let within = |min: u8, max: u8| k == 0 && n >= min as usize && n <= max as usize;
        match self {
            Sig::NoArgs => within(0, 0),
            Sig::One => within(1, 1),
            Sig::Clinic(min, max) | Sig::Tuple(min, max) => within(min, max),
            Sig::Wrapper(want) => within(want, want),
            Sig::Kw(min, max) => n >= min as usize && n <= max as usize,
        }
    }

    /// The TypeError of a call of `owner.name` with `n` positional and `k` keyword arguments
    /// (the receiver not counted), or None when the counts fit.
    pub fn mismatch(self, owner: &str, name: &str, n: usize, k: usize) -> Option<String> {
        let plural = |c: u8| if c == 1 { "" } else { "s" };
        let no_keywords = || format!("{owner}.{name}() takes no keyword arguments");
        match self {
            Sig::Kw(_, max) if n > max as usize => Some(format!(
                "{name}() takes at most {max} argument{} ({} given)",
                plural(max),
                n + k
            )),
            Sig::Kw(min, _) if n < min as usize => Some(format!(
                "{name}() takes at least {min} positional argument{} ({n} given)",
                plural(min)
            )),
            Sig::Kw(..) => None,
            _ if k > 0 => Some(match self {
                Sig::Wrapper(_) => format!("wrapper {name}() takes no keyword arguments"),
                _ => no_keywords(),
            }),
            Sig::NoArgs if n != 0 => {
                Some(format!("{owner}.{name}() takes no arguments ({n} given)"))
            }
            Sig::One if n != 1 => Some(format!(
                "{owner}.{name}() takes exactly one argument ({n} given)"
            )),
            Sig::Clinic(min, max) if n < min as usize || n > max as usize => {
                let (bound, c) = if min == max {
                    ("", min)
                } else if n < min as usize {
                    ("at least ", min)
                } else {
                    ("at most ", max)
                };
                Some(format!(
                    "{name} expected {bound}{c} argument{}, got {n}",
                    plural(c)
                ))
            }
            Sig::Tuple(min, max) if n < min as usize || n > max as usize => {
                let (bound, c) = if n < min as usize {
                    ("at least", min)
                } else {
                    ("at most", max)
                };
                Some(format!(
                    "{name}() takes {bound} {c} argument{} ({n} given)",
                    plural(c)
                ))
            }
            Sig::Wrapper(want) if n != want as usize => {
                Some(format!("expected {want} argument{}, got {n}", plural(want)))
            }
            _ => None,
        }
    }
}

/// The type name Argument Clinic's "argument ... must be str, not T" errors show
/// (`_PyArg_BadArgument`): `None` for None, else the type's name.
pub fn clinic_type_name(vm: &Vm, v: &Value) -> String {
    match v {
        Value::None => "None".to_string(),
        _ => vm.type_name(v).to_string(),
    }
}

/// Raises the TypeError `sig` gives for `n` positional and `k` keyword arguments, if any.
#[inline(always)]
pub fn check(
    vm: &mut Vm,
    sig: Sig,
    owner: &ObjRef,
    name: &str,
    n: usize,
    k: usize,
) -> PyResult<()> {
    if sig.fits(n, k) {
        return Ok(());
    }
    Err(mismatch_error(vm, sig, owner, name, n, k))
}

/// `check`'s TypeError, out of line (the counts fit on every hot call).
#[cold]
#[inline(never)]
fn mismatch_error(vm: &mut Vm, sig: Sig, owner: &ObjRef, name: &str, n: usize, k: usize) -> ObjRef {
    let owner_name = vm.class_name(owner);
    let msg = sig.mismatch(&owner_name, name, n, k).unwrap_or_default();
    vm.new_type_error(msg)
}
