//! `super().name(args)` without a `super` object: the equivalent of CPython 3.12's
//! LOAD_SUPER_ATTR specialisation, found at run time from the instructions the compiler
//! emits for the call (`LOAD_GLOBAL super; CALL 0; <argument loads>; CALL_METHOD name`).

use super::Vm;
use super::frame::Frame;
use super::native::FrameIntrinsic;
use super::object::Payload;
use super::value::{ObjRef, Value};
use crate::bytecode::Instr;

/// The most argument loads looked through between `super()` and its CALL_METHOD.
const MAX_SUPER_ARGS: usize = 6;

impl Vm {
    /// CALL 0 of the built-in `super` (on top of `frame`'s stack) whose value only receives a
    /// method call, `super().name(a, b)` with each argument a bound local or a constant, and
    /// `name` resolving along the MRO after `__class__` to a plain Python function taking
    /// exactly the object and those arguments: the function's frame is pushed at once, as the
    /// `super` object, the argument loads and the CALL_METHOD would have made it. Ok(false)
    /// (nothing done) for every other shape, which the generic path then runs, errors
    /// included.
    #[allow(clippy::vec_box)]
    pub(super) fn zero_arg_super_method_call(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
    ) -> Result<bool, (ObjRef, bool)> {
        let Some(Value::Obj(callable)) = frame.stack.last() else {
            return Ok(false);
        };
        let Payload::NativeFunction(nf) = &callable.payload else {
            return Ok(false);
        };
        if nf.intrinsic != Some(FrameIntrinsic::Super) {
            return Ok(false);
        }
        let Some((name_idx, nargs)) = super_call_shape(frame) else {
            return Ok(false);
        };
        let Some((this_class, obj)) = zero_arg_super_operands(frame) else {
            return Ok(false);
        };
        let name = &frame.code().names[name_idx];
        if &**name == "__class__" || matches!(obj.payload(), Some(Payload::Type(_))) {
            return Ok(false);
        }
        let obj_type = self.type_of(&obj);
        let versions = super::dict_version::mro_versions(&obj_type);
        // A remembered resolution implies `obj` is an instance of `__class__` (the MRO of its
        // type held that class, and an MRO never changes).
        let method = match frame
            .names
            .cached_super(name_idx, &obj_type, &this_class, versions)
        {
            Some(method) => method,
            None => {
                if !self.is_subclass(&obj_type, &this_class) {
                    return Ok(false);
                }
                let hash = frame.name_hash(name_idx);
                let Some(method) = self.lookup_after(&obj_type, &this_class, name, hash) else {
                    return Ok(false);
                };
                frame.names.remember_super(
                    name_idx,
                    &obj_type,
                    &this_class,
                    versions,
                    method.clone(),
                );
                method
            }
        };
        let Some(Payload::Function(f)) = method.payload() else {
            return Ok(false);
        };
        // Not a generator-like function (its `exact_arity` has the generator bit set).
        if f.exact_arity as usize != nargs + 1 {
            return Ok(false);
        }
        // The stack becomes what CALL_METHOD would have found with `obj` as the receiver.
        let args_at = frame.ip as usize;
        frame.stack.pop();
        super::eval_support::push_inline(&mut frame.stack, obj);
        for instr in &frame.names.instructions()[args_at..args_at + nargs] {
            let v = match *instr {
                Instr::LoadFast(i) => frame.local(i as usize).clone(),
                Instr::LoadConst(i) => Some(frame.consts()[i as usize].clone()),
                _ => None,
            };
            let Some(v) = v else {
                unreachable!("super_call_shape checked every argument load")
            };
            super::eval_support::push_inline(&mut frame.stack, v);
        }
        frame.ip = (args_at + nargs + 1) as u32;
        let callee = self.exact_args_function_frame(f, None, &mut frame.stack, nargs + 1);
        self.push_frame(frame, callers, callee)
            .map_err(|e| (e, true))?;
        Ok(true)
    }
}

/// When the instructions after `frame`'s CALL 0 are argument loads that cannot fail (bound
/// locals, constants) followed by the CALL_METHOD taking exactly them: that call's name index
/// and argument count.
fn super_call_shape(frame: &Frame) -> Option<(usize, usize)> {
    let instrs = frame.instructions().get(frame.ip as usize..)?;
    for (k, instr) in instrs.iter().enumerate().take(MAX_SUPER_ARGS + 1) {
        match *instr {
            Instr::LoadFast(i) if frame.locals().get(i as usize)?.is_some() => {}
            Instr::LoadConst(_) => {}
            Instr::CallMethod(name, n) if n as usize == k => return Some((name as usize, k)),
            _ => return None,
        }
    }
    None
}

/// What zero-argument `super()` binds in `frame`: the class in its `__class__` cell and its
/// first argument, when both are plainly there (the generic path reports the other cases).
fn zero_arg_super_operands(frame: &Frame) -> Option<(ObjRef, Value)> {
    if frame.code().argcount == 0 {
        return None;
    }
    let obj = super::eval_support::first_arg_for_super(frame)?;
    match super::eval_support::class_cell_value(frame)? {
        Value::Obj(cls) if cls.as_type().is_some() => Some((cls, obj)),
        _ => None,
    }
}
