//! The `datetime` module: `py/datetime.py` on top of the local clock read here.

use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// Local broken-down time of a Unix timestamp: (year, month, day, hour, minute, second).
fn local_time(secs: i64) -> [i64; 6] {
    // SAFETY: localtime_r only writes into the `tm` we own; `t` outlives the call.
    let tm = unsafe {
        let t: libc::time_t = secs as libc::time_t;
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&t, &mut tm);
        tm
    };
    [
        i64::from(tm.tm_year) + 1900,
        i64::from(tm.tm_mon) + 1,
        i64::from(tm.tm_mday),
        i64::from(tm.tm_hour),
        i64::from(tm.tm_min),
        i64::from(tm.tm_sec),
    ]
}

/// The Unix timestamp of a local broken-down time.
fn timestamp_of(parts: [i64; 6]) -> i64 {
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

fn tuple_of(parts: [i64; 6], micros: i64) -> Value {
    let mut items: Vec<Value> = parts.iter().map(|v| Value::Int(*v)).collect();
    items.push(Value::Int(micros));
    Value::tuple(items)
}

fn split_timestamp(t: f64) -> Value {
    let secs = t.floor();
    let micros = ((t - secs) * 1e6).round() as i64;
    tuple_of(local_time(secs as i64), micros.min(999_999))
}

/// Builds the `datetime` module.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let now = vm.new_native_fn("_now", |_vm, _a: Args| {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Ok(tuple_of(
            local_time(d.as_secs() as i64),
            i64::from(d.subsec_micros()),
        ))
    });
    let from_ts = vm.new_native_fn("_from_timestamp", |vm, args: Args| {
        match args.check(vm, "fromtimestamp", 1, 1)?[0] {
            Value::Int(i) => Ok(split_timestamp(i as f64)),
            Value::Float(f) => Ok(split_timestamp(f)),
            ref other => Err(vm.new_type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(other)
            ))),
        }
    });
    let to_ts = vm.new_native_fn("_timestamp", |vm, args: Args| {
        let a = args.check(vm, "timestamp", 6, 6)?.to_vec();
        let mut parts = [0i64; 6];
        for (slot, v) in parts.iter_mut().zip(&a) {
            *slot = vm.index_value(v)?;
        }
        Ok(Value::Float(timestamp_of(parts) as f64))
    });
    super::python_module(
        vm,
        "datetime",
        "<frozen datetime>",
        include_str!("py/datetime.py"),
        vec![
            ("_now", now),
            ("_from_timestamp", from_ts),
            ("_timestamp", to_ts),
        ],
    )
}
