import hashlib
import io
import os
import struct
import warnings
import zipfile
import zlib

import pytest
from django.core.files.storage import storages
from PIL import ExifTags, Image, ImageCms, ImageFile, PngImagePlugin
from reportlab.pdfgen import canvas

from reports.evidence import (
    ACCEPT_ATTRIBUTE,
    ALLOWED_TYPES,
    EvidenceError,
    EvidenceIntegrityError,
    blob_path,
    check_batch,
    clean_file_name,
    delete_blob,
    inspect_upload,
    read_blob,
    store_blob,
)
from reports.tests.test_mp4 import APPLE_LOCATION, XYZ_TEXT, build_mp4, ftyp_box

MB = 1_048_576
RED, BLUE = (255, 0, 0), (0, 0, 255)
SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'


def two_colour_image(mode: str = "RGB", size: tuple[int, int] = (40, 20)) -> Image.Image:
    """Left half red, right half blue: after a rotation the colours show where the left edge went."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return image.convert(mode)


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KameraPonsel"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 10.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 12.0)
    return exif


def encode(image: Image.Image, pil_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, pil_format, **options)
    return buffer.getvalue()


def phone_jpeg(orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS and orientation, XMP, an ICC profile and a comment."""
    return encode(
        two_colour_image(),
        "JPEG",
        exif=exif_with_gps(orientation),
        xmp=XMP,
        icc_profile=SRGB_ICC,
        comment=b"Budi's phone",
    )


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims width × height RGB pixels while its IDAT holds a few bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + bytes(30))
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Surat edaran kampanye")
    page.save()
    return buffer.getvalue()


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_no_metadata(image: Image.Image) -> None:
    assert dict(image.getexif()) == {}
    assert set(image.info) & {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"} == set()


def close_to(pixel: tuple, colour: tuple, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


# --- Images


@pytest.mark.unit
def test_jpeg_viewable_has_no_exif_gps_xmp_icc_or_comment():
    inspected = inspect_upload("foto.jpg", phone_jpeg())

    viewable = reopen(inspected.viewable)
    assert viewable.format == "JPEG"
    assert_no_metadata(viewable)
    assert b"KameraPonsel" not in inspected.viewable
    assert inspected.metadata_removed is True
    assert inspected.note == (
        "Metadata EXIF/GPS/XMP/ICC/komentar dihapus dari salinan. Orientasi foto diluruskan sesuai EXIF."
    )


@pytest.mark.unit
def test_jpeg_original_is_kept_byte_for_byte_with_its_hash():
    data = phone_jpeg()

    inspected = inspect_upload("foto.jpg", data)

    assert inspected.data == data
    assert inspected.size == len(data)
    assert inspected.sha256 == hashlib.sha256(data).hexdigest()
    assert inspected.viewable_sha256 == hashlib.sha256(inspected.viewable).hexdigest()
    assert inspected.viewable_sha256 != inspected.sha256
    assert (inspected.name, inspected.content_type, inspected.kind, inspected.extension) == (
        "foto.jpg",
        "image/jpeg",
        "image",
        "jpg",
    )
    assert reopen(data).getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "S"


@pytest.mark.unit
def test_jpeg_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; the picture must be rotated 90° clockwise to stand upright,
    # so the stored left (red) edge ends at the top.
    inspected = inspect_upload("foto.jpg", phone_jpeg(orientation=6))

    viewable = reopen(inspected.viewable)
    assert viewable.size == (20, 40)
    assert close_to(viewable.getpixel((10, 5)), RED)
    assert close_to(viewable.getpixel((10, 35)), BLUE)


@pytest.mark.unit
def test_png_text_chunks_are_stripped_and_rgba_stays_png():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Budi Santoso")
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    data = encode(two_colour_image("RGBA"), "PNG", pnginfo=text, exif=exif_with_gps())

    inspected = inspect_upload("tangkapan layar.png", data)

    viewable = reopen(inspected.viewable)
    assert (viewable.format, viewable.mode, viewable.size) == ("PNG", "RGBA", (40, 20))
    assert viewable.text == {}
    assert_no_metadata(viewable)
    assert b"Budi" not in inspected.viewable
    assert inspected.note == "Metadata EXIF/GPS/XMP/teks PNG dihapus dari salinan."


@pytest.mark.unit
def test_png_palette_keeps_its_transparency():
    image = two_colour_image().convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    data = encode(image, "PNG", transparency=0)

    viewable = reopen(inspect_upload("ikon.png", data).viewable)

    assert (viewable.mode, viewable.info.get("transparency")) == ("P", 0)


@pytest.mark.unit
def test_webp_metadata_is_stripped():
    data = encode(two_colour_image(), "WEBP", exif=exif_with_gps(), icc_profile=SRGB_ICC, xmp=XMP)

    inspected = inspect_upload("foto.webp", data)

    viewable = reopen(inspected.viewable)
    assert (viewable.format, viewable.size) == ("WEBP", (40, 20))
    assert_no_metadata(viewable)
    assert inspected.note == "Metadata EXIF/GPS/XMP/ICC dihapus dari salinan."


@pytest.mark.unit
@pytest.mark.parametrize(("pil_format", "name"), [("WEBP", "animasi.webp"), ("PNG", "animasi.png")])
def test_animated_images_keep_every_frame(pil_format, name):
    frames = [Image.new("RGBA", (12, 8), (60 * index, 0, 0, 255)) for index in range(3)]
    data = encode(frames[0], pil_format, save_all=True, append_images=frames[1:], duration=[100, 200, 300], loop=0)

    inspected = inspect_upload(name, data)

    viewable = reopen(inspected.viewable)
    assert (viewable.format, viewable.n_frames) == (pil_format, 3)
    assert inspected.content_type == f"image/{pil_format.lower()}"


@pytest.mark.unit
def test_cmyk_jpeg_becomes_rgb():
    data = encode(two_colour_image("CMYK"), "JPEG")

    viewable = reopen(inspect_upload("cetak.jpg", data).viewable)

    assert viewable.mode == "RGB"
    assert close_to(viewable.getpixel((5, 5)), RED)


@pytest.mark.unit
def test_image_without_metadata_is_reencoded_and_says_so():
    inspected = inspect_upload("polos.png", encode(two_colour_image("L"), "PNG"))

    assert (inspected.metadata_removed, inspected.note) == (False, "Foto tidak memuat metadata.")
    assert reopen(inspected.viewable).mode == "L"


@pytest.mark.unit
def test_png_header_claiming_ten_billion_pixels_is_refused_without_decoding(monkeypatch):
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("the pixel data was decoded"))
    data = png_claiming(100_000, 100_000)
    assert len(data) < 100

    with pytest.raises(EvidenceError) as caught:
        inspect_upload("bom.png", data)

    assert caught.value.code == "image_bomb"
    assert caught.value.message == (
        "Gambar “bom.png” terlalu besar; batasnya 50 juta piksel. Kecilkan ukurannya lalu kirim ulang."
    )


@pytest.mark.unit
def test_image_over_the_pixel_setting_is_refused_from_its_header(monkeypatch):
    # 64 million pixels: under Pillow's own threshold, over EVIDENCE_MAX_IMAGE_PIXELS (50 million).
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded before the size check"))

    with pytest.raises(EvidenceError) as caught:
        inspect_upload("besar.png", png_claiming(8000, 8000))

    assert caught.value.code == "image_bomb"
    assert caught.value.message == (
        "Gambar “besar.png” terlalu besar (8.000 × 8.000 piksel); batasnya 50 juta piksel. "
        "Kecilkan ukurannya lalu kirim ulang."
    )
    assert caught.value.message_en == (
        "The image “besar.png” is too large (8,000 × 8,000 pixels); the limit is 50 million pixels. "
        "Resize it and send it again."
    )


@pytest.mark.unit
def test_pixel_limit_is_read_from_settings_at_call_time(settings):
    settings.EVIDENCE_MAX_IMAGE_PIXELS = 799

    with pytest.raises(EvidenceError) as caught:
        inspect_upload("foto.jpg", encode(two_colour_image(), "JPEG"))

    assert caught.value.message.startswith("Gambar “foto.jpg” terlalu besar (40 × 20 piksel); batasnya 799 piksel.")


@pytest.mark.unit
def test_animation_frames_count_towards_the_pixel_limit(settings):
    settings.EVIDENCE_MAX_IMAGE_PIXELS = 12 * 8 * 2
    frames = [Image.new("RGB", (12, 8), (80 * index, 0, 0)) for index in range(3)]
    data = encode(frames[0], "WEBP", save_all=True, append_images=frames[1:])

    with pytest.raises(EvidenceError) as caught:
        inspect_upload("animasi.webp", data)

    assert caught.value.message.startswith("Gambar “animasi.webp” terlalu besar (12 × 8 piksel × 3 bingkai)")


@pytest.mark.unit
def test_pillow_decompression_bomb_warning_is_refused_and_warning_filters_are_restored(settings):
    # 100 million pixels: above Pillow's warning threshold (89.5 million), below its error threshold.
    settings.EVIDENCE_MAX_IMAGE_PIXELS = 200_000_000
    with warnings.catch_warnings():
        # As in production, where nothing turns warnings into errors (pytest's config here would).
        warnings.simplefilter("ignore")
        filters_before = list(warnings.filters)

        with pytest.raises(EvidenceError) as caught:
            inspect_upload("bom.png", png_claiming(10_000, 10_000))

        assert caught.value.code == "image_bomb"
        assert warnings.filters == filters_before


@pytest.mark.unit
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("potong.jpg", phone_jpeg()[: len(phone_jpeg()) // 2]),
        ("potong.jpg", phone_jpeg()[:-2]),
        ("potong.png", encode(two_colour_image(), "PNG")[:-30]),
        ("acak.webp", b"RIFF\x40\x00\x00\x00WEBPVP8 " + bytes(60)),
    ],
)
def test_truncated_or_corrupt_images_are_damaged(name, data):
    with pytest.raises(EvidenceError) as caught:
        inspect_upload(name, data)

    assert caught.value.code == "damaged"
    assert caught.value.message == (
        f"Berkas “{name}” rusak atau tidak lengkap sehingga tidak dapat dibuka. Coba kirim ulang berkas aslinya."
    )


# --- Types


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff")
    return buffer.getvalue()


@pytest.mark.unit
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(zip_bytes(), id="zip"),
        pytest.param(b"<!DOCTYPE html><html><script>alert(1)</script></html>", id="html"),
        pytest.param(b"MZ\x90\x00\x03" + bytes(59) + b"This program cannot be run in DOS mode", id="exe"),
        pytest.param(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", id="gif"),
        pytest.param(b"\x1a\x45\xdf\xa3\x42\x82\x88matroska" + bytes(20), id="mkv"),
    ],
)
def test_a_file_named_jpg_is_judged_by_its_content(data):
    with pytest.raises(EvidenceError) as caught:
        inspect_upload("foto.jpg", data)

    assert caught.value.code == "unsupported_type"
    assert str(caught.value) == (
        "Jenis berkas “foto.jpg” tidak didukung. "
        "Kirim foto (JPEG, PNG, WebP), dokumen PDF, atau video (MP4, MOV, WebM)."
    )


@pytest.mark.unit
def test_a_pdf_named_jpg_is_accepted_as_pdf_and_shown_as_it_is():
    data = pdf_bytes()

    inspected = inspect_upload("foto.jpg", data)

    assert (inspected.content_type, inspected.kind, inspected.extension) == ("application/pdf", "pdf", "pdf")
    assert inspected.viewable == data
    assert inspected.viewable_sha256 == inspected.sha256 == hashlib.sha256(data).hexdigest()
    assert (inspected.metadata_removed, inspected.note) == (
        False,
        "PDF ditampilkan apa adanya; metadata dokumen tidak diubah.",
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(pdf_bytes()[:-200], id="truncated"),
        pytest.param(b"%PDF-1.7\n" + b"0" * 5000, id="no-eof-marker"),
        pytest.param(b"%PDF-1.4\n%%EOF\n" + b"x" * 3000, id="eof-marker-not-at-the-end"),
        pytest.param(b"\xef\xbb\xbf%PDF-1.4\n%%EOF\n", id="byte-order-mark"),
    ],
)
def test_broken_pdfs_are_damaged(data):
    with pytest.raises(EvidenceError) as caught:
        inspect_upload("surat.pdf", data)

    assert caught.value.code == "damaged"


@pytest.mark.unit
def test_empty_file_is_refused():
    with pytest.raises(EvidenceError) as caught:
        inspect_upload("kosong.jpg", b"")

    assert (caught.value.code, caught.value.message) == ("empty", "Berkas “kosong.jpg” kosong.")


@pytest.mark.unit
def test_allowed_types_and_accept_attribute():
    assert ALLOWED_TYPES == {
        "image/jpeg": "image",
        "image/png": "image",
        "image/webp": "image",
        "application/pdf": "pdf",
        "video/mp4": "video",
        "video/quicktime": "video",
        "video/webm": "video",
    }
    assert ACCEPT_ATTRIBUTE == (
        "image/jpeg,image/png,image/webp,application/pdf,video/mp4,video/quicktime,video/webm,"
        ".jpg,.jpeg,.png,.webp,.pdf,.mp4,.mov,.webm"
    )


# --- Sizes


@pytest.mark.unit
def test_too_large_photo_has_the_exact_message():
    data = b"\xff\xd8\xff\xe0" + bytes(int(22.5 * MB) - 4)

    with pytest.raises(EvidenceError) as caught:
        inspect_upload("foto.jpg", data)

    assert caught.value.code == "too_large"
    assert caught.value.message == "Berkas “foto.jpg” terlalu besar: 22,5 MB, batasnya 15 MB untuk foto."
    assert caught.value.message_en == "The file “foto.jpg” is too large: 22.5 MB; the limit for a photo is 15 MB."
    assert caught.value.name == "foto.jpg"


@pytest.mark.unit
def test_size_limits_are_per_kind_and_read_at_call_time(settings):
    settings.EVIDENCE_MAX_PDF_BYTES = 2048
    settings.EVIDENCE_MAX_VIDEO_BYTES = 100
    pdf = b"%PDF-1.4\n" + b"0" * 3000 + b"\n%%EOF\n"

    with pytest.raises(EvidenceError) as pdf_error:
        inspect_upload("surat.pdf", pdf)
    with pytest.raises(EvidenceError) as video_error:
        inspect_upload("rekaman.mp4", build_mp4())

    assert pdf_error.value.message == "Berkas “surat.pdf” terlalu besar: 3 KB, batasnya 2 KB untuk dokumen PDF."
    assert video_error.value.message == (
        f"Berkas “rekaman.mp4” terlalu besar: {len(build_mp4())} byte, batasnya 100 byte untuk video."
    )


@pytest.mark.unit
def test_a_file_just_over_the_limit_never_shows_the_limit_itself(settings):
    settings.EVIDENCE_MAX_PDF_BYTES = 15 * MB
    pdf = b"%PDF-1.4\n" + bytes(15 * MB) + b"\n%%EOF\n"

    with pytest.raises(EvidenceError) as caught:
        inspect_upload("surat.pdf", pdf)

    assert caught.value.message == "Berkas “surat.pdf” terlalu besar: 15,1 MB, batasnya 15 MB untuk dokumen PDF."


@pytest.mark.unit
def test_check_batch_accepts_files_within_the_limits():
    assert check_batch([("a.jpg", 15 * MB), ("b.mp4", 50 * MB), ("c.pdf", 35 * MB)]) is None


@pytest.mark.unit
def test_check_batch_refuses_too_many_files():
    with pytest.raises(EvidenceError) as caught:
        check_batch([(f"{index}.jpg", 10) for index in range(11)])

    assert caught.value.code == "too_many_files"
    assert caught.value.message == "Terlalu banyak berkas: 11 dikirim, paling banyak 10 berkas per laporan."


@pytest.mark.unit
def test_check_batch_refuses_a_total_over_the_limit():
    with pytest.raises(EvidenceError) as caught:
        check_batch([("a.mp4", 50 * MB), ("b.mp4", 50 * MB), ("c.jpg", MB)])

    assert caught.value.code == "total_too_large"
    assert caught.value.message == "Ukuran semua berkas terlalu besar: 101 MB, batasnya 100 MB per laporan."


@pytest.mark.unit
def test_check_batch_refuses_a_file_above_every_kind_limit_before_reading_it():
    with pytest.raises(EvidenceError) as caught:
        check_batch([("film/panjang.mp4", 60 * MB)])

    assert (caught.value.code, caught.value.name) == ("too_large", "panjang.mp4")
    assert caught.value.message == "Berkas “panjang.mp4” terlalu besar: 60 MB, batasnya 50 MB."


@pytest.mark.unit
def test_check_batch_reads_its_limits_at_call_time(settings):
    settings.EVIDENCE_MAX_FILES = 2

    with pytest.raises(EvidenceError) as caught:
        check_batch([("a.jpg", 1), ("b.jpg", 1), ("c.jpg", 1)])

    assert caught.value.code == "too_many_files"


# --- Names


@pytest.mark.unit
@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("C:\\Users\\budi\\Pictures\\foto.jpg", "foto.jpg"),
        ("../../etc/passwd", "passwd"),
        ("a\x00b\nc\x7f.jpg", "abc.jpg"),
        ("foto\u202egpj.exe", "fotogpj.exe"),
        ("  rapat camat.jpg  ", "rapat camat.jpg"),
        ("Bukti kampanye ASN.JPG", "Bukti kampanye ASN.JPG"),
        ("", "berkas"),
        ("..", "berkas"),
        ("dir/", "berkas"),
    ],
)
def test_clean_file_name(sent, shown):
    assert clean_file_name(sent) == shown


@pytest.mark.unit
def test_long_names_are_cut_to_200_characters_keeping_the_extension():
    name = clean_file_name("b" * 300 + ".jpeg")

    assert (len(name), name[-6:]) == (200, "b.jpeg")


@pytest.mark.unit
def test_inspected_name_is_the_clean_name_and_repr_leaves_the_bytes_out():
    inspected = inspect_upload("D:/bukti/\x1bfoto.png", encode(two_colour_image(), "PNG"))

    assert inspected.name == "foto.png"
    assert "data=" not in repr(inspected)
    assert "viewable=" not in repr(inspected)


# --- Videos


@pytest.mark.unit
def test_mp4_location_is_zeroed_in_the_viewable_copy_only():
    data = build_mp4()

    inspected = inspect_upload("rekaman.mp4", data)

    assert (inspected.content_type, inspected.kind, inspected.data) == ("video/mp4", "video", data)
    assert len(inspected.viewable) == len(data)
    assert XYZ_TEXT not in inspected.viewable
    assert APPLE_LOCATION not in inspected.viewable
    assert inspected.viewable_sha256 == hashlib.sha256(inspected.viewable).hexdigest()
    assert inspected.metadata_removed is True
    assert inspected.note == (
        "Metadata lokasi video (©xyz, com.apple.quicktime.location.ISO6709) dikosongkan pada salinan; "
        "metadata lain tidak diubah."
    )


@pytest.mark.unit
def test_quicktime_without_location_is_shown_as_it_is():
    data = build_mp4(location=False, brand=b"qt  ")

    inspected = inspect_upload("IMG_0001.MOV", data)

    assert (inspected.content_type, inspected.extension) == ("video/quicktime", "mov")
    assert inspected.viewable == data
    assert inspected.viewable_sha256 == inspected.sha256
    assert (inspected.metadata_removed, inspected.note) == (
        False,
        "Video ditampilkan apa adanya; tidak ditemukan metadata lokasi.",
    )


@pytest.mark.unit
def test_garbage_with_an_ftyp_prefix_is_damaged():
    data = ftyp_box() + b"\x13\x37 not boxes at all, only bytes that follow an MP4 header" * 4

    with pytest.raises(EvidenceError) as caught:
        inspect_upload("rekaman.mp4", data)

    assert caught.value.code == "damaged"


@pytest.mark.unit
def test_webm_is_copied_as_it_is():
    header = b"\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"
    data = b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(header)]) + header + b"\x18\x53\x80\x67" + bytes(40)

    inspected = inspect_upload("rekaman.webm", data)

    assert (inspected.content_type, inspected.kind, inspected.viewable) == ("video/webm", "video", data)
    assert inspected.note == "Video WebM ditampilkan apa adanya; metadata tidak diubah."


# --- Sealed storage


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.unit
def test_blob_path_fans_out_by_the_first_hex_digits():
    sha = hashlib.sha256(b"bukti").hexdigest()

    assert blob_path(sha) == f"{sha[:2]}/{sha[2:4]}/{sha}"


@pytest.mark.unit
@pytest.mark.parametrize("value", ["../../etc/passwd", "A" * 64, "ab" * 31, "", "g" * 64])
def test_blob_path_refuses_anything_but_a_sha256(value):
    with pytest.raises(ValueError, match="SHA-256"):
        blob_path(value)


def test_store_blob_writes_once_read_only_and_reads_back(evidence_storage):
    data = b"bukti foto"
    sha = hashlib.sha256(data).hexdigest()

    first = store_blob(data)
    second = store_blob(data)

    assert (first, second) == ((sha, True), (sha, False))
    assert stored_files(evidence_storage) == [blob_path(sha)]
    assert oct((evidence_storage / blob_path(sha)).stat().st_mode & 0o777) == oct(0o440)
    assert read_blob(sha) == data


def test_store_blob_never_overwrites_when_another_request_won_the_race(evidence_storage, monkeypatch):
    data = b"bukti yang dikirim dua kali bersamaan"
    sha, _ = store_blob(data)
    storage = storages["evidence"]
    real_exists, calls = storage.exists, []

    def exists(name):
        # Our check misses the blob the other request has just written; Django's own check in save() sees it.
        calls.append(name)
        return len(calls) > 1 and real_exists(name)

    monkeypatch.setattr(storage, "exists", exists)

    assert store_blob(data) == (sha, False)
    assert stored_files(evidence_storage) == [blob_path(sha)]


def test_store_blob_refuses_to_link_to_a_half_written_blob(evidence_storage):
    data = b"bukti lengkap"
    sha = hashlib.sha256(data).hexdigest()
    path = evidence_storage / blob_path(sha)
    path.parent.mkdir(parents=True)
    path.write_bytes(data[:5])

    with pytest.raises(EvidenceIntegrityError) as caught:
        store_blob(data)

    assert caught.value.reason == "size_mismatch"
    assert path.read_bytes() == data[:5]


def test_read_blob_detects_a_changed_byte(evidence_storage):
    sha, _ = store_blob(b"bukti asli")
    path = evidence_storage / blob_path(sha)
    os.chmod(path, 0o640)
    path.write_bytes(b"bukti asLi")

    with pytest.raises(EvidenceIntegrityError) as caught:
        read_blob(sha)

    assert caught.value.reason == "mismatch"
    assert str(caught.value) == (
        f"Bukti {sha[:12]}… tidak cocok dengan sidik SHA-256 yang dicatat saat diterima; "
        "berkas mungkin rusak atau diubah."
    )


def test_read_blob_detects_a_missing_file(evidence_storage):
    sha, _ = store_blob(b"bukti yang hilang")
    (evidence_storage / blob_path(sha)).unlink()

    with pytest.raises(EvidenceIntegrityError) as caught:
        read_blob(sha)

    assert (caught.value.reason, caught.value.sha256) == ("missing", sha)


def test_delete_blob_rolls_back_and_tolerates_a_missing_blob(evidence_storage):
    sha, created = store_blob(b"bukti dari transaksi yang gagal")

    delete_blob(sha)
    delete_blob(sha)

    assert created is True
    assert stored_files(evidence_storage) == []


def test_inspected_original_and_viewable_store_as_separate_blobs(evidence_storage):
    inspected = inspect_upload("foto.jpg", phone_jpeg())

    stored = [store_blob(inspected.data), store_blob(inspected.viewable)]

    assert stored == [(inspected.sha256, True), (inspected.viewable_sha256, True)]
    assert read_blob(inspected.viewable_sha256) == inspected.viewable
    assert stored_files(evidence_storage) == sorted([blob_path(inspected.sha256), blob_path(inspected.viewable_sha256)])
