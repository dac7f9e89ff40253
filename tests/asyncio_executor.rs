//! `to_thread` / `run_in_executor` without threads: the function runs at once in the loop's
//! thread; blocking in `time.sleep` while other work of the loop could run (where a worker
//! thread would let it run) is refused with NotImplementedError rather than printed in an
//! order CPython would not print.

use percolate::run_capture;

/// The last line of `text` (the exception line of a traceback).
fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

#[test]
fn blocking_while_another_task_ticks_is_refused() {
    let outcome = run_capture(
        r#"import asyncio, time
def blocking():
    print("blocking start")
    time.sleep(0.2)
    print("blocking end")
async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.05)
async def main():
    await asyncio.gather(asyncio.to_thread(blocking), ticker())
asyncio.run(main())
"#,
        "main.py",
    );
    assert_eq!(outcome.status, 1);
    assert!(
        !outcome.stdout.contains("blocking end"),
        "{}",
        outcome.stdout
    );
    assert_eq!(
        last_line(&outcome.stderr),
        "NotImplementedError: percolate has no threads: blocking() (run by \
         to_thread/run_in_executor in the event loop's thread) called time.sleep() while other \
         tasks could run"
    );
}

#[test]
fn blocking_past_a_due_timer_is_refused_at_the_call() {
    let outcome = run_capture(
        r#"import asyncio, time
async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, print, "timer fired")
    try:
        fut = loop.run_in_executor(None, time.sleep, 0.05)
        print("submitted", fut)
    except NotImplementedError as e:
        print("refused:", str(e).split(":")[0])
    await asyncio.sleep(0.02)
asyncio.run(main())
"#,
        "main.py",
    );
    assert_eq!(
        (outcome.stdout.as_str(), outcome.stderr.as_str()),
        ("refused: percolate has no threads\ntimer fired\n", "")
    );
}

#[test]
fn blocking_with_nothing_else_to_run_is_what_a_thread_shows() {
    let outcome = run_capture(
        r#"import asyncio, time
def blocking(n):
    time.sleep(0.01)
    return n * 2
async def main():
    print(await asyncio.wait_for(asyncio.to_thread(blocking, 21), timeout=10))
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking, 4))
asyncio.run(main())
"#,
        "main.py",
    );
    assert_eq!(
        (outcome.stdout.as_str(), outcome.stderr.as_str()),
        ("42\n8\n", "")
    );
}
