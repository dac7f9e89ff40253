//! The `random` module on CPython's Mersenne Twister (`mt_random.rs`): a seeded program prints
//! the same numbers as under CPython.

use super::mt_random::{MersenneTwister, RandomError, Weights};
use crate::vm::object::NativeObject;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use num_bigint::BigInt;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// The module-level generator (CPython's hidden `random._inst`).
    static GENERATOR: RefCell<MersenneTwister> = RefCell::new(MersenneTwister::from_int(&BigInt::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    )));
}

thread_local! {
    /// The generator of the `Random` instance whose method is running (None: the module's).
    static ACTIVE: RefCell<Option<Rc<RefCell<MersenneTwister>>>> = const { RefCell::new(None) };
}

fn with_rng<T>(f: impl FnOnce(&mut MersenneTwister) -> T) -> T {
    match ACTIVE.with(|a| a.borrow().clone()) {
        Some(generator) => f(&mut generator.borrow_mut()),
        None => GENERATOR.with(|g| f(&mut g.borrow_mut())),
    }
}

/// The state of a `random.Random` instance: its own Mersenne Twister.
struct RandomInstance {
    /// The instance's generator, made active while one of its methods runs.
    generator: Rc<RefCell<MersenneTwister>>,
}

impl NativeObject for RandomInstance {
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Calls module function `f` with the instance's generator active (restored afterwards).
fn call_with_instance(vm: &mut Vm, f: &Value, args: Args) -> PyResult<Value> {
    let generator = args
        .positional
        .first()
        .and_then(|v| v.as_obj())
        .and_then(|o| o.native::<RandomInstance>().map(|st| st.generator.clone()))
        .ok_or_else(|| vm.new_type_error("descriptor requires a 'random.Random' object"))?;
    let previous = ACTIVE.with(|a| a.replace(Some(generator)));
    let rest = Args {
        positional: args.positional[1..].to_vec(),
        kwargs: args.kwargs,
    };
    let result = vm.call_args(f, rest);
    ACTIVE.with(|a| *a.borrow_mut() = previous);
    result
}

/// Adds the `Random` class: each method runs the module function on the instance's generator.
fn add_random_class(vm: &mut Vm, module: &ObjRef) -> PyResult<()> {
    let Some(module_dict) = module.dict.as_ref() else {
        unreachable!("modules have a dict")
    };
    let cls = vm.new_native_class("Random", &[], "random");
    vm.add_static(&cls, "__new__", |vm, args: Args| {
        let Some(Value::Obj(cls)) = args.positional.first().cloned() else {
            return Err(vm.new_type_error("Random.__new__(X): X is not a type object"));
        };
        let state = RandomInstance {
            generator: Rc::new(RefCell::new(MersenneTwister::from_int(&BigInt::from(0)))),
        };
        Ok(Value::Obj(vm.new_native_object(&cls, state)))
    });
    let names = [
        "seed",
        "random",
        "getrandbits",
        "randint",
        "randrange",
        "choice",
        "shuffle",
        "sample",
        "choices",
        "uniform",
        "gauss",
    ];
    for name in names {
        let Some(f) = vm.dict_get_str(module_dict, name) else {
            continue;
        };
        vm.add_method(&cls, name, move |vm, args: Args| {
            call_with_instance(vm, &f, args)
        });
    }
    let Some(seed) = vm.dict_get_str(module_dict, "seed") else {
        unreachable!("seed was registered first")
    };
    vm.add_method(&cls, "__init__", move |vm, args: Args| {
        let mut positional = args.positional;
        positional.truncate(2);
        if positional.len() < 2 || positional[1].is_none() {
            // Random() seeds from the clock, like CPython's seed(None) without urandom.
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            positional.truncate(1);
            positional.push(Value::bigint(BigInt::from(nanos)));
        }
        call_with_instance(
            vm,
            &seed,
            Args {
                positional,
                kwargs: Vec::new(),
            },
        )?;
        Ok(Value::None)
    });
    vm.module_set(module, "Random", Value::Obj(cls));
    Ok(())
}

fn random_error(vm: &mut Vm, e: RandomError) -> crate::vm::ObjRef {
    match e {
        RandomError::Value(m) => vm.new_value_error(m),
        RandomError::Index(m) => vm.new_index_error(m),
        RandomError::Type(m) => vm.new_type_error(m),
    }
}

fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Float(f) => Ok(*f),
        other => {
            Err(vm.new_type_error(format!("must be real number, not {}", vm.type_name(other))))
        }
    }
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match v.as_bigint() {
        Some(b) => Ok(b),
        None => Err(vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// Builds the `random` module.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("random");
    let f = vm.new_native_fn("seed", |vm, args: Args| {
        let a = args.positional.first().cloned().unwrap_or(Value::None);
        match &a {
            Value::None => {}
            Value::Float(_) => {
                let h = vm.hash(&a)?;
                with_rng(|r| r.seed_int(&BigInt::from(h).magnitude().clone().into()));
            }
            v if v.as_str().is_some() => {
                let s = v.as_str().map(String::from).unwrap_or_default();
                with_rng(|r| r.seed_str(&s));
            }
            v => {
                let n = int_arg(vm, v)?;
                with_rng(|r| r.seed_int(&n));
            }
        }
        Ok(Value::None)
    });
    vm.module_set(&m, "seed", f);
    let f = vm.new_native_fn("random", |_vm, _a: Args| {
        Ok(Value::Float(with_rng(|r| r.random())))
    });
    vm.module_set(&m, "random", f);
    let f = vm.new_native_fn("getrandbits", |vm, args: Args| {
        let k = int_arg(vm, args.positional.first().unwrap_or(&Value::None))?;
        let k: u64 = k
            .try_into()
            .map_err(|_| vm.new_value_error("number of bits must be non-negative"))?;
        Ok(Value::bigint(with_rng(|r| r.getrandbits(k)).into()))
    });
    vm.module_set(&m, "getrandbits", f);
    let f = vm.new_native_fn("randint", |vm, args: Args| {
        let [a, b] = args.check(vm, "randint", 2, 2)? else {
            unreachable!("two arguments")
        };
        let (a, b) = (int_arg(vm, &a.clone())?, int_arg(vm, &b.clone())?);
        let one = BigInt::from(1);
        let r = with_rng(|r| r.randrange(&a, Some(&(b + &one)), &one));
        r.map(Value::bigint).map_err(|e| random_error(vm, e))
    });
    vm.module_set(&m, "randint", f);
    let f = vm.new_native_fn("randrange", |vm, args: Args| {
        let args = args.check(vm, "randrange", 1, 3)?.to_vec();
        let start = int_arg(vm, &args[0])?;
        let stop = match args.get(1) {
            Some(v) => Some(int_arg(vm, v)?),
            None => None,
        };
        let step = match args.get(2) {
            Some(v) => int_arg(vm, v)?,
            None => BigInt::from(1),
        };
        let r = with_rng(|r| r.randrange(&start, stop.as_ref(), &step));
        r.map(Value::bigint).map_err(|e| random_error(vm, e))
    });
    vm.module_set(&m, "randrange", f);
    let f = vm.new_native_fn("choice", |vm, args: Args| {
        let seq = args.check(vm, "choice", 1, 1)?[0].clone();
        let len = vm.len(&seq)?;
        let i = with_rng(|r| r.choice_index(len)).map_err(|e| random_error(vm, e))?;
        vm.get_item(&seq, &Value::Int(i as i64))
    });
    vm.module_set(&m, "choice", f);
    let f = vm.new_native_fn("shuffle", |vm, args: Args| {
        let seq = args.check(vm, "shuffle", 1, 1)?[0].clone();
        let mut items = vm.collect(&seq)?;
        with_rng(|r| r.shuffle(&mut items));
        for (i, v) in items.into_iter().enumerate() {
            vm.set_item(&seq, &Value::Int(i as i64), v)?;
        }
        Ok(Value::None)
    });
    vm.module_set(&m, "shuffle", f);
    let f = vm.new_native_fn("sample", |vm, mut args: Args| {
        let counts = args.take_kwarg("counts");
        let k_kw = args.take_kwarg("k");
        let mut pos = args.positional.clone();
        if let Some(k) = k_kw {
            pos.push(k);
        }
        if pos.len() != 2 {
            return Err(vm.new_type_error("sample() missing 1 required positional argument: 'k'"));
        }
        let population = vm.collect(&pos[0])?;
        let k = vm.index_value(&pos[1])?;
        let picked = match counts {
            Some(c) if !c.is_none() => {
                let counts: Vec<Value> = vm.collect(&c)?;
                let mut expanded = Vec::new();
                for (item, n) in population.iter().zip(counts) {
                    for _ in 0..vm.index_value(&n)?.max(0) {
                        expanded.push(item.clone());
                    }
                }
                let idx = with_rng(|r| r.sample_indices(expanded.len(), k))
                    .map_err(|e| random_error(vm, e))?;
                idx.into_iter().map(|i| expanded[i].clone()).collect()
            }
            _ => {
                let idx = with_rng(|r| r.sample_indices(population.len(), k))
                    .map_err(|e| random_error(vm, e))?;
                idx.into_iter().map(|i| population[i].clone()).collect()
            }
        };
        Ok(Value::list(picked))
    });
    vm.module_set(&m, "sample", f);
    let f = vm.new_native_fn("choices", |vm, mut args: Args| {
        let weights = args.take_kwarg("weights").filter(|v| !v.is_none());
        let cum = args.take_kwarg("cum_weights").filter(|v| !v.is_none());
        let k = match args.take_kwarg("k") {
            Some(v) => vm.index_value(&v)?,
            None => 1,
        };
        let population = vm.collect(&args.positional[0])?;
        let weights = match args.positional.get(1).cloned().or(weights) {
            Some(w) => Some(
                vm.collect(&w)?
                    .iter()
                    .map(|v| float_arg(vm, v))
                    .collect::<PyResult<Vec<f64>>>()?,
            ),
            None => None,
        };
        let cum = match cum {
            Some(w) => Some(
                vm.collect(&w)?
                    .iter()
                    .map(|v| float_arg(vm, v))
                    .collect::<PyResult<Vec<f64>>>()?,
            ),
            None => None,
        };
        let spec = match (&weights, &cum) {
            (Some(_), Some(_)) => {
                return Err(vm.new_type_error("Cannot specify both weights and cumulative weights"));
            }
            (Some(w), None) => Weights::Relative(w),
            (None, Some(c)) => Weights::Cumulative(c),
            (None, None) => Weights::Uniform,
        };
        let idx = with_rng(|r| r.choices_indices(population.len(), spec, k.max(0) as usize))
            .map_err(|e| random_error(vm, e))?;
        Ok(Value::list(
            idx.into_iter().map(|i| population[i].clone()).collect(),
        ))
    });
    vm.module_set(&m, "choices", f);
    let f = vm.new_native_fn("uniform", |vm, args: Args| {
        let a = args.check(vm, "uniform", 2, 2)?.to_vec();
        let (lo, hi) = (float_arg(vm, &a[0])?, float_arg(vm, &a[1])?);
        Ok(Value::Float(with_rng(|r| r.uniform(lo, hi))))
    });
    vm.module_set(&m, "uniform", f);
    let f = vm.new_native_fn("gauss", |vm, args: Args| {
        let a = args.positional.clone();
        let mu = match a.first() {
            Some(v) => float_arg(vm, v)?,
            None => 0.0,
        };
        let sigma = match a.get(1) {
            Some(v) => float_arg(vm, v)?,
            None => 1.0,
        };
        Ok(Value::Float(with_rng(|r| r.gauss(mu, sigma))))
    });
    vm.module_set(&m, "gauss", f);
    add_random_class(vm, &m)?;
    crate::modules::python_module_in(
        vm,
        m,
        "<frozen random>",
        include_str!("py/random_extras.py"),
        Vec::new(),
    )
}
