//! The `time` module: wall clock, monotonic clocks and sleep.

use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

thread_local! {
    /// The origin of `monotonic()`/`perf_counter()`.
    static EPOCH: Instant = Instant::now();
    /// A callable `sleep` calls with its duration before blocking, set while asyncio runs an
    /// executor function in the loop's own thread (percolate has no threads): it raises when
    /// the block would hold up work a worker thread would have let the loop do.
    static BLOCKING_HOOK: std::cell::RefCell<Value> = const { std::cell::RefCell::new(Value::None) };
}

/// Installs `hook` (None: no hook) as the callable `time.sleep` consults before blocking;
/// returns the previous one.
pub fn replace_blocking_hook(hook: Value) -> Value {
    BLOCKING_HOOK.with(|h| std::mem::replace(&mut *h.borrow_mut(), hook))
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
        let hook = BLOCKING_HOOK.with(|h| h.borrow().clone());
        if !hook.is_none() {
            vm.call(&hook, vec![Value::Float(secs)])?;
        }
        vm.flush_stdout();
        vm.sleep_interruptibly(Duration::from_secs_f64(secs.min(1e9)))?;
        Ok(Value::None)
    });
    vm.module_set(&m, "sleep", sleep);
    add_calendar_functions(vm, &m)?;
    Ok(m)
}

/// Mirrors timemodule.c `tmtotuple`: (year, month, mday, hour, min, sec, wday (Monday 0),
/// yday (1-based), isdst) of a timestamp, local or UTC.
fn broken_down(secs: i64, local: bool) -> Value {
    // SAFETY: localtime_r/gmtime_r only write into the `tm` we own; `t` outlives the call.
    let tm = unsafe {
        let t: libc::time_t = secs as libc::time_t;
        let mut tm: libc::tm = std::mem::zeroed();
        if local {
            libc::localtime_r(&t, &mut tm);
        } else {
            libc::gmtime_r(&t, &mut tm);
        }
        tm
    };
    let parts = [
        i64::from(tm.tm_year) + 1900,
        i64::from(tm.tm_mon) + 1,
        i64::from(tm.tm_mday),
        i64::from(tm.tm_hour),
        i64::from(tm.tm_min),
        i64::from(tm.tm_sec),
        (i64::from(tm.tm_wday) + 6) % 7,
        i64::from(tm.tm_yday) + 1,
        i64::from(tm.tm_isdst),
    ];
    Value::tuple(parts.iter().map(|v| Value::Int(*v)).collect())
}

/// The Unix timestamp of a local (year, month, mday, hour, min, sec) tuple.
fn local_timestamp(parts: &[i64]) -> i64 {
    // SAFETY: mktime reads and normalises the `tm` we own.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        tm.tm_year = (parts[0] - 1900) as libc::c_int;
        tm.tm_mon = (parts[1] - 1) as libc::c_int;
        tm.tm_mday = parts[2] as libc::c_int;
        tm.tm_hour = parts[3] as libc::c_int;
        tm.tm_min = parts[4] as libc::c_int;
        tm.tm_sec = parts[5] as libc::c_int;
        tm.tm_isdst = -1;
        libc::mktime(&mut tm) as i64
    }
}

/// Adds `localtime`, `gmtime`, `mktime`, `strftime`, `asctime`, `ctime` (py/time.py) on
/// top of the native broken-down time.
fn add_calendar_functions(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    for (name, local) in [("_localtime", true), ("_gmtime", false)] {
        let f = vm.new_native_fn(name, move |vm, args: Args| {
            let secs = match args.positional.first() {
                Some(v) if !v.is_none() => seconds_arg(vm, &v.clone())?.floor() as i64,
                _ => wall().as_secs() as i64,
            };
            Ok(broken_down(secs, local))
        });
        vm.module_set(m, name, f);
    }
    let f = vm.new_native_fn("_mktime", |vm, args: Args| {
        let [t] = args.check(vm, "mktime", 1, 1)? else {
            unreachable!("check returned one argument")
        };
        let items = vm.collect(&t.clone())?;
        let mut parts = Vec::new();
        for item in items.iter().take(6) {
            parts.push(vm.index_value(item)?);
        }
        if parts.len() < 6 {
            return Err(vm.new_type_error("mktime(): illegal time tuple argument"));
        }
        Ok(Value::Float(local_timestamp(&parts) as f64))
    });
    vm.module_set(m, "_mktime", f);
    vm.exec_source_in(include_str!("py/time.py"), "<frozen time>", m)
}
