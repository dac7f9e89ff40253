//! Traceback objects (CPython's `traceback` type, Python/traceback.c): `exc.__traceback__` is
//! a chain of them, outermost frame first. They are native and lazy — a traceback object is a
//! shared slice of the exception's entries plus a position, and `tb_next`/`tb_frame` are
//! made when read — so passing `__traceback__` around (every `with` exit does) costs one
//! small allocation.

use super::frames::module_attr;
use crate::vm::object::{NativeObject, Obj, Payload, TbEntry};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

/// The state of one traceback object: entries outermost first, and which one it stands for.
struct TracebackState {
    /// Every entry of the chain, outermost (the `__traceback__` head) first.
    entries: Rc<[TbEntry]>,
    /// The position of this object's entry in `entries`.
    index: usize,
}

impl NativeObject for TracebackState {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for entry in self.entries.iter() {
            if let Some(g) = &entry.globals {
                visit(&Value::Obj(g.clone()));
            }
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The state of traceback object `v`, or CPython's descriptor TypeError.
fn state_of<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a TracebackState> {
    v.as_obj()
        .and_then(|o| o.native::<TracebackState>())
        .ok_or_else(|| vm.new_type_error("descriptor requires a 'traceback' object"))
}

/// Creates the `traceback` class (module `builtins`, as CPython's type reports itself).
pub fn traceback_class(vm: &mut Vm) -> ObjRef {
    let cls = vm.new_native_class("traceback", &[], "builtins");
    vm.add_getter(&cls, "tb_lineno", |vm, me| {
        let st = state_of(vm, &me)?;
        Ok(Value::Int(st.entries[st.index].line as i64))
    });
    vm.add_getter(&cls, "tb_lasti", |vm, me| {
        state_of(vm, &me)?;
        Ok(Value::Int(-1))
    });
    vm.add_getter(&cls, "tb_next", |vm, me| {
        let st = state_of(vm, &me)?;
        let (entries, next) = (st.entries.clone(), st.index + 1);
        if next >= entries.len() {
            return Ok(Value::None);
        }
        let cls = vm.type_of(&me);
        Ok(Value::Obj(vm.new_native_object(
            &cls,
            TracebackState {
                entries,
                index: next,
            },
        )))
    });
    vm.add_getter(&cls, "tb_frame", |vm, me| {
        let st = state_of(vm, &me)?;
        let (entries, index) = (st.entries.clone(), st.index);
        entry_frames(vm, &entries[..=index])
    });
    let cls_for_new = cls.clone();
    vm.add_static(&cls, "__new__", move |vm, args| {
        traceback_new(vm, &cls_for_new, args)
    });
    cls
}

/// Frame objects for `entries` (outermost first) linked through `f_back`; the last one.
fn entry_frames(vm: &mut Vm, entries: &[TbEntry]) -> PyResult<Value> {
    let frame_cls = module_attr(vm, "frame")?;
    let mut back = Value::None;
    for entry in entries {
        let args = vec![
            Value::Obj(Obj::new(Payload::Code(entry.code.clone()))),
            entry.globals.clone().map(Value::Obj).unwrap_or(Value::None),
            Value::Int(entry.line as i64),
            Value::Int(-1),
            Value::Obj(vm.new_dict()),
            back,
        ];
        back = vm.call(&frame_cls, args)?;
    }
    Ok(back)
}

/// `types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)` (tb_new).
fn traceback_new(vm: &mut Vm, own_class: &ObjRef, mut args: Args) -> PyResult<Value> {
    let a = args.bind(
        vm,
        "traceback",
        &["cls", "tb_next", "tb_frame", "tb_lasti", "tb_lineno"],
        5,
        5,
    )?;
    let [
        Some(cls),
        Some(next),
        Some(frame),
        Some(_lasti),
        Some(lineno),
    ] = &a[..]
    else {
        return Err(vm.new_type_error("traceback() missing required arguments"));
    };
    let mut entries = Vec::new();
    let code = vm.get_attr(frame, "f_code")?;
    let Some(Payload::Code(code)) = code.payload() else {
        return Err(vm.new_type_error(format!(
            "TracebackType() argument 'tb_frame' must be frame, not {}",
            vm.type_name(frame)
        )));
    };
    let code = code.clone();
    let globals = vm.get_attr(frame, "f_globals")?.as_obj().cloned();
    let line = vm.index_value(lineno)?;
    entries.push(TbEntry {
        code,
        line: u32::try_from(line).unwrap_or(0),
        globals,
    });
    if !next.is_none() {
        let Some(st) = next.as_obj().and_then(|o| o.native::<TracebackState>()) else {
            return Err(vm.new_type_error(format!(
                "expected traceback object or None, got '{}'",
                vm.type_name(next)
            )));
        };
        entries.extend(st.entries[st.index..].iter().cloned());
    }
    let cls = cls.as_obj().cloned().unwrap_or_else(|| own_class.clone());
    Ok(Value::Obj(vm.new_native_object(
        &cls,
        TracebackState {
            entries: Rc::from(entries),
            index: 0,
        },
    )))
}

impl Vm {
    /// `exc.__traceback__`: the head of its traceback chain (outermost frame), or None.
    pub fn traceback_object(&mut self, exc: &ObjRef) -> PyResult<Value> {
        let entries: Vec<TbEntry> = match self.exc_data(exc) {
            Some(d) => d.borrow().traceback.iter().rev().cloned().collect(),
            None => return Ok(Value::None),
        };
        if entries.is_empty() {
            return Ok(Value::None);
        }
        let Value::Obj(cls) = module_attr(self, "traceback")? else {
            unreachable!("_percolate_frames.traceback is the traceback class")
        };
        Ok(Value::Obj(self.new_native_object(
            &cls,
            TracebackState {
                entries: Rc::from(entries),
                index: 0,
            },
        )))
    }

    /// Sets `exc.__traceback__` (or `with_traceback(tb)`): the entries from `tb` on replace
    /// the exception's; None clears them; anything else is CPython's TypeError.
    pub fn set_traceback_object(&mut self, exc: &ObjRef, tb: &Value) -> PyResult<()> {
        let entries = if tb.is_none() {
            Vec::new()
        } else {
            let Some(st) = tb.as_obj().and_then(|o| o.native::<TracebackState>()) else {
                return Err(self.new_type_error("__traceback__ must be a traceback or None"));
            };
            // The exception stores entries innermost first.
            st.entries[st.index..].iter().rev().cloned().collect()
        };
        if let Some(d) = self.exc_data(exc) {
            d.borrow_mut().traceback = entries;
        }
        Ok(())
    }
}
