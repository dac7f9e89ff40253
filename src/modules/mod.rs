//! Built-in modules.

pub mod mt_random;
