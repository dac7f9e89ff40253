//! Ctrl-C: the SIGINT handler, the flag it sets, and the wake-up pipe that ends the event
//! loop's wait early.
//!
//! Mirrors CPython's signal machinery (Modules/signalmodule.c): the C-level handler only
//! records that the signal arrived ("tripped") and writes a byte to a wake-up fd
//! (`signal.set_wakeup_fd`, which asyncio uses); the eval loop notices the flag at its next
//! check point (backward jumps and frame entries) and runs the Python-level handler there:
//! `signal.default_int_handler` raises `KeyboardInterrupt`, and `asyncio.Runner` installs one
//! that cancels the main task instead.

use super::{PyResult, Value, Vm};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// Set by the SIGINT handler; cleared when the VM handles it.
static TRIPPED: AtomicBool = AtomicBool::new(false);
/// The write end of the wake-up pipe (-1 until [`install`] made it).
static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);
/// The read end of the wake-up pipe (-1 until [`install`] made it).
static WAKE_READ: AtomicI32 = AtomicI32::new(-1);
/// Set when the program ended with an uncaught `KeyboardInterrupt`.
static UNCAUGHT: AtomicBool = AtomicBool::new(false);

/// The signal number of SIGINT (`signal.SIGINT`).
pub const SIGINT: i32 = libc::SIGINT;

/// What the Python level does when SIGINT arrives (`signal.signal(SIGINT, ...)`).
#[derive(Clone)]
pub enum Disposition {
    /// `signal.default_int_handler`: raise `KeyboardInterrupt`.
    Default,
    /// `signal.SIG_IGN`: nothing happens.
    Ignore,
    /// `signal.SIG_DFL`: the operating system's default, which ends the process.
    SystemDefault,
    /// A Python callable, called as `handler(signum, frame)` at the next check point.
    Handler(Value),
}

thread_local! {
    /// The Python-level SIGINT handler of this thread's VM.
    static HANDLER: RefCell<Disposition> = const { RefCell::new(Disposition::Default) };
}

/// The C-level handler: records the signal and wakes the event loop. Only async-signal-safe
/// operations (an atomic store and `write(2)`).
extern "C" fn on_sigint(_signum: libc::c_int) {
    TRIPPED.store(true, Ordering::SeqCst);
    wake();
}

/// Installs the SIGINT handler for the process, as CPython does at start-up; a SIGINT that is
/// ignored when the process starts (a background job) stays ignored, as under CPython.
pub fn install() {
    make_wake_pipe();
    // SAFETY: querying and setting a signal disposition; `on_sigint` is async-signal-safe.
    unsafe {
        let mut current: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGINT, std::ptr::null(), &mut current) != 0 {
            return;
        }
        if current.sa_sigaction == libc::SIG_IGN {
            return;
        }
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_sigint as *const () as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        // No SA_RESTART: a blocking wait ends with EINTR so the VM can react.
        action.sa_flags = 0;
        libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut());
    }
}

/// Creates the non-blocking wake-up pipe once.
fn make_wake_pipe() {
    if WAKE_READ.load(Ordering::SeqCst) >= 0 {
        return;
    }
    let mut fds = [-1; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) } == 0 {
        WAKE_WRITE.store(fds[1], Ordering::SeqCst);
        WAKE_READ.store(fds[0], Ordering::SeqCst);
    }
}

/// Whether a SIGINT arrived that the VM has not handled yet (one atomic load).
#[inline]
pub fn pending() -> bool {
    TRIPPED.load(Ordering::Relaxed)
}

/// Clears the flag; returns whether it was set.
pub fn take() -> bool {
    TRIPPED.swap(false, Ordering::SeqCst)
}

/// Simulates a SIGINT arriving (tests, and the REPL's Ctrl-C while its reader owns the
/// terminal).
pub fn trip() {
    TRIPPED.store(true, Ordering::SeqCst);
    wake();
}

/// Ends the event loop's current wait (async-signal-safe).
pub fn wake() {
    let fd = WAKE_WRITE.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = 1u8;
        // SAFETY: writes one byte from a live local; a full pipe (EAGAIN) already wakes.
        unsafe {
            libc::write(fd, (&byte as *const u8).cast(), 1);
        }
    }
}

/// The read end of the wake-up pipe, for the event loop's poller to watch.
pub fn wake_fd() -> Option<i32> {
    let fd = WAKE_READ.load(Ordering::SeqCst);
    (fd >= 0).then_some(fd)
}

/// Empties the wake-up pipe after a wait ended.
pub fn drain_wake() {
    let fd = WAKE_READ.load(Ordering::SeqCst);
    if fd < 0 {
        return;
    }
    let mut buf = [0u8; 64];
    // SAFETY: reads into a live local buffer of the given length; the fd is non-blocking.
    while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
}

/// The Python-level SIGINT disposition of this thread.
pub fn disposition() -> Disposition {
    HANDLER.with(|h| h.borrow().clone())
}

/// Replaces the Python-level SIGINT disposition; returns the previous one.
pub fn set_disposition(new: Disposition) -> Disposition {
    HANDLER.with(|h| std::mem::replace(&mut *h.borrow_mut(), new))
}

/// Records that the program ended with an uncaught `KeyboardInterrupt`.
pub fn note_uncaught_interrupt() {
    UNCAUGHT.store(true, Ordering::SeqCst);
}

/// After an uncaught `KeyboardInterrupt`, ends the process the way CPython does
/// (Modules/main.c exit_sigint): SIGINT with the default disposition, so the parent sees
/// "killed by SIGINT" (a shell's status 130). Returns only if that is impossible.
pub fn exit_if_interrupted() {
    if !UNCAUGHT.load(Ordering::SeqCst) {
        return;
    }
    // SAFETY: restoring the default disposition and signalling ourselves.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
}

impl Vm {
    /// Sleeps for `duration`; a SIGINT wakes it and runs the Python-level handler, and the
    /// sleep goes on for the time left if the handler returns. Mirrors timemodule.c
    /// pysleep (PEP 475).
    pub fn sleep_interruptibly(&mut self, duration: std::time::Duration) -> PyResult<()> {
        let deadline = std::time::Instant::now() + duration;
        loop {
            if pending() {
                self.handle_interrupt()?;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            let Some(fd) = wake_fd() else {
                std::thread::sleep(left);
                return Ok(());
            };
            let mut watch = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // Whole milliseconds, rounded up so the sleep never ends early.
            let millis = left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32;
            // SAFETY: one valid pollfd; an EINTR or a wake-up just ends this wait early.
            unsafe {
                libc::poll(&mut watch, 1, millis);
            }
            drain_wake();
        }
    }

    /// Handles a pending SIGINT at an eval-loop check point: runs the Python-level handler
    /// (`KeyboardInterrupt` by default). Mirrors ceval.c's eval-breaker signal check.
    #[cold]
    pub fn handle_interrupt(&mut self) -> PyResult<()> {
        if !take() {
            return Ok(());
        }
        match disposition() {
            Disposition::Default => Err(self.new_exception(&self.exc.keyboard_interrupt, vec![])),
            Disposition::Ignore => Ok(()),
            Disposition::SystemDefault => {
                self.flush_stdout();
                // SAFETY: restoring the default disposition and signalling ourselves.
                unsafe {
                    libc::signal(libc::SIGINT, libc::SIG_DFL);
                    libc::kill(libc::getpid(), libc::SIGINT);
                }
                Ok(())
            }
            Disposition::Handler(handler) => {
                self.call(&handler, vec![Value::Int(i64::from(SIGINT)), Value::None])?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wake_pipe_wakes_and_drains() {
        make_wake_pipe();
        let fd = wake_fd().expect("a pipe");
        wake();
        let mut poll = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        assert_eq!(unsafe { libc::poll(&mut poll, 1, 0) }, 1);
        drain_wake();
        poll.revents = 0;
        // SAFETY: as above.
        assert_eq!(unsafe { libc::poll(&mut poll, 1, 0) }, 0);
    }
}
