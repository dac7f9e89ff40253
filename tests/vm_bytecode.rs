//! VM tests on hand-assembled code objects (independent of the compiler): generator
//! send/throw/close, the recursion limit, exception handler blocks.

use percolate::bytecode::{Code, CodeFlags, Const, Instr};
use percolate::vm::generator::SendResult;
use percolate::vm::object::{Function, Obj, Payload};
use percolate::vm::{Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// Builds a code object with the given instructions (one source line per instruction).
fn code(
    name: &str,
    flags: CodeFlags,
    varnames: &[&str],
    names: &[&str],
    consts: Vec<Const>,
    instructions: Vec<Instr>,
) -> Rc<Code> {
    let lines = (1..=instructions.len() as u32).collect();
    Rc::new(Code {
        name: Rc::from(name),
        qualname: Rc::from(name),
        filename: Rc::from("test.py"),
        first_line: 1,
        flags,
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        instructions: instructions.into(),
        lines,
        constants: consts.into(),
        names: names.iter().map(|n| Rc::from(*n)).collect(),
        varnames: varnames.iter().map(|n| Rc::from(*n)).collect(),
        cellvars: Box::default(),
        freevars: Box::default(),
        docstring: None,
    })
}

/// A function object for `code` with globals `globals`.
fn function(vm: &mut Vm, code: Rc<Code>, globals: &percolate::vm::ObjRef) -> Value {
    let consts = vm.consts_of(&code);
    let names = vm.name_table_of(&code);
    Value::Obj(Obj::new(Payload::Function(Box::new(Function {
        name: RefCell::new(code.name.clone()),
        qualname: RefCell::new(code.qualname.clone()),
        exact_arity: Function::exact_arity_of(&code),
        code,
        globals: globals.clone(),
        defaults: RefCell::new(vec![]),
        kwdefaults: RefCell::new(None),
        closure: vec![],
        consts,
        names,
    }))))
}

fn generator_flags() -> CodeFlags {
    CodeFlags {
        generator: true,
        ..CodeFlags::default()
    }
}

/// `def g(): x = yield 1; yield x`
fn echo_generator(vm: &mut Vm) -> Value {
    let c = code(
        "g",
        generator_flags(),
        &["x"],
        &[],
        vec![Const::None, Const::Int(1)],
        vec![
            Instr::LoadConst(1),
            Instr::YieldValue,
            Instr::StoreFast(0),
            Instr::LoadFast(0),
            Instr::YieldValue,
            Instr::PopTop,
            Instr::ReturnConst(0),
        ],
    );
    let globals = vm.new_dict();
    function(vm, c, &globals)
}

fn message(vm: &mut Vm, e: &percolate::vm::ObjRef) -> String {
    vm.format_exception_only(e)
}

#[test]
fn generator_send_yields_and_returns() {
    let mut vm = Vm::new();
    let f = echo_generator(&mut vm);
    let g = vm.call(&f, vec![]).expect("calling a generator function");
    let g = g.as_obj().expect("a generator object").clone();
    let e = vm
        .gen_send(&g, Value::Int(3))
        .err()
        .expect("non-None send to a fresh generator");
    assert_eq!(
        message(&mut vm, &e),
        "TypeError: can't send non-None value to a just-started generator"
    );
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Yield(Value::Int(1)))
    ));
    assert!(matches!(
        vm.gen_send(&g, Value::Int(5)),
        Ok(SendResult::Yield(Value::Int(5)))
    ));
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Return(Value::None))
    ));
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Return(Value::None))
    ));
}

#[test]
fn generator_throw_without_handler_closes_it() {
    let mut vm = Vm::new();
    let f = echo_generator(&mut vm);
    let g = vm
        .call(&f, vec![])
        .expect("generator")
        .as_obj()
        .expect("object")
        .clone();
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Yield(_))
    ));
    let exc = vm.new_value_error("boom");
    let e = vm
        .gen_throw(&g, exc)
        .err()
        .expect("the exception propagates");
    assert_eq!(message(&mut vm, &e), "ValueError: boom");
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Return(_))
    ));
    vm.gen_close(&g)
        .expect("closing a closed generator is fine");
}

#[test]
fn coroutine_cannot_be_reused() {
    let mut vm = Vm::new();
    let c = code(
        "co",
        CodeFlags {
            coroutine: true,
            ..CodeFlags::default()
        },
        &[],
        &[],
        vec![Const::Int(7)],
        vec![Instr::ReturnConst(0)],
    );
    let globals = vm.new_dict();
    let f = function(&mut vm, c, &globals);
    let co = vm
        .call(&f, vec![])
        .expect("coroutine")
        .as_obj()
        .expect("object")
        .clone();
    assert!(matches!(
        vm.gen_send(&co, Value::None),
        Ok(SendResult::Return(Value::Int(7)))
    ));
    let e = vm
        .gen_send(&co, Value::None)
        .err()
        .expect("second send fails");
    assert_eq!(
        message(&mut vm, &e),
        "RuntimeError: cannot reuse already awaited coroutine"
    );
}

#[test]
fn unbounded_recursion_is_a_recursion_error() {
    let mut vm = Vm::new();
    let c = code(
        "f",
        CodeFlags::default(),
        &[],
        &["f"],
        vec![],
        vec![Instr::LoadGlobal(0), Instr::Call(0), Instr::ReturnValue],
    );
    let globals = vm.new_dict();
    let f = function(&mut vm, c, &globals);
    vm.dict_set_str(&globals, "f", f.clone());
    let e = vm.call(&f, vec![]).expect_err("RecursionError");
    assert_eq!(
        message(&mut vm, &e),
        "RecursionError: maximum recursion depth exceeded"
    );
    assert_eq!(vm.depth, 0);
}

#[test]
fn handler_block_catches_and_restores_the_stack() {
    // try: raise KeyError('k') / except: return 'caught'
    let mut vm = Vm::new();
    let c = code(
        "f",
        CodeFlags::default(),
        &[],
        &["KeyError"],
        vec![Const::Str(Rc::from("k")), Const::Str(Rc::from("caught"))],
        vec![
            Instr::SetupFinally(5),
            Instr::LoadGlobal(0),
            Instr::LoadConst(0),
            Instr::Call(1),
            Instr::RaiseVarargs(1),
            Instr::PushExcInfo,
            Instr::PopTop,
            Instr::PopExcept,
            Instr::ReturnConst(1),
        ],
    );
    let globals = vm.new_dict();
    let key_error = Value::Obj(vm.exc.key_error.clone());
    vm.dict_set_str(&globals, "KeyError", key_error);
    let f = function(&mut vm, c, &globals);
    let r = vm.call(&f, vec![]).expect("the handler returns");
    assert_eq!(r.as_str(), Some("caught"));
    assert!(vm.handled_exception().is_none());
}

/// `def sub(): x = yield 1; return x * 2` and `def deleg(): return (yield from sub())`
/// compiled to the documented SEND-loop shape.
fn delegating_pair(vm: &mut Vm) -> Value {
    let sub = code(
        "sub",
        generator_flags(),
        &["x"],
        &[],
        vec![Const::None, Const::Int(1), Const::Int(2)],
        vec![
            Instr::LoadConst(1),
            Instr::YieldValue,
            Instr::StoreFast(0),
            Instr::LoadFast(0),
            Instr::LoadConst(2),
            Instr::BinaryOp {
                op: percolate::ast::Operator::Mult,
                inplace: false,
            },
            Instr::ReturnValue,
        ],
    );
    let deleg = code(
        "deleg",
        generator_flags(),
        &[],
        &["sub"],
        vec![Const::None],
        vec![
            Instr::LoadGlobal(0),
            Instr::Call(0),
            Instr::GetYieldFromIter,
            Instr::SetupFinally(8),
            Instr::LoadConst(0),
            Instr::Send(10),
            Instr::YieldValue,
            Instr::Jump(5),
            Instr::CleanupThrow,
            Instr::Jump(11),
            Instr::PopBlock,
            Instr::EndSend,
            Instr::ReturnValue,
        ],
    );
    let globals = vm.new_dict();
    let sub_f = function(vm, sub, &globals);
    vm.dict_set_str(&globals, "sub", sub_f);
    function(vm, deleg, &globals)
}

#[test]
fn yield_from_forwards_send_and_returns_the_value() {
    let mut vm = Vm::new();
    let f = delegating_pair(&mut vm);
    let g = vm
        .call(&f, vec![])
        .expect("generator")
        .as_obj()
        .expect("object")
        .clone();
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Yield(Value::Int(1)))
    ));
    let delegate = vm
        .get_attr(&Value::Obj(g.clone()), "gi_yieldfrom")
        .expect("gi_yieldfrom");
    assert!(matches!(delegate.payload(), Some(Payload::Generator(_))));
    assert!(matches!(
        vm.gen_send(&g, Value::Int(21)),
        Ok(SendResult::Return(Value::Int(42)))
    ));
}

#[test]
fn yield_from_forwards_throw_to_the_delegate() {
    let mut vm = Vm::new();
    let f = delegating_pair(&mut vm);
    let g = vm
        .call(&f, vec![])
        .expect("generator")
        .as_obj()
        .expect("object")
        .clone();
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Yield(_))
    ));
    let exc = vm.new_value_error("thrown");
    let e = vm
        .gen_throw(&g, exc)
        .err()
        .expect("propagates through both frames");
    assert_eq!(message(&mut vm, &e), "ValueError: thrown");
    let tb = e.as_ref();
    let entries = match &tb.payload {
        Payload::Exception(d) => d
            .borrow()
            .traceback
            .iter()
            .map(|t| t.code.name.to_string())
            .collect::<Vec<_>>(),
        _ => vec![],
    };
    assert_eq!(entries, vec!["sub".to_string(), "deleg".to_string()]);
}

#[test]
fn yield_from_close_closes_the_delegate() {
    let mut vm = Vm::new();
    let f = delegating_pair(&mut vm);
    let g = vm
        .call(&f, vec![])
        .expect("generator")
        .as_obj()
        .expect("object")
        .clone();
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Yield(_))
    ));
    let delegate = vm
        .get_attr(&Value::Obj(g.clone()), "gi_yieldfrom")
        .expect("gi_yieldfrom");
    vm.gen_close(&g).expect("close succeeds");
    let d = delegate.as_obj().expect("object").clone();
    assert!(matches!(
        vm.gen_send(&d, Value::None),
        Ok(SendResult::Return(Value::None))
    ));
    assert!(matches!(
        vm.gen_send(&g, Value::None),
        Ok(SendResult::Return(Value::None))
    ));
}
