//! Creating and raising exceptions from Rust, and printing tracebacks in CPython's shape.

use super::object::{ExcData, Obj, Payload, TbEntry};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// A new instance of exception class `cls` with `args` (no `__init__` call).
    pub fn new_exception(&self, cls: &ObjRef, args: Vec<Value>) -> ObjRef {
        let first = args.first().cloned();
        let dict = self.new_dict();
        let exc = Obj::with_class(
            cls.clone(),
            Some(dict),
            Payload::Exception(Box::new(RefCell::new(ExcData {
                args: Value::tuple(args),
                cause: Value::None,
                context: Value::None,
                suppress_context: false,
                traceback: Vec::new(),
            }))),
        );
        if let Some(d) = &exc.dict {
            crate::builtins::exception_fields::set_defaults(self, &exc, cls, d);
        }
        self.init_exception_attrs(&exc, first);
        exc
    }

    /// The OSError subclass CPython's `OSError(errno, strerror[, filename])` gives for `errno`,
    /// with `strerror(errno)` as its message and the filename when there is one.
    pub fn new_os_error(&self, errno: i32, filename: Option<&str>) -> ObjRef {
        let cls = self
            .exc
            .by_name(os_error_class_name(errno))
            .unwrap_or_else(|| self.exc.os_error.clone());
        let mut args = vec![Value::Int(i64::from(errno)), Value::string(strerror(errno))];
        if let Some(name) = filename {
            args.push(Value::str(name));
        }
        self.new_exception(&cls, args)
    }

    /// Sets the attributes some exception classes derive from their first argument
    /// (`StopIteration.value`, `SystemExit.code`).
    pub fn init_exception_attrs(&self, exc: &ObjRef, first: Option<Value>) {
        let cls = exc
            .class
            .clone()
            .unwrap_or_else(|| self.exc.exception.clone());
        if let Some(d) = &exc.dict {
            if self.is_subclass(&cls, &self.exc.stop_iteration) {
                self.dict_set_str(d, "value", first.clone().unwrap_or(Value::None));
            }
            if self.is_subclass(&cls, &self.exc.os_error)
                && let Payload::Exception(e) = &exc.payload
            {
                let args = e
                    .borrow()
                    .args
                    .as_tuple()
                    .map(|t| t.to_vec())
                    .unwrap_or_default();
                let (errno, strerror, filename) = if (2..=5).contains(&args.len()) {
                    (
                        args[0].clone(),
                        args[1].clone(),
                        args.get(2).cloned().unwrap_or(Value::None),
                    )
                } else {
                    (Value::None, Value::None, Value::None)
                };
                self.dict_set_str(d, "errno", errno);
                self.dict_set_str(d, "strerror", strerror);
                self.dict_set_str(d, "filename", filename);
                self.dict_set_str(d, "filename2", args.get(4).cloned().unwrap_or(Value::None));
                // exceptions.c oserror_init: with a filename, `args` keeps (errno, strerror).
                if (3..=5).contains(&args.len()) {
                    e.borrow_mut().args = Value::tuple(args[..2].to_vec());
                }
            }
            if self.is_subclass(&cls, &self.exc.system_exit) {
                let code = match &exc.payload {
                    Payload::Exception(e) => {
                        let e = e.borrow();
                        match e.args.as_tuple() {
                            Some([]) | None => Value::None,
                            Some([one]) => one.clone(),
                            Some(_) => e.args.clone(),
                        }
                    }
                    _ => Value::None,
                };
                self.dict_set_str(d, "code", code);
            }
        }
    }

    /// A new exception of class `cls` with a single message argument.
    pub fn new_exception_msg(&self, cls: &ObjRef, msg: impl Into<String>) -> ObjRef {
        self.new_exception(cls, vec![Value::string(msg.into())])
    }

    /// `TypeError(msg)`.
    pub fn new_type_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.type_error, msg)
    }
    /// `ValueError(msg)`.
    pub fn new_value_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.value_error, msg)
    }
    /// `AttributeError(msg)`.
    pub fn new_attribute_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.attribute_error, msg)
    }
    /// `NameError(msg)`.
    pub fn new_name_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.name_error, msg)
    }
    /// `IndexError(msg)`.
    pub fn new_index_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.index_error, msg)
    }
    /// `KeyError(key)`.
    pub fn new_key_error(&self, key: Value) -> ObjRef {
        self.new_exception(&self.exc.key_error, vec![key])
    }
    /// `RuntimeError(msg)`.
    pub fn new_runtime_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.runtime_error, msg)
    }
    /// `ZeroDivisionError(msg)`.
    pub fn new_zero_division_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.zero_division_error, msg)
    }
    /// `OverflowError(msg)`.
    pub fn new_overflow_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.overflow_error, msg)
    }
    /// `NotImplementedError(msg)`.
    pub fn new_not_implemented_error(&self, msg: impl Into<String>) -> ObjRef {
        self.new_exception_msg(&self.exc.not_implemented_error, msg)
    }
    /// `StopIteration(value)` (no args when value is None, as CPython's generators do).
    pub fn new_stop_iteration(&self, value: Value) -> ObjRef {
        if value.is_none() {
            self.new_exception(&self.exc.stop_iteration, vec![])
        } else {
            self.new_exception(&self.exc.stop_iteration, vec![value])
        }
    }

    /// The state of an exception instance (None if `exc` is not one).
    pub fn exc_data<'a>(&self, exc: &'a ObjRef) -> Option<&'a RefCell<ExcData>> {
        match &exc.payload {
            Payload::Exception(d) => Some(d),
            _ => None,
        }
    }

    /// True if `exc` is an instance of `cls`.
    pub fn exc_matches(&self, exc: &ObjRef, cls: &ObjRef) -> bool {
        self.is_instance(&Value::Obj(exc.clone()), cls)
    }

    /// The exception currently being handled (topmost non-None exc_info slot).
    pub fn handled_exception(&self) -> Option<ObjRef> {
        self.exc_info.iter().rev().find_map(|e| e.clone())
    }

    /// Sets `exc.__context__` to the handled exception, as `_PyErr_SetObject` does
    /// (cutting any cycle that would result). `force` overwrites an existing context.
    pub fn chain_context(&self, exc: &ObjRef, force: bool) {
        let Some(handled) = self.handled_exception() else {
            return;
        };
        if ObjRef::ptr_eq(&handled, exc) {
            return;
        }
        let Some(data) = self.exc_data(exc) else {
            return;
        };
        if !force && !data.borrow().context.is_none() {
            return;
        }
        // Break a cycle: if exc appears in handled's context chain, cut it there.
        let mut cur = handled.clone();
        while let Some(d) = self.exc_data(&cur) {
            let next = d.borrow().context.clone();
            match next {
                Value::Obj(n) if ObjRef::ptr_eq(&n, exc) => {
                    if let Some(d) = self.exc_data(&cur) {
                        d.borrow_mut().context = Value::None;
                    }
                    break;
                }
                Value::Obj(n) => cur = n,
                _ => break,
            }
        }
        data.borrow_mut().context = Value::Obj(handled);
    }

    /// Adds a traceback entry for a frame the exception is passing through.
    pub fn add_traceback(&self, exc: &ObjRef, code: &Rc<crate::bytecode::Code>, line: u32) {
        if let Some(d) = self.exc_data(exc) {
            d.borrow_mut().traceback.push(TbEntry {
                code: code.clone(),
                line,
                globals: None,
            });
        }
    }

    /// Adds the traceback entry of `frame` (its code, current line and globals).
    pub fn add_frame_traceback(&self, exc: &ObjRef, frame: &super::frame::Frame) {
        if let Some(d) = self.exc_data(exc) {
            d.borrow_mut().traceback.push(TbEntry {
                code: frame.code().clone(),
                line: frame.line(),
                globals: Some(frame.globals.clone()),
            });
        }
    }

    /// `str(exc)` as the traceback prints it (falls back to `<exception str() failed>`).
    fn exception_message(&mut self, exc: &ObjRef) -> String {
        match self.str(&Value::Obj(exc.clone())) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".to_string(),
        }
    }

    /// The class name as the last traceback line shows it (`mod.Qual` outside `__main__`).
    pub fn exception_type_label(&self, cls: &ObjRef) -> String {
        let qual = cls
            .as_type()
            .map(|t| t.qualname.borrow().to_string())
            .unwrap_or_default();
        let module = cls
            .dict
            .as_ref()
            .and_then(|d| self.dict_get_str(d, "__module__"));
        match module.as_ref().and_then(|m| m.as_str()) {
            Some(m) if m != "__main__" && m != "builtins" => format!("{m}.{qual}"),
            _ => qual,
        }
    }

    /// The final line of a traceback: `ExcType: message` or just `ExcType`.
    pub fn format_exception_only(&mut self, exc: &ObjRef) -> String {
        let cls = self.type_of(&Value::Obj(exc.clone()));
        let label = self.exception_type_label(&cls);
        let msg = self.exception_message(exc);
        if msg.is_empty() {
            label
        } else {
            format!("{label}: {msg}")
        }
    }

    /// The whole report CPython prints for an uncaught exception, chained ones first.
    pub fn format_exception(&mut self, exc: &ObjRef) -> String {
        // Exception groups are drawn in boxes; the traceback module knows how.
        if self.chain_has_group(exc)
            && let Some(text) = self.format_with_traceback_module(exc)
        {
            return text;
        }
        let mut seen: Vec<ObjRef> = Vec::new();
        self.format_exception_rec(exc, &mut seen)
    }

    fn format_exception_rec(&mut self, exc: &ObjRef, seen: &mut Vec<ObjRef>) -> String {
        seen.push(exc.clone());
        let mut out = String::new();
        let (cause, context, suppress, tb) = match self.exc_data(exc) {
            Some(d) => {
                let d = d.borrow();
                (
                    d.cause.clone(),
                    d.context.clone(),
                    d.suppress_context,
                    d.traceback.clone(),
                )
            }
            None => (Value::None, Value::None, false, Vec::new()),
        };
        if let Value::Obj(c) = &cause {
            if !seen.iter().any(|s| ObjRef::ptr_eq(s, c)) {
                out.push_str(&self.format_exception_rec(c, seen));
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            }
        } else if let (Value::Obj(c), false) = (&context, suppress)
            && !seen.iter().any(|s| ObjRef::ptr_eq(s, c))
        {
            out.push_str(&self.format_exception_rec(c, seen));
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            // Mirrors traceback.py's StackSummary.format: after three identical lines in a
            // row, the rest are summarised as "[Previous line repeated N more times]".
            let mut last: Option<(Rc<str>, u32, Rc<str>)> = None;
            let mut repeats = 0usize;
            let flush = |out: &mut String, repeats: usize| {
                if repeats > 3 {
                    let n = repeats - 3;
                    let plural = if n == 1 { "" } else { "s" };
                    out.push_str(&format!(
                        "  [Previous line repeated {n} more time{plural}]\n"
                    ));
                }
            };
            for entry in tb.iter().rev() {
                let key = (
                    entry.code.filename.clone(),
                    entry.line,
                    entry.code.name.clone(),
                );
                if last.as_ref() == Some(&key) {
                    repeats += 1;
                    if repeats > 3 {
                        continue;
                    }
                } else {
                    flush(&mut out, repeats);
                    last = Some(key);
                    repeats = 1;
                }
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    entry.code.filename, entry.line, entry.code.name
                ));
                if let Some(src) = self.sources.get(&entry.code.filename)
                    && let Some(text) = src.lines().nth(entry.line.saturating_sub(1) as usize)
                {
                    let text = text.trim();
                    if !text.is_empty() {
                        out.push_str(&format!("    {text}\n"));
                    }
                }
            }
            flush(&mut out, repeats);
        }
        let rendered = exc
            .dict
            .as_ref()
            .and_then(|d| self.dict_get_str(d, "__rendered__"));
        match rendered.as_ref().and_then(|r| r.as_str()) {
            // A SyntaxError from compiling an imported module: its own File/caret block.
            Some(text) => out.push_str(text),
            None => {
                let cls = self.type_of(&Value::Obj(exc.clone()));
                let label = self.exception_type_label(&cls);
                match crate::builtins::exception_fields::syntax_error_report(self, exc, &label) {
                    Some(report) => out.push_str(&report),
                    None => out.push_str(&self.format_exception_only(exc)),
                }
            }
        }
        out.push('\n');
        // PEP 678 notes follow the message, one per line.
        let notes = exc
            .dict
            .as_ref()
            .and_then(|d| self.dict_get_str(d, "__notes__"));
        if let Some(Payload::List(items)) = notes.as_ref().and_then(|n| n.payload()) {
            let items = items.borrow().clone();
            for note in items {
                let text = self.str(&note).unwrap_or_default();
                out.push_str(&text);
                out.push('\n');
            }
        }
        out
    }

    /// Prints an uncaught exception to stderr (CPython's `sys.excepthook`).
    pub fn print_exception(&mut self, exc: &ObjRef) {
        let text = self.format_exception(exc);
        self.write_stderr(&text);
    }

    /// Handles an exception escaping the program: SystemExit gives its exit status, anything
    /// else prints a traceback and gives 1.
    pub fn handle_uncaught(&mut self, exc: &ObjRef) -> i32 {
        if self.exc_matches(exc, &self.exc.system_exit.clone()) {
            let code = exc
                .dict
                .as_ref()
                .and_then(|d| self.dict_get_str(d, "code"))
                .unwrap_or(Value::None);
            return match code {
                Value::None => 0,
                Value::Bool(b) => b as i32,
                Value::Int(i) => i as i32,
                other => {
                    let text = self.str(&other).unwrap_or_default();
                    self.write_stderr(&format!("{text}\n"));
                    1
                }
            };
        }
        self.print_exception(exc);
        1
    }

    /// Builds a `TypeError` for an unsupported binary operation.
    pub fn unsupported_operands(&self, op: &str, a: &Value, b: &Value) -> ObjRef {
        self.new_type_error(format!(
            "unsupported operand type(s) for {op}: '{}' and '{}'",
            self.type_name(a),
            self.type_name(b)
        ))
    }

    /// Raises `exc` from Rust with context chaining (helper for natives).
    pub fn raise<T>(&self, exc: ObjRef) -> PyResult<T> {
        Err(exc)
    }
}

/// The OSError subclass CPython picks for an errno (exceptions.c `errnomap`).
pub fn os_error_class_name(errno: i32) -> &'static str {
    match errno {
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => "BlockingIOError",
        libc::ECHILD => "ChildProcessError",
        libc::EPIPE | libc::ESHUTDOWN => "BrokenPipeError",
        libc::ECONNABORTED => "ConnectionAbortedError",
        libc::ECONNREFUSED => "ConnectionRefusedError",
        libc::ECONNRESET => "ConnectionResetError",
        libc::EEXIST => "FileExistsError",
        libc::ENOENT => "FileNotFoundError",
        libc::EISDIR => "IsADirectoryError",
        libc::ENOTDIR => "NotADirectoryError",
        libc::EINTR => "InterruptedError",
        libc::EACCES | libc::EPERM => "PermissionError",
        libc::ESRCH => "ProcessLookupError",
        libc::ETIMEDOUT => "TimeoutError",
        _ => "OSError",
    }
}

/// `strerror(errno)` as CPython shows it (without Rust's " (os error N)" suffix).
pub fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    text.split(" (os error").next().unwrap_or(&text).to_string()
}
