//! Built-in functions, the methods of the built-in types, and the pure algorithms behind the
//! methods of `str`, `int` and `float`.

pub mod bytes_methods;
pub mod containers;
pub mod coroutine_wrapper;
pub mod exception_fields;
pub mod exceptions;
pub mod extra;
pub mod file_io;
pub mod float_repr;
pub mod format_spec;
pub mod format_string;
pub mod functions;
pub mod functions_more;
pub mod generators;
pub mod int_float_methods;
pub mod numbers;
pub mod object;
pub mod percent_format;
pub mod str_algo;
pub mod str_case;
pub mod str_repr;
pub mod strings;
pub mod sys;
#[rustfmt::skip]
pub mod unicode_tables;

use crate::vm::Vm;

/// Fills the builtins module and the methods of the built-in types, and registers the
/// native modules.
pub fn init(vm: &mut Vm) {
    object::init(vm);
    numbers::init(vm);
    strings::init(vm);
    containers::init(vm);
    exceptions::init(vm);
    generators::init(vm);
    functions::init(vm);
    sys::init(vm);
    install(vm);
    crate::modules::register_all(vm);
    extra::install(vm);
}

/// Registers the methods and functions of the builtin-types helper (bytes, int/float extras, ...).
pub fn install(vm: &mut Vm) {
    bytes_methods::install(vm);
    int_float_methods::install(vm);
    file_io::install(vm);
    functions_more::install(vm);
}

/// Built-ins written in Python, compiled into the builtins namespace the first time a program
/// names them rather than at every start (parsing and compiling them was two thirds of
/// `percolate -c pass`): (name, filename, source).
const LAZY_BUILTINS: &[(&str, &str, &str)] = &[
    (
        "bytearray",
        "<frozen bytearray>",
        include_str!("py/bytearray.py"),
    ),
    ("anext", "<frozen anext>", include_str!("py/anext.py")),
];

/// The lazily defined built-in `name`, defined now if it was not yet (None when `name` is not
/// one of them, or its definition failed).
pub fn load_lazy_builtin(vm: &mut Vm, name: &str) -> Option<crate::vm::Value> {
    let (_, filename, source) = LAZY_BUILTINS.iter().find(|(n, _, _)| *n == name)?;
    install_python(vm, filename, source);
    let namespace = vm.builtins.dict.clone()?;
    vm.dict_get_str(&namespace, name)
}

/// Runs built-in definitions written in Python in the builtins namespace (`bytearray`).
fn install_python(vm: &mut Vm, filename: &str, source: &'static str) {
    let code = match crate::compile_source(source, filename) {
        Ok(code) => code,
        Err(err) => unreachable!("built-in Python source compiles: {err}"),
    };
    let Some(namespace) = vm.builtins.dict.clone() else {
        unreachable!("the builtins module has a dict")
    };
    if let Err(exc) = vm.run_module_code(code, &namespace) {
        vm.print_exception(&exc);
    }
}

/// The first positional argument (`self` of a method), or None.
pub fn self_arg(args: &crate::vm::Args) -> crate::vm::Value {
    args.positional
        .first()
        .cloned()
        .unwrap_or(crate::vm::Value::None)
}
