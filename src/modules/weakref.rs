//! The native half of `weakref`: a handle holding an `ObjRef::downgrade` of the referent. The
//! Python surface (`ref`, the weak containers, `finalize`) is `py/weakref.py`.

use crate::modules::python_module;
use crate::vm::object::{NativeObject, Payload};
use crate::vm::value::WeakObj;
use crate::vm::{ObjRef, PyResult, Value, Vm};

/// A weak pointer to a Python object.
struct WeakHandle {
    /// The referent, while anything else keeps it alive.
    target: WeakObj,
}

impl NativeObject for WeakHandle {
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Whether CPython lets `obj` be weakly referenced (objects with a `__weakref__` slot:
/// instances, classes, functions, sets, generators, modules; not ints, strs, tuples, lists,
/// dicts or exceptions, though subclasses of list and dict are).
fn weakly_referenceable(obj: &ObjRef) -> bool {
    let user_subclass = obj
        .class
        .as_ref()
        .and_then(|c| c.as_type())
        .is_some_and(|t| t.is_heap);
    match &obj.payload {
        Payload::Object
        | Payload::Type(_)
        | Payload::Function(_)
        | Payload::NativeFunction(_)
        | Payload::BoundMethod { .. }
        | Payload::Generator(_)
        | Payload::Set(_)
        | Payload::FrozenSet(_)
        | Payload::Module { .. }
        | Payload::Code(_)
        | Payload::Native(_) => true,
        Payload::List(_) | Payload::Dict(_) => user_subclass,
        _ => false,
    }
}

/// Registers `weakref`.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let handle_cls = vm.new_native_class("_WeakHandle", &[], "weakref");
    let new_fn = vm.new_native_fn("_weak_new", move |vm, args| {
        let a = args.check(vm, "_weak_new", 1, 1)?.to_vec();
        let target = match &a[0] {
            Value::Obj(o) if weakly_referenceable(o) => ObjRef::downgrade(o),
            other => {
                return Err(vm.new_type_error(format!(
                    "cannot create weak reference to '{}' object",
                    vm.type_name(other)
                )));
            }
        };
        Ok(Value::Obj(
            vm.new_native_object(&handle_cls, WeakHandle { target }),
        ))
    });
    let get_fn = vm.new_native_fn("_weak_get", |vm, args| {
        let a = args.check(vm, "_weak_get", 1, 1)?;
        let target = a[0]
            .as_obj()
            .and_then(|o| o.native::<WeakHandle>())
            .and_then(|h| h.target.upgrade());
        Ok(target.map_or(Value::None, Value::Obj))
    });
    let natives = vec![("_weak_new", new_fn), ("_weak_get", get_fn)];
    python_module(
        vm,
        "weakref",
        "<frozen weakref>",
        include_str!("py/weakref.py"),
        natives,
    )
}
