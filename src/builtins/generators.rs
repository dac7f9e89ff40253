//! The Python-visible methods of generators and coroutines: send, throw, close, __next__,
//! __iter__, __await__.

use super::self_arg;
use crate::vm::generator::SendResult;
use crate::vm::object::Payload;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

fn gen_self(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.positional.first() {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Generator(_)) => Ok(o.clone()),
        _ => Err(vm.new_type_error(format!("descriptor '{name}' requires a generator object"))),
    }
}

/// Normalises `throw(typ[, val[, tb]])` arguments into an exception instance.
pub fn throw_args_to_exception(vm: &mut Vm, typ: &Value, val: Option<&Value>) -> PyResult<ObjRef> {
    let base = vm.exc.base_exception.clone();
    match typ {
        Value::Obj(o) if o.as_type().is_some() => {
            if !vm.is_subclass(o, &base) {
                return Err(vm.new_type_error(
                    "exceptions must be classes or instances deriving from BaseException, not type"
                        .to_string(),
                ));
            }
            match val {
                Some(v) if vm.is_instance(v, o) => Ok(v.as_obj().expect("instance").clone()),
                Some(Value::None) | None => vm.make_exception(typ),
                Some(v) => {
                    let args = match v.as_tuple() {
                        Some(t) => t.to_vec(),
                        None => vec![v.clone()],
                    };
                    let inst = vm.call(typ, args)?;
                    vm.make_exception(&inst)
                }
            }
        }
        Value::Obj(o) if vm.exc_data(o).is_some() => {
            if val.is_some_and(|v| !v.is_none()) {
                return Err(vm.new_type_error("instance exception may not have a separate value"));
            }
            Ok(o.clone())
        }
        other => Err(vm.new_type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            vm.type_name(other)
        ))),
    }
}

/// Registers generator and coroutine methods.
pub fn init(vm: &mut Vm) {
    let types = [vm.types.generator.clone(), vm.types.coroutine.clone()];
    for cls in types {
        vm.add_method(&cls, "send", |vm, args| {
            let g = gen_self(vm, &args, "send")?;
            let a = args.check(vm, "send", 2, 2)?.to_vec();
            let r = vm.gen_send(&g, a[1].clone())?;
            vm.send_result_to_py(r)
        });
        vm.add_method(&cls, "throw", |vm, args| {
            let g = gen_self(vm, &args, "throw")?;
            let a = args.check(vm, "throw", 2, 4)?.to_vec();
            let exc = throw_args_to_exception(vm, &a[1], a.get(2))?;
            let r = vm.gen_throw(&g, exc)?;
            vm.send_result_to_py(r)
        });
        vm.add_method(&cls, "close", |vm, args| {
            let g = gen_self(vm, &args, "close")?;
            vm.gen_close(&g)?;
            Ok(Value::None)
        });
    }
    let generator = vm.types.generator.clone();
    vm.add_method(&generator, "__iter__", |_, args| Ok(self_arg(&args)));
    vm.add_method(&generator, "__next__", |vm, args| {
        let g = gen_self(vm, &args, "__next__")?;
        match vm.gen_send(&g, Value::None)? {
            SendResult::Yield(v) => Ok(v),
            SendResult::Return(v) => Err(vm.new_stop_iteration(v)),
        }
    });
    super::coroutine_wrapper::init(vm);
    let agen = vm.types.async_generator.clone();
    vm.add_method(&agen, "__aiter__", |_, args| Ok(self_arg(&args)));
    vm.init_async_generators();
}
