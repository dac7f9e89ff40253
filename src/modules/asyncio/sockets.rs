//! The I/O half of the asyncio event loop: non-blocking TCP sockets (mio) and the selector the
//! loop waits on. Mirrors what CPython's asyncio gets from `socket` and `selectors`:
//!
//! - `_socket(family)` makes a socket object with the methods selector_events.py calls
//!   (`fileno`, `connect`, `recv`, `send`, `accept`, `bind`, `listen`, `setsockopt`,
//!   `shutdown`, `close`, `getsockname`, `getpeername`, plus `_connect_error` for
//!   `getsockopt(SO_ERROR)`).
//!   Would-block operations raise `BlockingIOError`, as on a non-blocking CPython socket.
//! - `_select_interest(fd, mask)` is the selector's register/modify/unregister: the fds the loop
//!   wants to hear about (`1` readable, `2` writable).
//! - `select(timeout)` is `selectors.EpollSelector.select`: level-triggered, so a callback that
//!   leaves data unread is called again on the next iteration, exactly as under CPython.
//!   mio registrations (edge-triggered) only wake the wait; `poll(2)` with a zero timeout then
//!   reads the level state of every fd of interest.

use crate::builtins::bytes_methods::new_bytes;
use crate::vm::object::NativeObject;
use crate::vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

/// `selectors.EVENT_READ`.
const EVENT_READ: u8 = 1;
/// `selectors.EVENT_WRITE`.
const EVENT_WRITE: u8 = 2;
/// `socket.AF_INET`.
const AF_INET: i64 = libc::AF_INET as i64;
/// `socket.AF_UNIX`.
const AF_UNIX: i64 = libc::AF_UNIX as i64;
/// `socket.AF_INET6`.
const AF_INET6: i64 = libc::AF_INET6 as i64;
/// `socket.SOCK_STREAM`.
const SOCK_STREAM: i64 = libc::SOCK_STREAM as i64;
/// `socket.IPPROTO_TCP`.
const IPPROTO_TCP: i64 = libc::IPPROTO_TCP as i64;

/// The loop's poller and the fds it watches.
struct Selector {
    /// The mio poller; created on first use (no cost for programs without asyncio).
    poll: Option<mio::Poll>,
    /// Registered fds and their event masks, in registration order (the order events are
    /// reported in).
    interest: Vec<(RawFd, u8)>,
}

thread_local! {
    /// The selector of the (single) event loop thread.
    static SELECTOR: RefCell<Selector> = const {
        RefCell::new(Selector { poll: None, interest: Vec::new() })
    };
}

/// A new poller that also watches the Ctrl-C wake-up pipe (vm/interrupt.rs), so a SIGINT
/// ends the loop's wait at once (CPython: `signal.set_wakeup_fd` on the self-pipe).
fn new_poll() -> Option<mio::Poll> {
    let poll = mio::Poll::new().ok()?;
    if let Some(fd) = crate::vm::interrupt::wake_fd() {
        let _ = poll.registry().register(
            &mut mio::unix::SourceFd(&fd),
            mio::Token(usize::MAX),
            mio::Interest::READABLE,
        );
    }
    Some(poll)
}

/// Sets the events the loop waits for on `fd` (0 unregisters it).
fn set_interest(fd: RawFd, mask: u8) {
    // `try_with`: a socket dropped while the thread exits finds the selector already gone.
    let _ = SELECTOR.try_with(|cell| {
        let mut selector = cell.borrow_mut();
        if selector.poll.is_none() {
            selector.poll = new_poll();
        }
        let Selector { poll, interest } = &mut *selector;
        let position = interest.iter().position(|(f, _)| *f == fd);
        match (position, mask) {
            (Some(i), 0) => {
                interest.remove(i);
                if let Some(poll) = poll {
                    // The fd may already be closed; the kernel then dropped it by itself.
                    let _ = poll.registry().deregister(&mut mio::unix::SourceFd(&fd));
                }
            }
            (Some(i), _) => interest[i].1 = mask,
            (None, 0) => {}
            (None, _) => {
                interest.push((fd, mask));
                if let Some(poll) = poll {
                    // Both directions, once: the wake-up is all mio is used for.
                    let _ = poll.registry().register(
                        &mut mio::unix::SourceFd(&fd),
                        mio::Token(fd as usize),
                        mio::Interest::READABLE | mio::Interest::WRITABLE,
                    );
                }
            }
        }
    });
}

/// The fds of interest that are ready now, with the events (`poll(2)`, zero timeout).
fn ready_now(interest: &[(RawFd, u8)]) -> Vec<(RawFd, u8)> {
    let mut fds: Vec<libc::pollfd> = interest
        .iter()
        .map(|&(fd, mask)| libc::pollfd {
            fd,
            events: (if mask & EVENT_READ != 0 {
                libc::POLLIN
            } else {
                0
            }) | (if mask & EVENT_WRITE != 0 {
                libc::POLLOUT
            } else {
                0
            }),
            revents: 0,
        })
        .collect();
    // SAFETY: `fds` is a valid, exclusively borrowed array of `fds.len()` pollfd structs.
    let count = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, 0) };
    if count <= 0 {
        return Vec::new();
    }
    let mut ready = Vec::new();
    for (pollfd, &(fd, mask)) in fds.iter().zip(interest) {
        let revents = pollfd.revents;
        if revents == 0 {
            continue;
        }
        // As selectors.EpollSelector: anything but "writable" wakes a reader (errors and
        // hang-ups included), anything but "readable" wakes a writer.
        let mut events = 0;
        if revents & !libc::POLLOUT != 0 {
            events |= EVENT_READ;
        }
        if revents & !libc::POLLIN != 0 {
            events |= EVENT_WRITE;
        }
        if events & mask != 0 {
            ready.push((fd, events & mask));
        }
    }
    ready
}

/// Mirrors `selectors.EpollSelector.select(timeout)`: waits up to `timeout` seconds (`None`:
/// until an event) and returns the ready fds with their events, level-triggered.
pub fn select(timeout: Option<f64>) -> Vec<(RawFd, u8)> {
    SELECTOR.with(|cell| {
        let mut selector = cell.borrow_mut();
        if selector.poll.is_none() {
            selector.poll = new_poll();
        }
        let Selector { poll, interest } = &mut *selector;
        let ready = ready_now(interest);
        if !ready.is_empty() {
            return ready;
        }
        let duration = timeout.map(|t| Duration::from_secs_f64(t.clamp(0.0, 86_400.0)));
        match poll {
            Some(poll) => {
                let mut events = mio::Events::with_capacity(64);
                // An interrupted wait simply ends early; the loop recomputes its timeout. A
                // Ctrl-C that is already pending must not wait at all (the VM raises it next).
                if !crate::vm::interrupt::pending() {
                    let _ = poll.poll(&mut events, duration);
                }
                crate::vm::interrupt::drain_wake();
            }
            None => std::thread::sleep(duration.unwrap_or(Duration::from_secs(86_400))),
        }
        ready_now(interest)
    })
}

/// The connection state of a socket object.
enum Conn {
    /// Created (maybe bound), neither connecting nor listening yet; std's type only carries
    /// the fd.
    Idle(std::net::TcpListener),
    /// A connected (or connecting) stream.
    Stream(mio::net::TcpStream),
    /// A listening socket.
    Listener(mio::net::TcpListener),
    /// Closed: every operation fails with EBADF.
    Closed,
}

/// The Rust state of a socket object.
struct SocketState {
    /// The address family (`AF_INET` or `AF_INET6`).
    family: i64,
    /// The OS socket.
    conn: RefCell<Conn>,
    /// Blocking mode (`setblocking(True)`): the fd itself stays non-blocking and the calls wait
    /// in poll(2) together with the Ctrl-C wake-up pipe, so a SIGINT interrupts them.
    blocking: Cell<bool>,
}

impl NativeObject for SocketState {
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Drop for SocketState {
    fn drop(&mut self) {
        // A socket dropped without close() leaves the selector with its fd, as close() does.
        let fd = self.fd();
        if fd >= 0 {
            set_interest(fd, 0);
        }
    }
}

impl SocketState {
    /// The OS file descriptor, -1 when there is none (CPython's `fileno()` of a closed socket).
    fn fd(&self) -> RawFd {
        match &*self.conn.borrow() {
            Conn::Stream(s) => s.as_raw_fd(),
            Conn::Listener(l) => l.as_raw_fd(),
            Conn::Idle(i) => i.as_raw_fd(),
            Conn::Closed => -1,
        }
    }
}

/// An OSError subclass for `errno` with `message` (getaddrinfo and friends word their own).
fn os_error_with(vm: &mut Vm, errno: i32, message: String) -> ObjRef {
    let cls = vm
        .exc
        .by_name(crate::vm::exception::os_error_class_name(errno))
        .unwrap_or_else(|| vm.exc.os_error.clone());
    vm.new_exception(
        &cls,
        vec![Value::Int(i64::from(errno)), Value::string(message)],
    )
}

/// The exception CPython raises for a failed socket call.
fn os_error(vm: &mut Vm, err: &std::io::Error) -> ObjRef {
    let errno = err.raw_os_error().unwrap_or(match err.kind() {
        std::io::ErrorKind::WouldBlock => libc::EAGAIN,
        _ => libc::EIO,
    });
    vm.new_os_error(errno, None)
}

/// The error of an operation on a closed socket.
fn bad_fd(vm: &mut Vm) -> ObjRef {
    vm.new_os_error(libc::EBADF, None)
}

/// A socket address as CPython's socket module returns it.
fn address_value(addr: &SocketAddr) -> Value {
    match addr {
        SocketAddr::V4(a) => Value::tuple(vec![
            Value::string(a.ip().to_string()),
            Value::Int(i64::from(a.port())),
        ]),
        SocketAddr::V6(a) => Value::tuple(vec![
            Value::string(a.ip().to_string()),
            Value::Int(i64::from(a.port())),
            Value::Int(i64::from(a.flowinfo())),
            Value::Int(i64::from(a.scope_id())),
        ]),
    }
}

/// A socket address of either kind the sockets support.
enum Address {
    /// An IPv4 or IPv6 address and port.
    Inet(SocketAddr),
    /// An AF_UNIX path (a leading NUL byte: Linux's abstract namespace).
    Unix(Vec<u8>),
}

/// Reads an address argument: a path (str or bytes) for AF_UNIX, else an inet address.
fn socket_address(vm: &mut Vm, family: i64, v: &Value) -> PyResult<Address> {
    if family != AF_UNIX {
        return inet_address(vm, family, v).map(Address::Inet);
    }
    let path = match (v.as_str(), v.payload()) {
        (Some(s), _) => s.as_bytes().to_vec(),
        (None, Some(Payload::Bytes(b))) => b.to_vec(),
        _ => {
            return Err(vm.new_type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(v)
            )));
        }
    };
    // sockaddr_un.sun_path holds 108 bytes, the last a NUL for a filesystem path.
    if path.len() >= 108 {
        return Err(vm.new_exception_msg(&vm.exc.os_error.clone(), "AF_UNIX path too long"));
    }
    Ok(Address::Unix(path))
}

/// Reads an `(host, port)` / `(host, port, flowinfo, scope_id)` argument with a numeric host.
fn inet_address(vm: &mut Vm, family: i64, v: &Value) -> PyResult<SocketAddr> {
    let Some(items) = v.as_tuple().map(|t| t.to_vec()) else {
        let kind = if family == AF_INET6 {
            "AF_INET6"
        } else {
            "AF_INET"
        };
        return Err(vm.new_type_error(format!(
            "{kind} address must be tuple, not {}",
            vm.type_name(v)
        )));
    };
    let host = items.first().and_then(|h| h.as_str()).unwrap_or("");
    let port = match items.get(1) {
        Some(p) => vm.index_value(p)?,
        None => 0,
    };
    let Ok(port) = u16::try_from(port) else {
        return Err(vm.new_overflow_error("connect(): port must be 0-65535."));
    };
    let host = if host.is_empty() {
        if family == AF_INET6 { "::" } else { "0.0.0.0" }
    } else {
        host
    };
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => Ok(SocketAddr::V4(SocketAddrV4::new(ip, port))),
        Ok(IpAddr::V6(ip)) => {
            let flowinfo = match items.get(2) {
                Some(v) => vm.index_value(v)? as u32,
                None => 0,
            };
            let scope = match items.get(3) {
                Some(v) => vm.index_value(v)? as u32,
                None => 0,
            };
            Ok(SocketAddr::V6(SocketAddrV6::new(ip, port, flowinfo, scope)))
        }
        Err(_) => Err(gai_error(vm, libc::EAI_NONAME)),
    }
}

/// The size of the reused `recv` buffer (selector_events.py's `max_size`).
const RECV_SCRATCH_SIZE: usize = 256 * 1024;

thread_local! {
    /// The buffer `recv` reads into before copying out what arrived.
    static RECV_SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The `socket.gaierror` class, made when asyncio is first imported.
    static GAIERROR: RefCell<Option<ObjRef>> = const { RefCell::new(None) };
}

/// `socket.gaierror(code, gai_strerror(code))`.
fn gai_error(vm: &mut Vm, code: i32) -> ObjRef {
    // SAFETY: gai_strerror returns a pointer to a static NUL-terminated message.
    let message = unsafe { std::ffi::CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let cls = GAIERROR
        .with(|c| c.borrow().clone())
        .unwrap_or_else(|| vm.exc.os_error.clone());
    vm.new_exception(
        &cls,
        vec![Value::Int(i64::from(code)), Value::string(message)],
    )
}

/// One answer of the resolver: `(family, type, proto, canonname, sockaddr)`.
struct AddrInfo {
    /// The address family (`AF_INET`, `AF_INET6`).
    family: i64,
    /// The socket type (`SOCK_STREAM`, ...).
    socktype: i64,
    /// The protocol number.
    proto: i64,
    /// The canonical name (only with `AI_CANONNAME`, on the first answer).
    canonname: String,
    /// The socket address.
    addr: SocketAddr,
}

/// The resolver's question: what `socket.getaddrinfo` passes to getaddrinfo(3).
struct AddrQuery {
    /// The host name or numeric address (`None`: the local or wildcard address).
    host: Option<String>,
    /// The service: a port number or a service name (`None`: port 0).
    service: Option<String>,
    /// `ai_family` of the hints.
    family: i64,
    /// `ai_socktype` of the hints.
    socktype: i64,
    /// `ai_protocol` of the hints.
    proto: i64,
    /// `ai_flags` of the hints.
    flags: i64,
}

/// Mirrors socketmodule.c `socket_getaddrinfo`: the answers of getaddrinfo(3) in resolver
/// order, IPv4 and IPv6 only.
fn getaddrinfo(vm: &mut Vm, query: &AddrQuery) -> PyResult<Vec<AddrInfo>> {
    let to_c = |vm: &mut Vm, text: &Option<String>| match text {
        Some(t) => match std::ffi::CString::new(t.as_str()) {
            Ok(c) => Ok(Some(c)),
            Err(_) => Err(vm.new_value_error("embedded null character")),
        },
        None => Ok(None),
    };
    let host_c = to_c(vm, &query.host)?;
    let service_c = to_c(vm, &query.service)?;
    // SAFETY: an all-zero addrinfo is the documented "no hints" value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = query.family as libc::c_int;
    hints.ai_socktype = query.socktype as libc::c_int;
    hints.ai_protocol = query.proto as libc::c_int;
    hints.ai_flags = query.flags as libc::c_int;
    let mut list: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; `list` is freed below.
    let code = unsafe {
        libc::getaddrinfo(
            host_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            service_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            &hints,
            &mut list,
        )
    };
    if code != 0 {
        if code == libc::EAI_SYSTEM {
            return Err(os_error(vm, &std::io::Error::last_os_error()));
        }
        return Err(gai_error(vm, code));
    }
    let mut answers = Vec::new();
    let mut node = list;
    while !node.is_null() {
        // SAFETY: `node` walks the list getaddrinfo returned; each sockaddr matches its family.
        unsafe {
            let info = &*node;
            let addr = if info.ai_addr.is_null() {
                None
            } else if info.ai_family == libc::AF_INET {
                let sa = &*(info.ai_addr as *const libc::sockaddr_in);
                let ip = Ipv4Addr::from(u32::from_be(sa.sin_addr.s_addr));
                Some(SocketAddr::V4(SocketAddrV4::new(
                    ip,
                    u16::from_be(sa.sin_port),
                )))
            } else if info.ai_family == libc::AF_INET6 {
                let sa = &*(info.ai_addr as *const libc::sockaddr_in6);
                let ip = Ipv6Addr::from(sa.sin6_addr.s6_addr);
                Some(SocketAddr::V6(SocketAddrV6::new(
                    ip,
                    u16::from_be(sa.sin6_port),
                    sa.sin6_flowinfo,
                    sa.sin6_scope_id,
                )))
            } else {
                None
            };
            if let Some(addr) = addr {
                let canonname = if info.ai_canonname.is_null() {
                    String::new()
                } else {
                    std::ffi::CStr::from_ptr(info.ai_canonname)
                        .to_string_lossy()
                        .into_owned()
                };
                answers.push(AddrInfo {
                    family: i64::from(info.ai_family),
                    socktype: i64::from(info.ai_socktype),
                    proto: i64::from(info.ai_protocol),
                    canonname,
                    addr,
                });
            }
            node = info.ai_next;
        }
    }
    // SAFETY: `list` came from a successful getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(list) };
    Ok(answers)
}

/// Reads the host argument of getaddrinfo: None, str or bytes.
fn host_argument(vm: &mut Vm, v: &Value) -> PyResult<Option<String>> {
    match v {
        Value::None => Ok(None),
        v => match (v.as_str(), v.payload()) {
            (Some(s), _) => Ok(Some(s.to_string())),
            (None, Some(Payload::Bytes(b))) => Ok(Some(String::from_utf8_lossy(b).into_owned())),
            _ => Err(vm.new_type_error(format!(
                "getaddrinfo() argument 1 must be string or None, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

/// Reads the port argument of getaddrinfo: None, int, str or bytes (socketmodule.c).
fn service_argument(vm: &mut Vm, v: &Value) -> PyResult<Option<String>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(i.to_string())),
        v => match (v.as_str(), v.payload()) {
            (Some(s), _) => Ok(Some(s.to_string())),
            (None, Some(Payload::Bytes(b))) => Ok(Some(String::from_utf8_lossy(b).into_owned())),
            _ => Err(vm.new_exception_msg(&vm.exc.os_error.clone(), "Int or String expected")),
        },
    }
}

/// setsockopt(2) with an int value.
fn set_option(
    fd: RawFd,
    level: libc::c_int,
    name: libc::c_int,
    value: libc::c_int,
) -> std::io::Result<()> {
    // SAFETY: `value` outlives the call and the length is its size.
    let rc = unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Calls `f` with `addr` as a C sockaddr and its length.
fn with_sockaddr<R>(
    addr: &Address,
    f: impl FnOnce(*const libc::sockaddr, libc::socklen_t) -> R,
) -> R {
    let addr = match addr {
        Address::Inet(inet) => inet,
        Address::Unix(path) => {
            // SAFETY: all-zero is a valid sockaddr_un; the path is then copied in.
            let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (slot, byte) in sun.sun_path.iter_mut().zip(path) {
                *slot = *byte as libc::c_char;
            }
            let header = std::mem::size_of::<libc::sa_family_t>();
            // A filesystem path counts its terminating NUL; an abstract name does not.
            let terminator = usize::from(path.first() != Some(&0));
            let len = (header + path.len() + terminator) as libc::socklen_t;
            return f((&sun as *const libc::sockaddr_un).cast(), len);
        }
    };
    match addr {
        SocketAddr::V4(a) => {
            // SAFETY: all-zero is a valid sockaddr_in; the fields are then filled in.
            let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = a.port().to_be();
            sin.sin_addr = libc::in_addr {
                s_addr: u32::from(*a.ip()).to_be(),
            };
            let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            f((&sin as *const libc::sockaddr_in).cast(), len)
        }
        SocketAddr::V6(a) => {
            // SAFETY: all-zero is a valid sockaddr_in6; the fields are then filled in.
            let mut sin6: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = a.port().to_be();
            sin6.sin6_flowinfo = a.flowinfo();
            sin6.sin6_addr = libc::in6_addr {
                s6_addr: a.ip().octets(),
            };
            sin6.sin6_scope_id = a.scope_id();
            let len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
            f((&sin6 as *const libc::sockaddr_in6).cast(), len)
        }
    }
}

/// connect(2): `Ok(true)` when connected, `Ok(false)` when a non-blocking connect is under
/// way (EINPROGRESS).
fn connect_from(fd: RawFd, addr: &Address) -> std::io::Result<bool> {
    // SAFETY: connect(2) with a complete sockaddr of the length passed.
    let rc = with_sockaddr(addr, |sa, len| unsafe { libc::connect(fd, sa, len) });
    if rc < 0 {
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() != Some(libc::EINPROGRESS) {
            return Err(err);
        }
        return Ok(false);
    }
    Ok(true)
}

/// A new non-blocking, close-on-exec TCP socket of `family` (`socket.socket(family,
/// SOCK_STREAM)` then `setblocking(False)`).
fn new_socket(family: i64) -> std::io::Result<std::net::TcpListener> {
    use std::os::fd::FromRawFd;
    // SAFETY: plain socket(2) call.
    let fd = unsafe {
        libc::socket(
            family as libc::c_int,
            libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `fd` is a fresh socket nobody else owns.
    let owned = unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) };
    Ok(std::net::TcpListener::from(owned))
}

/// bind(2).
fn bind_to(fd: RawFd, addr: &Address) -> std::io::Result<()> {
    // SAFETY: bind(2) with a complete sockaddr of the length passed.
    let rc = with_sockaddr(addr, |sa, len| unsafe { libc::bind(fd, sa, len) });
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Waits until `fd` has `events` (poll(2) flags), or a Ctrl-C arrives: then the VM's SIGINT
/// handling runs (`KeyboardInterrupt` by default) and, if it raised nothing, the wait goes on.
/// Mirrors a blocking CPython socket call interrupted by a signal (PEP 475).
fn wait_ready(vm: &mut Vm, fd: RawFd, events: libc::c_short) -> PyResult<()> {
    let wake = crate::vm::interrupt::wake_fd().unwrap_or(-1);
    loop {
        let mut fds = [
            libc::pollfd {
                fd,
                events,
                revents: 0,
            },
            // poll(2) skips a negative fd: no wake-up pipe, no Ctrl-C wake-ups.
            libc::pollfd {
                fd: wake,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ready = if crate::vm::interrupt::pending() {
            0
        } else {
            // SAFETY: `fds` is a valid array of two pollfd structs.
            unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) }
        };
        if crate::vm::interrupt::pending() {
            crate::vm::interrupt::drain_wake();
            vm.handle_interrupt()?;
            continue;
        }
        if ready > 0 && fds[0].revents != 0 {
            return Ok(());
        }
        if fds[1].revents != 0 {
            crate::vm::interrupt::drain_wake();
        }
    }
}

/// Runs a socket call; in blocking mode a call that would block waits for `events` and runs
/// again, and EINTR runs the signal handling then retries (PEP 475). `call` gets the socket
/// state without the borrow being held across the waits.
fn blocking_call<T>(
    vm: &mut Vm,
    st: &SocketState,
    events: libc::c_short,
    mut call: impl FnMut(&Conn) -> Option<std::io::Result<T>>,
) -> PyResult<Option<std::io::Result<T>>> {
    loop {
        let result = call(&st.conn.borrow());
        match &result {
            Some(Err(e)) if e.kind() == std::io::ErrorKind::WouldBlock && st.blocking.get() => {
                wait_ready(vm, st.fd(), events)?;
            }
            Some(Err(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
                vm.handle_interrupt()?;
            }
            _ => return Ok(result),
        }
    }
}

/// A bytes-like argument as bytes: bytes itself, or what `__bytes__` gives (bytearray).
fn bytes_argument(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if matches!(v.payload(), Some(Payload::Bytes(_))) {
        return Ok(v.clone());
    }
    let not_bytes = |vm: &mut Vm| {
        vm.new_type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    };
    if matches!(v.payload(), Some(Payload::Str(_))) {
        return Err(not_bytes(vm));
    }
    match vm.call_dunder(v, "__bytes__", vec![])? {
        Some(b) if matches!(b.payload(), Some(Payload::Bytes(_))) => Ok(b),
        _ => Err(not_bytes(vm)),
    }
}

/// accept4(2) on an AF_UNIX listener (mio's accept only reads inet peer addresses); the peer of
/// a Unix connection is usually unnamed, which CPython reports as ''.
fn accept_unix(fd: RawFd) -> std::io::Result<(mio::net::TcpStream, Value)> {
    use std::os::fd::FromRawFd;
    // SAFETY: accept4(2) without a peer address buffer.
    let conn = unsafe {
        libc::accept4(
            fd,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
        )
    };
    if conn < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `conn` is a fresh fd nobody else owns.
    let owned = unsafe { std::os::fd::OwnedFd::from_raw_fd(conn) };
    let stream = mio::net::TcpStream::from_std(std::net::TcpStream::from(owned));
    let peer = unix_path_of(stream.as_raw_fd(), true).unwrap_or_default();
    Ok((stream, Value::string(peer)))
}

/// The AF_UNIX path of the socket (`peer`: of its peer), '' when unnamed.
fn unix_path_of(fd: RawFd, peer: bool) -> std::io::Result<String> {
    // SAFETY: all-zero is a valid sockaddr_un for the kernel to fill in.
    let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t;
    let target = (&mut sun as *mut libc::sockaddr_un).cast();
    // SAFETY: `sun` and `len` describe a buffer of the size passed.
    let rc = unsafe {
        if peer {
            libc::getpeername(fd, target, &mut len)
        } else {
            libc::getsockname(fd, target, &mut len)
        }
    };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let header = std::mem::size_of::<libc::sa_family_t>();
    let count = (len as usize)
        .saturating_sub(header)
        .min(sun.sun_path.len());
    let mut bytes: Vec<u8> = sun.sun_path[..count].iter().map(|&c| c as u8).collect();
    // A filesystem path ends at its NUL; an abstract name (leading NUL) keeps every byte.
    if bytes.first() != Some(&0)
        && let Some(end) = bytes.iter().position(|&b| b == 0)
    {
        bytes.truncate(end);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `getsockname()` / `getpeername()` of an AF_UNIX socket.
fn unix_name(vm: &mut Vm, fd: RawFd, peer: bool) -> PyResult<Value> {
    if fd < 0 {
        return Err(bad_fd(vm));
    }
    match unix_path_of(fd, peer) {
        Ok(path) => Ok(Value::string(path)),
        Err(e) => Err(os_error(vm, &e)),
    }
}

/// The socket state behind `self`.
fn state_of<'a>(vm: &mut Vm, me: &'a Value) -> PyResult<&'a SocketState> {
    match me.as_obj().and_then(|o| o.native::<SocketState>()) {
        Some(s) => Ok(s),
        None => Err(vm.new_type_error("descriptor requires a 'socket' object")),
    }
}

/// Registers the socket methods selector_events.py uses on `cls`.
fn add_socket_methods(vm: &mut Vm, cls: &ObjRef) {
    vm.add_method(cls, "fileno", |vm, args| {
        let st = state_of(vm, &args.positional[0])?;
        Ok(Value::Int(i64::from(st.fd())))
    });
    vm.add_getter(cls, "family", |vm, me| {
        Ok(Value::Int(state_of(vm, &me)?.family))
    });
    vm.add_getter(cls, "type", |_vm, _me| Ok(Value::Int(SOCK_STREAM)));
    vm.add_getter(cls, "proto", |vm, me| {
        let unix = state_of(vm, &me)?.family == AF_UNIX;
        Ok(Value::Int(if unix { 0 } else { IPPROTO_TCP }))
    });
    vm.add_method(cls, "connect", |vm, args| {
        let a = args.check(vm, "connect", 2, 2)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let addr = socket_address(vm, st.family, &a[1])?;
        let previous = std::mem::replace(&mut *st.conn.borrow_mut(), Conn::Closed);
        let started = match previous {
            Conn::Idle(idle) => match connect_from(idle.as_raw_fd(), &addr) {
                Ok(done) => {
                    let fd: std::os::fd::OwnedFd = idle.into();
                    let stream = mio::net::TcpStream::from_std(std::net::TcpStream::from(fd));
                    Ok((stream, done))
                }
                Err(e) => Err((e, Conn::Idle(idle))),
            },
            Conn::Closed => Err((std::io::Error::from_raw_os_error(libc::EBADF), Conn::Closed)),
            other => Err((std::io::Error::from_raw_os_error(libc::EISCONN), other)),
        };
        match started {
            Ok((stream, true)) => {
                *st.conn.borrow_mut() = Conn::Stream(stream);
                Ok(Value::None)
            }
            Ok((stream, false)) if st.blocking.get() => {
                let fd = stream.as_raw_fd();
                *st.conn.borrow_mut() = Conn::Stream(stream);
                wait_ready(vm, fd, libc::POLLOUT)?;
                let failure = match &*st.conn.borrow() {
                    Conn::Stream(s) => s.take_error().unwrap_or_else(Some),
                    _ => Some(std::io::Error::from_raw_os_error(libc::EBADF)),
                };
                match failure {
                    Some(e) => Err(os_error(vm, &e)),
                    None => Ok(Value::None),
                }
            }
            Ok((stream, false)) => {
                *st.conn.borrow_mut() = Conn::Stream(stream);
                // A non-blocking connect is under way: the writer callback learns its fate.
                Err(vm.new_os_error(libc::EINPROGRESS, None))
            }
            Err((e, previous)) => {
                *st.conn.borrow_mut() = previous;
                Err(os_error(vm, &e))
            }
        }
    });
    vm.add_method(cls, "_connect_error", |vm, args| {
        let st = state_of(vm, &args.positional[0])?;
        let errno = match &*st.conn.borrow() {
            Conn::Stream(s) => match s.take_error() {
                Ok(None) => 0,
                Ok(Some(e)) | Err(e) => e.raw_os_error().unwrap_or(libc::EIO),
            },
            _ => libc::EBADF,
        };
        Ok(Value::Int(i64::from(errno)))
    });
    vm.add_method(cls, "bind", |vm, args| {
        let a = args.check(vm, "bind", 2, 2)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let addr = socket_address(vm, st.family, &a[1])?;
        let result = match &*st.conn.borrow() {
            Conn::Idle(idle) => bind_to(idle.as_raw_fd(), &addr),
            Conn::Closed => Err(std::io::Error::from_raw_os_error(libc::EBADF)),
            _ => Err(std::io::Error::from_raw_os_error(libc::EINVAL)),
        };
        result.map_err(|e| os_error(vm, &e))?;
        Ok(Value::None)
    });
    vm.add_method(cls, "getsockopt", |vm, args| {
        let a = args.check(vm, "getsockopt", 3, 3)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let level = vm.index_value(&a[1])? as libc::c_int;
        let name = vm.index_value(&a[2])? as libc::c_int;
        let fd = st.fd();
        if fd < 0 {
            return Err(bad_fd(vm));
        }
        let mut value: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: `value` and `len` describe an int-sized buffer for the kernel to fill in.
        let rc = unsafe {
            libc::getsockopt(
                fd,
                level,
                name,
                (&mut value as *mut libc::c_int).cast(),
                &mut len,
            )
        };
        if rc < 0 {
            return Err(os_error(vm, &std::io::Error::last_os_error()));
        }
        Ok(Value::Int(i64::from(value)))
    });
    vm.add_method(cls, "setsockopt", |vm, args| {
        let a = args.check(vm, "setsockopt", 4, 4)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let level = vm.index_value(&a[1])? as libc::c_int;
        let name = vm.index_value(&a[2])? as libc::c_int;
        let value = vm.index_value(&a[3])? as libc::c_int;
        let fd = st.fd();
        if fd < 0 {
            return Err(bad_fd(vm));
        }
        set_option(fd, level, name, value).map_err(|e| os_error(vm, &e))?;
        Ok(Value::None)
    });
    vm.add_method(cls, "listen", |vm, args| {
        let a = args.check(vm, "listen", 1, 2)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let backlog = match a.get(1) {
            Some(v) => vm.index_value(v)?.clamp(0, i64::from(libc::c_int::MAX)) as libc::c_int,
            None => 128,
        };
        let previous = std::mem::replace(&mut *st.conn.borrow_mut(), Conn::Closed);
        match previous {
            Conn::Idle(idle) => {
                // SAFETY: listen(2) on the fd `idle` owns.
                if unsafe { libc::listen(idle.as_raw_fd(), backlog) } < 0 {
                    let err = std::io::Error::last_os_error();
                    *st.conn.borrow_mut() = Conn::Idle(idle);
                    return Err(os_error(vm, &err));
                }
                *st.conn.borrow_mut() = Conn::Listener(mio::net::TcpListener::from_std(idle));
                Ok(Value::None)
            }
            other => {
                let listening = matches!(other, Conn::Listener(_));
                *st.conn.borrow_mut() = other;
                if listening {
                    Ok(Value::None)
                } else {
                    Err(bad_fd(vm))
                }
            }
        }
    });
    vm.add_method(cls, "setblocking", |vm, args| {
        let a = args.check(vm, "setblocking", 2, 2)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let blocking = vm.truthy(&a[1])?;
        if st.fd() < 0 {
            return Err(bad_fd(vm));
        }
        st.blocking.set(blocking);
        Ok(Value::None)
    });
    vm.add_method(cls, "recv", |vm, args| {
        let a = args.check(vm, "recv", 2, 2)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let size = vm.index_value(&a[1])?;
        if size < 0 {
            return Err(vm.new_value_error("negative buffersize in recv"));
        }
        let result = blocking_call(vm, st, libc::POLLIN, |conn| match conn {
            Conn::Stream(s) => {
                let mut reader: &mio::net::TcpStream = s;
                let size = size as usize;
                if size <= RECV_SCRATCH_SIZE {
                    // Transports ask for 256 KiB and usually get a few bytes: read into a reused
                    // buffer rather than zeroing a fresh one each time.
                    Some(RECV_SCRATCH.with(|cell| {
                        let mut scratch = cell.borrow_mut();
                        scratch.resize(RECV_SCRATCH_SIZE, 0);
                        let n = reader.read(&mut scratch[..size])?;
                        Ok::<Vec<u8>, std::io::Error>(scratch[..n].to_vec())
                    }))
                } else {
                    let mut buffer = vec![0u8; size];
                    Some(reader.read(&mut buffer).map(|n| {
                        buffer.truncate(n);
                        buffer
                    }))
                }
            }
            _ => None,
        })?;
        match result {
            Some(Ok(data)) => Ok(new_bytes(data)),
            Some(Err(e)) => Err(os_error(vm, &e)),
            None => Err(bad_fd(vm)),
        }
    });
    vm.add_method(cls, "send", |vm, args| {
        // send(data[, offset]): the offset (an extension) lets the transport send the rest of
        // its buffer without slicing it first.
        let a = args.check(vm, "send", 2, 3)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let offset = match a.get(2) {
            Some(v) => usize::try_from(vm.index_value(v)?).unwrap_or(usize::MAX),
            None => 0,
        };
        let buffer = bytes_argument(vm, &a[1])?;
        let Some(Payload::Bytes(data)) = buffer.payload() else {
            unreachable!("bytes_argument returns bytes")
        };
        let data = data.get(offset..).unwrap_or(&[]);
        let result = blocking_call(vm, st, libc::POLLOUT, |conn| match conn {
            Conn::Stream(s) => {
                let mut writer: &mio::net::TcpStream = s;
                Some(writer.write(data))
            }
            _ => None,
        })?;
        match result {
            Some(Ok(n)) => Ok(Value::Int(n as i64)),
            Some(Err(e)) => Err(os_error(vm, &e)),
            None => Err(bad_fd(vm)),
        }
    });
    vm.add_method(cls, "sendall", |vm, args| {
        let a = args.check(vm, "sendall", 2, 2)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let buffer = bytes_argument(vm, &a[1])?;
        let Some(Payload::Bytes(data)) = buffer.payload() else {
            unreachable!("bytes_argument returns bytes")
        };
        let mut sent = 0;
        while sent < data.len() {
            let rest = &data[sent..];
            let result = blocking_call(vm, st, libc::POLLOUT, |conn| match conn {
                Conn::Stream(s) => {
                    let mut writer: &mio::net::TcpStream = s;
                    Some(writer.write(rest))
                }
                _ => None,
            })?;
            match result {
                Some(Ok(n)) => sent += n,
                Some(Err(e)) => return Err(os_error(vm, &e)),
                None => return Err(bad_fd(vm)),
            }
        }
        Ok(Value::None)
    });
    vm.add_method(cls, "accept", |vm, args| {
        let st = state_of(vm, &args.positional[0])?;
        let family = st.family;
        let result = blocking_call(vm, st, libc::POLLIN, |conn| match conn {
            Conn::Listener(l) if family == AF_UNIX => Some(accept_unix(l.as_raw_fd())),
            Conn::Listener(l) => Some(l.accept().map(|(s, peer)| (s, address_value(&peer)))),
            _ => None,
        })?;
        match result {
            Some(Ok((stream, peer))) => {
                let cls = vm.type_of(&args.positional[0]);
                let conn = vm.new_native_object(
                    &cls,
                    SocketState {
                        family,
                        conn: RefCell::new(Conn::Stream(stream)),
                        blocking: Cell::new(false),
                    },
                );
                Ok(Value::tuple(vec![Value::Obj(conn), peer]))
            }
            Some(Err(e)) => Err(os_error(vm, &e)),
            None => Err(bad_fd(vm)),
        }
    });
    vm.add_method(cls, "getsockname", |vm, args| {
        let st = state_of(vm, &args.positional[0])?;
        if st.family == AF_UNIX {
            return unix_name(vm, st.fd(), false);
        }
        let result = match &*st.conn.borrow() {
            Conn::Stream(s) => Some(s.local_addr()),
            Conn::Listener(l) => Some(l.local_addr()),
            Conn::Idle(i) => Some(i.local_addr()),
            Conn::Closed => None,
        };
        match result {
            Some(Ok(addr)) => Ok(address_value(&addr)),
            Some(Err(e)) => Err(os_error(vm, &e)),
            None => Err(bad_fd(vm)),
        }
    });
    vm.add_method(cls, "getpeername", |vm, args| {
        let st = state_of(vm, &args.positional[0])?;
        if st.family == AF_UNIX {
            return unix_name(vm, st.fd(), true);
        }
        let result = match &*st.conn.borrow() {
            Conn::Stream(s) => Some(s.peer_addr()),
            Conn::Listener(_) | Conn::Idle(_) => {
                Some(Err(std::io::Error::from_raw_os_error(libc::ENOTCONN)))
            }
            Conn::Closed => None,
        };
        match result {
            Some(Ok(addr)) => Ok(address_value(&addr)),
            Some(Err(e)) => Err(os_error(vm, &e)),
            None => Err(bad_fd(vm)),
        }
    });
    vm.add_method(cls, "shutdown", |vm, args| {
        let a = args.check(vm, "shutdown", 2, 2)?.to_vec();
        let st = state_of(vm, &a[0])?;
        let how = match vm.index_value(&a[1])? {
            0 => Shutdown::Read,
            1 => Shutdown::Write,
            2 => Shutdown::Both,
            _ => return Err(vm.new_os_error(libc::EINVAL, None)),
        };
        let result = match &*st.conn.borrow() {
            Conn::Stream(s) => Some(s.shutdown(how)),
            _ => None,
        };
        match result {
            Some(Ok(())) => Ok(Value::None),
            Some(Err(e)) => Err(os_error(vm, &e)),
            None => Err(bad_fd(vm)),
        }
    });
    vm.add_method(cls, "close", |vm, args| {
        let st = state_of(vm, &args.positional[0])?;
        let fd = st.fd();
        if fd >= 0 {
            set_interest(fd, 0);
        }
        *st.conn.borrow_mut() = Conn::Closed;
        Ok(Value::None)
    });
}

/// The natives `asyncio/selector_events.py` stands on, to set in the asyncio module (the
/// `socket` module takes `_getaddrinfo` and `_gaierror` from them).
pub fn natives(vm: &mut Vm) -> PyResult<Vec<(&'static str, Value)>> {
    // One class for the thread, whichever of asyncio and socket is imported first.
    let gaierror = match GAIERROR.with(|c| c.borrow().clone()) {
        Some(cls) => cls,
        None => {
            // Made like a Python-level class so that its repr is <class 'socket.gaierror'>.
            let namespace = vm.new_dict();
            vm.dict_set_str(&namespace, "__module__", Value::str("socket"));
            let os_error = vm.exc.os_error.clone();
            let metaclass = vm.types.type_.clone();
            let cls = vm.new_class(&metaclass, "gaierror", vec![os_error], &namespace)?;
            GAIERROR.with(|c| *c.borrow_mut() = Some(cls.clone()));
            cls
        }
    };
    let cls = vm.new_native_class("socket", &[], "socket");
    add_socket_methods(vm, &cls);
    let socket_cls = cls.clone();
    let new_socket = vm.new_native_fn("_socket", move |vm, args: Args| {
        let a = args.check(vm, "_socket", 1, 1)?.to_vec();
        let family = vm.index_value(&a[0])?;
        if family != AF_INET && family != AF_INET6 && family != AF_UNIX {
            return Err(vm.new_os_error(libc::EAFNOSUPPORT, None));
        }
        let idle = new_socket(family).map_err(|e| os_error(vm, &e))?;
        let state = SocketState {
            family,
            conn: RefCell::new(Conn::Idle(idle)),
            blocking: Cell::new(false),
        };
        Ok(Value::Obj(vm.new_native_object(&socket_cls, state)))
    });
    let interest = vm.new_native_fn("_select_interest", |vm, args: Args| {
        let a = args.check(vm, "_select_interest", 2, 2)?.to_vec();
        let fd = vm.index_value(&a[0])?;
        let mask = vm.index_value(&a[1])?;
        let fd = RawFd::try_from(fd).map_err(|_| vm.new_value_error("invalid fd"))?;
        set_interest(fd, (mask & 3) as u8);
        Ok(Value::None)
    });
    let resolve = vm.new_native_fn("_getaddrinfo", |vm, args: Args| {
        let a = args.check(vm, "_getaddrinfo", 6, 6)?.to_vec();
        let query = AddrQuery {
            host: host_argument(vm, &a[0])?,
            service: service_argument(vm, &a[1])?,
            family: vm.index_value(&a[2])?,
            socktype: vm.index_value(&a[3])?,
            proto: vm.index_value(&a[4])?,
            flags: vm.index_value(&a[5])?,
        };
        let answers = getaddrinfo(vm, &query)?
            .into_iter()
            .map(|info| {
                Value::tuple(vec![
                    Value::Int(info.family),
                    Value::Int(info.socktype),
                    Value::Int(info.proto),
                    Value::string(info.canonname),
                    address_value(&info.addr),
                ])
            })
            .collect();
        Ok(Value::list(answers))
    });
    let pton = vm.new_native_fn("_is_ip_address", |vm, args: Args| {
        let a = args.check(vm, "_is_ip_address", 2, 2)?.to_vec();
        let family = vm.index_value(&a[0])?;
        let host = a[1].as_str().unwrap_or("");
        let ok = match family {
            AF_INET => host.parse::<Ipv4Addr>().is_ok(),
            AF_INET6 => host.parse::<Ipv6Addr>().is_ok(),
            _ => false,
        };
        Ok(Value::Bool(ok))
    });
    let remove_stale = vm.new_native_fn("_remove_stale_unix_socket", |vm, args: Args| {
        // create_unix_server: a socket file left by an earlier server is removed (an abstract
        // name, a missing file or anything but a socket is left alone).
        let a = args.check(vm, "_remove_stale_unix_socket", 1, 1)?.to_vec();
        let path = match (a[0].as_str(), a[0].payload()) {
            (Some(s), _) => s.as_bytes().to_vec(),
            (None, Some(Payload::Bytes(b))) => b.to_vec(),
            _ => return Ok(Value::None),
        };
        if path.first().is_none_or(|&b| b == 0) {
            return Ok(Value::None);
        }
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::FileTypeExt;
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(&path));
        if let Ok(meta) = std::fs::metadata(path)
            && meta.file_type().is_socket()
        {
            let _ = std::fs::remove_file(path);
        }
        Ok(Value::None)
    });
    let os_error_fn = vm.new_native_fn("_os_error", |vm, args: Args| {
        let a = args.check(vm, "_os_error", 2, 2)?.to_vec();
        let errno = vm.index_value(&a[0])? as i32;
        let message = vm.str(&a[1])?;
        Ok(Value::Obj(os_error_with(vm, errno, message)))
    });
    Ok(vec![
        ("_socket", new_socket),
        ("_socket_type", Value::Obj(cls)),
        ("_gaierror", Value::Obj(gaierror)),
        ("_select_interest", interest),
        ("_getaddrinfo", resolve),
        ("_is_ip_address", pton),
        ("_os_error", os_error_fn),
        ("_remove_stale_unix_socket", remove_stale),
    ])
}
