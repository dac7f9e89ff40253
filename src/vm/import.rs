//! `import`: sys.modules, native modules, and user modules next to the script.

use super::object::Payload;
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::rc::Rc;

impl Vm {
    /// IMPORT_NAME: imports `name` (and its parents); returns the top package unless
    /// `fromlist` is non-empty.
    pub fn import_name(
        &mut self,
        name: &str,
        fromlist: &Value,
        level: i64,
        globals: &ObjRef,
    ) -> PyResult<Value> {
        let full = if level > 0 {
            let package = self
                .dict_get_str(globals, "__package__")
                .and_then(|p| p.as_str().map(String::from))
                .filter(|p| !p.is_empty());
            let Some(package) = package else {
                return Err(self.new_exception_msg(
                    &self.exc.import_error.clone(),
                    "attempted relative import with no known parent package",
                ));
            };
            // Mirrors importlib's _resolve_name: each extra dot drops one trailing component.
            let components: Vec<&str> = package.split('.').collect();
            let keep = components.len() as i64 - (level - 1);
            if keep <= 0 {
                return Err(self.new_exception_msg(
                    &self.exc.import_error.clone(),
                    "attempted relative import beyond top-level package",
                ));
            }
            let base = components[..keep as usize].join(".");
            if name.is_empty() {
                base
            } else {
                format!("{base}.{name}")
            }
        } else {
            name.to_string()
        };
        let parts: Vec<&str> = full.split('.').collect();
        let mut top: Option<ObjRef> = None;
        let mut parent: Option<ObjRef> = None;
        for i in 0..parts.len() {
            let prefix = parts[..=i].join(".");
            let m = self.import_module(&prefix)?;
            if let Some(p) = &parent {
                self.module_set(p, parts[i], Value::Obj(m.clone()));
            }
            if top.is_none() {
                top = Some(m.clone());
            }
            parent = Some(m);
        }
        let has_fromlist = match fromlist {
            Value::None => false,
            v => v.as_tuple().is_some_and(|t| !t.is_empty()),
        };
        let leaf = parent.expect("at least one component");
        if has_fromlist || level > 0 {
            Ok(Value::Obj(leaf))
        } else {
            Ok(Value::Obj(top.expect("at least one component")))
        }
    }

    /// Imports one module by its full dotted name (cached in sys.modules).
    pub fn import_module(&mut self, fullname: &str) -> PyResult<ObjRef> {
        let modules = self.modules.clone();
        if let Some(Value::Obj(m)) = self.dict_get_str(&modules, fullname) {
            return Ok(m);
        }
        if let Some(init) = self.native_modules.get(fullname).copied() {
            // As importlib's _find_and_load: a submodule's package is imported first, and the
            // submodule is bound on it (`logging.handlers` is an attribute of `logging`).
            let parent = match fullname.rsplit_once('.') {
                Some((package, child)) => Some((self.import_module(package)?, child)),
                None => None,
            };
            let m = init(self)?;
            self.dict_set_str(&modules, fullname, Value::Obj(m.clone()));
            if let Some((package, child)) = parent {
                self.module_set(&package, child, Value::Obj(m.clone()));
            }
            return Ok(m);
        }
        let Some(dir) = self.module_dir.clone() else {
            return Err(self.module_not_found(fullname));
        };
        let rel: std::path::PathBuf = fullname.split('.').collect();
        let file = dir.join(&rel).with_extension("py");
        let package_init = dir.join(&rel).join("__init__.py");
        let (path, is_package) = if file.is_file() {
            (file, false)
        } else if package_init.is_file() {
            (package_init, true)
        } else {
            return Err(self.module_not_found(fullname));
        };
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(_) => return Err(self.module_not_found(fullname)),
        };
        let filename = path.to_string_lossy().into_owned();
        let module = self.new_module(fullname);
        self.module_set(&module, "__file__", Value::str(&filename));
        let package = if is_package {
            fullname.to_string()
        } else {
            fullname
                .rsplit_once('.')
                .map(|(p, _)| p.to_string())
                .unwrap_or_default()
        };
        self.module_set(&module, "__package__", Value::string(package));
        if is_package {
            self.module_set(
                &module,
                "__path__",
                Value::list(vec![Value::string(
                    path.parent()
                        .map(|p| p.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                )]),
            );
        }
        self.dict_set_str(&modules, fullname, Value::Obj(module.clone()));
        let result = self.exec_source_in(&source, &filename, &module);
        if let Err(e) = result {
            self.dict_remove_str(&modules, fullname);
            return Err(e);
        }
        Ok(module)
    }

    /// Compiles and runs `source` with `module`'s dict as globals.
    pub fn exec_source_in(
        &mut self,
        source: &str,
        filename: &str,
        module: &ObjRef,
    ) -> PyResult<()> {
        self.sources.insert(Rc::from(filename), source.into());
        let code = match crate::compile_source(source, filename) {
            Ok(c) => c,
            Err(err) => return Err(self.syntax_error_to_exception(&err)),
        };
        let globals = module.dict.clone().expect("modules have a dict");
        self.run_module_code(code, &globals)?;
        Ok(())
    }

    /// Runs a module-level code object in `globals`.
    pub fn run_module_code(
        &mut self,
        code: Rc<crate::bytecode::Code>,
        globals: &ObjRef,
    ) -> PyResult<Value> {
        if self.dict_get_str(globals, "__builtins__").is_none() {
            self.dict_set_str(globals, "__builtins__", Value::Obj(self.builtins.clone()));
        }
        let names = self.name_table_of(&code);
        let frame = Box::new(super::frame::Frame::new(
            names,
            globals.clone(),
            Some(Value::Obj(globals.clone())),
        ));
        match self.run_frame(frame, super::generator::Resume::Value(None))? {
            super::eval::FrameExit::Return(v) => Ok(v),
            super::eval::FrameExit::Yield(..) | super::eval::FrameExit::YieldChain(..) => {
                unreachable!("module code cannot yield")
            }
        }
    }

    /// Converts a compile-time error into a SyntaxError instance.
    pub fn syntax_error_to_exception(&mut self, err: &crate::error::SyntaxError) -> ObjRef {
        let cls = self
            .exc
            .by_name(err.kind.name())
            .unwrap_or_else(|| self.exc.syntax_error.clone());
        // As CPython's: (filename, lineno, offset, text, end_lineno, end_offset), the text
        // with the newline the tokenizer ends every line with.
        let text = if err.source_line.is_empty() {
            Value::None
        } else {
            Value::string(format!("{}\n", err.source_line))
        };
        let location = [
            Value::str(&err.filename),
            Value::Int(err.line as i64),
            Value::Int(err.col as i64),
            text,
            Value::Int(err.line as i64),
            Value::Int(err.end_col as i64),
        ];
        let details = Value::tuple(location.to_vec());
        let e = self.new_exception(&cls, vec![Value::str(&err.msg), details]);
        if let Some(d) = &e.dict {
            self.dict_set_str(d, "msg", Value::str(&err.msg));
            let names = crate::builtins::exception_fields::syntax_location_fields();
            for (name, v) in names.iter().zip(location) {
                self.dict_set_str(d, name, v);
            }
            self.dict_set_str(d, "__rendered__", Value::string(err.to_string()));
        }
        e
    }

    fn module_not_found(&self, name: &str) -> ObjRef {
        let e = self.new_exception_msg(
            &self.exc.module_not_found_error,
            format!("No module named '{name}'"),
        );
        if let Some(d) = &e.dict {
            self.dict_set_str(d, "name", Value::str(name));
        }
        e
    }

    /// IMPORT_FROM: `from m import name`.
    pub fn import_from(&mut self, module: &Value, name: &str) -> PyResult<Value> {
        match self.lookup_attr_opt(module, name)? {
            Some(v) => Ok(v),
            None => {
                let mname = match module.payload() {
                    Some(Payload::Module { name }) => name.to_string(),
                    _ => "?".into(),
                };
                let sub = format!("{mname}.{name}");
                // A submodule imports here; only its absence becomes "cannot import name" —
                // an error raised while running it propagates as it is.
                match self.import_module(&sub) {
                    Ok(m) => return Ok(Value::Obj(m)),
                    Err(e) if !self.is_missing_module(&e, &sub) => return Err(e),
                    Err(_) => {}
                }
                let file = self
                    .lookup_attr_opt(module, "__file__")?
                    .and_then(|f| f.as_str().map(String::from));
                let msg = match &file {
                    Some(f) => format!("cannot import name '{name}' from '{mname}' ({f})"),
                    None => {
                        format!("cannot import name '{name}' from '{mname}' (unknown location)")
                    }
                };
                // As import_from's PyErr_SetImportError: `name` is the module, `path` its file.
                let e = self.new_exception_msg(&self.exc.import_error.clone(), msg);
                if let Some(d) = &e.dict {
                    self.dict_set_str(d, "name", Value::string(mname));
                    self.dict_set_str(d, "path", file.map_or(Value::None, Value::string));
                }
                Err(e)
            }
        }
    }

    /// True when `err` is the ModuleNotFoundError for exactly `name` (not one raised inside it).
    fn is_missing_module(&mut self, err: &ObjRef, name: &str) -> bool {
        if !self.exc_matches(
            err,
            &self
                .exc
                .by_name("ModuleNotFoundError")
                .unwrap_or_else(|| self.exc.import_error.clone()),
        ) {
            return false;
        }
        let text = self.str(&Value::Obj(err.clone())).unwrap_or_default();
        text == format!("No module named '{name}'")
    }

    /// IMPORT_STAR: copies public names (or `__all__`) into `target`.
    pub fn import_star(&mut self, module: &Value, target: &Value) -> PyResult<()> {
        let Some(m) = module.as_obj() else {
            return Ok(());
        };
        let Some(d) = m.dict.clone() else {
            return Ok(());
        };
        let names: Vec<Value> = match self.dict_get_str(&d, "__all__") {
            Some(all) => self.collect(&all)?,
            None => self
                .dict_items(&d)
                .into_iter()
                .map(|(k, _)| k)
                .filter(|k| k.as_str().is_some_and(|s| !s.starts_with('_')))
                .collect(),
        };
        for n in names {
            let name = n.as_str().unwrap_or("").to_string();
            let v = self.get_attr(module, &name)?;
            self.set_item(target, &n, v)?;
        }
        Ok(())
    }
}
