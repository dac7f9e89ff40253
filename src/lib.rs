//! percolate: a Python interpreter for the part of Python that asynchronous programs are made of.
//!
//! A tour of the pipeline: [`lexer`] turns source text into tokens (logos plus an indentation
//! layer), [`parser`] builds an [`ast::Module`] with the lalrpop grammar in `grammar/`, the
//! [`compiler`] turns it into [`bytecode::Code`] objects, and the [`vm`] runs them, with the
//! asyncio event loop from [`modules`] driving tasks.

pub mod ast;
pub mod builtins;
pub mod bytecode;
pub mod error;
pub mod lexer;
pub mod modules;
pub mod parser;
pub mod token;
