//! The methods of `BaseException` and exception groups.

use super::object::add_new;
use super::self_arg;
use crate::vm::object::Payload;
use crate::vm::{ObjRef, PyResult, Value, Vm};

/// Registers the exception methods.
pub fn init(vm: &mut Vm) {
    let base = vm.exc.base_exception.clone();
    add_new(vm, &base, |vm, args| {
        let mut cls = args.positional[0].as_obj().cloned().expect("cls");
        let rest = args.positional[1..].to_vec();
        // exceptions.c OSError_new: `OSError(errno, strerror, ...)` itself (not a subclass)
        // makes the subclass for that errno, e.g. FileNotFoundError for ENOENT.
        if ObjRef::ptr_eq(&cls, &vm.exc.os_error)
            && (2..=5).contains(&rest.len())
            && let Value::Int(errno) = rest[0]
            && let Some(sub) = i32::try_from(errno)
                .ok()
                .and_then(|e| vm.exc.by_name(crate::vm::exception::os_error_class_name(e)))
        {
            cls = sub;
        }
        Ok(Value::Obj(vm.new_exception(&cls, rest)))
    });
    super::exception_fields::install(vm);
    vm.add_method(&base, "__str__", |vm, args| {
        Ok(Value::string(vm.builtin_str(&self_arg(&args))?))
    });
    vm.add_method(&base, "__repr__", |vm, args| {
        Ok(Value::string(vm.builtin_repr(&self_arg(&args))?))
    });
    vm.add_method(&base, "with_traceback", |vm, args| {
        let a = args.check(vm, "with_traceback", 2, 2)?.to_vec();
        vm.set_attr(&a[0], "__traceback__", a[1].clone())?;
        Ok(a[0].clone())
    });
    vm.add_method(&base, "add_note", |vm, args| {
        let a = args.check(vm, "add_note", 2, 2)?.to_vec();
        if a[1].as_str().is_none() {
            return Err(
                vm.new_type_error(format!("note must be a str, not '{}'", vm.type_name(&a[1])))
            );
        }
        let notes = match vm.lookup_attr_opt(&a[0], "__notes__")? {
            Some(n) => n,
            None => {
                let n = Value::list(vec![]);
                vm.set_attr(&a[0], "__notes__", n.clone())?;
                n
            }
        };
        vm.call_method(&notes, "append", vec![a[1].clone()])?;
        Ok(Value::None)
    });
    let Some(group) = vm.exc.by_name("BaseExceptionGroup") else {
        return;
    };
    add_new(vm, &group, |vm, args| {
        let a = args.check(vm, "BaseExceptionGroup", 3, 3)?.to_vec();
        let cls = a[0].as_obj().cloned().expect("cls");
        if a[1].as_str().is_none() {
            return Err(vm.new_type_error(format!(
                "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
                vm.type_name(&a[1])
            )));
        }
        let excs = match a[2].payload() {
            Some(Payload::List(_) | Payload::Tuple(_)) => vm.collect(&a[2])?,
            _ => return Err(vm.new_type_error("second argument (exceptions) must be a sequence")),
        };
        if excs.is_empty() {
            return Err(
                vm.new_value_error("second argument (exceptions) must be a non-empty sequence")
            );
        }
        let base = vm.exc.base_exception.clone();
        let exception = vm.exc.exception.clone();
        for (i, e) in excs.iter().enumerate() {
            if !vm.is_instance(e, &base) {
                return Err(vm.new_value_error(format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )));
            }
        }
        let all_exc = excs.iter().all(|e| vm.is_instance(e, &exception));
        let plain_group = vm.exc.by_name("BaseExceptionGroup").expect("exists");
        let cls = if ObjRef::ptr_eq(&cls, &plain_group) && all_exc {
            vm.exc.by_name("ExceptionGroup").expect("exists")
        } else {
            cls
        };
        let eg = vm.exc.by_name("ExceptionGroup").expect("exists");
        if vm.is_subclass(&cls, &eg) && !all_exc {
            return Err(vm.new_type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
        let e = vm.new_exception(&cls, vec![a[1].clone(), a[2].clone()]);
        if let Some(d) = &e.dict {
            vm.dict_set_str(d, "message", a[1].clone());
            vm.dict_set_str(d, "exceptions", Value::tuple(excs));
        }
        Ok(Value::Obj(e))
    });
    vm.add_method(&group, "__init__", |_, _| Ok(Value::None));
    vm.add_method(&group, "derive", |vm, args| {
        let a = args.check(vm, "derive", 2, 2)?.to_vec();
        let excs = vm.collect(&a[1])?;
        vm.derive_group(&a[0], excs)
    });
    for (name, keep_match) in [("subgroup", true), ("split", false)] {
        vm.add_method(&group, name, move |vm, args| {
            let a = args.check(vm, name, 2, 2)?.to_vec();
            let (rest, matched) = vm.exception_group_split(&a[0], &a[1])?;
            if keep_match {
                Ok(matched)
            } else {
                Ok(Value::tuple(vec![matched, rest]))
            }
        });
    }
}

/// `str()` of an exception group: `msg (N sub-exception[s])`.
pub fn group_str(vm: &mut Vm, v: &Value) -> Option<PyResult<String>> {
    let excs = vm.group_exceptions(v)?;
    let msg = v
        .as_obj()?
        .dict
        .clone()
        .and_then(|d| vm.dict_get_str(&d, "message"))
        .unwrap_or(Value::str(""));
    let msg = match vm.str(&msg) {
        Ok(m) => m,
        Err(e) => return Some(Err(e)),
    };
    let n = excs.len();
    Some(Ok(format!(
        "{msg} ({n} sub-exception{})",
        if n == 1 { "" } else { "s" }
    )))
}
