//! Built-in functions and the pure algorithms behind the methods of `str`, `int` and `float`.

pub mod float_repr;
