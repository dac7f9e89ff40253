//! The body of `BaseEventLoop.run_forever` (`while True: self._run_once(); if self._stopping:
//! break`) with `_run_once` done natively for a plain loop, mirroring base_events.py
//! `_run_once` step by step: the cancelled-timer cleanup, the select timeout, moving due
//! timers to the ready queue in heap order, and running exactly the handles that were ready
//! when the iteration began. Any other loop (a subclass, or an instance whose `_run_once` or
//! `time` was replaced) runs its Python `_run_once`.

use super::future::Asyncio;
use super::handle::{HandleObj, handle_of, heap_pop, heap_push};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

/// base_events.py _MIN_SCHEDULED_TIMER_HANDLES.
const MIN_SCHEDULED_TIMER_HANDLES: usize = 100;
/// base_events.py _MIN_CANCELLED_TIMER_HANDLES_FRACTION.
const MIN_CANCELLED_TIMER_HANDLES_FRACTION: f64 = 0.5;
/// base_events.py MAXIMUM_SELECT_TIMEOUT.
const MAXIMUM_SELECT_TIMEOUT: f64 = 24.0 * 3600.0;
/// base_events.py _CLOCK_RESOLUTION (time.get_clock_info('monotonic').resolution).
const CLOCK_RESOLUTION: f64 = 1e-09;

/// What one native iteration found out about the loop.
enum Iteration {
    /// The iteration ran.
    Ran,
    /// The loop is not one the native iteration can run (its `_run_once` must be called).
    NotPlain,
}

/// `handle._cancelled` of a timer in the heap.
fn is_cancelled(vm: &mut Vm, handle: &Value) -> PyResult<bool> {
    if let Some(h) = handle_of(handle) {
        return Ok(h.cancelled.get());
    }
    let c = vm.get_attr(handle, "_cancelled")?;
    vm.truthy(&c)
}

/// `handle._scheduled = False`.
fn unschedule(vm: &mut Vm, handle: &Value) -> PyResult<()> {
    if let Some(t) = handle_of(handle).and_then(|h| h.timer.as_ref()) {
        t.scheduled.set(false);
        return Ok(());
    }
    vm.set_attr(handle, "_scheduled", Value::Bool(false))
}

/// `handle._when` of a timer in the heap.
fn when_of(vm: &mut Vm, handle: &Value) -> PyResult<f64> {
    if let Some(t) = handle_of(handle).and_then(|h: &HandleObj| h.timer.as_ref()) {
        return Ok(t.when.get());
    }
    let w = vm.get_attr(handle, "_when")?;
    crate::builtins::numbers::to_float(vm, &w)
}

/// The first item of the list `heap`, if any.
fn heap_top(heap: &Value) -> Option<Value> {
    match heap.payload() {
        Some(crate::vm::object::Payload::List(l)) => l.borrow().first().cloned(),
        _ => None,
    }
}

/// The length of the list `heap`.
fn heap_len(heap: &Value) -> usize {
    match heap.payload() {
        Some(crate::vm::object::Payload::List(l)) => l.borrow().len(),
        _ => 0,
    }
}

/// What `run_once` reads from a plain loop's namespace, kept across iterations while the
/// namespace is unchanged (its version validates it: any assignment to the loop's attributes
/// bumps it), so an iteration that runs one callback does not look each name up again.
struct LoopFields {
    /// The namespace the fields were read from.
    dict: ObjRef,
    /// Its version when they were read.
    version: u64,
    /// `_scheduled` (a list).
    scheduled: Value,
    /// `_ready` (a `_Deque`).
    ready: Value,
    /// `_timer_cancelled_count`.
    cancelled_count: i64,
    /// `_stopping`, if set.
    stopping: Option<Value>,
    /// `_selector_keys`, if set (a mutable container: its truth is tested each time).
    selector_keys: Option<Value>,
}

/// `bool(v)`, answered in place for the flags and counters the loop keeps (`_stopping` is a
/// bool, `_selector_keys` a dict).
#[inline]
fn truth(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::None => Ok(false),
        Value::Int(i) => Ok(*i != 0),
        // A plain dict (a subclass may define `__bool__` or `__len__`).
        Value::Obj(o)
            if matches!(o.payload, crate::vm::object::Payload::Dict(_))
                && o.class
                    .as_ref()
                    .is_none_or(|c| ObjRef::ptr_eq(c, &vm.types.dict)) =>
        {
            Ok(o.as_dict().is_some_and(|d| !d.borrow().is_empty()))
        }
        _ => vm.truthy(v),
    }
}

/// The version of the namespace `dict`.
fn dict_version(dict: &ObjRef) -> u64 {
    dict.as_dict().map_or(0, |d| d.borrow().version.get())
}

/// The fields of the plain loop whose namespace is `dict`, from `cache` when the namespace is
/// unchanged since they were read; None when the loop is not one `run_once` can run.
fn loop_fields<'a>(
    vm: &Vm,
    dict: &ObjRef,
    cache: &'a mut Option<LoopFields>,
) -> Option<&'a LoopFields> {
    let version = dict_version(dict);
    if let Some(f) = cache
        && ObjRef::ptr_eq(&f.dict, dict)
        && f.version == version
    {
        return cache.as_ref();
    }
    *cache = None;
    let (Some(scheduled), Some(ready), Some(Value::Int(cancelled_count))) = (
        super::get_key(vm, dict, key!("_scheduled")),
        super::get_key(vm, dict, key!("_ready")),
        super::get_key(vm, dict, key!("_timer_cancelled_count")),
    ) else {
        return None;
    };
    super::ready::queue_of(&ready)?;
    if !matches!(
        scheduled.payload(),
        Some(crate::vm::object::Payload::List(_))
    ) || super::get_key(vm, dict, key!("time")).is_some()
        || super::get_key(vm, dict, key!("_run_once")).is_some()
    {
        return None;
    }
    *cache = Some(LoopFields {
        dict: dict.clone(),
        version,
        scheduled,
        ready,
        cancelled_count,
        stopping: super::get_key(vm, dict, key!("_stopping")),
        selector_keys: super::get_key(vm, dict, key!("_selector_keys")),
    });
    cache.as_ref()
}

/// Mirrors base_events.py _run_once for a plain loop (exactly `_UnixSelectorEventLoop`) whose namespace is `dict`.
fn run_once(
    vm: &mut Vm,
    ctx: &Asyncio,
    loop_: &Value,
    dict: &ObjRef,
    cache: &mut Option<LoopFields>,
) -> PyResult<Iteration> {
    let Some(fields) = loop_fields(vm, dict, cache) else {
        return Ok(Iteration::NotPlain);
    };
    let mut scheduled = fields.scheduled.clone();
    let ready = fields.ready.clone();
    let cancelled_count = fields.cancelled_count;
    let fields_version = fields.version;
    let (mut stopping, mut selector_keys) = (fields.stopping.clone(), fields.selector_keys.clone());
    let Some(queue) = super::ready::queue_of(&ready) else {
        return Ok(Iteration::NotPlain);
    };
    let sched_count = heap_len(&scheduled);
    if sched_count > MIN_SCHEDULED_TIMER_HANDLES
        && cancelled_count as f64 / sched_count as f64 > MIN_CANCELLED_TIMER_HANDLES_FRACTION
    {
        // Remove the cancelled timers and rebuild the heap (pushing each survivor in order, as
        // core.py's _heapify does).
        let old: Vec<Value> = match scheduled.payload() {
            Some(crate::vm::object::Payload::List(l)) => l.borrow().clone(),
            _ => Vec::new(),
        };
        let new_scheduled = Value::list(Vec::with_capacity(old.len()));
        for handle in old {
            if is_cancelled(vm, &handle)? {
                unschedule(vm, &handle)?;
            } else {
                heap_push(vm, &new_scheduled, handle)?;
            }
        }
        super::set_key(vm, dict, key!("_scheduled"), new_scheduled.clone());
        super::set_key(vm, dict, key!("_timer_cancelled_count"), Value::Int(0));
        scheduled = new_scheduled;
    } else {
        let mut count = cancelled_count;
        while let Some(top) = heap_top(&scheduled) {
            if !is_cancelled(vm, &top)? {
                break;
            }
            count -= 1;
            let handle = heap_pop(vm, &scheduled)?;
            unschedule(vm, &handle)?;
        }
        if count != cancelled_count {
            super::set_key(vm, dict, key!("_timer_cancelled_count"), Value::Int(count));
        }
    }

    // The timer cleanup may have run Python code (a handle's own attributes) or replaced
    // `_scheduled`: what it may have changed is read again.
    if dict_version(dict) != fields_version {
        stopping = super::get_key(vm, dict, key!("_stopping"));
        selector_keys = super::get_key(vm, dict, key!("_selector_keys"));
    }
    let stopping = match &stopping {
        Some(v) => truth(vm, v)?,
        None => false,
    };
    let timeout = if !queue.items.borrow().is_empty() || stopping {
        Some(0.0)
    } else if let Some(top) = heap_top(&scheduled) {
        let when = when_of(vm, &top)?;
        let now = crate::modules::time::monotonic();
        Some((when - now).clamp(0.0, MAXIMUM_SELECT_TIMEOUT))
    } else {
        None
    };
    let has_selector_keys = match &selector_keys {
        Some(keys) => truth(vm, keys)?,
        None => false,
    };
    if timeout != Some(0.0) || has_selector_keys {
        let events = super::sockets::select(timeout);
        if !events.is_empty() {
            let event_list = events
                .into_iter()
                .map(|(fd, mask)| {
                    Value::tuple(vec![Value::Int(i64::from(fd)), Value::Int(i64::from(mask))])
                })
                .collect();
            vm.call_method(loop_, "_process_events", vec![Value::list(event_list)])?;
        }
    }

    // `end_time = self.time() + self._clock_resolution`, read only when a timer may be due.
    let mut end_time = None;
    while let Some(top) = heap_top(&scheduled) {
        let end_time =
            *end_time.get_or_insert_with(|| crate::modules::time::monotonic() + CLOCK_RESOLUTION);
        if when_of(vm, &top)? >= end_time {
            break;
        }
        let handle = heap_pop(vm, &scheduled)?;
        unschedule(vm, &handle)?;
        queue.push_back(handle);
    }
    let ntodo = queue.items.borrow().len();
    super::ready::run_ready(vm, ctx, &ready, ntodo)?;
    Ok(Iteration::Ran)
}

/// Mirrors the loop of base_events.py run_forever: iterations until `_stopping` is set.
fn run_until_stopped(vm: &mut Vm, ctx: &Asyncio, loop_: &Value) -> PyResult<()> {
    let mut cache = None;
    loop {
        // The Python loop's backward jump was a Ctrl-C check point; so is each iteration.
        if crate::vm::interrupt::pending() {
            vm.handle_interrupt()?;
        }
        let ran = match ctx.plain_loop_dict(vm, loop_) {
            Ok(Some(dict)) => {
                matches!(run_once(vm, ctx, loop_, &dict, &mut cache)?, Iteration::Ran)
            }
            // A closed loop still runs its Python _run_once (which reports the error).
            Ok(None) | Err(_) => false,
        };
        if !ran {
            vm.call_method(loop_, "_run_once", vec![])?;
        }
        let stopping = match loop_.as_obj().and_then(|o| o.dict.clone()) {
            Some(dict) => match &cache {
                Some(f) if ObjRef::ptr_eq(&f.dict, &dict) && f.version == dict_version(&dict) => {
                    f.stopping.clone()
                }
                _ => super::get_key(vm, &dict, key!("_stopping")),
            },
            None => Some(vm.get_attr(loop_, "_stopping")?),
        };
        if let Some(s) = stopping
            && truth(vm, &s)?
        {
            return Ok(());
        }
    }
}

/// The native `_run_until_stopped(loop)` that run_forever calls.
pub fn run_loop_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let c = ctx.clone();
    let run = vm.new_native_fn("_run_until_stopped", move |vm, args: Args| {
        let a = args.check(vm, "_run_until_stopped", 1, 1)?.to_vec();
        run_until_stopped(vm, &c, &a[0])?;
        Ok(Value::None)
    });
    vec![("_run_until_stopped", run)]
}
