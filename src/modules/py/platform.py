"""platform: the running system (from os.uname) and interpreter. python_implementation() is
'percolate'; platform() has no '-with-libc' suffix (percolate does not inspect its libc)."""

import os
import sys

__all__ = ['system', 'node', 'release', 'version', 'machine', 'processor', 'uname',
           'platform', 'architecture', 'python_version', 'python_version_tuple',
           'python_implementation', 'python_build', 'python_compiler', 'python_branch',
           'python_revision', 'libc_ver', 'freedesktop_os_release']


class uname_result(tuple):
    """(system, node, release, version, machine, processor)."""

    _fields = ('system', 'node', 'release', 'version', 'machine', 'processor')
    system = property(lambda self: self[0])
    node = property(lambda self: self[1])
    release = property(lambda self: self[2])
    version = property(lambda self: self[3])
    machine = property(lambda self: self[4])
    processor = property(lambda self: self[5])

    def __repr__(self):
        return 'uname_result(%s)' % ', '.join('%s=%r' % pair for pair in zip(self._fields, self))


_uname_cache = None


def uname():
    global _uname_cache
    if _uname_cache is None:
        u = os.uname()
        _uname_cache = uname_result((u.sysname, u.nodename, u.release, u.version, u.machine,
                                     ''))
    return _uname_cache


def system():
    return uname().system


def node():
    return uname().node


def release():
    return uname().release


def version():
    return uname().version


def machine():
    return uname().machine


def processor():
    return uname().processor


def architecture(executable=sys.executable, bits='', linkage=''):
    return ('64bit' if sys.maxsize > 2 ** 32 else '32bit', 'ELF')


def libc_ver(executable=None, lib='', version='', chunksize=16384):
    return (lib, version)


def platform(aliased=False, terse=False):
    system_, node_, release_, version_, machine_, processor_ = uname()
    if terse:
        return '%s-%s' % (system_, release_)
    return '%s-%s-%s' % (system_, release_, machine_)


def python_implementation():
    return 'percolate'


def python_version():
    return '%d.%d.%d' % sys.version_info[:3]


def python_version_tuple():
    return tuple(str(x) for x in sys.version_info[:3])


def python_build():
    return ('main', '')


def python_compiler():
    return 'rustc'


def python_branch():
    return ''


def python_revision():
    return ''


def freedesktop_os_release():
    for candidate in ('/etc/os-release', '/usr/lib/os-release'):
        try:
            with open(candidate) as f:
                text = f.read()
        except OSError:
            continue
        info = {'NAME': 'Linux', 'ID': 'linux', 'PRETTY_NAME': 'Linux'}
        for line in text.splitlines():
            if '=' in line and not line.startswith('#'):
                key, value = line.split('=', 1)
                info[key.strip()] = value.strip().strip('"\'')
        return info
    raise OSError(2, 'Unable to read files /etc/os-release, /usr/lib/os-release')
