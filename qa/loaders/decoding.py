"""Bytes to text: Unicode with or without a byte-order mark (UTF-16 without one is recognised
by its NUL bytes); binary data is refused."""

from __future__ import annotations

import codecs
from typing import NamedTuple

from qa.errors import InputError

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Encoding(NamedTuple):
    """How a file's text is stored, so that `mtqa fix` writes it back in the same bytes."""

    codec: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


class Decoded(NamedTuple):
    text: str
    warning: str | None = None
    """Set when the encoding was guessed: the reader must know the text may be wrong."""
    encoding: Encoding = Encoding()


def decode(data: bytes, guess_legacy: bool = False) -> Decoded:
    """The text of `data`, without its byte-order mark; InputError says why it cannot be read.

    Unicode is read as it is. Other bytes are refused, or, with `guess_legacy`, decoded in
    the legacy encoding charset-normalizer finds most likely, with a warning naming it.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding=Encoding(encoding, bom))
            except UnicodeDecodeError as error:
                raise InputError(
                    f"not valid {encoding.upper()}: {error.reason} at byte {error.start}"
                ) from None
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        if guess_legacy:
            return _guess(data)
        bad = data[error.start : error.start + 1].hex()
        raise InputError(f"not valid UTF-8: byte 0x{bad} at offset {error.start}") from None


UTF16_NUL_SHARE = 0.9
"""UTF-16 text of mostly ASCII letters has a NUL in nearly every other byte, the same half each time."""


def _utf16_without_bom(data: bytes) -> Decoded:
    """Text with NUL bytes is UTF-16 without a byte-order mark when its NULs fill one half; else binary."""
    odd, even = data[1::2].count(0), data[0::2].count(0)
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= UTF16_NUL_SHARE * (len(data) // 2) > 0 and other * 10 <= nuls:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = "\x00"
            if "\x00" in text:
                raise InputError(
                    "looks like UTF-16 without a byte-order mark, but is not valid UTF-16; re-save as UTF-8"
                )
            return Decoded(text, encoding=Encoding(codec))
    raise InputError("binary file (contains NUL bytes)")


def _guess(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # only for files that are not Unicode

    best = from_bytes(data).best()
    if best is None:
        raise InputError("not valid UTF-8, and no legacy encoding fits it")
    warning = f"not UTF-8: decoded as {best.encoding} (a guess); check the text"
    return Decoded(str(best), warning, Encoding(best.encoding))
