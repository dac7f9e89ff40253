//! The virtual machine: values and objects, the eval loop, calls, attributes, operators,
//! exceptions and generators. See `/work/notes/VM_API.md` for how to build on it.

pub mod async_with;
pub mod asyncgen;
pub mod attr;
pub mod attr_cache;
pub mod call;
pub mod dict;
mod dict_keys;
pub mod dict_version;
pub mod eval;
pub mod eval_calls;
pub mod eval_compare_jump;
pub mod eval_dunder;
pub mod eval_fast;
pub mod eval_fused;
pub mod eval_method;
pub mod eval_resume;
pub mod eval_super;
pub mod eval_support;
pub mod exception;
pub mod excgroup;
pub mod format;
pub mod frame;
pub mod fused_calls;
pub mod gen_cell;
pub mod gen_chain;
pub mod generator;
pub mod global_cache;
pub mod hashing;
pub mod import;
pub mod interrupt;
pub mod list_calls;
pub mod localsplus;
pub mod method_cache;
pub mod method_sigs;
pub mod native;
pub mod number;
pub mod obj_rc;
pub mod object;
pub mod ops;
pub mod packed_value;
pub mod seq;
pub mod sleep_zero;
pub mod stack_depth;
pub mod strings;
pub mod thin_vec;
pub mod types;
pub mod value;

pub use native::Args;
pub use object::{Obj, Payload};
pub use value::{ObjRef, Value};

use crate::bytecode::{Code, Const};
// FxHash: these maps are keyed by code-object addresses and names from this program, and
// std's RandomState would cost a getrandom system call at start-up plus SipHash per lookup.
use rustc_hash::FxHashMap as HashMap;
use std::io::Write;
use std::rc::Rc;

/// The result of anything that can raise: the error is the exception instance.
pub type PyResult<T> = Result<T, ObjRef>;

/// Where `print` and `sys.stdout.write` go.
pub enum Output {
    /// The process's stdout (buffered; flushed on exit and before stderr output).
    Stdout(std::io::BufWriter<std::io::Stdout>),
    /// In-memory buffers for stdout and stderr (tests).
    Capture {
        /// What the program wrote to stdout.
        out: Rc<std::cell::RefCell<String>>,
        /// What the program wrote to stderr.
        err: Rc<std::cell::RefCell<String>>,
    },
    /// While the REPL's line editor shows a prompt: finished lines (of stdout and stderr alike)
    /// are printed above the prompt, which the editor then redraws, so background tasks never
    /// write into the line being typed.
    AbovePrompt {
        /// Prints whole lines above the prompt.
        print_above: Box<dyn FnMut(String)>,
        /// Text written since the last newline (the editor would end it with a newline).
        partial: String,
        /// Where output goes again once the prompt is answered.
        saved: Box<Output>,
    },
}

/// A function that builds a native module when it is first imported.
pub type ModuleInit = fn(&mut Vm) -> PyResult<ObjRef>;

/// A source text remembered for traceback lines (`Vm::sources`).
#[derive(Clone, Debug)]
pub enum SourceText {
    /// The source of a module compiled into the binary, borrowed rather than copied (the
    /// asyncio sources alone are 66 KB).
    Static(&'static str),
    /// The source of a file or string run.
    Owned(Rc<str>),
}

impl std::ops::Deref for SourceText {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            SourceText::Static(s) => s,
            SourceText::Owned(s) => s,
        }
    }
}

impl From<&str> for SourceText {
    /// A copy of `text`, for sources that do not live as long as the program.
    fn from(text: &str) -> SourceText {
        SourceText::Owned(Rc::from(text))
    }
}

/// The interpreter state shared by all frames.
pub struct Vm {
    /// Built-in type objects.
    pub types: types::BuiltinTypes,
    /// Built-in exception classes.
    pub exc: types::ExcTypes,
    /// The `builtins` module.
    pub builtins: ObjRef,
    /// `sys.modules` (a dict object).
    pub modules: ObjRef,
    /// Number of Python frames currently executing (all entries of the loop together).
    pub depth: usize,
    /// CALL_METHOD's cache of built-in methods on exact built-in receivers.
    pub builtin_methods: method_cache::MethodCache,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: usize,
    /// Handled-exception slots (CPython's exc_info chain): the base slot plus one per
    /// running generator (one resumed inline has one only when it needs it, see
    /// `GenStateCell::exc_slot`); the handled exception is the topmost non-None.
    pub exc_info: Vec<Option<ObjRef>>,
    /// How many of `exc_info`'s slots belong to generators running inline (the
    /// `GenStateCell::exc_slot` flags set): when none do, a parking await chain has no slot
    /// to look for among its levels (`park_at_yield`).
    inline_exc_slots: usize,
    /// True while the innermost Rust entry into the eval loop resumes a generator or
    /// coroutine (`gen_resume`): only then may a yield park its await chain (`gen_chain`),
    /// so other yields (a `for` over a generator, a `send()` from Python) skip the check.
    chains_may_park: bool,
    /// The `NotImplemented` singleton.
    pub not_implemented: Value,
    /// The `Ellipsis` singleton.
    pub ellipsis: Value,
    /// Standard output.
    pub out: Output,
    /// Source text of every file run, for traceback lines.
    pub sources: HashMap<Rc<str>, SourceText>,
    /// Constants of the function bodies' code objects converted to values (see
    /// `keeps_tables`; keyed by the code's address, the Rc kept alongside keeping the address
    /// from being reused).
    const_cache: HashMap<*const Code, (Rc<Code>, Rc<[Value]>)>,
    /// The name table of each function body's code object (keyed as `const_cache`; the table
    /// holds its code, which keeps the address from being reused).
    name_table_cache: HashMap<*const Code, Rc<global_cache::NameTable>>,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Native modules importable by name.
    pub native_modules: HashMap<&'static str, ModuleInit>,
    /// Directory searched for user modules (the script's directory).
    pub module_dir: Option<std::path::PathBuf>,
    /// (file, line) of the call that is creating a generator (for "never awaited").
    pub current_location: (Rc<str>, u32),
    /// Containers whose repr is in progress (to print `[...]` for cycles).
    pub repr_stack: Vec<usize>,
    /// Finished frames kept for reuse by the next calls.
    #[allow(clippy::vec_box)] // boxed frames are what calls push and pop
    frame_pool: Vec<Box<frame::Frame>>,
    /// Finished generator and coroutine objects nothing else references, whose allocations
    /// the next `new_generator` calls reuse (an await chain makes and drops one per level).
    generator_pool: Vec<ObjRef>,
    /// Emptied caller stacks of finished eval-loop runs, reused by the next ones (a
    /// generator resumed from Rust: `next()`, `send()`, a task step).
    #[allow(clippy::vec_box)]
    caller_stacks: Vec<frame::FrameChain>,
    /// asyncio's `sleep` for the `await asyncio.sleep(0)` fast path, once asyncio is loaded.
    sleep_zero: Option<Box<sleep_zero::SleepZero>>,
    /// asyncio's side of the `async with` fast path for a free Lock (async_with.rs).
    async_with_lock: Option<async_with::AsyncWithLock>,
    /// What `lookup_in_mro` found per (class, name), and shared attribute-name keys.
    pub attr_cache: attr_cache::AttrCache,
    /// An exact tuple nothing else references, its items all None, left by an unpacking
    /// that took its items; the next `tuple(list)` of that length refills it instead of
    /// allocating (fused_calls.rs; CPython keeps a free list of tuples for the same reason).
    spare_tuple: Option<ObjRef>,
    /// While `sum()` drives a generator (`gen_for_each`): that generator's frame and the
    /// running int total, to which the frame's YIELD_VALUE adds a small int at once, the
    /// frame going on without leaving the eval loop (fused_calls.rs). The frame is only
    /// compared by address, never read through the pointer.
    int_sum: Option<(*const frame::Frame, i64)>,
}

impl Vm {
    /// A fresh interpreter with builtins and native modules registered; output to stdout.
    pub fn new() -> Vm {
        let types = types::BuiltinTypes::new();
        let exc = types::ExcTypes::new(&types.object);
        let builtins_dict = types::new_dict_obj();
        let builtins = Obj::with_class(
            types.module.clone(),
            Some(builtins_dict),
            Payload::Module {
                name: Rc::from("builtins"),
            },
        );
        let mut vm = Vm {
            types,
            exc,
            builtins,
            modules: types::new_dict_obj(),
            depth: 0,
            builtin_methods: Default::default(),
            recursion_limit: 1000,
            exc_info: vec![None],
            chains_may_park: false,
            inline_exc_slots: 0,
            caller_stacks: Vec::new(),
            spare_tuple: None,
            int_sum: None,
            not_implemented: Value::Obj(Obj::new(Payload::NotImplemented)),
            ellipsis: Value::Obj(Obj::new(Payload::Ellipsis)),
            out: Output::Stdout(std::io::BufWriter::new(std::io::stdout())),
            sources: HashMap::default(),
            const_cache: HashMap::default(),
            name_table_cache: HashMap::default(),
            argv: Vec::new(),
            native_modules: HashMap::default(),
            module_dir: None,
            current_location: (Rc::from("<unknown>"), 0),
            repr_stack: Vec::new(),
            frame_pool: Vec::new(),
            generator_pool: Vec::new(),
            sleep_zero: None,
            async_with_lock: None,
            attr_cache: attr_cache::AttrCache::default(),
        };
        crate::builtins::init(&mut vm);
        vm
    }

    /// Writes text to the program's standard output.
    pub fn write_stdout(&mut self, s: &str) {
        match &mut self.out {
            Output::Stdout(w) => {
                let _ = w.write_all(s.as_bytes());
            }
            Output::Capture { out, .. } => out.borrow_mut().push_str(s),
            Output::AbovePrompt {
                print_above,
                partial,
                ..
            } => {
                partial.push_str(s);
                if let Some(end) = partial.rfind('\n') {
                    let lines: String = partial.drain(..=end).collect();
                    print_above(lines);
                }
            }
        }
    }

    /// Sends output above the line editor's prompt until [`Vm::end_output_above_prompt`].
    pub fn output_above_prompt(&mut self, print_above: Box<dyn FnMut(String)>) {
        self.flush_stdout();
        let saved = std::mem::replace(
            &mut self.out,
            Output::Stdout(std::io::BufWriter::new(std::io::stdout())),
        );
        self.out = Output::AbovePrompt {
            print_above,
            partial: String::new(),
            saved: Box::new(saved),
        };
    }

    /// Ends [`Vm::output_above_prompt`]: an unfinished line goes to the restored output.
    pub fn end_output_above_prompt(&mut self) {
        if !matches!(self.out, Output::AbovePrompt { .. }) {
            return;
        }
        let placeholder = Output::Stdout(std::io::BufWriter::new(std::io::stdout()));
        if let Output::AbovePrompt { partial, saved, .. } =
            std::mem::replace(&mut self.out, placeholder)
        {
            self.out = *saved;
            self.write_stdout(&partial);
        }
    }

    /// Flushes standard output.
    pub fn flush_stdout(&mut self) {
        if let Output::Stdout(w) = &mut self.out {
            let _ = w.flush();
        }
    }

    /// Writes text to standard error (flushing stdout first to keep the order).
    pub fn write_stderr(&mut self, s: &str) {
        self.flush_stdout();
        match &self.out {
            Output::Capture { err, .. } => err.borrow_mut().push_str(s),
            Output::AbovePrompt { .. } => self.write_stdout(s),
            Output::Stdout(_) => {
                let _ = std::io::stderr().write_all(s.as_bytes());
            }
        }
    }

    /// The builtins namespace (a dict object).
    pub fn builtins_dict(&self) -> ObjRef {
        self.builtins
            .dict
            .clone()
            .expect("the builtins module has a dict")
    }

    /// A built-in by name (for Rust code that needs e.g. `len`).
    pub fn builtin(&self, name: &str) -> Option<Value> {
        self.dict_get_str(&self.builtins_dict(), name)
    }

    /// Converts a compile-time constant to a value.
    pub fn const_to_value(&mut self, c: &Const) -> Value {
        match c {
            Const::None => Value::None,
            Const::Bool(b) => Value::Bool(*b),
            Const::Int(i) => Value::Int(*i),
            Const::BigInt(b) => Value::bigint(b.clone()),
            Const::Float(f) => Value::Float(*f),
            Const::Str(s) => Value::Obj(Obj::new(Payload::Str(object::PyStr::from_rc(s.clone())))),
            Const::Bytes(b) => Value::Obj(Obj::new(Payload::Bytes(b.to_vec().into_boxed_slice()))),
            Const::Tuple(items) => {
                let vals: Vec<Value> = items.iter().map(|c| self.const_to_value(c)).collect();
                Value::tuple(vals)
            }
            Const::Ellipsis => self.ellipsis.clone(),
            Const::Code(code) => Value::Obj(Obj::new(Payload::Code(code.clone()))),
        }
    }

    /// The hashes of `code.names` and its LOAD_GLOBAL cache (made once per code object, see
    /// `keeps_tables` for the exception); its `consts` are `consts_of(code)`.
    pub fn name_table_of(&mut self, code: &Rc<Code>) -> Rc<global_cache::NameTable> {
        let key = Rc::as_ptr(code);
        if let Some(h) = self.name_table_cache.get(&key) {
            return h.clone();
        }
        let consts = self.consts_of(code);
        let mut table = global_cache::NameTable::new(code.clone(), consts);
        table.frame_slots = frame::slots_for(code, stack_depth::max_stack_depth(code));
        let h = Rc::new(table);
        if keeps_tables(code) {
            self.name_table_cache.insert(key, h.clone());
        }
        h
    }

    /// The constants of `code` as values (converted once per code object, see `keeps_tables`
    /// for the exception).
    pub fn consts_of(&mut self, code: &Rc<Code>) -> Rc<[Value]> {
        let key = Rc::as_ptr(code);
        if let Some((_, v)) = self.const_cache.get(&key) {
            return v.clone();
        }
        let vals: Vec<Value> = code
            .constants
            .iter()
            .map(|c| self.const_to_value(c))
            .collect();
        let vals: Rc<[Value]> = Rc::from(vals);
        if keeps_tables(code) {
            self.const_cache.insert(key, (code.clone(), vals.clone()));
        }
        vals
    }

    /// Whether `code` has an entry in `const_cache` / `name_table_cache`.
    #[cfg(test)]
    fn has_cached_tables(&self, code: &Rc<Code>) -> bool {
        let key = Rc::as_ptr(code);
        self.const_cache.contains_key(&key) || self.name_table_cache.contains_key(&key)
    }

    /// A new empty dict value.
    pub fn new_dict(&self) -> ObjRef {
        types::new_dict_obj()
    }

    /// A new module object with `__name__` set.
    pub fn new_module(&self, name: &str) -> ObjRef {
        let dict = types::new_dict_obj();
        self.dict_set_str(&dict, "__name__", Value::str(name));
        self.dict_set_str(&dict, "__doc__", Value::None);
        Obj::with_class(
            self.types.module.clone(),
            Some(dict),
            Payload::Module {
                name: Rc::from(name),
            },
        )
    }

    /// Sets `module.name = value`.
    pub fn module_set(&self, module: &ObjRef, name: &str, value: Value) {
        if let Some(d) = &module.dict {
            self.dict_set_str(d, name, value);
        }
    }

    /// Registers a native module importable as `name`.
    pub fn register_module(&mut self, name: &'static str, init: ModuleInit) {
        self.native_modules.insert(name, init);
    }
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

/// Whether the VM keeps `code`'s converted constants and name table (in `const_cache` and
/// `name_table_cache`) for the code's next run. Function bodies, yes: every call and every
/// function object made from the code shares them. Module and class bodies (and `exec` /
/// `eval` code), no: they run once as a rule, so their tables serve one frame and die with
/// it, with the code object, instead of living as long as the program (keeping each module's
/// top-level code, every class body's code and their tables: ~100 KB for asyncio, and one
/// entry per call for a program that `exec`s strings in a loop). The cost: a `class`
/// statement run again and again (inside a function) converts its body's constants and
/// hashes its names on each run, next to making a class, which costs far more.
fn keeps_tables(code: &Code) -> bool {
    !code.flags.uses_locals_mapping
}

/// A fresh VM whose `__main__` module has run `source` (compiled as `filename`), with that
/// module's globals and the code it ran: the set-up of tests that look at what running a
/// program left behind. Call it on a big stack (`crate::with_big_stack`).
#[cfg(test)]
pub(crate) fn vm_that_ran(source: &str, filename: &str) -> (Vm, ObjRef, Rc<Code>) {
    let mut vm = Vm::new();
    let main = vm.new_module("__main__");
    let globals = main.dict.clone().expect("a module dict");
    let code = crate::compile_source(source, filename).expect("compiles");
    vm.run_module_code(code.clone(), &globals).expect("runs");
    (vm, globals, code)
}

#[cfg(test)]
mod tests {
    use crate::bytecode::{Code, Const};
    use std::rc::Rc;

    /// The code object named `name` among `code`'s constants.
    fn nested(code: &Code, name: &str) -> Rc<Code> {
        let found = code.constants.iter().find_map(|c| match c {
            Const::Code(c) if &*c.name == name => Some(c.clone()),
            _ => None,
        });
        found.expect("a nested code object")
    }

    #[test]
    fn only_function_bodies_keep_their_tables() {
        let kept = crate::with_big_stack(|| {
            let source = "class C:\n    def f(self):\n        return len('ab')\nx = C().f()\n";
            let (vm, _, code) = super::vm_that_ran(source, "<test>");
            let body = nested(&code, "C");
            let method = nested(&body, "f");
            [&code, &body, &method].map(|c| vm.has_cached_tables(c))
        });
        assert_eq!(kept, [false, false, true]);
    }
}
