//! Built-in modules: native ones, and ones written in Python and compiled into the binary
//! (`py/*.py`, `asyncio/*.py`), executed on first import.

pub mod asyncio_module;
pub mod context_hook;
pub mod datetime;
pub mod frames;
pub mod generic_alias;
pub mod math;
pub mod mt_random;
pub mod random;
pub mod signal;
pub mod time;
pub mod traceback_obj;
pub mod types_support;

use crate::vm::{ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

/// Registers every built-in module with the VM (add one line per module).
pub fn register_all(vm: &mut Vm) {
    generic_alias::install(vm);
    vm.register_module("asyncio", asyncio_module::init);
    vm.register_module("socket", asyncio_module::init_socket);
    vm.register_module("datetime", datetime::init);
    vm.register_module("random", random::init);
    vm.register_module("time", time::init);
    vm.register_module("signal", signal::init);
    vm.register_module("typing", init_typing);
    vm.register_module("math", math::init);
    vm.register_module("itertools", |vm| {
        frozen(vm, "itertools", include_str!("py/itertools.py"))
    });
    vm.register_module("functools", |vm| {
        frozen(vm, "functools", include_str!("py/functools.py"))
    });
    vm.register_module("collections", |vm| {
        frozen(vm, "collections", include_str!("py/collections.py"))
    });
    vm.register_module("operator", |vm| {
        frozen(vm, "operator", include_str!("py/operator.py"))
    });
    vm.register_module("string", |vm| {
        frozen(vm, "string", include_str!("py/string.py"))
    });
    vm.register_module("heapq", |vm| {
        frozen(vm, "heapq", include_str!("py/heapq.py"))
    });
    vm.register_module("_match", |vm| {
        frozen(vm, "_match", include_str!("py/match_helpers.py"))
    });
    vm.register_module("bisect", |vm| {
        frozen(vm, "bisect", include_str!("py/bisect.py"))
    });
    vm.register_module("copy", |vm| frozen(vm, "copy", include_str!("py/copy.py")));
    vm.register_module("contextlib", |vm| {
        frozen(vm, "contextlib", include_str!("py/contextlib.py"))
    });
    vm.register_module("json", |vm| frozen(vm, "json", include_str!("py/json.py")));
    vm.register_module("types", |vm| {
        let mark = vm.new_native_fn("_iterable_coroutine", types_support::iterable_coroutine);
        let natives = vec![("_iterable_coroutine", mark)];
        python_module(
            vm,
            "types",
            "<frozen types>",
            include_str!("py/types.py"),
            natives,
        )
    });
    vm.register_module("dataclasses", |vm| {
        frozen(vm, "dataclasses", include_str!("py/dataclasses.py"))
    });
    vm.register_module("enum", |vm| frozen(vm, "enum", include_str!("py/enum.py")));
    vm.register_module("_collections_abc", |vm| {
        frozen(vm, "collections.abc", include_str!("py/collections_abc.py"))
    });
    vm.register_module("collections.abc", |vm| vm.import_module("_collections_abc"));
    vm.register_module("abc", |vm| frozen(vm, "abc", include_str!("py/abc.py")));
    vm.register_module("_percolate_frames", frames::init);
    vm.register_module("linecache", frames::init_linecache);
    vm.register_module("traceback", |vm| {
        frozen(vm, "traceback", include_str!("py/traceback.py"))
    });
    vm.register_module("logging", |vm| {
        let getpid = vm.new_native_fn("_getpid", |_, _| {
            Ok(Value::Int(i64::from(std::process::id())))
        });
        let natives = vec![("_getpid", getpid)];
        python_module(
            vm,
            "logging",
            "<frozen logging>",
            include_str!("py/logging.py"),
            natives,
        )
    });
    vm.register_module("logging.config", |vm| {
        frozen(vm, "logging.config", include_str!("py/logging_config.py"))
    });
    vm.register_module("warnings", |vm| {
        frozen(vm, "warnings", include_str!("py/warnings.py"))
    });
    vm.register_module("io", |vm| frozen(vm, "io", include_str!("py/io.py")));
    vm.register_module("inspect", |vm| {
        frozen(vm, "inspect", include_str!("py/inspect.py"))
    });
    vm.register_module("contextvars", |vm| {
        frozen(vm, "contextvars", include_str!("py/contextvars.py"))
    });
}

/// Creates module `name`, sets the native helpers, then runs `source` (Python compiled into the
/// binary) in its namespace. `filename` is what tracebacks show for its frames.
pub fn python_module(
    vm: &mut Vm,
    name: &str,
    filename: &str,
    source: &'static str,
    natives: Vec<(&str, Value)>,
) -> PyResult<ObjRef> {
    let module = vm.new_module(name);
    python_module_in(vm, module, filename, source, natives)
}

/// Like `python_module`, for a module object made beforehand (so that native parts can hold
/// its namespace before the Python source runs).
pub fn python_module_in(
    vm: &mut Vm,
    module: ObjRef,
    filename: &str,
    source: &'static str,
    natives: Vec<(&str, Value)>,
) -> PyResult<ObjRef> {
    for (key, value) in natives {
        vm.module_set(&module, key, value);
    }
    let filename: Rc<str> = Rc::from(filename);
    vm.sources.insert(filename.clone(), Rc::from(source));
    let code = match crate::compile_source(source, &filename) {
        Ok(code) => code,
        Err(err) => unreachable!("the built-in module source compiles: {err}"),
    };
    let Some(globals) = module.dict.clone() else {
        unreachable!("modules have a dict")
    };
    vm.run_module_code(code, &globals)?;
    Ok(module)
}

fn init_typing(vm: &mut Vm) -> PyResult<ObjRef> {
    python_module(
        vm,
        "typing",
        "<frozen typing>",
        include_str!("py/typing.py"),
        Vec::new(),
    )
}

/// A module written entirely in Python (`py/<name>.py`), compiled into the binary.
fn frozen(vm: &mut Vm, name: &'static str, source: &'static str) -> PyResult<ObjRef> {
    let filename = format!("<frozen {name}>");
    python_module(vm, name, &filename, source, Vec::new())
}
