//! Dict versions and the class epoch: what lets a class's attribute caches be validated with
//! one comparison instead of a walk over its MRO.
//!
//! Every `DictTable` mutation bumps its `DictVersion`. A dict that is (or may be) some class's
//! namespace is *watched*: once watched, each of its bumps also advances the thread's class
//! epoch. So while the epoch stands still, no watched dict changed, and anything computed from
//! watched dicts at that epoch still holds (CPython gets the same guarantee from type version
//! tags, typeobject.c `PyType_Modified`, invalidated per class and subclass instead).
//! The values never cross threads (they are `Rc`-based), so the epoch is per thread.

use super::object::Payload;
use super::value::ObjRef;
use std::cell::Cell;

thread_local! {
    /// Advanced by every mutation of a watched dict.
    static CLASS_EPOCH: Cell<u64> = const { Cell::new(0) };
}

/// The current class epoch (see the module comment).
#[inline(always)]
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.with(Cell::get)
}

/// Marks that some watched dict changed.
#[cold]
fn advance_class_epoch() {
    CLASS_EPOCH.with(|e| e.set(e.get() + 1));
}

/// The top bit of a version marks a watched dict; the rest counts mutations.
const WATCHED: u64 = 1 << 63;

/// A dict's mutation count, whose top bit says whether its mutations advance the class epoch.
/// Setting that bit makes the value larger, so versions still never go back; a cache that
/// remembered the value from before costs one spurious miss.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct DictVersion(u64);

impl DictVersion {
    /// The version as a number (mutation count plus the watch bit).
    #[inline(always)]
    pub fn get(self) -> u64 {
        self.0
    }

    /// True when mutations advance the class epoch.
    #[inline(always)]
    pub fn is_watched(self) -> bool {
        self.0 & WATCHED != 0
    }

    /// Makes mutations from now on advance the class epoch.
    #[inline]
    pub fn watch(&mut self) {
        self.0 |= WATCHED;
    }
}

impl std::ops::AddAssign<u64> for DictVersion {
    /// A mutation (or `n` of them): counted, and seen by the class epoch when watched.
    #[inline(always)]
    fn add_assign(&mut self, n: u64) {
        self.0 += n;
        if self.is_watched() {
            advance_class_epoch();
        }
    }
}

impl std::ops::Add<u64> for DictVersion {
    type Output = DictVersion;
    /// The version after `n` more mutations (the watch carries over; the epoch advances
    /// when watched, as the table this is for replaces the watched one).
    #[inline]
    fn add(mut self, n: u64) -> DictVersion {
        self += n;
        self
    }
}

impl PartialEq<u64> for DictVersion {
    fn eq(&self, other: &u64) -> bool {
        self.0 == *other
    }
}

/// The mutation count of one class's own dict (0 when the class has none), watching the dict
/// from now on; `watched` is cleared when the dict is borrowed and could not be marked.
fn watched_dict_version(cls: &ObjRef, watched: &mut bool) -> u64 {
    let Some(dict) = cls.dict.as_ref() else {
        return 0;
    };
    let Payload::Dict(table) = &dict.payload else {
        return 0;
    };
    match table.try_borrow_mut() {
        Ok(mut t) => {
            t.version.watch();
            t.version.get()
        }
        Err(_) => {
            *watched = false;
            table.borrow().version.get()
        }
    }
}

/// The sum of the dict versions of `cls` and its MRO (excluding itself): a number that changes
/// whenever one of those dicts changes, as versions only grow. Memoized in the class per class
/// epoch, so while no class dict changes it costs one comparison.
#[inline]
pub fn mro_versions(cls: &ObjRef) -> u64 {
    let Payload::Type(t) = &cls.payload else {
        return 0;
    };
    let epoch = class_epoch();
    let (at, sum) = t.versions_memo.get();
    if at == epoch {
        return sum;
    }
    recompute_mro_versions(cls, epoch)
}

/// `mro_versions` when the memo is stale: reads (and watches) every dict, then remembers the
/// sum at `epoch`, which watching did not advance (unless some dict could not be watched).
#[cold]
fn recompute_mro_versions(cls: &ObjRef, epoch: u64) -> u64 {
    let Payload::Type(t) = &cls.payload else {
        return 0;
    };
    let mut watched = true;
    let own = watched_dict_version(cls, &mut watched);
    let sum = t.mro.borrow().iter().fold(own, |sum, c| {
        sum.wrapping_add(watched_dict_version(c, &mut watched))
    });
    if watched {
        t.versions_memo.set((epoch, sum));
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::super::dict::DictTable;
    use super::super::value::Value;
    use super::class_epoch;

    /// Mutations of a watched table advance the epoch (replacing its contents included, and
    /// the watch survives that); mutations of other tables do not.
    #[test]
    fn watched_mutations_advance_the_epoch() {
        let mut plain = DictTable::new();
        let before = class_epoch();
        plain.set_str("a", 1, Value::Int(1));
        assert_eq!(class_epoch(), before);

        let mut class_dict = DictTable::new();
        class_dict.version.watch();
        let before = class_epoch();
        class_dict.set_str("a", 1, Value::Int(1));
        assert!(class_epoch() > before);
        let before = class_epoch();
        let old = class_dict.take_all();
        assert_eq!(old.len(), 1);
        assert!(class_epoch() > before);
        assert!(class_dict.version.is_watched());
        let before = class_epoch();
        class_dict.clear();
        assert!(class_epoch() > before);
        assert!(class_dict.version.is_watched());
    }
}
