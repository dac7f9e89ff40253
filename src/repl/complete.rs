//! Tab completion: what is being completed is decided from the text alone ([`context`]), and
//! the candidates come from the session ([`candidates`]): names in scope, keywords and
//! built-ins; attributes after a dot (simple dotted names only, looked up without calling
//! anything: no properties, no `__getattr__`); module names after `import` and `from`.
//! Mirrors rlcompleter's choices of which private names to offer.

use super::highlight::KEYWORDS;
use crate::vm::{ObjRef, Payload, Value, Vm};

/// What the word before the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// A plain name starting at byte `start`.
    Name {
        /// Where the word starts.
        start: usize,
        /// The typed part of the word.
        prefix: String,
    },
    /// An attribute of the dotted name `base` (e.g. `asyncio.cr`: base `["asyncio"]`).
    Attribute {
        /// Where the attribute name starts (after the last dot).
        start: usize,
        /// The names before the last dot.
        base: Vec<String>,
        /// The typed part of the attribute name.
        prefix: String,
    },
    /// A module name after `import` or `from`.
    Module {
        /// Where the (possibly dotted) module name starts.
        start: usize,
        /// The typed part of the module name.
        prefix: String,
    },
    /// A name imported from an already imported module (`from asyncio import sl`).
    FromImport {
        /// Where the name starts.
        start: usize,
        /// The module named after `from`.
        module: String,
        /// The typed part of the name.
        prefix: String,
    },
    /// Only whitespace before the cursor: Tab indents (four spaces), as in CPython's REPL.
    Indent,
    /// Nothing to complete (inside a string, after a call, ...).
    Nothing,
}

/// Whether `c` can be part of a name.
fn is_name_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Decides what the word ending at byte `pos` of `line` is.
pub fn context(line: &str, pos: usize) -> Context {
    let Some(before) = line.get(..pos) else {
        return Context::Nothing;
    };
    if before.trim().is_empty() {
        return Context::Indent;
    }
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c) || *c == '.')
        .last()
        .map_or(pos, |(i, _)| i);
    let word = &before[start..];
    let head = before[..start].trim_start();
    let words: Vec<&str> = head.split_whitespace().collect();
    match words.as_slice() {
        ["import"] | ["from"] => {
            return Context::Module {
                start,
                prefix: word.to_string(),
            };
        }
        ["import", .., last] if last.ends_with(',') => {
            return Context::Module {
                start,
                prefix: word.to_string(),
            };
        }
        ["from", module, "import"] if !word.contains('.') => {
            return Context::FromImport {
                start,
                module: module.to_string(),
                prefix: word.to_string(),
            };
        }
        _ => {}
    }
    if inside_string(&before[..start]) || word.starts_with(|c: char| c.is_ascii_digit()) {
        return Context::Nothing;
    }
    match word.rsplit_once('.') {
        None => Context::Name {
            start,
            prefix: word.to_string(),
        },
        Some((base, prefix)) => {
            let base: Vec<String> = base.split('.').map(str::to_string).collect();
            let simple = base.iter().all(|part| {
                part.starts_with(|c: char| !c.is_ascii_digit()) && part.chars().all(is_name_char)
            });
            if !simple {
                return Context::Nothing;
            }
            Context::Attribute {
                start: pos - prefix.len(),
                base,
                prefix: prefix.to_string(),
            }
        }
    }
}

/// Whether the text ends inside a string literal (an odd number of unescaped quotes).
fn inside_string(text: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) if c == '\\' => {
                chars.next();
            }
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' => return true,
            None => {}
        }
    }
    quote.is_some()
}

/// The candidates that extend `prefix`, sorted, without duplicates. For attributes, as
/// rlcompleter: names starting with `_` only when the prefix does, dunders only when the
/// prefix starts with `__`.
pub fn select(
    prefix: &str,
    names: impl IntoIterator<Item = String>,
    attribute: bool,
) -> Vec<String> {
    let mut chosen: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(prefix))
        .filter(|n| {
            !attribute
                || prefix.starts_with("__")
                || (prefix.starts_with('_') && !n.starts_with("__"))
                || !n.starts_with('_')
        })
        .collect();
    chosen.sort();
    chosen.dedup();
    chosen
}

/// The keys of a dict object that are strings.
fn dict_names(vm: &Vm, dict: &ObjRef) -> Vec<String> {
    vm.dict_items(dict)
        .into_iter()
        .filter_map(|(k, _)| k.as_str().map(str::to_string))
        .collect()
}

/// Looks an attribute up without running any Python code: the object's own `__dict__`, then
/// its type's (or, for a class, its own) MRO.
fn raw_attribute(vm: &Vm, obj: &Value, name: &str) -> Option<Value> {
    if let Value::Obj(o) = obj
        && let Some(dict) = &o.dict
        && let Some(v) = vm.dict_get_str(dict, name)
    {
        return Some(v);
    }
    let class = match obj.payload() {
        Some(Payload::Type(_)) => obj.as_obj()?.clone(),
        _ => vm.type_of(obj),
    };
    vm.lookup_in_mro(&class, name)
}

/// Every attribute name `raw_attribute` could find on `obj`.
fn attribute_names(vm: &Vm, obj: &Value) -> Vec<String> {
    let mut names = Vec::new();
    if let Value::Obj(o) = obj
        && let Some(dict) = &o.dict
    {
        names.extend(dict_names(vm, dict));
    }
    let class = match obj.payload() {
        Some(Payload::Type(_)) => obj.as_obj().cloned(),
        _ => Some(vm.type_of(obj)),
    };
    if let Some(class) = class {
        for base in vm.mro_of(&class) {
            if let Some(dict) = &base.dict {
                names.extend(dict_names(vm, dict));
            }
        }
    }
    names
}

/// The names importable as modules: built-in ones, imported ones, and `.py` files beside the
/// program.
fn module_names(vm: &Vm) -> Vec<String> {
    let mut names: Vec<String> = vm.native_modules.keys().map(|k| k.to_string()).collect();
    names.extend(dict_names(vm, &vm.modules));
    if let Some(dir) = &vm.module_dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if let Some(stem) = name.strip_suffix(".py") {
                names.push(stem.to_string());
            }
        }
    }
    names.retain(|n| n != "__main__");
    names
}

/// The completions of the word before the cursor: (where it starts, replacements).
pub fn candidates(vm: &Vm, globals: &ObjRef, line: &str, pos: usize) -> (usize, Vec<String>) {
    match context(line, pos) {
        Context::Nothing => (pos, Vec::new()),
        Context::Indent => (pos, vec!["    ".to_string()]),
        Context::Name { start, prefix } => {
            let mut names: Vec<String> = KEYWORDS.iter().map(|k| k.to_string()).collect();
            names.extend(dict_names(vm, globals));
            if let Some(dict) = &vm.builtins.dict {
                names.extend(dict_names(vm, dict));
            }
            (start, select(&prefix, names, false))
        }
        Context::Attribute {
            start,
            base,
            prefix,
        } => {
            let mut parts = base.iter();
            let Some(first) = parts.next() else {
                return (start, Vec::new());
            };
            let mut obj = vm.dict_get_str(globals, first).or_else(|| {
                vm.builtins
                    .dict
                    .as_ref()
                    .and_then(|d| vm.dict_get_str(d, first))
            });
            for part in parts {
                obj = obj.and_then(|o| raw_attribute(vm, &o, part));
            }
            match obj {
                Some(obj) => (start, select(&prefix, attribute_names(vm, &obj), true)),
                None => (start, Vec::new()),
            }
        }
        Context::Module { start, prefix } => (start, select(&prefix, module_names(vm), false)),
        Context::FromImport {
            start,
            module,
            prefix,
        } => match vm.dict_get_str(&vm.modules, &module) {
            Some(m) => (start, select(&prefix, attribute_names(vm, &m), true)),
            None => (start, Vec::new()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(start: usize, prefix: &str) -> Context {
        Context::Name {
            start,
            prefix: prefix.to_string(),
        }
    }

    #[test]
    fn the_word_before_the_cursor_is_found() {
        assert_eq!(context("pri", 3), name(0, "pri"));
        assert_eq!(context("x = le", 6), name(4, "le"));
        assert_eq!(context("print(", 6), name(6, ""));
        assert_eq!(context("f(x, ", 5), name(5, ""));
        assert_eq!(
            context("await asyncio.cr", 16),
            Context::Attribute {
                start: 14,
                base: vec!["asyncio".to_string()],
                prefix: "cr".to_string()
            }
        );
        assert_eq!(
            context("a.b.", 4),
            Context::Attribute {
                start: 4,
                base: vec!["a".to_string(), "b".to_string()],
                prefix: String::new()
            }
        );
    }

    #[test]
    fn imports_complete_module_names() {
        assert_eq!(
            context("import asy", 10),
            Context::Module {
                start: 7,
                prefix: "asy".to_string()
            }
        );
        assert_eq!(
            context("from coll", 9),
            Context::Module {
                start: 5,
                prefix: "coll".to_string()
            }
        );
        assert_eq!(
            context("from asyncio import sl", 22),
            Context::FromImport {
                start: 20,
                module: "asyncio".to_string(),
                prefix: "sl".to_string()
            }
        );
    }

    #[test]
    fn tab_in_the_indentation_indents() {
        assert_eq!(context("", 0), Context::Indent);
        assert_eq!(context("    ", 4), Context::Indent);
        assert_eq!(context("    x", 5), name(4, "x"));
    }

    #[test]
    fn strings_comments_and_calls_complete_nothing() {
        assert_eq!(context("'pri", 4), Context::Nothing);
        assert_eq!(context("x  # pri", 8), Context::Nothing);
        assert_eq!(context("f().a", 5), Context::Nothing);
        assert_eq!(context("1.re", 4), Context::Nothing);
    }

    #[test]
    fn private_attributes_need_an_underscore() {
        let names = || {
            ["_x", "__init__", "run", "ready"]
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(select("r", names(), true), ["ready", "run"]);
        assert_eq!(select("", names(), true), ["ready", "run"]);
        assert_eq!(select("_", names(), true), ["_x"]);
        assert_eq!(select("__", names(), true), ["__init__"]);
        assert_eq!(select("_", names(), false), ["__init__", "_x"]);
    }

    #[test]
    fn session_names_attributes_and_modules_are_offered() {
        let result = crate::with_big_stack(|| {
            let (vm, globals, _) = crate::vm::vm_that_ran(
                "import asyncio\nclass Point:\n    def norm(self): pass\npt = Point()\npt.xy = 1\nprinted = 1\n",
                "<stdin>",
            );
            let names = |line: &str| candidates(&vm, &globals, line, line.len()).1;
            (
                names("prin"),
                names("asyncio.create_t"),
                names("pt."),
                names("import asyn"),
                names("wh"),
                names("nothing."),
            )
        });
        assert_eq!(result.0, ["print", "printed"]);
        assert_eq!(result.1, ["create_task"]);
        assert_eq!(result.2, ["norm", "xy"]);
        assert_eq!(result.3, ["asyncio"]);
        assert_eq!(result.4, ["while"]);
        assert!(result.5.is_empty());
    }
}
