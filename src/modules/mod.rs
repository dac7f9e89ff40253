//! Built-in modules: native ones, and ones written in Python and compiled into the binary
//! (`py/*.py`, `asyncio/*.py`), executed on first import.

pub mod asyncio_module;
pub mod context_hook;
pub mod datetime;
pub mod frames;
pub mod generic_alias;
pub mod hashlib;
pub mod itertools_native;
pub mod math;
pub mod mt_random;
pub mod os;
pub mod random;
pub mod re;
pub mod signal;
pub mod struct_module;
pub mod time;
pub mod traceback_obj;
pub mod types_support;
pub mod weakref;

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
    vm.register_module("re", re::init);
    vm.register_module("struct", struct_module::init);
    vm.register_module("os", os::init);
    vm.register_module("posixpath", os::init_posixpath);
    vm.register_module("os.path", os::init_path);
    vm.register_module("weakref", weakref::init);
    vm.register_module("gc", |vm| frozen(vm, "gc", include_str!("py/gc.py")));
    vm.register_module("queue", |vm| {
        frozen(vm, "queue", include_str!("py/queue.py"))
    });
    vm.register_module("statistics", |vm| {
        frozen(vm, "statistics", include_str!("py/statistics.py"))
    });
    vm.register_module("pprint", |vm| {
        frozen(vm, "pprint", include_str!("py/pprint.py"))
    });
    vm.register_module("atexit", |vm| {
        frozen(vm, "atexit", include_str!("py/atexit.py"))
    });
    vm.register_module("errno", |vm| {
        frozen(vm, "errno", include_str!("py/errno.py"))
    });
    vm.register_module("binascii", |vm| {
        frozen(vm, "binascii", include_str!("py/binascii.py"))
    });
    vm.register_module("base64", |vm| {
        frozen(vm, "base64", include_str!("py/base64.py"))
    });
    vm.register_module("hashlib", hashlib::init);
    vm.register_module("hmac", |vm| frozen(vm, "hmac", include_str!("py/hmac.py")));
    vm.register_module("urllib", |vm| Ok(vm.new_module("urllib")));
    vm.register_module("urllib.parse", |vm| {
        frozen(vm, "urllib.parse", include_str!("py/urllib_parse.py"))
    });
    vm.register_module("http", |vm| frozen(vm, "http", include_str!("py/http.py")));
    vm.register_module("fnmatch", |vm| {
        frozen(vm, "fnmatch", include_str!("py/fnmatch.py"))
    });
    vm.register_module("glob", |vm| frozen(vm, "glob", include_str!("py/glob.py")));
    vm.register_module("shlex", |vm| {
        frozen(vm, "shlex", include_str!("py/shlex.py"))
    });
    vm.register_module("secrets", |vm| {
        frozen(vm, "secrets", include_str!("py/secrets.py"))
    });
    vm.register_module("keyword", |vm| {
        frozen(vm, "keyword", include_str!("py/keyword.py"))
    });
    vm.register_module("concurrent", |vm| Ok(vm.new_module("concurrent")));
    vm.register_module("concurrent.futures", |vm| {
        frozen(
            vm,
            "concurrent.futures",
            include_str!("py/concurrent_futures.py"),
        )
    });
    vm.register_module("pathlib", |vm| {
        frozen(vm, "pathlib", include_str!("py/pathlib.py"))
    });
    vm.register_module("tempfile", |vm| {
        frozen(vm, "tempfile", include_str!("py/tempfile.py"))
    });
    vm.register_module("shutil", |vm| {
        frozen(vm, "shutil", include_str!("py/shutil.py"))
    });
    vm.register_module("argparse", |vm| {
        frozen(vm, "argparse", include_str!("py/argparse.py"))
    });
    vm.register_module("csv", |vm| frozen(vm, "csv", include_str!("py/csv.py")));
    vm.register_module("numbers", |vm| {
        frozen(vm, "numbers", include_str!("py/numbers.py"))
    });
    vm.register_module("html", |vm| frozen(vm, "html", include_str!("py/html.py")));
    vm.register_module("html.entities", |vm| {
        frozen(vm, "html.entities", include_str!("py/html_entities.py"))
    });
    vm.register_module("calendar", |vm| {
        frozen(vm, "calendar", include_str!("py/calendar.py"))
    });
    vm.register_module("platform", |vm| {
        frozen(vm, "platform", include_str!("py/platform.py"))
    });
    vm.register_module("importlib", |vm| {
        frozen(vm, "importlib", include_str!("py/importlib.py"))
    });
    vm.register_module("gettext", |vm| {
        frozen(vm, "gettext", include_str!("py/gettext.py"))
    });
    vm.register_module("getopt", |vm| {
        frozen(vm, "getopt", include_str!("py/getopt.py"))
    });
    vm.register_module("email", |vm| Ok(vm.new_module("email")));
    vm.register_module("email.utils", |vm| {
        frozen(vm, "email.utils", include_str!("py/email_utils.py"))
    });
    vm.register_module("fractions", |vm| {
        frozen(vm, "fractions", include_str!("py/fractions.py"))
    });
    vm.register_module("ipaddress", |vm| {
        frozen(vm, "ipaddress", include_str!("py/ipaddress.py"))
    });
    vm.register_module("mimetypes", |vm| {
        frozen(vm, "mimetypes", include_str!("py/mimetypes.py"))
    });
    vm.register_module("codecs", |vm| {
        frozen(vm, "codecs", include_str!("py/codecs.py"))
    });
    vm.register_module("reprlib", |vm| {
        frozen(vm, "reprlib", include_str!("py/reprlib.py"))
    });
    vm.register_module("timeit", |vm| {
        frozen(vm, "timeit", include_str!("py/timeit.py"))
    });
    vm.register_module("locale", |vm| {
        frozen(vm, "locale", include_str!("py/locale.py"))
    });
    vm.register_module("difflib", |vm| {
        frozen(vm, "difflib", include_str!("py/difflib.py"))
    });
    vm.register_module("logging.handlers", |vm| {
        frozen(
            vm,
            "logging.handlers",
            include_str!("py/logging_handlers.py"),
        )
    });
    vm.register_module("uuid", |vm| frozen(vm, "uuid", include_str!("py/uuid.py")));
    vm.register_module("textwrap", |vm| {
        frozen(vm, "textwrap", include_str!("py/textwrap.py"))
    });
    vm.register_module("threading", |vm| {
        frozen(vm, "threading", include_str!("py/threading.py"))
    });
    vm.register_module("itertools", |vm| {
        let natives = itertools_native::classes(vm);
        python_module(
            vm,
            "itertools",
            "<frozen itertools>",
            include_str!("py/itertools.py"),
            natives,
        )
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
    vm.register_module("__future__", |vm| {
        frozen(vm, "__future__", include_str!("py/__future__.py"))
    });
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

/// At interpreter exit: runs the weakref callbacks still due, then the `atexit` handlers (only
/// if those modules were imported; errors were already reported by the handlers' runner).
pub fn run_exit_handlers(vm: &mut Vm) {
    let modules = vm.modules.clone();
    for (module, function) in [("weakref", "_check_dead"), ("atexit", "_run_exitfuncs")] {
        let Some(m) = vm.dict_get_str(&modules, module) else {
            continue;
        };
        if let Ok(f) = vm.get_attr(&m, function) {
            let _ = vm.call(&f, vec![]);
        }
    }
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
    vm.sources
        .insert(filename.clone(), crate::vm::SourceText::Static(source));
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
