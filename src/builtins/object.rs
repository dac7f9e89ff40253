//! `object`, `type`, `super`, `property`, `staticmethod`, `classmethod` and function objects.

use super::self_arg;
use crate::ast::CmpOp;
use crate::vm::native::{FrameIntrinsic, NativeFunction};
use crate::vm::object::{Obj, Payload, PropertyMore};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

/// Registers `__new__` as a static method whose owner is `class`.
pub fn add_new(
    vm: &mut Vm,
    class: &ObjRef,
    f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
) {
    let owner = vm.class_name(class);
    let base = class.clone();
    let checked = move |vm: &mut Vm, args: Args| -> PyResult<Value> {
        // The class name is formatted only for an error message.
        if let Some(Value::Obj(c)) = args.positional.first()
            && c.as_type().is_some()
            && vm.is_subclass(c, &base)
        {
            return f(vm, args);
        }
        let n = vm.class_name(&base);
        match args.positional.first() {
            Some(Value::Obj(c)) if c.as_type().is_some() => {
                let cn = vm.class_name(c);
                Err(vm.new_type_error(format!("{n}.__new__({cn}): {cn} is not a subtype of {n}")))
            }
            Some(other) => {
                let tn = vm.type_name(other);
                Err(vm.new_type_error(format!("{n}.__new__(X): X is not a type object ({tn})")))
            }
            None => Err(vm.new_type_error(format!("{n}.__new__(): not enough arguments"))),
        }
    };
    let func = Value::Obj(Obj::new(Payload::NativeFunction(NativeFunction {
        names: crate::vm::native::NativeNames::boxed(Rc::from("__new__"), Some(owner)),
        func: Rc::new(checked),
        is_method: false,
        intrinsic: None,
        fast: None,
    })));
    let sm = Value::Obj(Obj::new(Payload::StaticMethod(func)));
    vm.set_class_attr(class, "__new__", sm);
}

/// True if `f` is the native `__new__`/`__init__` defined on `object`.
fn is_object_slot(f: &Option<Value>) -> bool {
    let inner = match f.as_ref().and_then(|v| v.payload()) {
        Some(Payload::StaticMethod(i)) => i.clone(),
        Some(_) => f.clone().expect("some"),
        None => return false,
    };
    matches!(inner.payload(), Some(Payload::NativeFunction(nf)) if nf.owner() == Some("object"))
}

fn cls_arg(vm: &mut Vm, args: &Args, what: &str) -> PyResult<ObjRef> {
    match args
        .positional
        .first()
        .and_then(|v| v.as_obj())
        .filter(|o| o.as_type().is_some())
    {
        Some(c) => Ok(c.clone()),
        None => Err(vm.new_type_error(format!("{what}: not enough arguments"))),
    }
}

fn object_init(vm: &mut Vm) {
    let object = vm.types.object.clone();
    add_new(vm, &object, |vm, args| {
        let cls = cls_arg(vm, &args, "object.__new__(X)")?;
        if args.positional.len() > 1 || !args.kwargs.is_empty() {
            let init = vm.lookup_in_mro(&cls, "__init__");
            if is_object_slot(&init) {
                let n = vm.class_name(&cls);
                return Err(vm.new_type_error(format!("{n}() takes no arguments")));
            }
        }
        Ok(Value::Obj(vm.alloc_instance(&cls)?))
    });
    vm.add_method(&object, "__init__", |vm, args| {
        if args.positional.len() > 1 || !args.kwargs.is_empty() {
            let me = self_arg(&args);
            let cls = vm.type_of(&me);
            let new = vm.lookup_in_mro(&cls, "__new__");
            if is_object_slot(&new) {
                let n = vm.class_name(&cls);
                return Err(vm.new_type_error(format!(
                    "{n}.__init__() takes exactly one argument (the instance to initialize)"
                )));
            }
        }
        Ok(Value::None)
    });
    if let Some(Payload::NativeFunction(_)) = vm
        .lookup_in_mro(&object, "__init__")
        .as_ref()
        .and_then(|v| v.payload())
    {
        // The owner of methods added through add_method is the class name ("object").
    }
    vm.add_method(&object, "__repr__", |vm, args| {
        Ok(Value::string(vm.builtin_repr(&self_arg(&args))?))
    });
    vm.add_method(&object, "__str__", |vm, args| {
        let me = self_arg(&args);
        Ok(Value::string(vm.repr(&me)?))
    });
    vm.add_method(&object, "__hash__", |vm, args| {
        Ok(Value::Int(vm.builtin_hash(&self_arg(&args))?))
    });
    vm.add_method(&object, "__format__", |vm, args| {
        let a = args.check(vm, "__format__", 2, 2)?.to_vec();
        let Some(spec) = a[1].as_str().map(str::to_string) else {
            let msg = format!(
                "__format__() argument must be str, not {}",
                vm.type_name(&a[1])
            );
            return Err(vm.new_type_error(msg));
        };
        if !spec.is_empty() {
            let msg = format!(
                "unsupported format string passed to {}.__format__",
                vm.type_name(&a[0])
            );
            return Err(vm.new_type_error(msg));
        }
        Ok(Value::string(vm.str(&a[0])?))
    });
    for op in [
        CmpOp::Eq,
        CmpOp::NotEq,
        CmpOp::Lt,
        CmpOp::LtE,
        CmpOp::Gt,
        CmpOp::GtE,
    ] {
        let (name, _) = crate::vm::ops::cmp_names(op);
        vm.add_method(&object, name, move |vm, args| {
            let a = args.check(vm, name, 2, 2)?.to_vec();
            if op == CmpOp::NotEq && vm.has_user_class(&a[0]) {
                // object.__ne__ inverts __eq__.
                if let Some(eq) = vm.user_dunder(&a[0], "__eq__") {
                    let r = vm.call_bound_dunder(&eq, &a[0], vec![a[1].clone()])?;
                    if r.is(&vm.not_implemented) {
                        return Ok(r);
                    }
                    return Ok(Value::Bool(!vm.truthy(&r)?));
                }
            }
            Ok(match vm.native_compare(&a[0], &a[1], op)? {
                Some(b) => Value::Bool(b),
                None => vm.not_implemented.clone(),
            })
        });
    }
    vm.add_method(&object, "__getattribute__", |vm, args| {
        let a = args.check(vm, "__getattribute__", 2, 2)?.to_vec();
        let name = a[1].as_str().unwrap_or("").to_string();
        let cls = vm.type_of(&a[0]);
        match vm.generic_get_attr(&a[0], &cls, &name)? {
            Some(v) => Ok(v),
            None => Err(vm.no_attribute(&a[0], &name)),
        }
    });
    vm.add_method(&object, "__setattr__", |vm, args| {
        let a = args.check(vm, "__setattr__", 3, 3)?.to_vec();
        let name = a[1].as_str().unwrap_or("").to_string();
        vm.generic_set_attr(&a[0], &name, Some(a[2].clone()))?;
        Ok(Value::None)
    });
    vm.add_method(&object, "__delattr__", |vm, args| {
        let a = args.check(vm, "__delattr__", 2, 2)?.to_vec();
        let name = a[1].as_str().unwrap_or("").to_string();
        vm.generic_set_attr(&a[0], &name, None)?;
        Ok(Value::None)
    });
    vm.add_classmethod(&object, "__init_subclass__", |vm, args| {
        if args.kwargs.is_empty() && args.positional.len() <= 1 {
            return Ok(Value::None);
        }
        let name = match args.positional.first().and_then(|c| c.as_obj()) {
            Some(c) => vm.class_name(c).to_string(),
            None => "object".to_string(),
        };
        Err(vm.new_type_error(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        )))
    });
    vm.add_method(&object, "__dir__", |vm, args| {
        let me = self_arg(&args);
        let dir = vm.builtin("dir").expect("dir is a builtin");
        vm.call(&dir, vec![me])
    });
    vm.add_method(&object, "__reduce_ex__", |vm, _| {
        Err(vm.new_type_error("cannot pickle"))
    });
}

fn type_init(vm: &mut Vm) {
    let ty = vm.types.type_.clone();
    add_new(vm, &ty, |vm, mut args| {
        let meta = cls_arg(vm, &args, "type.__new__(X)")?;
        args.positional.remove(0);
        if args.positional.len() == 1 && args.kwargs.is_empty() {
            return Ok(Value::Obj(vm.type_of(&args.positional[0])));
        }
        if args.positional.len() != 3 {
            return Err(vm.new_type_error("type() takes 1 or 3 arguments"));
        }
        let name = args.positional[0].as_str().map(String::from);
        let Some(name) = name else {
            return Err(vm.new_type_error(format!(
                "type.__new__() argument 1 must be str, not {}",
                vm.type_name(&args.positional[0])
            )));
        };
        let bases: Vec<ObjRef> = match args.positional[1].as_tuple() {
            Some(t) => t.iter().filter_map(|b| b.as_obj().cloned()).collect(),
            None => return Err(vm.new_type_error("type.__new__() argument 2 must be tuple")),
        };
        let Some(ns) = args.positional[2]
            .as_obj()
            .filter(|o| o.as_dict().is_some())
            .cloned()
        else {
            return Err(vm.new_type_error("type.__new__() argument 3 must be dict"));
        };
        let kwargs = std::mem::take(&mut args.kwargs);
        super::functions::type_new(vm, &meta, &name, bases, &ns, kwargs)
    });
    vm.add_method(&ty, "__init__", |_, _| Ok(Value::None));
    vm.add_method(&ty, "__call__", |vm, mut args| {
        let cls = cls_arg(vm, &args, "type.__call__")?;
        args.positional.remove(0);
        vm.construct(&cls, args)
    });
    vm.add_method(&ty, "mro", |vm, args| {
        let cls = cls_arg(vm, &args, "mro")?;
        Ok(Value::list(
            vm.mro_of(&cls).into_iter().map(Value::Obj).collect(),
        ))
    });
    vm.add_method(&ty, "__subclasscheck__", |vm, args| {
        let a = args.check(vm, "__subclasscheck__", 2, 2)?.to_vec();
        let (Some(c), Some(s)) = (a[0].as_obj(), a[1].as_obj()) else {
            return Ok(Value::Bool(false));
        };
        Ok(Value::Bool(vm.is_subclass(s, c)))
    });
    vm.add_method(&ty, "__instancecheck__", |vm, args| {
        let a = args.check(vm, "__instancecheck__", 2, 2)?.to_vec();
        let Some(c) = a[0].as_obj() else {
            return Ok(Value::Bool(false));
        };
        Ok(Value::Bool(vm.is_instance(&a[1], c)))
    });
    vm.add_classmethod(&ty, "__prepare__", |vm, _| Ok(Value::Obj(vm.new_dict())));
    vm.add_method(&ty, "__or__", |_, args| Ok(self_arg(&args)));
}

fn descriptor_types_init(vm: &mut Vm) {
    let prop = vm.types.property.clone();
    add_new(vm, &prop, |vm, mut args| {
        let cls = args.positional.remove(0);
        // A subclass's instance starts empty: `property.__init__` fills it in (called by
        // the subclass's own `__init__` through super(), or directly).
        if let Value::Obj(c) = &cls
            && !ObjRef::ptr_eq(c, &vm.types.property)
        {
            return Ok(Value::Obj(vm.alloc_instance(c)?));
        }
        let [fget, fset, fdel, doc] = property_args(vm, args)?;
        Ok(Value::Obj(Obj::new(Payload::Property {
            fget,
            fset,
            more: PropertyMore::new(fdel, doc),
        })))
    });
    vm.add_method(&prop, "__init__", |vm, mut args| {
        if args.positional.is_empty() {
            return Err(
                vm.new_type_error("descriptor '__init__' of 'property' object needs an argument")
            );
        }
        let me = args.positional.remove(0);
        // A plain property got its fields from `__new__`.
        let Some(Payload::PropertySub(fields)) = me.payload() else {
            return Ok(Value::None);
        };
        let [fget, fset, fdel, doc] = property_args(vm, args)?;
        // CPython 3.11 gives a subclass instance the getter's docstring in its `__dict__`
        // (where it shadows the subclass's own `__doc__`) only when no `doc` is passed; a
        // passed `doc` is not visible as `__doc__` at all.
        let getter_doc = if doc.is_none() && !fget.is_none() {
            Some(vm.lookup_attr_opt(&fget, "__doc__")?.unwrap_or(Value::None))
        } else {
            None
        };
        {
            let mut f = fields.borrow_mut();
            f[0] = fget;
            f[1] = fset;
            f[2] = fdel;
            f[3] = doc;
        }
        if let Some(d) = getter_doc {
            vm.set_attr(&me, "__doc__", d)?;
        }
        Ok(Value::None)
    });
    vm.add_method(&prop, "__set_name__", |vm, args| {
        let a = args.check(vm, "__set_name__", 3, 3)?.to_vec();
        if let Some(Payload::PropertySub(fields)) = a[0].payload() {
            fields.borrow_mut()[4] = a[2].clone();
        }
        Ok(Value::None)
    });
    for (name, which) in [("getter", 0), ("setter", 1), ("deleter", 2)] {
        vm.add_method(&prop, name, move |vm, args| {
            let a = args.check(vm, name, 2, 2)?.to_vec();
            if let Some(Payload::PropertySub(fields)) = a[0].payload() {
                // `type(self)(fget, fset, fdel, doc)` with the doc that was passed: the
                // subclass's constructor runs.
                let mut new: Vec<Value> = fields.borrow()[..4].to_vec();
                new[which] = a[1].clone();
                let cls = Value::Obj(vm.type_of(&a[0]));
                let copy = vm.call(&cls, new)?;
                if let Some(Payload::PropertySub(to)) = copy.payload() {
                    to.borrow_mut()[4] = fields.borrow()[4].clone();
                }
                return Ok(copy);
            }
            let Some(Payload::Property { fget, fset, more }) = a[0].payload() else {
                return Err(vm.new_type_error("descriptor requires a 'property' object"));
            };
            let (mut g, mut s, mut d) = (fget.clone(), fset.clone(), more.fdel());
            match which {
                0 => g = a[1].clone(),
                1 => s = a[1].clone(),
                _ => d = a[1].clone(),
            }
            Ok(Value::Obj(Obj::new(Payload::Property {
                fget: g,
                fset: s,
                more: PropertyMore::new(d, more.doc()),
            })))
        });
    }
    vm.add_method(&prop, "__get__", |vm, args| {
        let a = args.check(vm, "__get__", 2, 3)?.to_vec();
        if a[1].is_none() {
            return Ok(a[0].clone());
        }
        if let Some(Payload::PropertySub(fields)) = a[0].payload() {
            let f = property_sub_fn(vm, fields, &a[1], 0)?;
            return vm.call(&f, vec![a[1].clone()]);
        }
        vm.bind_descriptor(&a[0], &a[1])
    });
    vm.add_method(&prop, "__set__", |vm, args| {
        let a = args.check(vm, "__set__", 3, 3)?.to_vec();
        if let Some(Payload::PropertySub(fields)) = a[0].payload() {
            let f = property_sub_fn(vm, fields, &a[1], 1)?;
            vm.call(&f, vec![a[1].clone(), a[2].clone()])?;
            return Ok(Value::None);
        }
        if let Some(Payload::Property { fset, .. }) = a[0].payload() {
            if fset.is_none() {
                return Err(vm.new_attribute_error("property has no setter"));
            }
            let f = fset.clone();
            vm.call(&f, vec![a[1].clone(), a[2].clone()])?;
        }
        Ok(Value::None)
    });
    vm.add_method(&prop, "__delete__", |vm, args| {
        let a = args.check(vm, "__delete__", 2, 2)?.to_vec();
        let f = match a[0].payload() {
            Some(Payload::PropertySub(fields)) => property_sub_fn(vm, fields, &a[1], 2)?,
            Some(Payload::Property { more, .. }) => more.fdel(),
            _ => Value::None,
        };
        if f.is_none() {
            return Err(vm.new_attribute_error("property has no deleter"));
        }
        vm.call(&f, vec![a[1].clone()])?;
        Ok(Value::None)
    });
    let sm = vm.types.staticmethod.clone();
    add_new(vm, &sm, |vm, args| {
        let a = args.check(vm, "staticmethod", 2, 2)?.to_vec();
        Ok(Value::Obj(Obj::new(Payload::StaticMethod(a[1].clone()))))
    });
    vm.add_method(&sm, "__get__", |vm, args| {
        let a = args.check(vm, "__get__", 2, 3)?.to_vec();
        match a[0].payload() {
            Some(Payload::StaticMethod(f)) => Ok(f.clone()),
            _ => Ok(Value::None),
        }
    });
    let cm = vm.types.classmethod.clone();
    add_new(vm, &cm, |vm, args| {
        let a = args.check(vm, "classmethod", 2, 2)?.to_vec();
        Ok(Value::Obj(Obj::new(Payload::ClassMethod(a[1].clone()))))
    });
    vm.add_method(&cm, "__get__", |vm, args| {
        let a = args.check(vm, "__get__", 2, 3)?.to_vec();
        let owner = match a.get(2).filter(|o| !o.is_none()) {
            Some(o) => o.clone(),
            None => Value::Obj(vm.type_of(&a[1])),
        };
        match a[0].payload() {
            Some(Payload::ClassMethod(f)) => Ok(Value::Obj(Obj::new(Payload::BoundMethod {
                receiver: owner,
                func: f.clone(),
            }))),
            _ => Ok(Value::None),
        }
    });
    let func = vm.types.function.clone();
    vm.add_method(&func, "__get__", |vm, args| {
        let a = args.check(vm, "__get__", 2, 3)?.to_vec();
        if a[1].is_none() {
            return Ok(a[0].clone());
        }
        Ok(Value::Obj(Obj::new(Payload::BoundMethod {
            receiver: a[1].clone(),
            func: a[0].clone(),
        })))
    });
    let sup = vm.types.super_.clone();
    let super_new = Value::Obj(Obj::new(Payload::NativeFunction(NativeFunction {
        names: crate::vm::native::NativeNames::boxed(Rc::from("super"), None),
        func: Rc::new(|vm: &mut Vm, args: Args| {
            let a = args.check(vm, "super", 1, 3)?.to_vec();
            if a.len() < 3 {
                return Err(vm.new_runtime_error("super(): no arguments"));
            }
            let Some(cls) = a[1].as_obj().filter(|c| c.as_type().is_some()).cloned() else {
                return Err(vm.new_type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    vm.type_name(&a[1])
                )));
            };
            vm.new_super(&cls, a[2].clone())
        }),
        is_method: false,
        intrinsic: None,
        fast: None,
    })));
    vm.set_class_attr(
        &sup,
        "__new__",
        Value::Obj(Obj::new(Payload::StaticMethod(super_new))),
    );
    // `super()` itself is resolved by the eval loop (it needs the caller's frame): the name
    // `super` in builtins is an intrinsic that builds the object.
    let intrinsic = Value::Obj(Obj::new(Payload::NativeFunction(NativeFunction {
        names: crate::vm::native::NativeNames::boxed(Rc::from("super"), None),
        func: Rc::new(|vm: &mut Vm, args: Args| {
            let a = args.check(vm, "super", 0, 2)?.to_vec();
            let Some(first) = a.first() else {
                return Err(vm.new_runtime_error("super(): no arguments"));
            };
            let Some(cls) = first.as_obj().filter(|c| c.as_type().is_some()).cloned() else {
                return Err(vm.new_type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    vm.type_name(first)
                )));
            };
            match a.get(1) {
                Some(obj) => vm.new_super(&cls, obj.clone()),
                None => Err(vm.new_runtime_error(
                    "percolate does not support unbound super objects (super() with one argument)",
                )),
            }
        }),
        is_method: false,
        intrinsic: Some(FrameIntrinsic::Super),
        fast: None,
    })));
    let b = vm.builtins_dict();
    vm.dict_set_str(&b, "super", intrinsic);
}

/// Registers `object`, `type` and the descriptor types.
pub fn init(vm: &mut Vm) {
    object_init(vm);
    type_init(vm);
    descriptor_types_init(vm);
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`'s arguments (`args` without the
/// class or instance).
fn property_args(vm: &mut Vm, mut args: Args) -> PyResult<[Value; 4]> {
    let mut slots = args
        .bind(vm, "property", &["fget", "fset", "fdel", "doc"], 4, 0)?
        .into_iter();
    let mut next = || slots.next().flatten().unwrap_or(Value::None);
    Ok([next(), next(), next(), next()])
}

/// A property subclass's instance's fget (`which` 0), fset (1) or fdel (2); without one,
/// CPython's AttributeError, naming the attribute when `__set_name__` told it.
fn property_sub_fn(
    vm: &mut Vm,
    fields: &std::cell::RefCell<[Value; 5]>,
    obj: &Value,
    which: usize,
) -> PyResult<Value> {
    let (f, name) = {
        let fields = fields.borrow();
        (fields[which].clone(), fields[4].clone())
    };
    if !f.is_none() {
        return Ok(f);
    }
    let what = ["getter", "setter", "deleter"][which.min(2)];
    let cls = vm.type_name(obj).to_string();
    Err(match name.as_str() {
        Some(n) => {
            vm.new_attribute_error(format!("property '{n}' of '{cls}' object has no {what}"))
        }
        None => vm.new_attribute_error(format!("property of '{cls}' object has no {what}")),
    })
}
