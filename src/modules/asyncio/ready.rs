//! `_Deque`: the loop's ready queue (base_events.py uses `collections.deque`), a native
//! `VecDeque` so that `call_soon` and `_run_once` move plain handles without Python calls.

use crate::vm::object::{NativeObject, Obj, Payload};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;

/// The Rust state of a `_Deque`.
pub struct ReadyQueue {
    /// The queued items, oldest first.
    pub items: RefCell<VecDeque<Value>>,
}

impl NativeObject for ReadyQueue {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.items.borrow().iter().for_each(&mut *visit);
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The queue behind `self` of a method call.
fn me(vm: &mut Vm, args: &Args) -> PyResult<ObjRef> {
    match args.positional.first() {
        Some(Value::Obj(o)) if o.native::<ReadyQueue>().is_some() => Ok(o.clone()),
        _ => Err(vm.new_type_error("a _Deque instance is required")),
    }
}

/// The queue state of `v`, if it is a `_Deque`.
pub fn queue_of(v: &Value) -> Option<&ReadyQueue> {
    v.as_obj()?.native::<ReadyQueue>()
}

/// The state of an object known to be a queue.
fn st(o: &ObjRef) -> &ReadyQueue {
    match o.native::<ReadyQueue>() {
        Some(q) => q,
        None => unreachable!("checked to be a _Deque by `me`"),
    }
}

/// Creates the `_Deque` class (append, popleft, remove, clear, len, bool, iteration).
pub fn deque_class(vm: &mut Vm) -> Value {
    let cls = vm.new_native_class("_Deque", &[], "asyncio");
    vm.add_static(&cls, "__new__", |vm, args: Args| {
        let Some(Value::Obj(cls)) = args.positional.first().cloned() else {
            return Err(vm.new_type_error("_Deque.__new__(X): X is not a type object"));
        };
        let state = ReadyQueue {
            items: RefCell::new(VecDeque::new()),
        };
        Ok(Value::Obj(Obj::with_class(
            cls,
            None,
            Payload::Native(Box::new(state)),
        )))
    });
    vm.add_method(&cls, "__init__", |_, _| Ok(Value::None));
    vm.add_method(&cls, "append", |vm, args: Args| {
        let o = me(vm, &args)?;
        let item = args.positional.get(1).cloned().unwrap_or(Value::None);
        st(&o).items.borrow_mut().push_back(item);
        Ok(Value::None)
    });
    vm.add_method(&cls, "popleft", |vm, args: Args| {
        let o = me(vm, &args)?;
        let item = st(&o).items.borrow_mut().pop_front();
        item.ok_or_else(|| vm.new_index_error("pop from an empty deque"))
    });
    vm.add_method(&cls, "remove", |vm, args: Args| {
        let o = me(vm, &args)?;
        let item = args.positional.get(1).cloned().unwrap_or(Value::None);
        let mut items = st(&o).items.borrow_mut();
        match items.iter().position(|x| x.is(&item)) {
            Some(i) => {
                items.remove(i);
                Ok(Value::None)
            }
            None => Err(vm.new_value_error("deque.remove(x): x not in deque")),
        }
    });
    vm.add_method(&cls, "clear", |vm, args: Args| {
        let o = me(vm, &args)?;
        let old = std::mem::take(&mut *st(&o).items.borrow_mut());
        drop(old);
        Ok(Value::None)
    });
    vm.add_method(&cls, "__len__", |vm, args: Args| {
        let o = me(vm, &args)?;
        Ok(Value::Int(st(&o).items.borrow().len() as i64))
    });
    vm.add_method(&cls, "__bool__", |vm, args: Args| {
        let o = me(vm, &args)?;
        Ok(Value::Bool(!st(&o).items.borrow().is_empty()))
    });
    vm.add_method(&cls, "__iter__", |vm, args: Args| {
        let o = me(vm, &args)?;
        let snapshot: Vec<Value> = st(&o).items.borrow().iter().cloned().collect();
        vm.iter(&Value::list(snapshot))
    });
    Value::Obj(cls)
}
