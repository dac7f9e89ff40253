//! The `percolate` command line, with python's conventions.

use clap::Parser;
use std::process::ExitCode;

/// Command-line arguments, mirroring `python3`'s.
#[derive(Parser, Debug)]
#[command(name = "percolate", version, about = "A Python interpreter for async Python")]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    command: Option<String>,
    /// Print the AST of FILE and exit.
    #[arg(long = "ast")]
    ast: bool,
    /// Print the disassembly of every code object in FILE and exit.
    #[arg(long = "dis")]
    dis: bool,
    /// Run FILE, then start the REPL in its globals.
    #[arg(short = 'i')]
    interactive: bool,
    /// The script (or `-` for stdin) followed by its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(path) = cli.args.first() else {
        eprintln!("percolate: no file given");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("percolate: can't open file '{path}': [Errno {}] {e}", e.raw_os_error().unwrap_or(0));
            return ExitCode::from(2);
        }
    };
    match percolate::parser::parse_module(&source, path) {
        Ok(module) => {
            if cli.ast {
                println!("{module:#?}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
    }
}
