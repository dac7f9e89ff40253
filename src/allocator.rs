//! The global allocator the `percolate` binary installs (src/main.rs): mimalloc for the many
//! small objects, and blocks of 256 KiB and more mapped from the OS directly.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The global allocator: mimalloc's plain entry points for the usual alignments (every
/// mimalloc block is at least 8-byte aligned), its aligned ones otherwise. The `mimalloc`
/// crate always takes the aligned path, which costs more per call.
pub struct MiMalloc;

/// The alignment every `mi_malloc` block has whatever its size (all it has: mimalloc is built
/// with `MI_MAX_ALIGN_SIZE=8`, .cargo/config.toml, so that 24-, 40- and 56-byte blocks are
/// size classes of their own).
const MI_MIN_ALIGN: usize = 8;

// SAFETY: a layout for which `is_direct_mapped` holds is served by its own mapping (`mmap`,
// page-aligned, so any alignment up to a page), resized by `mremap` and freed by `munmap`,
// and the layout alone tells which kind a block is at every call. Every other layout
// forwards to mimalloc, whose blocks stay valid until `mi_free`;
// `mi_malloc`/`mi_zalloc`/`mi_realloc` are used only when the layout's alignment is at most
// the 8 bytes every mimalloc block has, and the `_aligned` variants (which honour any
// power-of-two alignment) otherwise; `mi_free` accepts blocks from either.
unsafe impl std::alloc::GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: GlobalAlloc's contract (a valid layout of non-zero size) is `allocate`'s.
        unsafe { allocate(layout, false) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe { allocate(layout, true) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        if is_direct_mapped(layout.size(), layout.align()) {
            // SAFETY: a block of this layout was mapped by `map_direct` with this size.
            unsafe { libc::munmap(ptr.cast(), layout.size()) };
            return;
        }
        note_freed(layout.size());
        // SAFETY: `ptr` came from this allocator (GlobalAlloc's contract), so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr as *mut std::ffi::c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        let p = ptr as *mut std::ffi::c_void;
        let (was_mapped, mapped) = (
            is_direct_mapped(layout.size(), layout.align()),
            is_direct_mapped(new_size, layout.align()),
        );
        if was_mapped && mapped {
            if new_size > layout.size() {
                return_freed_memory();
            }
            // SAFETY: `ptr` is a mapping of `layout.size()` bytes (`map_direct`); the kernel
            // grows or shrinks it in place or moves its pages, without copying them.
            let q = unsafe { libc::mremap(p, layout.size(), new_size, libc::MREMAP_MAYMOVE) };
            return if q == libc::MAP_FAILED {
                std::ptr::null_mut()
            } else {
                q.cast()
            };
        }
        if was_mapped || mapped {
            // From one kind of block to the other: a new block, the bytes both hold, the old
            // block freed (GlobalAlloc's default `realloc`).
            // SAFETY: the new layout is valid (GlobalAlloc's contract for `new_size`), `ptr`
            // holds `layout.size()` bytes, and the new block at least the copied count.
            unsafe {
                let new_layout =
                    std::alloc::Layout::from_size_align_unchecked(new_size, layout.align());
                let q = self.alloc(new_layout);
                if !q.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                return q;
            }
        }
        // SAFETY: `ptr` came from this allocator with `layout`; the block keeps its alignment.
        unsafe {
            if layout.align() <= MI_MIN_ALIGN {
                mi_realloc(p, new_size) as *mut u8
            } else {
                mi_realloc_aligned(p, new_size, layout.align()) as *mut u8
            }
        }
    }
}

/// A new block for `layout`, zero-filled when `zeroed` (a direct mapping always is).
///
/// # Safety
/// `layout` has a non-zero size (GlobalAlloc's contract).
#[inline(always)]
unsafe fn allocate(layout: std::alloc::Layout, zeroed: bool) -> *mut u8 {
    use libmimalloc_sys::{mi_malloc, mi_malloc_aligned, mi_zalloc, mi_zalloc_aligned};
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: a fresh mapping of a non-zero size, or mimalloc's entry for this alignment
    // (see the impl).
    unsafe {
        if is_direct_mapped(size, align) {
            map_direct(size)
        } else if align <= MI_MIN_ALIGN {
            if zeroed {
                mi_zalloc(size)
            } else {
                mi_malloc(size)
            }
            .cast()
        } else {
            if zeroed {
                mi_zalloc_aligned(size, align)
            } else {
                mi_malloc_aligned(size, align)
            }
            .cast()
        }
    }
}

/// Blocks of at least this many bytes are mapped from the OS directly and unmapped when
/// freed, as glibc does past its mmap threshold. mimalloc keeps a freed large block's pages
/// resident for a second (its purge delay) without reusing them for the small objects that
/// follow: the buffers a growing 100k-element list, deque or vector leaves behind stayed in
/// benches/tasks_spawn.py's peak RSS (3.6 MB of it). A mapped block also grows by `mremap`,
/// which moves pages instead of copying bytes.
const DIRECT_MAP_MIN: usize = 256 * 1024;

/// True when a block of `size` bytes and alignment `align` is mapped directly (page-aligned
/// mappings serve any alignment up to a page).
#[inline(always)]
fn is_direct_mapped(size: usize, align: usize) -> bool {
    size >= DIRECT_MAP_MIN && align <= 4096
}

/// Bytes freed to mimalloc since it last returned its empty pages to the OS. A heuristic
/// only (the interpreter allocates on one thread; relaxed loads and stores, no locked add).
static FREED_SINCE_COLLECT: AtomicUsize = AtomicUsize::new(0);

/// How many freed bytes make mimalloc return its empty pages before the next mapping.
const COLLECT_AFTER_FREEING: usize = 8 << 20;

unsafe extern "C" {
    /// mimalloc's `void mi_collect(bool force)`: with `force`, empty pages go back to the OS
    /// at once rather than after the purge delay.
    fn mi_collect(force: bool);
}

/// Counts `size` freed bytes towards the next `return_freed_memory`.
#[inline(always)]
fn note_freed(size: usize) {
    let freed = FREED_SINCE_COLLECT.load(Ordering::Relaxed);
    FREED_SINCE_COLLECT.store(freed.wrapping_add(size), Ordering::Relaxed);
}

/// Before the OS maps new pages for a big block: when many small blocks were freed since the
/// last time, mimalloc returns its empty pages first. Otherwise they stay resident for its
/// purge delay while the new block adds to the peak: the results list at the end of a 100k
/// gather, made after the finished coroutines were freed, did (1.6 MB of tasks_spawn.py's
/// peak). Once per 8 MiB freed keeps the cost (~2 ms for 13 MB returned) proportional.
fn return_freed_memory() {
    if FREED_SINCE_COLLECT.load(Ordering::Relaxed) >= COLLECT_AFTER_FREEING {
        FREED_SINCE_COLLECT.store(0, Ordering::Relaxed);
        // SAFETY: `mi_collect` may be called at any time from any thread.
        unsafe { mi_collect(true) }
    }
}

/// Has mimalloc return its empty pages at once, after a burst of short-lived blocks such as
/// compiling a big module (its tokens, AST and compiler tables). Until collected, a page
/// emptied by them stays queued for its own size class, so the objects a program makes
/// next (tasks, frames: other sizes) take fresh pages instead.
pub fn release_empty_pages() {
    FREED_SINCE_COLLECT.store(0, Ordering::Relaxed);
    // SAFETY: as in `return_freed_memory`.
    unsafe { mi_collect(true) }
}

/// A fresh private anonymous mapping of `size` bytes, or null when the OS refuses.
///
/// # Safety
/// `size` is non-zero.
unsafe fn map_direct(size: usize) -> *mut u8 {
    return_freed_memory();
    // SAFETY: a new anonymous mapping touches no existing memory.
    let q = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if q == libc::MAP_FAILED {
        std::ptr::null_mut()
    } else {
        q.cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout};

    /// Fills `n` bytes at `p` with a pattern that depends on the offset.
    unsafe fn fill(p: *mut u8, n: usize) {
        for i in (0..n).step_by(4093) {
            unsafe { *p.add(i) = (i % 251) as u8 };
        }
    }

    /// Checks the pattern of `fill` over the first `n` bytes at `p`.
    unsafe fn check(p: *const u8, n: usize) {
        for i in (0..n).step_by(4093) {
            assert_eq!(unsafe { *p.add(i) }, (i % 251) as u8, "byte {i}");
        }
    }

    /// Small and big blocks keep their bytes through growth across the threshold and back,
    /// a big block is page-aligned and zeroed when asked, and a big alignment takes mimalloc.
    #[test]
    fn blocks_keep_their_bytes_across_the_direct_map_threshold() {
        let a = MiMalloc;
        unsafe {
            let small = Layout::from_size_align(1000, 8).unwrap();
            let p = a.alloc(small);
            fill(p, 1000);
            let big = DIRECT_MAP_MIN * 2;
            let p = a.realloc(p, small, big);
            assert!(!p.is_null() && is_direct_mapped(big, 8) && (p as usize).is_multiple_of(4096));
            check(p, 1000);
            fill(p, big);
            let bigger = big * 3;
            let p = a.realloc(p, Layout::from_size_align(big, 8).unwrap(), bigger);
            check(p, big);
            let p = a.realloc(p, Layout::from_size_align(bigger, 8).unwrap(), 5000);
            check(p, 5000);
            a.dealloc(p, Layout::from_size_align(5000, 8).unwrap());

            let zeroed = Layout::from_size_align(DIRECT_MAP_MIN, 16).unwrap();
            let z = a.alloc_zeroed(zeroed);
            assert!((0..DIRECT_MAP_MIN).step_by(997).all(|i| *z.add(i) == 0));
            a.dealloc(z, zeroed);

            let odd = Layout::from_size_align(DIRECT_MAP_MIN, 8192).unwrap();
            assert!(!is_direct_mapped(odd.size(), odd.align()));
            let o = a.alloc(odd);
            assert!((o as usize).is_multiple_of(8192));
            a.dealloc(o, odd);
        }
    }

    /// After 8 MiB of frees, the next big mapping first has mimalloc return its empty pages
    /// (and starts counting again); so does `release_empty_pages`.
    #[test]
    fn a_big_mapping_after_many_frees_returns_empty_pages_first() {
        FREED_SINCE_COLLECT.store(COLLECT_AFTER_FREEING, Ordering::Relaxed);
        let a = MiMalloc;
        let layout = Layout::from_size_align(DIRECT_MAP_MIN, 8).unwrap();
        unsafe {
            let p = a.alloc(layout);
            assert!(FREED_SINCE_COLLECT.load(Ordering::Relaxed) < COLLECT_AFTER_FREEING);
            a.dealloc(p, layout);
        }
        // An explicit release (after a big compile) starts the count again too. (In this
        // test, not its own: tests run in parallel and both write the counter.)
        FREED_SINCE_COLLECT.store(2 * COLLECT_AFTER_FREEING, Ordering::Relaxed);
        release_empty_pages();
        assert!(FREED_SINCE_COLLECT.load(Ordering::Relaxed) < COLLECT_AFTER_FREEING);
    }
}
