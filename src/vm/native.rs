//! Functions written in Rust and the argument helpers they use.

use super::method_sigs::{self, Sig};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::rc::Rc;

/// The Rust signature of every native function: the VM and the call's arguments.
pub type NativeFnPtr = Rc<dyn Fn(&mut Vm, Args) -> PyResult<Value>>;

/// A native method's positional-only entry (receiver first), called by CALL_METHOD without
/// building `Args`; it behaves exactly as `func` given the same arguments and no keywords.
pub type NativeFastPtr = Rc<dyn Fn(&mut Vm, &[Value]) -> PyResult<Value>>;

/// Native functions that need the calling frame; the eval loop supplies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameIntrinsic {
    /// `super()` with no arguments.
    Super,
    /// `globals()`.
    Globals,
    /// `locals()` / `vars()` without arguments.
    Locals,
    /// `dir()` without arguments: the sorted names of the caller's locals.
    Dir,
    /// `eval(source[, globals[, locals]])` (defaults come from the caller's frame).
    Eval,
    /// `exec(source[, globals[, locals]])` (defaults come from the caller's frame).
    Exec,
    /// `sys._getframe([depth])`: frame objects of the caller and its callers.
    GetFrame,
}

/// A function implemented in Rust.
pub struct NativeFunction {
    /// `__name__` and the class it is defined on, boxed to one word (they are read only for
    /// repr, `__qualname__` and messages), so that a native function's object fits 96 bytes.
    pub names: Box<NativeNames>,
    /// The implementation.
    pub func: NativeFnPtr,
    /// True for methods of built-in types: looked up on an instance it binds `self` (a
    /// method descriptor); false for plain functions (no binding, like CPython's builtins).
    pub is_method: bool,
    /// Set when the eval loop must handle the call itself (needs the frame).
    pub intrinsic: Option<FrameIntrinsic>,
    /// The positional-only entry of a method, when it has one (see `NativeFastPtr`).
    pub fast: Option<NativeFastPtr>,
}

/// The names of a native function.
pub struct NativeNames {
    /// `__name__`.
    pub name: NativeName,
    /// The class it is defined on (for `__qualname__` and repr), if a method.
    pub owner: Option<Rc<str>>,
}

/// The text of a native function's `__name__`.
pub enum NativeName {
    /// A name fixed in the program (every method of a built-in type): no allocation, where
    /// an `Rc<str>` per method was ~500 blocks at start-up.
    Static(&'static str),
    /// A name made at run time.
    Shared(Rc<str>),
}

impl NativeNames {
    /// The names, boxed for `NativeFunction::names`.
    pub fn boxed(name: Rc<str>, owner: Option<Rc<str>>) -> Box<NativeNames> {
        Box::new(NativeNames {
            name: NativeName::Shared(name),
            owner,
        })
    }

    /// The names of a function whose `__name__` is fixed in the program.
    pub fn boxed_static(name: &'static str, owner: Option<Rc<str>>) -> Box<NativeNames> {
        Box::new(NativeNames {
            name: NativeName::Static(name),
            owner,
        })
    }
}

impl NativeFunction {
    /// `__name__`.
    pub fn name(&self) -> &str {
        match &self.names.name {
            NativeName::Static(s) => s,
            NativeName::Shared(s) => s,
        }
    }

    /// The name of the class it is defined on, if a method.
    pub fn owner(&self) -> Option<&str> {
        self.names.owner.as_deref()
    }
}

/// The arguments of a call: positional values and keyword pairs in call order.
#[derive(Default, Clone)]
pub struct Args {
    /// Positional arguments (for methods, `self` is first).
    pub positional: Vec<Value>,
    /// Keyword arguments in the order given.
    pub kwargs: Vec<(Rc<str>, Value)>,
}

impl Args {
    /// Positional-only arguments.
    pub fn new(positional: Vec<Value>) -> Args {
        Args {
            positional,
            kwargs: Vec::new(),
        }
    }

    /// These arguments with `first` put before the positional ones (a receiver, a class),
    /// in one allocation of the exact size: `Vec::insert(0, ..)` on an exactly sized vector
    /// reallocates and shifts.
    pub fn prepended(self, first: Value) -> Args {
        let mut positional = Vec::with_capacity(self.positional.len() + 1);
        positional.push(first);
        positional.extend(self.positional);
        Args {
            positional,
            kwargs: self.kwargs,
        }
    }

    /// A copy of these arguments with `first` put before the positional ones.
    pub fn cloned_with_first(&self, first: Value) -> Args {
        let mut positional = Vec::with_capacity(self.positional.len() + 1);
        positional.push(first);
        positional.extend(self.positional.iter().cloned());
        Args {
            positional,
            kwargs: self.kwargs.clone(),
        }
    }

    /// Number of positional arguments.
    pub fn len(&self) -> usize {
        self.positional.len()
    }

    /// True when there are no arguments at all.
    pub fn is_empty(&self) -> bool {
        self.positional.is_empty() && self.kwargs.is_empty()
    }

    /// The i-th positional argument, if present.
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.positional.get(i)
    }

    /// Removes and returns the keyword argument `name`.
    pub fn take_kwarg(&mut self, name: &str) -> Option<Value> {
        let i = self.kwargs.iter().position(|(k, _)| &**k == name)?;
        Some(self.kwargs.remove(i).1)
    }

    /// Fails with CPython's message if any keyword argument remains.
    pub fn no_kwargs(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        match self.kwargs.first() {
            None => Ok(()),
            Some(_) if self.kwargs.is_empty() => Ok(()),
            Some((k, _)) => {
                if self.kwargs.len() == 1 && !fname.is_empty() {
                    Err(vm.new_type_error(format!("{fname}() takes no keyword arguments")))
                } else {
                    Err(vm.new_type_error(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )))
                }
            }
        }
    }

    /// Checks the positional count is within `min..=max` (CPython's messages) and that no
    /// keywords remain; returns the positional slice.
    pub fn check(&self, vm: &mut Vm, fname: &str, min: usize, max: usize) -> PyResult<&[Value]> {
        if !self.kwargs.is_empty() {
            let (k, _) = &self.kwargs[0];
            return Err(vm.new_type_error(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            )));
        }
        check_count(vm, fname, self.positional.len(), min, max)?;
        Ok(&self.positional)
    }

    /// Binds arguments to named parameters like a Python signature `(p0, p1=..., ...)`:
    /// returns one slot per name (None when not given). `npos` = how many may be positional.
    pub fn bind(
        &mut self,
        vm: &mut Vm,
        fname: &str,
        names: &[&str],
        npos: usize,
        required: usize,
    ) -> PyResult<Vec<Option<Value>>> {
        let mut out: Vec<Option<Value>> = vec![None; names.len()];
        if self.positional.len() > npos {
            let given = self.positional.len();
            return Err(vm.new_type_error(format!(
                "{fname}() takes at most {npos} positional argument{} ({given} given)",
                if npos == 1 { "" } else { "s" }
            )));
        }
        for (i, v) in self.positional.drain(..).enumerate() {
            out[i] = Some(v);
        }
        for (k, v) in self.kwargs.drain(..) {
            match names.iter().position(|n| *n == &*k) {
                Some(i) if out[i].is_none() => out[i] = Some(v),
                Some(_) => {
                    return Err(vm.new_type_error(format!(
                        "argument for {fname}() given by name ('{k}') and position"
                    )));
                }
                None => {
                    return Err(vm.new_type_error(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
        }
        for (i, slot) in out.iter().enumerate().take(required) {
            if slot.is_none() {
                return Err(vm.new_type_error(format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )));
            }
        }
        Ok(out)
    }

    /// Binds the arguments of a built-in declared with Argument Clinic whose parameters
    /// `names` may all be passed by position or by name, all optional: one slot per name
    /// (None when not given), with the TypeErrors of CPython's
    /// `_PyArg_UnpackKeywords` (`splitlines() takes at most 1 keyword argument (2 given)`,
    /// `'x' is an invalid keyword argument for hex()`, ...), whose checks and order it mirrors.
    pub fn clinic(
        &mut self,
        vm: &mut Vm,
        fname: &str,
        names: &[&str],
    ) -> PyResult<Vec<Option<Value>>> {
        let (nargs, nkwargs, max) = (self.positional.len(), self.kwargs.len(), names.len());
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if nargs + nkwargs > max {
            let keyword = if nargs == 0 { "keyword " } else { "" };
            return Err(vm.new_type_error(format!(
                "{fname}() takes at most {max} {keyword}argument{} ({} given)",
                plural(max),
                nargs + nkwargs
            )));
        }
        let mut out: Vec<Option<Value>> = self.positional.drain(..).map(Some).collect();
        out.resize(max, None);
        let mut kwargs = std::mem::take(&mut self.kwargs);
        for (i, name) in names.iter().enumerate().skip(nargs) {
            if let Some(at) = kwargs.iter().position(|(k, _)| **k == **name) {
                out[i] = Some(kwargs.remove(at).1);
            }
        }
        if let Some((k, _)) = kwargs.first() {
            let by_position = names[..nargs]
                .iter()
                .enumerate()
                .find(|(_, n)| kwargs.iter().any(|(k, _)| **k == ***n));
            return Err(vm.new_type_error(match by_position {
                Some((i, n)) => format!(
                    "argument for {fname}() given by name ('{n}') and position ({})",
                    i + 1
                ),
                None => format!("'{k}' is an invalid keyword argument for {fname}()"),
            }));
        }
        Ok(out)
    }
}

/// Checks a positional argument count `n` against `min..=max` with CPython's messages (the
/// count part of `Args::check`).
#[inline]
pub fn check_count(vm: &mut Vm, fname: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min || n > max {
        return Err(count_error(vm, fname, n, min, max));
    }
    Ok(())
}

/// `check_count`'s TypeError, out of line (the count is right on every hot call).
#[cold]
#[inline(never)]
fn count_error(vm: &mut Vm, fname: &str, n: usize, min: usize, max: usize) -> ObjRef {
    let msg = if min == max {
        match min {
            0 => format!("{fname}() takes no arguments ({n} given)"),
            1 => format!("{fname}() takes exactly one argument ({n} given)"),
            _ => format!("{fname} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{fname} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{fname} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    vm.new_type_error(msg)
}

/// A test of a payload's kind (see `Vm::exact_payload_test`).
type PayloadTest = fn(&super::object::Payload) -> bool;

/// True when `me` is an object without an explicit class whose payload passes `test`.
#[inline]
fn is_exact(me: &Value, test: Option<PayloadTest>) -> bool {
    match (me, test) {
        (Value::Obj(o), Some(test)) => o.class.is_none() && test(&o.payload),
        _ => false,
    }
}

/// The TypeError of a method descriptor called on a `self` of the wrong type (or none).
fn descriptor_error(vm: &mut Vm, cls: &ObjRef, method_name: &str, me: Option<&Value>) -> ObjRef {
    match me {
        Some(me) => {
            let msg = format!(
                "descriptor '{method_name}' for '{}' objects doesn't apply to a '{}' object",
                vm.class_name(cls),
                vm.type_name(me)
            );
            vm.new_type_error(msg)
        }
        None => {
            let msg = format!(
                "unbound method {}.{method_name}() needs an argument",
                vm.class_name(cls)
            );
            vm.new_type_error(msg)
        }
    }
}

impl Vm {
    /// Wraps a Rust closure as a plain builtin function object.
    pub fn new_native_fn(
        &self,
        name: &str,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) -> Value {
        plain_native_function(name, Rc::new(f), None)
    }

    /// Wraps a Rust closure taking positional arguments only as a plain builtin function
    /// object with a positional entry (see `NativeFastPtr`).
    pub fn new_native_fn_positional(
        &self,
        name: &str,
        f: impl Fn(&mut Vm, &[Value]) -> PyResult<Value> + 'static,
    ) -> Value {
        let fast: NativeFastPtr = Rc::new(f);
        let positional = fast.clone();
        let fname: Rc<str> = Rc::from(name);
        let slow = move |vm: &mut Vm, args: Args| -> PyResult<Value> {
            if !args.kwargs.is_empty() {
                args.check(vm, &fname, 0, usize::MAX)?;
            }
            positional(vm, &args.positional)
        };
        plain_native_function(name, Rc::new(slow), Some(fast))
    }

    /// Adds a method (binding `self` as the first positional argument) to a class.
    pub fn add_method(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) {
        let func = self.receiver_checked(class, name, f);
        self.install_method(class, name, func, None);
    }

    /// The general entry of method `name` of `class`: `f` once `args[0]` is an instance and
    /// the arguments fit the method's CPython signature (`method_sigs`), else the
    /// descriptor's or the signature's TypeError — like CPython's method descriptors, a
    /// `self` of the wrong type is refused before the Rust code (which relies on the payload)
    /// runs.
    fn receiver_checked(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) -> NativeFnPtr {
        let sig = method_sigs::signature_of(class, name);
        self.receiver_checked_with(class, name, sig, f)
    }

    /// `receiver_checked` with the signature given.
    fn receiver_checked_with(
        &self,
        class: &ObjRef,
        name: &'static str,
        sig: Option<Sig>,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) -> NativeFnPtr {
        let cls = class.clone();
        Rc::new(move |vm: &mut Vm, args: Args| -> PyResult<Value> {
            match args.positional.first() {
                Some(me) if vm.is_instance(me, &cls) => {
                    if let Some(sig) = sig {
                        let n = args.positional.len() - 1;
                        method_sigs::check(vm, sig, &cls, name, n, args.kwargs.len())?;
                    }
                    f(vm, args)
                }
                me => Err(descriptor_error(vm, &cls, name, me)),
            }
        })
    }

    /// Adds a method that takes no arguments besides `self`: a call with more, or with
    /// keywords, fails with CPython's TypeError (`int.bit_length() takes no arguments (1
    /// given)`) before `f` runs, instead of `f` ignoring them.
    pub fn add_method_noargs(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) {
        let func = self.receiver_checked_with(class, name, Some(Sig::NoArgs), f);
        self.install_method(class, name, func, None);
    }

    /// Adds a method that takes positional arguments only (`args[0]` is `self`): CALL_METHOD
    /// calls it on the stack's arguments without building `Args`; a call with keywords
    /// fails as `Args::check` says.
    pub fn add_method_positional(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, &[Value]) -> PyResult<Value> + 'static,
    ) {
        let fast = self.receiver_checked_fast(class, name, f);
        let positional = fast.clone();
        let cls = class.clone();
        let method_name = name;
        let sig = method_sigs::signature_of(class, name);
        let slow = move |vm: &mut Vm, args: Args| -> PyResult<Value> {
            if !args.kwargs.is_empty() {
                // The receiver is checked first, as for every method.
                match args.positional.first() {
                    Some(me) if vm.is_instance(me, &cls) => {}
                    me => return Err(descriptor_error(vm, &cls, method_name, me)),
                }
                if let Some(sig) = sig {
                    let (n, k) = (args.positional.len() - 1, args.kwargs.len());
                    method_sigs::check(vm, sig, &cls, method_name, n, k)?;
                }
                args.check(vm, method_name, 0, usize::MAX)?;
            }
            positional(vm, &args.positional)
        };
        self.install_method(class, name, Rc::new(slow), Some(fast));
    }

    /// Adds a method with a general entry `f` and a positional-only entry `fast` that must
    /// agree with `f` on calls without keywords (CALL_METHOD uses `fast` for those).
    pub fn add_method_with_fast(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
        fast: impl Fn(&mut Vm, &[Value]) -> PyResult<Value> + 'static,
    ) {
        let func = self.receiver_checked(class, name, f);
        let fast = self.receiver_checked_fast(class, name, fast);
        self.install_method(class, name, func, Some(fast));
    }

    /// The positional entry of method `name` of `class`: `f` once `args[0]` is an instance
    /// (an exact built-in receiver is recognised by its payload first), else the
    /// descriptor's TypeError.
    fn receiver_checked_fast(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, &[Value]) -> PyResult<Value> + 'static,
    ) -> NativeFastPtr {
        let cls = class.clone();
        let exact = self.exact_payload_test(class);
        let sig = method_sigs::signature_of(class, name);
        Rc::new(move |vm: &mut Vm, args: &[Value]| match args.first() {
            Some(me) if is_exact(me, exact) || vm.is_instance(me, &cls) => {
                if let Some(sig) = sig {
                    method_sigs::check(vm, sig, &cls, name, args.len() - 1, 0)?;
                }
                f(vm, args)
            }
            me => Err(descriptor_error(vm, &cls, name, me)),
        })
    }

    /// For `str`, `list`, `dict` and `tuple`: the payload test that, on an object without an
    /// explicit class, means "an instance of exactly this type" (cheaper than `is_instance`).
    fn exact_payload_test(&self, class: &ObjRef) -> Option<PayloadTest> {
        use super::object::Payload;
        let t = &self.types;
        let tests: [(&ObjRef, PayloadTest); 4] = [
            (&t.str_, |p| matches!(p, Payload::Str(_))),
            (&t.list, |p| matches!(p, Payload::List(_))),
            (&t.dict, |p| matches!(p, Payload::Dict(_))),
            (&t.tuple, |p| matches!(p, Payload::Tuple(_))),
        ];
        tests
            .into_iter()
            .find(|(cls, _)| ObjRef::ptr_eq(cls, class))
            .map(|(_, test)| test)
    }

    /// Stores a built-in method object in a class's namespace.
    fn install_method(
        &self,
        class: &ObjRef,
        name: &'static str,
        func: NativeFnPtr,
        fast: Option<NativeFastPtr>,
    ) {
        let owner = class.as_type().map(|t| t.name.borrow().clone());
        let func = Value::Obj(super::object::Obj::new(
            super::object::Payload::NativeFunction(NativeFunction {
                names: NativeNames::boxed_static(name, owner),
                func,
                is_method: true,
                intrinsic: None,
                fast,
            }),
        ));
        self.set_class_attr(class, name, func);
    }

    /// CALL_METHOD's call of a built-in method through its positional entry (`args` holds
    /// the receiver first); None when `callable` has none.
    #[inline]
    pub fn call_native_fast(
        &mut self,
        callable: &Value,
        args: &[Value],
    ) -> Option<PyResult<Value>> {
        let Some(super::object::Payload::NativeFunction(nf)) = callable.payload() else {
            return None;
        };
        let fast = nf.fast.as_ref()?;
        Some(fast(self, args))
    }

    /// Adds a `staticmethod`-like function (no binding) to a class.
    pub fn add_static(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) {
        let func = self.new_native_fn_checked(class, name, 0, f);
        let sm = Value::Obj(super::object::Obj::new(
            super::object::Payload::StaticMethod(func),
        ));
        self.set_class_attr(class, name, sm);
    }

    /// The function of a static or class method `name` of `class`, checked against its
    /// CPython signature (`method_sigs`) when known; `receivers` leading arguments are not
    /// counted.
    fn new_native_fn_checked(
        &self,
        class: &ObjRef,
        name: &'static str,
        receivers: usize,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) -> Value {
        let f: NativeFnPtr = match method_sigs::signature_of(class, name) {
            Some(sig) => {
                let cls = class.clone();
                Rc::new(move |vm: &mut Vm, args: Args| {
                    // A call without its receiver is left to `f`.
                    if let Some(n) = args.positional.len().checked_sub(receivers) {
                        method_sigs::check(vm, sig, &cls, name, n, args.kwargs.len())?;
                    }
                    f(vm, args)
                })
            }
            None => Rc::new(f),
        };
        plain_native_function(name, f, None)
    }

    /// Adds a `classmethod` (the class is passed first) to a class.
    pub fn add_classmethod(
        &self,
        class: &ObjRef,
        name: &'static str,
        f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
    ) {
        let func = self.new_native_fn_checked(class, name, 1, f);
        let cm = Value::Obj(super::object::Obj::new(
            super::object::Payload::ClassMethod(func),
        ));
        self.set_class_attr(class, name, cm);
    }

    /// Adds a read-only property computed by `getter(vm, self)`.
    pub fn add_getter(
        &self,
        class: &ObjRef,
        name: &str,
        getter: impl Fn(&mut Vm, Value) -> PyResult<Value> + 'static,
    ) {
        let fget = self.new_native_fn(name, move |vm, args| {
            let recv = args.positional.into_iter().next().unwrap_or(Value::None);
            getter(vm, recv)
        });
        let prop = super::object::Payload::Property {
            fget,
            fset: Value::None,
            more: super::object::PropertyMore::default(),
        };
        self.set_class_attr(class, name, Value::Obj(super::object::Obj::new(prop)));
    }

    /// Sets an attribute in a class's namespace (no checks).
    pub fn set_class_attr(&self, class: &ObjRef, name: &str, value: Value) {
        if let Some(table) = class.dict.as_ref().and_then(|d| d.as_dict()) {
            // Not through the name-hash memo: start-up installs ~900 names, and memoising
            // each would allocate a copy of it (the memo fills from later lookups instead).
            let hash = super::hashing::hash_str_uncached(name);
            // The key is the shared `str` object for the name (as CPython's interned
            // identifiers): the built-in types define `__repr__`, `count`, `index` ... over
            // and over, and one object each instead of one per class saves ~300 objects.
            let key = self.attr_cache.names.key(name, hash);
            table.borrow_mut().set_str_with_key(name, hash, key, value);
        }
    }
}

/// A plain builtin function object (no owner class, not a method, not a frame intrinsic).
fn plain_native_function(name: &str, func: NativeFnPtr, fast: Option<NativeFastPtr>) -> Value {
    Value::Obj(super::object::Obj::new(
        super::object::Payload::NativeFunction(NativeFunction {
            names: crate::vm::native::NativeNames::boxed(Rc::from(name), None),
            func,
            is_method: false,
            intrinsic: None,
            fast,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use crate::vm::Vm;
    use crate::vm::value::Value;

    /// The key object stored under a method name in a built-in type's dict.
    fn key_in(vm: &Vm, class: &crate::vm::ObjRef, name: &str) -> Value {
        let dict = class.dict.as_ref().expect("a type has a dict");
        vm.dict_items(dict)
            .into_iter()
            .map(|(k, _)| k)
            .find(|k| k.as_str() == Some(name))
            .expect("the method is defined")
    }

    /// A built-in method's names are its static name and its class's (no allocation for the
    /// name); a function named at run time keeps its own text.
    #[test]
    fn native_function_names() {
        use crate::vm::object::Payload;
        let vm = Vm::new();
        let upper = vm.dict_get_str(vm.types.str_.dict.as_ref().unwrap(), "upper");
        match upper.as_ref().and_then(|v| v.payload()) {
            Some(Payload::NativeFunction(nf)) => {
                assert_eq!((nf.name(), nf.owner()), ("upper", Some("str")));
                assert!(matches!(nf.names.name, super::NativeName::Static("upper")));
            }
            _ => panic!("str.upper is a native function"),
        }
        let made = vm.new_native_fn(&format!("f{}", 1), |_, _| Ok(Value::None));
        match made.payload() {
            Some(Payload::NativeFunction(nf)) => assert_eq!((nf.name(), nf.owner()), ("f1", None)),
            _ => panic!("a native function"),
        }
    }

    /// Built-in types that define a method of the same name share one key object for it
    /// (as CPython's interned identifiers), and each dict still maps it to its own method.
    #[test]
    fn builtin_types_share_method_name_keys() {
        let vm = Vm::new();
        let t = &vm.types;
        let (a, b) = (
            key_in(&vm, &t.list, "count"),
            key_in(&vm, &t.tuple, "count"),
        );
        assert!(
            matches!((&a, &b), (Value::Obj(x), Value::Obj(y)) if crate::vm::ObjRef::ptr_eq(x, y))
        );
        let list_count = vm.dict_get_str(t.list.dict.as_ref().unwrap(), "count");
        let tuple_count = vm.dict_get_str(t.tuple.dict.as_ref().unwrap(), "count");
        match (list_count, tuple_count) {
            (Some(Value::Obj(l)), Some(Value::Obj(u))) => {
                assert!(!crate::vm::ObjRef::ptr_eq(&l, &u))
            }
            _ => panic!("list.count and tuple.count are objects"),
        }
    }
}
