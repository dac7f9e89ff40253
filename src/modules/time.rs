//! The `time` module: wall clock, monotonic clocks and sleep.

use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

thread_local! {
    /// The origin of `monotonic()`/`perf_counter()`.
    static EPOCH: Instant = Instant::now();
}

/// Seconds since the monotonic origin.
pub fn monotonic() -> f64 {
    EPOCH.with(|e| e.elapsed().as_secs_f64())
}

fn wall() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// Reads a number of seconds (int, float or bool).
pub fn seconds_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Float(f) => Ok(*f),
        other => Err(vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer or float",
            vm.type_name(other)
        ))),
    }
}

/// Builds the `time` module.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("time");
    let f = vm.new_native_fn("time", |_vm, _a: Args| {
        Ok(Value::Float(wall().as_secs_f64()))
    });
    vm.module_set(&m, "time", f);
    let f = vm.new_native_fn("time_ns", |_vm, _a: Args| {
        Ok(Value::bigint(wall().as_nanos().into()))
    });
    vm.module_set(&m, "time_ns", f);
    for name in ["monotonic", "perf_counter", "process_time"] {
        let f = vm.new_native_fn(name, |_vm, _a: Args| Ok(Value::Float(monotonic())));
        vm.module_set(&m, name, f);
    }
    for name in ["monotonic_ns", "perf_counter_ns"] {
        let f = vm.new_native_fn(name, |_vm, _a: Args| {
            Ok(Value::bigint(EPOCH.with(|e| e.elapsed().as_nanos()).into()))
        });
        vm.module_set(&m, name, f);
    }
    let sleep = vm.new_native_fn("sleep", |vm, args: Args| {
        let [secs] = args.check(vm, "sleep", 1, 1)? else {
            unreachable!("check returned one argument")
        };
        let secs = seconds_arg(vm, &secs.clone())?;
        if secs < 0.0 {
            return Err(vm.new_value_error("sleep length must be non-negative"));
        }
        vm.flush_stdout();
        std::thread::sleep(Duration::from_secs_f64(secs.min(1e9)));
        Ok(Value::None)
    });
    vm.module_set(&m, "sleep", sleep);
    Ok(m)
}
