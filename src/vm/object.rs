//! `Obj`: the heap object behind `Value::Obj`, and the payloads of the built-in kinds.

use super::dict::DictTable;
use super::generator::Generator;
use super::native::NativeFunction;
use super::value::{ObjRef, Value};
use crate::bytecode::Code;
use num_bigint::BigInt;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A heap object: an optional explicit class, an optional instance `__dict__`, and a payload.
pub struct Obj {
    /// The class; `None` means "the built-in type implied by the payload" (see
    /// `Vm::type_of`), which is how `str`, `list`, `type` ... objects are made without a VM.
    pub class: Option<ObjRef>,
    /// The instance `__dict__` (a dict object), for instances of user classes, functions,
    /// modules and types.
    pub dict: Option<ObjRef>,
    /// The built-in data of the object.
    pub payload: Payload,
}

impl Obj {
    /// A new object of the payload's built-in type, without a `__dict__`.
    pub fn new(payload: Payload) -> ObjRef {
        ObjRef::new(Obj {
            class: None,
            dict: None,
            payload,
        })
    }

    /// A new object with an explicit class and optional dict.
    pub fn with_class(class: ObjRef, dict: Option<ObjRef>, payload: Payload) -> ObjRef {
        ObjRef::new(Obj {
            class: Some(class),
            dict,
            payload,
        })
    }

    /// The type data if this object is a class.
    pub fn as_type(&self) -> Option<&TypeData> {
        match &self.payload {
            Payload::Type(t) => Some(t),
            _ => None,
        }
    }

    /// The dict table if this object is a dict (or dict subclass instance).
    pub fn as_dict(&self) -> Option<&RefCell<DictTable>> {
        match &self.payload {
            Payload::Dict(d) => Some(d),
            _ => None,
        }
    }

    /// Downcasts the Rust state of a native-class instance.
    pub fn native<T: 'static>(&self) -> Option<&T> {
        match &self.payload {
            Payload::Native(NativeState::Future(f)) => (f as &dyn Any).downcast_ref::<T>(),
            Payload::Native(NativeState::Boxed(n)) => n.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }

    /// Calls `visit` on every value this object references (for the cycle collector).
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(c) = &self.class {
            visit(&Value::Obj(c.clone()));
        }
        if let Some(d) = &self.dict {
            visit(&Value::Obj(d.clone()));
        }
        self.payload.trace(visit);
    }
}

/// The longest text (in UTF-8 bytes) a `str` keeps inside its object instead of in a
/// second allocation.
pub const STR_INLINE_CAP: usize = 30;

/// Where a `str`'s bytes live: inside the object when short, else in one boxed slice.
enum StrData {
    /// Short text stored in place; `bytes[..len]` is valid UTF-8.
    Inline {
        /// Number of used bytes (at most `STR_INLINE_CAP`).
        len: u8,
        /// The text, padded with zeros.
        bytes: [u8; STR_INLINE_CAP],
    },
    /// Longer text in its own allocation.
    Heap(Box<str>),
}

/// Copies `src` into `dst[at..]` (the caller has checked it fits) with fixed-size moves, two
/// overlapping ones per size band, instead of a call to `memcpy`: inline strs are at most
/// 30 bytes, and the call cost ~3% of the instructions of the strings benchmark.
#[inline(always)]
pub fn copy_short(dst: &mut [u8; STR_INLINE_CAP], at: usize, src: &[u8]) {
    let n = src.len();
    let Some(d) = dst.get_mut(at..at + n) else {
        return;
    };
    if n >= 16 {
        d[..16].copy_from_slice(&src[..16]);
        d[n - 16..].copy_from_slice(&src[n - 16..]);
    } else if n >= 8 {
        d[..8].copy_from_slice(&src[..8]);
        d[n - 8..].copy_from_slice(&src[n - 8..]);
    } else if n >= 4 {
        d[..4].copy_from_slice(&src[..4]);
        d[n - 4..].copy_from_slice(&src[n - 4..]);
    } else if n >= 2 {
        d[..2].copy_from_slice(&src[..2]);
        d[n - 2..].copy_from_slice(&src[n - 2..]);
    } else if n == 1 {
        d[0] = src[0];
    }
}

/// A `str`: the text plus whether it is pure ASCII (so char indexing is byte indexing).
///
/// Short texts live inside the object (one allocation per string, as CPython's compact
/// strings); the hash is cached on first use, as in CPython's `ob_shash`.
pub struct PyStr {
    /// Cached hash, or -1 before it is computed (a str hash is never -1, as in CPython).
    hash: Cell<i64>,
    /// The UTF-8 text.
    data: StrData,
    /// True when every char is ASCII.
    pub ascii: bool,
}

impl PyStr {
    /// Wraps a borrowed string.
    pub fn new(s: &str) -> PyStr {
        let data = if s.len() <= STR_INLINE_CAP {
            let mut bytes = [0u8; STR_INLINE_CAP];
            copy_short(&mut bytes, 0, s.as_bytes());
            StrData::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            StrData::Heap(Box::from(s))
        };
        PyStr {
            hash: Cell::new(-1),
            data,
            ascii: s.is_ascii(),
        }
    }
    /// Wraps an owned string (kept in place when long, so no copy is made).
    pub fn from_string(s: String) -> PyStr {
        if s.len() <= STR_INLINE_CAP {
            return PyStr::new(&s);
        }
        let ascii = s.is_ascii();
        PyStr {
            hash: Cell::new(-1),
            data: StrData::Heap(s.into_boxed_str()),
            ascii,
        }
    }
    /// The concatenation of `pieces`, sized once and built in place when short.
    pub fn from_pieces<'a>(pieces: impl Iterator<Item = &'a str> + Clone) -> PyStr {
        let total: usize = pieces.clone().map(str::len).sum();
        if total > STR_INLINE_CAP {
            let mut text = String::with_capacity(total);
            pieces.for_each(|p| text.push_str(p));
            return PyStr::from_string(text);
        }
        let mut bytes = [0u8; STR_INLINE_CAP];
        let mut at = 0;
        for p in pieces {
            copy_short(&mut bytes, at, p.as_bytes());
            at += p.len();
        }
        PyStr {
            hash: Cell::new(-1),
            ascii: bytes[..total].is_ascii(),
            data: StrData::Inline {
                len: total as u8,
                bytes,
            },
        }
    }
    /// `a + b`, inline when short; whether it is ASCII follows from the operands (no scan).
    pub fn concat(a: &PyStr, b: &PyStr) -> PyStr {
        let (x, y) = (a.as_str().as_bytes(), b.as_str().as_bytes());
        let total = x.len() + y.len();
        if total > STR_INLINE_CAP {
            let mut text = String::with_capacity(total);
            text.push_str(a.as_str());
            text.push_str(b.as_str());
            return PyStr {
                hash: Cell::new(-1),
                data: StrData::Heap(text.into_boxed_str()),
                ascii: a.ascii && b.ascii,
            };
        }
        let mut bytes = [0u8; STR_INLINE_CAP];
        copy_short(&mut bytes, 0, x);
        copy_short(&mut bytes, x.len(), y);
        PyStr {
            hash: Cell::new(-1),
            ascii: a.ascii && b.ascii,
            data: StrData::Inline {
                len: total as u8,
                bytes,
            },
        }
    }
    /// Wraps ASCII bytes without UTF-8 validation (None if a byte is not ASCII).
    pub fn from_ascii(text: &[u8]) -> Option<PyStr> {
        if !text.is_ascii() {
            return None;
        }
        if text.len() > STR_INLINE_CAP {
            return String::from_utf8(text.to_vec())
                .ok()
                .map(PyStr::from_string);
        }
        let mut bytes = [0u8; STR_INLINE_CAP];
        copy_short(&mut bytes, 0, text);
        Some(PyStr {
            hash: Cell::new(-1),
            ascii: true,
            data: StrData::Inline {
                len: text.len() as u8,
                bytes,
            },
        })
    }
    /// Wraps a shared string (copying it).
    pub fn from_rc(text: Rc<str>) -> PyStr {
        PyStr::new(&text)
    }
    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.data {
            StrData::Inline { len, bytes } => {
                let used = &bytes[..*len as usize];
                // SAFETY: `bytes[..len]` is filled once, at construction, with whole `&str`s
                // or checked-ASCII bytes, and never mutated, so it is valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(used) }
            }
            StrData::Heap(text) => text,
        }
    }
    /// True when both hold the same text: two inline texts (zero-padded) compare as fixed
    /// arrays, without slicing either.
    #[inline(always)]
    pub fn same_text_as(&self, other: &PyStr) -> bool {
        match (&self.data, &other.data) {
            (StrData::Inline { len: a, bytes: x }, StrData::Inline { len: b, bytes: y }) => {
                a == b && x == y
            }
            _ => super::attr_cache::same_text(self.as_str().as_bytes(), other.as_str().as_bytes()),
        }
    }
    /// True for the empty str.
    #[inline]
    pub fn is_empty(&self) -> bool {
        match &self.data {
            StrData::Inline { len, .. } => *len == 0,
            StrData::Heap(text) => text.is_empty(),
        }
    }
    /// Length in code points.
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.as_str().len()
        } else {
            self.as_str().chars().count()
        }
    }
    /// The cached hash, if it was computed.
    #[inline]
    pub fn cached_hash(&self) -> Option<i64> {
        let h = self.hash.get();
        (h != -1).then_some(h)
    }
    /// The hash (mirrors unicode_hash: computed once, then cached).
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = if self.ascii {
            super::hashing::hash_bytes(self.as_str().as_bytes())
        } else {
            super::hashing::hash_str_uncached(self.as_str())
        };
        self.hash.set(h);
        h
    }
}

/// Rust state carried by instances of native classes (Future, Task, deque ...).
pub trait NativeObject: Any {
    /// Calls `visit` on every Python value the state references.
    fn trace(&self, visit: &mut dyn FnMut(&Value));
    /// Upcast for downcasting with `Obj::native`.
    fn as_any(&self) -> &dyn Any;
    /// Resumes the object as the delegate of an `await` / `yield from` (SEND) without a
    /// method call; `None` (the default) means "call `__next__` / `send`".
    fn native_send(
        &self,
        _vm: &mut super::Vm,
        _me: &ObjRef,
        _value: &Value,
    ) -> Option<super::PyResult<super::generator::SendResult>> {
        None
    }
    /// The object's truth value when it is a plain function of its Rust state (a container's
    /// emptiness): `bool(obj)` without looking up and calling `__bool__`. Only for classes
    /// whose `__bool__`/`__len__` give exactly this (a Python subclass overriding them is
    /// asked first, see `Vm::truthy`). None (the default): call them.
    fn native_bool(&self) -> Option<bool> {
        None
    }
    /// Steps the object as an iterator without looking up and calling its `__next__` (native
    /// iterator classes: itertools): Some(Ok(None)) when exhausted; None (the default) means
    /// "call `__next__`".
    fn native_next(
        &self,
        _vm: &mut super::Vm,
        _me: &ObjRef,
    ) -> Option<super::PyResult<Option<Value>>> {
        None
    }
    /// True when `await obj` may drive the object itself through `native_send` instead of
    /// calling `__await__` (which must then return an equivalent iterator).
    fn awaits_itself(&self) -> bool {
        false
    }
    /// For an awaitable whose whole state is which object it is (asyncio's `_sleep0`): the
    /// object that takes its place as the receiver once a SEND into it has yielded.
    fn send_successor(&self) -> Option<Value> {
        None
    }
}

/// The Rust state of a native-class instance: boxed, or, for an asyncio Future or Task
/// (100k suspended tasks are 100k of them), inside the object itself, which saves the box
/// (64 bytes and an allocation per future). Dereferences to the state as a `NativeObject`.
pub enum NativeState {
    /// Any native state, in its own box.
    Boxed(Box<dyn NativeObject>),
    /// The state of a Future or Task (or of an instance of a Python subclass), in place.
    Future(crate::modules::asyncio_module::future::FutureObj),
}

impl NativeState {
    /// `state` in its own box.
    #[inline]
    pub fn boxed<T: NativeObject>(state: T) -> NativeState {
        NativeState::Boxed(Box::new(state))
    }
}

impl std::ops::Deref for NativeState {
    type Target = dyn NativeObject;
    #[inline]
    fn deref(&self) -> &(dyn NativeObject + 'static) {
        match self {
            NativeState::Boxed(b) => &**b,
            NativeState::Future(f) => f,
        }
    }
}

/// A property's deleter and `doc` argument: one word, boxed only when either is not None.
#[derive(Default)]
pub struct PropertyMore(Option<Box<(Value, Value)>>);

impl PropertyMore {
    /// The deleter `fdel` and docstring `doc` (None when not passed).
    pub fn new(fdel: Value, doc: Value) -> PropertyMore {
        if fdel.is_none() && doc.is_none() {
            PropertyMore(None)
        } else {
            PropertyMore(Some(Box::new((fdel, doc))))
        }
    }
    /// The deleter (None when there is none).
    pub fn fdel(&self) -> Value {
        self.0.as_ref().map_or(Value::None, |m| m.0.clone())
    }
    /// The docstring passed to `property()` (None when not passed).
    pub fn doc(&self) -> Value {
        self.0.as_ref().map_or(Value::None, |m| m.1.clone())
    }
}

/// The built-in data of an object.
///
/// `repr(u8)`: a tag byte of its own. Without it the compiler stores the tag in the spare
/// values of a variant's own tag (`NativeState`'s) once the payload has no spare room, and
/// every match on a payload then decodes the niche (a subtract and a range check): ~0.5-0.8%
/// more instructions across the interpreter, measured with callgrind.
#[repr(u8)]
pub enum Payload {
    /// A plain instance (`object()`, user class instances): everything lives in the dict.
    Object,
    /// A `str`.
    Str(PyStr),
    /// An int too large for i64, or an instance of an int subclass.
    Int(BigInt),
    /// An instance of a float subclass.
    Float(f64),
    /// A `bytes`.
    Bytes(Box<[u8]>),
    /// A `tuple`.
    Tuple(Box<[Value]>),
    /// A `list`.
    List(RefCell<Vec<Value>>),
    /// A `dict`.
    Dict(RefCell<DictTable>),
    /// A `set`.
    Set(RefCell<DictTable>),
    /// A `frozenset`.
    FrozenSet(RefCell<DictTable>),
    /// A class.
    Type(Box<TypeData>),
    /// A Python function.
    Function(Box<Function>),
    /// A function written in Rust.
    NativeFunction(NativeFunction),
    /// A method bound to its receiver.
    BoundMethod {
        /// The receiver (`self`).
        receiver: Value,
        /// The function called with `receiver` prepended.
        func: Value,
    },
    /// A module (its namespace is the object's dict).
    Module {
        /// The module name.
        name: Rc<str>,
    },
    /// A closure cell.
    Cell(RefCell<Option<Value>>),
    /// A code object.
    Code(Rc<Code>),
    /// A generator, coroutine or async generator.
    Generator(Generator),
    /// An exception instance (of `BaseException` or a subclass); boxed, as its 88 bytes would
    /// make every object larger.
    Exception(Box<RefCell<ExcData>>),
    /// `range(start, stop, step)`.
    Range {
        /// First value.
        start: i64,
        /// End (exclusive).
        stop: i64,
        /// Step (never 0).
        step: i64,
    },
    /// `slice(start, stop, step)`.
    Slice {
        /// Start or None.
        start: Value,
        /// Stop or None.
        stop: Value,
        /// Step or None.
        step: Value,
    },
    /// A built-in iterator.
    Iterator(RefCell<IterState>),
    /// A dict view: `keys()`, `values()`, `items()`.
    DictView {
        /// The viewed dict.
        dict: ObjRef,
        /// Which view.
        kind: ViewKind,
    },
    /// `property(fget, fset, fdel, doc)`.
    Property {
        /// Getter.
        fget: Value,
        /// Setter.
        fset: Value,
        /// The deleter and the docstring passed to `property()`, boxed when either is set
        /// (rarely), so that the variant fits the 48 bytes every payload keeps to.
        more: PropertyMore,
    },
    /// An instance of a Python subclass of `property`: fget, fset, fdel, the doc passed to
    /// `property.__init__` (which sets these) and the name `__set_name__` gave it.
    PropertySub(Box<RefCell<[Value; 5]>>),
    /// `staticmethod(f)`.
    StaticMethod(Value),
    /// `classmethod(f)`.
    ClassMethod(Value),
    /// `super(cls, obj)`.
    Super {
        /// The class whose MRO successor is searched.
        this_class: ObjRef,
        /// The bound object (instance or class).
        obj: Value,
        /// `type(obj)`, or obj itself when obj is a class.
        obj_type: ObjRef,
    },
    /// `NotImplemented`.
    NotImplemented,
    /// `Ellipsis`.
    Ellipsis,
    /// An instance of a native class with Rust state.
    Native(NativeState),
}

impl Payload {
    /// A short name for debugging.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Payload::Object => "object",
            Payload::Str(_) => "str",
            Payload::Int(_) => "int",
            Payload::Float(_) => "float",
            Payload::Bytes(_) => "bytes",
            Payload::Tuple(_) => "tuple",
            Payload::List(_) => "list",
            Payload::Dict(_) => "dict",
            Payload::Set(_) => "set",
            Payload::FrozenSet(_) => "frozenset",
            Payload::Type(_) => "type",
            Payload::Function(_) => "function",
            Payload::NativeFunction(_) => "builtin_function_or_method",
            Payload::BoundMethod { .. } => "method",
            Payload::Module { .. } => "module",
            Payload::Cell(_) => "cell",
            Payload::Code(_) => "code",
            Payload::Generator(_) => "generator",
            Payload::Exception(_) => "exception",
            Payload::Range { .. } => "range",
            Payload::Slice { .. } => "slice",
            Payload::Iterator(_) => "iterator",
            Payload::DictView { .. } => "dict_view",
            Payload::Property { .. } | Payload::PropertySub(_) => "property",
            Payload::StaticMethod(_) => "staticmethod",
            Payload::ClassMethod(_) => "classmethod",
            Payload::Super { .. } => "super",
            Payload::NotImplemented => "NotImplementedType",
            Payload::Ellipsis => "ellipsis",
            Payload::Native(_) => "native",
        }
    }

    /// Calls `visit` on every value the payload references.
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        match self {
            Payload::Tuple(items) => items.iter().for_each(visit),
            Payload::List(items) => items.borrow().iter().for_each(visit),
            Payload::Dict(t) | Payload::Set(t) | Payload::FrozenSet(t) => t.borrow().trace(visit),
            Payload::Type(t) => {
                t.bases
                    .borrow()
                    .iter()
                    .for_each(|b| visit(&Value::Obj(b.clone())));
                t.mro
                    .borrow()
                    .iter()
                    .for_each(|b| visit(&Value::Obj(b.clone())));
            }
            Payload::Function(f) => {
                visit(&Value::Obj(f.globals.clone()));
                f.defaults.borrow().iter().for_each(&mut *visit);
                if let Some(k) = &*f.kwdefaults.borrow() {
                    visit(&Value::Obj(k.clone()));
                }
                f.closure.iter().for_each(|c| visit(&Value::Obj(c.clone())));
                f.consts.iter().for_each(visit);
            }
            Payload::BoundMethod { receiver, func } => {
                visit(receiver);
                visit(func);
            }
            Payload::Cell(c) => {
                if let Some(v) = &*c.borrow() {
                    visit(v)
                }
            }
            Payload::Generator(g) => g.trace(visit),
            Payload::Exception(e) => {
                let e = e.borrow();
                visit(&e.args);
                visit(&e.cause);
                visit(&e.context);
            }
            Payload::Slice { start, stop, step } => {
                visit(start);
                visit(stop);
                visit(step);
            }
            Payload::Iterator(it) => it.borrow().trace(visit),
            Payload::DictView { dict, .. } => visit(&Value::Obj(dict.clone())),
            Payload::Property { fget, fset, more } => {
                visit(fget);
                visit(fset);
                if let Some(m) = &more.0 {
                    visit(&m.0);
                    visit(&m.1);
                }
            }
            Payload::PropertySub(fields) => {
                if let Ok(fields) = fields.try_borrow() {
                    fields.iter().for_each(visit);
                }
            }
            Payload::StaticMethod(f) | Payload::ClassMethod(f) => visit(f),
            Payload::Super {
                this_class,
                obj,
                obj_type,
            } => {
                visit(&Value::Obj(this_class.clone()));
                visit(obj);
                visit(&Value::Obj(obj_type.clone()));
            }
            Payload::Native(n) => n.trace(visit),
            _ => {}
        }
    }
}

/// Which built-in payload instances of a class carry (inherited from its built-in base).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `Payload::Object`.
    Object,
    /// `Payload::Int`.
    Int,
    /// `Payload::Float`.
    Float,
    /// `Payload::Str`.
    Str,
    /// `Payload::Bytes`.
    Bytes,
    /// `Payload::Tuple`.
    Tuple,
    /// `Payload::List`.
    List,
    /// `Payload::Dict`.
    Dict,
    /// `Payload::Set`.
    Set,
    /// `Payload::FrozenSet`.
    FrozenSet,
    /// `Payload::Exception`.
    Exception,
    /// `Payload::Type` (metaclasses).
    Type,
    /// `Payload::PropertySub` (`property` and its subclasses).
    Property,
    /// A native class: instances are made by its own constructor.
    Native,
    /// Not instantiable from Python (function, generator, ...).
    Opaque,
}

/// The data of a class object.
pub struct TypeData {
    /// `__name__`.
    pub name: RefCell<Rc<str>>,
    /// `__qualname__`.
    pub qualname: RefCell<Rc<str>>,
    /// `__bases__`.
    pub bases: RefCell<Vec<ObjRef>>,
    /// `__mro__` (C3 linearization, starting with the class itself — stored without the
    /// class to avoid an Rc self-cycle; see `Vm::mro_of`).
    pub mro: RefCell<Vec<ObjRef>>,
    /// The built-in payload its instances carry.
    pub layout: Layout,
    /// True for classes created by a `class` statement (attributes can be set).
    pub is_heap: bool,
    /// The only attribute names its instances may set when every class of the MRO but
    /// `object` declares `__slots__` without `"__dict__"` (None: any name).
    pub slots: Option<Rc<[Rc<str>]>>,
    /// For CALL's construct fast path: the `__init__` found when `__new__` was `object`'s,
    /// with the sum of the MRO's dict versions it was found at (valid while that holds).
    pub init_cache: RefCell<Option<(u64, Value)>>,
    /// For GET_AWAITABLE: the `__await__` the MRO holds, with the sum of the MRO's dict
    /// versions it was found at (valid while that holds).
    pub await_cache: RefCell<Option<(u64, Value)>>,
    /// For FOR_ITER, `next()`, `sum()` and the like: the `__next__` the MRO holds, with the
    /// sum of the MRO's dict versions it was found at (valid while that holds).
    pub next_cache: RefCell<Option<(u64, Value)>>,
    /// `dict_version::mro_versions` memoized: (class epoch, sum) — valid while the epoch holds.
    pub versions_memo: std::cell::Cell<(u64, u64)>,
}

/// `Vm::attr_hooks` bit: a Python-level `__getattribute__`.
pub const HOOK_GETATTRIBUTE: u8 = 1;
/// `Vm::attr_hooks` bit: a Python-level `__setattr__`.
pub const HOOK_SETATTR: u8 = 2;
/// `Vm::attr_hooks` bit: a Python-level `__delattr__`.
pub const HOOK_DELATTR: u8 = 4;

/// A Python function object.
pub struct Function {
    /// The compiled body.
    pub code: Rc<Code>,
    /// The module globals (a dict object).
    pub globals: ObjRef,
    /// Positional defaults (for the last parameters).
    pub defaults: RefCell<Vec<Value>>,
    /// Keyword-only defaults (a dict object).
    pub kwdefaults: RefCell<Option<ObjRef>>,
    /// Cells for the code's free variables.
    pub closure: Vec<ObjRef>,
    /// `__name__`.
    pub name: RefCell<Rc<str>>,
    /// `__qualname__`.
    pub qualname: RefCell<Rc<str>>,
    /// The code's constants converted to values once.
    pub consts: Rc<[Value]>,
    /// The name table of `code` (`Vm::name_table_of`, made once per code object: it holds
    /// `code` itself, which the function's frames reach through it, so it must be `code`'s).
    pub names: Rc<super::global_cache::NameTable>,
    /// `Function::exact_arity_of(&code)`, kept so CALL's fast path tests one number.
    pub exact_arity: u32,
}

impl Function {
    /// Set in `exact_arity` when calling the function makes a generator, coroutine or
    /// async generator (so a plain call's test `exact_arity == n` excludes them at once).
    pub const GENERATOR_ARITY_BIT: u32 = 1 << 31;

    /// The number of positional arguments a call moves straight into the first locals of
    /// `code`'s frame with nothing else to bind: `argcount` when the code has no `*args`,
    /// `**kwargs`, keyword-only parameters nor cell variables, else `u32::MAX` (no call
    /// has that many arguments); with `GENERATOR_ARITY_BIT` set for a generator,
    /// coroutine or async generator function.
    pub fn exact_arity_of(code: &Code) -> u32 {
        if code.kwonlyargcount == 0
            && !code.flags.varargs
            && !code.flags.varkeywords
            && code.cellvars.is_empty()
            && code.argcount < Self::GENERATOR_ARITY_BIT
        {
            let flags = code.flags;
            if flags.generator || flags.coroutine || flags.async_generator {
                code.argcount | Self::GENERATOR_ARITY_BIT
            } else {
                code.argcount
            }
        } else {
            u32::MAX
        }
    }

    /// The positional argument count of an exact-args call (see `exact_arity_of`), for
    /// plain and generator functions alike.
    #[inline]
    pub fn exact_argcount(&self) -> u32 {
        self.exact_arity & !Self::GENERATOR_ARITY_BIT
    }
}

/// One traceback entry: the code that was running and the line.
#[derive(Clone)]
pub struct TbEntry {
    /// The code object of the frame.
    pub code: Rc<Code>,
    /// The 1-based line number.
    pub line: u32,
    /// The frame's globals (`tb_frame.f_globals`), when known.
    pub globals: Option<ObjRef>,
}

/// The state of an exception instance.
pub struct ExcData {
    /// `args` (a tuple).
    pub args: Value,
    /// `__cause__`.
    pub cause: Value,
    /// `__context__`.
    pub context: Value,
    /// `__suppress_context__`.
    pub suppress_context: bool,
    /// Traceback entries, most recent (outermost) LAST; printed in reverse.
    pub traceback: Vec<TbEntry>,
}

/// Which dict view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// `keys()`.
    Keys,
    /// `values()`.
    Values,
    /// `items()`.
    Items,
}

/// The state of a built-in iterator.
pub enum IterState {
    /// Over a list, tuple or str by index.
    Seq {
        /// The sequence.
        seq: Value,
        /// The next index.
        index: usize,
    },
    /// Over a range (made by `IterState::range`).
    Range {
        /// Next value.
        next: i64,
        /// Step.
        step: i64,
        /// How many values are left: a step tests and counts this down, where a test
        /// against the end would depend on the step's sign (rangeiter's `len`, as CPython).
        left: u64,
    },
    /// Over a dict (keys/values/items) or a set (keys).
    Dict {
        /// The dict or set object.
        dict: ObjRef,
        /// Next entry position.
        pos: usize,
        /// What to yield.
        kind: ViewKind,
        /// The size at creation (to detect "changed size during iteration").
        len: usize,
        /// The last `(key, value)` tuple an items iterator yielded, refilled in place when
        /// nothing else holds it any more (mirrors dictiter_iternextitem's result reuse).
        last_item: Option<ObjRef>,
    },
    /// The `__getitem__` protocol.
    GetItem {
        /// The object.
        obj: Value,
        /// The next index.
        index: i64,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        /// The callable.
        func: Value,
        /// The sentinel.
        sentinel: Value,
    },
    /// `enumerate`.
    Enumerate {
        /// The underlying iterator (an object: `iter()` never returns an int, float, bool
        /// or None, whose types have no `__next__`; one word, so that the state is 40 bytes).
        iter: ObjRef,
        /// The next count.
        count: Value,
        /// The last `(count, item)` tuple, refilled when nothing else holds it.
        last: Option<ObjRef>,
    },
    /// `zip`.
    Zip {
        /// The iterators.
        iters: Rc<[Value]>,
        /// `strict=True`.
        strict: bool,
        /// The last result tuple, refilled when nothing else holds it.
        last: Option<ObjRef>,
    },
    /// `map`.
    Map {
        /// The function.
        func: Value,
        /// The iterators.
        iters: Rc<[Value]>,
    },
    /// `filter`.
    Filter {
        /// The predicate (None = truthiness).
        func: Value,
        /// The iterator.
        iter: Value,
    },
    /// `reversed` over a sequence.
    Reversed {
        /// The sequence.
        seq: Value,
        /// Items left (the next index is `remaining - 1`).
        remaining: usize,
    },
    /// Finished.
    Exhausted,
}

impl IterState {
    /// An iterator over `range(start, stop, step)` (`step` is not 0).
    #[inline]
    pub fn range(start: i64, stop: i64, step: i64) -> IterState {
        // `range(n)` and `range(a, b)`: the count without a division.
        let left = if step == 1 {
            if stop > start {
                stop.wrapping_sub(start) as u64
            } else {
                0
            }
        } else {
            super::seq::range_len(start, stop, step) as u64
        };
        IterState::Range {
            next: start,
            step,
            left,
        }
    }
}

impl IterState {
    /// Calls `visit` on every value the iterator references.
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        match self {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => visit(seq),
            IterState::Dict { dict, .. } => visit(&Value::Obj(dict.clone())),
            IterState::GetItem { obj, .. } => visit(obj),
            IterState::Callable { func, sentinel } => {
                visit(func);
                visit(sentinel);
            }
            IterState::Enumerate { iter, count, last } => {
                visit(&Value::Obj(iter.clone()));
                visit(count);
                if let Some(t) = last {
                    visit(&Value::Obj(t.clone()));
                }
            }
            IterState::Zip { iters, last, .. } => {
                iters.iter().for_each(&mut *visit);
                if let Some(t) = last {
                    visit(&Value::Obj(t.clone()));
                }
            }
            IterState::Map { func, iters } => {
                visit(func);
                iters.iter().for_each(visit);
            }
            IterState::Filter { func, iter } => {
                visit(func);
                visit(iter);
            }
            IterState::Range { .. } | IterState::Exhausted => {}
        }
    }
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} object at {:p}>", self.payload.kind_name(), self)
    }
}

#[cfg(test)]
mod tests {

    /// Every heap value is an `Obj`: the big, rarely made payloads (functions, types,
    /// exceptions) are boxed so that the common ones (str, list, dict, tuple, generator, a
    /// task) stay small; with its one-word `ObjRc` header an object is 80 bytes, mimalloc's
    /// 80-byte size class (a coroutine and its Task are two per suspended task).
    #[test]
    fn objects_stay_small() {
        use super::*;
        use crate::modules::asyncio_module::future::FutureObj;
        use std::mem::size_of;
        // Every payload variant's data within 48 bytes, so that with the tag a payload is 56.
        let variants = [
            ("Str", size_of::<PyStr>()),
            ("Int", size_of::<BigInt>()),
            ("List", size_of::<RefCell<Vec<Value>>>()),
            ("Dict", size_of::<RefCell<DictTable>>()),
            ("NativeFunction", size_of::<NativeFunction>()),
            ("Generator", size_of::<Generator>()),
            ("Iterator", size_of::<RefCell<IterState>>()),
            ("Slice", 3 * size_of::<Value>()),
            (
                "Property",
                2 * size_of::<Value>() + size_of::<PropertyMore>(),
            ),
            ("Super", 2 * size_of::<ObjRef>() + size_of::<Value>()),
            ("FutureObj", size_of::<FutureObj>()),
            // A Future's or Task's state in place, its tag in `FutureObj`'s niche.
            ("Native", size_of::<NativeState>()),
        ];
        for (name, size) in variants {
            assert!(size <= 48, "{name}: {size}");
        }
        assert_eq!(size_of::<Payload>(), 56);
        assert_eq!(size_of::<Obj>(), 72);
        // The allocation: `ObjRc`'s two u32 counts, then the object.
        assert_eq!(size_of::<ObjRef>(), 8);
        assert_eq!(size_of::<Obj>() + 8, 80);
    }
}
