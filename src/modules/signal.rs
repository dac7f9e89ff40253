//! The `signal` module, for SIGINT: `signal.signal`, `getsignal`, `default_int_handler`,
//! `raise_signal`, `SIG_DFL`/`SIG_IGN` and the signal numbers. Mirrors
//! Modules/signalmodule.c; the handler machinery itself is in `vm/interrupt.rs`.
//! Handlers for other signals are refused loudly (`NotImplementedError`).

use crate::vm::interrupt::{self, Disposition, SIGINT};
use crate::vm::{Args, ObjRef, Payload, PyResult, Value, Vm};

/// `signal.SIG_DFL`.
const SIG_DFL: i64 = 0;
/// `signal.SIG_IGN`.
const SIG_IGN: i64 = 1;
/// Signals whose numbers the module exports (name, number).
const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGCHLD", libc::SIGCHLD),
];

/// Whether `v` can be called (builtins.callable).
fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Function(_)
            | Payload::NativeFunction(_)
            | Payload::BoundMethod { .. }
            | Payload::Type(_),
        ) => true,
        _ => vm.lookup_in_mro(&vm.type_of(v), "__call__").is_some(),
    }
}

/// Reads a signal number argument (`ValueError: signal number out of range`).
fn signal_number(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = vm.index_value(v)?;
    if !(1..65).contains(&n) {
        return Err(vm.new_value_error("signal number out of range"));
    }
    Ok(n as i32)
}

/// The Python object `getsignal` reports for a disposition.
fn disposition_value(default_handler: &Value, d: Disposition) -> Value {
    match d {
        Disposition::Default => default_handler.clone(),
        Disposition::Ignore => Value::Int(SIG_IGN),
        Disposition::SystemDefault => Value::Int(SIG_DFL),
        Disposition::Handler(h) => h,
    }
}

/// Builds the `signal` module.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("signal");
    let default_handler = vm.new_native_fn("default_int_handler", |vm, _a: Args| {
        Err(vm.new_exception(&vm.exc.keyboard_interrupt, vec![]))
    });
    vm.module_set(&m, "default_int_handler", default_handler.clone());
    vm.module_set(&m, "SIG_DFL", Value::Int(SIG_DFL));
    vm.module_set(&m, "SIG_IGN", Value::Int(SIG_IGN));
    vm.module_set(&m, "NSIG", Value::Int(65));
    for (name, number) in SIGNALS {
        vm.module_set(&m, name, Value::Int(i64::from(*number)));
    }
    let default_for_get = default_handler.clone();
    let getsignal = vm.new_native_fn("getsignal", move |vm, args: Args| {
        let arg = args.check(vm, "getsignal", 1, 1)?[0].clone();
        let number = signal_number(vm, &arg)?;
        if number != SIGINT {
            return Ok(Value::Int(SIG_DFL));
        }
        Ok(disposition_value(
            &default_for_get,
            interrupt::disposition(),
        ))
    });
    vm.module_set(&m, "getsignal", getsignal);
    let default_for_set = default_handler;
    let signal = vm.new_native_fn("signal", move |vm, args: Args| {
        let a = args.check(vm, "signal", 2, 2)?.to_vec();
        let number = signal_number(vm, &a[0])?;
        let handler = &a[1];
        let new = if handler.is(&default_for_set) {
            Disposition::Default
        } else if let Value::Int(n @ (SIG_DFL | SIG_IGN)) = handler {
            if *n == SIG_IGN {
                Disposition::Ignore
            } else {
                Disposition::SystemDefault
            }
        } else if is_callable(vm, handler) {
            Disposition::Handler(handler.clone())
        } else {
            return Err(vm.new_type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ));
        };
        if number != SIGINT {
            return Err(
                vm.new_not_implemented_error("percolate: signal.signal() supports only SIGINT")
            );
        }
        let old = interrupt::set_disposition(new);
        Ok(disposition_value(&default_for_set, old))
    });
    vm.module_set(&m, "signal", signal);
    let raise_signal = vm.new_native_fn("raise_signal", |vm, args: Args| {
        let arg = args.check(vm, "raise_signal", 1, 1)?[0].clone();
        let number = signal_number(vm, &arg)?;
        if number != SIGINT {
            return Err(vm.new_not_implemented_error(
                "percolate: signal.raise_signal() supports only SIGINT",
            ));
        }
        interrupt::trip();
        vm.handle_interrupt()?;
        Ok(Value::None)
    });
    vm.module_set(&m, "raise_signal", raise_signal);
    Ok(m)
}
