"""ipaddress: IPv4/IPv6 addresses, networks and interfaces with CPython's parsing rules,
error messages, text forms (RFC 5952 compression) and classification properties."""

__all__ = ['ip_address', 'ip_network', 'ip_interface', 'IPv4Address', 'IPv6Address',
           'IPv4Network', 'IPv6Network', 'IPv4Interface', 'IPv6Interface',
           'AddressValueError', 'NetmaskValueError', 'v4_int_to_packed', 'v6_int_to_packed']

IPV4LENGTH = 32
IPV6LENGTH = 128


class AddressValueError(ValueError):
    """A value error related to the address."""


class NetmaskValueError(ValueError):
    """A value error related to the netmask."""


def ip_address(address):
    try:
        return IPv4Address(address)
    except (AddressValueError, NetmaskValueError):
        pass
    try:
        return IPv6Address(address)
    except (AddressValueError, NetmaskValueError):
        pass
    raise ValueError(f'{address!r} does not appear to be an IPv4 or IPv6 address')


def ip_network(address, strict=True):
    try:
        return IPv4Network(address, strict)
    except (AddressValueError, NetmaskValueError):
        pass
    try:
        return IPv6Network(address, strict)
    except (AddressValueError, NetmaskValueError):
        pass
    raise ValueError(f'{address!r} does not appear to be an IPv4 or IPv6 network')


def ip_interface(address):
    try:
        return IPv4Interface(address)
    except (AddressValueError, NetmaskValueError):
        pass
    try:
        return IPv6Interface(address)
    except (AddressValueError, NetmaskValueError):
        pass
    raise ValueError(f'{address!r} does not appear to be an IPv4 or IPv6 interface')


def v4_int_to_packed(address):
    return address.to_bytes(4, 'big')


def v6_int_to_packed(address):
    return address.to_bytes(16, 'big')


def _split_optional_netmask(address):
    addr = str(address).split('/')
    if len(addr) > 2:
        raise AddressValueError(f"Only one '/' permitted in {address!r}")
    return addr


def _parse_octet(octet_str):
    if not octet_str:
        raise ValueError("Empty octet not permitted")
    if not (octet_str.isascii() and octet_str.isdigit()):
        raise ValueError("Only decimal digits permitted in %r" % octet_str)
    if len(octet_str) > 3:
        raise ValueError("At most 3 characters permitted in %r" % octet_str)
    if octet_str != '0' and octet_str[0] == '0':
        raise ValueError("Leading zeros are not permitted in %r" % octet_str)
    octet_int = int(octet_str, 10)
    if octet_int > 255:
        raise ValueError("Octet %d (> 255) not permitted" % octet_int)
    return octet_int


def _v4_int_from_string(ip_str):
    if not ip_str:
        raise AddressValueError('Address cannot be empty')
    octets = ip_str.split('.')
    if len(octets) != 4:
        raise AddressValueError("Expected 4 octets in %r" % ip_str)
    try:
        return int.from_bytes(bytes(map(_parse_octet, octets)), 'big')
    except ValueError as exc:
        raise AddressValueError("%s in %r" % (exc, ip_str)) from None


def _parse_hextet(hextet_str):
    if not all(c in '0123456789ABCDEFabcdef' for c in hextet_str):
        raise ValueError("Only hex digits permitted in %r" % hextet_str)
    if len(hextet_str) > 4:
        raise ValueError("At most 4 characters permitted in %r" % hextet_str)
    return int(hextet_str, 16)


def _v6_int_from_string(ip_str):
    """Mirrors ipaddress.py IPv6Address._ip_int_from_string."""
    if not ip_str:
        raise AddressValueError('Address cannot be empty')
    parts = ip_str.split(':')
    if len(parts) < 3:
        raise AddressValueError("At least 3 parts expected in %r" % ip_str)
    if '.' in parts[-1]:
        try:
            ipv4_int = IPv4Address(parts.pop())._ip
        except AddressValueError as exc:
            raise AddressValueError("%s in %r" % (exc, ip_str)) from None
        parts.append('%x' % ((ipv4_int >> 16) & 0xFFFF))
        parts.append('%x' % (ipv4_int & 0xFFFF))
    if len(parts) > 9:
        raise AddressValueError("At most 8 colons permitted in %r" % ip_str)
    skip_index = None
    for i in range(1, len(parts) - 1):
        if not parts[i]:
            if skip_index is not None:
                raise AddressValueError("At most one '::' permitted in %r" % ip_str)
            skip_index = i
    if skip_index is not None:
        parts_hi = skip_index
        parts_lo = len(parts) - skip_index - 1
        if not parts[0]:
            parts_hi -= 1
            if parts_hi:
                raise AddressValueError("Leading ':' only permitted as part of '::' in %r"
                                        % ip_str)
        if not parts[-1]:
            parts_lo -= 1
            if parts_lo:
                raise AddressValueError("Trailing ':' only permitted as part of '::' in %r"
                                        % ip_str)
        parts_skipped = 8 - (parts_hi + parts_lo)
        if parts_skipped < 1:
            raise AddressValueError("Expected at most 7 other parts with '::' in %r" % ip_str)
    else:
        if len(parts) != 8:
            raise AddressValueError("Exactly 8 parts expected without '::' in %r" % ip_str)
        if not parts[0]:
            raise AddressValueError("Leading ':' only permitted as part of '::' in %r"
                                    % ip_str)
        if not parts[-1]:
            raise AddressValueError("Trailing ':' only permitted as part of '::' in %r"
                                    % ip_str)
        parts_hi = len(parts)
        parts_lo = 0
        parts_skipped = 0
    try:
        ip_int = 0
        for i in range(parts_hi):
            ip_int <<= 16
            ip_int |= _parse_hextet(parts[i])
        ip_int <<= 16 * parts_skipped
        for i in range(-parts_lo, 0):
            ip_int <<= 16
            ip_int |= _parse_hextet(parts[i])
        return ip_int
    except ValueError as exc:
        raise AddressValueError("%s in %r" % (exc, ip_str)) from None


def _compress_hextets(hextets):
    best_start = -1
    best_len = 0
    start = -1
    length = 0
    for index, hextet in enumerate(hextets):
        if hextet == '0':
            length += 1
            if start == -1:
                start = index
            if length > best_len:
                best_len = length
                best_start = start
        else:
            length = 0
            start = -1
    if best_len > 1:
        best_end = best_start + best_len
        if best_end == len(hextets):
            hextets += ['']
        hextets[best_start:best_end] = ['']
        if best_start == 0:
            hextets = [''] + hextets
    return hextets


def _v4_str(ip):
    return '.'.join(str(b) for b in ip.to_bytes(4, 'big'))


def _v6_str(ip):
    hextets = ['%x' % ((ip >> (112 - 16 * i)) & 0xFFFF) for i in range(8)]
    return ':'.join(_compress_hextets(hextets))


class _BaseAddress:
    """An IP address: an int of `_max_prefixlen` bits."""

    __slots__ = ('_ip',)

    def __int__(self):
        return self._ip

    def __index__(self):
        return self._ip

    def __eq__(self, other):
        try:
            return self._ip == other._ip and self.version == other.version
        except AttributeError:
            return NotImplemented

    def __lt__(self, other):
        if not isinstance(other, _BaseAddress):
            return NotImplemented
        if self.version != other.version:
            raise TypeError('%s and %s are not of the same version' % (self, other))
        return self._ip < other._ip

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, _BaseAddress):
            return NotImplemented
        return other < self

    def __ge__(self, other):
        return self == other or self > other

    def __hash__(self):
        return hash(hex(int(self._ip)))

    def __add__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(int(self) + other)

    def __sub__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(int(self) - other)

    def __repr__(self):
        return '%s(%r)' % (self.__class__.__name__, str(self))

    def __format__(self, fmt):
        if not fmt or fmt[-1] == 's':
            return format(str(self), fmt)
        return format(int(self), fmt)

    @property
    def packed(self):
        return self._ip.to_bytes(self._max_prefixlen // 8, 'big')

    @property
    def max_prefixlen(self):
        return self._max_prefixlen

    def _in(self, networks):
        return any(self in net for net in networks)

    @property
    def is_private(self):
        return self._in(self._private_networks)

    @property
    def is_global(self):
        return not self.is_private


class IPv4Address(_BaseAddress):
    """An IPv4 address."""

    __slots__ = ()
    version = 4
    _max_prefixlen = IPV4LENGTH

    def __init__(self, address):
        if isinstance(address, int):
            if address < 0 or address > 2 ** 32 - 1:
                raise AddressValueError('%d (< 0) is not permitted as an IPv4 address'
                                        % address if address < 0 else
                                        '%d (>= 2**32) is not permitted as an IPv4 address'
                                        % address)
            self._ip = address
            return
        if isinstance(address, bytes):
            if len(address) != 4:
                raise AddressValueError('%r (len %d != 4) is not permitted as an IPv4 address'
                                        % (address, len(address)))
            self._ip = int.from_bytes(address, 'big')
            return
        addr_str = str(address)
        if '/' in addr_str:
            raise AddressValueError(f"Unexpected '/' in {address!r}")
        self._ip = _v4_int_from_string(addr_str)

    def __str__(self):
        return _v4_str(self._ip)

    def __contains__(self, other):
        return False

    @property
    def is_loopback(self):
        return self in IPv4Network('127.0.0.0/8')

    @property
    def is_link_local(self):
        return self in IPv4Network('169.254.0.0/16')

    @property
    def is_multicast(self):
        return self in IPv4Network('224.0.0.0/4')

    @property
    def is_unspecified(self):
        return self._ip == 0

    @property
    def is_reserved(self):
        return self in IPv4Network('240.0.0.0/4')

    @property
    def is_global(self):
        return self not in IPv4Network('100.64.0.0/10') and not self.is_private

    @property
    def reverse_pointer(self):
        return '.'.join(reversed(str(self).split('.'))) + '.in-addr.arpa'


class IPv6Address(_BaseAddress):
    """An IPv6 address (optionally with a %scope id)."""

    __slots__ = ('_scope_id',)
    version = 6
    _max_prefixlen = IPV6LENGTH

    def __init__(self, address):
        self._scope_id = None
        if isinstance(address, int):
            if address < 0 or address > 2 ** 128 - 1:
                raise AddressValueError('%d (< 0) is not permitted as an IPv6 address'
                                        % address if address < 0 else
                                        '%d (>= 2**128) is not permitted as an IPv6 address'
                                        % address)
            self._ip = address
            return
        if isinstance(address, bytes):
            if len(address) != 16:
                raise AddressValueError('%r (len %d != 16) is not permitted as an IPv6 address'
                                        % (address, len(address)))
            self._ip = int.from_bytes(address, 'big')
            return
        addr_str = str(address)
        if '/' in addr_str:
            raise AddressValueError(f"Unexpected '/' in {address!r}")
        addr_str, sep, scope_id = addr_str.partition('%')
        if sep:
            if not scope_id or '%' in scope_id:
                raise AddressValueError('Invalid IPv6 address: "%r"' % str(address))
            self._scope_id = scope_id
        self._ip = _v6_int_from_string(addr_str)

    def __str__(self):
        text = _v6_str(self._ip)
        return text + '%' + self._scope_id if self._scope_id else text

    def __eq__(self, other):
        if not super().__eq__(other):
            return False
        return getattr(other, '_scope_id', None) == self._scope_id

    def __hash__(self):
        return hash((self._ip, self._scope_id))

    @property
    def scope_id(self):
        return self._scope_id

    @property
    def exploded(self):
        hexstr = '%032x' % self._ip
        text = ':'.join(hexstr[i:i + 4] for i in range(0, 32, 4))
        return text + '%' + self._scope_id if self._scope_id else text

    @property
    def compressed(self):
        return str(self)

    @property
    def ipv4_mapped(self):
        if (self._ip >> 32) != 0xFFFF:
            return None
        return IPv4Address(self._ip & 0xFFFFFFFF)

    @property
    def is_private(self):
        ipv4_mapped = self.ipv4_mapped
        if ipv4_mapped is not None:
            return ipv4_mapped.is_private
        return self._in(self._private_networks)

    @property
    def is_global(self):
        ipv4_mapped = self.ipv4_mapped
        if ipv4_mapped is not None:
            return ipv4_mapped.is_global
        return not self.is_private

    @property
    def is_loopback(self):
        return self._ip == 1

    @property
    def is_unspecified(self):
        return self._ip == 0

    @property
    def is_link_local(self):
        return self in IPv6Network('fe80::/10')

    @property
    def is_site_local(self):
        return self in IPv6Network('fec0::/10')

    @property
    def is_multicast(self):
        return self in IPv6Network('ff00::/8')

    @property
    def is_reserved(self):
        return any(self in IPv6Network(n) for n in (
            '::/8', '100::/8', '200::/7', '400::/6', '800::/5', '1000::/4', '4000::/3',
            '6000::/3', '8000::/3', 'A000::/3', 'C000::/3', 'E000::/4', 'F000::/5',
            'F800::/6', 'FE00::/9'))


class _BaseNetwork:
    """An IP network: an address and a prefix length."""

    def _parse(self, address, strict):
        addr = _split_optional_netmask(address)
        self.network_address = self._address_class(addr[0])
        if len(addr) == 2:
            self._prefixlen = self._prefix_from_string(addr[1])
        else:
            self._prefixlen = self._max_prefixlen
        mask = self._mask_int(self._prefixlen)
        packed = int(self.network_address)
        if packed & mask != packed:
            if strict:
                raise ValueError('%s has host bits set' % self)
            self.network_address = self._address_class(packed & mask)

    def _mask_int(self, prefixlen):
        all_ones = (1 << self._max_prefixlen) - 1
        return all_ones ^ (all_ones >> prefixlen)

    def _prefix_from_string(self, text):
        if text.isascii() and text.isdigit():
            prefixlen = int(text)
            if 0 <= prefixlen <= self._max_prefixlen:
                return prefixlen
            raise NetmaskValueError('%r is not a valid netmask' % text)
        if self.version == 4:
            try:
                ip_int = _v4_int_from_string(text)
            except AddressValueError:
                raise NetmaskValueError('%r is not a valid netmask' % text) from None
            for candidate in (ip_int, ip_int ^ ((1 << 32) - 1)):
                for prefixlen in range(33):
                    if self._mask_int(prefixlen) == candidate:
                        return prefixlen
        raise NetmaskValueError('%r is not a valid netmask' % text)

    @property
    def prefixlen(self):
        return self._prefixlen

    @property
    def max_prefixlen(self):
        return self._max_prefixlen

    @property
    def netmask(self):
        return self._address_class(self._mask_int(self._prefixlen))

    @property
    def hostmask(self):
        return self._address_class(int(self.netmask) ^ ((1 << self._max_prefixlen) - 1))

    @property
    def broadcast_address(self):
        return self._address_class(int(self.network_address) | int(self.hostmask))

    @property
    def num_addresses(self):
        return int(self.broadcast_address) - int(self.network_address) + 1

    @property
    def with_prefixlen(self):
        return '%s/%d' % (self.network_address, self._prefixlen)

    @property
    def with_netmask(self):
        return '%s/%s' % (self.network_address, self.netmask)

    @property
    def with_hostmask(self):
        return '%s/%s' % (self.network_address, self.hostmask)

    def __str__(self):
        return '%s/%d' % (self.network_address, self._prefixlen)

    def __repr__(self):
        return '%s(%r)' % (self.__class__.__name__, str(self))

    def __eq__(self, other):
        try:
            return (self.version == other.version and
                    self.network_address == other.network_address and
                    int(self.netmask) == int(other.netmask))
        except AttributeError:
            return NotImplemented

    def __lt__(self, other):
        if not isinstance(other, _BaseNetwork):
            return NotImplemented
        if self.version != other.version:
            raise TypeError('%s and %s are not of the same version' % (self, other))
        if self.network_address != other.network_address:
            return self.network_address < other.network_address
        return int(self.netmask) < int(other.netmask)

    def __hash__(self):
        return hash(int(self.network_address) ^ int(self.netmask))

    def __contains__(self, other):
        if isinstance(other, _BaseNetwork):
            return False
        return (other.version == self.version and
                int(other) & int(self.netmask) == int(self.network_address))

    def __iter__(self):
        # A while loop: percolate's range() is limited to 64-bit ints, IPv6 is not.
        x = int(self.network_address)
        end = int(self.broadcast_address)
        while x <= end:
            yield self._address_class(x)
            x += 1

    def __getitem__(self, n):
        network = int(self.network_address)
        broadcast = int(self.broadcast_address)
        if n >= 0:
            if network + n > broadcast:
                raise IndexError('address out of range')
            return self._address_class(network + n)
        n += 1
        if broadcast + n < network:
            raise IndexError('address out of range')
        return self._address_class(broadcast + n)

    def hosts(self):
        network = int(self.network_address)
        broadcast = int(self.broadcast_address)
        if self._prefixlen == self._max_prefixlen - 1:
            return iter([self._address_class(network), self._address_class(broadcast)])
        if self._prefixlen == self._max_prefixlen:
            return iter([self._address_class(network)])
        last = broadcast if self.version == 6 else broadcast - 1
        return self._address_range(network + 1, last)

    def _address_range(self, first, last):
        x = first
        while x <= last:
            yield self._address_class(x)
            x += 1

    def overlaps(self, other):
        return self.network_address in other or (
            self.broadcast_address in other or (
                other.network_address in self or (other.broadcast_address in self)))

    def subnets(self, prefixlen_diff=1, new_prefix=None):
        if self._prefixlen == self._max_prefixlen:
            yield self
            return
        if new_prefix is not None:
            if new_prefix < self._prefixlen:
                raise ValueError('new prefix must be longer')
            if prefixlen_diff != 1:
                raise ValueError('cannot set prefixlen_diff and new_prefix')
            prefixlen_diff = new_prefix - self._prefixlen
        if prefixlen_diff < 0:
            raise ValueError('prefix length diff must be > 0')
        new_prefixlen = self._prefixlen + prefixlen_diff
        if new_prefixlen > self._max_prefixlen:
            raise ValueError('prefix length diff %d is invalid for netblock %s'
                             % (new_prefixlen, self))
        start = int(self.network_address)
        end = int(self.broadcast_address) + 1
        step = (int(self.hostmask) + 1) >> prefixlen_diff
        new_addr = start
        while new_addr < end:
            yield self.__class__('%s/%d' % (self._address_class(new_addr), new_prefixlen))
            new_addr += step

    def supernet(self, prefixlen_diff=1, new_prefix=None):
        if self._prefixlen == 0:
            return self
        if new_prefix is not None:
            if new_prefix > self._prefixlen:
                raise ValueError('new prefix must be shorter')
            if prefixlen_diff != 1:
                raise ValueError('cannot set prefixlen_diff and new_prefix')
            prefixlen_diff = self._prefixlen - new_prefix
        new_prefixlen = self._prefixlen - prefixlen_diff
        if new_prefixlen < 0:
            raise ValueError('current prefixlen is %d, cannot have a prefixlen_diff of %d'
                             % (self._prefixlen, prefixlen_diff))
        return self.__class__('%s/%d' % (self._address_class(
            int(self.network_address) & self._mask_int(new_prefixlen)), new_prefixlen))

    def subnet_of(self, other):
        if self.version != other.version:
            raise TypeError(f"{self} and {other} are not of the same version")
        return (other.network_address <= self.network_address and
                other.broadcast_address >= self.broadcast_address)

    def supernet_of(self, other):
        return other.subnet_of(self)

    @property
    def is_private(self):
        return self.network_address.is_private and self.broadcast_address.is_private

    @property
    def is_global(self):
        return not self.is_private

    @property
    def is_loopback(self):
        return self.network_address.is_loopback and self.broadcast_address.is_loopback

    @property
    def is_multicast(self):
        return self.network_address.is_multicast and self.broadcast_address.is_multicast

    @property
    def is_link_local(self):
        return self.network_address.is_link_local and self.broadcast_address.is_link_local

    @property
    def is_unspecified(self):
        return self.network_address.is_unspecified and self._prefixlen == self._max_prefixlen


class IPv4Network(_BaseNetwork):
    """An IPv4 network."""

    version = 4
    _max_prefixlen = IPV4LENGTH
    _address_class = IPv4Address

    def __init__(self, address, strict=True):
        if isinstance(address, (int, bytes)):
            address = str(IPv4Address(address))
        elif isinstance(address, tuple):
            address = '%s/%s' % (IPv4Address(address[0]), address[1] if len(address) > 1
                                 else 32)
        self._parse(address, strict)


class IPv6Network(_BaseNetwork):
    """An IPv6 network."""

    version = 6
    _max_prefixlen = IPV6LENGTH
    _address_class = IPv6Address

    def __init__(self, address, strict=True):
        if isinstance(address, (int, bytes)):
            address = str(IPv6Address(address))
        elif isinstance(address, tuple):
            address = '%s/%s' % (IPv6Address(address[0]), address[1] if len(address) > 1
                                 else 128)
        self._parse(address, strict)


class IPv4Interface(IPv4Address):
    """An IPv4 address with the network it sits in."""

    __slots__ = ('network', '_prefixlen')

    def __init__(self, address):
        addr = _split_optional_netmask(address)
        IPv4Address.__init__(self, addr[0])
        self.network = IPv4Network(address, strict=False)
        self._prefixlen = self.network._prefixlen

    @property
    def ip(self):
        return IPv4Address(self._ip)

    def __str__(self):
        return '%s/%d' % (_v4_str(self._ip), self._prefixlen)

    def __eq__(self, other):
        if not IPv4Address.__eq__(self, other):
            return False
        return getattr(other, 'network', None) == self.network

    def __hash__(self):
        return hash((self._ip, self._prefixlen, int(self.network.network_address)))

    @property
    def with_prefixlen(self):
        return str(self)

    @property
    def with_netmask(self):
        return '%s/%s' % (self.ip, self.network.netmask)


class IPv6Interface(IPv6Address):
    """An IPv6 address with the network it sits in."""

    __slots__ = ('network', '_prefixlen')

    def __init__(self, address):
        addr = _split_optional_netmask(address)
        IPv6Address.__init__(self, addr[0])
        self.network = IPv6Network(address, strict=False)
        self._prefixlen = self.network._prefixlen

    @property
    def ip(self):
        return IPv6Address(self._ip)

    def __str__(self):
        return '%s/%d' % (IPv6Address.__str__(self), self._prefixlen)

    def __eq__(self, other):
        if not IPv6Address.__eq__(self, other):
            return False
        return getattr(other, 'network', None) == self.network

    def __hash__(self):
        return hash((self._ip, self._prefixlen, int(self.network.network_address)))

    @property
    def with_prefixlen(self):
        return str(self)


IPv4Address._private_networks = [IPv4Network(n) for n in (
    '0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
    '192.0.0.0/29', '192.0.0.170/31', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15',
    '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '255.255.255.255/32')]
IPv6Address._private_networks = [IPv6Network(n) for n in (
    '::1/128', '::/128', '::ffff:0:0/96', '100::/64', '2001::/23', '2001:2::/48',
    '2001:db8::/32', '2001:10::/28', 'fc00::/7', 'fe80::/10')]
