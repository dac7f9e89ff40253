//! Frame and traceback objects as Python sees them (`gen.gi_frame`, `sys._getframe()`,
//! `exc.__traceback__`), built on demand from the VM's frames and traceback entries. The
//! classes themselves are Python (`py/frames.py`, module `_percolate_frames`); this file
//! supplies their native helpers and the conversions the VM needs.

use crate::vm::frame::Frame;
use crate::vm::generator::GenState;
use crate::vm::native::{FrameIntrinsic, NativeFunction};
use crate::vm::object::{Obj, Payload};
use crate::vm::value::WeakObj;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The name of the internal module holding the `frame` and `traceback` classes.
const MODULE: &str = "_percolate_frames";

thread_local! {
    /// The frame object of each generator that has one alive, by generator address, so that
    /// `gen.gi_frame is gen.gi_frame` (a frame keeps its generator alive, so the address
    /// cannot be reused while the entry can be upgraded).
    static GENERATOR_FRAMES: RefCell<HashMap<usize, WeakObj>> = RefCell::new(HashMap::new());
}

/// Creates `_percolate_frames` (Python classes plus their native helpers).
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let state = vm.new_native_fn("_generator_frame_state", |vm, args| {
        let a = args.check(vm, "_generator_frame_state", 1, 1)?;
        let gen_obj = a[0].clone();
        Ok(generator_frame_state(vm, &gen_obj))
    });
    let builtins = vm
        .builtins
        .dict
        .clone()
        .map(Value::Obj)
        .unwrap_or(Value::None);
    super::python_module(
        vm,
        MODULE,
        "<frozen _percolate_frames>",
        include_str!("py/frames.py"),
        vec![
            ("_generator_frame_state", state),
            ("_builtins_dict", builtins),
        ],
    )
    .inspect(|module| {
        let cls = super::traceback_obj::traceback_class(vm);
        vm.module_set(module, "traceback", Value::Obj(cls));
    })
}

/// Creates `linecache` (Python) with the interpreter's own sources as its first source.
pub fn init_linecache(vm: &mut Vm) -> PyResult<ObjRef> {
    let source = vm.new_native_fn("_interpreter_source", |vm, args| {
        let a = args.check(vm, "_interpreter_source", 1, 1)?;
        let text = a[0].as_str().and_then(|name| vm.sources.get(name).cloned());
        Ok(text.map(|t| Value::str(&t)).unwrap_or(Value::None))
    });
    super::python_module(
        vm,
        "linecache",
        "<frozen linecache>",
        include_str!("py/linecache.py"),
        vec![("_interpreter_source", source)],
    )
}

/// Sets `sys._getframe` (a frame intrinsic: it needs the calling frames) on module `sys`.
pub fn install_getframe(vm: &mut Vm, sys: &ObjRef) {
    let getframe = Value::Obj(Obj::new(Payload::NativeFunction(NativeFunction {
        names: crate::vm::native::NativeNames::boxed(Rc::from("_getframe"), None),
        func: Rc::new(|vm: &mut Vm, _args: Args| {
            Err(vm.new_runtime_error("sys._getframe() called without a frame"))
        }),
        is_method: false,
        intrinsic: Some(FrameIntrinsic::GetFrame),
        fast: None,
    })));
    vm.module_set(sys, "_getframe", getframe);
}

/// `(lineno, lasti, locals)` of a created or suspended generator's frame; None otherwise.
fn generator_frame_state(vm: &mut Vm, gen_obj: &Value) -> Value {
    let Some(Payload::Generator(g)) = gen_obj.payload() else {
        return Value::None;
    };
    g.settle();
    let state = g.state.borrow();
    let (frame, created) = match &*state {
        GenState::Created(f) => (f, true),
        GenState::Suspended(f) => (f, false),
        // (Settled above: a parked state is not seen here.)
        GenState::Running
        | GenState::Closed
        | GenState::Parked(_)
        | GenState::SuspendedChain(_) => return Value::None,
    };
    let (line, lasti) = if created {
        (frame.code().first_line, 0)
    } else {
        (frame.line(), lasti_of(frame))
    };
    let locals = locals_dict(vm, frame);
    Value::tuple(vec![Value::Int(line as i64), Value::Int(lasti), locals])
}

/// CPython's `f_lasti` is a byte offset of two-byte code units: the last instruction run.
fn lasti_of(frame: &Frame) -> i64 {
    2 * frame.ip.saturating_sub(1) as i64
}

/// A function frame's locals as `frame.f_locals` shows them: bound fast locals, then cell and
/// free variables; a module or class body's own mapping.
fn locals_dict(vm: &mut Vm, frame: &Frame) -> Value {
    if let Some(map) = frame.locals_map() {
        return map.clone();
    }
    let dict = vm.new_dict();
    for (name, value) in frame.code().varnames.iter().zip(frame.locals().iter()) {
        if let Some(v) = value {
            vm.dict_set_str(&dict, name, v.clone());
        }
    }
    let cell_names = frame
        .code()
        .cellvars
        .iter()
        .chain(frame.code().freevars.iter());
    for (name, cell) in cell_names.zip(frame.cells()) {
        if let Payload::Cell(v) = &cell.payload
            && let Some(v) = v.borrow().clone()
        {
            vm.dict_set_str(&dict, name, v);
        }
    }
    Value::Obj(dict)
}

/// `Task.get_stack(*, limit=None)` / `Task.print_stack(*, limit=None, file=None)`: calls the
/// helper `name` of `_percolate_frames` with the task and those arguments.
pub fn call_task_helper(vm: &mut Vm, name: &str, task: &ObjRef, mut args: Args) -> PyResult<Value> {
    let limit = args.take_kwarg("limit");
    let file = args.take_kwarg("file");
    args.check(vm, name.trim_start_matches("_task_"), 1, 1)?;
    let helper = module_attr(vm, name)?;
    let mut call_args = vec![Value::Obj(task.clone()), limit.unwrap_or(Value::None)];
    if name == "_task_print_stack" {
        call_args.push(file.unwrap_or(Value::None));
    } else if file.is_some() {
        return Err(vm.new_type_error("get_stack() got an unexpected keyword argument 'file'"));
    }
    vm.call(&helper, call_args)
}

/// Looks up a class or function of `_percolate_frames`.
pub(super) fn module_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let module = vm.import_module(MODULE)?;
    vm.get_attr(&Value::Obj(module), name)
}

impl Vm {
    /// `gi_frame`/`cr_frame`/`ag_frame`: a live frame object for a generator that has not
    /// finished, None once it is closed (or while it runs, as its frame is then in use).
    pub fn generator_frame_object(&mut self, gen_obj: &ObjRef) -> PyResult<Value> {
        let Payload::Generator(g) = &gen_obj.payload else {
            return Ok(Value::None);
        };
        let key = ObjRef::as_ptr(gen_obj) as usize;
        let cached = GENERATOR_FRAMES.with(|m| m.borrow().get(&key).and_then(|w| w.upgrade()));
        g.settle();
        let globals = match &*g.state.borrow() {
            GenState::Created(f) | GenState::Suspended(f) => f.globals.clone(),
            GenState::Running => return Ok(cached.map(Value::Obj).unwrap_or(Value::None)),
            // (Settled above: a parked state is not seen here.)
            GenState::Closed | GenState::Parked(_) | GenState::SuspendedChain(_) => {
                return Ok(Value::None);
            }
        };
        if let Some(frame) = cached {
            return Ok(Value::Obj(frame));
        }
        let code = Value::Obj(Obj::new(Payload::Code(g.code.clone())));
        let frame_cls = module_attr(self, "frame")?;
        let state = generator_frame_state(self, &Value::Obj(gen_obj.clone()));
        let Some([line, lasti, locals]) = state.as_tuple() else {
            return Ok(Value::None);
        };
        let args = vec![
            code,
            Value::Obj(globals),
            line.clone(),
            lasti.clone(),
            locals.clone(),
            Value::None,
            Value::Obj(gen_obj.clone()),
        ];
        let frame = self.call(&frame_cls, args)?;
        if let Value::Obj(f) = &frame {
            GENERATOR_FRAMES.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() >= 64 {
                    m.retain(|_, w| w.strong_count() > 0);
                }
                m.insert(key, ObjRef::downgrade(f));
            });
        }
        Ok(frame)
    }

    /// `sys._getframe(depth)`: snapshots of the current frame and its callers in this run of
    /// the eval loop (`callers` innermost last), linked through `f_back`.
    pub fn frame_snapshot(
        &mut self,
        current: &Frame,
        callers: &[Box<Frame>],
        args: Args,
    ) -> PyResult<Value> {
        if !args.kwargs.is_empty() {
            return Err(self.new_type_error("sys._getframe() takes no keyword arguments"));
        }
        let a = args.check(self, "_getframe", 0, 1)?.to_vec();
        let depth = match a.first() {
            Some(d) => self.index_value(d)?,
            None => 0,
        };
        let mut chain: Vec<&Frame> = callers.iter().map(|f| &**f).collect();
        chain.push(current);
        // The chain is outermost first; depth 0 is its last element.
        let wanted = match usize::try_from(depth) {
            Ok(d) if d < chain.len() => chain.len() - 1 - d,
            _ if depth < 0 => chain.len() - 1,
            _ => return Err(self.new_value_error("call stack is not deep enough")),
        };
        let frame_cls = module_attr(self, "frame")?;
        let mut back = Value::None;
        for frame in &chain[..=wanted] {
            let code = Value::Obj(Obj::new(Payload::Code(frame.code().clone())));
            let locals = locals_dict(self, frame);
            let args = vec![
                code,
                Value::Obj(frame.globals.clone()),
                Value::Int(frame.line() as i64),
                Value::Int(lasti_of(frame)),
                locals,
                back,
            ];
            back = self.call(&frame_cls, args)?;
        }
        Ok(back)
    }

    /// True if `exc` or an exception it chains to (cause, context, sub-exceptions) is an
    /// exception group.
    pub fn chain_has_group(&self, exc: &ObjRef) -> bool {
        let mut pending = vec![Value::Obj(exc.clone())];
        let mut seen: Vec<ObjRef> = Vec::new();
        while let Some(v) = pending.pop() {
            let Value::Obj(o) = v else { continue };
            if seen.iter().any(|s| ObjRef::ptr_eq(s, &o)) {
                continue;
            }
            seen.push(o.clone());
            if self.group_exceptions(&Value::Obj(o.clone())).is_some() {
                return true;
            }
            if let Some(d) = self.exc_data(&o) {
                let d = d.borrow();
                pending.push(d.cause.clone());
                pending.push(d.context.clone());
            }
        }
        false
    }

    /// `''.join(traceback.format_exception(exc))`, or None if that fails.
    pub fn format_with_traceback_module(&mut self, exc: &ObjRef) -> Option<String> {
        let module = self.import_module("traceback").ok()?;
        let format = self
            .get_attr(&Value::Obj(module), "format_exception")
            .ok()?;
        let chunks = self.call(&format, vec![Value::Obj(exc.clone())]).ok()?;
        let mut text = String::new();
        for chunk in self.collect(&chunks).ok()? {
            text.push_str(chunk.as_str()?);
        }
        Some(text)
    }
}
