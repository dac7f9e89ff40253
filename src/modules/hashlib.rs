//! The native half of `hashlib`: MD5, SHA-1 and SHA-2 digests (RustCrypto crates) behind a
//! handle; the `hashlib` surface and `hmac` are Python (`py/hashlib.py`, `py/hmac.py`).

use crate::builtins::bytes_methods::new_bytes;
use crate::modules::python_module;
use crate::vm::object::{NativeObject, Payload};
use crate::vm::{ObjRef, PyResult, Value, Vm};
use sha2::Digest;
use std::cell::RefCell;

/// The running state of one hash computation.
#[derive(Clone)]
enum Hasher {
    /// MD5.
    Md5(md5::Md5),
    /// SHA-1.
    Sha1(sha1::Sha1),
    /// SHA-224.
    Sha224(sha2::Sha224),
    /// SHA-256.
    Sha256(sha2::Sha256),
    /// SHA-384.
    Sha384(sha2::Sha384),
    /// SHA-512.
    Sha512(sha2::Sha512),
}

impl Hasher {
    fn new(name: &str) -> Option<Hasher> {
        Some(match name {
            "md5" => Hasher::Md5(md5::Md5::new()),
            "sha1" => Hasher::Sha1(sha1::Sha1::new()),
            "sha224" => Hasher::Sha224(sha2::Sha224::new()),
            "sha256" => Hasher::Sha256(sha2::Sha256::new()),
            "sha384" => Hasher::Sha384(sha2::Sha384::new()),
            "sha512" => Hasher::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// A hash computation held by a Python `hashlib` object.
struct HashState {
    /// The state (a RefCell: `update` mutates it through a shared handle).
    hasher: RefCell<Hasher>,
}

impl NativeObject for HashState {
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn state<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a HashState> {
    match v.as_obj().and_then(|o| o.native::<HashState>()) {
        Some(s) => Ok(s),
        None => Err(vm.new_type_error("expected a hash state")),
    }
}

/// Registers `hashlib`.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let state_cls = vm.new_native_class("_HashState", &[], "hashlib");
    let new_fn = vm.new_native_fn("_new", move |vm, args| {
        let a = args.check(vm, "_new", 1, 1)?.to_vec();
        let name = a[0].as_str().unwrap_or_default().to_ascii_lowercase();
        Ok(match Hasher::new(&name) {
            Some(hasher) => Value::Obj(vm.new_native_object(
                &state_cls,
                HashState {
                    hasher: RefCell::new(hasher),
                },
            )),
            None => Value::None,
        })
    });
    let update_fn = vm.new_native_fn("_update", |vm, args| {
        let a = args.check(vm, "_update", 2, 2)?.to_vec();
        let s = state(vm, &a[0])?;
        match a[1].payload() {
            Some(Payload::Bytes(b)) => s.hasher.borrow_mut().update(b),
            _ => return Err(vm.new_type_error("_update expects bytes")),
        }
        Ok(Value::None)
    });
    let digest_fn = vm.new_native_fn("_digest", |vm, args| {
        let a = args.check(vm, "_digest", 1, 1)?.to_vec();
        let s = state(vm, &a[0])?;
        let digest = s.hasher.borrow().digest();
        Ok(new_bytes(digest))
    });
    let copy_cls = vm.new_native_class("_HashState", &[], "hashlib");
    let copy_fn = vm.new_native_fn("_copy", move |vm, args| {
        let a = args.check(vm, "_copy", 1, 1)?.to_vec();
        let hasher = state(vm, &a[0])?.hasher.borrow().clone();
        Ok(Value::Obj(vm.new_native_object(
            &copy_cls,
            HashState {
                hasher: RefCell::new(hasher),
            },
        )))
    });
    let natives = vec![
        ("_new", new_fn),
        ("_update", update_fn),
        ("_digest", digest_fn),
        ("_copy", copy_fn),
    ];
    python_module(
        vm,
        "hashlib",
        "<frozen hashlib>",
        include_str!("py/hashlib.py"),
        natives,
    )
}
