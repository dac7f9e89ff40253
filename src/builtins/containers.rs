//! `list`, `tuple`, `dict`, `set`, `frozenset`, `range`, `slice`, dict views and the built-in
//! iterator types (`enumerate`, `zip`, `map`, `filter`, `reversed`, ...).

use super::object::add_new;
use super::self_arg;
use crate::ast::Operator;
use crate::vm::dict::DictTable;
use crate::vm::native::check_count;
use crate::vm::object::{IterState, Obj, Payload, ViewKind};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

fn list_of<'a>(vm: &mut Vm, v: &'a Value, name: &str) -> PyResult<&'a RefCell<Vec<Value>>> {
    match v.payload() {
        Some(Payload::List(l)) => Ok(l),
        _ => Err(vm.new_type_error(format!(
            "descriptor '{name}' for 'list' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

fn table_of<'a>(vm: &mut Vm, v: &'a Value, name: &str) -> PyResult<&'a RefCell<DictTable>> {
    match v.payload() {
        Some(Payload::Dict(t) | Payload::Set(t) | Payload::FrozenSet(t)) => Ok(t),
        _ => Err(vm.new_type_error(format!(
            "descriptor '{name}' requires a container, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// A new instance of `cls` (a list/dict/set subclass) or the exact type.
fn new_of(vm: &mut Vm, cls: &ObjRef, payload: Payload) -> Value {
    let exact = cls.as_type().is_some_and(|t| !t.is_heap);
    if exact {
        let o = Obj::new(payload);
        if ObjRef::ptr_eq(&vm.type_of(&Value::Obj(o.clone())), cls) {
            return Value::Obj(o);
        }
        return Value::Obj(Obj::with_class(
            cls.clone(),
            None,
            match &o.payload {
                Payload::Set(t) => Payload::Set(RefCell::new(t.borrow().clone())),
                _ => payload_clone_empty(&o.payload),
            },
        ));
    }
    Value::Obj(Obj::with_class(cls.clone(), Some(vm.new_dict()), payload))
}

fn payload_clone_empty(p: &Payload) -> Payload {
    match p {
        Payload::List(_) => Payload::List(RefCell::new(Vec::new())),
        Payload::Dict(_) => Payload::Dict(RefCell::new(DictTable::new())),
        Payload::FrozenSet(t) => Payload::FrozenSet(RefCell::new(t.borrow().clone())),
        _ => Payload::Object,
    }
}

/// Updates a dict from a mapping or an iterable of pairs, then keyword arguments.
pub fn dict_update(
    vm: &mut Vm,
    d: &ObjRef,
    src: Option<&Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> PyResult<()> {
    if let Some(src) = src {
        if let Some(Payload::Dict(_)) = src.payload() {
            for (k, v) in vm.dict_items(src.as_obj().expect("heap")) {
                vm.dict_set(d, k, v)?;
            }
        } else if let Some(keys) = vm.lookup_attr_opt(src, "keys")? {
            let keys = vm.call(&keys, vec![])?;
            for k in vm.collect(&keys)? {
                let v = vm.get_item(src, &k)?;
                vm.dict_set(d, k, v)?;
            }
        } else {
            // Mirrors dict_merge_from_seq2: each pair is stored as the iterator gives it.
            let it = vm.iter(src)?;
            vm.drain_into(
                &it,
                &mut PairsInto {
                    dict: d.clone(),
                    index: 0,
                },
            )?;
        }
    }
    for (k, v) in kwargs {
        vm.dict_set(
            d,
            Value::Obj(Obj::new(Payload::Str(crate::vm::object::PyStr::from_rc(k)))),
            v,
        )?;
    }
    Ok(())
}

/// `dict.update(pairs)` / `dict(pairs)`: stores each `(key, value)` pair of an iterable.
struct PairsInto {
    /// The dict being updated.
    dict: ObjRef,
    /// The index of the next element (for the error messages).
    index: usize,
}

impl crate::vm::seq::ItemSink for PairsInto {
    fn take(&mut self, vm: &mut Vm, item: Value) -> PyResult<std::ops::ControlFlow<()>> {
        let i = self.index;
        self.index += 1;
        // An exact pair needs no iteration of its own.
        let (k, v) = match item.payload() {
            Some(Payload::Tuple(t)) if !vm.has_user_class(&item) && t.len() == 2 => {
                (t[0].clone(), t[1].clone())
            }
            _ => {
                let pair = match vm.collect(&item) {
                    Ok(p) => p,
                    Err(_) => {
                        return Err(vm.new_type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )));
                    }
                };
                match <[Value; 2]>::try_from(pair) {
                    Ok([k, v]) => (k, v),
                    Err(pair) => {
                        return Err(vm.new_value_error(format!(
                            "dictionary update sequence element #{i} has length {}; 2 is required",
                            pair.len()
                        )));
                    }
                }
            }
        };
        drop(item);
        vm.dict_set(&self.dict, k, v)?;
        Ok(std::ops::ControlFlow::Continue(()))
    }
}

fn list_init(vm: &mut Vm) {
    let list = vm.types.list.clone();
    add_new(vm, &list, |vm, args| {
        let cls = args.positional[0].as_obj().cloned().expect("cls");
        Ok(new_of(vm, &cls, Payload::List(RefCell::new(Vec::new()))))
    });
    vm.add_method(&list, "__init__", |vm, args| {
        let a = args.check(vm, "list", 1, 2)?.to_vec();
        let items = match a.get(1) {
            Some(it) => vm.collect(it)?,
            None => Vec::new(),
        };
        *list_of(vm, &a[0], "__init__")?.borrow_mut() = items;
        Ok(Value::None)
    });
    super::numbers::add_operator_dunders(vm, &list, &[Operator::Add, Operator::Mult]);
    vm.add_method(&list, "__iadd__", |vm, args| {
        let a = args.check(vm, "__iadd__", 2, 2)?.to_vec();
        let items = vm.collect(&a[1])?;
        list_of(vm, &a[0], "__iadd__")?.borrow_mut().extend(items);
        Ok(a[0].clone())
    });
    vm.add_method_positional(&list, "append", |vm, a| {
        check_count(vm, "list.append", a.len() - 1, 1, 1)?;
        list_of(vm, &a[0], "append")?
            .borrow_mut()
            .push(a[1].clone());
        Ok(Value::None)
    });
    vm.add_method(&list, "extend", |vm, args| {
        let a = args.check(vm, "extend", 2, 2)?.to_vec();
        let items = vm.collect(&a[1])?;
        list_of(vm, &a[0], "extend")?.borrow_mut().extend(items);
        Ok(Value::None)
    });
    vm.add_method_positional(&list, "pop", |vm, a| {
        list_of(vm, &a[0], "pop")?;
        // Mirrors list_pop_impl: the index is converted first (`__index__` may change the
        // list), then the list's size is checked.
        let i = match a.get(1) {
            Some(Value::Int(i)) => *i,
            Some(i) => vm.index_value(i)?,
            None => -1,
        };
        let mut items = list_of(vm, &a[0], "pop")?.borrow_mut();
        let len = items.len();
        if len == 0 {
            drop(items);
            return Err(vm.new_index_error("pop from empty list"));
        }
        match crate::vm::list_calls::item_index(i, len) {
            Some(j) => Ok(items.remove(j)),
            None => {
                drop(items);
                Err(vm.new_index_error("pop index out of range"))
            }
        }
    });
    vm.add_method(&list, "insert", |vm, args| {
        let a = args.check(vm, "insert", 3, 3)?.to_vec();
        let i = vm.index_value(&a[1])?;
        let l = list_of(vm, &a[0], "insert")?;
        let len = l.borrow().len() as i64;
        let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
        l.borrow_mut().insert(j as usize, a[2].clone());
        Ok(Value::None)
    });
    vm.add_method(&list, "remove", |vm, args| {
        let a = args.check(vm, "remove", 2, 2)?.to_vec();
        let items = list_of(vm, &a[0], "remove")?.borrow().clone();
        for (i, x) in items.iter().enumerate() {
            if vm.eq(x, &a[1])? {
                let l = list_of(vm, &a[0], "remove")?;
                if i < l.borrow().len() {
                    l.borrow_mut().remove(i);
                }
                return Ok(Value::None);
            }
        }
        Err(vm.new_value_error("list.remove(x): x not in list"))
    });
    for (name, is_list) in [("index", true), ("count", true)] {
        let _ = is_list;
        // Positional only: CALL_METHOD calls it without building `Args`.
        vm.add_method_positional(&list, name, move |vm, a| {
            // CPython's messages: `index` takes 1 to 3 arguments, `list.count` exactly one.
            let n = a.len() - 1;
            if name == "count" {
                check_count(vm, "list.count", n, 1, 1)?;
            } else {
                check_count(vm, name, n, 1, 3)?;
            }
            let items = list_of(vm, &a[0], name)?.borrow().clone();
            seq_index_count(vm, &items, &a[1..], name, "list")
        });
    }
    vm.add_method_noargs(&list, "reverse", |vm, args| {
        let me = self_arg(&args);
        list_of(vm, &me, "reverse")?.borrow_mut().reverse();
        Ok(Value::None)
    });
    vm.add_method_noargs(&list, "clear", |vm, args| {
        let me = self_arg(&args);
        let old = std::mem::take(&mut *list_of(vm, &me, "clear")?.borrow_mut());
        drop(old);
        Ok(Value::None)
    });
    vm.add_method_noargs(&list, "copy", |vm, args| {
        let me = self_arg(&args);
        let items = list_of(vm, &me, "copy")?.borrow().clone();
        Ok(Value::list(items))
    });
    vm.add_method(&list, "sort", |vm, mut args| {
        let key = args.take_kwarg("key").filter(|k| !k.is_none());
        let reverse = args.take_kwarg("reverse");
        let a = args.check(vm, "sort", 1, 1)?.to_vec();
        let rev = match reverse {
            Some(r) => vm.truthy(&r)?,
            None => false,
        };
        let items = std::mem::take(&mut *list_of(vm, &a[0], "sort")?.borrow_mut());
        let result = super::functions::sort_values(vm, items.clone(), key.as_ref(), rev);
        let l = list_of(vm, &a[0], "sort")?;
        let modified = !l.borrow().is_empty();
        match result {
            Ok(sorted) => {
                *l.borrow_mut() = sorted;
                if modified {
                    return Err(vm.new_value_error("list modified during sort"));
                }
                Ok(Value::None)
            }
            Err(e) => {
                *l.borrow_mut() = items;
                Err(e)
            }
        }
    });
    add_sequence_dunders(vm, &list);
    vm.add_method(&list, "__setitem__", |vm, args| {
        let a = args.check(vm, "__setitem__", 3, 3)?.to_vec();
        let plain = plain_view(&a[0]);
        vm.builtin_set_item(&plain, &a[1], a[2].clone())?;
        Ok(Value::None)
    });
    vm.add_method(&list, "__delitem__", |vm, args| {
        let a = args.check(vm, "__delitem__", 2, 2)?.to_vec();
        let plain = plain_view(&a[0]);
        vm.builtin_del_item(&plain, &a[1])?;
        Ok(Value::None)
    });
    vm.add_method(&list, "__reversed__", |vm, args| {
        let me = self_arg(&args);
        let n = vm.len(&plain_view(&me))?;
        Ok(vm.new_iterator(IterState::Reversed {
            seq: plain_view(&me),
            remaining: n,
        }))
    });
}

/// A value that shares `v`'s payload but is treated as the exact built-in type (so built-in
/// behaviour is used even for subclass instances). For lists and dicts the payload is shared
/// through the same object, so this returns `v` itself with dunder lookup bypassed by the
/// callers; only the exact-type paths are taken because callers use payload-level functions.
fn plain_view(v: &Value) -> Value {
    v.clone()
}

fn seq_index_count(
    vm: &mut Vm,
    items: &[Value],
    a: &[Value],
    name: &str,
    tname: &str,
) -> PyResult<Value> {
    let x = &a[0];
    if name == "count" {
        let mut n = 0;
        for it in items {
            if vm.eq(it, x)? {
                n += 1;
            }
        }
        return Ok(Value::Int(n));
    }
    let len = items.len() as i64;
    let norm = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) };
    let start = match a.get(1) {
        Some(s) => norm(vm.index_value(s)?),
        None => 0,
    };
    let stop = match a.get(2) {
        Some(s) => norm(vm.index_value(s)?),
        None => len,
    };
    for i in start..stop {
        if vm.eq(&items[i as usize], x)? {
            return Ok(Value::Int(i));
        }
    }
    if tname == "list" {
        let r = vm.repr(x)?;
        return Err(vm.new_value_error(format!("{r} is not in list")));
    }
    Err(vm.new_value_error("tuple.index(x): x not in tuple"))
}

/// `__len__`, `__getitem__`, `__contains__`, `__iter__` implemented on the payload.
fn add_sequence_dunders(vm: &mut Vm, cls: &ObjRef) {
    add_container_dunders(vm, cls);
    vm.add_method(cls, "__getitem__", |vm, args| {
        let a = args.check(vm, "__getitem__", 2, 2)?.to_vec();
        let exact = strip_class(&a[0]);
        vm.builtin_get_item(&exact, &a[1])
    });
}

/// `__len__`, `__contains__` and `__iter__` of the built-in containers (a set has no
/// `__getitem__`: `builtin_get_item` would find this one again and recurse without end).
fn add_container_dunders(vm: &mut Vm, cls: &ObjRef) {
    vm.add_method(cls, "__len__", |vm, args| {
        let me = self_arg(&args);
        let n = match me.payload() {
            Some(Payload::List(l)) => l.borrow().len(),
            Some(Payload::Tuple(t)) => t.len(),
            Some(Payload::Dict(t) | Payload::Set(t) | Payload::FrozenSet(t)) => t.borrow().len(),
            _ => return Err(vm.new_type_error("__len__ on a non-container")),
        };
        Ok(Value::Int(n as i64))
    });
    vm.add_method(cls, "__contains__", |vm, args| {
        let a = args.check(vm, "__contains__", 2, 2)?.to_vec();
        let exact = strip_class(&a[0]);
        Ok(Value::Bool(vm.builtin_contains(&exact, &a[1])?))
    });
    vm.add_method(cls, "__iter__", |vm, args| {
        let me = self_arg(&args);
        let exact = strip_class(&me);
        vm.builtin_iter(&exact)
    });
}

/// For subclass instances of list/tuple/dict/set: a value with the same payload object but
/// seen through the built-in type. Lists/dicts/sets share state via the RefCell, so an
/// iterator over the original object works; tuples are copied.
fn strip_class(v: &Value) -> Value {
    match v {
        Value::Obj(o) if o.class.is_some() => match &o.payload {
            Payload::Tuple(t) => Value::tuple(t.to_vec()),
            Payload::Str(s) => Value::str(s.as_str()),
            _ => v.clone(),
        },
        _ => v.clone(),
    }
}

fn tuple_init(vm: &mut Vm) {
    let tuple = vm.types.tuple.clone();
    add_new(vm, &tuple, |vm, args| {
        let a = args.check(vm, "tuple", 1, 2)?.to_vec();
        let cls = a[0].as_obj().cloned().expect("cls");
        if ObjRef::ptr_eq(&cls, &vm.types.tuple)
            && let Some(t) = a.get(1).and_then(crate::vm::seq::tuple_call_fast)
        {
            return Ok(t);
        }
        let items = match a.get(1) {
            Some(it) => vm.collect(it)?,
            None => Vec::new(),
        };
        if ObjRef::ptr_eq(&cls, &vm.types.tuple) {
            return Ok(Value::tuple(items));
        }
        let dict = if cls.as_type().is_some_and(|t| t.is_heap) {
            Some(vm.new_dict())
        } else {
            None
        };
        Ok(Value::Obj(Obj::with_class(
            cls,
            dict,
            Payload::Tuple(items.into_boxed_slice()),
        )))
    });
    super::numbers::add_operator_dunders(vm, &tuple, &[Operator::Add, Operator::Mult]);
    for name in ["index", "count"] {
        vm.add_method(&tuple, name, move |vm, args| {
            let a = args.check(vm, name, 2, 4)?.to_vec();
            let items = a[0].as_tuple().map(|t| t.to_vec()).unwrap_or_default();
            seq_index_count(vm, &items, &a[1..], name, "tuple")
        });
    }
    add_sequence_dunders(vm, &tuple);
    vm.add_method(&tuple, "__hash__", |vm, args| {
        let me = strip_class(&self_arg(&args));
        Ok(Value::Int(vm.builtin_hash(&me)?))
    });
}

fn dict_init(vm: &mut Vm) {
    let dict = vm.types.dict.clone();
    add_new(vm, &dict, |vm, args| {
        let cls = args.positional[0].as_obj().cloned().expect("cls");
        Ok(new_of(
            vm,
            &cls,
            Payload::Dict(RefCell::new(DictTable::new())),
        ))
    });
    vm.add_method(&dict, "__init__", |vm, mut args| {
        let kwargs = std::mem::take(&mut args.kwargs);
        let a = args.check(vm, "dict", 1, 2)?.to_vec();
        let d = a[0].as_obj().cloned().expect("self");
        dict_update(vm, &d, a.get(1), kwargs)?;
        Ok(Value::None)
    });
    super::numbers::add_operator_dunders(vm, &dict, &[Operator::BitOr]);
    vm.add_method(&dict, "__ior__", |vm, args| {
        let a = args.check(vm, "__ior__", 2, 2)?.to_vec();
        let d = a[0].as_obj().cloned().expect("self");
        dict_update(vm, &d, Some(&a[1]), vec![])?;
        Ok(a[0].clone())
    });
    for (name, kind) in [
        ("keys", ViewKind::Keys),
        ("values", ViewKind::Values),
        ("items", ViewKind::Items),
    ] {
        vm.add_method_positional(&dict, name, move |vm, a| {
            if a.len() != 1 {
                check_count(vm, &format!("dict.{name}"), a.len() - 1, 0, 0)?;
            }
            let d = a[0].as_obj().cloned().expect("self");
            Ok(Value::Obj(Obj::new(Payload::DictView { dict: d, kind })))
        });
    }
    vm.add_method_positional(&dict, "get", |vm, a| {
        check_count(vm, "get", a.len() - 1, 1, 2)?;
        let d = a[0].as_obj().expect("self");
        Ok(vm
            .dict_get(d, &a[1])?
            .unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
    });
    vm.add_method_positional(&dict, "pop", |vm, a| {
        check_count(vm, "pop", a.len() - 1, 1, 2)?;
        let d = a[0].as_obj().cloned().expect("self");
        match vm.dict_remove(&d, &a[1])? {
            Some(v) => Ok(v),
            None => match a.get(2) {
                Some(def) => Ok(def.clone()),
                None => Err(vm.new_key_error(a[1].clone())),
            },
        }
    });
    vm.add_method(&dict, "popitem", |vm, args| {
        let me = self_arg(&args);
        let t = table_of(vm, &me, "popitem")?;
        let e = t.borrow_mut().pop_last();
        match e {
            Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
            None => Err(vm.new_key_error(Value::str("popitem(): dictionary is empty"))),
        }
    });
    vm.add_method_positional(&dict, "setdefault", |vm, a| {
        check_count(vm, "setdefault", a.len() - 1, 1, 2)?;
        let d = a[0].as_obj().cloned().expect("self");
        match vm.dict_get(&d, &a[1])? {
            Some(v) => Ok(v),
            None => {
                let v = a.get(2).cloned().unwrap_or(Value::None);
                vm.dict_set(&d, a[1].clone(), v.clone())?;
                Ok(v)
            }
        }
    });
    vm.add_method(&dict, "update", |vm, mut args| {
        let kwargs = std::mem::take(&mut args.kwargs);
        let a = args.positional.clone();
        crate::vm::native::check_count(vm, "update", a.len().saturating_sub(1), 0, 1)?;
        let d = a[0].as_obj().cloned().expect("self");
        dict_update(vm, &d, a.get(1), kwargs)?;
        Ok(Value::None)
    });
    vm.add_method_noargs(&dict, "copy", |vm, args| {
        let me = self_arg(&args);
        let t = table_of(vm, &me, "copy")?.borrow().clone();
        Ok(Value::Obj(Obj::new(Payload::Dict(RefCell::new(t)))))
    });
    vm.add_method_noargs(&dict, "clear", |vm, args| {
        let me = self_arg(&args);
        let old = table_of(vm, &me, "clear")?.borrow_mut().take_all();
        drop(old);
        Ok(Value::None)
    });
    vm.add_classmethod(&dict, "fromkeys", |vm, args| {
        let a = args.check(vm, "fromkeys", 2, 3)?.to_vec();
        let d = vm.call(&a[0], vec![])?;
        let v = a.get(2).cloned().unwrap_or(Value::None);
        for k in vm.collect(&a[1])? {
            vm.set_item(&d, &k, v.clone())?;
        }
        Ok(d)
    });
    add_sequence_dunders(vm, &dict);
    vm.add_method(&dict, "__setitem__", |vm, args| {
        let a = args.check(vm, "__setitem__", 3, 3)?.to_vec();
        let d = a[0].as_obj().cloned().expect("self");
        vm.dict_set(&d, a[1].clone(), a[2].clone())?;
        Ok(Value::None)
    });
    vm.add_method(&dict, "__delitem__", |vm, args| {
        let a = args.check(vm, "__delitem__", 2, 2)?.to_vec();
        let d = a[0].as_obj().cloned().expect("self");
        match vm.dict_remove(&d, &a[1])? {
            Some(_) => Ok(Value::None),
            None => Err(vm.new_key_error(a[1].clone())),
        }
    });
    vm.add_method(&dict, "__getitem__", |vm, args| {
        let a = args.check(vm, "__getitem__", 2, 2)?.to_vec();
        let d = a[0].as_obj().cloned().expect("self");
        match vm.dict_get(&d, &a[1])? {
            Some(v) => Ok(v),
            None => {
                if vm.has_user_class(&a[0]) {
                    let cls = vm.type_of(&a[0]);
                    if let Some(m) = vm.lookup_in_mro(&cls, "__missing__") {
                        return vm.call_bound_dunder(&m, &a[0], vec![a[1].clone()]);
                    }
                }
                Err(vm.new_key_error(a[1].clone()))
            }
        }
    });
    for (cls, kind) in [
        (vm.types.dict_keys.clone(), 0),
        (vm.types.dict_values.clone(), 1),
        (vm.types.dict_items.clone(), 2),
    ] {
        let _ = kind;
        vm.add_method(&cls, "__len__", |vm, args| {
            Ok(Value::Int(vm.len(&self_arg(&args))? as i64))
        });
        vm.add_method(&cls, "__iter__", |vm, args| vm.iter(&self_arg(&args)));
        vm.add_method(&cls, "__contains__", |vm, args| {
            let a = args.check(vm, "__contains__", 2, 2)?.to_vec();
            Ok(Value::Bool(vm.contains(&a[0], &a[1])?))
        });
    }
}

/// A fresh set table filled from `iterable` (`set(iterable)`).
fn set_from(vm: &mut Vm, iterable: &Value) -> PyResult<RefCell<DictTable>> {
    let t = RefCell::new(DictTable::new_set());
    vm.set_update(&t, iterable)?;
    Ok(t)
}

/// Adds each item of `other` to `t` unless present, else removes it (mirrors
/// set_symmetric_difference_update over a set operand, in its slot order).
fn symmetric_update(
    vm: &mut Vm,
    t: &RefCell<DictTable>,
    other: &RefCell<DictTable>,
) -> PyResult<()> {
    let items: Vec<Value> = other.borrow().iter().map(|e| e.key.clone()).collect();
    for k in items {
        if vm.table_remove(t, &k)?.is_none() {
            vm.table_set(t, k, Value::None)?;
        }
    }
    Ok(())
}

/// `so & other` for any iterable `other` (mirrors set_intersection).
fn intersection(
    vm: &mut Vm,
    so: &RefCell<DictTable>,
    other: &Value,
) -> PyResult<RefCell<DictTable>> {
    let out = RefCell::new(DictTable::new_set());
    if let Some(Payload::Set(ot) | Payload::FrozenSet(ot)) = other.payload() {
        let (big, small) = if ot.borrow().len() > so.borrow().len() {
            (ot, so)
        } else {
            (so, ot)
        };
        let items: Vec<Value> = small.borrow().iter().map(|e| e.key.clone()).collect();
        for k in items {
            if vm.table_contains(big, &k)? {
                vm.table_set(&out, k, Value::None)?;
            }
        }
        return Ok(out);
    }
    for k in vm.collect(other)? {
        if vm.table_contains(so, &k)? {
            vm.table_set(&out, k, Value::None)?;
        }
    }
    Ok(out)
}

/// Wraps a set table in a new object of the same kind as `like` (set or frozenset).
fn set_like(like: &Value, t: DictTable) -> Value {
    Value::Obj(Obj::new(match like.payload() {
        Some(Payload::FrozenSet(_)) => Payload::FrozenSet(RefCell::new(t)),
        _ => Payload::Set(RefCell::new(t)),
    }))
}

fn set_init(vm: &mut Vm) {
    let set = vm.types.set.clone();
    let frozenset = vm.types.frozenset.clone();
    add_new(vm, &set, |vm, args| {
        let cls = args.positional[0].as_obj().cloned().expect("cls");
        Ok(new_of(
            vm,
            &cls,
            Payload::Set(RefCell::new(DictTable::new_set())),
        ))
    });
    vm.add_method(&set, "__init__", |vm, args| {
        let a = args.check(vm, "set", 1, 2)?.to_vec();
        let t = table_of(vm, &a[0], "__init__")?;
        t.borrow_mut().clear();
        if let Some(it) = a.get(1) {
            vm.set_update(t, it)?;
        }
        Ok(Value::None)
    });
    add_new(vm, &frozenset, |vm, args| {
        let a = args.check(vm, "frozenset", 1, 2)?.to_vec();
        let cls = a[0].as_obj().cloned().expect("cls");
        let t = match a.get(1) {
            Some(it) => set_from(vm, it)?,
            None => RefCell::new(DictTable::new_set()),
        };
        if ObjRef::ptr_eq(&cls, &vm.types.frozenset) {
            return Ok(Value::Obj(Obj::new(Payload::FrozenSet(t))));
        }
        Ok(Value::Obj(Obj::with_class(
            cls,
            Some(vm.new_dict()),
            Payload::FrozenSet(t),
        )))
    });
    for cls in [set.clone(), frozenset.clone()] {
        super::numbers::add_operator_dunders(
            vm,
            &cls,
            &[
                Operator::BitOr,
                Operator::BitAnd,
                Operator::Sub,
                Operator::BitXor,
            ],
        );
        add_container_dunders(vm, &cls);
        vm.add_method(&cls, "union", |vm, args| {
            let a = args.positional.clone();
            let t = RefCell::new(table_of(vm, &a[0], "union")?.borrow().set_copy());
            for other in &a[1..] {
                vm.set_update(&t, other)?;
            }
            Ok(set_like(&a[0], t.into_inner()))
        });
        vm.add_method(&cls, "intersection", |vm, args| {
            let a = args.positional.clone();
            let mut t = RefCell::new(table_of(vm, &a[0], "intersection")?.borrow().set_copy());
            for other in &a[1..] {
                t = intersection(vm, &t, other)?;
            }
            Ok(set_like(&a[0], t.into_inner()))
        });
        vm.add_method(&cls, "difference", |vm, args| {
            let a = args.positional.clone();
            let t = RefCell::new(table_of(vm, &a[0], "difference")?.borrow().set_copy());
            for other in &a[1..] {
                for k in vm.collect(other)? {
                    vm.table_remove(&t, &k)?;
                }
            }
            Ok(set_like(&a[0], t.into_inner()))
        });
        vm.add_method(&cls, "symmetric_difference", |vm, args| {
            let a = args.check(vm, "symmetric_difference", 2, 2)?.to_vec();
            let result = set_from(vm, &a[1])?;
            let me = table_of(vm, &a[0], "symmetric_difference")?;
            symmetric_update(vm, &result, me)?;
            Ok(set_like(&a[0], result.into_inner()))
        });
        vm.add_method_noargs(&cls, "copy", |vm, args| {
            let me = self_arg(&args);
            let t = table_of(vm, &me, "copy")?.borrow().set_copy();
            Ok(set_like(&me, t))
        });
        for (name, which) in [("issubset", 0), ("issuperset", 1), ("isdisjoint", 2)] {
            vm.add_method(&cls, name, move |vm, args| {
                let a = args.check(vm, name, 2, 2)?.to_vec();
                let me = a[0].as_obj().cloned().expect("self");
                let other = Obj::new(Payload::Set(set_from(vm, &a[1])?));
                Ok(Value::Bool(match which {
                    0 => vm.set_is_subset(&me, &other)?,
                    1 => vm.set_is_subset(&other, &me)?,
                    _ => {
                        let keys: Vec<Value> =
                            vm.dict_items(&me).into_iter().map(|(k, _)| k).collect();
                        let mut disjoint = true;
                        if let Payload::Set(t) = &other.payload {
                            for k in keys {
                                if vm.table_contains(t, &k)? {
                                    disjoint = false;
                                    break;
                                }
                            }
                        }
                        disjoint
                    }
                }))
            });
        }
    }
    vm.add_method(&frozenset, "__hash__", |vm, args| {
        let me = self_arg(&args);
        Ok(Value::Int(
            table_of(vm, &me, "__hash__")?.borrow().frozenset_hash(),
        ))
    });
    vm.add_method(&set, "__hash__", |vm, args| {
        Err(vm.new_type_error(format!(
            "unhashable type: '{}'",
            vm.type_name(&self_arg(&args))
        )))
    });
    vm.add_method(&set, "add", |vm, args| {
        let a = args.check(vm, "add", 2, 2)?.to_vec();
        let t = table_of(vm, &a[0], "add")?;
        vm.table_set(t, a[1].clone(), Value::None)?;
        Ok(Value::None)
    });
    vm.add_method(&set, "remove", |vm, args| {
        let a = args.check(vm, "remove", 2, 2)?.to_vec();
        let t = table_of(vm, &a[0], "remove")?;
        match vm.table_remove(t, &a[1])? {
            Some(_) => Ok(Value::None),
            None => Err(vm.new_key_error(a[1].clone())),
        }
    });
    vm.add_method(&set, "discard", |vm, args| {
        let a = args.check(vm, "discard", 2, 2)?.to_vec();
        let t = table_of(vm, &a[0], "discard")?;
        vm.table_remove(t, &a[1])?;
        Ok(Value::None)
    });
    vm.add_method(&set, "pop", |vm, args| {
        let me = self_arg(&args);
        let t = table_of(vm, &me, "pop")?;
        let e = t.borrow_mut().pop_first();
        match e {
            Some(e) => Ok(e.key),
            None => Err(vm.new_key_error(Value::str("pop from an empty set"))),
        }
    });
    vm.add_method_noargs(&set, "clear", |vm, args| {
        let me = self_arg(&args);
        table_of(vm, &me, "clear")?.borrow_mut().clear();
        Ok(Value::None)
    });
    vm.add_method(&set, "update", |vm, args| {
        let a = args.positional.clone();
        let t = table_of(vm, &a[0], "update")?;
        for other in &a[1..] {
            vm.set_update(t, other)?;
        }
        Ok(Value::None)
    });
    vm.add_method(&set, "intersection_update", |vm, args| {
        let a = args.positional.clone();
        let t = table_of(vm, &a[0], "intersection_update")?;
        for other in &a[1..] {
            let r = intersection(vm, t, other)?;
            *t.borrow_mut() = r.into_inner();
        }
        Ok(Value::None)
    });
    vm.add_method(&set, "difference_update", |vm, args| {
        let a = args.positional.clone();
        let t = table_of(vm, &a[0], "difference_update")?;
        for other in &a[1..] {
            for k in vm.collect(other)? {
                vm.table_remove(t, &k)?;
            }
        }
        Ok(Value::None)
    });
    vm.add_method(&set, "symmetric_difference_update", |vm, args| {
        let a = args
            .check(vm, "symmetric_difference_update", 2, 2)?
            .to_vec();
        let t = table_of(vm, &a[0], "symmetric_difference_update")?;
        let other = match a[1].payload() {
            Some(Payload::Set(o) | Payload::FrozenSet(o)) => RefCell::new(o.borrow().clone()),
            _ => set_from(vm, &a[1])?,
        };
        symmetric_update(vm, t, &other)?;
        Ok(Value::None)
    });
    for (iname, name) in [
        ("__ior__", "update"),
        ("__iand__", "intersection_update"),
        ("__isub__", "difference_update"),
        ("__ixor__", "symmetric_difference_update"),
    ] {
        vm.add_method(&set, iname, move |vm, args| {
            let a = args.check(vm, iname, 2, 2)?.to_vec();
            if !matches!(
                a[1].payload(),
                Some(Payload::Set(_) | Payload::FrozenSet(_))
            ) {
                return Ok(vm.not_implemented.clone());
            }
            vm.call_method(&a[0], name, vec![a[1].clone()])?;
            Ok(a[0].clone())
        });
    }
}

fn range_init(vm: &mut Vm) {
    let range = vm.types.range.clone();
    add_new(vm, &range, |vm, mut args| {
        // range(stop), range(start, stop), range(start, stop, step) of small ints: the
        // common loop header, built without the general conversions below.
        if args.kwargs.is_empty() {
            let small = match args.positional.get(1..) {
                Some([Value::Int(stop)]) => Some((0, *stop, 1)),
                Some([Value::Int(start), Value::Int(stop)]) => Some((*start, *stop, 1)),
                Some([Value::Int(start), Value::Int(stop), Value::Int(step)]) if *step != 0 => {
                    Some((*start, *stop, *step))
                }
                _ => None,
            };
            if let Some((start, stop, step)) = small {
                return Ok(Value::Obj(Obj::new(Payload::Range { start, stop, step })));
            }
        }
        args.positional.remove(0);
        let a = args.check(vm, "range", 1, 3)?.to_vec();
        let mut ints = Vec::new();
        for v in &a {
            if !v.is_int_like() && vm.user_dunder(v, "__index__").is_none() {
                return Err(vm.new_type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(v)
                )));
            }
            ints.push(vm.index_value(v)?);
        }
        let (start, stop, step) = match ints.len() {
            1 => (0, ints[0], 1),
            2 => (ints[0], ints[1], 1),
            _ => (ints[0], ints[1], ints[2]),
        };
        if step == 0 {
            return Err(vm.new_value_error("range() arg 3 must not be zero"));
        }
        Ok(Value::Obj(Obj::new(Payload::Range { start, stop, step })))
    });
    add_sequence_dunders(vm, &range);
    vm.add_method(&range, "__len__", |vm, args| {
        Ok(Value::Int(vm.len(&self_arg(&args))? as i64))
    });
    vm.add_method(&range, "index", |vm, args| {
        let a = args.check(vm, "index", 2, 2)?.to_vec();
        if let (Some(Payload::Range { start, step, .. }), Some(x)) = (a[0].payload(), a[1].as_i64())
        {
            let (start, step) = (*start, *step);
            if vm.contains(&a[0], &a[1])? {
                return Ok(Value::Int((x - start) / step));
            }
        }
        let r = vm.repr(&a[1])?;
        Err(vm.new_value_error(format!("{r} is not in range")))
    });
    vm.add_method(&range, "count", |vm, args| {
        let a = args.check(vm, "count", 2, 2)?.to_vec();
        Ok(Value::Int(vm.contains(&a[0], &a[1])? as i64))
    });
    vm.add_method(&range, "__reversed__", |vm, args| {
        let me = self_arg(&args);
        let Some(Payload::Range { start, stop, step }) = me.payload() else {
            return Err(vm.new_type_error("range expected"));
        };
        let n = crate::vm::seq::range_len(*start, *stop, *step) as u64;
        // The last value, then back by `step`, n values in all (an empty range's "last"
        // is never read). The arithmetic wraps where only unread values overflow.
        let last = start.wrapping_add((n as i64).wrapping_sub(1).wrapping_mul(*step));
        Ok(vm.new_iterator(IterState::Range {
            next: last,
            step: step.wrapping_neg(),
            left: n,
        }))
    });
    let slice = vm.types.slice.clone();
    add_new(vm, &slice, |vm, mut args| {
        args.positional.remove(0);
        let a = args.check(vm, "slice", 1, 3)?.to_vec();
        let (start, stop, step) = match a.len() {
            1 => (Value::None, a[0].clone(), Value::None),
            2 => (a[0].clone(), a[1].clone(), Value::None),
            _ => (a[0].clone(), a[1].clone(), a[2].clone()),
        };
        Ok(Value::Obj(Obj::new(Payload::Slice { start, stop, step })))
    });
    vm.add_method(&slice, "indices", |vm, args| {
        let a = args.check(vm, "indices", 2, 2)?.to_vec();
        let len = vm.index_value(&a[1])?;
        let (s, e, st) = vm.slice_parts(&a[0])?;
        let idx = crate::vm::strings::slice_indices(s, e, st, len.max(0) as usize);
        let start = idx.first().map(|i| *i as i64).unwrap_or(if st > 0 {
            s.map(|x| x.clamp(0, len)).unwrap_or(0)
        } else {
            len - 1
        });
        let stop = match e {
            None => {
                if st > 0 {
                    len
                } else {
                    -1
                }
            }
            Some(x) => {
                if x < 0 {
                    (x + len).max(if st > 0 { 0 } else { -1 })
                } else {
                    x.min(len)
                }
            }
        };
        Ok(Value::tuple(vec![
            Value::Int(start),
            Value::Int(stop),
            Value::Int(st),
        ]))
    });
}

fn iterators_init(vm: &mut Vm) {
    let t = &vm.types;
    let iter_types = vec![
        t.list_iterator.clone(),
        t.tuple_iterator.clone(),
        t.str_iterator.clone(),
        t.range_iterator.clone(),
        t.dict_keyiterator.clone(),
        t.dict_valueiterator.clone(),
        t.dict_itemiterator.clone(),
        t.set_iterator.clone(),
        t.seq_iterator.clone(),
        t.callable_iterator.clone(),
        t.enumerate.clone(),
        t.zip.clone(),
        t.map.clone(),
        t.filter.clone(),
        t.reversed.clone(),
    ];
    for cls in iter_types {
        vm.add_method(&cls, "__iter__", |_, args| Ok(self_arg(&args)));
        vm.add_method(&cls, "__next__", |vm, args| {
            let me = self_arg(&args);
            match vm.next(&me)? {
                Some(v) => Ok(v),
                None => Err(vm.new_stop_iteration(Value::None)),
            }
        });
    }
    let enumerate = vm.types.enumerate.clone();
    add_new(vm, &enumerate, |vm, mut args| {
        args.positional.remove(0);
        let mut slots = args
            .bind(vm, "enumerate", &["iterable", "start"], 2, 1)?
            .into_iter();
        let it = slots.next().flatten().expect("required");
        let start = slots.next().flatten().unwrap_or(Value::Int(0));
        // Mirrors enum_new's PyNumber_Index: a bool, an int subclass or an object with
        // `__index__` counts from a plain int.
        let start = match start.as_i64() {
            Some(i) => Value::Int(i),
            None if start.is_int_like() => start,
            None => Value::Int(vm.index_value(&start)?),
        };
        let Value::Obj(iter) = vm.iter(&it)? else {
            return Err(vm.new_type_error("enumerate() argument is not iterable"));
        };
        Ok(vm.new_iterator(IterState::Enumerate {
            iter,
            count: start,
            last: None,
        }))
    });
    let zip = vm.types.zip.clone();
    add_new(vm, &zip, |vm, mut args| {
        args.positional.remove(0);
        let strict = match args.take_kwarg("strict") {
            Some(s) => vm.truthy(&s)?,
            None => false,
        };
        args.no_kwargs(vm, "zip")?;
        let mut iters = Vec::new();
        for (i, a) in args.positional.iter().enumerate() {
            match vm.iter(a) {
                Ok(it) => iters.push(it),
                Err(_) => {
                    return Err(vm.new_type_error(format!(
                        "zip argument #{} must support iteration",
                        i + 1
                    )));
                }
            }
        }
        Ok(vm.new_iterator(IterState::Zip {
            iters: iters.into(),
            strict,
            last: None,
        }))
    });
    let map = vm.types.map.clone();
    add_new(vm, &map, |vm, mut args| {
        args.positional.remove(0);
        if args.positional.len() < 2 {
            return Err(vm.new_type_error("map() must have at least two arguments."));
        }
        let func = args.positional.remove(0);
        let mut iters = Vec::new();
        for a in &args.positional {
            iters.push(vm.iter(a)?);
        }
        Ok(vm.new_iterator(IterState::Map {
            func,
            iters: iters.into(),
        }))
    });
    let filter = vm.types.filter.clone();
    add_new(vm, &filter, |vm, mut args| {
        args.positional.remove(0);
        let a = args.check(vm, "filter", 2, 2)?.to_vec();
        let iter = vm.iter(&a[1])?;
        Ok(vm.new_iterator(IterState::Filter {
            func: a[0].clone(),
            iter,
        }))
    });
    let reversed = vm.types.reversed.clone();
    add_new(vm, &reversed, |vm, mut args| {
        args.positional.remove(0);
        let a = args.check(vm, "reversed", 1, 1)?[0].clone();
        if let Some(r) = vm.call_dunder(&a, "__reversed__", vec![])? {
            return Ok(r);
        }
        let cls = vm.type_of(&a);
        // Built-in sequences index natively, without a `__getitem__` in their type dict.
        let native_sequence = !vm.has_user_class(&a)
            && matches!(
                a.payload(),
                Some(Payload::Bytes(_) | Payload::Str(_) | Payload::Tuple(_) | Payload::List(_))
            );
        if !native_sequence
            && (vm.lookup_in_mro(&cls, "__getitem__").is_none()
                || vm.lookup_in_mro(&cls, "__len__").is_none())
        {
            return Err(
                vm.new_type_error(format!("'{}' object is not reversible", vm.type_name(&a)))
            );
        }
        let n = vm.len(&a)?;
        Ok(vm.new_iterator(IterState::Reversed {
            seq: a,
            remaining: n,
        }))
    });
    let _: Option<Args> = None;
}

/// Registers the container types.
pub fn init(vm: &mut Vm) {
    list_init(vm);
    tuple_init(vm);
    dict_init(vm);
    set_init(vm);
    range_init(vm);
    iterators_init(vm);
}
