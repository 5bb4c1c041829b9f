"""Bytes of a text file → str, the one way every reader and `check` do it.

Chinese text files come as UTF-8 (with or without the BOM Windows Notepad writes) or, when
made by older Windows software, as GB18030 (a superset of GBK and GB2312). UTF-8 is tried
first: a valid UTF-8 Chinese text is practically never valid GB18030 of the same length,
while ASCII is both and reads the same either way.
"""

from __future__ import annotations

#: tried in this order; "utf-8-sig" also reads UTF-8 without a BOM
ENCODINGS = ("utf-8-sig", "gb18030")


class UndecodableText(ValueError):
    """The bytes are neither UTF-8 nor GB18030. `str(error)` is a Chinese-first reason that a
    caller puts after the file name."""


def decode_text(data: bytes) -> str:
    """The text of `data` in the first of ENCODINGS that decodes all of it, CR LF and CR line
    ends made LF as reading in text mode does (Windows files end lines with CR LF)."""
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UndecodableText("既不是 UTF-8 也不是 GB18030 编码的文本 (neither UTF-8 nor GB18030)")
