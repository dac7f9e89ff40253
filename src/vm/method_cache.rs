//! CALL_METHOD on an exact built-in receiver (`str`, `list`, `dict`, `tuple`, `set`,
//! `bytes`, `int`, `float`): the method's positional entry is found in a small cache keyed by
//! the call's name and the receiver's type, and called on the stack's arguments, without
//! the general path's look-ups (instance method, generator `send`, class attribute cache,
//! instance dict) and without building `Args`.
//!
//! No version check is needed: these types are immutable (setting an attribute on them
//! raises TypeError) and their exact instances have no `__dict__`; a subclass instance has
//! an explicit class and never comes here.

use std::rc::Rc;

use super::native::NativeFastPtr;
use super::object::Payload;
use super::value::Value;
use super::{PyResult, Vm};

/// Number of cache slots (a power of two).
const SLOTS: usize = 128;

/// One cached look-up: method `name` of the built-in type of kind `kind`.
struct Entry {
    /// The call site's name (held so that its address, the key, is not reused).
    name: Rc<str>,
    /// The receiver's kind (see `receiver_kind`).
    kind: u8,
    /// The method's positional entry; None when the attribute is no built-in method with
    /// one (the call takes the general path).
    fast: Option<NativeFastPtr>,
}

/// The direct-mapped cache of built-in methods CALL_METHOD found (see the module doc).
pub struct MethodCache {
    /// The slots, indexed by `slot`.
    entries: Box<[Option<Entry>]>,
}

impl Default for MethodCache {
    /// An empty cache.
    fn default() -> Self {
        MethodCache {
            entries: (0..SLOTS).map(|_| None).collect(),
        }
    }
}

/// The kind of an exact built-in receiver whose methods the cache serves; None for every
/// other value (instances of classes, subclasses of built-ins, modules, types, ...).
#[inline(always)]
fn receiver_kind(v: &Value) -> Option<u8> {
    match v {
        Value::Int(_) => Some(7),
        Value::Float(_) => Some(8),
        Value::Obj(o) if o.class.is_none() => match &o.payload {
            Payload::Str(_) => Some(1),
            Payload::List(_) => Some(2),
            Payload::Dict(_) => Some(3),
            Payload::Tuple(_) => Some(4),
            Payload::Set(_) => Some(5),
            Payload::Bytes(_) => Some(6),
            _ => None,
        },
        _ => None,
    }
}

/// The slot of name `name` on a receiver of kind `kind`.
#[inline(always)]
fn slot(name: &Rc<str>, kind: u8) -> usize {
    let addr = Rc::as_ptr(name) as *const u8 as usize;
    ((addr >> 3) ^ (kind as usize).wrapping_mul(0x2f)) & (SLOTS - 1)
}

impl Vm {
    /// CALL_METHOD `name` with `n` arguments, the receiver and arguments being the top
    /// `n + 1` values of `stack`: an exact list's `append`/`pop` (`list_calls`), an exact
    /// dict's `get`, and any other built-in method with a positional entry on an exact
    /// built-in receiver are called here, their result replacing the receiver and arguments.
    /// Ok(false), with the stack untouched, for every other call (the general path).
    #[inline(always)]
    pub(super) fn call_builtin_method(
        &mut self,
        stack: &mut super::frame::Stack,
        name: &Rc<str>,
        n: usize,
    ) -> PyResult<bool> {
        let Some(base) = stack.len().checked_sub(n + 1) else {
            return Ok(false);
        };
        // Instances of Python classes (the commonest receivers) leave at the first test.
        let Some(kind) = receiver_kind(&stack[base]) else {
            return Ok(false);
        };
        if kind == 2 && super::list_calls::call_list_method(stack, name, n) {
            return Ok(true);
        }
        if kind == 3
            && let Some(r) = self.dict_get_call(name, &stack[base..])
        {
            let v = r?;
            stack.truncate(base);
            stack.push(v);
            return Ok(true);
        }
        let Some(fast) = self.cached_builtin_method(name, kind) else {
            return Ok(false);
        };
        let v = fast(self, &stack[base..])?;
        stack.truncate(base);
        stack.push(v);
        Ok(true)
    }

    /// The positional entry of method `name` of the built-in type of kind `kind`, from the
    /// cache or looked up (and cached) now; None when there is none.
    #[inline(always)]
    fn cached_builtin_method(&mut self, name: &Rc<str>, kind: u8) -> Option<NativeFastPtr> {
        let i = slot(name, kind);
        if let Some(e) = &self.builtin_methods.entries[i]
            && e.kind == kind
            && Rc::ptr_eq(&e.name, name)
        {
            return e.fast.clone();
        }
        self.fill_builtin_method(i, name, kind)
    }

    /// A cache miss: looks the method up on the type and stores what it found in slot `i`.
    #[inline(never)]
    fn fill_builtin_method(&mut self, i: usize, name: &Rc<str>, kind: u8) -> Option<NativeFastPtr> {
        let t = &self.types;
        let cls = match kind {
            1 => &t.str_,
            2 => &t.list,
            3 => &t.dict,
            4 => &t.tuple,
            5 => &t.set,
            6 => &t.bytes,
            7 => &t.int,
            _ => &t.float,
        };
        let fast = match self
            .lookup_in_mro(cls, name)
            .as_ref()
            .and_then(Value::payload)
        {
            Some(Payload::NativeFunction(nf)) if nf.is_method && nf.intrinsic.is_none() => {
                nf.fast.clone()
            }
            _ => None,
        };
        self.builtin_methods.entries[i] = Some(Entry {
            name: name.clone(),
            kind,
            fast: fast.clone(),
        });
        fast
    }
}
