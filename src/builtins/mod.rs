//! Built-in functions and the pure algorithms behind the methods of `str`, `int` and `float`.

pub mod float_repr;
pub mod format_spec;
pub mod format_string;
pub mod percent_format;
pub mod str_algo;
pub mod str_case;
pub mod str_repr;
#[rustfmt::skip]
pub mod unicode_tables;
