//! Type objects of the built-in types, the exception hierarchy, C3 MRO and subclass tests.

use super::dict::DictTable;
use super::object::{IterState, Layout, Obj, Payload, TypeData};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The type objects of the built-in types (fields named after the Python type).
pub struct BuiltinTypes {
    /// `type`.
    pub type_: ObjRef,
    /// `object`.
    pub object: ObjRef,
    /// `int`.
    pub int: ObjRef,
    /// `bool`.
    pub bool_: ObjRef,
    /// `float`.
    pub float: ObjRef,
    /// `str`.
    pub str_: ObjRef,
    /// `bytes`.
    pub bytes: ObjRef,
    /// `list`.
    pub list: ObjRef,
    /// `tuple`.
    pub tuple: ObjRef,
    /// `dict`.
    pub dict: ObjRef,
    /// `set`.
    pub set: ObjRef,
    /// `frozenset`.
    pub frozenset: ObjRef,
    /// `NoneType`.
    pub none_type: ObjRef,
    /// `NotImplementedType`.
    pub not_implemented_type: ObjRef,
    /// `ellipsis`.
    pub ellipsis_type: ObjRef,
    /// `function`.
    pub function: ObjRef,
    /// `builtin_function_or_method`.
    pub builtin_function: ObjRef,
    /// `method`.
    pub method: ObjRef,
    /// `module`.
    pub module: ObjRef,
    /// `cell`.
    pub cell: ObjRef,
    /// `code`.
    pub code: ObjRef,
    /// `generator`.
    pub generator: ObjRef,
    /// `coroutine`.
    pub coroutine: ObjRef,
    /// `async_generator`.
    pub async_generator: ObjRef,
    /// `range`.
    pub range: ObjRef,
    /// `slice`.
    pub slice: ObjRef,
    /// `property`.
    pub property: ObjRef,
    /// `staticmethod`.
    pub staticmethod: ObjRef,
    /// `classmethod`.
    pub classmethod: ObjRef,
    /// `super`.
    pub super_: ObjRef,
    /// `list_iterator`.
    pub list_iterator: ObjRef,
    /// `tuple_iterator`.
    pub tuple_iterator: ObjRef,
    /// `str_ascii_iterator`.
    pub str_iterator: ObjRef,
    /// `range_iterator`.
    pub range_iterator: ObjRef,
    /// `dict_keyiterator`.
    pub dict_keyiterator: ObjRef,
    /// `dict_valueiterator`.
    pub dict_valueiterator: ObjRef,
    /// `dict_itemiterator`.
    pub dict_itemiterator: ObjRef,
    /// `set_iterator`.
    pub set_iterator: ObjRef,
    /// `iterator` (the `__getitem__` protocol).
    pub seq_iterator: ObjRef,
    /// `callable_iterator`.
    pub callable_iterator: ObjRef,
    /// `enumerate`.
    pub enumerate: ObjRef,
    /// `zip`.
    pub zip: ObjRef,
    /// `map`.
    pub map: ObjRef,
    /// `filter`.
    pub filter: ObjRef,
    /// `reversed`.
    pub reversed: ObjRef,
    /// `dict_keys`.
    pub dict_keys: ObjRef,
    /// `dict_values`.
    pub dict_values: ObjRef,
    /// `dict_items`.
    pub dict_items: ObjRef,
    /// `NativeObject` placeholder type for native payloads created without a class.
    pub native: ObjRef,
}

/// The built-in exception classes the VM raises itself, plus all of them by name.
pub struct ExcTypes {
    /// `BaseException`.
    pub base_exception: ObjRef,
    /// `Exception`.
    pub exception: ObjRef,
    /// `TypeError`.
    pub type_error: ObjRef,
    /// `ValueError`.
    pub value_error: ObjRef,
    /// `AttributeError`.
    pub attribute_error: ObjRef,
    /// `NameError`.
    pub name_error: ObjRef,
    /// `UnboundLocalError`.
    pub unbound_local_error: ObjRef,
    /// `KeyError`.
    pub key_error: ObjRef,
    /// `IndexError`.
    pub index_error: ObjRef,
    /// `StopIteration`.
    pub stop_iteration: ObjRef,
    /// `StopAsyncIteration`.
    pub stop_async_iteration: ObjRef,
    /// `RuntimeError`.
    pub runtime_error: ObjRef,
    /// `RecursionError`.
    pub recursion_error: ObjRef,
    /// `ZeroDivisionError`.
    pub zero_division_error: ObjRef,
    /// `OverflowError`.
    pub overflow_error: ObjRef,
    /// `NotImplementedError`.
    pub not_implemented_error: ObjRef,
    /// `AssertionError`.
    pub assertion_error: ObjRef,
    /// `GeneratorExit`.
    pub generator_exit: ObjRef,
    /// `SystemExit`.
    pub system_exit: ObjRef,
    /// `KeyboardInterrupt`.
    pub keyboard_interrupt: ObjRef,
    /// `ImportError`.
    pub import_error: ObjRef,
    /// `ModuleNotFoundError`.
    pub module_not_found_error: ObjRef,
    /// `OSError`.
    pub os_error: ObjRef,
    /// `SyntaxError`.
    pub syntax_error: ObjRef,
    /// `UnicodeError`.
    pub unicode_error: ObjRef,
    /// `RuntimeWarning`.
    pub runtime_warning: ObjRef,
    /// Every built-in exception class by name, in definition order.
    pub all: Vec<(&'static str, ObjRef)>,
}

/// CPython 3.12's built-in exception hierarchy: (name, base name).
pub const EXCEPTION_HIERARCHY: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("BaseExceptionGroup", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ExceptionGroup", "BaseExceptionGroup+Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopAsyncIteration", "Exception"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("BytesWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("UserWarning", "Warning"),
];

/// A fresh empty dict object.
pub fn new_dict_obj() -> ObjRef {
    Obj::new(Payload::Dict(RefCell::new(DictTable::new())))
}

/// Builds a built-in class object (metaclass `type`).
pub fn make_builtin_type(name: &str, bases: Vec<ObjRef>, layout: Layout) -> ObjRef {
    let mro = single_base_mro(&bases)
        .or_else(|| c3_mro(&bases))
        .unwrap_or_default();
    let name: Rc<str> = Rc::from(name);
    let data = TypeData {
        name: RefCell::new(name.clone()),
        qualname: RefCell::new(name),
        bases: RefCell::new(bases),
        mro: RefCell::new(mro),
        layout,
        is_heap: false,
        slots: None,
        init_cache: RefCell::new(None),
        await_cache: RefCell::new(None),
        next_cache: RefCell::new(None),
        versions_memo: std::cell::Cell::new((u64::MAX, 0)),
    };
    ObjRef::new(Obj {
        class: None,
        dict: Some(new_dict_obj()),
        payload: Payload::Type(Box::new(data)),
    })
}

/// The MRO (without the class itself) of a class with at most one base: the base followed
/// by the base's MRO, which is what C3 yields without its merge; None for two or more bases.
fn single_base_mro(bases: &[ObjRef]) -> Option<Vec<ObjRef>> {
    match bases {
        [] => Some(Vec::new()),
        [base] => {
            let base_mro = base.as_type()?.mro.borrow();
            let mut mro = Vec::with_capacity(1 + base_mro.len());
            mro.push(base.clone());
            mro.extend(base_mro.iter().cloned());
            Some(mro)
        }
        _ => None,
    }
}

/// C3 linearization of a class with `bases`, without the class itself; None on conflict.
pub fn c3_mro(bases: &[ObjRef]) -> Option<Vec<ObjRef>> {
    let mut seqs: Vec<Vec<ObjRef>> = bases
        .iter()
        .map(|b| {
            let mut v = vec![b.clone()];
            if let Some(t) = b.as_type() {
                v.extend(t.mro.borrow().iter().cloned());
            }
            v
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|x| ObjRef::ptr_eq(x, head)));
            (!in_tail).then(|| head.clone())
        })?;
        for s in seqs.iter_mut() {
            if ObjRef::ptr_eq(&s[0], &candidate) {
                s.remove(0);
            }
        }
        out.push(candidate);
    }
}

impl BuiltinTypes {
    /// Creates every built-in type object.
    pub fn new() -> BuiltinTypes {
        let object = make_builtin_type("object", vec![], Layout::Object);
        let t = |name: &str, layout: Layout| make_builtin_type(name, vec![object.clone()], layout);
        let int = t("int", Layout::Int);
        let opaque = |name: &str| make_builtin_type(name, vec![object.clone()], Layout::Opaque);
        BuiltinTypes {
            type_: t("type", Layout::Type),
            bool_: make_builtin_type("bool", vec![int.clone()], Layout::Opaque),
            int,
            float: t("float", Layout::Float),
            str_: t("str", Layout::Str),
            bytes: t("bytes", Layout::Bytes),
            list: t("list", Layout::List),
            tuple: t("tuple", Layout::Tuple),
            dict: t("dict", Layout::Dict),
            set: t("set", Layout::Set),
            frozenset: t("frozenset", Layout::FrozenSet),
            none_type: opaque("NoneType"),
            not_implemented_type: opaque("NotImplementedType"),
            ellipsis_type: opaque("ellipsis"),
            function: opaque("function"),
            builtin_function: opaque("builtin_function_or_method"),
            method: opaque("method"),
            module: t("module", Layout::Object),
            cell: opaque("cell"),
            code: opaque("code"),
            generator: opaque("generator"),
            coroutine: opaque("coroutine"),
            async_generator: opaque("async_generator"),
            range: opaque("range"),
            slice: opaque("slice"),
            property: t("property", Layout::Property),
            staticmethod: opaque("staticmethod"),
            classmethod: opaque("classmethod"),
            super_: opaque("super"),
            list_iterator: opaque("list_iterator"),
            tuple_iterator: opaque("tuple_iterator"),
            str_iterator: opaque("str_ascii_iterator"),
            range_iterator: opaque("range_iterator"),
            dict_keyiterator: opaque("dict_keyiterator"),
            dict_valueiterator: opaque("dict_valueiterator"),
            dict_itemiterator: opaque("dict_itemiterator"),
            set_iterator: opaque("set_iterator"),
            seq_iterator: opaque("iterator"),
            callable_iterator: opaque("callable_iterator"),
            enumerate: opaque("enumerate"),
            zip: opaque("zip"),
            map: opaque("map"),
            filter: opaque("filter"),
            reversed: opaque("reversed"),
            dict_keys: opaque("dict_keys"),
            dict_values: opaque("dict_values"),
            dict_items: opaque("dict_items"),
            native: opaque("native"),
            object,
        }
    }
}

impl ExcTypes {
    /// Creates the exception hierarchy on top of `object`.
    pub fn new(object: &ObjRef) -> ExcTypes {
        let mut all: Vec<(&'static str, ObjRef)> = Vec::new();
        for (name, base) in EXCEPTION_HIERARCHY {
            let bases: Vec<ObjRef> = base
                .split('+')
                .map(|b| {
                    if b == "object" {
                        object.clone()
                    } else {
                        all.iter()
                            .find(|(n, _)| *n == b)
                            .map(|(_, c)| c.clone())
                            .expect("base defined earlier")
                    }
                })
                .collect();
            all.push((name, make_builtin_type(name, bases, Layout::Exception)));
        }
        let get = |n: &str| {
            all.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, c)| c.clone())
                .expect("listed exception")
        };
        ExcTypes {
            base_exception: get("BaseException"),
            exception: get("Exception"),
            type_error: get("TypeError"),
            value_error: get("ValueError"),
            attribute_error: get("AttributeError"),
            name_error: get("NameError"),
            unbound_local_error: get("UnboundLocalError"),
            key_error: get("KeyError"),
            index_error: get("IndexError"),
            stop_iteration: get("StopIteration"),
            stop_async_iteration: get("StopAsyncIteration"),
            runtime_error: get("RuntimeError"),
            recursion_error: get("RecursionError"),
            zero_division_error: get("ZeroDivisionError"),
            overflow_error: get("OverflowError"),
            not_implemented_error: get("NotImplementedError"),
            assertion_error: get("AssertionError"),
            generator_exit: get("GeneratorExit"),
            system_exit: get("SystemExit"),
            keyboard_interrupt: get("KeyboardInterrupt"),
            import_error: get("ImportError"),
            module_not_found_error: get("ModuleNotFoundError"),
            os_error: get("OSError"),
            syntax_error: get("SyntaxError"),
            unicode_error: get("UnicodeError"),
            runtime_warning: get("RuntimeWarning"),
            all,
        }
    }

    /// The exception class with this name.
    pub fn by_name(&self, name: &str) -> Option<ObjRef> {
        self.all
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c.clone())
    }
}

impl Default for BuiltinTypes {
    fn default() -> Self {
        BuiltinTypes::new()
    }
}

impl Vm {
    /// `type(v)`.
    pub fn type_of(&self, v: &Value) -> ObjRef {
        match v {
            Value::None => self.types.none_type.clone(),
            Value::Bool(_) => self.types.bool_.clone(),
            Value::Int(_) => self.types.int.clone(),
            Value::Float(_) => self.types.float.clone(),
            Value::Obj(o) => match &o.class {
                Some(c) => c.clone(),
                None => self.payload_type(&o.payload),
            },
        }
    }

    /// The built-in type implied by a payload (objects created without explicit class).
    fn payload_type(&self, p: &Payload) -> ObjRef {
        let t = &self.types;
        match p {
            Payload::Object => t.object.clone(),
            Payload::Str(_) => t.str_.clone(),
            Payload::Int(_) => t.int.clone(),
            Payload::Float(_) => t.float.clone(),
            Payload::Bytes(_) => t.bytes.clone(),
            Payload::Tuple(_) => t.tuple.clone(),
            Payload::List(_) => t.list.clone(),
            Payload::Dict(_) => t.dict.clone(),
            Payload::Set(_) => t.set.clone(),
            Payload::FrozenSet(_) => t.frozenset.clone(),
            Payload::Type(_) => t.type_.clone(),
            Payload::Function(_) => t.function.clone(),
            Payload::NativeFunction(_) => t.builtin_function.clone(),
            Payload::BoundMethod { func, .. } => match func.payload() {
                Some(Payload::NativeFunction(_)) => t.builtin_function.clone(),
                _ => t.method.clone(),
            },
            Payload::Module { .. } => t.module.clone(),
            Payload::Cell(_) => t.cell.clone(),
            Payload::Code(_) => t.code.clone(),
            Payload::Generator(g) => match g.kind() {
                super::generator::GenKind::Generator => t.generator.clone(),
                super::generator::GenKind::Coroutine => t.coroutine.clone(),
                super::generator::GenKind::AsyncGenerator => t.async_generator.clone(),
            },
            Payload::Exception(_) => self.exc.exception.clone(),
            Payload::Range { .. } => t.range.clone(),
            Payload::Slice { .. } => t.slice.clone(),
            Payload::Iterator(it) => match &*it.borrow() {
                IterState::Seq { seq, .. } => match seq.payload() {
                    Some(Payload::List(_)) => t.list_iterator.clone(),
                    Some(Payload::Str(_)) => t.str_iterator.clone(),
                    _ => t.tuple_iterator.clone(),
                },
                IterState::Range { .. } => t.range_iterator.clone(),
                IterState::Dict { dict, kind, .. } => match (&dict.payload, kind) {
                    (Payload::Set(_) | Payload::FrozenSet(_), _) => t.set_iterator.clone(),
                    (_, super::object::ViewKind::Keys) => t.dict_keyiterator.clone(),
                    (_, super::object::ViewKind::Values) => t.dict_valueiterator.clone(),
                    (_, super::object::ViewKind::Items) => t.dict_itemiterator.clone(),
                },
                IterState::GetItem { .. } | IterState::Exhausted => t.seq_iterator.clone(),
                IterState::Callable { .. } => t.callable_iterator.clone(),
                IterState::Enumerate { .. } => t.enumerate.clone(),
                IterState::Zip { .. } => t.zip.clone(),
                IterState::Map { .. } => t.map.clone(),
                IterState::Filter { .. } => t.filter.clone(),
                IterState::Reversed { .. } => t.reversed.clone(),
            },
            Payload::DictView { kind, .. } => match kind {
                super::object::ViewKind::Keys => t.dict_keys.clone(),
                super::object::ViewKind::Values => t.dict_values.clone(),
                super::object::ViewKind::Items => t.dict_items.clone(),
            },
            Payload::Property { .. } | Payload::PropertySub(_) => t.property.clone(),
            Payload::StaticMethod(_) => t.staticmethod.clone(),
            Payload::ClassMethod(_) => t.classmethod.clone(),
            Payload::Super { .. } => t.super_.clone(),
            Payload::NotImplemented => t.not_implemented_type.clone(),
            Payload::Ellipsis => t.ellipsis_type.clone(),
            Payload::Native(_) => t.native.clone(),
        }
    }

    /// The MRO of a class including the class itself.
    pub fn mro_of(&self, cls: &ObjRef) -> Vec<ObjRef> {
        let mut v = vec![cls.clone()];
        if let Some(t) = cls.as_type() {
            v.extend(t.mro.borrow().iter().cloned());
        }
        v
    }

    /// True if `sub` is `sup` or inherits from it.
    pub fn is_subclass(&self, sub: &ObjRef, sup: &ObjRef) -> bool {
        if ObjRef::ptr_eq(sub, sup) {
            return true;
        }
        match sub.as_type() {
            Some(t) => t.mro.borrow().iter().any(|c| ObjRef::ptr_eq(c, sup)),
            None => false,
        }
    }

    /// `isinstance(v, cls)` for a single class, without `__instancecheck__`.
    pub fn is_instance(&self, v: &Value, cls: &ObjRef) -> bool {
        self.is_subclass(&self.type_of(v), cls)
    }

    /// Looks `name` up along the MRO of `cls` (no descriptors applied).
    pub fn lookup_in_mro(&self, cls: &ObjRef, name: &str) -> Option<Value> {
        self.lookup_in_mro_with(cls, name, || super::hashing::hash_str(name))
    }

    /// `lookup_in_mro` with the name's hash already known.
    pub fn lookup_in_mro_hashed(&self, cls: &ObjRef, name: &str, hash: i64) -> Option<Value> {
        self.lookup_in_mro_with(cls, name, || hash)
    }

    /// `lookup_in_mro`, answered from the MRO cache (`attr_cache`) when no class dict on the
    /// MRO changed since the last look-up; `hash` gives the name's hash on a miss.
    #[inline]
    fn lookup_in_mro_with(
        &self,
        cls: &ObjRef,
        name: &str,
        hash: impl FnOnce() -> i64,
    ) -> Option<Value> {
        let Some(t) = cls.as_type() else {
            let table = cls.dict.as_ref()?.as_dict()?;
            let found = table
                .borrow()
                .get_str(name, hash())
                .map(|e| e.value.clone());
            return found;
        };
        let mro = t.mro.borrow();
        let versions = super::dict_version::mro_versions(cls);
        self.lookup_at_versions(cls, &mro, versions, name, hash).1
    }

    /// The MRO look-up of a class whose MRO (without itself) is `mro` and whose dict versions
    /// sum to `versions`, with the class's hook bits.
    #[inline]
    fn lookup_at_versions(
        &self,
        cls: &ObjRef,
        mro: &[ObjRef],
        versions: u64,
        name: &str,
        hash: impl FnOnce() -> i64,
    ) -> (u8, Option<Value>) {
        if let Some(cached) = self.attr_cache.mro.get(cls, name, versions) {
            return cached;
        }
        let found = mro_find(cls, mro, name, hash());
        let hooks = self.hooks_at_versions(cls, mro, versions);
        self.attr_cache
            .mro
            .put(cls, name, versions, hooks, found.clone());
        (hooks, found)
    }

    /// `lookup_in_mro(cls, name)` for a dunder the VM calls on every step of something
    /// (`__await__`, `__next__`): for a Python class, remembered in the class's `slot` until
    /// one of its MRO's dicts changes.
    #[inline]
    pub(super) fn cached_dunder(
        &self,
        cls: &ObjRef,
        name: &str,
        slot: impl Fn(&super::object::TypeData) -> &RefCell<Option<(u64, Value)>>,
    ) -> Option<Value> {
        let Payload::Type(t) = &cls.payload else {
            return self.lookup_in_mro(cls, name);
        };
        if !t.is_heap {
            return self.lookup_in_mro(cls, name);
        }
        let versions = super::dict_version::mro_versions(cls);
        // SAFETY: the reference ends with this block, which runs no code that could borrow
        // the slot mutably (the clone is a count increment); a slot borrowed mutably right
        // now fails `try_borrow_unguarded` and the look-up below runs.
        if let Ok(Some((at, f))) = unsafe { slot(t).try_borrow_unguarded() }
            && *at == versions
        {
            return Some(f.clone());
        }
        let found = self.lookup_in_mro(cls, name)?;
        *slot(t).borrow_mut() = Some((versions, found.clone()));
        Some(found)
    }

    /// Which attribute hooks (`HOOK_*` bits) Python code defines on the MRO of `cls`, from
    /// its current class dicts.
    pub fn attr_hooks(&self, cls: &ObjRef) -> u8 {
        let Some(t) = cls.as_type() else { return 0 };
        let mro = t.mro.borrow();
        let versions = super::dict_version::mro_versions(cls);
        self.hooks_at_versions(cls, &mro, versions)
    }

    /// `attr_hooks` for a class whose MRO is `mro` and whose dict versions sum to `versions`.
    fn hooks_at_versions(&self, cls: &ObjRef, mro: &[ObjRef], versions: u64) -> u8 {
        use super::object::{HOOK_DELATTR, HOOK_GETATTRIBUTE, HOOK_SETATTR};
        if let Some(bits) = self.attr_cache.hooks.get(cls, versions) {
            return bits;
        }
        let mut bits = 0;
        for (name, bit) in [
            ("__getattribute__", HOOK_GETATTRIBUTE),
            ("__setattr__", HOOK_SETATTR),
            ("__delattr__", HOOK_DELATTR),
        ] {
            if let Some(f) = mro_find(cls, mro, name, super::hashing::hash_str(name))
                && !matches!(f.payload(), Some(Payload::NativeFunction(_)))
            {
                bits |= bit;
            }
        }
        self.attr_cache.hooks.put(cls, versions, bits);
        bits
    }

    /// For attribute access on instances of `cls`: the hook bits and what the MRO holds
    /// under `name`, both against one reading of the class dict versions.
    #[inline]
    pub fn hooks_and_lookup(&self, cls: &ObjRef, name: &str, hash: i64) -> (u8, Option<Value>) {
        let Some(t) = cls.as_type() else {
            return (0, self.lookup_in_mro_hashed(cls, name, hash));
        };
        let mro = t.mro.borrow();
        let versions = super::dict_version::mro_versions(cls);
        self.lookup_at_versions(cls, &mro, versions, name, || hash)
    }

    /// The name of a class (`__name__`).
    pub fn class_name(&self, cls: &ObjRef) -> Rc<str> {
        cls.as_type()
            .map(|t| t.name.borrow().clone())
            .unwrap_or_else(|| Rc::from("?"))
    }

    /// The name of the type of `v`.
    pub fn type_name(&self, v: &Value) -> Rc<str> {
        self.class_name(&self.type_of(v))
    }

    /// The names a new class's instances are limited to (typeobject.c: no `__dict__` slot when
    /// the class and every base but `object` define `__slots__` without `"__dict__"`): the
    /// union of those `__slots__`, or None when instances keep a dict. `mro` excludes the class.
    fn slot_restriction(
        &mut self,
        dict: &ObjRef,
        mro: &[ObjRef],
    ) -> PyResult<Option<Rc<[Rc<str>]>>> {
        let Some(own) = self.dict_get_str(dict, "__slots__") else {
            return Ok(None);
        };
        let mut names: Vec<Rc<str>> = Vec::new();
        if !self.add_slot_names(&own, &mut names)? {
            return Ok(None);
        }
        for base in mro {
            if ObjRef::ptr_eq(base, &self.types.object) {
                continue;
            }
            let Some(bt) = base.as_type() else {
                return Ok(None);
            };
            if let Some(inherited) = &bt.slots {
                names.extend(inherited.iter().cloned());
                continue;
            }
            // Instances of these built-in types have no `__dict__` in CPython either.
            if !bt.is_heap
                && matches!(
                    bt.layout,
                    Layout::Int
                        | Layout::Float
                        | Layout::Str
                        | Layout::Bytes
                        | Layout::Tuple
                        | Layout::List
                        | Layout::Dict
                        | Layout::Set
                        | Layout::FrozenSet
                )
            {
                continue;
            }
            // A base without the restriction (a plain class, or a built-in type) gives
            // instances a dict.
            return Ok(None);
        }
        Ok(Some(names.into()))
    }

    /// Appends the names of a `__slots__` value (a string or an iterable of strings) to
    /// `names`; false when they include `"__dict__"`.
    fn add_slot_names(&mut self, slots: &Value, names: &mut Vec<Rc<str>>) -> PyResult<bool> {
        let items = match slots.as_str() {
            Some(_) => vec![slots.clone()],
            None => self.collect(slots)?,
        };
        for item in items {
            let Some(s) = item.as_str() else {
                let t = self.type_name(&item);
                return Err(
                    self.new_type_error(format!("__slots__ items must be strings, not '{t}'"))
                );
            };
            if s == "__dict__" {
                return Ok(false);
            }
            names.push(Rc::from(s));
        }
        Ok(true)
    }

    /// Creates a class the way `type(name, bases, ns)` does (after the metaclass is chosen).
    pub fn new_class(
        &mut self,
        metaclass: &ObjRef,
        name: &str,
        bases: Vec<ObjRef>,
        namespace: &ObjRef,
    ) -> PyResult<ObjRef> {
        let bases = if bases.is_empty() {
            vec![self.types.object.clone()]
        } else {
            bases
        };
        let mut layout = Layout::Object;
        for b in &bases {
            let Some(bt) = b.as_type() else {
                return Err(self.new_type_error("bases must be types".to_string()));
            };
            if bt.layout == Layout::Opaque {
                let n = bt.name.borrow().clone();
                return Err(
                    self.new_type_error(format!("type '{n}' is not an acceptable base type"))
                );
            }
            if bt.layout != Layout::Object {
                if layout != Layout::Object && layout != bt.layout {
                    return Err(self.new_type_error(
                        "multiple bases have instance lay-out conflict".to_string(),
                    ));
                }
                layout = bt.layout;
            }
        }
        let Some(mro) = c3_mro(&bases) else {
            let names: Vec<String> = bases
                .iter()
                .map(|b| self.class_name(b).to_string())
                .collect();
            return Err(self.new_type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        let dict = new_dict_obj();
        for (k, v) in self.dict_items(namespace) {
            self.dict_set(&dict, k, v)?;
        }
        let qualname = match self.dict_remove_str(&dict, "__qualname__") {
            Some(q) => q.as_str().map(Rc::from).unwrap_or_else(|| Rc::from(name)),
            None => Rc::from(name),
        };
        let slots = self.slot_restriction(&dict, &mro)?;
        let data = TypeData {
            name: RefCell::new(Rc::from(name)),
            qualname: RefCell::new(qualname),
            bases: RefCell::new(bases),
            mro: RefCell::new(mro),
            layout,
            is_heap: true,
            slots,
            init_cache: RefCell::new(None),
            await_cache: RefCell::new(None),
            next_cache: RefCell::new(None),
            versions_memo: std::cell::Cell::new((u64::MAX, 0)),
        };
        let class = if ObjRef::ptr_eq(metaclass, &self.types.type_) {
            None
        } else {
            Some(metaclass.clone())
        };
        let cls = ObjRef::new(Obj {
            class,
            dict: Some(dict.clone()),
            payload: Payload::Type(Box::new(data)),
        });
        // `__new__` and `__init_subclass__`/`__class_getitem__` are implicitly static/class methods.
        if let Some(f) = self.dict_get_str(&dict, "__new__")
            && matches!(f.payload(), Some(Payload::Function(_)))
        {
            self.dict_set_str(
                &dict,
                "__new__",
                Value::Obj(Obj::new(Payload::StaticMethod(f))),
            );
        }
        for n in ["__init_subclass__", "__class_getitem__"] {
            if let Some(f) = self.dict_get_str(&dict, n)
                && matches!(f.payload(), Some(Payload::Function(_)))
            {
                self.dict_set_str(&dict, n, Value::Obj(Obj::new(Payload::ClassMethod(f))));
            }
        }
        Ok(cls)
    }
}

/// `name` in the dicts of `cls` and then of `mro` (its MRO without itself), uncached.
fn mro_find(cls: &ObjRef, mro: &[ObjRef], name: &str, hash: i64) -> Option<Value> {
    let find = |c: &ObjRef| -> Option<Value> {
        let table = c.dict.as_ref()?.as_dict()?;
        table.borrow().get_str(name, hash).map(|e| e.value.clone())
    };
    find(cls).or_else(|| mro.iter().find_map(find))
}

/// Unused-import guard for HashMap (kept for future caches).
#[allow(dead_code)]
type NameCache = HashMap<Rc<str>, Value>;
