//! `open()` and the file objects it returns (a small subset of Modules/_io): text and binary
//! modes r/w/a/x with `+`, read/readline/readlines/write/writelines/iteration/`with`.
//! Reading files are loaded whole at open time; writes go straight to the OS file.

use super::bytes_methods::new_bytes;
use crate::vm::object::Payload;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::io::{Seek, Write};

/// The mutable state of an open file.
struct FileState {
    /// The OS file for writing; None once closed or for read-only files.
    writer: Option<std::fs::File>,
    /// The whole content for reading (bytes; text mode decodes per call).
    content: Vec<u8>,
    /// The read position in `content`.
    pos: usize,
    /// Whether `close()` was called.
    closed: bool,
}

/// A file object: fixed facts plus the mutable state.
struct PyFile {
    /// The name passed to `open`.
    name: String,
    /// The mode string as given.
    mode: String,
    /// Text mode (str in and out) or binary (bytes).
    text: bool,
    /// Whether reading is allowed.
    readable: bool,
    /// Whether writing is allowed.
    writable: bool,
    /// The text codec (utf-8, ascii or latin-1 spellings); unused in binary mode.
    encoding: String,
    /// Append mode: every write goes to the end.
    appending: bool,
    /// Position, buffers and OS handle.
    state: RefCell<FileState>,
    /// The `io.UnsupportedOperation` class, raised for reads of write-only files and back.
    unsupported: ObjRef,
}

impl crate::vm::object::NativeObject for PyFile {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&Value::Obj(self.unsupported.clone()));
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The parsed mode flags of `open`.
struct Mode {
    read: bool,
    write: bool,
    append: bool,
    create_new: bool,
    truncate: bool,
    binary: bool,
}

/// Mirrors _io.open's mode validation, with its messages.
fn parse_mode(vm: &mut Vm, mode: &str) -> PyResult<Mode> {
    let mut m = Mode {
        read: false,
        write: false,
        append: false,
        create_new: false,
        truncate: false,
        binary: false,
    };
    let (mut kinds, mut plus, mut text) = (0, false, false);
    for c in mode.chars() {
        let seen = mode.matches(c).count() > 1;
        if seen || !"rwaxbt+".contains(c) {
            return Err(vm.new_value_error(format!("invalid mode: '{mode}'")));
        }
        match c {
            'r' => {
                m.read = true;
                kinds += 1
            }
            'w' => {
                m.write = true;
                m.truncate = true;
                kinds += 1
            }
            'a' => {
                m.write = true;
                m.append = true;
                kinds += 1
            }
            'x' => {
                m.write = true;
                m.create_new = true;
                kinds += 1
            }
            'b' => m.binary = true,
            't' => text = true,
            _ => plus = true,
        }
    }
    if text && m.binary {
        return Err(vm.new_value_error("can't have text and binary mode at once"));
    }
    if kinds != 1 {
        return Err(vm.new_value_error("must have exactly one of create/read/write/append mode"));
    }
    if plus {
        m.read = true;
        m.write = true;
    }
    Ok(m)
}

/// Converts an OS error to the OSError subclass CPython raises, with errno and filename.
pub fn os_error(vm: &mut Vm, err: &std::io::Error, filename: &str) -> ObjRef {
    vm.new_os_error(err.raw_os_error().unwrap_or(libc::EIO), Some(filename))
}

/// The file object behind `self`.
fn file_of<'a>(vm: &mut Vm, me: &'a Value) -> PyResult<&'a PyFile> {
    match me.as_obj().and_then(|o| o.native::<PyFile>()) {
        Some(f) => Ok(f),
        None => Err(vm.new_type_error("descriptor requires a file object")),
    }
}

/// Fails with CPython's message when the file is closed.
fn check_open(vm: &mut Vm, f: &PyFile) -> PyResult<()> {
    if f.state.borrow().closed {
        return Err(vm.new_value_error("I/O operation on closed file."));
    }
    Ok(())
}

/// `io.UnsupportedOperation(msg)`.
fn unsupported(vm: &mut Vm, f: &PyFile, msg: &str) -> ObjRef {
    vm.new_exception_msg(&f.unsupported, msg)
}

/// Decodes file bytes with the file's encoding and universal newlines.
fn decode_text(vm: &mut Vm, f: &PyFile, data: &[u8]) -> PyResult<String> {
    let text = super::bytes_methods::decode_bytes(vm, data, &f.encoding)?;
    let text = text.as_str().unwrap_or("").to_string();
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Wraps a chunk of file content as str or bytes.
fn chunk_value(vm: &mut Vm, f: &PyFile, data: &[u8]) -> PyResult<Value> {
    if f.text {
        Ok(Value::string(decode_text(vm, f, data)?))
    } else {
        Ok(new_bytes(data.to_vec()))
    }
}

/// The end (exclusive) of the line starting at `pos`.
fn line_end(content: &[u8], pos: usize, text: bool) -> usize {
    let mut i = pos;
    while i < content.len() {
        match content[i] {
            b'\n' => return i + 1,
            b'\r' if text => {
                return if content.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
            }
            _ => i += 1,
        }
    }
    content.len()
}

/// Reads one line (or "" / b"" at the end).
fn read_line(vm: &mut Vm, f: &PyFile) -> PyResult<Value> {
    check_open(vm, f)?;
    if !f.readable {
        return Err(unsupported(vm, f, "not readable"));
    }
    let chunk = {
        let mut st = f.state.borrow_mut();
        let end = line_end(&st.content, st.pos, f.text);
        let chunk = st.content[st.pos..end].to_vec();
        st.pos = end;
        chunk
    };
    chunk_value(vm, f, &chunk)
}

/// Mirrors _io.open (path, mode='r', encoding=None); returns a file object.
fn open(vm: &mut Vm, classes: &[ObjRef; 3], mut args: Args) -> PyResult<Value> {
    let slots = args.bind(
        vm,
        "open",
        &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        8,
        1,
    )?;
    let path_value = slots[0].clone().unwrap_or(Value::None);
    let Some(path) = path_value.as_str().map(str::to_string) else {
        return Err(vm.new_type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(&path_value)
        )));
    };
    let mode_text = match &slots[1] {
        None => "r".to_string(),
        Some(v) => match v.as_str() {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.new_type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    vm.type_name(v)
                )));
            }
        },
    };
    let mode = parse_mode(vm, &mode_text)?;
    if mode.binary && slots[3].as_ref().is_some_and(|e| !e.is_none()) {
        return Err(vm.new_value_error("binary mode doesn't take an encoding argument"));
    }
    let encoding = match slots[3].as_ref().filter(|e| !e.is_none()) {
        None => "UTF-8".to_string(),
        Some(v) => match v.as_str() {
            Some(name) => name.to_string(),
            None => {
                return Err(vm.new_type_error(format!(
                    "open() argument 'encoding' must be str or None, not {}",
                    vm.type_name(v)
                )));
            }
        },
    };
    // Validates the codec name up front, as open() does.
    super::bytes_methods::encode_str(vm, "", &encoding)?;
    let mut content = Vec::new();
    let mut writer = None;
    if mode.write {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true)
            .read(mode.read)
            .append(mode.append)
            .truncate(mode.truncate);
        if mode.create_new {
            opts.create_new(true);
        } else if mode.append || mode.truncate {
            opts.create(true);
        }
        match opts.open(&path) {
            Ok(file) => writer = Some(file),
            Err(e) => return Err(os_error(vm, &e, &path)),
        }
        if !mode.truncate {
            content = std::fs::read(&path).unwrap_or_default();
        }
    } else {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let e = std::io::Error::from_raw_os_error(21);
                return Err(os_error(vm, &e, &path));
            }
            _ => {}
        }
        match std::fs::read(&path) {
            Ok(data) => content = data,
            Err(e) => return Err(os_error(vm, &e, &path)),
        }
    }
    let pos = if mode.append { content.len() } else { 0 };
    let file = PyFile {
        name: path,
        mode: mode_text,
        text: !mode.binary,
        readable: mode.read,
        writable: mode.write,
        appending: mode.append,
        encoding,
        state: RefCell::new(FileState {
            writer,
            content,
            pos,
            closed: false,
        }),
        unsupported: classes[2].clone(),
    };
    let cls = if mode.binary {
        &classes[1]
    } else {
        &classes[0]
    };
    Ok(Value::Obj(vm.new_native_object(cls, file)))
}

/// Registers the methods shared by text and binary file classes.
fn add_file_methods(vm: &mut Vm, cls: &ObjRef) {
    vm.add_method(cls, "read", |vm, args| {
        let a = args.check(vm, "read", 1, 2)?.to_vec();
        let f = file_of(vm, &a[0])?;
        check_open(vm, f)?;
        if !f.readable {
            return Err(unsupported(vm, f, "not readable"));
        }
        let size = match a.get(1) {
            None | Some(Value::None) => -1,
            Some(v) => vm.index_value(v)?,
        };
        let chunk = {
            let mut st = f.state.borrow_mut();
            let start = st.pos;
            let end = if size < 0 {
                st.content.len()
            } else if f.text && super::bytes_methods::is_utf8_name(&f.encoding) {
                // Count code points, not bytes, for text reads.
                let mut end = start;
                let mut taken = 0;
                while end < st.content.len() && taken < size {
                    end += 1;
                    while end < st.content.len() && (st.content[end] & 0xc0) == 0x80 {
                        end += 1;
                    }
                    taken += 1;
                }
                end
            } else {
                (start + size as usize).min(st.content.len())
            };
            st.pos = end;
            st.content[start..end].to_vec()
        };
        chunk_value(vm, f, &chunk)
    });
    vm.add_method(cls, "readline", |vm, args| {
        let a = args.check(vm, "readline", 1, 2)?.to_vec();
        let f = file_of(vm, &a[0])?;
        read_line(vm, f)
    });
    vm.add_method(cls, "readlines", |vm, args| {
        let a = args.check(vm, "readlines", 1, 2)?.to_vec();
        let f = file_of(vm, &a[0])?;
        let mut lines = Vec::new();
        loop {
            let line = read_line(vm, f)?;
            if vm.len(&line)? == 0 {
                break;
            }
            lines.push(line);
        }
        Ok(Value::list(lines))
    });
    vm.add_method(cls, "__next__", |vm, args| {
        let a = args.check(vm, "__next__", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        let line = read_line(vm, f)?;
        if vm.len(&line)? == 0 {
            return Err(vm.new_stop_iteration(Value::None));
        }
        Ok(line)
    });
    vm.add_method(cls, "write", |vm, args| {
        let a = args.check(vm, "write", 2, 2)?.to_vec();
        let f = file_of(vm, &a[0])?;
        check_open(vm, f)?;
        if !f.writable {
            return Err(unsupported(vm, f, "not writable"));
        }
        let (data, count) = if f.text {
            match a[1].as_str() {
                Some(s) => {
                    let count = s.chars().count();
                    let encoded = super::bytes_methods::encode_str(vm, s, &f.encoding)?;
                    match encoded.payload() {
                        Some(Payload::Bytes(b)) => (b.to_vec(), count),
                        _ => unreachable!("encode_str returns bytes"),
                    }
                }
                None => {
                    return Err(vm.new_type_error(format!(
                        "write() argument must be str, not {}",
                        vm.type_name(&a[1])
                    )));
                }
            }
        } else {
            match a[1].payload() {
                Some(Payload::Bytes(b)) => (b.to_vec(), b.len()),
                _ => {
                    return Err(vm.new_type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        vm.type_name(&a[1])
                    )));
                }
            }
        };
        let result = {
            let mut st = f.state.borrow_mut();
            let start = if f.appending {
                st.content.len()
            } else {
                st.pos
            };
            let end = start + data.len();
            if st.content.len() < end {
                st.content.resize(end, 0);
            }
            st.content[start..end].copy_from_slice(&data);
            st.pos = end;
            match st.writer.as_mut() {
                Some(w) => w
                    .seek(std::io::SeekFrom::Start(start as u64))
                    .and_then(|_| w.write_all(&data)),
                None => Ok(()),
            }
        };
        if let Err(e) = result {
            let name = f.name.clone();
            return Err(os_error(vm, &e, &name));
        }
        Ok(Value::Int(count as i64))
    });
    vm.add_method(cls, "tell", |vm, args| {
        let a = args.check(vm, "tell", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        check_open(vm, f)?;
        Ok(Value::Int(f.state.borrow().pos as i64))
    });
    vm.add_method(cls, "seek", |vm, args| {
        let a = args.check(vm, "seek", 2, 3)?.to_vec();
        let f = file_of(vm, &a[0])?;
        check_open(vm, f)?;
        let offset = vm.index_value(&a[1])?;
        let whence = match a.get(2) {
            Some(v) => vm.index_value(v)?,
            None => 0,
        };
        let (pos, len) = {
            let st = f.state.borrow();
            (st.pos as i64, st.content.len() as i64)
        };
        if f.text && whence == 1 && offset != 0 {
            return Err(unsupported(vm, f, "can't do nonzero cur-relative seeks"));
        }
        if f.text && whence == 2 && offset != 0 {
            return Err(unsupported(vm, f, "can't do nonzero end-relative seeks"));
        }
        let target = match whence {
            0 => offset,
            1 => pos + offset,
            2 => len + offset,
            _ => {
                return Err(
                    vm.new_value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))
                );
            }
        };
        if target < 0 {
            if whence == 0 && f.text {
                return Err(vm.new_value_error(format!("negative seek position {offset}")));
            }
            let cls = vm.exc.os_error.clone();
            return Err(
                vm.new_exception(&cls, vec![Value::Int(22), Value::str("Invalid argument")])
            );
        }
        f.state.borrow_mut().pos = target as usize;
        Ok(Value::Int(target))
    });
    vm.add_method(cls, "writelines", |vm, args| {
        let a = args.check(vm, "writelines", 2, 2)?.to_vec();
        for line in vm.collect(&a[1])? {
            vm.call_method(&a[0], "write", vec![line])?;
        }
        Ok(Value::None)
    });
    vm.add_method(cls, "close", |vm, args| {
        let a = args.check(vm, "close", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        let mut st = f.state.borrow_mut();
        st.closed = true;
        st.writer = None;
        Ok(Value::None)
    });
    vm.add_method(cls, "flush", |vm, args| {
        let a = args.check(vm, "flush", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        check_open(vm, f)?;
        if let Some(w) = f.state.borrow_mut().writer.as_mut() {
            let _ = w.flush();
        }
        Ok(Value::None)
    });
    vm.add_method(cls, "__iter__", |vm, args| {
        let a = args.check(vm, "__iter__", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        check_open(vm, f)?;
        Ok(a[0].clone())
    });
    vm.add_method(cls, "__enter__", |vm, args| {
        let a = args.check(vm, "__enter__", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        check_open(vm, f)?;
        Ok(a[0].clone())
    });
    vm.add_method(cls, "__exit__", |vm, args| {
        let me = args.positional.first().cloned().unwrap_or(Value::None);
        vm.call_method(&me, "close", vec![])?;
        Ok(Value::None)
    });
    for (name, which) in [("readable", 0), ("writable", 1)] {
        vm.add_method(cls, name, move |vm, args| {
            let a = args.check(vm, name, 1, 1)?.to_vec();
            let f = file_of(vm, &a[0])?;
            check_open(vm, f)?;
            Ok(Value::Bool(if which == 0 {
                f.readable
            } else {
                f.writable
            }))
        });
    }
    vm.add_getter(cls, "closed", |vm, me| {
        let f = file_of(vm, &me)?;
        Ok(Value::Bool(f.state.borrow().closed))
    });
    vm.add_getter(cls, "name", |vm, me| {
        let f = file_of(vm, &me)?;
        Ok(Value::str(&f.name))
    });
    vm.add_getter(cls, "encoding", |vm, me| {
        let f = file_of(vm, &me)?;
        if !f.text {
            return Err(vm.new_attribute_error(format!(
                "'{}' object has no attribute 'encoding'",
                vm.type_name(&me)
            )));
        }
        Ok(Value::str(&f.encoding))
    });
    vm.add_getter(cls, "mode", |vm, me| {
        let f = file_of(vm, &me)?;
        Ok(Value::str(&f.mode))
    });
}

/// Registers `open` and the file classes.
pub fn install(vm: &mut Vm) {
    let bases = [vm.exc.os_error.clone(), vm.exc.value_error.clone()];
    let unsupported = vm.new_exception_class("UnsupportedOperation", &bases, "io");
    let text = vm.new_native_class("TextIOWrapper", &[], "_io");
    let binary = vm.new_native_class("BufferedReader", &[], "_io");
    add_file_methods(vm, &text);
    add_file_methods(vm, &binary);
    vm.add_method(&text, "__repr__", |vm, args| {
        let a = args.check(vm, "__repr__", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        Ok(Value::string(format!(
            "<_io.TextIOWrapper name={} mode={} encoding={}>",
            super::str_repr::str_repr(&f.name),
            super::str_repr::str_repr(&f.mode),
            super::str_repr::str_repr(&f.encoding)
        )))
    });
    vm.add_method(&binary, "__repr__", |vm, args| {
        let a = args.check(vm, "__repr__", 1, 1)?.to_vec();
        let f = file_of(vm, &a[0])?;
        let kind = if f.writable && !f.readable {
            "BufferedWriter"
        } else {
            "BufferedReader"
        };
        Ok(Value::string(format!(
            "<_io.{kind} name={}>",
            super::str_repr::str_repr(&f.name)
        )))
    });
    let classes = [text, binary, unsupported];
    let open_fn = vm.new_native_fn("open", move |vm, args| open(vm, &classes, args));
    let builtins = vm.builtins_dict();
    vm.dict_set_str(&builtins, "open", open_fn);
}
