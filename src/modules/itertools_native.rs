//! The hot iterators of `itertools` in Rust (mirrors Modules/itertoolsmodule.c): `count`,
//! `repeat`, `chain`, `islice`, `cycle`, `takewhile`, `dropwhile`, `starmap`, `accumulate`,
//! `pairwise`, `filterfalse`, `compress` and `zip_longest`. Each is a native class whose
//! instances step through `NativeObject::native_next`, so `for`, `sum()` and friends advance
//! them without a `__next__` lookup or a Python frame. The rest of the module stays in
//! py/itertools.py, which runs with these classes already in its namespace.

use crate::ast::Operator;
use crate::vm::object::{NativeObject, Obj, Payload};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;

/// The state of one itertools iterator; which variant says which class it belongs to.
enum State {
    /// `count(start, step)`: the next value and the increment.
    Count { next: Value, step: Value },
    /// `repeat(object[, times])`: `remaining` is None when unbounded.
    Repeat {
        object: Value,
        remaining: Option<i64>,
    },
    /// `chain(*iterables)`: the iterator over the iterables and the one being drained.
    Chain {
        source: Option<Value>,
        active: Option<Value>,
    },
    /// `islice(it, start, stop, step)`: `consumed` items taken so far, `next` the index of
    /// the next one to yield (mirrors isliceobject's cnt/next).
    Islice {
        it: Option<Value>,
        next: i64,
        stop: Option<i64>,
        step: i64,
        consumed: i64,
    },
    /// `cycle(it)`: items are saved on the first pass, then replayed from `index`.
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        index: usize,
    },
    /// `takewhile(pred, it)`: `stopped` once the predicate failed.
    TakeWhile {
        predicate: Value,
        it: Value,
        stopped: bool,
    },
    /// `dropwhile(pred, it)`: `passing` once the predicate failed.
    DropWhile {
        predicate: Value,
        it: Value,
        passing: bool,
    },
    /// `starmap(func, it)`.
    StarMap { func: Value, it: Value },
    /// `accumulate(it, func, initial=)`: `func` None means `+`.
    Accumulate {
        it: Value,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    /// `pairwise(it)`: the previous item once one was read.
    Pairwise {
        it: Option<Value>,
        old: Option<Value>,
    },
    /// `filterfalse(pred, it)`: `predicate` None means truthiness.
    FilterFalse { predicate: Value, it: Value },
    /// `compress(data, selectors)`.
    Compress { data: Value, selectors: Value },
    /// `zip_longest(*its, fillvalue=)`: exhausted slots are None.
    ZipLongest {
        iters: Vec<Option<Value>>,
        active: usize,
        fill: Value,
    },
}

/// An itertools iterator object's Rust state (no borrow is held across a VM call).
struct ItertoolsIter {
    /// The iterator's state.
    state: RefCell<State>,
}

impl NativeObject for ItertoolsIter {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        let Ok(st) = self.state.try_borrow() else {
            return;
        };
        let mut values: Vec<&Value> = Vec::new();
        let mut options: Vec<&Option<Value>> = Vec::new();
        match &*st {
            State::Count { next, step } => values.extend([next, step]),
            State::Repeat { object, .. } => values.push(object),
            State::Chain { source, active } => options.extend([source, active]),
            State::Islice { it, .. } => options.push(it),
            State::Pairwise { it, old } => options.extend([it, old]),
            State::Cycle { it, saved, .. } => {
                options.push(it);
                values.extend(saved);
            }
            State::TakeWhile { predicate, it, .. }
            | State::DropWhile { predicate, it, .. }
            | State::FilterFalse { predicate, it } => values.extend([predicate, it]),
            State::StarMap { func, it } => values.extend([func, it]),
            State::Accumulate {
                it,
                func,
                total,
                initial,
            } => {
                values.extend([it, func]);
                options.extend([total, initial]);
            }
            State::Compress { data, selectors } => values.extend([data, selectors]),
            State::ZipLongest { iters, fill, .. } => {
                options.extend(iters);
                values.push(fill);
            }
        }
        values.into_iter().for_each(&mut *visit);
        options.into_iter().flatten().for_each(visit);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn native_next(&self, vm: &mut Vm, _me: &ObjRef) -> Option<PyResult<Option<Value>>> {
        Some(self.step(vm))
    }
}

/// Which of `ItertoolsIter::step`'s paths an iterator takes.
enum StepRoute {
    /// `chain`: `chain_step`.
    Chain,
    /// `islice`: `islice_step`.
    Islice,
    /// Every other kind: `step_general`.
    General,
}

impl ItertoolsIter {
    /// Advances the iterator: Some(item), or None when exhausted. `chain` and `islice`
    /// (which step their inputs through here per item) skip the general match's frame.
    #[inline]
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let route = match &*self.state.borrow() {
            State::Chain { .. } => StepRoute::Chain,
            State::Islice { .. } => StepRoute::Islice,
            _ => StepRoute::General,
        };
        match route {
            StepRoute::Chain => self.chain_step(vm),
            StepRoute::Islice => self.islice_step(vm),
            StepRoute::General => self.step_general(vm),
        }
    }

    /// `step` for the kinds other than `chain` and `islice`.
    #[inline(never)]
    fn step_general(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let mut st = self.state.borrow_mut();
        match &mut *st {
            State::Count { next, step } => {
                let current = next.clone();
                if let (Value::Int(n), Value::Int(s)) = (&*next, &*step)
                    && let Some(sum) = n.checked_add(*s)
                {
                    *next = Value::Int(sum);
                    return Ok(Some(current));
                }
                let step = step.clone();
                drop(st);
                let following = vm.binary_op(&current, &step, Operator::Add)?;
                if let State::Count { next, .. } = &mut *self.state.borrow_mut() {
                    *next = following;
                }
                Ok(Some(current))
            }
            State::Repeat { object, remaining } => match remaining {
                None => Ok(Some(object.clone())),
                Some(0) => Ok(None),
                Some(n) => {
                    *n -= 1;
                    Ok(Some(object.clone()))
                }
            },
            State::Chain { .. } | State::Islice { .. } => {
                unreachable!("step takes chain and islice down their own paths")
            }
            State::Cycle { it, saved, index } => {
                if let Some(source) = it.clone() {
                    drop(st);
                    let item = vm.next(&source)?;
                    let mut st = self.state.borrow_mut();
                    let State::Cycle { it, saved, .. } = &mut *st else {
                        unreachable!("an iterator keeps its kind")
                    };
                    if let Some(v) = item {
                        saved.push(v.clone());
                        return Ok(Some(v));
                    }
                    *it = None;
                    drop(st);
                    return self.step(vm);
                }
                let Some(v) = saved.get(*index).cloned() else {
                    return Ok(None);
                };
                *index += 1;
                if *index >= saved.len() {
                    *index = 0;
                }
                Ok(Some(v))
            }
            State::TakeWhile {
                predicate,
                it,
                stopped,
            } => {
                if *stopped {
                    return Ok(None);
                }
                let (predicate, it) = (predicate.clone(), it.clone());
                drop(st);
                let Some(item) = vm.next(&it)? else {
                    return Ok(None);
                };
                let good = vm.call(&predicate, vec![item.clone()])?;
                if vm.truthy(&good)? {
                    return Ok(Some(item));
                }
                if let State::TakeWhile { stopped, .. } = &mut *self.state.borrow_mut() {
                    *stopped = true;
                }
                Ok(None)
            }
            State::DropWhile {
                predicate,
                it,
                passing,
            } => {
                let (predicate, it, passed) = (predicate.clone(), it.clone(), *passing);
                drop(st);
                loop {
                    let Some(item) = vm.next(&it)? else {
                        return Ok(None);
                    };
                    if passed {
                        return Ok(Some(item));
                    }
                    let good = vm.call(&predicate, vec![item.clone()])?;
                    if !vm.truthy(&good)? {
                        if let State::DropWhile { passing, .. } = &mut *self.state.borrow_mut() {
                            *passing = true;
                        }
                        return Ok(Some(item));
                    }
                }
            }
            State::StarMap { func, it } => {
                let (func, it) = (func.clone(), it.clone());
                drop(st);
                let Some(args) = vm.next(&it)? else {
                    return Ok(None);
                };
                let args = match args.payload() {
                    Some(Payload::Tuple(t)) if !vm.has_user_class(&args) => t.to_vec(),
                    _ => vm.collect(&args)?,
                };
                vm.call(&func, args).map(Some)
            }
            State::Accumulate {
                it,
                func,
                total,
                initial,
            } => {
                if let Some(first) = initial.take() {
                    *total = Some(first.clone());
                    return Ok(Some(first));
                }
                let (it, func, previous) = (it.clone(), func.clone(), total.clone());
                drop(st);
                let Some(item) = vm.next(&it)? else {
                    return Ok(None);
                };
                let new_total = match previous {
                    None => item,
                    Some(previous) if func.is_none() => {
                        vm.binary_op(&previous, &item, Operator::Add)?
                    }
                    Some(previous) => vm.call(&func, vec![previous, item])?,
                };
                if let State::Accumulate { total, .. } = &mut *self.state.borrow_mut() {
                    *total = Some(new_total.clone());
                }
                Ok(Some(new_total))
            }
            State::Pairwise { it, old } => {
                let Some(source) = it.clone() else {
                    return Ok(None);
                };
                let mut previous = old.clone();
                drop(st);
                if previous.is_none() {
                    match self.pull(vm, &source)? {
                        Some(v) => previous = Some(v),
                        None => return Ok(None),
                    }
                }
                let Some(new) = self.pull(vm, &source)? else {
                    return Ok(None);
                };
                if let State::Pairwise { old, .. } = &mut *self.state.borrow_mut() {
                    *old = Some(new.clone());
                }
                let previous = previous.unwrap_or(Value::None);
                Ok(Some(Value::tuple(vec![previous, new])))
            }
            State::FilterFalse { predicate, it } => {
                let (predicate, it) = (predicate.clone(), it.clone());
                drop(st);
                loop {
                    let Some(item) = vm.next(&it)? else {
                        return Ok(None);
                    };
                    let keep = if predicate.is_none() {
                        !vm.truthy(&item)?
                    } else {
                        let r = vm.call(&predicate, vec![item.clone()])?;
                        !vm.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(item));
                    }
                }
            }
            State::Compress { data, selectors } => {
                let (data, selectors) = (data.clone(), selectors.clone());
                drop(st);
                loop {
                    let Some(datum) = vm.next(&data)? else {
                        return Ok(None);
                    };
                    let Some(selector) = vm.next(&selectors)? else {
                        return Ok(None);
                    };
                    if vm.truthy(&selector)? {
                        return Ok(Some(datum));
                    }
                }
            }
            State::ZipLongest { .. } => {
                drop(st);
                self.zip_longest_step(vm)
            }
        }
    }

    /// The next item of a pairwise source; exhaustion or an error drops the source and the
    /// saved item (mirrors pairwise_next's cleanup).
    fn pull(&self, vm: &mut Vm, source: &Value) -> PyResult<Option<Value>> {
        let item = vm.next(source);
        if !matches!(item, Ok(Some(_)))
            && let State::Pairwise { it, old } = &mut *self.state.borrow_mut()
        {
            *it = None;
            *old = None;
        }
        item
    }

    /// Mirrors chain_next: drains `active`, then takes the next iterable from `source`.
    #[inline]
    fn chain_step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        // A range being drained is stepped under the borrow (it runs no Python code).
        if let State::Chain {
            active: Some(Value::Obj(active)),
            ..
        } = &*self.state.borrow()
            && let Payload::Iterator(cell) = &active.payload
            && let Some(Some(item)) = crate::vm::seq::range_step(cell)
        {
            return Ok(Some(item));
        }
        self.chain_step_general(vm)
    }

    /// `chain_step` past its range fast path: the next input iterator, or the next item
    /// of one that is not a range.
    #[inline(never)]
    fn chain_step_general(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let (source, active) = match &*self.state.borrow() {
                State::Chain { source, active } => (source.clone(), active.clone()),
                _ => unreachable!("an iterator keeps its kind"),
            };
            let Some(source) = source else {
                return Ok(None);
            };
            let active = match active {
                Some(active) => active,
                None => {
                    let next_iterable = vm.next(&source).and_then(|iterable| match iterable {
                        Some(iterable) => vm.iter(&iterable).map(Some),
                        None => Ok(None),
                    });
                    match next_iterable {
                        Ok(Some(active)) => {
                            self.set_chain(Some(source.clone()), Some(active.clone()));
                            active
                        }
                        other => {
                            self.set_chain(None, None);
                            return other;
                        }
                    }
                }
            };
            if let Some(item) = vm.next(&active)? {
                return Ok(Some(item));
            }
            self.set_chain(Some(source), None);
        }
    }

    /// Stores a chain's source and active iterator.
    fn set_chain(&self, new_source: Option<Value>, new_active: Option<Value>) {
        if let State::Chain { source, active } = &mut *self.state.borrow_mut() {
            *source = new_source;
            *active = new_active;
        }
    }

    /// Mirrors islice_next: skips up to the next index, then yields one item.
    fn islice_step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let (it, next, stop, step, mut consumed) = match &*self.state.borrow() {
            State::Islice {
                it,
                next,
                stop,
                step,
                consumed,
            } => (it.clone(), *next, *stop, *step, *consumed),
            _ => unreachable!("an iterator keeps its kind"),
        };
        let Some(it) = it else {
            return Ok(None);
        };
        let outcome = (|| {
            while consumed < next {
                if vm.next(&it)?.is_none() {
                    return Ok(None);
                }
                consumed += 1;
            }
            if stop.is_some_and(|stop| consumed >= stop) {
                return Ok(None);
            }
            let item = vm.next(&it)?;
            if item.is_some() {
                consumed += 1;
            }
            Ok(item)
        })();
        let mut st = self.state.borrow_mut();
        if let State::Islice {
            it,
            next,
            consumed: count,
            ..
        } = &mut *st
        {
            *count = consumed;
            match &outcome {
                Ok(Some(_)) => {
                    let following = next.saturating_add(step);
                    *next = match stop {
                        Some(stop) if following > stop => stop,
                        _ => following,
                    };
                }
                _ => *it = None,
            }
        }
        outcome
    }

    /// Mirrors zip_longest_next: exhausted inputs give the fill value until all are done.
    fn zip_longest_step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let (iters, fill) = match &*self.state.borrow() {
            State::ZipLongest {
                iters,
                active,
                fill,
            } => {
                if iters.is_empty() || *active == 0 {
                    return Ok(None);
                }
                (iters.clone(), fill.clone())
            }
            _ => unreachable!("an iterator keeps its kind"),
        };
        let mut out = Vec::with_capacity(iters.len());
        for (i, it) in iters.iter().enumerate() {
            let Some(it) = it else {
                out.push(fill.clone());
                continue;
            };
            let item = vm.next(it);
            let mut st = self.state.borrow_mut();
            let State::ZipLongest { iters, active, .. } = &mut *st else {
                unreachable!("an iterator keeps its kind")
            };
            match item {
                Ok(Some(v)) => out.push(v),
                Ok(None) => {
                    *active = active.saturating_sub(1);
                    if *active == 0 {
                        return Ok(None);
                    }
                    iters[i] = None;
                    out.push(fill.clone());
                }
                Err(e) => {
                    *active = 0;
                    return Err(e);
                }
            }
        }
        Ok(Some(Value::tuple(out)))
    }
}

/// The itertools state of `v`, if it is one of these iterators.
fn state_of(v: &Value) -> Option<&ItertoolsIter> {
    v.as_obj()?.native::<ItertoolsIter>()
}

/// A new instance of `cls` (one of the classes below, or a subclass) with `state`.
fn new_instance(vm: &mut Vm, cls: &Value, state: State) -> PyResult<Value> {
    let Value::Obj(cls) = cls else {
        return Err(vm.new_type_error("__new__(X): X is not a type object"));
    };
    let dict = cls
        .as_type()
        .is_some_and(|t| t.is_heap)
        .then(|| vm.new_dict());
    Ok(Value::Obj(Obj::with_class(
        cls.clone(),
        dict,
        Payload::Native(crate::vm::object::NativeState::boxed(ItertoolsIter {
            state: RefCell::new(state),
        })),
    )))
}

/// `name() takes no keyword arguments` (mirrors _PyArg_NoKeywords).
fn no_keywords(vm: &mut Vm, name: &str, args: &Args) -> PyResult<()> {
    if args.kwargs.is_empty() {
        Ok(())
    } else {
        Err(vm.new_type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// Checks the positional count as PyArg_UnpackTuple does (`self`/`cls` excluded).
fn unpack<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [Value],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    let n = args.len();
    if (min..=max).contains(&n) {
        return Ok(args);
    }
    let (bound, which) = match (n < min, min == max) {
        (_, true) => (min, ""),
        (true, false) => (min, "at least "),
        (false, false) => (max, "at most "),
    };
    let plural = if bound == 1 { "" } else { "s" };
    Err(vm.new_type_error(format!(
        "{name} expected {which}{bound} argument{plural}, got {n}"
    )))
}

/// Parses `(positional..., keywords)` against `names` as PyArg_ParseTupleAndKeywords does:
/// Some(value) per name that was given.
fn parse_keywords(
    vm: &mut Vm,
    fname: &str,
    args: Args,
    names: &[&str],
    positional_max: usize,
) -> PyResult<Vec<Option<Value>>> {
    let given = args.positional.len();
    if given > positional_max {
        let what = if positional_max == names.len() {
            "arguments"
        } else {
            "positional arguments"
        };
        return Err(vm.new_type_error(format!(
            "{fname}() takes at most {positional_max} {what} ({given} given)"
        )));
    }
    let mut out: Vec<Option<Value>> = args.positional.into_iter().map(Some).collect();
    out.resize(names.len(), None);
    for (key, value) in args.kwargs {
        match names.iter().position(|n| **n == *key) {
            Some(i) if out[i].is_some() => {
                return Err(vm.new_type_error(format!(
                    "argument for {fname}() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(value),
            None => {
                return Err(vm.new_type_error(format!(
                    "'{key}' is an invalid keyword argument for {fname}()"
                )));
            }
        }
    }
    Ok(out)
}

/// A required argument of `parse_keywords`' result.
fn required(
    vm: &mut Vm,
    fname: &str,
    parsed: &[Option<Value>],
    i: usize,
    name: &str,
) -> PyResult<Value> {
    parsed[i].clone().ok_or_else(|| {
        vm.new_type_error(format!(
            "{fname}() missing required argument '{name}' (pos {})",
            i + 1
        ))
    })
}

/// PyNumber_Check: something `count` can add to.
fn is_number(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => true,
        Value::None => false,
        Value::Obj(_) => {
            let cls = vm.type_of(v);
            // (percolate has no complex type, so `__complex__` alone makes no number.)
            ["__index__", "__int__", "__float__"]
                .iter()
                .any(|name| vm.lookup_in_mro(&cls, name).is_some())
        }
    }
}

/// An islice argument as PyNumber_AsSsize_t reads it: None on any failure.
fn islice_index(vm: &mut Vm, v: &Value) -> Option<i64> {
    vm.index_value(v).ok()
}

/// `count(start=0, step=1)`.
fn count_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = class_and_rest(args);
    let parsed = parse_keywords(vm, "count", rest, &["start", "step"], 2)?;
    let start = parsed[0].clone().unwrap_or(Value::Int(0));
    let step = parsed[1].clone().unwrap_or(Value::Int(1));
    if !is_number(vm, &start) || !is_number(vm, &step) {
        return Err(vm.new_type_error("a number is required"));
    }
    let start = match start {
        Value::Bool(b) => Value::Int(i64::from(b)),
        other => other,
    };
    new_instance(vm, &cls, State::Count { next: start, step })
}

/// `repeat(object[, times])`.
fn repeat_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = class_and_rest(args);
    let parsed = parse_keywords(vm, "repeat", rest, &["object", "times"], 2)?;
    let object = required(vm, "repeat", &parsed, 0, "object")?;
    let remaining = match &parsed[1] {
        None => None,
        Some(times) => Some(vm.index_value(times)?.max(0)),
    };
    new_instance(vm, &cls, State::Repeat { object, remaining })
}

/// `chain(*iterables)`.
fn chain_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_keywords(vm, "chain", &args)?;
    let cls = args.positional.first().cloned().unwrap_or(Value::None);
    let iterables = Value::tuple(args.positional.get(1..).unwrap_or_default().to_vec());
    let source = vm.iter(&iterables)?;
    new_instance(
        vm,
        &cls,
        State::Chain {
            source: Some(source),
            active: None,
        },
    )
}

/// `chain.from_iterable(iterable)`.
fn chain_from_iterable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = args.positional.first().cloned().unwrap_or(Value::None);
    no_keywords(vm, "chain.from_iterable", &args)?;
    crate::vm::native::check_count(
        vm,
        "chain.from_iterable",
        args.positional.len().saturating_sub(1),
        1,
        1,
    )?;
    let source = vm.iter(&args.positional[1])?;
    new_instance(
        vm,
        &cls,
        State::Chain {
            source: Some(source),
            active: None,
        },
    )
}

/// `islice(iterable, stop)` / `islice(iterable, start, stop[, step])`.
fn islice_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_keywords(vm, "islice", &args)?;
    let cls = args.positional.first().cloned().unwrap_or(Value::None);
    let a = unpack(
        vm,
        "islice",
        args.positional.get(1..).unwrap_or_default(),
        2,
        4,
    )?;
    const STOP_ERROR: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let mut start = 0;
    let mut stop = None;
    let stop_arg = if a.len() == 2 { &a[1] } else { &a[2] };
    if a.len() > 2 && !a[1].is_none() {
        start = islice_index(vm, &a[1]).unwrap_or(-1);
    }
    if !stop_arg.is_none() {
        match islice_index(vm, stop_arg) {
            Some(-1) | None => return Err(vm.new_value_error(STOP_ERROR)),
            Some(s) => stop = Some(s),
        }
    }
    if start < 0 || stop.is_some_and(|s| s < 0) {
        return Err(vm.new_value_error(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    let step = match a.get(3) {
        Some(s) if !s.is_none() => islice_index(vm, s).unwrap_or(-1),
        _ => 1,
    };
    if step < 1 {
        return Err(vm.new_value_error("Step for islice() must be a positive integer or None."));
    }
    let it = vm.iter(&a[0])?;
    new_instance(
        vm,
        &cls,
        State::Islice {
            it: Some(it),
            next: start,
            stop,
            step,
            consumed: 0,
        },
    )
}

/// The `(cls, args...)` of a constructor taking exactly `n` positional arguments.
fn fixed_args(vm: &mut Vm, name: &str, args: &Args, n: usize) -> PyResult<(Value, Vec<Value>)> {
    no_keywords(vm, name, args)?;
    let cls = args.positional.first().cloned().unwrap_or(Value::None);
    let a = unpack(vm, name, args.positional.get(1..).unwrap_or_default(), n, n)?;
    Ok((cls, a.to_vec()))
}

/// The class, function and iterator of a `name(function, iterable)` constructor
/// (takewhile, dropwhile, starmap, filterfalse).
fn function_and_iterator(vm: &mut Vm, name: &str, args: &Args) -> PyResult<(Value, Value, Value)> {
    let (cls, a) = fixed_args(vm, name, args, 2)?;
    let it = vm.iter(&a[1])?;
    Ok((cls, a[0].clone(), it))
}

/// A `__new__`'s class and the rest of its arguments, keywords included.
fn class_and_rest(args: Args) -> (Value, Args) {
    let cls = args.positional.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        positional: args.positional.get(1..).unwrap_or_default().to_vec(),
        kwargs: args.kwargs,
    };
    (cls, rest)
}

/// Registers the native classes and returns them as `(name, class)` pairs for the module.
pub fn classes(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    type New = fn(&mut Vm, Args) -> PyResult<Value>;
    let constructors: [(&'static str, New); 13] = [
        ("count", count_new),
        ("repeat", repeat_new),
        ("chain", chain_new),
        ("islice", islice_new),
        ("cycle", |vm, args| {
            let (cls, a) = fixed_args(vm, "cycle", &args, 1)?;
            let it = vm.iter(&a[0])?;
            new_instance(
                vm,
                &cls,
                State::Cycle {
                    it: Some(it),
                    saved: Vec::new(),
                    index: 0,
                },
            )
        }),
        ("takewhile", |vm, args| {
            let (cls, predicate, it) = function_and_iterator(vm, "takewhile", &args)?;
            let stopped = false;
            let state = State::TakeWhile {
                predicate,
                it,
                stopped,
            };
            new_instance(vm, &cls, state)
        }),
        ("dropwhile", |vm, args| {
            let (cls, predicate, it) = function_and_iterator(vm, "dropwhile", &args)?;
            let passing = false;
            let state = State::DropWhile {
                predicate,
                it,
                passing,
            };
            new_instance(vm, &cls, state)
        }),
        ("starmap", |vm, args| {
            let (cls, func, it) = function_and_iterator(vm, "starmap", &args)?;
            new_instance(vm, &cls, State::StarMap { func, it })
        }),
        ("accumulate", |vm, args| {
            let (cls, rest) = class_and_rest(args);
            let names = ["iterable", "func", "initial"];
            let parsed = parse_keywords(vm, "accumulate", rest, &names, 2)?;
            let iterable = required(vm, "accumulate", &parsed, 0, "iterable")?;
            let it = vm.iter(&iterable)?;
            let func = parsed[1].clone().unwrap_or(Value::None);
            let initial = parsed[2].clone().filter(|v| !v.is_none());
            let total = None;
            let state = State::Accumulate {
                it,
                func,
                total,
                initial,
            };
            new_instance(vm, &cls, state)
        }),
        ("pairwise", |vm, args| {
            let (cls, a) = fixed_args(vm, "pairwise", &args, 1)?;
            let it = Some(vm.iter(&a[0])?);
            new_instance(vm, &cls, State::Pairwise { it, old: None })
        }),
        ("filterfalse", |vm, args| {
            let (cls, predicate, it) = function_and_iterator(vm, "filterfalse", &args)?;
            new_instance(vm, &cls, State::FilterFalse { predicate, it })
        }),
        ("compress", |vm, args| {
            let (cls, rest) = class_and_rest(args);
            let parsed = parse_keywords(vm, "compress", rest, &["data", "selectors"], 2)?;
            let data = required(vm, "compress", &parsed, 0, "data")?;
            let selectors = required(vm, "compress", &parsed, 1, "selectors")?;
            let data = vm.iter(&data)?;
            let selectors = vm.iter(&selectors)?;
            new_instance(vm, &cls, State::Compress { data, selectors })
        }),
        ("zip_longest", |vm, mut args| {
            let cls = args.positional.first().cloned().unwrap_or(Value::None);
            let mut fill = Value::None;
            if !args.kwargs.is_empty() {
                match args.take_kwarg("fillvalue") {
                    Some(v) if args.kwargs.is_empty() => fill = v,
                    _ => {
                        return Err(
                            vm.new_type_error("zip_longest() got an unexpected keyword argument")
                        );
                    }
                }
            }
            let mut iters = Vec::new();
            for v in args.positional.get(1..).unwrap_or_default() {
                iters.push(Some(vm.iter(v)?));
            }
            let active = iters.len();
            new_instance(
                vm,
                &cls,
                State::ZipLongest {
                    iters,
                    active,
                    fill,
                },
            )
        }),
    ];
    let mut out = Vec::with_capacity(constructors.len());
    for (name, new) in constructors {
        let cls = vm.new_native_class(name, &[], "itertools");
        crate::builtins::object::add_new(vm, &cls, new);
        vm.add_method_positional(&cls, "__iter__", |_, a: &[Value]| Ok(a[0].clone()));
        vm.add_method_positional(&cls, "__next__", |vm, a: &[Value]| {
            let Some(state) = state_of(&a[0]) else {
                return Err(vm.new_type_error("an itertools iterator is required"));
            };
            match state.step(vm)? {
                Some(v) => Ok(v),
                None => Err(vm.new_stop_iteration(Value::None)),
            }
        });
        out.push((name, Value::Obj(cls)));
    }
    if let Some((_, Value::Obj(chain))) = out.iter().find(|(n, _)| *n == "chain") {
        vm.add_classmethod(chain, "from_iterable", chain_from_iterable);
    }
    for (name, cls) in &out {
        if let (&"count" | &"repeat", Value::Obj(cls)) = (name, cls) {
            vm.add_method_positional(cls, "__repr__", repr);
        }
    }
    out
}

/// `repr()` of `count` and `repeat`: `count(5)`, `count(1.5, 0.5)`, `repeat(1, 3)`.
fn repr(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let me = &a[0];
    let Some(state) = state_of(me) else {
        return Err(vm.new_type_error("an itertools iterator is required"));
    };
    let name = vm.class_name(&vm.type_of(me));
    let parts = match &*state.state.borrow() {
        State::Count { next, step } => {
            let step_is_one = matches!(step, Value::Int(1) | Value::Bool(true));
            (next.clone(), (!step_is_one).then(|| step.clone()), None)
        }
        State::Repeat { object, remaining } => (object.clone(), None, *remaining),
        _ => return Err(vm.new_type_error("an itertools iterator is required")),
    };
    let mut text = format!("{name}({}", vm.repr(&parts.0)?);
    if let Some(step) = parts.1 {
        text.push_str(", ");
        text.push_str(&vm.repr(&step)?);
    }
    if let Some(times) = parts.2 {
        text.push_str(&format!(", {times}"));
    }
    text.push(')');
    Ok(Value::str(&text))
}
