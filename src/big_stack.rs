//! Running the interpreter on a large stack of the calling thread (x86-64 Linux), instead of
//! on a new thread: a thread costs `-c pass` ~0.15 ms here (its creation, a second malloc
//! arena and heap, and the TLB shoot-downs its presence adds to every `munmap`/`mprotect`).

/// The state one switched call shares with its trampoline.
struct Call<F, T> {
    /// The closure, taken by the trampoline.
    f: Option<F>,
    /// Its result, or the panic it raised (resumed back on the caller's stack).
    out: Option<std::thread::Result<T>>,
}

/// Runs on the new stack: calls the closure with panics caught, so that no unwinding
/// crosses the stack switch.
extern "C" fn trampoline<F: FnOnce() -> T, T>(data: *mut u8) {
    // SAFETY: `data` is the `&mut Call<F, T>` that `run_on_new_stack` passed, which outlives
    // this call and is not otherwise used while it runs.
    let call = unsafe { &mut *data.cast::<Call<F, T>>() };
    if let Some(f) = call.f.take() {
        call.out = Some(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    }
}

/// Runs `f` on a fresh `size`-byte stack (below it, a guard page that turns an overflow into
/// SIGSEGV) of the calling thread, and returns what it returns; a panic in `f` resumes on
/// the caller's stack. `Err(f)`, without running it, if the stack cannot be mapped.
pub fn run_on_new_stack<T, F: FnOnce() -> T>(size: usize, f: F) -> Result<T, F> {
    const GUARD: usize = 4096;
    let Some(total) = size.checked_add(GUARD) else {
        return Err(f);
    };
    // SAFETY: a fresh private anonymous mapping (no existing memory is affected); its
    // lowest page is made inaccessible as the guard.
    let base = unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            total,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return Err(f);
        }
        // Without its guard page an overflow would silently run into whatever lies below.
        if libc::mprotect(p, GUARD, libc::PROT_NONE) != 0 {
            libc::munmap(p, total);
            return Err(f);
        }
        p.cast::<u8>()
    };
    let mut call = Call {
        f: Some(f),
        out: None,
    };
    // SAFETY: `base + total` is the page-aligned (so 16-byte-aligned) end of the mapping
    // just made. The block saves the caller's stack pointer (through rax, which the C ABI
    // clobbers anyway and no input uses) on the new stack, keeps it
    // 16-byte aligned for the call (SysV ABI), calls the trampoline (an `extern "C"` fn that
    // lets no panic out) with `&mut call` in rdi, then restores the caller's stack pointer.
    // Registers the C ABI lets the callee change are declared clobbered.
    unsafe {
        let top = base.add(total);
        std::arch::asm!(
            "mov rax, rsp",
            "mov rsp, rsi",
            "push rax",
            "sub rsp, 8",
            "call rdx",
            "add rsp, 8",
            "pop rsp",
            in("rdi") (&raw mut call).cast::<u8>(),
            in("rsi") top,
            in("rdx") trampoline::<F, T> as extern "C" fn(*mut u8),
            clobber_abi("C"),
        );
        libc::munmap(base.cast(), total);
    }
    match call.out {
        Some(Ok(v)) => Ok(v),
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        None => unreachable!("the trampoline always stores the closure's outcome"),
    }
}
