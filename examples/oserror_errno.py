# OSError(errno, ...) picks the subclass for the errno; the errno module; str() and args with filenames.
import errno
for n in (2, 13, 17, 111, 104, 11, 32, 4, 99999):
    e = OSError(n, "msg")
    print(type(e).__name__, e.errno, e.strerror, e)
print(repr(OSError(2, "x", "f.txt")), OSError(2, "x", "f.txt"))
print(type(OSError("just text")).__name__, type(OSError(2)).__name__)
class MyErr(OSError): pass
print(type(MyErr(2, "x")).__name__)
try:
    open("/nonexistent/file")
except FileNotFoundError as e:
    print(repr(e), e.filename)
e = OSError(2, "x", "a", None, "b"); print(e, e.args, e.filename2)
e = FileNotFoundError("plain"); print(e, e.errno)
e = OSError(1, 2); print(e)
e = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 1)"); print(e)
e = OSError(); print(repr(e), str(e))
print(errno.errorcode[errno.EAGAIN], errno.errorcode[errno.ENOTSUP], errno.EWOULDBLOCK == errno.EAGAIN)
