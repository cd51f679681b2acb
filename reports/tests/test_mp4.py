import struct

import pytest

from reports.mp4 import Mp4Error, iter_boxes, scrub_location

pytestmark = pytest.mark.unit

# Android writes ©xyz as "+lat+lon/"; Apple's keyed item adds the altitude. Different strings keep offsets unique.
XYZ_TEXT = b"+06.1234+106.5678/"
APPLE_LOCATION = b"+06.1234+106.5678+012.345/"
LOCATION_KEY = b"com.apple.quicktime.location.ISO6709"
MAKE_KEY = b"com.apple.quicktime.make"
MEDIA = b"\x00\x00\x00\x10fake coded video frames"


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind: bytes, payload: bytes = b"") -> bytes:
    return box(kind, bytes(4) + payload)  # version 0, flags 0


def xyz_box(text: bytes = XYZ_TEXT) -> bytes:
    return box(b"\xa9xyz", struct.pack(">HH", len(text), 0x15C7) + text)  # string length, packed language


def data_box(value: bytes) -> bytes:
    return box(b"data", struct.pack(">II", 1, 0) + value)  # type 1 = UTF-8, locale 0


def keys_box(*names: bytes) -> bytes:
    entries = b"".join(struct.pack(">I", 8 + len(name)) + b"mdta" + name for name in names)
    return full_box(b"keys", struct.pack(">I", len(names)) + entries)


def ilst_box(*values: bytes) -> bytes:
    return box(b"ilst", b"".join(box(index.to_bytes(4, "big"), data_box(v)) for index, v in enumerate(values, 1)))


def hdlr_box(handler: bytes) -> bytes:
    return full_box(b"hdlr", bytes(4) + handler + bytes(12) + b"\x00")


def ftyp_box(brand: bytes = b"isom") -> bytes:
    compatible = b"qt  " if brand == b"qt  " else brand + b"iso2mp41"  # an iPhone .mov names QuickTime only
    return box(b"ftyp", brand + struct.pack(">I", 512) + compatible)


def build_mp4(*, location: bool = True, brand: bytes = b"isom") -> bytes:
    """ftyp + moov(mvhd, udta(©xyz), meta(hdlr, keys, ilst)) + mdat, laid out as phones write them."""
    udta = box(b"udta", xyz_box() if location else box(b"\xa9too", b"Lavf"))
    keys = (LOCATION_KEY, MAKE_KEY) if location else (MAKE_KEY,)
    values = (APPLE_LOCATION, b"Apple") if location else (b"Apple",)
    meta = box(b"meta", hdlr_box(b"mdta") + keys_box(*keys) + ilst_box(*values))  # QuickTime: not a full box
    moov = box(b"moov", full_box(b"mvhd", bytes(96)) + udta + meta)
    return ftyp_box(brand) + moov + box(b"mdat", MEDIA)


def layout(data: bytes, start: int = 0, end: int | None = None) -> list:
    """Every box of the containers we build, as (type, start, end), depth first."""
    boxes = []
    for found in iter_boxes(data, start, end):
        boxes.append((found.type, found.start, found.end))
        if found.type in (b"moov", b"trak", b"udta", b"ilst"):
            boxes += layout(data, found.body, found.end)
        elif found.type == b"meta":
            boxes += layout(data, found.body + (4 if data[found.body : found.body + 4] == bytes(4) else 0), found.end)
    return boxes


def zeroed(data: bytes, *spans: tuple[int, int]) -> bytes:
    copy = bytearray(data)
    for start, end in spans:
        copy[start:end] = bytes(end - start)
    return bytes(copy)


def test_scrub_zeroes_udta_xyz_and_keyed_location_and_nothing_else():
    data = build_mp4()
    xyz_payload = data.index(b"\xa9xyz") + 4
    apple_value = data.index(APPLE_LOCATION)

    scrubbed, labels = scrub_location(data)

    assert labels == ["moov/udta/©xyz", "moov/meta/com.apple.quicktime.location.ISO6709"]
    assert scrubbed == zeroed(
        data, (xyz_payload, xyz_payload + 4 + len(XYZ_TEXT)), (apple_value, apple_value + len(APPLE_LOCATION))
    )
    assert XYZ_TEXT not in scrubbed
    assert b"Apple" in scrubbed


def test_scrub_keeps_every_box_size_and_the_total_length():
    data = build_mp4()

    scrubbed, _ = scrub_location(data)

    assert len(scrubbed) == len(data)
    assert layout(scrubbed) == layout(data)
    assert scrubbed.endswith(box(b"mdat", MEDIA))


def test_scrub_reaches_track_user_data_and_3gpp_loci():
    loci = full_box(b"loci", b"\x15\xc7Kantor\x00" + bytes(13) + b"earth\x00\x00")
    trak = box(b"trak", full_box(b"tkhd", bytes(80)) + box(b"udta", xyz_box() + loci))
    data = ftyp_box() + box(b"moov", full_box(b"mvhd", bytes(96)) + trak) + box(b"mdat", MEDIA)
    xyz_at, loci_at = data.index(b"\xa9xyz"), data.index(b"loci")

    scrubbed, labels = scrub_location(data)

    assert labels == ["moov/trak/udta/©xyz", "moov/trak/udta/loci"]
    assert scrubbed == zeroed(data, (xyz_at + 4, xyz_at - 4 + len(xyz_box())), (loci_at + 4, loci_at - 4 + len(loci)))


def test_scrub_reaches_itunes_style_meta_in_user_data():
    item = box(b"\xa9xyz", data_box(XYZ_TEXT))
    meta = full_box(b"meta", hdlr_box(b"mdir") + box(b"ilst", item + box(b"\xa9nam", data_box(b"Rapat"))))
    data = ftyp_box() + box(b"moov", full_box(b"mvhd", bytes(96)) + box(b"udta", meta)) + box(b"mdat", MEDIA)
    value_at = data.index(XYZ_TEXT)

    scrubbed, labels = scrub_location(data)

    assert labels == ["moov/udta/meta/©xyz"]
    assert scrubbed == zeroed(data, (value_at, value_at + len(XYZ_TEXT)))
    assert layout(scrubbed) == layout(data)


def test_scrub_without_location_returns_the_original_object():
    data = build_mp4(location=False)

    scrubbed, labels = scrub_location(data)

    assert labels == []
    assert scrubbed is data


def test_unreadable_user_data_is_blanked_whole_rather_than_shown():
    udta = box(b"udta", b"\x00\x00\x00\xffnot a box +06.1234+106.5678/")
    data = ftyp_box() + box(b"moov", full_box(b"mvhd", bytes(96)) + udta) + box(b"mdat", MEDIA)
    udta_at = data.index(b"udta") - 4

    scrubbed, labels = scrub_location(data)

    assert labels == ["moov/udta (tidak terbaca)"]
    assert scrubbed == zeroed(data, (udta_at + 8, udta_at + len(udta)))


def test_quicktime_zero_terminator_64_bit_sizes_and_size_zero_are_accepted():
    udta = box(b"udta", xyz_box() + bytes(4))  # QuickTime may end a user-data list with a 32-bit zero
    large_mdat = struct.pack(">I4sQ", 1, b"mdat", 16 + len(MEDIA)) + MEDIA
    last = struct.pack(">I4s", 0, b"free") + b"up to the end of the file"
    data = ftyp_box() + box(b"moov", full_box(b"mvhd", bytes(96)) + udta) + large_mdat + last

    scrubbed, labels = scrub_location(data)

    assert labels == ["moov/udta/©xyz"]
    assert [(found.type, found.end - found.start) for found in iter_boxes(scrubbed)] == [
        (b"ftyp", len(ftyp_box())),
        (b"moov", len(data) - len(ftyp_box()) - len(large_mdat) - len(last)),
        (b"mdat", len(large_mdat)),
        (b"free", len(last)),
    ]


def test_iter_boxes_reports_offsets_of_header_and_payload():
    data = box(b"free", b"abc") + struct.pack(">I4sQ", 1, b"mdat", 20) + b"wxyz"

    boxes = list(iter_boxes(data))

    assert [(found.type, found.start, found.body, found.end) for found in boxes] == [
        (b"free", 0, 8, 11),
        (b"mdat", 11, 27, 31),
    ]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(ftyp_box() + b"\x13\x37garbage that only starts like an MP4 file" * 3, id="garbage-after-ftyp"),
        pytest.param(ftyp_box() + box(b"mdat", MEDIA), id="no-moov"),
        pytest.param(ftyp_box() + box(b"moov") + box(b"moov"), id="two-moov"),
        pytest.param(build_mp4()[:-5], id="truncated-mdat"),
        pytest.param(build_mp4() + b"\x01\x02\x03", id="trailing-bytes"),
        pytest.param(box(b"moov") + ftyp_box(), id="ftyp-not-first"),
        pytest.param(ftyp_box() + box(b"mo\x00v") + box(b"moov"), id="top-level-type-not-ascii"),
        pytest.param(ftyp_box() + box(b"moov", struct.pack(">I4s", 4000, b"trak")), id="child-past-its-parent"),
        pytest.param(ftyp_box() + struct.pack(">I4s", 3, b"moov"), id="size-smaller-than-header"),
        pytest.param(b"", id="empty"),
    ],
)
def test_malformed_files_are_refused(data):
    with pytest.raises(Mp4Error):
        scrub_location(data)
