//! The native half of `os` (process and file-system calls); the rest, `os.path` included, is
//! Python in `py/os.py` and `py/posixpath.py`.

use crate::builtins::file_io::os_error;
use crate::modules::python_module;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// The path argument of a native helper (`os.py` has already applied `os.fspath`).
fn path_arg(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<String> {
    let a = args.check(vm, fname, 1, 1)?;
    match a[0].as_str() {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.new_type_error(format!(
            "{fname}: path should be string, bytes or os.PathLike, not {}",
            vm.type_name(&a[0])
        ))),
    }
}

fn two_paths(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(String, String)> {
    let a = args.check(vm, fname, 2, 2)?;
    match (a[0].as_str(), a[1].as_str()) {
        (Some(x), Some(y)) => Ok((x.to_string(), y.to_string())),
        _ => Err(vm.new_type_error(format!("{fname}: paths should be strings"))),
    }
}

/// `_kind(path)`: 0 missing, 1 regular file, 2 directory, 3 anything else.
fn kind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = path_arg(vm, &args, "_kind")?;
    Ok(Value::Int(match std::fs::metadata(&path) {
        Err(_) => 0,
        Ok(m) if m.is_file() => 1,
        Ok(m) if m.is_dir() => 2,
        Ok(_) => 3,
    }))
}

fn seconds(t: std::io::Result<std::time::SystemTime>) -> Value {
    let secs = t
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_secs_f64());
    Value::Float(secs)
}

/// `_stat(path)`: `(st_mode, st_size, st_atime, st_mtime, st_ctime)`.
fn stat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use std::os::unix::fs::MetadataExt;
    let path = path_arg(vm, &args, "stat")?;
    match std::fs::metadata(&path) {
        Ok(m) => Ok(Value::tuple(vec![
            Value::Int(i64::from(m.mode())),
            Value::Int(m.len() as i64),
            seconds(m.accessed()),
            seconds(m.modified()),
            Value::Float(m.ctime() as f64 + m.ctime_nsec() as f64 / 1e9),
        ])),
        Err(e) => Err(os_error(vm, &e, &path)),
    }
}

fn listdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = path_arg(vm, &args, "listdir")?;
    let entries = match std::fs::read_dir(&path) {
        Ok(entries) => entries,
        Err(e) => return Err(os_error(vm, &e, &path)),
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => names.push(Value::string(
                entry.file_name().to_string_lossy().into_owned(),
            )),
            Err(e) => return Err(os_error(vm, &e, &path)),
        }
    }
    Ok(Value::list(names))
}

/// Runs a file-system call on one path, mapping failures to CPython's OSError subclasses.
fn unit_call(
    vm: &mut Vm,
    args: Args,
    fname: &str,
    call: fn(&str) -> std::io::Result<()>,
) -> PyResult<Value> {
    let path = path_arg(vm, &args, fname)?;
    match call(&path) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(os_error(vm, &e, &path)),
    }
}

fn urandom(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use std::io::Read;
    let a = args.check(vm, "urandom", 1, 1)?.to_vec();
    let n = vm.index_value(&a[0])?;
    if n < 0 {
        return Err(vm.new_value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let filled = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf));
    if let Err(e) = filled {
        return Err(os_error(vm, &e, "/dev/urandom"));
    }
    Ok(crate::builtins::bytes_methods::new_bytes(buf))
}

fn getcwd(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(Value::string(p.to_string_lossy().into_owned())),
        Err(e) => Err(os_error(vm, &e, ".")),
    }
}

/// `_uname()`: (sysname, nodename, release, version, machine) from /proc/sys/kernel.
fn uname(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let read = |name: &str| {
        std::fs::read_to_string(format!("/proc/sys/kernel/{name}"))
            .map(|s| s.trim_end_matches('\n').to_string())
            .unwrap_or_default()
    };
    let sysname = match read("ostype") {
        s if s.is_empty() => {
            let os = std::env::consts::OS;
            let mut chars = os.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        }
        s => s,
    };
    Ok(Value::tuple(vec![
        Value::string(sysname),
        Value::string(read("hostname")),
        Value::string(read("osrelease")),
        Value::string(read("version")),
        Value::str(std::env::consts::ARCH),
    ]))
}

fn native(
    vm: &mut Vm,
    name: &'static str,
    f: fn(&mut Vm, Args) -> PyResult<Value>,
) -> (&'static str, Value) {
    (name, vm.new_native_fn(name, f))
}

/// Registers `os` and `os.path`.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let mut natives = vec![
        native(vm, "path_stat", stat),
        native(vm, "_uname", uname),
        native(vm, "listdir", listdir),
        native(vm, "urandom", urandom),
        native(vm, "getpid", |_, _| {
            Ok(Value::Int(i64::from(std::process::id())))
        }),
        native(vm, "getcwd", getcwd),
        native(vm, "cpu_count", |_, _| {
            Ok(std::thread::available_parallelism()
                .map_or(Value::None, |n| Value::Int(n.get() as i64)))
        }),
        native(vm, "chdir", |vm, args| {
            unit_call(vm, args, "chdir", |p| std::env::set_current_dir(p))
        }),
        native(vm, "_mkdir", |vm, args| {
            unit_call(vm, args, "mkdir", |p| std::fs::create_dir(p))
        }),
        native(vm, "rmdir", |vm, args| {
            unit_call(vm, args, "rmdir", |p| std::fs::remove_dir(p))
        }),
        native(vm, "remove", |vm, args| {
            unit_call(vm, args, "remove", |p| std::fs::remove_file(p))
        }),
        native(vm, "rename", |vm, args| {
            let (from, to) = two_paths(vm, &args, "rename")?;
            match std::fs::rename(&from, &to) {
                Ok(()) => Ok(Value::None),
                Err(e) => Err(os_error(vm, &e, &from)),
            }
        }),
    ];
    let environ = vm.new_dict();
    for (key, value) in std::env::vars_os() {
        let key = Value::string(key.to_string_lossy().into_owned());
        let value = Value::string(value.to_string_lossy().into_owned());
        vm.dict_set(&environ, key, value)?;
    }
    natives.push(("_environ_data", Value::Obj(environ)));
    python_module(vm, "os", "<frozen os>", include_str!("py/os.py"), natives)
}

/// Registers `posixpath` (`os.path`).
pub fn init_posixpath(vm: &mut Vm) -> PyResult<ObjRef> {
    let natives = vec![
        native(vm, "_kind", kind),
        native(vm, "_stat", stat),
        native(vm, "getcwd", getcwd),
        native(vm, "_realpath", |vm, args| {
            let path = path_arg(vm, &args, "realpath")?;
            Ok(match std::fs::canonicalize(&path) {
                Ok(p) => Value::string(p.to_string_lossy().into_owned()),
                Err(_) => Value::None,
            })
        }),
    ];
    python_module(
        vm,
        "posixpath",
        "<frozen posixpath>",
        include_str!("py/posixpath.py"),
        natives,
    )
}

/// Registers `os.path` (the `posixpath` module).
pub fn init_path(vm: &mut Vm) -> PyResult<ObjRef> {
    vm.import_module("os")?;
    vm.import_module("posixpath")
}
