//! Container protocols: the built-in binary operators on sequences/sets, iteration, `len`,
//! subscripting and membership.

use super::dict::DictTable;
use super::object::{IterState, Obj, Payload, ViewKind};
use super::strings::slice_indices;
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use crate::ast::Operator;
use std::cell::RefCell;
use std::ops::ControlFlow;

/// A `(key, value)` tuple for a dict items iterator: the previous one refilled when the
/// iterator holds the only reference to it, else a new one remembered for next time.
fn reuse_pair(last: &mut Option<ObjRef>, key: Value, value: Value) -> Value {
    if let Some(obj) = last.as_mut().and_then(ObjRef::get_mut)
        && let Payload::Tuple(items) = &mut obj.payload
        && let [k, v] = &mut items[..]
    {
        *k = key;
        *v = value;
    } else {
        *last = Some(Obj::new(Payload::Tuple(Box::new([key, value]))));
    }
    Value::Obj(last.clone().expect("just filled"))
}

/// A consumer of the items `Vm::drain_into` hands out (`sum()`, `list()`, `any()`, ...);
/// `Break` ends the iteration early (the iterator is left where it is).
pub trait ItemSink {
    /// Takes `item` if that needs no Python code (nor the VM); else gives it back, and
    /// `take` gets it. The default takes nothing this way.
    #[inline]
    fn take_plain(&mut self, item: Value) -> Result<ControlFlow<()>, Value> {
        Err(item)
    }
    /// Takes any item; may run Python code.
    fn take(&mut self, vm: &mut Vm, item: Value) -> PyResult<ControlFlow<()>>;
    /// The running total of a sink that adds up small ints (`sum()`), when it is one: the
    /// generator feeding it may then add each small int it yields to a copy of it without
    /// leaving its frame (`Vm::resume_for_sink`). None for every other sink.
    #[inline]
    fn int_total(&self) -> Option<i64> {
        None
    }
    /// Sets the total `int_total` gave, with the ints added to it since.
    #[inline]
    fn set_int_total(&mut self, _total: i64) {}
}

/// `for_each_item`'s closure as an `ItemSink`.
struct EachItem<F>(F);

impl<F: FnMut(&mut Vm, Value) -> PyResult<()>> ItemSink for EachItem<F> {
    fn take(&mut self, vm: &mut Vm, item: Value) -> PyResult<ControlFlow<()>> {
        (self.0)(vm, item).map(ControlFlow::Continue)
    }
}

/// `collect`'s items, every one taken without Python code.
struct Collected(Vec<Value>);

impl ItemSink for Collected {
    #[inline]
    fn take_plain(&mut self, item: Value) -> Result<ControlFlow<()>, Value> {
        self.0.push(item);
        Ok(ControlFlow::Continue(()))
    }
    fn take(&mut self, _vm: &mut Vm, item: Value) -> PyResult<ControlFlow<()>> {
        self.0.push(item);
        Ok(ControlFlow::Continue(()))
    }
}

/// `tuple(arg)` on the built-in `tuple` with an exact tuple or list argument: the tuple
/// itself (CPython's tuple_new_impl returns an exact tuple argument unchanged) or a copy of
/// the list's items, without the `__new__` protocol. None for any other argument
/// (a subclass may override `__iter__`), which takes tuple's constructor.
#[inline]
pub fn tuple_call_fast(arg: &Value) -> Option<Value> {
    let Value::Obj(o) = arg else { return None };
    if o.class.is_some() {
        return None;
    }
    match &o.payload {
        Payload::Tuple(_) => Some(arg.clone()),
        Payload::List(items) => {
            let items: Box<[Value]> = items.borrow().as_slice().into();
            Some(Value::Obj(Obj::new(Payload::Tuple(items))))
        }
        _ => None,
    }
}

/// The iterator's last result tuple of `n` items, taken out of `last`, when nothing else
/// holds it (the consumer unpacked or dropped it): it can be refilled instead of a new one
/// allocated, as CPython's zip and enumerate reuse theirs.
/// Its old items are released at once, so that an inner iterator's last result they held
/// (`enumerate(zip(...))`) is free to be refilled too.
fn take_reusable(last: &mut Option<ObjRef>, n: usize) -> Option<ObjRef> {
    let mut t = last.take()?;
    match &mut ObjRef::get_mut(&mut t)?.payload {
        Payload::Tuple(items) if items.len() == n => {
            items.iter_mut().for_each(|v| *v = Value::None);
        }
        _ => return None,
    }
    Some(t)
}

/// The items of `reusable` (a tuple from `take_reusable`, held only here) to overwrite.
fn reusable_slots(reusable: &mut Option<ObjRef>) -> Option<&mut [Value]> {
    match &mut ObjRef::get_mut(reusable.as_mut()?)?.payload {
        Payload::Tuple(slots) => Some(slots),
        _ => None,
    }
}

/// The pair `(a, b)`: `reusable` (from `take_reusable`) refilled, or a new tuple.
fn fill_pair(mut reusable: Option<ObjRef>, a: Value, b: Value) -> ObjRef {
    if let Some([x, y]) = reusable_slots(&mut reusable) {
        *x = a;
        *y = b;
        return reusable.expect("slots came from it");
    }
    Obj::new(Payload::Tuple(Box::new([a, b])))
}

/// UNPACK_SEQUENCE's fast path: an exact tuple or list of exactly `n` items is pushed in
/// reverse order; false (nothing pushed) sends anything else down the general path.
pub fn unpack_exact(seq: &Value, n: usize, stack: &mut super::frame::Stack) -> bool {
    let Value::Obj(o) = seq else { return false };
    if o.class.is_some() {
        return false;
    }
    match &o.payload {
        Payload::Tuple(items) if items.len() == n => {
            push_reversed(items, stack);
            true
        }
        Payload::List(items) if items.borrow().len() == n => {
            push_reversed(&items.borrow(), stack);
            true
        }
        _ => false,
    }
}

/// Pushes `items` last first (UNPACK_SEQUENCE's order); the common pair and triple are
/// pushed as fixed-size arrays, without the per-item loop.
#[inline(always)]
fn push_reversed(items: &[Value], stack: &mut super::frame::Stack) {
    match items {
        [a, b] => stack.extend([b.clone(), a.clone()]),
        [a, b, c] => stack.extend([c.clone(), b.clone(), a.clone()]),
        _ => stack.extend(items.iter().rev().cloned()),
    }
}

/// `container[key]` when it needs no method call and cannot fail: an exact list or tuple
/// and an int index in range (negative ones count from the end). None: take BINARY_SUBSCR.
#[inline(always)]
pub fn item_if_plain(container: &Value, key: &Value) -> Option<Value> {
    let (Value::Obj(o), Value::Int(i)) = (container, key) else {
        return None;
    };
    if o.class.is_some() {
        return None;
    }
    let at = |len: usize| {
        let idx = if *i < 0 { *i + len as i64 } else { *i };
        usize::try_from(idx).ok()
    };
    match &o.payload {
        Payload::List(l) => {
            let l = l.borrow();
            l.get(at(l.len())?).cloned()
        }
        Payload::Tuple(t) => t.get(at(t.len())?).cloned(),
        _ => None,
    }
}

/// One step of a range iterator, inline in FOR_ITER: `Some(next)` (`next` as
/// `iterator_step` gives it) when `cell` is a range iterator, None for any other iterator.
#[inline(always)]
pub fn range_step(cell: &RefCell<IterState>) -> Option<Option<Value>> {
    let mut st = cell.try_borrow_mut().ok()?;
    let IterState::Range { next, step, left } = &mut *st else {
        return None;
    };
    Some(range_next(next, *step, left))
}

/// One step of a dict items iterator whose pair UNPACK_SEQUENCE 2 takes apart at once
/// (`for k, v in d.items()`), inline in FOR_ITER: `Some(Some((key, value)))` without
/// building the pair, `Some(None)` when exhausted, None when `next` is not that unpack, for
/// any other iterator, or for a dict whose size changed (the general step raises).
#[inline]
pub fn dict_items_step_unpacked(
    cell: &RefCell<IterState>,
    next: Option<&crate::bytecode::Instr>,
) -> Option<Option<(Value, Value)>> {
    if !matches!(next, Some(crate::bytecode::Instr::UnpackSequence(2))) {
        return None;
    }
    let mut st = cell.try_borrow_mut().ok()?;
    let IterState::Dict {
        dict,
        pos,
        kind: ViewKind::Items,
        len,
        ..
    } = &mut *st
    else {
        return None;
    };
    let Payload::Dict(table) = &dict.payload else {
        return None;
    };
    let t = table.try_borrow().ok()?;
    if t.len() != *len {
        return None;
    }
    Some(next_entry(&t, pos).map(|e| (e.key.clone(), e.value.clone())))
}

/// A dict iterator's next entry of `t` at or after `*pos`, `*pos` moved past it; at the
/// end None, with `*pos` parked past any entry the table could gain.
#[inline(always)]
fn next_entry<'t>(t: &'t DictTable, pos: &mut usize) -> Option<&'t super::dict::Entry> {
    match t.entry_from(*pos) {
        Some((i, e)) => {
            *pos = i + 1;
            Some(e)
        }
        None => {
            *pos = usize::MAX / 2;
            None
        }
    }
}

/// The next value of a range iterator at `next` with `left` values to go (advanced past
/// it), None when exhausted.
#[inline(always)]
pub(super) fn range_next(next: &mut i64, step: i64, left: &mut u64) -> Option<Value> {
    if *left == 0 {
        return None;
    }
    *left -= 1;
    let v = *next;
    // Past the last value the sum may wrap: it is never read then.
    *next = v.wrapping_add(step);
    Some(Value::Int(v))
}

/// `container[key] = value` when it needs no method call and cannot fail: an exact list
/// and an int index in range. `Err(value)` (nothing stored): take the general path.
#[inline(always)]
pub fn store_if_plain(container: &Value, key: &Value, value: Value) -> Result<(), Value> {
    let (Value::Obj(o), Value::Int(i)) = (container, key) else {
        return Err(value);
    };
    let Payload::List(l) = &o.payload else {
        return Err(value);
    };
    if o.class.is_some() {
        return Err(value);
    }
    let mut l = l.borrow_mut();
    let idx = if *i < 0 { *i + l.len() as i64 } else { *i };
    let Some(slot) = usize::try_from(idx).ok().and_then(|at| l.get_mut(at)) else {
        return Err(value);
    };
    let old = std::mem::replace(slot, value);
    drop(l);
    // The old item may run a finaliser that touches the list: dropped after the borrow.
    drop(old);
    Ok(())
}

impl Vm {
    /// The built-in implementation of a binary operator on two values' payloads;
    /// Ok(None) = NotImplemented.
    pub fn native_binop(&mut self, a: &Value, b: &Value, op: Operator) -> PyResult<Option<Value>> {
        if let Some(v) = self.number_binop(a, b, op)? {
            return Ok(Some(v));
        }
        if op == Operator::Add
            && let Some(v) = super::strings::concat(a, b)
        {
            return Ok(Some(v));
        }
        let (pa, pb) = (a.payload(), b.payload());
        Ok(Some(match (pa, pb, op) {
            (Some(Payload::Str(x)), Some(Payload::Str(y)), Operator::Add) => {
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Value::string(s)
            }
            (Some(Payload::Str(x)), _, Operator::Mult)
            | (_, Some(Payload::Str(x)), Operator::Mult) => {
                let n = if pa.is_some_and(|p| matches!(p, Payload::Str(_))) {
                    b
                } else {
                    a
                };
                let Some(n) = n.as_i64() else { return Ok(None) };
                Value::string(x.as_str().repeat(n.max(0) as usize))
            }
            (Some(Payload::Str(_)), _, Operator::Mod) => {
                let fmt = a.as_str().unwrap_or("").to_string();
                return self.percent_format(&fmt, b).map(Some);
            }
            (Some(Payload::Bytes(x)), Some(Payload::Bytes(y)), Operator::Add) => {
                let mut v = x.to_vec();
                v.extend_from_slice(y);
                Value::Obj(Obj::new(Payload::Bytes(v.into_boxed_slice())))
            }
            (Some(Payload::Bytes(x)), _, Operator::Mult)
            | (_, Some(Payload::Bytes(x)), Operator::Mult) => {
                let n = if pa.is_some_and(|p| matches!(p, Payload::Bytes(_))) {
                    b
                } else {
                    a
                };
                let Some(n) = n.as_i64() else { return Ok(None) };
                Value::Obj(Obj::new(Payload::Bytes(
                    x.repeat(n.max(0) as usize).into_boxed_slice(),
                )))
            }
            (Some(Payload::List(x)), Some(Payload::List(y)), Operator::Add) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                Value::list(v)
            }
            (Some(Payload::Tuple(x)), Some(Payload::Tuple(y)), Operator::Add) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                Value::tuple(v)
            }
            (Some(Payload::List(x)), _, Operator::Mult)
            | (_, Some(Payload::List(x)), Operator::Mult) => {
                let n = if pa.is_some_and(|p| matches!(p, Payload::List(_))) {
                    b
                } else {
                    a
                };
                let Some(n) = n.as_i64() else { return Ok(None) };
                let items = x.borrow().clone();
                let mut v = Vec::with_capacity(items.len() * n.max(0) as usize);
                for _ in 0..n.max(0) {
                    v.extend(items.iter().cloned());
                }
                Value::list(v)
            }
            (Some(Payload::Tuple(x)), _, Operator::Mult)
            | (_, Some(Payload::Tuple(x)), Operator::Mult) => {
                let n = if pa.is_some_and(|p| matches!(p, Payload::Tuple(_))) {
                    b
                } else {
                    a
                };
                let Some(n) = n.as_i64() else { return Ok(None) };
                let mut v = Vec::new();
                for _ in 0..n.max(0) {
                    v.extend(x.iter().cloned());
                }
                Value::tuple(v)
            }
            (
                Some(Payload::Set(_) | Payload::FrozenSet(_)),
                Some(Payload::Set(_) | Payload::FrozenSet(_)),
                _,
            ) => {
                let frozen = matches!(pa, Some(Payload::FrozenSet(_)));
                let (oa, ob) = (
                    a.as_obj().expect("set").clone(),
                    b.as_obj().expect("set").clone(),
                );
                let Some(r) = self.set_binop(&oa, &ob, op)? else {
                    return Ok(None);
                };
                let payload = if frozen {
                    Payload::FrozenSet(RefCell::new(r))
                } else {
                    Payload::Set(RefCell::new(r))
                };
                Value::Obj(Obj::new(payload))
            }
            (
                Some(Payload::DictView { kind, .. }),
                _,
                Operator::BitOr | Operator::BitAnd | Operator::Sub | Operator::BitXor,
            )
            | (
                _,
                Some(Payload::DictView { kind, .. }),
                Operator::BitOr | Operator::BitAnd | Operator::Sub | Operator::BitXor,
            ) if *kind != ViewKind::Values => {
                // Mirrors dictviews_or/and/sub/xor: the view becomes a set first.
                let as_set = |vm: &mut Vm, v: &Value| -> PyResult<Value> {
                    let t = RefCell::new(DictTable::new_set());
                    vm.set_update(&t, v)?;
                    Ok(Value::Obj(Obj::new(Payload::Set(t))))
                };
                let (x, y) = (as_set(self, a)?, as_set(self, b)?);
                return self.native_binop(&x, &y, op);
            }
            (Some(Payload::Dict(_)), Some(Payload::Dict(_)), Operator::BitOr) => {
                let d = self.new_dict();
                for (k, v) in self.dict_items(a.as_obj().expect("dict")) {
                    self.dict_set(&d, k, v)?;
                }
                for (k, v) in self.dict_items(b.as_obj().expect("dict")) {
                    self.dict_set(&d, k, v)?;
                }
                Value::Obj(d)
            }
            _ => return Ok(None),
        }))
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets, building the result in the order CPython's
    /// setobject.c does (so the result iterates identically).
    fn set_binop(&mut self, a: &ObjRef, b: &ObjRef, op: Operator) -> PyResult<Option<DictTable>> {
        let (Some(ta), Some(tb)) = (set_table(a), set_table(b)) else {
            return Ok(None);
        };
        let out = match op {
            Operator::BitOr => {
                let out = RefCell::new(ta.borrow().set_copy());
                let items = tb
                    .borrow()
                    .iter()
                    .map(|e| e.key.clone())
                    .collect::<Vec<_>>();
                out.borrow_mut().set_presize(items.len());
                for k in items {
                    self.table_set(&out, k, Value::None)?;
                }
                out
            }
            Operator::BitAnd => {
                // Iterate the smaller set, test membership in the other (set_intersection).
                let (so, other) = if tb.borrow().len() > ta.borrow().len() {
                    (tb, ta)
                } else {
                    (ta, tb)
                };
                let out = RefCell::new(DictTable::new_set());
                let items = other
                    .borrow()
                    .iter()
                    .map(|e| e.key.clone())
                    .collect::<Vec<_>>();
                for k in items {
                    if self.table_contains(so, &k)? {
                        self.table_set(&out, k, Value::None)?;
                    }
                }
                out
            }
            Operator::Sub => {
                if (ta.borrow().len() >> 2) > tb.borrow().len() {
                    let out = RefCell::new(ta.borrow().set_copy());
                    let items = tb
                        .borrow()
                        .iter()
                        .map(|e| e.key.clone())
                        .collect::<Vec<_>>();
                    for k in items {
                        self.table_remove(&out, &k)?;
                    }
                    out
                } else {
                    let out = RefCell::new(DictTable::new_set());
                    let items = ta
                        .borrow()
                        .iter()
                        .map(|e| e.key.clone())
                        .collect::<Vec<_>>();
                    for k in items {
                        if !self.table_contains(tb, &k)? {
                            self.table_set(&out, k, Value::None)?;
                        }
                    }
                    out
                }
            }
            Operator::BitXor => {
                let out = RefCell::new(tb.borrow().set_copy());
                let items = ta
                    .borrow()
                    .iter()
                    .map(|e| e.key.clone())
                    .collect::<Vec<_>>();
                for k in items {
                    if self.table_remove(&out, &k)?.is_none() {
                        self.table_set(&out, k, Value::None)?;
                    }
                }
                out
            }
            _ => return Ok(None),
        };
        Ok(Some(out.into_inner()))
    }

    /// `set.update(iterable)` into a set table (mirrors set_update_internal: sets merge,
    /// dicts presize, anything else adds item by item).
    pub fn set_update(&mut self, table: &RefCell<DictTable>, iterable: &Value) -> PyResult<()> {
        if let Some(other) = iterable.as_obj().and_then(set_table) {
            let items = other
                .borrow()
                .iter()
                .map(|e| e.key.clone())
                .collect::<Vec<_>>();
            if table.borrow().is_empty() {
                let copy = other.borrow().set_copy();
                *table.borrow_mut() = copy;
                return Ok(());
            }
            table.borrow_mut().set_presize(items.len());
            for k in items {
                self.table_set(table, k, Value::None)?;
            }
            return Ok(());
        }
        if let Some(Payload::Dict(d)) = iterable.payload() {
            let keys = d.borrow().iter().map(|e| e.key.clone()).collect::<Vec<_>>();
            table.borrow_mut().set_presize(keys.len());
            for k in keys {
                self.table_set(table, k, Value::None)?;
            }
            return Ok(());
        }
        let it = self.iter(iterable)?;
        while let Some(k) = self.next(&it)? {
            self.table_set(table, k, Value::None)?;
        }
        Ok(())
    }

    /// Wraps an iterator state as an iterator object.
    pub fn new_iterator(&self, state: IterState) -> Value {
        Value::Obj(Obj::new(Payload::Iterator(RefCell::new(state))))
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        if let Some(f) = self.user_dunder(v, "__iter__") {
            let it = self.call_bound_dunder(&f, v, vec![])?;
            let t = self.type_of(&it);
            if self.lookup_in_mro(&t, "__next__").is_none()
                && !matches!(
                    it.payload(),
                    Some(Payload::Iterator(_)) | Some(Payload::Generator(_))
                )
            {
                return Err(self.new_type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    self.type_name(&it)
                )));
            }
            return Ok(it);
        }
        self.builtin_iter(v)
    }

    /// The built-in part of `iter` (user dunders not consulted).
    pub fn builtin_iter(&mut self, v: &Value) -> PyResult<Value> {
        let state = match v.payload() {
            Some(Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Bytes(_)) => {
                IterState::Seq {
                    seq: v.clone(),
                    index: 0,
                }
            }
            Some(Payload::Range { start, stop, step }) => IterState::range(*start, *stop, *step),
            Some(Payload::Dict(t) | Payload::Set(t) | Payload::FrozenSet(t)) => IterState::Dict {
                dict: v.as_obj().expect("heap").clone(),
                pos: 0,
                kind: ViewKind::Keys,
                len: t.borrow().len(),
                last_item: None,
            },
            Some(Payload::DictView { dict, kind }) => IterState::Dict {
                dict: dict.clone(),
                pos: 0,
                kind: *kind,
                len: dict.as_dict().map(|d| d.borrow().len()).unwrap_or(0),
                last_item: None,
            },
            Some(Payload::Iterator(_)) => return Ok(v.clone()),
            Some(Payload::Generator(g)) if g.kind() == super::generator::GenKind::Generator => {
                return Ok(v.clone());
            }
            _ => {
                let cls = self.type_of(v);
                if let Some(f) = self.lookup_in_mro(&cls, "__iter__")
                    && !f.is_none()
                {
                    return self.call_bound_dunder(&f, v, vec![]);
                }
                if self.lookup_in_mro(&cls, "__getitem__").is_some() {
                    IterState::GetItem {
                        obj: v.clone(),
                        index: 0,
                    }
                } else {
                    return Err(self.new_type_error(format!(
                        "'{}' object is not iterable",
                        self.type_name(v)
                    )));
                }
            }
        };
        Ok(self.new_iterator(state))
    }

    /// `next(it)`: Some(item), or None when exhausted (StopIteration swallowed).
    #[inline]
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // A built-in iterator (a range one inline) and a native iterator class (itertools)
        // step here; everything else takes `next_general`, so the callers stepping these
        // pay no frame setup for the general cases.
        if let Value::Obj(o) = it {
            match &o.payload {
                Payload::Iterator(cell) => {
                    if let Some(item) = range_step(cell) {
                        return Ok(item);
                    }
                    return self.iterator_step(cell);
                }
                Payload::Native(n)
                    if !self.has_user_class(it)
                        && let Some(step) = n.native_next(self, o) =>
                {
                    return step;
                }
                _ => {}
            }
        }
        self.next_general(it)
    }

    /// `next`'s general path (built-in and native iterators were stepped by `next`):
    /// generators and `__next__`.
    #[inline(never)]
    fn next_general(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it.payload() {
            Some(Payload::Generator(_)) => {
                let o = it.as_obj().expect("a generator is a heap object");
                match self.gen_send(o, Value::None)? {
                    super::generator::SendResult::Yield(v) => Ok(Some(v)),
                    super::generator::SendResult::Return(_) => Ok(None),
                }
            }
            _ => {
                if let Some(r) = self.user_next(it) {
                    return r;
                }
                let cls = self.type_of(it);
                let Some(f) = self.next_method(&cls) else {
                    return Err(self.new_type_error(format!(
                        "'{}' object is not an iterator",
                        self.type_name(it)
                    )));
                };
                match self.call_bound_dunder(&f, it, vec![]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.exc_matches(&e, &self.exc.stop_iteration.clone()) => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// Advances a built-in iterator (no RefCell borrow is held across VM calls).
    pub fn iterator_step(&mut self, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
        let mut st = cell.borrow_mut();
        match &mut *st {
            IterState::Seq { seq, index } => {
                let i = *index;
                let item = match seq.payload() {
                    Some(Payload::List(l)) => l.borrow().get(i).cloned(),
                    Some(Payload::Tuple(t)) => t.get(i).cloned(),
                    Some(Payload::Str(s)) => {
                        if s.ascii {
                            s.as_str()
                                .as_bytes()
                                .get(i)
                                .map(|b| super::strings::char_value(*b as char))
                        } else {
                            // Keep a byte offset in `index` for non-ASCII strings.
                            let rest = &s.as_str()[i.min(s.as_str().len())..];
                            match rest.chars().next() {
                                Some(c) => {
                                    *index += c.len_utf8();
                                    return Ok(Some(super::strings::char_value(c)));
                                }
                                None => None,
                            }
                        }
                    }
                    Some(Payload::Bytes(b)) => b.get(i).map(|x| Value::Int(*x as i64)),
                    _ => None,
                };
                match item {
                    Some(v) => {
                        *index += 1;
                        Ok(Some(v))
                    }
                    None => {
                        *st = IterState::Exhausted;
                        Ok(None)
                    }
                }
            }
            IterState::Range { next, step, left } => Ok(range_next(next, *step, left)),
            IterState::Dict {
                dict,
                pos,
                kind,
                len,
                last_item,
            } => {
                let (table, is_set) = match &dict.payload {
                    Payload::Dict(t) => (t, false),
                    Payload::Set(t) | Payload::FrozenSet(t) => (t, true),
                    _ => return Ok(None),
                };
                let t = table.borrow();
                if t.len() != *len {
                    *len = usize::MAX;
                    let msg = if is_set {
                        "Set changed size during iteration"
                    } else {
                        "dictionary changed size during iteration"
                    };
                    drop(t);
                    drop(st);
                    return Err(self.new_runtime_error(msg));
                }
                Ok(next_entry(&t, pos).map(|e| match kind {
                    ViewKind::Keys => e.key.clone(),
                    ViewKind::Values => e.value.clone(),
                    ViewKind::Items => reuse_pair(last_item, e.key.clone(), e.value.clone()),
                }))
            }
            IterState::GetItem { obj, index } => {
                let (obj, i) = (obj.clone(), *index);
                *index += 1;
                drop(st);
                match self.get_item(&obj, &Value::Int(i)) {
                    Ok(v) => Ok(Some(v)),
                    Err(e)
                        if self.exc_matches(&e, &self.exc.index_error.clone())
                            || self.exc_matches(&e, &self.exc.stop_iteration.clone()) =>
                    {
                        *cell.borrow_mut() = IterState::Exhausted;
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            IterState::Callable { func, sentinel } => {
                let (func, sentinel) = (func.clone(), sentinel.clone());
                drop(st);
                let v = self.call(&func, vec![])?;
                if self.eq(&v, &sentinel)? {
                    *cell.borrow_mut() = IterState::Exhausted;
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
            IterState::Enumerate { iter, count, last } => {
                let (iter, c) = (iter.clone(), count.clone());
                let reusable = take_reusable(last, 2);
                drop(st);
                match self.next(&Value::Obj(iter))? {
                    Some(v) => {
                        // Mirrors enum_next: a small count steps without an int object's
                        // `__add__`.
                        let next = match c {
                            Value::Int(i) if i < i64::MAX => Value::Int(i + 1),
                            _ => self.binary_op(&c, &Value::Int(1), Operator::Add)?,
                        };
                        let pair = fill_pair(reusable, c, v);
                        if let IterState::Enumerate { count, last, .. } = &mut *cell.borrow_mut() {
                            *count = next;
                            *last = Some(pair.clone());
                        }
                        Ok(Some(Value::Obj(pair)))
                    }
                    None => Ok(None),
                }
            }
            IterState::Zip {
                iters,
                strict,
                last,
            } => {
                let (iters, strict) = (iters.clone(), *strict);
                let mut reusable = take_reusable(last, iters.len());
                drop(st);
                if iters.is_empty() {
                    return Ok(None);
                }
                // The items go straight into the reusable tuple when there is one.
                let mut slots = reusable_slots(&mut reusable);
                let mut out = Vec::with_capacity(if slots.is_some() { 0 } else { iters.len() });
                for (i, it) in iters.iter().enumerate() {
                    match self.next(it)? {
                        Some(v) => match &mut slots {
                            Some(slots) => slots[i] = v,
                            None => out.push(v),
                        },
                        None => {
                            *cell.borrow_mut() = IterState::Exhausted;
                            if strict && i > 0 {
                                let plural = if i == 1 { " " } else { "s 1-" };
                                return Err(self.new_value_error(format!(
                                    "zip() argument {} is shorter than argument{plural}{}",
                                    i + 1,
                                    i
                                )));
                            }
                            if strict && i == 0 {
                                for (j, other) in iters.iter().enumerate().skip(1) {
                                    if self.next(other)?.is_some() {
                                        let plural = if j == 1 { " " } else { "s 1-" };
                                        return Err(self.new_value_error(format!(
                                            "zip() argument {} is longer than argument{plural}{}",
                                            j + 1,
                                            j
                                        )));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                let tuple = match (slots.is_some(), reusable) {
                    (true, Some(t)) => t,
                    _ => Obj::new(Payload::Tuple(out.into_boxed_slice())),
                };
                if let IterState::Zip { last, .. } = &mut *cell.borrow_mut() {
                    *last = Some(tuple.clone());
                }
                Ok(Some(Value::Obj(tuple)))
            }
            IterState::Map { func, iters } => {
                let (func, iters) = (func.clone(), iters.clone());
                drop(st);
                let mut args = Vec::with_capacity(iters.len());
                for it in iters.iter() {
                    match self.next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                self.call(&func, args).map(Some)
            }
            IterState::Filter { func, iter } => {
                let (func, iter) = (func.clone(), iter.clone());
                drop(st);
                loop {
                    let Some(v) = self.next(&iter)? else {
                        return Ok(None);
                    };
                    let keep = if func.is_none() {
                        self.truthy(&v)?
                    } else {
                        let r = self.call(&func, vec![v.clone()])?;
                        self.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
            }
            IterState::Reversed { seq, remaining } => {
                if *remaining == 0 {
                    return Ok(None);
                }
                *remaining -= 1;
                let (seq, i) = (seq.clone(), *remaining);
                drop(st);
                match self.get_item(&seq, &Value::Int(i as i64)) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.exc_matches(&e, &self.exc.index_error.clone()) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            IterState::Exhausted => Ok(None),
        }
    }

    /// All items of an iterable the caller owns: a list or tuple nothing else refers to (the
    /// temporary of `f(*[...])`, `[*xs]`, `tuple(...)` of an unpacking) gives up its items
    /// without a copy (100k items are 1.6 MB); anything else is collected as `collect` does.
    pub fn collect_owned(&mut self, v: Value) -> PyResult<Vec<Value>> {
        if self.has_user_class(&v)
            || !matches!(v.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
        {
            return self.collect(&v);
        }
        let Value::Obj(o) = v else {
            unreachable!("a list or tuple is an object");
        };
        match ObjRef::try_unwrap(o) {
            Ok(obj) => Ok(match obj.payload {
                Payload::List(items) => items.into_inner(),
                Payload::Tuple(items) => items.into_vec(),
                _ => unreachable!("matched a list or tuple above"),
            }),
            Err(o) => self.collect(&Value::Obj(o)),
        }
    }

    /// All items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if !self.has_user_class(v) {
            match v.payload() {
                Some(Payload::List(l)) => return Ok(l.borrow().clone()),
                Some(Payload::Tuple(t)) => return Ok(t.to_vec()),
                _ => {}
            }
        }
        let it = self.iter(v)?;
        let mut out = Collected(Vec::new());
        self.drain_into(&it, &mut out)?;
        Ok(out.0)
    }

    /// Calls `each` with every item of the iterator `it`, as `for x in it` does (a Python
    /// generator is driven by `gen_for_each`, without a `next()` per item).
    pub fn for_each_item(
        &mut self,
        it: &Value,
        each: impl FnMut(&mut Vm, Value) -> PyResult<()>,
    ) -> PyResult<()> {
        self.drain_into(it, &mut EachItem(each))
    }

    /// Hands every item of the iterator `it` to `sink`, as `for x in it` does (a Python
    /// generator is driven by `gen_for_each`, without a `next()` per item).
    pub fn drain_into(&mut self, it: &Value, sink: &mut impl ItemSink) -> PyResult<()> {
        if let Value::Obj(o) = it
            && let Payload::Generator(g) = &o.payload
            && g.kind() == super::generator::GenKind::Generator
        {
            return self.gen_for_each(o, sink);
        }
        while let Some(x) = self.next(it)? {
            if sink.take(self, x)?.is_break() {
                break;
            }
        }
        Ok(())
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        if let Some(f) = self.user_dunder(v, "__len__") {
            let r = self.call_bound_dunder(&f, v, vec![])?;
            let n = self.index_value(&r)?;
            if n < 0 {
                return Err(self.new_value_error("__len__() should return >= 0"));
            }
            return Ok(n as usize);
        }
        match v.payload() {
            Some(Payload::Str(s)) => Ok(s.char_len()),
            Some(Payload::Bytes(b)) => Ok(b.len()),
            Some(Payload::List(l)) => Ok(l.borrow().len()),
            Some(Payload::Tuple(t)) => Ok(t.len()),
            Some(Payload::Dict(t) | Payload::Set(t) | Payload::FrozenSet(t)) => {
                Ok(t.borrow().len())
            }
            Some(Payload::DictView { dict, .. }) => {
                Ok(dict.as_dict().map(|d| d.borrow().len()).unwrap_or(0))
            }
            Some(Payload::Range { start, stop, step }) => Ok(range_len(*start, *stop, *step)),
            _ => {
                let cls = self.type_of(v);
                if let Some(f) = self.lookup_in_mro(&cls, "__len__") {
                    let r = self.call_bound_dunder(&f, v, vec![])?;
                    return Ok(self.index_value(&r)?.max(0) as usize);
                }
                Err(self.new_type_error(format!(
                    "object of type '{}' has no len()",
                    self.type_name(v)
                )))
            }
        }
    }

    /// Normalises an index for a sequence of `len`, or None if out of range.
    fn seq_index(&mut self, key: &Value, len: usize, what: &str) -> PyResult<Option<usize>> {
        let Some(i) = key.as_i64().or_else(|| {
            if key.is_int_like() {
                Some(i64::MAX)
            } else {
                None
            }
        }) else {
            let i = match self.user_dunder(key, "__index__") {
                Some(_) => self.index_value(key)?,
                // CPython words str's error apart (unicode_subscript).
                None if what == "string" => {
                    let msg = format!(
                        "string indices must be integers, not '{}'",
                        self.type_name(key)
                    );
                    return Err(self.new_type_error(msg));
                }
                None => {
                    return Err(self.new_type_error(format!(
                        "{what} indices must be integers or slices, not {}",
                        self.type_name(key)
                    )));
                }
            };
            return Ok(normalize(i, len));
        };
        Ok(normalize(i, len))
    }

    /// The (start, stop, step) of a slice object as optional ints.
    pub fn slice_parts(&mut self, s: &Value) -> PyResult<(Option<i64>, Option<i64>, i64)> {
        let Some(Payload::Slice { start, stop, step }) = s.payload() else {
            return Err(self.new_type_error("expected a slice"));
        };
        let (start, stop, step) = (start.clone(), stop.clone(), step.clone());
        let conv = |vm: &mut Vm, v: &Value| -> PyResult<Option<i64>> {
            if v.is_none() {
                Ok(None)
            } else if let Some(i) = v.as_i64() {
                Ok(Some(i))
            } else if v.is_int_like() {
                Ok(Some(
                    if v.as_bigint()
                        .is_some_and(|b| num_traits::Signed::is_negative(&b))
                    {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    },
                ))
            } else {
                match vm.user_dunder(v, "__index__") {
                    Some(_) => vm.index_value(v).map(Some),
                    None => Err(vm.new_type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )),
                }
            }
        };
        let a = conv(self, &start)?;
        let b = conv(self, &stop)?;
        let c = conv(self, &step)?.unwrap_or(1);
        if c == 0 {
            return Err(self.new_value_error("slice step cannot be zero"));
        }
        Ok((a, b, c))
    }

    /// `container[key]`.
    pub fn get_item(&mut self, c: &Value, key: &Value) -> PyResult<Value> {
        if let Some(f) = self.user_dunder(c, "__getitem__") {
            return self.call_bound_dunder(&f, c, vec![key.clone()]);
        }
        self.builtin_get_item(c, key)
    }

    /// The built-in part of `get_item` (user dunders not consulted).
    pub fn builtin_get_item(&mut self, c: &Value, key: &Value) -> PyResult<Value> {
        let is_slice = matches!(key.payload(), Some(Payload::Slice { .. }));
        match c.payload() {
            Some(Payload::List(l)) => {
                if is_slice {
                    let (a, b, s) = self.slice_parts(key)?;
                    let items = l.borrow();
                    let out: Vec<Value> = slice_indices(a, b, s, items.len())
                        .into_iter()
                        .map(|i| items[i].clone())
                        .collect();
                    return Ok(Value::list(out));
                }
                let len = l.borrow().len();
                match self.seq_index(key, len, "list")? {
                    Some(i) => Ok(l.borrow()[i].clone()),
                    None => Err(self.new_index_error("list index out of range")),
                }
            }
            Some(Payload::Tuple(t)) => {
                if is_slice {
                    let (a, b, s) = self.slice_parts(key)?;
                    let out: Vec<Value> = slice_indices(a, b, s, t.len())
                        .into_iter()
                        .map(|i| t[i].clone())
                        .collect();
                    return Ok(Value::tuple(out));
                }
                match self.seq_index(key, t.len(), "tuple")? {
                    Some(i) => Ok(t[i].clone()),
                    None => Err(self.new_index_error("tuple index out of range")),
                }
            }
            Some(Payload::Str(s)) => {
                if is_slice {
                    let (a, b, st) = self.slice_parts(key)?;
                    if st == 1 {
                        let (lo, hi) = super::strings::str_slice_range(s.as_str(), s.ascii, a, b);
                        if lo == 0
                            && hi == s.as_str().len()
                            && c.as_obj().is_some_and(|o| o.class.is_none())
                        {
                            return Ok(c.clone());
                        }
                        return Ok(Value::str(&s.as_str()[lo..hi]));
                    }
                    let idx = slice_indices(a, b, st, s.char_len());
                    if s.ascii {
                        let bytes = s.as_str().as_bytes();
                        let out: String = idx.into_iter().map(|i| bytes[i] as char).collect();
                        return Ok(Value::string(out));
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    return Ok(Value::string(idx.into_iter().map(|i| chars[i]).collect()));
                }
                let len = s.char_len();
                match self.seq_index(key, len, "string")? {
                    Some(i) => Ok(super::strings::char_at(s.as_str(), s.ascii, i)
                        .map(super::strings::char_value)
                        .unwrap_or_else(|| Value::str(""))),
                    None => Err(self.new_index_error("string index out of range")),
                }
            }
            Some(Payload::Bytes(b)) => {
                if is_slice {
                    let (x, y, st) = self.slice_parts(key)?;
                    let out: Vec<u8> = slice_indices(x, y, st, b.len())
                        .into_iter()
                        .map(|i| b[i])
                        .collect();
                    return Ok(Value::Obj(Obj::new(Payload::Bytes(out.into_boxed_slice()))));
                }
                match self.seq_index(key, b.len(), "byte")? {
                    Some(i) => Ok(Value::Int(b[i] as i64)),
                    None => Err(self.new_index_error("index out of range")),
                }
            }
            Some(Payload::Range { start, stop, step }) => {
                let (start, stop, step) = (*start, *stop, *step);
                let len = range_len(start, stop, step);
                if is_slice {
                    // Mirrors rangeobject.c compute_slice: slicing a range is a range.
                    let (a, b, s) = self.slice_parts(key)?;
                    let (lo, hi) = slice_bounds(a, b, s, len as i64);
                    return Ok(Value::Obj(Obj::new(Payload::Range {
                        start: start + step * lo,
                        stop: start + step * hi,
                        step: step * s,
                    })));
                }
                match self.seq_index(key, len, "range")? {
                    Some(i) => Ok(Value::Int(start + step * i as i64)),
                    None => Err(self.new_index_error("range object index out of range")),
                }
            }
            Some(Payload::Dict(_)) => {
                let d = c.as_obj().expect("heap").clone();
                match self.dict_get(&d, key)? {
                    Some(v) => Ok(v),
                    None => {
                        if self.has_user_class(c) {
                            let cls = self.type_of(c);
                            if let Some(m) = self.lookup_in_mro(&cls, "__missing__") {
                                return self.call_bound_dunder(&m, c, vec![key.clone()]);
                            }
                        }
                        Err(self.new_key_error(key.clone()))
                    }
                }
            }
            Some(Payload::Type(_)) => {
                let cls = c.as_obj().expect("heap").clone();
                if let Some(f) = self.lookup_in_mro(&cls, "__class_getitem__") {
                    let bound = match f.payload() {
                        Some(Payload::ClassMethod(inner)) => inner.clone(),
                        _ => f,
                    };
                    return self.call(&bound, vec![c.clone(), key.clone()]);
                }
                if !cls.as_type().is_some_and(|t| t.is_heap) {
                    return Ok(c.clone());
                }
                Err(self.new_type_error(format!(
                    "type '{}' is not subscriptable",
                    self.class_name(&cls)
                )))
            }
            _ => {
                let cls = self.type_of(c);
                if let Some(f) = self.lookup_in_mro(&cls, "__getitem__") {
                    return self.call_bound_dunder(&f, c, vec![key.clone()]);
                }
                Err(self.new_type_error(format!(
                    "'{}' object is not subscriptable",
                    self.type_name(c)
                )))
            }
        }
    }

    /// `container[key] = value`.
    pub fn set_item(&mut self, c: &Value, key: &Value, value: Value) -> PyResult<()> {
        // An exact dict (`d[k] = v`, the commonest store): straight into its table.
        if let Value::Obj(o) = c
            && o.class.is_none()
            && let Payload::Dict(table) = &o.payload
        {
            return self.table_set(table, key.clone(), value);
        }
        if let Some(f) = self.user_dunder(c, "__setitem__") {
            self.call_bound_dunder(&f, c, vec![key.clone(), value])?;
            return Ok(());
        }
        self.builtin_set_item(c, key, value)
    }

    /// The built-in part of `set_item` (user dunders not consulted).
    pub fn builtin_set_item(&mut self, c: &Value, key: &Value, value: Value) -> PyResult<()> {
        match c.payload() {
            Some(Payload::List(l)) => {
                if matches!(key.payload(), Some(Payload::Slice { .. })) {
                    let (a, b, s) = self.slice_parts(key)?;
                    let new_items = self.collect(&value)?;
                    let len = l.borrow().len();
                    let idx = slice_indices(a, b, s, len);
                    if s == 1 {
                        let start = normalize_clamp(a, len, 0);
                        let stop = normalize_clamp(b, len, len).max(start);
                        l.borrow_mut().splice(start..stop, new_items);
                        return Ok(());
                    }
                    if idx.len() != new_items.len() {
                        return Err(self.new_value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new_items.len(),
                            idx.len()
                        )));
                    }
                    let mut items = l.borrow_mut();
                    for (i, v) in idx.into_iter().zip(new_items) {
                        items[i] = v;
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                match self.seq_index(key, len, "list")? {
                    Some(i) => {
                        let old = std::mem::replace(&mut l.borrow_mut()[i], value);
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.new_index_error("list assignment index out of range")),
                }
            }
            Some(Payload::Dict(_)) => {
                let d = c.as_obj().expect("heap").clone();
                self.dict_set(&d, key.clone(), value)
            }
            _ => {
                let cls = self.type_of(c);
                if let Some(f) = self.lookup_in_mro(&cls, "__setitem__") {
                    self.call_bound_dunder(&f, c, vec![key.clone(), value])?;
                    return Ok(());
                }
                Err(self.new_type_error(format!(
                    "'{}' object does not support item assignment",
                    self.type_name(c)
                )))
            }
        }
    }

    /// `del container[key]`.
    pub fn del_item(&mut self, c: &Value, key: &Value) -> PyResult<()> {
        if let Some(f) = self.user_dunder(c, "__delitem__") {
            self.call_bound_dunder(&f, c, vec![key.clone()])?;
            return Ok(());
        }
        self.builtin_del_item(c, key)
    }

    /// The built-in part of `del_item` (user dunders not consulted).
    pub fn builtin_del_item(&mut self, c: &Value, key: &Value) -> PyResult<()> {
        match c.payload() {
            Some(Payload::List(l)) => {
                if matches!(key.payload(), Some(Payload::Slice { .. })) {
                    let (a, b, s) = self.slice_parts(key)?;
                    let len = l.borrow().len();
                    let mut idx = slice_indices(a, b, s, len);
                    idx.sort_unstable();
                    let mut items = l.borrow_mut();
                    for i in idx.into_iter().rev() {
                        items.remove(i);
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                match self.seq_index(key, len, "list")? {
                    Some(i) => {
                        let old = l.borrow_mut().remove(i);
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.new_index_error("list assignment index out of range")),
                }
            }
            Some(Payload::Dict(_)) => {
                let d = c.as_obj().expect("heap").clone();
                match self.dict_remove(&d, key)? {
                    Some(_) => Ok(()),
                    None => Err(self.new_key_error(key.clone())),
                }
            }
            _ => {
                let cls = self.type_of(c);
                if let Some(f) = self.lookup_in_mro(&cls, "__delitem__") {
                    self.call_bound_dunder(&f, c, vec![key.clone()])?;
                    return Ok(());
                }
                Err(self.new_type_error(format!(
                    "'{}' object doesn't support item deletion",
                    self.type_name(c)
                )))
            }
        }
    }

    /// `item in container`.
    pub fn contains(&mut self, c: &Value, item: &Value) -> PyResult<bool> {
        if let Some(f) = self.user_dunder(c, "__contains__") {
            let r = self.call_bound_dunder(&f, c, vec![item.clone()])?;
            return self.truthy(&r);
        }
        self.builtin_contains(c, item)
    }

    /// The built-in part of `contains` (user dunders not consulted).
    pub fn builtin_contains(&mut self, c: &Value, item: &Value) -> PyResult<bool> {
        match c.payload() {
            Some(Payload::Str(s)) => match item.as_str() {
                Some(sub) => Ok(crate::builtins::str_algo::find_text(s.as_str(), sub).is_some()),
                None => Err(self.new_type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    self.type_name(item)
                ))),
            },
            // Mirrors bytes_contains: a subsequence or a single byte value.
            Some(Payload::Bytes(hay)) => match item.payload() {
                Some(Payload::Bytes(needle)) => {
                    Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == &needle[..]))
                }
                _ if item.is_int_like() => {
                    let byte = self.index_value(item)?;
                    if !(0..256).contains(&byte) {
                        return Err(self.new_value_error("byte must be in range(0, 256)"));
                    }
                    Ok(hay.contains(&(byte as u8)))
                }
                _ => Err(self.new_type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    self.type_name(item)
                ))),
            },
            Some(Payload::Dict(t) | Payload::Set(t) | Payload::FrozenSet(t)) => {
                self.table_contains(t, item)
            }
            Some(Payload::DictView {
                dict,
                kind: ViewKind::Keys,
            }) => {
                let d = dict.clone();
                self.dict_get(&d, item).map(|v| v.is_some())
            }
            Some(Payload::DictView {
                dict,
                kind: ViewKind::Items,
            }) => {
                let d = dict.clone();
                let (k, v) = match item.as_tuple() {
                    Some([k, v]) => (k.clone(), v.clone()),
                    _ => return Ok(false),
                };
                match self.dict_get(&d, &k)? {
                    Some(found) => self.eq(&found, &v),
                    None => Ok(false),
                }
            }
            Some(Payload::DictView {
                dict,
                kind: ViewKind::Values,
            }) => {
                let values: Vec<Value> =
                    self.dict_items(dict).into_iter().map(|(_, v)| v).collect();
                self.contains_in(&values, item)
            }
            Some(Payload::Range { start, stop, step }) => {
                let (start, stop, step) = (*start, *stop, *step);
                match item.as_i64() {
                    Some(i) => Ok(if step > 0 {
                        i >= start && i < stop
                    } else {
                        i <= start && i > stop
                    } && (i - start) % step == 0),
                    None => {
                        let items = self.collect(c)?;
                        self.contains_in(&items, item)
                    }
                }
            }
            Some(Payload::List(l)) => {
                let items = l.borrow().clone();
                self.contains_in(&items, item)
            }
            Some(Payload::Tuple(t)) => {
                let items = t.to_vec();
                self.contains_in(&items, item)
            }
            _ => {
                let cls = self.type_of(c);
                if let Some(f) = self.lookup_in_mro(&cls, "__contains__") {
                    let r = self.call_bound_dunder(&f, c, vec![item.clone()])?;
                    return self.truthy(&r);
                }
                let it = match self.iter(c) {
                    Ok(it) => it,
                    Err(_) => {
                        return Err(self.new_type_error(format!(
                            "argument of type '{}' is not iterable",
                            self.type_name(c)
                        )));
                    }
                };
                while let Some(x) = self.next(&it)? {
                    if self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    fn contains_in(&mut self, items: &[Value], item: &Value) -> PyResult<bool> {
        for x in items {
            if self.eq(x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Start and stop of a slice clipped to a sequence of `len` items (`slice.indices`).
fn slice_bounds(start: Option<i64>, stop: Option<i64>, step: i64, len: i64) -> (i64, i64) {
    let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let clip = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(v) => {
            let v = if v < 0 { v + len } else { v };
            if v < 0 {
                if step < 0 { -1 } else { 0 }
            } else if v >= len {
                if step < 0 { len - 1 } else { len }
            } else {
                v
            }
        }
    };
    (clip(start, lo_default), clip(stop, hi_default))
}

/// Number of items in `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> usize {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as usize
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as usize
    } else {
        0
    }
}

fn normalize(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    if j >= 0 && j < len {
        Some(j as usize)
    } else {
        None
    }
}

fn normalize_clamp(i: Option<i64>, len: usize, default: usize) -> usize {
    match i {
        None => default,
        Some(i) => {
            let len = len as i64;
            let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
            j as usize
        }
    }
}

/// The table of a set or frozenset object.
fn set_table(o: &ObjRef) -> Option<&RefCell<DictTable>> {
    match &o.payload {
        Payload::Set(t) | Payload::FrozenSet(t) => Some(t),
        _ => None,
    }
}
