//! CALL_METHOD of a plain Python method on an instance of a Python class, the commonest
//! method call (`self.area()`, `counter.add(x)`): the callee's frame is set up at once from
//! the site's class-attribute cache, before the checks the general path makes for dicts,
//! generators, built-in methods and `super()`.

use super::Vm;
use super::frame::Frame;
use super::object::{Function, HOOK_GETATTRIBUTE, Payload};
use super::value::Value;

impl Vm {
    /// The frame of `receiver.name(args)` for CALL_METHOD of name `i` with `n` arguments when
    /// the receiver (below the arguments on `frame`'s stack) is an instance of a Python class
    /// with no built-in payload, no `__getattribute__` of its own and no instance attribute
    /// `name`, and the class attribute is a plain function of exactly `n + 1` positional
    /// parameters, the last ones possibly defaulted: the receiver and the arguments move
    /// into its locals, the defaults fill the rest. None, with the stack
    /// untouched, for every other call.
    #[inline(never)]
    pub(super) fn instance_method_frame(
        &mut self,
        frame: &mut Frame,
        i: usize,
        n: usize,
    ) -> Option<Box<Frame>> {
        let (f, missing) = {
            let Value::Obj(o) = &frame.stack[frame.stack.len() - n - 1] else {
                return None;
            };
            let cls = o.class.as_ref()?;
            if !matches!(o.payload, Payload::Object) {
                return None;
            }
            let name = &frame.code().names[i];
            let hash = frame.name_hash(i);
            let (hooks, f) = self.class_attr_at_site(&frame.names, i, cls, name, hash);
            let f = f?;
            let Some(Payload::Function(func)) = f.payload() else {
                return None;
            };
            if hooks & HOOK_GETATTRIBUTE != 0 {
                return None;
            }
            let missing = missing_defaults(func, n + 1)?;
            // An instance attribute of the same name would be what `receiver.name` finds.
            if let Some(d) = &o.dict
                && d.as_dict()
                    .is_none_or(|t| t.borrow().str_position(name, hash).is_some())
            {
                return None;
            }
            (f, missing)
        };
        let Some(Payload::Function(func)) = f.payload() else {
            return None;
        };
        let mut callee = self.exact_args_function_frame(func, None, &mut frame.stack, n + 1);
        if missing > 0 {
            // The last `missing` parameters take the last `missing` defaults.
            let defaults = func.defaults.borrow();
            let first = defaults.len() - missing;
            for (k, d) in defaults[first..].iter().enumerate() {
                *callee.local_mut(n + 1 + k) = Some(d.clone());
            }
        }
        Some(callee)
    }
}

/// For a call of `func` with `given` positional arguments and nothing else: how many
/// trailing parameters take their defaults, when the arguments and those defaults are
/// exactly its parameters (`exact_arity`: no `*args`, `**kwargs`, keyword-only parameters
/// or cells, not a generator). None for any other call.
#[inline(always)]
fn missing_defaults(func: &Function, given: usize) -> Option<usize> {
    let argc = func.exact_arity as usize;
    if argc == given {
        return Some(0);
    }
    // A generator's or an inexact function's `exact_arity` is at least 2^31, far more than
    // any defaults tuple covers.
    let missing = argc.checked_sub(given)?;
    (missing <= func.defaults.borrow().len()).then_some(missing)
}
