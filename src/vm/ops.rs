//! Operators and the object protocols Rust code uses: truthiness, repr/str, hash, equality,
//! rich comparison and binary/unary operators with `__op__`/`__rop__`/`__iop__` dispatch.

use super::hashing;
use super::number::{Num, float_repr};
use super::object::Payload;
use super::strings::{bytes_repr, str_repr};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use crate::ast::{CmpOp, Operator};

/// The method names of a binary operator: (`__op__`, `__rop__`, `__iop__`, symbol).
pub fn op_names(op: Operator) -> (&'static str, &'static str, &'static str, &'static str) {
    match op {
        Operator::Add => ("__add__", "__radd__", "__iadd__", "+"),
        Operator::Sub => ("__sub__", "__rsub__", "__isub__", "-"),
        Operator::Mult => ("__mul__", "__rmul__", "__imul__", "*"),
        Operator::MatMult => ("__matmul__", "__rmatmul__", "__imatmul__", "@"),
        Operator::Div => ("__truediv__", "__rtruediv__", "__itruediv__", "/"),
        Operator::Mod => ("__mod__", "__rmod__", "__imod__", "%"),
        Operator::Pow => ("__pow__", "__rpow__", "__ipow__", "** or pow()"),
        Operator::LShift => ("__lshift__", "__rlshift__", "__ilshift__", "<<"),
        Operator::RShift => ("__rshift__", "__rrshift__", "__irshift__", ">>"),
        Operator::BitOr => ("__or__", "__ror__", "__ior__", "|"),
        Operator::BitXor => ("__xor__", "__rxor__", "__ixor__", "^"),
        Operator::BitAnd => ("__and__", "__rand__", "__iand__", "&"),
        Operator::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__", "//"),
    }
}

/// All binary operators (for registering dunders).
pub const ALL_OPERATORS: [Operator; 13] = [
    Operator::Add,
    Operator::Sub,
    Operator::Mult,
    Operator::MatMult,
    Operator::Div,
    Operator::Mod,
    Operator::Pow,
    Operator::LShift,
    Operator::RShift,
    Operator::BitOr,
    Operator::BitXor,
    Operator::BitAnd,
    Operator::FloorDiv,
];

/// The comparison method name and symbol.
pub fn cmp_names(op: CmpOp) -> (&'static str, &'static str) {
    match op {
        CmpOp::Eq => ("__eq__", "=="),
        CmpOp::NotEq => ("__ne__", "!="),
        CmpOp::Lt => ("__lt__", "<"),
        CmpOp::LtE => ("__le__", "<="),
        CmpOp::Gt => ("__gt__", ">"),
        CmpOp::GtE => ("__ge__", ">="),
        _ => ("", "?"),
    }
}

/// The comparison with operands swapped.
pub fn swapped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::LtE => CmpOp::GtE,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::GtE => CmpOp::LtE,
        other => other,
    }
}

fn ord_result(op: CmpOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq => ord == Equal,
        CmpOp::NotEq => ord != Equal,
        CmpOp::Lt => ord == Less,
        CmpOp::LtE => ord != Greater,
        CmpOp::Gt => ord == Greater,
        CmpOp::GtE => ord != Less,
        _ => false,
    }
}

/// True for values whose class is the built-in type implied by their payload.
fn is_builtin_exact(v: &Value) -> bool {
    match v {
        Value::Obj(o) => o.class.is_none(),
        _ => true,
    }
}

/// BINARY_OP's fast paths, as CPython 3.12's specialised `BINARY_OP_ADD_INT` /
/// `BINARY_OP_ADD_FLOAT` family: small ints and floats combined without a type look-up.
/// None: the general path decides (overflow into big ints, a zero divisor, other types).
#[inline(always)]
pub fn fast_numeric_binop(a: &Value, b: &Value, op: Operator) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => match op {
            Operator::Add => x.checked_add(*y).map(Value::Int),
            Operator::Sub => x.checked_sub(*y).map(Value::Int),
            Operator::Mult => x.checked_mul(*y).map(Value::Int),
            // For a positive divisor Python's floor division and modulo are the Euclidean
            // ones; other signs take the general path.
            Operator::Mod if *y > 0 => Some(Value::Int(x.rem_euclid(*y))),
            Operator::FloorDiv if *y > 0 => Some(Value::Int(x.div_euclid(*y))),
            Operator::BitAnd => Some(Value::Int(x & y)),
            Operator::BitOr => Some(Value::Int(x | y)),
            Operator::BitXor => Some(Value::Int(x ^ y)),
            // A non-negative exponent keeps an int; overflow takes the big-int path.
            Operator::Pow if *y >= 0 => u32::try_from(*y)
                .ok()
                .and_then(|e| x.checked_pow(e))
                .map(Value::Int),
            // Both exact as doubles, so the quotient is correctly rounded.
            Operator::Div
                if *y != 0 && x.unsigned_abs() < 1 << 53 && y.unsigned_abs() < 1 << 53 =>
            {
                Some(Value::Float(*x as f64 / *y as f64))
            }
            _ => None,
        },
        // An int operand converts to the nearest double, as float_add and friends do
        // (PyLong_AsDouble rounds to nearest-even; so does `as`).
        (Value::Float(x), Value::Float(y)) => float_binop(*x, *y, op),
        (Value::Float(x), Value::Int(y)) => float_binop(*x, *y as f64, op),
        (Value::Int(x), Value::Float(y)) => float_binop(*x as f64, *y, op),
        _ => None,
    }
}

/// `fast_numeric_binop` on two doubles (mirrors float_add, float_sub, ... and float_pow's
/// ordinary case).
#[inline(always)]
fn float_binop(x: f64, y: f64, op: Operator) -> Option<Value> {
    match op {
        Operator::Add => Some(Value::Float(x + y)),
        Operator::Sub => Some(Value::Float(x - y)),
        Operator::Mult => Some(Value::Float(x * y)),
        Operator::Div if y != 0.0 => Some(Value::Float(x / y)),
        // float_pow calls C pow() after its special cases (zero or negative base,
        // infinities, NaN); a positive finite base with a finite exponent and a
        // finite result needs none of them.
        Operator::Pow if x > 0.0 && x.is_finite() && y.is_finite() => {
            Some(x.powf(y)).filter(|r| r.is_finite()).map(Value::Float)
        }
        _ => None,
    }
}

impl Vm {
    /// True if the type of `v` is a user class (whose dunders may override behaviour).
    pub fn has_user_class(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => o
                .class
                .as_ref()
                .is_some_and(|c| c.as_type().is_some_and(|t| t.is_heap)),
            _ => false,
        }
    }

    /// Looks up a dunder defined by Python code on the type of `v` (None for built-in natives).
    pub fn user_dunder(&self, v: &Value, name: &str) -> Option<Value> {
        if !self.has_user_class(v) {
            return None;
        }
        let cls = self.type_of(v);
        let f = self.lookup_in_mro(&cls, name)?;
        match f.payload() {
            Some(Payload::NativeFunction(_)) => None,
            _ => Some(f),
        }
    }

    /// `bool(v)`.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::None => Ok(false),
            Value::Bool(b) => Ok(*b),
            Value::Int(i) => Ok(*i != 0),
            Value::Float(f) => Ok(*f != 0.0),
            Value::Obj(o) => {
                if self.has_user_class(v) {
                    if let Some(f) = self.user_dunder(v, "__bool__") {
                        let r = self.call_bound_dunder(&f, v, vec![])?;
                        return match r {
                            Value::Bool(b) => Ok(b),
                            other => Err(self.new_type_error(format!(
                                "__bool__ should return bool, returned {}",
                                self.type_name(&other)
                            ))),
                        };
                    }
                    if let Some(f) = self.user_dunder(v, "__len__") {
                        let r = self.call_bound_dunder(&f, v, vec![])?;
                        return Ok(self.index_value(&r)? != 0);
                    }
                }
                Ok(match &o.payload {
                    Payload::Str(s) => !s.as_str().is_empty(),
                    Payload::Int(b) => !num_traits::Zero::is_zero(b),
                    Payload::Float(f) => *f != 0.0,
                    Payload::Bytes(b) => !b.is_empty(),
                    Payload::Tuple(t) => !t.is_empty(),
                    Payload::List(l) => !l.borrow().is_empty(),
                    Payload::Dict(d) | Payload::Set(d) | Payload::FrozenSet(d) => {
                        !d.borrow().is_empty()
                    }
                    Payload::Range { .. } => self.len(v)? != 0,
                    Payload::DictView { dict, .. } => {
                        dict.as_dict().is_some_and(|d| !d.borrow().is_empty())
                    }
                    Payload::Native(n) => match n.native_bool() {
                        Some(b) => b,
                        None => return self.native_truthy(v),
                    },
                    _ => true,
                })
            }
        }
    }

    /// `bool(v)` for an instance of a native class: its `__bool__`, else its `__len__`.
    fn native_truthy(&mut self, v: &Value) -> PyResult<bool> {
        let cls = self.type_of(v);
        if let Some(f) = self.lookup_in_mro(&cls, "__bool__") {
            let r = self.call_bound_dunder(&f, v, vec![])?;
            return self.truthy(&r);
        }
        if self.lookup_in_mro(&cls, "__len__").is_some() {
            return Ok(self.len(v)? != 0);
        }
        Ok(true)
    }

    /// Calls a dunder found on the type with `v` as self.
    pub fn call_bound_dunder(&mut self, f: &Value, v: &Value, args: Vec<Value>) -> PyResult<Value> {
        let mut args = args;
        if let Some(result) = self.call_plain_dunder(f, v, &mut args) {
            return result;
        }
        match f.payload() {
            Some(Payload::Function(_)) | Some(Payload::NativeFunction(_)) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(v.clone());
                full.extend(args);
                self.call(f, full)
            }
            _ => {
                let b = self.bind_descriptor(f, v)?;
                self.call(&b, args)
            }
        }
    }

    /// An int from `__index__`-like values (int, bool, int subclasses).
    pub fn index_value(&mut self, v: &Value) -> PyResult<i64> {
        if let Some(i) = v.as_i64() {
            return Ok(i);
        }
        if v.is_int_like() {
            return Err(self.new_overflow_error("Python int too large to convert to C ssize_t"));
        }
        if let Some(f) = self.user_dunder(v, "__index__") {
            let r = self.call_bound_dunder(&f, v, vec![])?;
            return self.index_value(&r);
        }
        Err(self.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            self.type_name(v)
        )))
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        if let Some(f) = self.user_dunder(v, "__repr__") {
            let r = self.call_bound_dunder(&f, v, vec![])?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(self.new_type_error(format!(
                    "__repr__ returned non-string (type {})",
                    self.type_name(&r)
                ))),
            };
        }
        self.builtin_repr(v)
    }

    /// A native class's own `__repr__` (asyncio's Future, Task ...), if it defines one.
    fn native_repr(&self, v: &Value) -> Option<Value> {
        let cls = self.type_of(v);
        let f = self.lookup_in_mro(&cls, "__repr__")?;
        let base = self.lookup_in_mro(&self.types.object, "__repr__");
        match base {
            Some(b) if b.is(&f) => None,
            _ => Some(f),
        }
    }

    /// The repr of the built-in part of a value (`object.__repr__` and the built-in types').
    pub fn builtin_repr(&mut self, v: &Value) -> PyResult<String> {
        let o = match v {
            Value::None => return Ok("None".into()),
            Value::Bool(true) => return Ok("True".into()),
            Value::Bool(false) => return Ok("False".into()),
            Value::Int(i) => return Ok(i.to_string()),
            Value::Float(f) => return Ok(float_repr(*f)),
            Value::Obj(o) => o.clone(),
        };
        let addr = ObjRef::as_ptr(&o) as usize;
        Ok(match &o.payload {
            Payload::Str(s) => str_repr(s.as_str()),
            Payload::Int(b) => b.to_string(),
            Payload::Float(f) => float_repr(*f),
            Payload::Bytes(b) => bytes_repr(b),
            Payload::Tuple(items) => {
                if items.is_empty() {
                    return Ok("()".into());
                }
                let items = items.to_vec();
                let Some(_guard) = self.repr_enter(addr) else {
                    return Ok("(...)".into());
                };
                let parts = self.repr_all(&items);
                self.repr_leave(addr);
                let parts = parts?;
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Payload::List(items) => {
                let items = items.borrow().clone();
                let Some(_g) = self.repr_enter(addr) else {
                    return Ok("[...]".into());
                };
                let parts = self.repr_all(&items);
                self.repr_leave(addr);
                format!("[{}]", parts?.join(", "))
            }
            Payload::Dict(_) => {
                let items = self.dict_items(&o);
                let Some(_g) = self.repr_enter(addr) else {
                    return Ok("{...}".into());
                };
                let mut parts = Vec::new();
                let mut err = None;
                for (k, val) in items {
                    match (self.repr(&k), self.repr(&val)) {
                        (Ok(a), Ok(b)) => parts.push(format!("{a}: {b}")),
                        (Err(e), _) | (_, Err(e)) => {
                            err = Some(e);
                            break;
                        }
                    }
                }
                self.repr_leave(addr);
                if let Some(e) = err {
                    return Err(e);
                }
                format!("{{{}}}", parts.join(", "))
            }
            Payload::Set(_) | Payload::FrozenSet(_) => {
                let frozen = matches!(&o.payload, Payload::FrozenSet(_));
                let keys: Vec<Value> = self.dict_items(&o).into_iter().map(|(k, _)| k).collect();
                let name = self.type_name(v);
                if keys.is_empty() {
                    return Ok(format!("{name}()"));
                }
                let Some(_g) = self.repr_enter(addr) else {
                    return Ok(format!("{name}(...)"));
                };
                let parts = self.repr_all(&keys);
                self.repr_leave(addr);
                let body = format!("{{{}}}", parts?.join(", "));
                if frozen || o.class.is_some() {
                    format!("{name}({body})")
                } else {
                    body
                }
            }
            Payload::Type(t) => {
                let module = o
                    .dict
                    .as_ref()
                    .and_then(|d| self.dict_get_str(d, "__module__"));
                match module.as_ref().and_then(|m| m.as_str()) {
                    Some(m) if m != "builtins" => {
                        format!("<class '{m}.{}'>", t.qualname.borrow())
                    }
                    _ => format!("<class '{}'>", t.qualname.borrow()),
                }
            }
            Payload::Function(f) => format!("<function {} at {:#x}>", f.qualname.borrow(), addr),
            Payload::NativeFunction(nf) => match &nf.names.owner {
                Some(owner) if nf.is_method => {
                    format!("<method '{}' of '{}' objects>", nf.name(), owner)
                }
                _ => format!("<built-in function {}>", nf.name()),
            },
            Payload::BoundMethod { receiver, func } => {
                let receiver = receiver.clone();
                let func = func.clone();
                match func.payload() {
                    Some(Payload::NativeFunction(nf)) => {
                        let name = nf.name().to_owned();
                        let tn = self.type_name(&receiver);
                        match receiver.as_obj() {
                            Some(r) => format!(
                                "<built-in method {name} of {tn} object at {:#x}>",
                                ObjRef::as_ptr(r) as usize
                            ),
                            None => format!("<built-in method {name} of {tn} object>"),
                        }
                    }
                    _ => {
                        let qn = match func.payload() {
                            Some(Payload::Function(f)) => f.qualname.borrow().to_string(),
                            _ => "?".into(),
                        };
                        let r = self.repr(&receiver)?;
                        format!("<bound method {qn} of {r}>")
                    }
                }
            }
            Payload::Module { name } => format!("<module '{name}'>"),
            Payload::Cell(_) => format!("<cell at {addr:#x}>"),
            Payload::Code(c) => format!(
                "<code object {} at {addr:#x}, file \"{}\", line {}>",
                c.name, c.filename, c.first_line
            ),
            Payload::Generator(g) => {
                format!(
                    "<{} object {} at {addr:#x}>",
                    g.kind().noun().replace(' ', "_"),
                    g.qualname()
                )
            }
            Payload::Exception(e) => {
                let args = e.borrow().args.clone();
                let name = self.class_name(&self.type_of(v));
                let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                let parts = self.repr_all(&items)?;
                format!("{name}({})", parts.join(", "))
            }
            Payload::Range { start, stop, step } => {
                if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            Payload::Slice { start, stop, step } => {
                let (a, b, c) = (start.clone(), stop.clone(), step.clone());
                format!(
                    "slice({}, {}, {})",
                    self.repr(&a)?,
                    self.repr(&b)?,
                    self.repr(&c)?
                )
            }
            Payload::DictView { dict, kind } => {
                let items = self.dict_items(dict);
                let vals: Vec<Value> = items
                    .into_iter()
                    .map(|(k, val)| match kind {
                        super::object::ViewKind::Keys => k,
                        super::object::ViewKind::Values => val,
                        super::object::ViewKind::Items => Value::tuple(vec![k, val]),
                    })
                    .collect();
                let parts = self.repr_all(&vals)?;
                format!("{}([{}])", self.type_name(v), parts.join(", "))
            }
            Payload::NotImplemented => "NotImplemented".into(),
            Payload::Ellipsis => "Ellipsis".into(),
            Payload::Super {
                this_class,
                obj_type,
                ..
            } => format!(
                "<super: <class '{}'>, <{} object>>",
                self.class_name(this_class),
                self.class_name(obj_type)
            ),
            Payload::Native(_) if self.native_repr(v).is_some() => {
                let Some(f) = self.native_repr(v) else {
                    unreachable!("checked by the guard")
                };
                let r = self.call_bound_dunder(&f, v, vec![])?;
                match r.as_str() {
                    Some(s) => s.to_string(),
                    None => {
                        return Err(self.new_type_error(format!(
                            "__repr__ returned non-string (type {})",
                            self.type_name(&r)
                        )));
                    }
                }
            }
            _ => {
                let cls = self.type_of(v);
                let module = cls
                    .dict
                    .as_ref()
                    .and_then(|d| self.dict_get_str(d, "__module__"));
                let qn = cls
                    .as_type()
                    .map(|t| t.qualname.borrow().to_string())
                    .unwrap_or_default();
                match module.as_ref().and_then(|m| m.as_str()) {
                    Some(m) if m != "builtins" => format!("<{m}.{qn} object at {addr:#x}>"),
                    _ => format!("<{qn} object at {addr:#x}>"),
                }
            }
        })
    }

    fn repr_all(&mut self, items: &[Value]) -> PyResult<Vec<String>> {
        items.iter().map(|i| self.repr(i)).collect()
    }

    /// Guards against infinite recursion in container reprs (`[...]`).
    fn repr_enter(&mut self, addr: usize) -> Option<()> {
        if self.repr_stack.contains(&addr) {
            return None;
        }
        self.repr_stack.push(addr);
        Some(())
    }

    fn repr_leave(&mut self, addr: usize) {
        if let Some(i) = self.repr_stack.iter().rposition(|a| *a == addr) {
            self.repr_stack.remove(i);
        }
    }

    /// `str(v)`.
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        if let Some(s) = v.as_str()
            && !self.has_user_class(v)
        {
            return Ok(s.to_string());
        }
        if let Some(f) = self.user_dunder(v, "__str__") {
            let r = self.call_bound_dunder(&f, v, vec![])?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(self.new_type_error(format!(
                    "__str__ returned non-string (type {})",
                    self.type_name(&r)
                ))),
            };
        }
        self.builtin_str(v)
    }

    /// `object.__str__` and the built-in types' `__str__`.
    pub fn builtin_str(&mut self, v: &Value) -> PyResult<String> {
        match v.payload() {
            Some(Payload::Str(s)) => Ok(s.as_str().to_string()),
            Some(Payload::Exception(e)) => {
                if let Some(r) = crate::builtins::exceptions::group_str(self, v) {
                    return r;
                }
                let args = e.borrow().args.clone();
                let cls = self.type_of(v);
                if let Some(r) = crate::builtins::exception_fields::fields_str(self, v, &cls) {
                    return r;
                }
                // exceptions.c OSError_str: from the errno, strerror, filename and filename2
                // attributes (a filename is no longer in `args`).
                if self.is_subclass(&cls, &self.exc.os_error.clone())
                    && let Some(d) = v.as_obj().and_then(|o| o.dict.clone())
                {
                    let field = |name: &str| self.dict_get_str(&d, name).unwrap_or(Value::None);
                    let (errno, strerror) = (field("errno"), field("strerror"));
                    let (filename, filename2) = (field("filename"), field("filename2"));
                    if !filename.is_none() {
                        let (errno, strerror) = (self.str(&errno)?, self.str(&strerror)?);
                        let filename = self.repr(&filename)?;
                        return Ok(if filename2.is_none() {
                            format!("[Errno {errno}] {strerror}: {filename}")
                        } else {
                            let filename2 = self.repr(&filename2)?;
                            format!("[Errno {errno}] {strerror}: {filename} -> {filename2}")
                        });
                    }
                    if !errno.is_none() && !strerror.is_none() {
                        let (errno, strerror) = (self.str(&errno)?, self.str(&strerror)?);
                        return Ok(format!("[Errno {errno}] {strerror}"));
                    }
                }
                match args.as_tuple() {
                    Some([]) | None => Ok(String::new()),
                    Some([one]) => {
                        let one = one.clone();
                        if self.is_subclass(&cls, &self.exc.key_error.clone()) {
                            self.repr(&one)
                        } else {
                            self.str(&one)
                        }
                    }
                    Some(_) => self.repr(&args),
                }
            }
            _ => self.repr(v),
        }
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::None => return Ok(0x4d2f8a1),
            Value::Bool(b) => return Ok(*b as i64),
            Value::Int(i) => return Ok(hashing::hash_i64(*i)),
            Value::Float(f) => return Ok(hashing::hash_f64(*f)),
            Value::Obj(o) => {
                if let (None, Payload::Str(s)) = (&o.class, &o.payload) {
                    return Ok(s.hash());
                }
            }
        }
        if self.has_user_class(v) {
            let cls = self.type_of(v);
            match self.lookup_in_mro(&cls, "__hash__") {
                Some(Value::None) => {
                    return Err(
                        self.new_type_error(format!("unhashable type: '{}'", self.type_name(v)))
                    );
                }
                Some(f) if !matches!(f.payload(), Some(Payload::NativeFunction(_))) => {
                    let r = self.call_bound_dunder(&f, v, vec![])?;
                    return match Num::of(&r) {
                        // As slot_tp_hash: a result that fits is the hash itself (-1
                        // reserved), a bigger one is hashed.
                        Some(Num::Small(i)) => Ok(if i == -1 { -2 } else { i }),
                        Some(Num::Big(b)) => Ok(hashing::hash_bigint(&b)),
                        _ => Err(self.new_type_error("__hash__ method should return an integer")),
                    };
                }
                _ => {}
            }
        }
        self.builtin_hash(v)
    }

    /// `object.__hash__` and the built-in types' hashes.
    pub fn builtin_hash(&mut self, v: &Value) -> PyResult<i64> {
        let Value::Obj(o) = v else {
            return self.hash(v);
        };
        match &o.payload {
            Payload::Str(s) => Ok(s.hash()),
            Payload::Int(b) => Ok(hashing::hash_bigint(b)),
            Payload::Float(f) => Ok(hashing::hash_f64(*f)),
            Payload::Bytes(b) => Ok(hashing::hash_bytes(b)),
            Payload::Tuple(items) => {
                let items = items.to_vec();
                let mut hs = Vec::with_capacity(items.len());
                for i in &items {
                    hs.push(self.hash(i)?);
                }
                Ok(hashing::hash_tuple(&hs))
            }
            Payload::FrozenSet(t) => Ok(t.borrow().frozenset_hash()),
            Payload::List(_) | Payload::Dict(_) | Payload::Set(_) | Payload::Slice { .. } => {
                Err(self.new_type_error(format!("unhashable type: '{}'", self.type_name(v))))
            }
            _ => Ok(((ObjRef::as_ptr(o) as usize) >> 4) as i64),
        }
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) && !matches!(a, Value::Float(_)) {
            return Ok(true);
        }
        let r = self.compare(a, b, CmpOp::Eq)?;
        self.truthy(&r)
    }

    /// A rich comparison returning the result object (`a < b`, ...).
    pub fn compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        if is_builtin_exact(a) && is_builtin_exact(b) {
            if let Some(r) = self.native_compare(a, b, op)? {
                return Ok(Value::Bool(r));
            }
            return self.compare_fallback(a, b, op);
        }
        let (name, _) = cmp_names(op);
        let (rname, _) = cmp_names(swapped(op));
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let mut tried_reflected = false;
        if !ObjRef::ptr_eq(&ta, &tb)
            && self.is_subclass(&tb, &ta)
            && let Some(f) = self.lookup_in_mro(&tb, rname)
        {
            tried_reflected = true;
            let r = self.call_cmp_method(&f, b, a, swapped(op))?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        if let Some(f) = self.lookup_in_mro(&ta, name) {
            let r = self.call_cmp_method(&f, a, b, op)?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        if !tried_reflected && let Some(f) = self.lookup_in_mro(&tb, rname) {
            let r = self.call_cmp_method(&f, b, a, swapped(op))?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        self.compare_fallback(a, b, op)
    }

    fn call_cmp_method(&mut self, f: &Value, x: &Value, y: &Value, _op: CmpOp) -> PyResult<Value> {
        if f.is_none() {
            return Ok(self.not_implemented.clone());
        }
        self.call_binary_dunder(f, x, y)
    }

    fn compare_fallback(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        match op {
            CmpOp::Eq => Ok(Value::Bool(a.is(b))),
            CmpOp::NotEq => Ok(Value::Bool(!a.is(b))),
            _ => {
                let (_, sym) = cmp_names(op);
                Err(self.new_type_error(format!(
                    "'{sym}' not supported between instances of '{}' and '{}'",
                    self.type_name(a),
                    self.type_name(b)
                )))
            }
        }
    }

    /// Comparison of the built-in parts of two values; Ok(None) = NotImplemented.
    pub fn native_compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
        if let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) {
            return Ok(Some(num_compare(&x, &y, op)));
        }
        let (Value::Obj(oa), Value::Obj(ob)) = (a, b) else {
            return Ok(match op {
                CmpOp::Eq => {
                    if a.is(b) {
                        Some(true)
                    } else {
                        None
                    }
                }
                CmpOp::NotEq => {
                    if a.is(b) {
                        Some(false)
                    } else {
                        None
                    }
                }
                _ => None,
            });
        };
        match (&oa.payload, &ob.payload) {
            (Payload::Str(x), Payload::Str(y)) => {
                Ok(Some(ord_result(op, x.as_str().cmp(y.as_str()))))
            }
            (Payload::Bytes(x), Payload::Bytes(y)) => Ok(Some(ord_result(op, x.cmp(y)))),
            (Payload::Tuple(x), Payload::Tuple(y)) => {
                let (x, y) = (x.to_vec(), y.to_vec());
                self.sequence_compare(&x, &y, op).map(Some)
            }
            (Payload::List(x), Payload::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.sequence_compare(&x, &y, op).map(Some)
            }
            (Payload::Dict(_), Payload::Dict(_)) => match op {
                CmpOp::Eq | CmpOp::NotEq => {
                    let eq = self.dict_equal(oa, ob)?;
                    Ok(Some(if op == CmpOp::Eq { eq } else { !eq }))
                }
                _ => Ok(None),
            },
            (Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => {
                let a_in_b = self.set_is_subset(oa, ob)?;
                let b_in_a = self.set_is_subset(ob, oa)?;
                Ok(Some(match op {
                    CmpOp::Eq => a_in_b && b_in_a,
                    CmpOp::NotEq => !(a_in_b && b_in_a),
                    CmpOp::LtE => a_in_b,
                    CmpOp::Lt => a_in_b && !b_in_a,
                    CmpOp::GtE => b_in_a,
                    CmpOp::Gt => b_in_a && !a_in_b,
                    _ => false,
                }))
            }
            (Payload::DictView { kind, .. }, Payload::Set(_) | Payload::FrozenSet(_))
            | (Payload::Set(_) | Payload::FrozenSet(_), Payload::DictView { kind, .. })
                if *kind != super::object::ViewKind::Values =>
            {
                // Mirrors dictview_richcompare: compared as sets.
                let as_set = |vm: &mut Vm, v: &Value| -> PyResult<ObjRef> {
                    let t = std::cell::RefCell::new(super::dict::DictTable::new_set());
                    vm.set_update(&t, v)?;
                    Ok(super::object::Obj::new(Payload::Set(t)))
                };
                let (x, y) = (as_set(self, a)?, as_set(self, b)?);
                self.native_compare(&Value::Obj(x), &Value::Obj(y), op)
            }
            (Payload::Range { .. }, Payload::Range { .. })
                if matches!(op, CmpOp::Eq | CmpOp::NotEq) =>
            {
                let x = self.collect(a)?;
                let y = self.collect(b)?;
                let eq = self.sequence_compare(&x, &y, CmpOp::Eq)?;
                Ok(Some(if op == CmpOp::Eq { eq } else { !eq }))
            }
            (
                Payload::DictView { dict: da, kind: ka },
                Payload::DictView { dict: db, kind: kb },
            ) if ka == kb
                && *ka != super::object::ViewKind::Values
                && matches!(op, CmpOp::Eq | CmpOp::NotEq) =>
            {
                let eq = if *ka == super::object::ViewKind::Keys {
                    let (da, db) = (da.clone(), db.clone());
                    self.set_is_subset(&da, &db)? && self.set_is_subset(&db, &da)?
                } else {
                    let (da, db) = (da.clone(), db.clone());
                    self.dict_equal(&da, &db)?
                };
                Ok(Some(if op == CmpOp::Eq { eq } else { !eq }))
            }
            _ => Ok(match op {
                CmpOp::Eq if a.is(b) => Some(true),
                CmpOp::NotEq if a.is(b) => Some(false),
                _ => None,
            }),
        }
    }

    /// Lexicographic comparison of two sequences (mirrors list_richcompare).
    fn sequence_compare(&mut self, x: &[Value], y: &[Value], op: CmpOp) -> PyResult<bool> {
        if matches!(op, CmpOp::Eq | CmpOp::NotEq) && x.len() != y.len() {
            return Ok(op == CmpOp::NotEq);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq(p, q)? {
                if op == CmpOp::Eq {
                    return Ok(false);
                }
                if op == CmpOp::NotEq {
                    return Ok(true);
                }
                let r = self.compare(p, q, op)?;
                return self.truthy(&r);
            }
        }
        Ok(ord_result(op, x.len().cmp(&y.len())))
    }

    fn dict_equal(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        let ia = self.dict_items(a);
        if ia.len() != self.dict_items(b).len() {
            return Ok(false);
        }
        for (k, v) in ia {
            match self.dict_get(b, &k)? {
                Some(w) => {
                    if !self.eq(&v, &w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// True if every key of set/dict `a` is in `b`.
    pub fn set_is_subset(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        let keys = self.dict_items(a);
        let table = match &b.payload {
            Payload::Set(t) | Payload::FrozenSet(t) | Payload::Dict(t) => t,
            _ => return Ok(false),
        };
        for (k, _) in keys {
            if !self.table_contains(table, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a op b` with full dunder dispatch.
    pub fn binary_op(&mut self, a: &Value, b: &Value, op: Operator) -> PyResult<Value> {
        self.binary_op_for(a, b, op, false)
    }

    /// `binary_op`, or the fallback of an augmented assignment (`inplace`: its TypeError
    /// names the operator as `+=`).
    fn binary_op_for(
        &mut self,
        a: &Value,
        b: &Value,
        op: Operator,
        inplace: bool,
    ) -> PyResult<Value> {
        if let Some(v) = fast_numeric_binop(a, b, op) {
            return Ok(v);
        }
        if op == Operator::Add
            && let Some(v) = super::strings::concat(a, b)
        {
            return Ok(v);
        }
        if is_builtin_exact(a) && is_builtin_exact(b) {
            if let Some(v) = self.native_binop(a, b, op)? {
                return Ok(v);
            }
            return Err(self.binop_type_error(a, b, op, inplace));
        }
        let (name, rname, _, sym) = op_names(op);
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let fa = self.lookup_in_mro(&ta, name);
        let mut fb = if ObjRef::ptr_eq(&ta, &tb) {
            None
        } else {
            self.lookup_in_mro(&tb, rname)
        };
        if let Some(f) = fb.clone()
            && self.is_subclass(&tb, &ta)
        {
            let r = self.call_binop_method(&f, b, a)?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
            fb = None;
        }
        if let Some(f) = fa {
            let r = self.call_binop_method(&f, a, b)?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        if let Some(f) = fb {
            let r = self.call_binop_method(&f, b, a)?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        let _ = sym;
        // Mirrors sequence_repeat in abstract.c: a user object with `__index__` repeats.
        if op == Operator::Mult {
            let is_seq = |v: &Value| {
                matches!(
                    v.payload(),
                    Some(
                        Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_)
                    )
                )
            };
            let (seq, count) = if is_seq(a) { (a, b) } else { (b, a) };
            if is_seq(seq) && self.user_dunder(count, "__index__").is_some() {
                let n = self.index_value(count)?;
                return self.binary_op_for(seq, &Value::Int(n), op, inplace);
            }
        }
        Err(self.binop_type_error(a, b, op, inplace))
    }

    /// The TypeError for an unsupported binary operation, with CPython's special wording
    /// for sequence concatenation and repetition (`inplace`: an augmented assignment's,
    /// whose operator reads `+=`, `**=`, ...).
    fn binop_type_error(&self, a: &Value, b: &Value, op: Operator, inplace: bool) -> ObjRef {
        let is_seq = |v: &Value| {
            matches!(
                v.payload(),
                Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_))
            )
        };
        if op == Operator::Add && is_seq(a) {
            let ta = self.type_name(a);
            return self.new_type_error(format!(
                "can only concatenate {ta} (not \"{}\") to {ta}",
                self.type_name(b)
            ));
        }
        if op == Operator::Mult && (is_seq(a) || is_seq(b)) {
            let other = if is_seq(a) { b } else { a };
            return self.new_type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                self.type_name(other)
            ));
        }
        let (_, _, _, sym) = op_names(op);
        if inplace {
            let sym = if op == Operator::Pow { "**" } else { sym };
            return self.unsupported_operands(&format!("{sym}="), a, b);
        }
        self.unsupported_operands(sym, a, b)
    }

    fn call_binop_method(&mut self, f: &Value, x: &Value, y: &Value) -> PyResult<Value> {
        if f.is_none() {
            return Ok(self.not_implemented.clone());
        }
        self.call_bound_dunder(f, x, vec![y.clone()])
    }

    /// `a op= b`: tries `__iop__`, then the binary operator.
    pub fn inplace_op(&mut self, a: &Value, b: &Value, op: Operator) -> PyResult<Value> {
        if let (Some(Payload::List(items)), Operator::Add) = (a.payload(), op)
            && a.as_obj().is_some_and(|o| o.class.is_none())
        {
            let extra = self.collect(b)?;
            items.borrow_mut().extend(extra);
            return Ok(a.clone());
        }
        if !is_builtin_exact(a) {
            let (_, _, iname, _) = op_names(op);
            let ta = self.type_of(a);
            if let Some(f) = self.lookup_in_mro(&ta, iname) {
                let r = self.call_binop_method(&f, a, b)?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
        }
        self.binary_op_for(a, b, op, true)
    }

    /// Unary `-`, `+`, `~`.
    pub fn unary_op(&mut self, v: &Value, op: crate::ast::UnaryOp) -> PyResult<Value> {
        use crate::ast::UnaryOp;
        let (name, sym) = match op {
            UnaryOp::USub => ("__neg__", "-"),
            UnaryOp::UAdd => ("__pos__", "+"),
            UnaryOp::Invert => ("__invert__", "~"),
            UnaryOp::Not => return Ok(Value::Bool(!self.truthy(v)?)),
        };
        if let Some(f) = self.user_dunder(v, name) {
            return self.call_bound_dunder(&f, v, vec![]);
        }
        match (Num::of(v), op) {
            (Some(Num::Small(i)), UnaryOp::USub) => Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::bigint(-num_bigint::BigInt::from(i)),
            }),
            (Some(Num::Big(b)), UnaryOp::USub) => Ok(Value::bigint(-b)),
            (Some(Num::Float(f)), UnaryOp::USub) => Ok(Value::Float(-f)),
            (Some(Num::Small(i)), UnaryOp::UAdd) => Ok(Value::Int(i)),
            (Some(Num::Big(b)), UnaryOp::UAdd) => Ok(Value::bigint(b)),
            (Some(Num::Float(f)), UnaryOp::UAdd) => Ok(Value::Float(f)),
            (Some(Num::Small(i)), UnaryOp::Invert) => Ok(Value::Int(!i)),
            (Some(Num::Big(b)), UnaryOp::Invert) => Ok(Value::bigint(-b - 1)),
            _ => Err(self.new_type_error(format!(
                "bad operand type for unary {sym}: '{}'",
                self.type_name(v)
            ))),
        }
    }
}

/// Compares two numbers exactly (int vs float without precision loss for common cases).
pub fn num_compare(x: &Num, y: &Num, op: CmpOp) -> bool {
    use num_bigint::BigInt;
    use num_traits::ToPrimitive;
    let ord = match (x, y) {
        (Num::Small(a), Num::Small(b)) => a.cmp(b),
        (Num::Float(a), Num::Float(b)) => match a.partial_cmp(b) {
            Some(o) => o,
            None => return op == CmpOp::NotEq,
        },
        (Num::Float(f), other) | (other, Num::Float(f)) => {
            let flip = matches!(x, Num::Float(_));
            if f.is_nan() {
                return op == CmpOp::NotEq;
            }
            let o = match other {
                Num::Small(i) => (*i as f64)
                    .partial_cmp(f)
                    .unwrap_or(std::cmp::Ordering::Equal),
                Num::Big(b) => b
                    .to_f64()
                    .unwrap_or(if num_traits::Signed::is_negative(b) {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    })
                    .partial_cmp(f)
                    .unwrap_or(std::cmp::Ordering::Equal),
                Num::Float(_) => unreachable!("both floats handled above"),
            };
            if flip { o.reverse() } else { o }
        }
        _ => {
            let to_big = |n: &Num| match n {
                Num::Small(i) => BigInt::from(*i),
                Num::Big(b) => b.clone(),
                Num::Float(_) => BigInt::from(0),
            };
            to_big(x).cmp(&to_big(y))
        }
    };
    ord_result(op, ord)
}
