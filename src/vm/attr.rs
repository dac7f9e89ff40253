//! Attribute access: the descriptor protocol, instance and class dicts, the
//! `__getattribute__`/`__getattr__`/`__setattr__`/`__delattr__` hooks, and built-in attributes.

use super::global_cache::NameTable;
use super::object::{Obj, Payload};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::rc::Rc;

impl Vm {
    /// `getattr(obj, name)`.
    pub fn get_attr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        self.get_attr_hashed(obj, name, super::hashing::hash_str(name))
    }

    /// `getattr(obj, name)` with the name's hash already known (LOAD_ATTR has it).
    pub fn get_attr_hashed(&mut self, obj: &Value, name: &str, hash: i64) -> PyResult<Value> {
        // A module's own name (`asyncio.sleep`): the module type defines only dunders, so for
        // any other name the namespace of an exact module answers at once (module_getattro
        // finds no descriptor on the type for it).
        if let Value::Obj(o) = obj
            && matches!(o.payload, Payload::Module { .. })
            && o.class
                .as_ref()
                .is_some_and(|c| ObjRef::ptr_eq(c, &self.types.module))
            && !name.starts_with("__")
            && let Some(d) = &o.dict
            && let Some(v) = self.dict_get_str_hashed(d, name, hash)
        {
            return Ok(v);
        }
        if let Some(v) = self.plain_instance_attr(obj, name, hash) {
            return Ok(v);
        }
        let cls = self.type_of(obj);
        if self.attr_hooks(&cls) & super::object::HOOK_GETATTRIBUTE != 0
            && let Some(hook) = self.lookup_in_mro(&cls, "__getattribute__")
            && matches!(hook.payload(), Some(Payload::Function(_)))
        {
            let r = self.call(&hook, vec![obj.clone(), Value::str(name)]);
            return self.maybe_getattr_hook(obj, &cls, name, r);
        }
        let r = self.generic_get_attr_hashed(obj, &cls, name, hash);
        match r {
            Ok(Some(v)) => Ok(v),
            Ok(None) => {
                let err = self.no_attribute(obj, name);
                let r = self.module_getattr_hook(obj, name, err);
                self.maybe_getattr_hook(obj, &cls, name, r)
            }
            Err(e) => self.maybe_getattr_hook(obj, &cls, name, Err(e)),
        }
    }

    /// A module's own `__getattr__(name)` for a name its dict lacks (PEP 562; mirrors
    /// moduleobject.c module_getattro), else the AttributeError `err`.
    fn module_getattr_hook(&mut self, obj: &Value, name: &str, err: ObjRef) -> PyResult<Value> {
        if let Value::Obj(m) = obj
            && matches!(m.payload, Payload::Module { .. })
            && let Some(dict) = &m.dict
            && let Some(hook) = self.dict_get_str(dict, "__getattr__")
        {
            return self.call(&hook, vec![Value::str(name)]);
        }
        Err(err)
    }

    /// The common case of `generic_get_attr` answered without the general machinery: a plain
    /// instance of a class without `__getattribute__`, whose attribute is in its dict (and
    /// not a data descriptor on the class) or is a plain function on the class. None: take
    /// the general path.
    fn plain_instance_attr(&self, obj: &Value, name: &str, hash: i64) -> Option<Value> {
        let Value::Obj(o) = obj else { return None };
        let cls = o.class.as_ref()?;
        if !matches!(o.payload, Payload::Object) {
            return None;
        }
        let (hooks, descr) = self.hooks_and_lookup(cls, name, hash);
        self.plain_instance_attr_with(obj, name, hash, hooks, descr)
    }

    /// `plain_instance_attr` for a plain instance `obj` whose class's hook bits and MRO
    /// look-up of `name` are known.
    #[inline]
    fn plain_instance_attr_with(
        &self,
        obj: &Value,
        name: &str,
        hash: i64,
        hooks: u8,
        descr: Option<Value>,
    ) -> Option<Value> {
        let Value::Obj(o) = obj else { return None };
        if hooks & super::object::HOOK_GETATTRIBUTE != 0 {
            return None;
        }
        let from_dict = |vm: &Vm| vm.dict_get_str_hashed(o.dict.as_ref()?, name, hash);
        match descr {
            None => from_dict(self),
            Some(f) if matches!(f.payload(), Some(Payload::Function(_))) => {
                Some(from_dict(self).unwrap_or_else(|| {
                    Value::Obj(Obj::new(Payload::BoundMethod {
                        receiver: obj.clone(),
                        func: f,
                    }))
                }))
            }
            Some(_) => None,
        }
    }

    /// `hooks_and_lookup(cls, name)` through the inline cache slot of name `i` of the
    /// running code (`names`): one comparison of the class and its dict versions instead of
    /// the shared cache's hashed look-up.
    #[inline(always)]
    pub(super) fn class_attr_at_site(
        &self,
        names: &NameTable,
        i: usize,
        cls: &ObjRef,
        name: &str,
        hash: i64,
    ) -> (u8, Option<Value>) {
        if cls.as_type().is_some()
            && let Some(hit) =
                names.cached_class_attr(i, cls, super::dict_version::mro_versions(cls))
        {
            return hit;
        }
        self.class_attr_at_site_missed(names, i, cls, name, hash)
    }

    /// `class_attr_at_site` when the site's cache does not answer: the shared look-up, then
    /// remembered at the site.
    #[inline(never)]
    fn class_attr_at_site_missed(
        &self,
        names: &NameTable,
        i: usize,
        cls: &ObjRef,
        name: &str,
        hash: i64,
    ) -> (u8, Option<Value>) {
        if cls.as_type().is_none() {
            return self.hooks_and_lookup(cls, name, hash);
        }
        let versions = super::dict_version::mro_versions(cls);
        let (hooks, found) = self.hooks_and_lookup(cls, name, hash);
        names.remember_class_attr(i, cls, versions, hooks, found.clone());
        (hooks, found)
    }

    /// LOAD_ATTR of name `i` of the running code (`names`): a plain instance's attribute
    /// through the inline cache, anything else through `get_attr_hashed`.
    #[inline]
    pub(super) fn load_attr_at_site(
        &mut self,
        names: &NameTable,
        i: usize,
        obj: &Value,
        name: &str,
        hash: i64,
    ) -> PyResult<Value> {
        if let Some(cls) = plain_instance_class(obj) {
            // An instance attribute (nothing on the class): straight from the dict, at the
            // position this site last found it when that still holds the name; a miss is
            // left to the generic path (AttributeError, `__getattr__`).
            let Value::Obj(o) = obj else {
                unreachable!("plain_instance_class answers only for objects")
            };
            let known = names.instance_class_hooks(i, cls);
            if known.is_some_and(|hooks| hooks & super::object::HOOK_GETATTRIBUTE == 0)
                && let Some(dict) = &o.dict
                && let Some(v) = instance_dict_get_at_site(names, i, dict, name, hash)
            {
                return Ok(v);
            }
            // A remembered class is one whose MRO lacks the name: no class look-up, and the
            // dict has just been tried.
            let (hooks, descr) = match known {
                Some(hooks) => (hooks, None),
                None => self.class_attr_at_site(names, i, cls, name, hash),
            };
            if descr.is_none() && known.is_none() {
                remember_instance_class(names, i, cls, hooks);
                if hooks & super::object::HOOK_GETATTRIBUTE == 0
                    && let Some(dict) = &o.dict
                    && let Some(v) = instance_dict_get_at_site(names, i, dict, name, hash)
                {
                    return Ok(v);
                }
            }
            // A property whose getter is a plain function of `self`: its frame is run
            // directly (what `bind_descriptor` does through the generic call path). An
            // AttributeError from it still goes to the class's `__getattr__`.
            if hooks & super::object::HOOK_GETATTRIBUTE == 0
                && let Some(Payload::Property { fget, .. }) =
                    descr.as_ref().and_then(Value::payload)
                && let Some(r) =
                    self.call_plain_dunder(fget, obj, &mut std::mem::ManuallyDrop::new(Vec::new()))
            {
                return match r {
                    Ok(v) => Ok(v),
                    Err(e) => self.maybe_getattr_hook(obj, cls, name, Err(e)),
                };
            }
            if let Some(v) = self.plain_instance_attr_with(obj, name, hash, hooks, descr) {
                return Ok(v);
            }
        }
        self.get_attr_hashed(obj, name, hash)
    }

    /// STORE_ATTR of name `i` of the running code (`names`): a plain instance's dict store
    /// through the inline cache, anything else through `set_attr_hashed`.
    #[inline]
    pub(super) fn store_attr_at_site(
        &mut self,
        names: &NameTable,
        i: usize,
        obj: &Value,
        name: &str,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        if let Some((cls, table)) = plain_instance_dict(obj, name) {
            let known = names.instance_class_hooks(i, cls);
            if known.is_some_and(|hooks| hooks & super::object::HOOK_SETATTR == 0) {
                return self.dict_store_at_site(names, i, table, name, hash, value);
            }
            // A remembered class is one whose MRO lacks the name: no class look-up.
            let (hooks, descr) = match known {
                Some(hooks) => (hooks, None),
                None => self.class_attr_at_site(names, i, cls, name, hash),
            };
            if descr.is_none() && known.is_none() {
                remember_instance_class(names, i, cls, hooks);
            }
            if store_goes_to_dict(hooks, &descr) {
                return self.dict_store_at_site(names, i, table, name, hash, value);
            }
        }
        self.set_attr_hashed(obj, name, hash, value)
    }

    /// `table[name] = value` for name `i` of the running code (`names`): at the position the
    /// name last had in a dict stored into from this code (an instance dict for STORE_ATTR,
    /// a namespace for STORE_NAME), with the site's interned key.
    #[inline(always)]
    pub(super) fn dict_store_at_site(
        &mut self,
        names: &NameTable,
        i: usize,
        table: &std::cell::RefCell<super::dict::DictTable>,
        name: &str,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        // The entry at the remembered position has the site's very key object: the value is
        // replaced there, without the key's text compared or its count touched. The old value
        // is dropped once the table is no longer borrowed (its `__del__` may use the dict).
        let pos = names.attr_position(i);
        let value = match table.try_borrow_mut() {
            Ok(mut t)
                if t.entry_at(pos)
                    .is_some_and(|e| names.is_attr_key(i, &e.key)) =>
            {
                let old = t.replace_value_at(pos, value);
                drop(t);
                match old {
                    Ok(_) => return Ok(()),
                    Err(value) => value,
                }
            }
            _ => value,
        };
        self.dict_store_at_site_slow(names, i, table, name, hash, value)
    }

    /// `dict_store_at_site` when the remembered position does not hold the site's key.
    #[inline(never)]
    fn dict_store_at_site_slow(
        &mut self,
        names: &NameTable,
        i: usize,
        table: &std::cell::RefCell<super::dict::DictTable>,
        name: &str,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        let key = match names.attr_key(i, || self.attr_cache.names.key(name, hash)) {
            Some(key) => key,
            None => self.attr_cache.names.key(name, hash),
        };
        // Err only in set mode (a dict is never borrowed across a store).
        let stored = table
            .borrow_mut()
            .set_str_at(name, hash, key, value, names.attr_position(i));
        match stored {
            Ok(pos) => {
                names.remember_attr_position(i, pos);
                // The key object the entry has (another site's, or the one just stored) is
                // what the next store here compares against.
                if let Some(e) = table.borrow().entry_at(pos) {
                    names.learn_attr_key(i, &e.key);
                }
                Ok(())
            }
            Err((key, value)) => self.table_set(table, key, value),
        }
    }

    /// For `super().name(...)`: the plain Python function `name` resolves to through the
    /// `super` object `sup`, with the object it binds to, so the call needs no bound method.
    /// None when the look-up is anything else (then `get_attr` decides).
    pub fn super_method(&self, sup: &Value, name: &str, hash: i64) -> Option<(Value, Value)> {
        let Some(Payload::Super {
            this_class,
            obj,
            obj_type,
        }) = sup.payload()
        else {
            return None;
        };
        if name == "__class__" || obj.payload().is_some_and(|p| matches!(p, Payload::Type(_))) {
            return None;
        }
        let attr = self.lookup_after(obj_type, this_class, name, hash)?;
        matches!(attr.payload(), Some(Payload::Function(_))).then(|| (attr, obj.clone()))
    }

    /// `name` in the class dicts of `obj_type`'s MRO after `this_class` (no descriptors
    /// applied): the search of typeobject.c super_getattro, which comes before `super`'s own
    /// attributes.
    pub(super) fn lookup_after(
        &self,
        obj_type: &ObjRef,
        this_class: &ObjRef,
        name: &str,
        hash: i64,
    ) -> Option<Value> {
        let mro = obj_type.as_type()?.mro.borrow();
        let start = if ObjRef::ptr_eq(obj_type, this_class) {
            0
        } else {
            mro.iter().position(|c| ObjRef::ptr_eq(c, this_class))? + 1
        };
        mro[start..]
            .iter()
            .find_map(|c| self.dict_get_str_hashed(c.dict.as_ref()?, name, hash))
    }

    /// On AttributeError, tries the class's `__getattr__`.
    fn maybe_getattr_hook(
        &mut self,
        obj: &Value,
        cls: &ObjRef,
        name: &str,
        r: PyResult<Value>,
    ) -> PyResult<Value> {
        match r {
            Err(e) if self.exc_matches(&e, &self.exc.attribute_error.clone()) => {
                if cls.as_type().is_some_and(|t| t.is_heap)
                    && let Some(hook) = self.lookup_in_mro(cls, "__getattr__")
                {
                    return self.call_unbound_attr(&hook, obj, name);
                }
                Err(e)
            }
            other => other,
        }
    }

    fn call_unbound_attr(&mut self, hook: &Value, obj: &Value, name: &str) -> PyResult<Value> {
        let bound = self.bind_descriptor(hook, obj)?;
        self.call(&bound, vec![Value::str(name)])
    }

    /// `getattr(obj, name, None)`-like: Ok(None) when the attribute is missing.
    pub fn lookup_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match self.get_attr(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.exc_matches(&e, &self.exc.attribute_error.clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The AttributeError CPython raises for a missing attribute.
    pub fn no_attribute(&self, obj: &Value, name: &str) -> ObjRef {
        let msg = match obj.payload() {
            Some(Payload::Module { name: m }) => format!("module '{m}' has no attribute '{name}'"),
            Some(Payload::Type(t)) => format!(
                "type object '{}' has no attribute '{name}'",
                t.name.borrow()
            ),
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        };
        let e = self.new_attribute_error(msg);
        if let Some(d) = &e.dict {
            self.dict_set_str(d, "name", Value::str(name));
            self.dict_set_str(d, "obj", obj.clone());
        }
        e
    }

    /// True if `descr` defines `__set__` or `__delete__` (a data descriptor).
    fn is_data_descriptor(&self, descr: &Value) -> bool {
        match descr.payload() {
            Some(Payload::Property { .. }) => true,
            Some(Payload::Function(_))
            | Some(Payload::NativeFunction(_))
            | Some(Payload::StaticMethod(_))
            | Some(Payload::ClassMethod(_))
            | Some(Payload::Str(_))
            | None => false,
            Some(_) => {
                let t = self.type_of(descr);
                t.as_type().is_some_and(|td| td.is_heap)
                    && (self.lookup_in_mro(&t, "__set__").is_some()
                        || self.lookup_in_mro(&t, "__delete__").is_some())
            }
        }
    }

    /// Applies `descr.__get__(obj, type(obj))` for an attribute found on the type.
    pub fn bind_descriptor(&mut self, descr: &Value, obj: &Value) -> PyResult<Value> {
        match descr.payload() {
            Some(Payload::Function(_)) => Ok(Value::Obj(Obj::new(Payload::BoundMethod {
                receiver: obj.clone(),
                func: descr.clone(),
            }))),
            Some(Payload::NativeFunction(nf)) if nf.is_method => {
                Ok(Value::Obj(Obj::new(Payload::BoundMethod {
                    receiver: obj.clone(),
                    func: descr.clone(),
                })))
            }
            Some(Payload::StaticMethod(f)) => Ok(f.clone()),
            Some(Payload::ClassMethod(f)) => Ok(Value::Obj(Obj::new(Payload::BoundMethod {
                receiver: Value::Obj(self.type_of(obj)),
                func: f.clone(),
            }))),
            Some(Payload::Property { fget, .. }) => {
                if fget.is_none() {
                    return Err(self.new_attribute_error("property has no getter"));
                }
                let fget = fget.clone();
                self.call(&fget, vec![obj.clone()])
            }
            Some(Payload::Object) | Some(Payload::Native(_)) | Some(Payload::PropertySub(_)) => {
                let t = self.type_of(descr);
                match self.lookup_in_mro(&t, "__get__") {
                    Some(get) => {
                        let owner = Value::Obj(self.type_of(obj));
                        self.call(&get, vec![descr.clone(), obj.clone(), owner])
                    }
                    None => Ok(descr.clone()),
                }
            }
            _ => Ok(descr.clone()),
        }
    }

    /// The generic attribute lookup (object.__getattribute__ / type.__getattribute__);
    /// Ok(None) when missing.
    pub fn generic_get_attr(
        &mut self,
        obj: &Value,
        cls: &ObjRef,
        name: &str,
    ) -> PyResult<Option<Value>> {
        self.generic_get_attr_hashed(obj, cls, name, super::hashing::hash_str(name))
    }

    /// `generic_get_attr` with the name's hash already known.
    fn generic_get_attr_hashed(
        &mut self,
        obj: &Value,
        cls: &ObjRef,
        name: &str,
        hash: i64,
    ) -> PyResult<Option<Value>> {
        if let Value::Obj(o) = obj
            && let Payload::Type(_) = &o.payload
        {
            return self.type_get_attr(o, name);
        }
        let descr = self.lookup_in_mro_hashed(cls, name, hash);
        if let Some(d) = &descr
            && self.is_data_descriptor(d)
        {
            if let Some(Payload::Property { fget, .. }) = d.payload()
                && fget.is_none()
            {
                return Err(self.new_attribute_error(format!(
                    "property '{name}' of '{}' object has no getter",
                    self.class_name(cls)
                )));
            }
            return self.bind_descriptor(d, obj).map(Some);
        }
        if let Value::Obj(o) = obj {
            if let Some(dict) = &o.dict
                && let Some(v) = self.dict_get_str_hashed(dict, name, hash)
            {
                return Ok(Some(v));
            }
            if let Some(v) = self.payload_attr(o, name)? {
                return Ok(Some(v));
            }
        } else if name == "__class__" {
            return Ok(Some(Value::Obj(cls.clone())));
        }
        match descr {
            Some(d) => self.bind_descriptor(&d, obj).map(Some),
            None => Ok(None),
        }
    }

    /// Attribute lookup on a class object.
    fn type_get_attr(&mut self, cls: &ObjRef, name: &str) -> PyResult<Option<Value>> {
        let cls_val = Value::Obj(cls.clone());
        let meta = self.type_of(&cls_val);
        let meta_attr = self.lookup_in_mro(&meta, name);
        if let Some(m) = &meta_attr
            && self.is_data_descriptor(m)
        {
            return self.bind_descriptor(m, &cls_val).map(Some);
        }
        if let Some(v) = self.type_special_attr(cls, name) {
            return Ok(Some(v));
        }
        if let Some(attr) = self.lookup_in_mro(cls, name) {
            return match attr.payload() {
                Some(Payload::StaticMethod(f)) => Ok(Some(f.clone())),
                Some(Payload::ClassMethod(f)) => {
                    Ok(Some(Value::Obj(Obj::new(Payload::BoundMethod {
                        receiver: cls_val.clone(),
                        func: f.clone(),
                    }))))
                }
                Some(Payload::Object) | Some(Payload::Native(_)) => {
                    let t = self.type_of(&attr);
                    match self.lookup_in_mro(&t, "__get__") {
                        Some(get) if t.as_type().is_some_and(|td| td.is_heap) => self
                            .call(&get, vec![attr.clone(), Value::None, cls_val.clone()])
                            .map(Some),
                        _ => Ok(Some(attr)),
                    }
                }
                _ => Ok(Some(attr)),
            };
        }
        if let Some(m) = meta_attr {
            return self.bind_descriptor(&m, &cls_val).map(Some);
        }
        Ok(None)
    }

    /// Built-in attributes of classes (`__name__`, `__mro__`, ...).
    fn type_special_attr(&self, cls: &ObjRef, name: &str) -> Option<Value> {
        let t = cls.as_type()?;
        Some(match name {
            "__name__" => Value::Obj(Obj::new(Payload::Str(super::object::PyStr::from_rc(
                t.name.borrow().clone(),
            )))),
            "__qualname__" => Value::Obj(Obj::new(Payload::Str(super::object::PyStr::from_rc(
                t.qualname.borrow().clone(),
            )))),
            "__bases__" => Value::tuple(
                t.bases
                    .borrow()
                    .iter()
                    .map(|b| Value::Obj(b.clone()))
                    .collect(),
            ),
            "__base__" => t
                .bases
                .borrow()
                .first()
                .map(|b| Value::Obj(b.clone()))
                .unwrap_or(Value::None),
            "__mro__" => Value::tuple(self.mro_of(cls).into_iter().map(Value::Obj).collect()),
            "__dict__" => Value::Obj(cls.dict.clone()?),
            "__class__" => Value::Obj(self.type_of(&Value::Obj(cls.clone()))),
            "__module__" if !t.is_heap => cls
                .dict
                .as_ref()
                .and_then(|d| self.dict_get_str(d, "__module__"))
                .unwrap_or_else(|| Value::str("builtins")),
            "__doc__" => cls
                .dict
                .as_ref()
                .and_then(|d| self.dict_get_str(d, "__doc__"))
                .unwrap_or(Value::None),
            _ => return None,
        })
    }

    /// Attributes that live in an object's payload rather than its dict.
    fn payload_attr(&mut self, o: &ObjRef, name: &str) -> PyResult<Option<Value>> {
        let v = match (&o.payload, name) {
            (_, "__class__") => Value::Obj(self.type_of(&Value::Obj(o.clone()))),
            (_, "__dict__") if o.dict.is_some() => Value::Obj(o.dict.clone().expect("checked")),
            (Payload::Function(f), _) => match name {
                "__name__" => Value::Obj(Obj::new(Payload::Str(super::object::PyStr::from_rc(
                    f.name.borrow().clone(),
                )))),
                "__qualname__" => Value::Obj(Obj::new(Payload::Str(
                    super::object::PyStr::from_rc(f.qualname.borrow().clone()),
                ))),
                "__code__" => Value::Obj(Obj::new(Payload::Code(f.code.clone()))),
                "__globals__" => Value::Obj(f.globals.clone()),
                "__defaults__" => {
                    let d = f.defaults.borrow();
                    if d.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(d.clone())
                    }
                }
                "__kwdefaults__" => f
                    .kwdefaults
                    .borrow()
                    .clone()
                    .map(Value::Obj)
                    .unwrap_or(Value::None),
                "__closure__" => {
                    if f.closure.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.closure.iter().map(|c| Value::Obj(c.clone())).collect())
                    }
                }
                "__doc__" => f
                    .code
                    .docstring
                    .as_ref()
                    .map(|d| Value::str(d))
                    .unwrap_or(Value::None),
                "__module__" => self
                    .dict_get_str(&f.globals, "__name__")
                    .unwrap_or(Value::None),
                "__annotations__" => {
                    let d = self.new_dict();
                    if let Some(dict) = &o.dict {
                        self.dict_set_str(dict, "__annotations__", Value::Obj(d.clone()));
                    }
                    Value::Obj(d)
                }
                _ => return Ok(None),
            },
            (Payload::NativeFunction(nf), "__name__") => Value::str(nf.name()),
            (Payload::NativeFunction(nf), "__qualname__") => match &nf.names.owner {
                Some(owner) => Value::string(format!("{owner}.{}", nf.name())),
                None => Value::str(nf.name()),
            },
            (Payload::NativeFunction(_), "__doc__") => Value::None,
            (Payload::NativeFunction(_), "__module__") => Value::str("builtins"),
            (Payload::BoundMethod { receiver, .. }, "__self__") => receiver.clone(),
            (Payload::BoundMethod { func, .. }, "__func__") => func.clone(),
            (Payload::BoundMethod { func, .. }, _) => {
                let func = func.clone();
                return self.lookup_attr_opt(&func, name);
            }
            (Payload::Module { name: n }, "__name__") => Value::str(n),
            (Payload::Cell(c), "cell_contents") => match &*c.borrow() {
                Some(v) => v.clone(),
                None => return Err(self.new_value_error("Cell is empty")),
            },
            (Payload::Code(c), _) => match name {
                "co_name" => Value::str(&c.name),
                "co_qualname" => Value::str(&c.qualname),
                "co_filename" => Value::str(&c.filename),
                "co_firstlineno" => Value::Int(c.first_line as i64),
                "co_argcount" => Value::Int(c.argcount as i64),
                "co_varnames" => Value::tuple(c.varnames.iter().map(|s| Value::str(s)).collect()),
                "co_cellvars" => Value::tuple(c.cellvars.iter().map(|s| Value::str(s)).collect()),
                "co_freevars" => Value::tuple(c.freevars.iter().map(|s| Value::str(s)).collect()),
                "co_names" => Value::tuple(c.names.iter().map(|s| Value::str(s)).collect()),
                "co_posonlyargcount" => Value::Int(c.posonlyargcount as i64),
                "co_kwonlyargcount" => Value::Int(c.kwonlyargcount as i64),
                "co_nlocals" => Value::Int(c.varnames.len() as i64),
                "co_flags" => Value::Int(code_flags_word(c)),
                _ => return Ok(None),
            },
            (Payload::Property { fget, .. }, "fget") => fget.clone(),
            (Payload::Property { fset, .. }, "fset") => fset.clone(),
            (Payload::Property { more, .. }, "fdel") => more.fdel(),
            (Payload::PropertySub(f), "fget") => f.borrow()[0].clone(),
            (Payload::PropertySub(f), "fset") => f.borrow()[1].clone(),
            (Payload::PropertySub(f), "fdel") => f.borrow()[2].clone(),
            // Without a getter's docstring in its dict: its class's own `__doc__`.
            (Payload::PropertySub(_), "__doc__") => o
                .class
                .as_ref()
                .and_then(|c| c.dict.as_ref())
                .and_then(|d| self.dict_get_str(d, "__doc__"))
                .unwrap_or(Value::None),
            (Payload::Property { more, fget, .. }, "__doc__") => {
                let doc = more.doc();
                if doc.is_none() && !fget.is_none() {
                    let fget = fget.clone();
                    return self.lookup_attr_opt(&fget, "__doc__");
                }
                doc
            }
            (Payload::StaticMethod(f) | Payload::ClassMethod(f), "__func__") => f.clone(),
            (Payload::StaticMethod(f) | Payload::ClassMethod(f), "__wrapped__") => f.clone(),
            (Payload::Slice { start, .. }, "start") => start.clone(),
            (Payload::Slice { stop, .. }, "stop") => stop.clone(),
            (Payload::Slice { step, .. }, "step") => step.clone(),
            (Payload::Range { start, .. }, "start") => Value::Int(*start),
            (Payload::Range { stop, .. }, "stop") => Value::Int(*stop),
            (Payload::Range { step, .. }, "step") => Value::Int(*step),
            (Payload::Exception(e), _) => {
                let e = e.borrow();
                match name {
                    "args" => e.args.clone(),
                    "__cause__" => e.cause.clone(),
                    "__context__" => e.context.clone(),
                    "__suppress_context__" => Value::Bool(e.suppress_context),
                    "__traceback__" => {
                        drop(e);
                        return self.traceback_object(o).map(Some);
                    }
                    _ => return Ok(None),
                }
            }
            (Payload::Generator(_), _) => return self.generator_attr(o, name),
            (Payload::Super { .. }, _) => return self.super_get_attr(o, name),
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    /// `gi_*`/`cr_*`/`ag_*`, `__name__` and `__qualname__` of a generator object.
    fn generator_attr(&mut self, o: &ObjRef, name: &str) -> PyResult<Option<Value>> {
        use super::generator::{GenKind, GenState};
        let Payload::Generator(g) = &o.payload else {
            return Ok(None);
        };
        let prefix = match g.kind() {
            GenKind::Generator => "gi_",
            GenKind::Coroutine => "cr_",
            GenKind::AsyncGenerator => "ag_",
        };
        if name == "__name__" {
            return Ok(Some(Value::str(&g.name())));
        }
        if name == "__qualname__" {
            return Ok(Some(Value::str(&g.qualname())));
        }
        let Some(rest) = name.strip_prefix(prefix) else {
            return Ok(None);
        };
        g.settle();
        let st = g.state.borrow();
        let v = match rest {
            "running" => Value::Bool(matches!(&*st, GenState::Running)),
            "suspended" => Value::Bool(matches!(&*st, GenState::Suspended(_))),
            "code" => Value::Obj(Obj::new(Payload::Code(g.code.clone()))),
            "frame" => {
                drop(st);
                return self.generator_frame_object(o).map(Some);
            }
            "yieldfrom" | "await" => {
                drop(st);
                let mut st = g.state.borrow_mut();
                match &mut *st {
                    GenState::Suspended(f) => {
                        self.materialize_sleep_zero(f);
                        f.delegate().cloned().unwrap_or(Value::None)
                    }
                    _ => Value::None,
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    /// Attribute lookup through a `super` object.
    fn super_get_attr(&mut self, o: &ObjRef, name: &str) -> PyResult<Option<Value>> {
        let Payload::Super {
            this_class,
            obj,
            obj_type,
        } = &o.payload
        else {
            return Ok(None);
        };
        if name == "__class__" {
            return Ok(None);
        }
        let hash = super::hashing::hash_str(name);
        let Some(attr) = self.lookup_after(obj_type, this_class, name, hash) else {
            return Ok(None);
        };
        let is_class = ObjRef::ptr_eq(obj_type, obj.as_obj().unwrap_or(obj_type))
            && obj.payload().is_some_and(|p| matches!(p, Payload::Type(_)));
        match attr.payload() {
            Some(Payload::ClassMethod(f)) => Ok(Some(Value::Obj(Obj::new(Payload::BoundMethod {
                receiver: Value::Obj(obj_type.clone()),
                func: f.clone(),
            })))),
            Some(Payload::StaticMethod(f)) => Ok(Some(f.clone())),
            _ if is_class => Ok(Some(attr)),
            _ => self.bind_descriptor(&attr, obj).map(Some),
        }
    }

    /// `setattr(obj, name, value)`.
    pub fn set_attr(&mut self, obj: &Value, name: &str, value: Value) -> PyResult<()> {
        self.set_attr_hashed(obj, name, super::hashing::hash_str(name), value)
    }

    /// `setattr(obj, name, value)` with the name's hash already known (STORE_ATTR has it).
    pub fn set_attr_hashed(
        &mut self,
        obj: &Value,
        name: &str,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        // A plain instance with a dict, no `__setattr__` and no data descriptor for the
        // name: object.__setattr__ comes down to the dict store.
        if let Some((cls, table)) = plain_instance_dict(obj, name)
            && let (hooks, descr) = self.hooks_and_lookup(cls, name, hash)
            && store_goes_to_dict(hooks, &descr)
        {
            let key = self.attr_cache.names.key(name, hash);
            return self.table_set(table, key, value);
        }
        let cls = self.type_of(obj);
        if self.attr_hooks(&cls) & super::object::HOOK_SETATTR != 0
            && let Some(hook) = self.lookup_in_mro(&cls, "__setattr__")
            && matches!(hook.payload(), Some(Payload::Function(_)))
        {
            self.call(&hook, vec![obj.clone(), Value::str(name), value])?;
            return Ok(());
        }
        self.generic_set_attr_hashed(obj, &cls, name, hash, Some(value))
    }

    /// `delattr(obj, name)`.
    pub fn del_attr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        let cls = self.type_of(obj);
        if self.attr_hooks(&cls) & super::object::HOOK_DELATTR != 0
            && let Some(hook) = self.lookup_in_mro(&cls, "__delattr__")
            && matches!(hook.payload(), Some(Payload::Function(_)))
        {
            self.call(&hook, vec![obj.clone(), Value::str(name)])?;
            return Ok(());
        }
        self.generic_set_attr(obj, name, None)
    }

    /// object.__setattr__ / object.__delattr__ (value None = delete).
    pub fn generic_set_attr(
        &mut self,
        obj: &Value,
        name: &str,
        value: Option<Value>,
    ) -> PyResult<()> {
        let cls = self.type_of(obj);
        self.generic_set_attr_hashed(obj, &cls, name, super::hashing::hash_str(name), value)
    }

    /// `generic_set_attr` with the class and the name's hash already known.
    fn generic_set_attr_hashed(
        &mut self,
        obj: &Value,
        cls: &ObjRef,
        name: &str,
        hash: i64,
        value: Option<Value>,
    ) -> PyResult<()> {
        let descr = self.lookup_in_mro_hashed(cls, name, hash);
        if let Some(descr) = &descr
            && self.is_data_descriptor(descr)
        {
            return self.descriptor_set(descr, obj, name, value, cls);
        }
        let Value::Obj(o) = obj else {
            return Err(self.no_attribute(obj, name));
        };
        if let Payload::Exception(e) = &o.payload {
            let mut e = e.borrow_mut();
            let v = value.clone().unwrap_or(Value::None);
            match name {
                "args" => {
                    e.args = v;
                    return Ok(());
                }
                "__cause__" => {
                    e.cause = v;
                    e.suppress_context = true;
                    return Ok(());
                }
                "__context__" => {
                    e.context = v;
                    return Ok(());
                }
                "__suppress_context__" => {
                    e.suppress_context = matches!(v, Value::Bool(true));
                    return Ok(());
                }
                "__traceback__" => {
                    drop(e);
                    return self.set_traceback_object(o, &v);
                }
                _ => {}
            }
        }
        if let Payload::Type(t) = &o.payload {
            if !t.is_heap {
                let n = t.name.borrow().clone();
                return Err(self.new_type_error(format!(
                    "cannot set '{name}' attribute of immutable type '{n}'"
                )));
            }
            if name == "__dict__" {
                return Err(self.new_attribute_error(
                    "attribute '__dict__' of 'type' objects is not writable",
                ));
            }
            let slot = match name {
                "__name__" => Some(&t.name),
                "__qualname__" => Some(&t.qualname),
                _ => None,
            };
            // Mirrors typeobject.c type_set_name / type_set_qualname.
            if let Some(slot) = slot {
                let type_name = t.name.borrow().clone();
                return match value.as_ref().map(|v| (v, v.as_str())) {
                    Some((_, Some(s))) => {
                        *slot.borrow_mut() = Rc::from(s);
                        Ok(())
                    }
                    Some((v, None)) => Err(self.new_type_error(format!(
                        "can only assign string to {type_name}.{name}, not '{}'",
                        self.type_name(v)
                    ))),
                    None => Err(self.new_type_error(format!(
                        "cannot delete '{name}' attribute of immutable type '{type_name}'"
                    ))),
                };
            }
        }
        if let Payload::Function(f) = &o.payload {
            match name {
                "__name__" => {
                    *f.name.borrow_mut() = self.string_for_name_attr(name, value.as_ref())?;
                    return Ok(());
                }
                "__qualname__" => {
                    *f.qualname.borrow_mut() = self.string_for_name_attr(name, value.as_ref())?;
                    return Ok(());
                }
                _ => {}
            }
            if name == "__defaults__" {
                let items = value
                    .as_ref()
                    .and_then(|v| v.as_tuple().map(|t| t.to_vec()))
                    .unwrap_or_default();
                *f.defaults.borrow_mut() = items;
                return Ok(());
            }
        }
        if let Payload::Generator(g) = &o.payload {
            match name {
                "__name__" => {
                    g.set_name(self.string_for_name_attr(name, value.as_ref())?);
                    return Ok(());
                }
                "__qualname__" => {
                    g.set_qualname(self.string_for_name_attr(name, value.as_ref())?);
                    return Ok(());
                }
                _ => {}
            }
        }
        if let Some(allowed) = cls.as_type().and_then(|t| t.slots.as_ref())
            && !allowed.iter().any(|s| &**s == name)
        {
            return Err(self.no_attribute(obj, name));
        }
        if name == "__dict__" && o.dict.is_some() {
            return Err(self.dict_replacement_error(value.as_ref()));
        }
        if name == "__class__" {
            return Err(self.class_assignment_error(value.as_ref()));
        }
        match (&o.dict, value) {
            (Some(d), Some(v)) => match d.as_dict() {
                Some(table) => {
                    let key = self.attr_cache.names.key(name, hash);
                    self.table_set(table, key, v)
                }
                None => Ok(()),
            },
            (Some(d), None) => match self.dict_remove_str(d, name) {
                Some(_) => Ok(()),
                None => Err(self.no_attribute(obj, name)),
            },
            (None, _) => {
                if descr.is_some() {
                    return Err(self.new_attribute_error(format!(
                        "'{}' object attribute '{name}' is read-only",
                        self.class_name(cls)
                    )));
                }
                Err(self.no_attribute(obj, name))
            }
        }
    }

    /// The string a function's or generator's `__name__` / `__qualname__` is set to (`value`
    /// None: deleted). Mirrors funcobject.c func_set_name and genobject.c gen_set_name.
    fn string_for_name_attr(&mut self, name: &str, value: Option<&Value>) -> PyResult<Rc<str>> {
        match value.and_then(|v| v.as_str()) {
            Some(s) => Ok(Rc::from(s)),
            None => Err(self.new_type_error(format!("{name} must be set to a string object"))),
        }
    }

    /// The error for assigning or deleting an instance's `__dict__`. CPython's message for a
    /// value that is not a dict (typeobject.c subtype_setdict); replacing the namespace
    /// itself is refused, not half done: `Obj::dict` is fixed for the object's life (readers
    /// across the VM hold it by reference), and silently keeping the old namespace would be a
    /// wrong answer.
    #[cold]
    fn dict_replacement_error(&self, value: Option<&Value>) -> ObjRef {
        match value {
            Some(v) if v.as_obj().and_then(|o| o.as_dict()).is_none() => {
                self.new_type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    self.type_name(v)
                ))
            }
            _ => self.new_type_error(
                "percolate does not support replacing or deleting an object's __dict__ \
                 (update it in place instead: obj.__dict__.clear(); obj.__dict__.update(d))",
            ),
        }
    }

    /// The TypeError for `obj.__class__ = value` or `del obj.__class__`: CPython's messages
    /// for a deletion or a value that is no class; an object's class is fixed for its life in
    /// percolate (its header is shared and immutable), so a real reassignment is refused rather
    /// than silently ignored.
    fn class_assignment_error(&self, value: Option<&Value>) -> ObjRef {
        match value {
            None => self.new_type_error("can't delete __class__ attribute"),
            Some(v) if v.as_obj().and_then(|o| o.as_type()).is_none() => {
                self.new_type_error(format!(
                    "__class__ must be set to a class, not '{}' object",
                    self.type_name(v)
                ))
            }
            Some(_) => self.new_type_error(
                "percolate does not support __class__ assignment (an object's class is fixed \
                 when it is created)",
            ),
        }
    }

    /// Runs a data descriptor's setter or deleter.
    fn descriptor_set(
        &mut self,
        descr: &Value,
        obj: &Value,
        name: &str,
        value: Option<Value>,
        cls: &ObjRef,
    ) -> PyResult<()> {
        match descr.payload() {
            Some(Payload::Property { fset, more, .. }) => {
                let (f, what) = if value.is_some() {
                    (fset.clone(), "setter")
                } else {
                    (more.fdel(), "deleter")
                };
                if f.is_none() {
                    return Err(self.new_attribute_error(format!(
                        "property '{name}' of '{}' object has no {what}",
                        self.class_name(cls)
                    )));
                }
                let mut args = vec![obj.clone()];
                args.extend(value);
                self.call(&f, args)?;
                Ok(())
            }
            _ => {
                let t = self.type_of(descr);
                let (hook, args) = match value {
                    Some(v) => ("__set__", vec![descr.clone(), obj.clone(), v]),
                    None => ("__delete__", vec![descr.clone(), obj.clone()]),
                };
                match self.lookup_in_mro(&t, hook) {
                    Some(f) => {
                        self.call(&f, args)?;
                        Ok(())
                    }
                    None => {
                        Err(self.new_attribute_error(format!("__set__ not defined for '{name}'")))
                    }
                }
            }
        }
    }
}

/// The `co_flags` word with CPython's bit values (Include/cpython/code.h CO_*): what
/// `inspect.iscoroutinefunction` and friends test.
fn code_flags_word(code: &crate::bytecode::Code) -> i64 {
    const CO_OPTIMIZED: i64 = 0x1;
    const CO_NEWLOCALS: i64 = 0x2;
    const CO_VARARGS: i64 = 0x4;
    const CO_VARKEYWORDS: i64 = 0x8;
    const CO_NESTED: i64 = 0x10;
    const CO_GENERATOR: i64 = 0x20;
    const CO_COROUTINE: i64 = 0x80;
    const CO_ITERABLE_COROUTINE: i64 = 0x100;
    const CO_ASYNC_GENERATOR: i64 = 0x200;
    let f = &code.flags;
    let mut word = 0;
    if !f.uses_locals_mapping {
        word |= CO_OPTIMIZED | CO_NEWLOCALS;
    }
    for (on, bit) in [
        (f.varargs, CO_VARARGS),
        (f.varkeywords, CO_VARKEYWORDS),
        (f.generator, CO_GENERATOR),
        (f.coroutine, CO_COROUTINE),
        (f.async_generator, CO_ASYNC_GENERATOR),
        (f.iterable_coroutine, CO_ITERABLE_COROUTINE),
        // symtable.c marks scopes inside a function; the qualname records exactly that.
        (code.qualname.contains("<locals>"), CO_NESTED),
    ] {
        if on {
            word |= bit;
        }
    }
    word
}

/// The class and dict table of a plain instance whose attribute `name` may be stored
/// straight into its dict: the class has no `__slots__`, or they name `name`, and the name
/// is not `__dict__` or `__class__` (never entries of the dict: the generic path refuses
/// replacing either).
#[inline]
fn plain_instance_dict<'a>(
    obj: &'a Value,
    name: &str,
) -> Option<(&'a ObjRef, &'a std::cell::RefCell<super::dict::DictTable>)> {
    if name == "__dict__" || name == "__class__" {
        return None;
    }
    let cls = plain_instance_class(obj)?;
    if let Some(allowed) = &cls.as_type()?.slots
        && !allowed
            .iter()
            .any(|s| super::attr_cache::same_text(s.as_bytes(), name.as_bytes()))
    {
        return None;
    }
    Some((cls, obj.as_obj()?.dict.as_ref()?.as_dict()?))
}

/// The class of an instance of a Python class with no built-in payload (`Payload::Object`).
#[inline]
fn plain_instance_class(obj: &Value) -> Option<&ObjRef> {
    let Value::Obj(o) = obj else { return None };
    let cls = o.class.as_ref()?;
    matches!(o.payload, Payload::Object).then_some(cls)
}

/// Remembers at the site of name `i` that the MRO of `cls` does not hold the name (the
/// class attribute look-up just answered None, with hook bits `hooks`), unless it already
/// knows; only for class objects, whose dict versions validate the record.
#[inline(never)]
fn remember_instance_class(names: &NameTable, i: usize, cls: &ObjRef, hooks: u8) {
    if cls.as_type().is_some() && names.instance_class_hooks(i, cls).is_none() {
        let versions = super::dict_version::mro_versions(cls);
        names.remember_instance_class(i, cls, versions, hooks);
    }
}

/// object.__setattr__ comes down to the dict store: no Python `__setattr__` on the class
/// (`hooks`) and no data descriptor (`descr`, what the MRO holds under the name).
#[inline]
fn store_goes_to_dict(hooks: u8, descr: &Option<Value>) -> bool {
    hooks & super::object::HOOK_SETATTR == 0
        && descr
            .as_ref()
            .is_none_or(|d| matches!(d.payload(), Some(Payload::Function(_))))
}

/// `dict[name]` for an instance dict, trying first the position where the code site of name
/// `i` (`names`) last found it: that entry is the name's when its key is the very key object
/// the site last found there (a dict holds a key once), so neither the probe sequence nor a
/// text comparison is needed (what CPython's LOAD_ATTR_INSTANCE_VALUE gets from shared keys).
#[inline(always)]
pub(super) fn instance_dict_get_at_site(
    names: &NameTable,
    i: usize,
    dict: &ObjRef,
    name: &str,
    hash: i64,
) -> Option<Value> {
    let table = dict.as_dict()?;
    // SAFETY: the reference lives only until this block ends, and nothing in it can borrow
    // the table mutably (`is_attr_key` compares pointers, the clone is a count increment). A
    // table mutably borrowed right now makes `try_borrow_unguarded` fail: the slow path runs.
    if let Ok(t) = unsafe { table.try_borrow_unguarded() }
        && let Some(e) = t.entry_at(names.attr_position(i))
        && names.is_attr_key(i, &e.key)
    {
        return Some(e.value.clone());
    }
    instance_dict_get_slow(names, i, table, name, hash)
}

/// `instance_dict_get_at_site` when the remembered position and key do not answer: the
/// entry at that position compared as text, else the probe; the position found and its key
/// (an exact `str`) are remembered for the next look-up.
#[inline(never)]
fn instance_dict_get_slow(
    names: &NameTable,
    i: usize,
    table: &std::cell::RefCell<super::dict::DictTable>,
    name: &str,
    hash: i64,
) -> Option<Value> {
    let table = table.borrow();
    let pos = match table.entry_at(names.attr_position(i)) {
        Some(e)
            if e.hash == hash
                && e.key.as_str().is_some_and(|k| {
                    super::attr_cache::same_text(k.as_bytes(), name.as_bytes())
                }) =>
        {
            names.attr_position(i)
        }
        _ => table.str_position(name, hash)?,
    };
    names.remember_attr_position(i, pos);
    let e = table.entry_at(pos)?;
    names.learn_attr_key(i, &e.key);
    Some(e.value.clone())
}
