//! `except*` support: splitting exception groups (CHECK_EG_MATCH) and recombining what the
//! handlers raised (PREP_RERAISE_STAR), plus helpers to make classes from Rust.

use super::object::{Layout, Obj, Payload};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};

impl Vm {
    /// The sub-exceptions of an exception group, or None if `exc` is not a group.
    pub fn group_exceptions(&self, exc: &Value) -> Option<Vec<Value>> {
        let cls = self.exc.by_name("BaseExceptionGroup")?;
        if !self.is_instance(exc, &cls) {
            return None;
        }
        let d = exc.as_obj()?.dict.clone()?;
        self.dict_get_str(&d, "exceptions")
            .and_then(|t| t.as_tuple().map(|t| t.to_vec()))
    }

    /// Builds a group like `orig` (same message and class kind) with `excs`.
    pub fn derive_group(&mut self, orig: &Value, excs: Vec<Value>) -> PyResult<Value> {
        let msg = orig
            .as_obj()
            .and_then(|o| o.dict.clone())
            .and_then(|d| self.dict_get_str(&d, "message"))
            .unwrap_or_else(|| Value::str(""));
        self.new_exception_group(msg, excs)
    }

    /// `BaseExceptionGroup(msg, excs)` (an ExceptionGroup when all are Exceptions).
    pub fn new_exception_group(&mut self, msg: Value, excs: Vec<Value>) -> PyResult<Value> {
        let all_exc = excs
            .iter()
            .all(|e| self.is_instance(e, &self.exc.exception));
        let cls = if all_exc {
            self.exc.by_name("ExceptionGroup")
        } else {
            self.exc.by_name("BaseExceptionGroup")
        };
        let cls = cls.expect("exception groups exist");
        let e = self.new_exception(&cls, vec![msg.clone(), Value::list(excs.clone())]);
        if let Some(d) = &e.dict {
            self.dict_set_str(d, "message", msg);
            self.dict_set_str(d, "exceptions", Value::tuple(excs));
        }
        Ok(Value::Obj(e))
    }

    /// Splits `exc` by the `except*` type spec: (rest, match), None for empty parts.
    pub fn exception_group_split(&mut self, exc: &Value, spec: &Value) -> PyResult<(Value, Value)> {
        let classes: Vec<Value> = match spec.as_tuple() {
            Some(t) => t.to_vec(),
            None => vec![spec.clone()],
        };
        if let Some(g) = self.exc.by_name("BaseExceptionGroup") {
            for c in &classes {
                if c.as_obj().is_some_and(|c| self.is_subclass(c, &g)) {
                    return Err(self.new_type_error(
                        "catching ExceptionGroup with except* is not allowed. Use except instead.",
                    ));
                }
            }
        }
        if self.exception_matches_spec(exc, spec)? {
            if self.group_exceptions(exc).is_some() {
                return Ok((Value::None, exc.clone()));
            }
            // CPython wraps a naked exception with a tuple as the second argument.
            let g = self.new_exception_group(Value::str(""), vec![exc.clone()])?;
            if let Some(d) = g.as_obj().and_then(|o| self.exc_data(o)) {
                d.borrow_mut().args =
                    Value::tuple(vec![Value::str(""), Value::tuple(vec![exc.clone()])]);
            }
            return Ok((Value::None, g));
        }
        let Some(subs) = self.group_exceptions(exc) else {
            return Ok((exc.clone(), Value::None));
        };
        let mut matched = Vec::new();
        let mut rest = Vec::new();
        for s in subs {
            let (r, m) = self.exception_group_split(&s, spec)?;
            if !m.is_none() {
                matched.push(
                    if self.group_exceptions(&s).is_some()
                        || !self.exception_matches_spec(&s, spec)?
                    {
                        m
                    } else {
                        s.clone()
                    },
                );
            }
            if !r.is_none() {
                rest.push(r);
            }
        }
        let m = if matched.is_empty() {
            Value::None
        } else {
            let m = self.derive_group(exc, matched)?;
            self.copy_split_metadata(exc, &m);
            m
        };
        let r = if rest.is_empty() {
            Value::None
        } else {
            let r = self.derive_group(exc, rest)?;
            self.copy_split_metadata(exc, &r);
            r
        };
        Ok((r, m))
    }

    /// Gives a part split off group `orig` its traceback, cause, context and a copy of its
    /// notes (exceptions.c exceptiongroup_subset).
    fn copy_split_metadata(&mut self, orig: &Value, part: &Value) {
        let (Some(orig), Some(part)) = (orig.as_obj(), part.as_obj()) else {
            return;
        };
        if let (Some(from), Some(to)) = (self.exc_data(orig), self.exc_data(part)) {
            let from = from.borrow();
            let mut to = to.borrow_mut();
            to.traceback = from.traceback.clone();
            to.cause = from.cause.clone();
            to.context = from.context.clone();
            to.suppress_context = from.suppress_context;
        }
        let notes = orig
            .dict
            .as_ref()
            .and_then(|d| self.dict_get_str(d, "__notes__"));
        if let (Some(Payload::List(items)), Some(d)) =
            (notes.as_ref().and_then(|n| n.payload()), &part.dict)
        {
            let copy = Value::list(items.borrow().clone());
            self.dict_set_str(d, "__notes__", copy);
        }
    }

    /// Combines the exceptions raised by `except*` handlers (and the unhandled rest).
    pub fn prep_reraise_star(&mut self, orig: &Value, raised: &Value) -> PyResult<Value> {
        let items: Vec<Value> = self
            .collect(raised)?
            .into_iter()
            .filter(|v| !v.is_none())
            .collect();
        match items.len() {
            0 => Ok(Value::None),
            1 => Ok(items[0].clone()),
            _ => {
                let orig_leaves = self.group_exceptions(orig).unwrap_or_default();
                let mut leaves = Vec::new();
                let mut all_reraised = true;
                for it in &items {
                    match self.group_exceptions(it) {
                        Some(l) if l.iter().all(|x| orig_leaves.iter().any(|o| o.is(x))) => {
                            leaves.extend(l)
                        }
                        _ => {
                            all_reraised = false;
                            leaves.push(it.clone());
                        }
                    }
                }
                if all_reraised {
                    // The projection of `orig` on the re-raised leaves: its own order, each
                    // leaf once (exceptions.c exception_group_projection).
                    let kept: Vec<Value> = orig_leaves
                        .iter()
                        .filter(|o| leaves.iter().any(|x| o.is(x)))
                        .cloned()
                        .collect();
                    let group = self.derive_group(orig, kept)?;
                    self.copy_split_metadata(orig, &group);
                    Ok(group)
                } else {
                    self.new_exception_group(Value::str(""), items)
                }
            }
        }
    }

    /// Creates a new exception class (e.g. `asyncio.CancelledError`) from Rust.
    pub fn new_exception_class(&mut self, name: &str, bases: &[ObjRef], module: &str) -> ObjRef {
        self.new_builtin_class(name, bases, module, Layout::Exception)
    }

    /// Creates a native class whose instances carry Rust state (`Obj::native::<T>()`).
    pub fn new_native_class(&mut self, name: &str, bases: &[ObjRef], module: &str) -> ObjRef {
        self.new_builtin_class(name, bases, module, Layout::Native)
    }

    fn new_builtin_class(
        &mut self,
        name: &str,
        bases: &[ObjRef],
        module: &str,
        layout: Layout,
    ) -> ObjRef {
        let bases: Vec<ObjRef> = if bases.is_empty() {
            vec![self.types.object.clone()]
        } else {
            bases.to_vec()
        };
        let cls = super::types::make_builtin_type(name, bases, layout);
        if let Some(dict) = &cls.dict {
            self.dict_set_str(dict, "__module__", Value::str(module));
        }
        cls
    }

    /// An instance of native class `cls` (or a subclass) carrying `state`.
    pub fn new_native_object(
        &mut self,
        cls: &ObjRef,
        state: impl super::object::NativeObject,
    ) -> ObjRef {
        Obj::with_class(
            cls.clone(),
            Some(self.new_dict()),
            Payload::Native(crate::vm::object::NativeState::boxed(state)),
        )
    }
}
