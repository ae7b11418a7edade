"""Pages kept by the caches, compressed once when they are kept (issue 16).

Every browser sends `Accept-Encoding: gzip`; `make run` (no nginx) sent its HTML
uncompressed, and nginx compressed every proxied page anew. A page the visitors'
page cache (page_cache.py) or the member page cache (member_cache.py) keeps is
compressed once, when it is stored, and the same bytes are sent to every client
that accepts gzip, with `Content-Encoding: gzip` and `Vary: Accept-Encoding`;
a client that does not gets the plain page. nginx does not compress a response
that already has a `Content-Encoding` (deploy/nginx.conf).

A member's kept page holds a few values that are new on every request (the CSRF
token, the CSP nonce, a view's fresh values: member_cache.py's slots). `Pieces`
keeps such a page as its fixed parts, each compressed on its own (a full flush
after each, so no part refers back into another), and the names of the values
between them. A request's answer is the gzip header, the compressed parts with
the request's values between them in stored (uncompressed) deflate blocks, an
empty final block and the trailer (CRC-32 and length of the plain page).

BREACH (guessing a secret from the size of compressed answers that reflect an
attacker's input next to it) needs the secret and the attacker's text compressed
together, anew for each guess. Here nothing is compressed per request: the fixed
parts were compressed once, when the page was kept, from a page whose address
holds no free text (no kept page reflects a request's input: the library keeps no
page with a typed search, casuistry/library_html.py), and the per-request secret,
the CSRF token, is never compressed at all (a stored block; Django masks it anew
on every request besides). What others wrote on a page (a forum post) is
compressed with what the page shows of its reader (their name in the menu), as
nginx's own gzip did before for every page and the token with it: a guess then
costs the attacker a post, a new page version, and a way to see the reader's
traffic.
"""

from __future__ import annotations

import functools
import re
import struct
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.http import HttpRequest

# Level 6 (zlib's default): the page is compressed once, when kept.
LEVEL = 6
# gzip member header: deflate, no flags, no time, no extra flags, OS unknown.
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# An empty final stored block ends the deflate stream.
_FINAL = b"\x01\x00\x00\xff\xff"
_STORED_MAX = 0xFFFF
_CODING = re.compile(r"^\s*([A-Za-z0-9*_-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?", re.ASCII)


def accepts_gzip(request: HttpRequest) -> bool:
    """Whether the client takes `Content-Encoding: gzip` (RFC 9110 12.5.3: an
    explicit `gzip;q=0` refuses it, `*` stands for any coding not named)."""
    return accepts_gzip_header(request.META.get("HTTP_ACCEPT_ENCODING", ""))


@functools.lru_cache(maxsize=128)
def accepts_gzip_header(header: str) -> bool:
    """`accepts_gzip` for the header's text (browsers send a handful of them,
    so the answer is remembered per text)."""
    if "gzip" not in header and "*" not in header:
        return False
    named: dict[str, float] = {}
    for part in header.split(","):
        match = _CODING.match(part)
        if match is None:
            continue
        try:
            quality = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            quality = 0.0
        named.setdefault(match.group(1).lower(), quality)
    for name in ("gzip", "x-gzip", "*"):
        if name in named:
            return named[name] > 0
    return False


def compress(data: bytes) -> bytes:
    """A whole page as one gzip member (no file name and no time: the same page
    gives the same bytes)."""
    return _HEADER + _deflate([data]) + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def _deflate(parts: Iterable[bytes]) -> bytes:
    """Raw deflate of the parts one after the other, ended by the final block."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, 9)
    out = [compressor.compress(part) + compressor.flush(zlib.Z_FULL_FLUSH) for part in parts]
    return b"".join(out) + _FINAL


def _stored(value: bytes) -> bytes:
    """`value` as uncompressed (stored) deflate blocks; the stream is byte-aligned
    after a full flush and after a stored block."""
    out = []
    for start in range(0, len(value), _STORED_MAX):
        chunk = value[start : start + _STORED_MAX]
        out.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(out)


@dataclass(frozen=True)
class Pieces:
    """A page as fixed parts with named values between them: `plain[0]`,
    `names[0]`, `plain[1]`, ..., `plain[-1]` (one part more than names)."""

    plain: tuple[bytes, ...]
    names: tuple[str, ...]
    packed: tuple[bytes, ...]  # each fixed part compressed, byte-aligned at its end
    # The length every value must have (see `split`), or None: any length.
    lengths: dict[str, int] | None

    @classmethod
    def split(cls, data: bytes, markers: Mapping[bytes, str], lengths: Mapping[str, int]) -> Pieces:
        """`data` cut at every occurrence of the markers (bytes -> value name).

        The parts are compressed as one stream, so a part may refer back to text in
        the parts before it (a thread page holds a CSRF token in every post's forms:
        compressed apart, its parts came to 40% of the page, not 10%). Where a value
        goes, the compressor is given as many NUL bytes as the value will have
        (`lengths`), between two flushes, and that output is dropped: the distances
        of later references then hold for the page with its real values, and no
        reference can point into the value (no page text holds a NUL byte, so no
        match can include one). A page with a NUL byte has its parts compressed
        apart (a full flush after each), and then its values may have any length."""
        plain: list[bytes] = []
        names: list[str] = []
        if markers:
            pattern = re.compile(b"|".join(re.escape(m) for m in markers))
            start = 0
            for match in pattern.finditer(data):
                plain.append(data[start : match.start()])
                names.append(markers[match.group(0)])
                start = match.end()
            plain.append(data[start:])
        else:
            plain.append(data)
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, 9)
        packed: list[bytes] = []
        linked = b"\0" not in data and all(name in lengths for name in names)
        flush = zlib.Z_SYNC_FLUSH if linked else zlib.Z_FULL_FLUSH
        for index, part in enumerate(plain):
            packed.append(compressor.compress(part) + compressor.flush(flush))
            if linked and index < len(names):
                compressor.compress(b"\0" * lengths[names[index]])
                compressor.flush(zlib.Z_SYNC_FLUSH)  # dropped: the value goes here
        return cls(
            plain=tuple(plain),
            names=tuple(names),
            packed=tuple(packed),
            lengths={name: lengths[name] for name in names} if linked else None,
        )

    def _values(self, values: Mapping[str, bytes]) -> list[bytes]:
        return [values[name] for name in self.names]

    def join(self, values: Mapping[str, bytes]) -> bytes:
        """The plain page with this request's values."""
        filled = self._values(values)
        out = [self.plain[0]]
        for value, part in zip(filled, self.plain[1:], strict=True):
            out += (value, part)
        return b"".join(out)

    def gzip(self, values: Mapping[str, bytes]) -> bytes | None:
        """The page with this request's values as one gzip member, only the values
        (stored, not compressed) and the trailer made for this request; None when
        a value does not have the length the page was compressed for."""
        if self.lengths is not None and any(
            len(values[name]) != length for name, length in self.lengths.items()
        ):
            return None
        filled = self._values(values)
        crc = zlib.crc32(self.plain[0])
        size = len(self.plain[0])
        out = [_HEADER, self.packed[0]]
        for value, plain, packed in zip(filled, self.plain[1:], self.packed[1:], strict=True):
            crc = zlib.crc32(plain, zlib.crc32(value, crc))
            size += len(value) + len(plain)
            out += (_stored(value), packed)
        out += (_FINAL, struct.pack("<II", crc, size & 0xFFFFFFFF))
        return b"".join(out)
