"""ISO-BMFF (MP4, QuickTime .mov) box walker: checks a video's box structure and blanks its location metadata.

A file is a sequence of boxes (ISO/IEC 14496-12 §4.2): a 32-bit big-endian size that counts the 8-byte header,
a four-character type, then the payload; size 1 means a 64-bit size follows the type, size 0 means "up to the end
of the enclosing box or file". Containers (moov, trak, udta, meta, ilst) hold further boxes.

Where phones and cameras put the place a video was shot:

- `©xyz` under `moov/udta` or `trak/udta` (QuickTime user data, ISO 6709 text such as "+06.1234+106.5678/");
  Android's MediaMuxer and most cameras write this one.
- `loci` (3GPP TS 26.244 §8.10, location information) under a `udta`.
- `moov/meta` with handler `mdta` (Apple): `keys` names each item, and the `ilst` item whose 1-based index
  matches a key such as `com.apple.quicktime.location.ISO6709` holds the value.
- `udta/meta/ilst/©xyz` (iTunes-style metadata, used by some editors).

Blanking overwrites the payload with zero bytes in place: no box changes size, so the chunk offsets in
`stco`/`co64` still point at the right media data and the copy plays exactly like the original.
"""

import struct
from collections.abc import Iterator
from dataclasses import dataclass

LOCATION_BOXES = frozenset({b"\xa9xyz", b"loci"})
# Apple writes com.apple.quicktime.location.ISO6709, .location.accuracy.horizontal, .location.name, .location.note…
LOCATION_KEY_MARKER = b"location"
_HEADER = struct.Struct(">I4s")


class Mp4Error(ValueError):
    """The bytes are not a well-formed ISO-BMFF file (garbage, truncated, or a box runs past its container)."""


@dataclass(frozen=True)
class Box:
    """One box: `start` is the offset of its size field, `body` of its payload, `end` just past it."""

    type: bytes
    start: int
    body: int
    end: int

    @property
    def label(self) -> str:
        """The type as text ("©xyz": 0xA9 is "©" in Latin-1, as QuickTime defines it)."""
        return self.type.decode("latin-1")


def iter_boxes(data: bytes, start: int = 0, end: int | None = None) -> Iterator[Box]:
    """Yield the boxes lying between `start` and `end`, raising Mp4Error unless they tile the range exactly.

    A remainder shorter than a box header made only of zero bytes is accepted: QuickTime allows a 32-bit zero
    to terminate a user-data list (QuickTime File Format, "User data atoms").
    """
    end = len(data) if end is None else end
    pos = start
    while pos < end:
        if end - pos < _HEADER.size:
            if any(data[pos:end]):
                raise Mp4Error(f"truncated box header at offset {pos}")
            return
        size, kind = _HEADER.unpack_from(data, pos)
        header = _HEADER.size
        if size == 1:
            if end - pos < 16:
                raise Mp4Error(f"truncated 64-bit box size at offset {pos}")
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise Mp4Error(f"box {kind!r} at offset {pos} has size {size}, outside its container")
        yield Box(kind, pos, pos + header, pos + size)
        pos += size


def scrub_location(data: bytes) -> tuple[bytes, list[str]]:
    """Check the file's structure and return (copy with location payloads zeroed, labels of what was blanked).

    The labels name each blanked item, e.g. ["moov/udta/©xyz", "moov/meta/com.apple.quicktime.location.ISO6709"].
    When nothing was found the original object is returned unchanged. Raises Mp4Error for anything that is
    not an ftyp-first sequence of boxes holding exactly one moov.
    """
    top = list(iter_boxes(data))
    if not top or top[0].type != b"ftyp":
        raise Mp4Error("the first box is not ftyp")
    for box in top:
        # Top-level types are printable ASCII in every real file; random bytes after a forged ftyp are not.
        if not all(0x20 <= char <= 0x7E for char in box.type):
            raise Mp4Error(f"box type {box.type!r} at offset {box.start} is not a four-character code")
    moovs = [box for box in top if box.type == b"moov"]
    if len(moovs) != 1:
        raise Mp4Error(f"{len(moovs)} moov boxes, expected one")
    spans: list[tuple[int, int]] = []
    labels: list[str] = []
    _walk(data, moovs[0], "moov", spans, labels)
    if not spans:
        return data, []
    copy = bytearray(data)
    for start, end in spans:
        copy[start:end] = bytes(end - start)
    return bytes(copy), labels


def _walk(data: bytes, parent: Box, path: str, spans: list, labels: list) -> None:
    """Collect location spans under a moov, trak or udta box (media boxes such as mdia hold no location)."""
    for box in iter_boxes(data, parent.body, parent.end):
        where = f"{path}/{box.label}"
        if box.type in LOCATION_BOXES:
            spans.append((box.body, box.end))
            labels.append(where)
        elif box.type == b"trak":
            _walk(data, box, where, spans, labels)
        elif box.type in (b"udta", b"meta"):
            _walk_metadata(data, box, where, spans, labels)


def _walk_metadata(data: bytes, box: Box, path: str, spans: list, labels: list) -> None:
    """Walk a user-data or meta box; if its inside cannot be read, blank all of it rather than show it.

    Only moov and trak must be well formed for the video to play; a quirky metadata box must not make us
    refuse a citizen's video, nor let an unreadable one slip through with a location inside.
    """
    found_spans: list[tuple[int, int]] = []
    found_labels: list[str] = []
    try:
        if box.type == b"meta":
            _walk_meta(data, box, path, found_spans, found_labels)
        else:
            _walk(data, box, path, found_spans, found_labels)
    except Mp4Error:
        found_spans, found_labels = [(box.body, box.end)], [f"{path} (tidak terbaca)"]
    spans.extend(found_spans)
    labels.extend(found_labels)


def _walk_meta(data: bytes, meta: Box, path: str, spans: list, labels: list) -> None:
    """Collect location items of a meta box: keys named *location* and iTunes-style ©xyz items."""
    children = list(iter_boxes(data, _meta_children_start(data, meta), meta.end))
    names: dict[int, bytes] = {}
    for child in children:
        if child.type == b"keys":
            names = _key_names(data, child)
    for child in children:
        if child.type != b"ilst":
            continue
        for item in iter_boxes(data, child.body, child.end):
            name = names.get(int.from_bytes(item.type, "big"))
            if item.type in LOCATION_BOXES or (name and LOCATION_KEY_MARKER in name.lower()):
                spans.extend(_item_value_spans(data, item))
                labels.append(f"{path}/{name.decode('latin-1') if name else item.label}")


def _meta_children_start(data: bytes, meta: Box) -> int:
    """Where a meta box's children begin: QuickTime's meta is a plain box, ISO-BMFF's a full box (+4 bytes)."""
    if data[meta.body + 4 : meta.body + 8] == b"hdlr":
        return meta.body
    if data[meta.body + 8 : meta.body + 12] == b"hdlr" or data[meta.body : meta.body + 4] == bytes(4):
        return meta.body + 4
    return meta.body


def _key_names(data: bytes, keys: Box) -> dict[int, bytes]:
    """Read a `keys` box (version/flags, entry count, then size + namespace + name per entry): {index: name}."""
    if keys.end - keys.body < 8:
        raise Mp4Error("keys box too short")
    count = struct.unpack_from(">I", data, keys.body + 4)[0]
    names: dict[int, bytes] = {}
    pos = keys.body + 8
    for index in range(1, count + 1):
        if keys.end - pos < 8:
            raise Mp4Error("keys box shorter than its entry count")
        size = struct.unpack_from(">I", data, pos)[0]
        if size < 8 or pos + size > keys.end:
            raise Mp4Error(f"key entry {index} has size {size}, outside the keys box")
        names[index] = bytes(data[pos + 8 : pos + size])
        pos += size
    return names


def _item_value_spans(data: bytes, item: Box) -> list[tuple[int, int]]:
    """The value bytes of an ilst item: after the 8-byte type indicator and locale of each `data` box.

    Keeping the data boxes' headers keeps the item readable (an empty, zero-filled value) for every player.
    """
    spans = []
    for child in iter_boxes(data, item.body, item.end):
        if child.type == b"data" and child.end - child.body >= 8:
            spans.append((child.body + 8, child.end))
    return spans or [(item.body, item.end)]
