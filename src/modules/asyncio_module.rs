//! The `asyncio` module: native Future and Task (`asyncio/future.rs`, `asyncio/task.rs`, as
//! CPython's `_asyncio` C module), the Python-level loop (`asyncio/core.py`: handles and
//! `_run_once`, as base_events.py) and the rest of the library (`asyncio/prelude.py`) compiled
//! into the binary, plus the native pieces they stand on: the loop clock, and the selector and
//! sockets (`asyncio/sockets.rs`) behind the transports and streams (`asyncio/selector_events.py`,
//! `asyncio/streams.py`).

/// A str key the native fast paths look up in loop, queue and module namespaces: its text
/// and a per-thread `KeySlot` (its hash, computed once, and where it was last found).
macro_rules! key {
    ($name:literal) => {{
        thread_local! {
            static SLOT: crate::modules::asyncio_module::KeySlot =
                const { crate::modules::asyncio_module::KeySlot::new() };
        }
        ($name, &SLOT)
    }};
}

/// What a `key!` remembers between look-ups. Plain cells only: a thread-local without drop
/// glue is reached without a lazy-initialisation check.
pub struct KeySlot {
    /// The name's hash, once computed.
    hash: Cell<Option<i64>>,
    /// The entry position where the name was last found, in whichever dict.
    pos: Cell<usize>,
    /// The key object found there (null before the first look-up). The slot owns one strong
    /// count of it (from `ObjRef::into_raw`), so the object cannot be freed and its address
    /// reused while it is remembered: identity with it is a sound check.
    key: Cell<*const Obj>,
}

impl Default for KeySlot {
    fn default() -> Self {
        KeySlot::new()
    }
}

impl KeySlot {
    /// An empty slot.
    pub const fn new() -> KeySlot {
        KeySlot {
            hash: Cell::new(None),
            pos: Cell::new(0),
            key: Cell::new(std::ptr::null()),
        }
    }

    /// The hash of `name` (this slot's name).
    fn hash(&self, name: &str) -> i64 {
        match self.hash.get() {
            Some(h) => h,
            None => {
                let h = crate::vm::hashing::hash_str(name);
                self.hash.set(Some(h));
                h
            }
        }
    }

    /// Remembers that the name was found at entry `pos` under the key object `key`.
    fn remember(&self, pos: usize, key: &ObjRef) {
        let old = self.key.replace(ObjRef::into_raw(key.clone()));
        self.pos.set(pos);
        if !old.is_null() {
            // SAFETY: `old` came from `ObjRef::into_raw` in an earlier `remember`, and the strong
            // count it stands for was owned by this slot alone; it is given back once, here.
            drop(unsafe { ObjRef::from_raw(old) });
        }
    }
}

/// A `key!`: the name and its slot.
type Key = (&'static str, &'static std::thread::LocalKey<KeySlot>);

/// The entry of `name` in `table`: the one where the name was last found (in any dict: loop
/// and queue namespaces are built alike) when it still holds the very key object that
/// look-up found, so no hashing, probing or text comparison is needed; otherwise a normal
/// look-up, which then becomes the remembered one.
#[inline]
fn key_position(table: &crate::vm::dict::DictTable, name: &str, s: &KeySlot) -> Option<usize> {
    let remembered = s.pos.get();
    if let Some(e) = table.entry_at(remembered)
        && let Value::Obj(k) = &e.key
        && std::ptr::eq(ObjRef::as_ptr(k), s.key.get())
    {
        return Some(remembered);
    }
    let pos = table.str_position(name, s.hash(name))?;
    if let Some(Value::Obj(k)) = table.entry_at(pos).map(|e| &e.key) {
        s.remember(pos, k);
    }
    Some(pos)
}

/// A prelude class (Queue, Event, Lock ...) whose exact instances get native fast paths,
/// as registered right after the prelude defines it: the paths stand for its own Python
/// methods, so they apply only while neither the class (nor a base) nor the instance has
/// had something replaced.
pub(crate) struct RegisteredClass {
    /// The class.
    cls: ObjRef,
    /// `mro_versions(cls)` when registered: any later change to the class's namespace or a
    /// base's (say `asyncio.Queue._put = f`) turns the fast paths off.
    versions: u64,
    /// How many attributes the class's `__init__` gives an instance: one more means
    /// something (a method such as `q._get = f`) was set on the instance.
    instance_attrs: usize,
}

impl RegisteredClass {
    /// Registers `cls`, whose instances hold `instance_attrs` attributes after `__init__`.
    pub(crate) fn new(cls: ObjRef, instance_attrs: usize) -> RegisteredClass {
        RegisteredClass {
            versions: crate::vm::dict_version::mro_versions(&cls),
            cls,
            instance_attrs,
        }
    }

    /// The instance namespace of `v` when it is exactly of this class, the class is as
    /// registered, and the instance holds just what `__init__` set.
    pub(crate) fn instance_dict(&self, v: &Value) -> Option<ObjRef> {
        let o = v.as_obj()?;
        if !o
            .class
            .as_ref()
            .is_some_and(|c| ObjRef::ptr_eq(c, &self.cls))
            || crate::vm::dict_version::mro_versions(&self.cls) != self.versions
        {
            return None;
        }
        let dict = o.dict.as_ref()?;
        if dict.as_dict()?.borrow().len() != self.instance_attrs {
            return None;
        }
        Some(dict.clone())
    }
}

/// `dict[name]` for a `key!`.
#[inline]
fn get_key(_vm: &Vm, dict: &ObjRef, (name, slot): Key) -> Option<Value> {
    let table = dict.as_dict()?.borrow();
    let pos = slot.with(|s| key_position(&table, name, s))?;
    table.entry_at(pos).map(|e| e.value.clone())
}

/// `dict[name] = value` for a `key!`: in place at the name's entry, else inserted. The old
/// value is dropped after the dict is released (its finalizer may reach the dict).
fn set_key(_vm: &Vm, dict: &ObjRef, (name, slot): Key, value: Value) {
    let Some(table) = dict.as_dict() else {
        return;
    };
    let old = {
        let mut table = table.borrow_mut();
        match slot.with(|s| key_position(&table, name, s)) {
            Some(p) => table.replace_value_at(p, value).ok(),
            None => {
                table.set_str(name, slot.with(|s| s.hash(name)), value);
                None
            }
        }
    };
    drop(old);
}

#[path = "asyncio/future.rs"]
pub mod future;
#[path = "asyncio/gather.rs"]
pub mod gather;
#[path = "asyncio/handle.rs"]
pub mod handle;
#[path = "asyncio/locks_native.rs"]
pub mod locks_native;
#[path = "asyncio/queue.rs"]
pub mod queue;
#[path = "asyncio/ready.rs"]
pub mod ready;
#[path = "asyncio/reprlib.rs"]
pub mod reprlib;
#[path = "asyncio/run_loop.rs"]
pub mod run_loop;
#[path = "asyncio/sleep.rs"]
pub mod sleep;
#[path = "asyncio/slot.rs"]
pub mod slot;
#[path = "asyncio/task.rs"]
pub mod task;

use crate::vm::{Args, Obj, ObjRef, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The Python source run by `import asyncio`: the core first, then the library built on it.
static SOURCE: &str = concat!(
    include_str!("asyncio/core.py"),
    "\n",
    include_str!("asyncio/prelude.py"),
);

/// The socket layer (transports, servers, streams), compiled into the module's namespace on
/// first use: most programs never open a socket, and compiling it was ~45% of the
/// instructions of `import asyncio` (84M -> 48M without it).
static NETWORK_SOURCE: &str = concat!(
    include_str!("asyncio/selector_events.py"),
    "\n",
    include_str!("asyncio/streams.py")
);

/// Runs `NETWORK_SOURCE` in the asyncio namespace `globals` unless `loaded` says it ran, then
/// drops the module's `__getattr__` (which exists only to trigger this).
fn load_network(vm: &mut Vm, globals: &ObjRef, loaded: &Cell<bool>) -> PyResult<()> {
    if loaded.replace(true) {
        return Ok(());
    }
    let filename: Rc<str> = Rc::from("<frozen asyncio.network>");
    vm.sources.insert(
        filename.clone(),
        crate::vm::SourceText::Static(NETWORK_SOURCE),
    );
    let code = match crate::compile_source(NETWORK_SOURCE, &filename) {
        Ok(code) => code,
        Err(err) => unreachable!("the built-in module source compiles: {err}"),
    };
    vm.dict_remove_str(globals, "__getattr__");
    vm.run_module_code(code, globals)?;
    Ok(())
}

/// `_load_network()` (called by the loop-method stubs of prelude.py) and the module's
/// `__getattr__` (PEP 562), which loads the socket layer and then looks the name up again.
fn network_loaders(globals: &ObjRef, vm: &mut Vm) -> [(&'static str, Value); 2] {
    let loaded = Rc::new(Cell::new(false));
    let (g, l) = (globals.clone(), loaded.clone());
    let load = vm.new_native_fn("_load_network", move |vm, _args: Args| {
        load_network(vm, &g, &l)?;
        Ok(Value::None)
    });
    let g = globals.clone();
    let getattr = vm.new_native_fn("__getattr__", move |vm, args: Args| {
        let name = args.check(vm, "__getattr__", 1, 1)?[0].clone();
        load_network(vm, &g, &loaded)?;
        let found = name.as_str().and_then(|n| vm.dict_get_str(&g, n));
        found.ok_or_else(|| {
            let shown = name.as_str().unwrap_or_default().to_string();
            vm.new_attribute_error(format!("module 'asyncio' has no attribute '{shown}'"))
        })
    });
    [("_load_network", load), ("__getattr__", getattr)]
}

#[path = "asyncio/sockets.rs"]
mod sockets;

/// Reads a number argument as seconds.
fn seconds(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i as f64)),
        Value::Bool(b) => Ok(Some(f64::from(u8::from(*b)))),
        Value::Float(f) => Ok(Some(*f)),
        other => Err(vm.new_type_error(format!(
            "'{}' object cannot be interpreted as a number of seconds",
            vm.type_name(other)
        ))),
    }
}

/// Builds the `asyncio` module on first import.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let monotonic = vm.new_native_fn("_monotonic", |_vm, _args: Args| {
        Ok(Value::Float(super::time::monotonic()))
    });
    let wait = vm.new_native_fn("_select", |vm, args: Args| {
        let timeout = match args.positional.first() {
            Some(v) => seconds(vm, v)?,
            None => None,
        };
        let events = sockets::select(timeout)
            .into_iter()
            .map(|(fd, mask)| {
                Value::tuple(vec![Value::Int(i64::from(fd)), Value::Int(i64::from(mask))])
            })
            .collect();
        Ok(Value::list(events))
    });
    let print_exc = vm.new_native_fn("_print_exception", |vm, args: Args| {
        if let Some(Value::Obj(exc)) = args.positional.first() {
            let exc = exc.clone();
            vm.print_exception(&exc);
        }
        Ok(Value::None)
    });
    let write = vm.new_native_fn("_write_stderr", |vm, args: Args| {
        if let Some(text) = args
            .positional
            .first()
            .and_then(|v| v.as_str().map(String::from))
        {
            vm.write_stderr(&text);
        }
        Ok(Value::None)
    });
    let blocking_hook = vm.new_native_fn("_replace_blocking_hook", |_vm, args: Args| {
        let hook = args.positional.first().cloned().unwrap_or(Value::None);
        Ok(super::time::replace_blocking_hook(hook))
    });
    let agen_hooks = vm.new_native_fn("_replace_asyncgen_hooks", |_vm, args: Args| {
        let firstiter = args.positional.first().cloned().unwrap_or(Value::None);
        let finalizer = args.positional.get(1).cloned().unwrap_or(Value::None);
        let (old_first, old_final) =
            crate::vm::asyncgen::replace_asyncgen_hooks(firstiter, finalizer);
        Ok(Value::tuple(vec![old_first, old_final]))
    });
    let alive_agens = vm.new_native_fn("_alive_asyncgens", |_vm, args: Args| {
        let finalizer = args.positional.first().cloned().unwrap_or(Value::None);
        Ok(Value::list(crate::vm::asyncgen::alive_asyncgens(
            &finalizer,
        )))
    });
    let module = vm.new_module("asyncio");
    let Some(globals) = module.dict.clone() else {
        unreachable!("modules have a dict")
    };
    let mut natives = vec![
        ("_monotonic", monotonic),
        ("_select", wait),
        ("_print_exception", print_exc),
        ("_write_stderr", write),
        ("_replace_blocking_hook", blocking_hook),
        ("_replace_asyncgen_hooks", agen_hooks),
        ("_alive_asyncgens", alive_agens),
    ];
    natives.extend(sockets::natives(vm)?);
    natives.extend(native_core(vm, &globals));
    natives.extend(network_loaders(&globals, vm));
    let module = super::python_module_in(vm, module, "<frozen asyncio>", SOURCE, natives)?;
    ready::install_sleep_zero(vm, &globals);
    // The compile's garbage (2.3 MB at its peak) is freed: its pages go back for the tasks.
    crate::allocator::release_empty_pages();
    Ok(module)
}

/// Builds the `socket` module (`asyncio/socket.py`) on first import; it shares the resolver and
/// `gaierror` with asyncio.
pub fn init_socket(vm: &mut Vm) -> PyResult<ObjRef> {
    let natives = sockets::natives(vm)?
        .into_iter()
        .filter(|(name, _)| matches!(*name, "_getaddrinfo" | "_gaierror" | "_socket"))
        .collect();
    super::python_module(
        vm,
        "socket",
        "<frozen socket>",
        include_str!("asyncio/socket.py"),
        natives,
    )
}

/// Creates the native classes (Future, Task, the exceptions) and task functions, which reach
/// the Python-level parts of the module through its namespace `globals`.
fn native_core(vm: &mut Vm, globals: &ObjRef) -> Vec<(&'static str, Value)> {
    let base_exception = vm.exc.base_exception.clone();
    let exception = vm.exc.by_name("Exception");
    let cancelled_error =
        vm.new_exception_class("CancelledError", &[base_exception], "asyncio.exceptions");
    let exception = exception.unwrap_or_else(|| vm.exc.base_exception.clone());
    let invalid_state_error =
        vm.new_exception_class("InvalidStateError", &[exception], "asyncio.exceptions");
    let future_cls = vm.new_native_class("Future", &[], "_asyncio");
    let task_cls = vm.new_native_class("Task", std::slice::from_ref(&future_cls), "_asyncio");
    let iter_cls = vm.new_native_class("FutureIter", &[], "_asyncio");
    let handle_natives = handle::handle_classes(vm);
    let handle_cls = match handle_natives.first() {
        Some((_, Value::Obj(cls))) => cls.clone(),
        _ => unreachable!("handle_classes returns Handle first"),
    };
    let ctx = Rc::new(future::Asyncio {
        handle_cls,
        loop_cls: RefCell::new(None),
        plain_loop_cache: RefCell::new(None),
        globals: globals.clone(),
        future_cls: future_cls.clone(),
        task_cls: task_cls.clone(),
        iter_cls,
        cancelled_error: cancelled_error.clone(),
        invalid_state_error: invalid_state_error.clone(),
        step_fn: RefCell::new(Value::None),
        wakeup_fn: RefCell::new(Value::None),
        current: RefCell::new(Vec::new()),
        registry: RefCell::new(Vec::new()),
        registry_live: Cell::new(0),
        name_counter: Cell::new(0),
    });
    future::init_future_class(vm, &ctx);
    task::init_task_class(vm, &ctx);
    let mut natives = vec![
        ("Future", Value::Obj(future_cls)),
        ("Task", Value::Obj(task_cls)),
        ("CancelledError", Value::Obj(cancelled_error)),
        ("InvalidStateError", Value::Obj(invalid_state_error)),
    ];
    natives.extend(task::task_functions(vm, &ctx));
    natives.extend(sleep::sleep_functions(vm, &ctx));
    natives.extend(gather::gather_functions(vm, &ctx));
    natives.extend(run_loop::run_loop_functions(vm, &ctx));
    natives.extend(queue::queue_functions(vm, &ctx));
    natives.extend(locks_native::locks_functions(vm, &ctx));
    natives.extend(handle_natives);
    natives.push(("_Deque", ready::deque_class(vm)));
    natives.extend(ready::loop_functions(vm, &ctx));
    natives
}

#[cfg(test)]
mod tests {
    use crate::vm::SourceText;

    #[test]
    fn the_frozen_source_is_borrowed_not_copied() {
        let borrowed = crate::with_big_stack(|| {
            let (vm, _, _) = crate::vm::vm_that_ran("import asyncio\n", "<test>");
            matches!(
                vm.sources.get("<frozen asyncio>"),
                Some(SourceText::Static(s)) if std::ptr::eq(s.as_ptr(), super::SOURCE.as_ptr())
            )
        });
        assert!(borrowed);
    }
}
