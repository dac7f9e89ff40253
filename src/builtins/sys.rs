//! The `sys` module: argv, exit, stdout/stderr, version information, recursion limit.

use super::self_arg;
use crate::vm::object::NativeObject;
use crate::vm::{ObjRef, PyResult, Value, Vm};

/// The state of `sys.stdout` / `sys.stderr`: which stream it writes to.
struct Stream {
    /// True for stderr.
    is_err: bool,
}

impl NativeObject for Stream {
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// For the process's own `sys.stdout`/`sys.stderr` objects: whether it is stderr; None for any
/// other object.
pub fn native_stream_kind(v: &Value) -> Option<bool> {
    v.as_obj()?.native::<Stream>().map(|s| s.is_err)
}

/// The current value of `sys.<name>` (`stdout`, `stderr`), or None while `sys` has not been
/// imported (then nobody can have replaced it).
pub fn current_stream(vm: &mut Vm, name: &str) -> Option<Value> {
    let modules = vm.modules.clone();
    let sys = vm.dict_get_str(&modules, "sys")?;
    let dict = sys.as_obj()?.dict.clone()?;
    vm.dict_get_str(&dict, name)
}

/// The parts of `sys` written in Python: `version_info` with named fields, `implementation`.
const SYS_PYTHON: &str = r#"
class version_info_type(tuple):
    __slots__ = ()
    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return ("sys.version_info(major=%d, minor=%d, micro=%d, releaselevel=%r, serial=%d)"
                % tuple(self))

version_info_type.__name__ = 'version_info'
version_info = version_info_type((3, 12, 0, 'final', 0))


class _Implementation:
    def __init__(self):
        self.name = 'percolate'
        self.cache_tag = None
        self.version = version_info

    def __repr__(self):
        return "namespace(name='percolate', cache_tag=None, version=%r)" % (self.version,)


implementation = _Implementation()
del _Implementation


def _struct_sequence(type_name, field_names, values):
    """A tuple with named fields and CPython's struct-sequence repr (sys.float_info ...)."""
    class _StructSeq(tuple):
        __slots__ = ()

        def __repr__(self):
            return "sys.%s(%s)" % (type_name, ", ".join(
                "%s=%r" % pair for pair in zip(field_names, self)))

    for index, field in enumerate(field_names):
        setattr(_StructSeq, field, property(lambda self, i=index: self[i]))
    _StructSeq.__name__ = type_name
    _StructSeq.__qualname__ = type_name
    return _StructSeq(values)


float_info = _struct_sequence(
    "float_info",
    ("max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig",
     "epsilon", "radix", "rounds"),
    (1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021, -307, 15, 53,
     2.220446049250313e-16, 2, 1))
int_info = _struct_sequence(
    "int_info",
    ("bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"),
    (30, 4, 4300, 640))
hash_info = _struct_sequence(
    "hash_info",
    ("width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"),
    (64, 2305843009213693951, 314159, 0, 1000003, 'siphash13', 64, 128, 0))
flags = _struct_sequence(
    "flags",
    ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site",
     "no_site", "ignore_environment", "verbose", "bytes_warning", "quiet",
     "hash_randomization", "isolated", "dev_mode", "utf8_mode", "warn_default_encoding",
     "safe_path", "int_max_str_digits"),
    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1))
del _struct_sequence
maxunicode = 1114111
float_repr_style = 'short'
api_version = 1013
warnoptions = []
dont_write_bytecode = False
prefix = exec_prefix = base_prefix = base_exec_prefix = ''
orig_argv = ['percolate'] + argv
_switch_interval = 0.005
_audit_hooks = []


def getdefaultencoding():
    return 'utf-8'


def getfilesystemencoding():
    return 'utf-8'


def getfilesystemencodeerrors():
    return 'surrogateescape'


def is_finalizing():
    return False


def getswitchinterval():
    return _switch_interval


def setswitchinterval(interval):
    global _switch_interval
    if interval <= 0:
        raise ValueError("switch interval must be strictly positive")
    _switch_interval = float(interval)


def gettrace():
    return None


def settrace(function):
    if function is not None:
        raise NotImplementedError("percolate does not support sys.settrace")


def getprofile():
    return None


def setprofile(function):
    if function is not None:
        raise NotImplementedError("percolate does not support sys.setprofile")


def addaudithook(hook):
    _audit_hooks.append(hook)


def audit(event, *args):
    for hook in _audit_hooks:
        hook(event, args)
"#;

fn make_sys(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("sys");
    let argv = Value::list(vm.argv.iter().map(|a| Value::str(a)).collect());
    vm.module_set(&m, "argv", argv);
    crate::modules::frames::install_getframe(vm, &m);
    let stream_cls = vm.new_native_class("TextIOWrapper", &[], "_io");
    vm.add_method(&stream_cls, "write", |vm, args| {
        let a = args.check(vm, "write", 2, 2)?.to_vec();
        let Some(s) = a[1].as_str().map(String::from) else {
            return Err(vm.new_type_error(format!(
                "write() argument must be str, not {}",
                vm.type_name(&a[1])
            )));
        };
        let is_err = a[0]
            .as_obj()
            .and_then(|o| o.native::<Stream>())
            .is_some_and(|s| s.is_err);
        if is_err {
            vm.write_stderr(&s);
        } else {
            vm.write_stdout(&s);
        }
        Ok(Value::Int(s.chars().count() as i64))
    });
    vm.add_method(&stream_cls, "flush", |vm, args| {
        let me = self_arg(&args);
        let is_err = me
            .as_obj()
            .and_then(|o| o.native::<Stream>())
            .is_some_and(|s| s.is_err);
        if !is_err {
            vm.flush_stdout();
        }
        Ok(Value::None)
    });
    vm.add_method(&stream_cls, "isatty", |_, _| Ok(Value::Bool(false)));
    let out = vm.new_native_object(&stream_cls, Stream { is_err: false });
    let err = vm.new_native_object(&stream_cls, Stream { is_err: true });
    vm.module_set(&m, "stdout", Value::Obj(out.clone()));
    vm.module_set(&m, "stderr", Value::Obj(err.clone()));
    vm.module_set(&m, "__stdout__", Value::Obj(out));
    vm.module_set(&m, "__stderr__", Value::Obj(err));
    let exit = vm.new_native_fn("exit", |vm, args| {
        let a = args.check(vm, "exit", 0, 1)?.to_vec();
        let cls = vm.exc.system_exit.clone();
        Err(vm.new_exception(&cls, a))
    });
    vm.module_set(&m, "exit", exit);
    vm.module_set(&m, "version", Value::str("3.12.0 (percolate)"));
    vm.module_set(
        &m,
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(12),
            Value::Int(0),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    vm.module_set(&m, "hexversion", Value::Int(0x030c00f0));
    vm.module_set(&m, "platform", Value::str(std::env::consts::OS));
    vm.module_set(&m, "byteorder", Value::str("little"));
    vm.module_set(&m, "maxsize", Value::Int(i64::MAX));
    vm.module_set(&m, "executable", Value::str("percolate"));
    let modules = vm.modules.clone();
    vm.module_set(&m, "modules", Value::Obj(modules));
    let path = vm
        .module_dir
        .as_ref()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    vm.module_set(&m, "path", Value::list(vec![Value::string(path)]));
    let f = vm.new_native_fn("getrecursionlimit", |vm, _| {
        Ok(Value::Int(vm.recursion_limit as i64))
    });
    vm.module_set(&m, "getrecursionlimit", f);
    let f = vm.new_native_fn("setrecursionlimit", |vm, args| {
        let a = args.check(vm, "setrecursionlimit", 1, 1)?.to_vec();
        let n = vm.index_value(&a[0])?;
        if n < 1 {
            return Err(vm.new_value_error("recursion limit must be greater or equal than 1"));
        }
        vm.recursion_limit = n as usize;
        Ok(Value::None)
    });
    vm.module_set(&m, "setrecursionlimit", f);
    let f = vm.new_native_fn("exc_info", |vm, _| match vm.handled_exception() {
        Some(e) => {
            let t = Value::Obj(vm.type_of(&Value::Obj(e.clone())));
            let tb = vm.get_attr(&Value::Obj(e.clone()), "__traceback__")?;
            Ok(Value::tuple(vec![t, Value::Obj(e), tb]))
        }
        None => Ok(Value::tuple(vec![Value::None, Value::None, Value::None])),
    });
    vm.module_set(&m, "exc_info", f);
    let f = vm.new_native_fn("exception", |vm, _| {
        Ok(vm
            .handled_exception()
            .map(Value::Obj)
            .unwrap_or(Value::None))
    });
    vm.module_set(&m, "exception", f);
    let f = vm.new_native_fn("intern", |vm, args| {
        Ok(args.check(vm, "intern", 1, 1)?[0].clone())
    });
    vm.module_set(&m, "intern", f);
    // The named-tuple type of version_info and the implementation namespace are simplest
    // (and exactly CPython's shape) written in Python, run in the new module's namespace.
    let code = match crate::compile_source(SYS_PYTHON, "<frozen sys>") {
        Ok(code) => code,
        Err(err) => unreachable!("the sys module's Python part compiles: {err}"),
    };
    if let Some(globals) = m.dict.clone() {
        vm.run_module_code(code, &globals)?;
    }
    Ok(m)
}

/// Registers `sys` (created on first import).
pub fn init(vm: &mut Vm) {
    vm.register_module("sys", make_sys);
}
