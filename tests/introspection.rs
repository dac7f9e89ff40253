//! Introspection and diagnostics modules (logging's stderr defaults, traceback printing to
//! stderr, frames, contextvars): each program runs through `percolate::run_capture` as
//! `main.py`; the expected stdout and stderr texts were produced by python3 (3.11) for the same
//! program saved as main.py.

use percolate::run_capture;

/// Runs `source` and asserts both its stdout and its stderr.
fn check(tag: &str, source: &str, stdout: &str, stderr: &str) {
    let outcome = run_capture(source, "main.py");
    assert_eq!(outcome.stdout, stdout, "stdout of {tag}");
    assert_eq!(outcome.stderr, stderr, "stderr of {tag}");
}

#[test]
fn logging_defaults_write_to_stderr() {
    check(
        "logging_defaults",
        r#"import logging
log = logging.getLogger('svc')
log.warning('no handler: last resort prints the bare message')
log.info('dropped')
logging.warning('module level configures the root: %s', 'BASIC_FORMAT')
log.error('now through the root handler')
logging.debug('below WARNING')
print(logging.root.handlers)
"#,
        "[<StreamHandler <stderr> (NOTSET)>]\n",
        "no handler: last resort prints the bare message\n\
         WARNING:root:module level configures the root: BASIC_FORMAT\n\
         ERROR:svc:now through the root handler\n",
    );
}

#[test]
fn traceback_print_exc_and_print_stack_write_to_stderr() {
    check(
        "traceback_stderr",
        r#"import traceback
def inner():
    raise KeyError('k')
try:
    inner()
except KeyError:
    traceback.print_exc()
traceback.print_exc()
def f():
    traceback.print_stack()
f()
"#,
        "",
        "Traceback (most recent call last):\n  File \"main.py\", line 5, in <module>\n    inner()\n  \
         File \"main.py\", line 3, in inner\n    raise KeyError('k')\nKeyError: 'k'\nNoneType: None\n  \
         File \"main.py\", line 11, in <module>\n    f()\n  File \"main.py\", line 10, in f\n    \
         traceback.print_stack()\n",
    );
}

#[test]
fn uncaught_exception_group_is_drawn_in_boxes() {
    let source = r#"def work():
    raise ExceptionGroup('jobs failed', [ValueError('a'), KeyError('b')])
try:
    work()
except* ValueError:
    print('handled the ValueError part')
"#;
    let outcome = run_capture(source, "main.py");
    assert_eq!(outcome.stdout, "handled the ValueError part\n");
    assert_eq!(
        outcome.stderr,
        "  + Exception Group Traceback (most recent call last):\n  \
         |   File \"main.py\", line 4, in <module>\n  |     work()\n  \
         |   File \"main.py\", line 2, in work\n  \
         |     raise ExceptionGroup('jobs failed', [ValueError('a'), KeyError('b')])\n  \
         | ExceptionGroup: jobs failed (1 sub-exception)\n  \
         +-+---------------- 1 ----------------\n    | KeyError: 'b'\n    \
         +------------------------------------\n"
    );
    assert_eq!(outcome.status, 1);
}

#[test]
fn warnings_filters_registries_and_catch_warnings() {
    check(
        "warnings",
        r#"import warnings, sys
def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)
def noisy():
    warnings.warn("something odd")
for _ in range(3):
    noisy()
old_api()
warnings.warn("explicit runtime", RuntimeWarning)
warnings.warn(UserWarning("instance warning"))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    noisy(); noisy(); old_api()
    print(len(caught), [str(w.message) for w in caught], [w.category.__name__ for w in caught])
    print(caught[0].lineno, caught[0].filename == __file__)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        noisy()
    except UserWarning as e:
        print("raised:", e)
warnings.filterwarnings("ignore", message="some")
noisy()
warnings.filterwarnings("ignore", category=RuntimeWarning)
warnings.warn("hidden runtime", RuntimeWarning)
warnings.resetwarnings()
warnings.warn("after reset", DeprecationWarning)
print(warnings.formatwarning("msg", UserWarning, "x.py", 5, "src line"), end='')
try:
    warnings.warn("x", category=int)
except TypeError as e:
    print(e)
try:
    warnings.simplefilter("bogus")
except AssertionError as e:
    print(e)
warnings.simplefilter("once")
for i in range(2):
    warnings.warn("once only")
print(len(warnings.filters), warnings.filters[0][0])
"#,
        r#"3 ['something odd', 'something odd', 'old_api is deprecated'] ['UserWarning', 'UserWarning', 'DeprecationWarning']
5 True
raised: something odd
x.py:5: UserWarning: msg
  src line
category must be a Warning subclass, not 'type'
invalid action: 'bogus'
1 once
"#,
        r#"main.py:5: UserWarning: something odd
  warnings.warn("something odd")
main.py:8: DeprecationWarning: old_api is deprecated
  old_api()
main.py:9: RuntimeWarning: explicit runtime
  warnings.warn("explicit runtime", RuntimeWarning)
main.py:10: UserWarning: instance warning
  warnings.warn(UserWarning("instance warning"))
main.py:27: DeprecationWarning: after reset
  warnings.warn("after reset", DeprecationWarning)
main.py:39: UserWarning: once only
  warnings.warn("once only")
"#,
    );
}

#[test]
fn classes_made_by_native_modules_keep_their_module() {
    check(
        "native_class_module",
        r#"import asyncio, sys, traceback
print(asyncio.CancelledError, asyncio.CancelledError.__module__, asyncio.Task, type(sys.stdout))
print(int.__module__, ValueError, type(print))
try:
    raise asyncio.CancelledError()
except asyncio.CancelledError as e:
    print(traceback.format_exception_only(e))
"#,
        "<class 'asyncio.exceptions.CancelledError'> asyncio.exceptions <class '_asyncio.Task'> \
         <class '_io.TextIOWrapper'>\nbuiltins <class 'ValueError'> <class 'builtin_function_or_method'>\n\
         ['asyncio.exceptions.CancelledError\\n']\n",
        "",
    );
}

#[test]
fn with_exit_calls_are_reported_at_the_with_line() {
    check(
        "with_exit_line",
        r#"class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise KeyError('exit')
def f():
    with CM():
        x = 1
        y = 2
f()
"#,
        "",
        "Traceback (most recent call last):\n  File \"main.py\", line 10, in <module>\n    f()\n  \
         File \"main.py\", line 7, in f\n    with CM():\n  File \"main.py\", line 5, in __exit__\n    \
         raise KeyError('exit')\nKeyError: 'exit'\n",
    );
}

#[test]
fn logging_errors_report_the_calling_context() {
    let source = "import logging\nlog = logging.getLogger('s')\nlog.warning('bad %d', 'x')\nprint('still running')\n";
    let outcome = run_capture(source, "main.py");
    assert_eq!(outcome.stdout, "still running\n");
    assert!(
        outcome
            .stderr
            .starts_with("--- Logging error ---\nTraceback (most recent call last):\n")
    );
    assert!(
        outcome.stderr.ends_with(
            "TypeError: %d format: a real number is required, not str\nCall stack:\n  \
             File \"main.py\", line 3, in <module>\n    log.warning('bad %d', 'x')\n\
             Message: 'bad %d'\nArguments: ('x',)\n"
        ),
        "{}",
        outcome.stderr
    );
}

#[test]
fn logging_records_carry_the_process_id() {
    let source = "import logging, sys\nlogging.basicConfig(stream=sys.stdout, format='%(process)d')\nlogging.warning('x')\n";
    let outcome = run_capture(source, "main.py");
    assert_eq!(outcome.stdout, format!("{}\n", std::process::id()));
}
