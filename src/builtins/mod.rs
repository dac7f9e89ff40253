//! Built-in functions, the methods of the built-in types, and the pure algorithms behind the
//! methods of `str`, `int` and `float`.

pub mod containers;
pub mod exceptions;
pub mod float_repr;
pub mod format_spec;
pub mod format_string;
pub mod functions;
pub mod generators;
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
    crate::modules::register_all(vm);
}

/// The first positional argument (`self` of a method), or None.
pub fn self_arg(args: &crate::vm::Args) -> crate::vm::Value {
    args.positional
        .first()
        .cloned()
        .unwrap_or(crate::vm::Value::None)
}
