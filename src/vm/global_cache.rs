//! Per-code-object facts a frame reaches through one pointer (`NameTable`): the code object
//! itself, its constants as values, the hashes of `Code::names`, and LOAD_GLOBAL's and the
//! attribute look-ups' inline caches.
//!
//! Mirrors CPython's specialised `LOAD_GLOBAL_MODULE` / `LOAD_GLOBAL_BUILTIN`
//! (Python/specialize.c): a global look-up remembers the position of the entry it found and
//! re-reads that position while the dicts it depended on are unchanged. CPython guards with
//! the dicts' *keys* versions; here the guard is the dicts' mutation counters
//! (`DictTable::version`), which also move when a value is replaced: simpler, and a miss
//! only costs the ordinary look-up. Nothing is held strongly, so caching never keeps a
//! value (or a dict) alive longer than CPython would.

use super::dict::DictTable;
use super::object::{Obj, Payload};
use super::value::{ObjRef, Value};
use crate::bytecode::{Code, Instr};
use crate::vm::value::WeakObj;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Where LOAD_GLOBAL found one name, and the state of the dicts that made it true.
struct GlobalHit {
    /// The globals dict searched. Held weakly: its allocation (hence its address) cannot be
    /// reused by another dict while this exists, and the dict itself is not kept alive. The
    /// code object may be shared by functions with different globals (`exec` of one code in
    /// two namespaces), so the address is part of the key.
    _globals: WeakObj,
    /// The address `globals` points to, compared on every hit (`Weak::as_ptr` must first
    /// rule out a dangling `Weak`, which this one never is).
    globals_addr: *const Obj,
    /// `globals`' mutation counter when the position was found.
    globals_version: u64,
    /// The builtins dict's mutation counter when the name came from builtins (a name found
    /// in globals does not depend on builtins).
    builtins_version: Option<u64>,
    /// The entry's position in the dict it was found in.
    position: usize,
}

/// What the MRO of one class held under one attribute name, at one state of its dicts
/// (the per-name inline cache of LOAD_ATTR, STORE_ATTR and CALL_METHOD on instances).
struct ClassAttrHit {
    /// The class. Held weakly, for the same reason as `GlobalHit::globals`.
    _class: WeakObj,
    /// The class's address, compared on every hit.
    class_addr: *const Obj,
    /// The sum of the dict versions over the class's MRO (see `attr_cache`).
    versions: u64,
    /// The class's `HOOK_*` bits.
    hooks: u8,
    /// What the MRO holds under the name.
    found: Option<Value>,
}

/// What `super().name` resolved to in one code object, for one receiver type (the inline
/// cache of the LOAD_SUPER_ATTR equivalent in eval_super.rs).
struct SuperHit {
    /// The receiver's type. Held weakly, for the same reason as `GlobalHit::globals`; while it
    /// lives, its MRO holds `this_class`, so that address cannot be reused either.
    _obj_type: WeakObj,
    /// The receiver type's address, compared on every hit.
    obj_type_addr: *const Obj,
    /// The address of the class the search started after (`__class__`).
    this_class_addr: *const Obj,
    /// The index of the name in `Code::names`.
    name: usize,
    /// The sum of the dict versions over the receiver type's MRO (see `attr_cache`).
    versions: u64,
    /// What the MRO after `this_class` holds under the name.
    found: Value,
}

/// The two classes an `InstanceClass` pair remembers, held weakly.
type ClassRefs = [Option<WeakObj>; 2];

/// A class at a state of its MRO's dicts where one name is on no class of the MRO: the name
/// can only be an instance attribute (the guard of CPython's LOAD_ATTR_INSTANCE_VALUE).
#[derive(Clone, Copy)]
struct InstanceClass {
    /// The class's address (kept unique by `NameTable::instance_class_refs`).
    addr: *const Obj,
    /// The sum of the dict versions over the class's MRO (see `attr_cache`).
    versions: u64,
    /// The class's `HOOK_*` bits at those versions.
    hooks: u8,
}

impl InstanceClass {
    /// Matches no class.
    const NONE: InstanceClass = InstanceClass {
        addr: std::ptr::null(),
        versions: 0,
        hooks: 0,
    };
}

/// A code object with what a frame running it needs besides (made by `Vm::name_table_of`,
/// which keeps one per function body's code; a module or class body or `exec`'s code gets a
/// fresh one per run, see `keeps_tables`): the hashes of its names, computed once, with one LOAD_GLOBAL cache
/// slot and one class-attribute cache slot per name, and its constants as values. A frame
/// holds one pointer to it and reaches the code through it, as CPython 3.11's frame reaches
/// `co_*` through its one `f_code`.
pub struct NameTable {
    /// The code object (a frame's code: `Frame::code`; never replaced, so that a running
    /// frame's code stays the same).
    code: Rc<Code>,
    /// `hash(name)` for each of `Code::names`.
    pub hashes: Box<[i64]>,
    /// The last successful global look-up of each name.
    slots: Box<[RefCell<Option<GlobalHit>>]>,
    /// The code's constants as values (`Vm::consts_of`; kept here so that a frame reaches
    /// them through the one pointer it holds to this table).
    pub consts: Rc<[Value]>,
    /// The slots a frame of the code gets in its buffer: its locals, cells and maximum
    /// operand-stack depth (`stack_depth::max_stack_depth`, `frame::slots_for`); 0 only
    /// in `NameTable::empty`'s tables, whose frames reserve `slots_for(code, 0)` instead.
    pub frame_slots: u32,
    /// The last two class look-ups of each name as an instance attribute (newest first:
    /// two classes share one method's code in the commonest polymorphic sites).
    class_attrs: Box<[RefCell<[Option<ClassAttrHit>; 2]>]>,
    /// The shared `str` key object of each name stored into instance dicts (from
    /// `AttrCache::names`, kept here so STORE_ATTR need not look it up again).
    attr_keys: Box<[RefCell<Option<Value>>]>,
    /// Where each name was last found in a plain instance's dict (`u32::MAX`: nowhere yet):
    /// instances of one class store their attributes in the same order, so the position
    /// usually holds the name in the next instance too (what CPython's shared-key
    /// dictionaries and LOAD_ATTR_INSTANCE_VALUE get from a fixed layout).
    attr_positions: Box<[Cell<u32>]>,
    /// Per name, the last two classes (newest first) whose instances had it as a plain
    /// instance attribute: checked with two comparisons before the class-attribute cache.
    instance_classes: Box<[[Cell<InstanceClass>; 2]]>,
    /// The classes of `instance_classes`, held weakly so their addresses stay unique while
    /// remembered (the same reason as `GlobalHit::globals`).
    instance_class_refs: Box<[RefCell<ClassRefs>]>,
    /// The last two `super().name` resolutions in the code (newest first: a base class's
    /// method reached from instances of two subclasses).
    super_hits: RefCell<[Option<SuperHit>; 2]>,
}

/// The table of a dict object.
fn table_of(dict: &ObjRef) -> Option<&RefCell<DictTable>> {
    match &dict.payload {
        Payload::Dict(t) => Some(t),
        _ => None,
    }
}

impl NameTable {
    /// The table for `code`, with its constants `consts` (as values).
    pub fn new(code: Rc<Code>, consts: Rc<[Value]>) -> NameTable {
        let shared = Rc::clone(&code);
        NameTable::with_names(code, &shared.names, consts)
    }

    /// The table for `code` with slots for `names` (`code.names`, or none at all).
    fn with_names(code: Rc<Code>, names: &[Rc<str>], consts: Rc<[Value]>) -> NameTable {
        NameTable {
            code,
            consts,
            hashes: names.iter().map(|n| super::hashing::hash_str(n)).collect(),
            slots: names.iter().map(|_| RefCell::new(None)).collect(),
            frame_slots: 0,
            class_attrs: names.iter().map(|_| RefCell::new([None, None])).collect(),
            attr_keys: names.iter().map(|_| RefCell::new(None)).collect(),
            attr_positions: names.iter().map(|_| Cell::new(u32::MAX)).collect(),
            instance_classes: names
                .iter()
                .map(|_| {
                    [
                        Cell::new(InstanceClass::NONE),
                        Cell::new(InstanceClass::NONE),
                    ]
                })
                .collect(),
            instance_class_refs: names.iter().map(|_| RefCell::new([None, None])).collect(),
            super_hits: RefCell::new([None, None]),
        }
    }

    /// The code object.
    #[inline(always)]
    pub fn code(&self) -> &Rc<Code> {
        &self.code
    }

    /// The code's instructions.
    #[inline(always)]
    pub fn instructions(&self) -> &[Instr] {
        &self.code.instructions
    }

    /// The instance-dict position name `i` was last found at (`u32::MAX` when none).
    #[inline]
    pub fn attr_position(&self, i: usize) -> usize {
        self.attr_positions.get(i).map_or(u32::MAX, Cell::get) as usize
    }

    /// Remembers that name `i` was found at instance-dict position `pos`.
    #[inline]
    pub fn remember_attr_position(&self, i: usize, pos: usize) {
        if let Some(slot) = self.attr_positions.get(i) {
            slot.set(u32::try_from(pos).unwrap_or(u32::MAX));
        }
    }

    /// The dict key object for name `i`, made by `make` on first use (None when the
    /// table has no slot for it).
    #[inline]
    pub fn attr_key(&self, i: usize, make: impl FnOnce() -> Value) -> Option<Value> {
        let slot = self.attr_keys.get(i)?;
        // SAFETY: as in `cached_global`: the reference ends before `make` runs or the slot
        // is written, and nothing in between can borrow the slot.
        if let Ok(Some(key)) = unsafe { slot.try_borrow_unguarded() } {
            return Some(key.clone());
        }
        let key = make();
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(key.clone());
        }
        Some(key)
    }

    /// The hook bits of `cls` when remembered (`remember_instance_class`) as having name `i`
    /// on no class of its MRO, at the MRO's current dict versions.
    #[inline(always)]
    pub fn instance_class_hooks(&self, i: usize, cls: &ObjRef) -> Option<u8> {
        let recs = self.instance_classes.get(i)?;
        let addr = ObjRef::as_ptr(cls);
        let rec = match recs[0].get() {
            rec if rec.addr == addr => rec,
            _ => recs[1].get(),
        };
        (rec.addr == addr && rec.versions == super::dict_version::mro_versions(cls))
            .then_some(rec.hooks)
    }

    /// Remembers that no class on the MRO of `cls` (a class object) holds name `i` at dict
    /// versions `versions`, where its hook bits are `hooks`.
    pub fn remember_instance_class(&self, i: usize, cls: &ObjRef, versions: u64, hooks: u8) {
        let (Some(recs), Some(refs)) = (
            self.instance_classes.get(i),
            self.instance_class_refs.get(i),
        ) else {
            return;
        };
        let Ok(mut refs) = refs.try_borrow_mut() else {
            return;
        };
        let rec = InstanceClass {
            addr: ObjRef::as_ptr(cls),
            versions,
            hooks,
        };
        if recs[0].get().addr == rec.addr {
            recs[0].set(rec);
        } else if recs[1].get().addr == rec.addr {
            recs[1].set(rec);
        } else {
            // The newest goes first; the older of the two is forgotten.
            recs[1].set(recs[0].get());
            refs[1] = refs[0].take();
            recs[0].set(rec);
            refs[0] = Some(ObjRef::downgrade(cls));
        }
    }

    /// True when `key` is the very key object remembered for name `i` (`attr_key`,
    /// `learn_attr_key`): a pointer comparison, no text.
    #[inline(always)]
    pub fn is_attr_key(&self, i: usize, key: &Value) -> bool {
        let Some(slot) = self.attr_keys.get(i) else {
            return false;
        };
        // SAFETY: as in `cached_global`: the reference ends with this function, which only
        // compares two pointers.
        match (unsafe { slot.try_borrow_unguarded() }, key) {
            (Ok(Some(Value::Obj(mine))), Value::Obj(key)) => ObjRef::ptr_eq(mine, key),
            _ => false,
        }
    }

    /// Remembers `key`, found in an instance dict under name `i`, as the name's key object
    /// when it is an exact `str` (a `str` subclass key is never reused for other dicts).
    #[inline]
    pub fn learn_attr_key(&self, i: usize, key: &Value) {
        let exact_str = matches!(key, Value::Obj(o)
            if matches!(o.payload, Payload::Str(_)) && o.class.is_none());
        if exact_str
            && let Some(slot) = self.attr_keys.get(i)
            && let Ok(mut slot) = slot.try_borrow_mut()
            && !slot.as_ref().is_some_and(|mine| mine.is(key))
        {
            *slot = Some(key.clone());
        }
    }

    /// The hook bits of `cls` and what its MRO holds under name `i`, when remembered at
    /// dict versions `versions` (what `Vm::hooks_and_lookup` would answer).
    #[inline]
    pub fn cached_class_attr(
        &self,
        i: usize,
        cls: &ObjRef,
        versions: u64,
    ) -> Option<(u8, Option<Value>)> {
        // SAFETY: as in `cached_global`: the reference does not outlive this function, which
        // runs no code that could borrow the slot mutably (the clone is a count increment).
        let hits = unsafe { self.class_attrs.get(i)?.try_borrow_unguarded() }.ok()?;
        hits.iter()
            .flatten()
            .find(|hit| hit.class_addr == ObjRef::as_ptr(cls))
            .filter(|hit| hit.versions == versions)
            .map(|hit| (hit.hooks, hit.found.clone()))
    }

    /// Remembers what `cached_class_attr` answers for name `i` on `cls` at `versions`.
    pub fn remember_class_attr(
        &self,
        i: usize,
        cls: &ObjRef,
        versions: u64,
        hooks: u8,
        found: Option<Value>,
    ) {
        if let Some(slot) = self.class_attrs.get(i)
            && let Ok(mut hits) = slot.try_borrow_mut()
        {
            let hit = ClassAttrHit {
                _class: ObjRef::downgrade(cls),
                class_addr: ObjRef::as_ptr(cls),
                versions,
                hooks,
                found,
            };
            let class_addr = hit.class_addr;
            put_two_way(&mut hits, hit, |h| h.class_addr == class_addr);
        }
    }

    /// What the MRO of `obj_type` after `this_class` holds under name `i`, when remembered
    /// at dict versions `versions` (what `Vm::lookup_after` would answer).
    #[inline]
    pub fn cached_super(
        &self,
        i: usize,
        obj_type: &ObjRef,
        this_class: &ObjRef,
        versions: u64,
    ) -> Option<Value> {
        // SAFETY: as in `cached_global`: the reference does not outlive this function, which
        // runs no code that could borrow the slot mutably (the clone is a count increment).
        let hits = unsafe { self.super_hits.try_borrow_unguarded() }.ok()?;
        hits.iter()
            .flatten()
            .find(|hit| {
                hit.obj_type_addr == ObjRef::as_ptr(obj_type)
                    && hit.this_class_addr == ObjRef::as_ptr(this_class)
                    && hit.name == i
            })
            .filter(|hit| hit.versions == versions)
            .map(|hit| hit.found.clone())
    }

    /// Remembers what `cached_super` answers for name `i`, `obj_type` and `this_class` at
    /// `versions`.
    pub fn remember_super(
        &self,
        i: usize,
        obj_type: &ObjRef,
        this_class: &ObjRef,
        versions: u64,
        found: Value,
    ) {
        let Ok(mut hits) = self.super_hits.try_borrow_mut() else {
            return;
        };
        let hit = SuperHit {
            _obj_type: ObjRef::downgrade(obj_type),
            obj_type_addr: ObjRef::as_ptr(obj_type),
            this_class_addr: ObjRef::as_ptr(this_class),
            name: i,
            versions,
            found,
        };
        let (obj_type_addr, this_class_addr) = (hit.obj_type_addr, hit.this_class_addr);
        put_two_way(&mut hits, hit, |h| {
            h.obj_type_addr == obj_type_addr && h.this_class_addr == this_class_addr && h.name == i
        });
    }

    /// A table for `code` with no name slots, holding `consts` (`exec`/`eval` frames, whose
    /// code may run once: hashes are computed when asked and nothing is cached).
    pub fn empty(code: Rc<Code>, consts: Rc<[Value]>) -> Rc<NameTable> {
        Rc::new(NameTable::with_names(code, &[], consts))
    }

    /// The value of global name `i` from the cache, if `globals` and `builtins` are
    /// unchanged since its position was found.
    #[inline]
    pub fn cached_global(&self, i: usize, globals: &ObjRef, builtins: &ObjRef) -> Option<Value> {
        // SAFETY (the three unguarded borrows below): each reference lives only until this
        // function returns, and nothing in it can take a mutable borrow of these cells: it
        // runs no Python code and calls nothing that writes a dict or a cache slot (the
        // value's clone is a reference count increment). A cell that is mutably borrowed
        // right now makes `try_borrow_unguarded` fail, and the look-up takes the slow path.
        // (This is LOAD_GLOBAL's hit, run on every call of a global function: the guarded
        // borrows' counter updates were a third of its cost.)
        let hit = unsafe { self.slots.get(i)?.try_borrow_unguarded() }
            .ok()?
            .as_ref()?;
        if hit.globals_addr != ObjRef::as_ptr(globals) {
            return None;
        }
        let globals_table = unsafe { table_of(globals)?.try_borrow_unguarded() }.ok()?;
        if globals_table.version != hit.globals_version {
            return None;
        }
        let value = match hit.builtins_version {
            None => globals_table.entry_at(hit.position)?.value.clone(),
            Some(v) => {
                let builtins_table = unsafe { table_of(builtins)?.try_borrow_unguarded() }.ok()?;
                if builtins_table.version != v {
                    return None;
                }
                builtins_table.entry_at(hit.position)?.value.clone()
            }
        };
        Some(value)
    }

    /// Looks global name `i` up in `globals`, then `builtins`, and remembers where it was
    /// found. None when it is in neither.
    pub fn load_global(
        &self,
        i: usize,
        name: &str,
        globals: &ObjRef,
        builtins: &ObjRef,
    ) -> Option<Value> {
        let hash = self
            .hashes
            .get(i)
            .copied()
            .unwrap_or_else(|| super::hashing::hash_str(name));
        let globals_table = table_of(globals)?.borrow();
        let (value, position, builtins_version) = match globals_table.str_position(name, hash) {
            Some(pos) => (globals_table.entry_at(pos)?.value.clone(), pos, None),
            None => {
                let builtins_table = table_of(builtins)?.borrow();
                let pos = builtins_table.str_position(name, hash)?;
                let value = builtins_table.entry_at(pos)?.value.clone();
                (value, pos, Some(builtins_table.version.get()))
            }
        };
        if let Some(slot) = self.slots.get(i) {
            *slot.borrow_mut() = Some(GlobalHit {
                _globals: ObjRef::downgrade(globals),
                globals_addr: ObjRef::as_ptr(globals),
                globals_version: globals_table.version.get(),
                builtins_version,
                position,
            });
        }
        Some(value)
    }
}

/// Stores `hit` in a two-entry cache: over the entry `same` recognises as its own stale one,
/// else in front, the older of the two evicted.
fn put_two_way<T>(hits: &mut [Option<T>; 2], hit: T, same: impl Fn(&T) -> bool) {
    if hits[0].as_ref().is_some_and(&same) {
        hits[0] = Some(hit);
    } else if hits[1].as_ref().is_some_and(&same) {
        hits[1] = Some(hit);
    } else {
        hits[1] = hits[0].take();
        hits[0] = Some(hit);
    }
}
