"""Evidence attached to a report: inspection, metadata stripping and sealed, content-addressed storage.

The flow for one submission:

1. `check_batch([(name, size), …])` with what the upload handler already knows, before reading any file.
2. `inspect_upload(name, data)` per file: the type is sniffed from the content, the size checked against the
   limit of its kind, the content decoded, and a `viewable` copy made for staff with the metadata that could
   expose the citizen (GPS, camera serials, names in XMP) removed. The original is kept byte for byte: it is
   the evidence, and its SHA-256 is its seal.
3. `store_blob(data)` for the original and the viewable copy. Blobs are named by their SHA-256, written once
   and never overwritten; `read_blob` refuses bytes that no longer match their name.

Nothing here touches the database; `reports.services` records the hashes.
"""

import hashlib
import io
import logging
import math
import re
import unicodedata
import warnings
from dataclasses import dataclass, field

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from PIL import ExifTags, Image, ImageCms, ImageOps, PngImagePlugin

from reports import mp4

IMAGE = "image"
PDF = "pdf"
VIDEO = "video"

ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": IMAGE,
    "image/png": IMAGE,
    "image/webp": IMAGE,
    "application/pdf": PDF,
    "video/mp4": VIDEO,
    "video/quicktime": VIDEO,
    "video/webm": VIDEO,
}
EXTENSIONS: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/webm": "webm",
}
# MIME types rather than "image/*": iOS then converts HEIC photos to JPEG when picking; the extensions help
# desktop file pickers that do not know every MIME type.
ACCEPT_ATTRIBUTE = ",".join([*ALLOWED_TYPES, ".jpg", ".jpeg", ".png", ".webp", ".pdf", ".mp4", ".mov", ".webm"])

MAX_NAME_LENGTH = 200
_SIZE_SETTINGS = {IMAGE: "EVIDENCE_MAX_IMAGE_BYTES", PDF: "EVIDENCE_MAX_PDF_BYTES", VIDEO: "EVIDENCE_MAX_VIDEO_BYTES"}
_KIND_LABELS = {IMAGE: ("foto", "photo"), PDF: ("dokumen PDF", "PDF document"), VIDEO: ("video", "video")}
_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}
# Modes each format stores as they are; others become RGB(A). RGBA PNG stays RGBA PNG, grey JPEG stays grey.
_MODES = {
    "JPEG": frozenset({"L", "RGB"}),
    "PNG": frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}),
    "WEBP": frozenset({"RGB", "RGBA"}),
}
_PDF_TAIL = 2048
_SHA256 = re.compile(r"[0-9a-f]{64}")
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})  # controls, bidi overrides, lone surrogates, breaks
_SRGB = ImageCms.createProfile("sRGB")

logger = logging.getLogger(__name__)


class EvidenceError(Exception):
    """An evidence file (or the set of files) is refused; `message` tells the citizen why, in Indonesian."""

    def __init__(self, code: str, message: str, message_en: str, *, name: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_en = message_en
        self.name = name

    def __str__(self) -> str:
        return self.message


class EvidenceIntegrityError(Exception):
    """A stored blob is missing or its bytes no longer hash to the SHA-256 recorded when it was received."""

    def __init__(self, sha256: str, *, reason: str):
        self.sha256 = sha256
        self.reason = reason  # "missing", "mismatch", or "size_mismatch" (an existing blob seen by store_blob)
        self.message = (
            f"Bukti {sha256[:12]}… tidak cocok dengan sidik SHA-256 yang dicatat saat diterima; "
            "berkas mungkin rusak atau diubah."
        )
        self.message_en = (
            f"Evidence {sha256[:12]}… does not match the SHA-256 fingerprint recorded when it was received; "
            "the file may be damaged or altered."
        )
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class InspectedFile:
    """An accepted evidence file: the original as received and the copy staff normally view."""

    name: str
    content_type: str
    kind: str
    data: bytes = field(repr=False)
    size: int
    sha256: str
    viewable: bytes = field(repr=False)
    viewable_sha256: str
    metadata_removed: bool
    note: str

    @property
    def extension(self) -> str:
        """The extension that matches the sniffed type (for download names; the client's name may lie)."""
        return EXTENSIONS[self.content_type]


# --- Names and limits


def clean_file_name(name: str) -> str:
    """The client's file name made safe to display: basename only, no control or bidi characters, ≤ 200 chars.

    It is shown to people and never used as a path (blobs are named by hash). Bidi overrides go because
    "foto\u202egpj.exe" would display as "fotoexe.jpg".
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]  # old browsers send "C:\\Users\\…\\foto.jpg"
    name = "".join(char for char in name if unicodedata.category(char) not in _UNSAFE_CATEGORIES).strip()
    if name in ("", ".", ".."):
        return "berkas"
    if len(name) <= MAX_NAME_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and 0 < len(extension) <= 10:
        return f"{stem[: MAX_NAME_LENGTH - len(extension) - 1]}.{extension}"
    return name[:MAX_NAME_LENGTH]


def check_batch(files: list[tuple[str, int]]) -> None:
    """Refuse a submission's files from their (name, size) alone, before any is read into memory.

    Raises EvidenceError "too_many_files" above EVIDENCE_MAX_FILES, "too_large" for a file larger than the
    largest per-kind limit (its kind is not known yet; `inspect_upload` applies the exact one), and
    "total_too_large" above EVIDENCE_MAX_TOTAL_BYTES.
    """
    max_files = settings.EVIDENCE_MAX_FILES
    if len(files) > max_files:
        raise EvidenceError(
            "too_many_files",
            f"Terlalu banyak berkas: {len(files)} dikirim, paling banyak {max_files} berkas per laporan.",
            f"Too many files: {len(files)} sent, at most {max_files} per report.",
        )
    largest = max(getattr(settings, setting) for setting in _SIZE_SETTINGS.values())
    for name, size in files:
        if size > largest:
            raise _too_large(clean_file_name(name), size, largest, kind=None)
    total, limit = sum(size for _, size in files), settings.EVIDENCE_MAX_TOTAL_BYTES
    if total > limit:
        raise EvidenceError(
            "total_too_large",
            f"Ukuran semua berkas terlalu besar: {_size(total, up=True)}, batasnya {_size(limit)} per laporan.",
            f"The files are too large together: {_size(total, up=True, en=True)}; "
            f"the limit is {_size(limit, en=True)} per report.",
        )


# --- Inspection


def inspect_upload(name: str, data: bytes) -> InspectedFile:
    """Check one uploaded file and prepare the copy staff view; raise EvidenceError if it is refused.

    The type comes from the content (never the name or the client's Content-Type). Images are fully decoded
    under a pixel cap and re-encoded without metadata, upright; MP4/QuickTime keep every byte except
    location payloads, which are zeroed; PDF and WebM are shown as they are.
    """
    name = clean_file_name(name)
    if not data:
        raise EvidenceError("empty", f"Berkas “{name}” kosong.", f"The file “{name}” is empty.", name=name)
    content_type = _sniff(name, data)
    kind = ALLOWED_TYPES[content_type]
    limit = getattr(settings, _SIZE_SETTINGS[kind])
    if len(data) > limit:
        raise _too_large(name, len(data), limit, kind=kind)
    if kind == IMAGE:
        viewable, removed, note = _image_viewable(name, content_type, data)
    elif kind == PDF:
        viewable, removed, note = _pdf_viewable(name, data)
    else:
        viewable, removed, note = _video_viewable(name, content_type, data)
    sha256 = hashlib.sha256(data).hexdigest()
    return InspectedFile(
        name=name,
        content_type=content_type,
        kind=kind,
        data=data,
        size=len(data),
        sha256=sha256,
        viewable=viewable,
        viewable_sha256=sha256 if viewable is data else hashlib.sha256(viewable).hexdigest(),
        metadata_removed=removed,
        note=note,
    )


def _sniff(name: str, data: bytes) -> str:
    guess = filetype.guess(data)
    content_type = guess.mime if guess else None
    if content_type == "image/apng":
        content_type = "image/png"  # an animated PNG is a PNG: every decoder shows at least its first frame
    if content_type not in ALLOWED_TYPES:
        raise EvidenceError(
            "unsupported_type",
            f"Jenis berkas “{name}” tidak didukung. Kirim foto (JPEG, PNG, WebP), dokumen PDF, "
            "atau video (MP4, MOV, WebM).",
            f"The file “{name}” is not a supported type. Send a photo (JPEG, PNG, WebP), a PDF document "
            "or a video (MP4, MOV, WebM).",
            name=name,
        )
    return content_type


def _pdf_viewable(name: str, data: bytes) -> tuple[bytes, bool, str]:
    # A PDF is parsed by the staff's viewer, not by us; the header and the end-of-file marker catch truncated
    # uploads and files that merely start like a PDF. Its metadata (author, software) is left as sent.
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-_PDF_TAIL:]:
        raise _damaged(name)
    return data, False, "PDF ditampilkan apa adanya; metadata dokumen tidak diubah."


def _video_viewable(name: str, content_type: str, data: bytes) -> tuple[bytes, bool, str]:
    if content_type == "video/webm":
        # [limitation] Matroska tags are not walked; phones record WebM rarely and without location.
        return data, False, "Video WebM ditampilkan apa adanya; metadata tidak diubah."
    try:
        viewable, labels = mp4.scrub_location(data)
    except mp4.Mp4Error as exc:
        raise _damaged(name) from exc
    if not labels:
        return data, False, "Video ditampilkan apa adanya; tidak ditemukan metadata lokasi."
    what = ", ".join(dict.fromkeys(label.rsplit("/", 1)[-1] for label in labels))
    return viewable, True, f"Metadata lokasi video ({what}) dikosongkan pada salinan; metadata lain tidak diubah."


@dataclass(frozen=True)
class _Decoded:
    frames: list[Image.Image]
    durations: list[float]
    found: list[str]
    orientation: object
    icc: bytes | None
    loop: int


def _image_viewable(name: str, content_type: str, data: bytes) -> tuple[bytes, bool, str]:
    """Decode the whole image under the pixel cap and re-encode it upright, in its own format, without metadata."""
    pil_format = _PIL_FORMATS[content_type]
    decoded = _decode_image(name, pil_format, data)
    try:
        frames = [_for_format(_to_srgb(frame, decoded.icc), pil_format) for frame in decoded.frames]
        viewable = _encode(frames, pil_format, decoded.durations, decoded.loop)
    except Exception as exc:
        # The file decoded, so this is our gap (a mode we do not convert), not the citizen's: log it loudly.
        logger.exception("evidence: could not re-encode a decoded %s image", pil_format)
        raise _damaged(name) from exc
    found = decoded.found
    note = f"Metadata {'/'.join(found)} dihapus dari salinan." if found else "Foto tidak memuat metadata."
    if decoded.orientation in range(2, 9):
        note += " Orientasi foto diluruskan sesuai EXIF."
    return viewable, bool(found), note


def _decode_image(name: str, pil_format: str, data: bytes) -> _Decoded:
    with warnings.catch_warnings():
        # Pillow warns above Image.MAX_IMAGE_PIXELS and raises above twice that; both mean "refuse". The filter
        # is scoped to this block so the process-wide warning configuration is untouched.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[pil_format]) as img:
                # JPEG counts as one frame: the second frame of an MPO is a depth map or preview, not the photo.
                frame_count = getattr(img, "n_frames", 1) if pil_format != "JPEG" else 1
                _check_pixels(name, img.size, frame_count)
                img.load()  # the first frame; PNG text chunks after the pixel data are read only now
                found = _metadata_found(img)
                orientation = img.getexif().get(ExifTags.Base.Orientation, 1)
                icc, loop = img.info.get("icc_profile"), img.info.get("loop", 0)
                frames, durations = _decode_frames(img, frame_count)
        except EvidenceError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _image_bomb(name, None) from exc
        except Exception as exc:  # Pillow's decoders raise many types (OSError, ValueError, SyntaxError…)
            raise _damaged(name) from exc
    return _Decoded(frames, durations, found, orientation, icc, loop)


def _check_pixels(name: str, size: tuple[int, int], frame_count: int) -> None:
    # Image.open has read only the header: refuse before the decoder allocates width × height × frames.
    width, height = size
    if width * height * frame_count > settings.EVIDENCE_MAX_IMAGE_PIXELS:
        raise _image_bomb(name, (width, height, frame_count))


def _decode_frames(img: Image.Image, frame_count: int) -> tuple[list[Image.Image], list[float]]:
    """Every frame decoded (load() raises on truncated data), turned upright and detached from the file."""
    frames, durations = [], []
    for index in range(frame_count):
        img.seek(index)
        img.load()
        frames.append(ImageOps.exif_transpose(img))
        durations.append(img.info.get("duration", 0))
    return frames, durations


def _metadata_found(img: Image.Image) -> list[str]:
    """Names of the metadata the original carries, for the staff note (GPS is the one that matters most)."""
    info, exif, found = img.info, img.getexif(), []
    if exif:
        found.append("EXIF")
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            found.append("GPS")
    if "xmp" in info or "XML:com.adobe.xmp" in info:
        found.append("XMP")
    if "photoshop" in info:
        found.append("IPTC")
    if info.get("icc_profile"):
        found.append("ICC")
    if "comment" in info:
        found.append("komentar")
    if isinstance(img, PngImagePlugin.PngImageFile):
        texts = set(img.text) - {"XML:com.adobe.xmp", "Raw profile type exif"}
        if texts:
            found.append("teks PNG")
    return found


def _to_srgb(frame: Image.Image, icc: bytes | None) -> Image.Image:
    """Bake an embedded colour profile into the pixels, so dropping it (it names the device) keeps the colours."""
    if not icc or frame.mode not in ("RGB", "RGBA", "CMYK"):
        return frame
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if frame.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(frame, source, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return frame  # a broken profile: keep the pixels as they are, like a browser would


def _for_format(frame: Image.Image, pil_format: str) -> Image.Image:
    """The frame in a mode its format can store, with no info left but the transparency (which is pixel data)."""
    has_alpha = frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info
    if frame.mode not in _MODES[pil_format]:
        frame = frame.convert("RGBA" if has_alpha and pil_format != "JPEG" else "RGB")
    transparency = frame.info.get("transparency")
    frame.info = {} if transparency is None or pil_format != "PNG" else {"transparency": transparency}
    return frame


def _encode(frames: list[Image.Image], pil_format: str, durations: list[float], loop: int) -> bytes:
    # Pillow writes what is in `info` for some formats (JPEG comments, PNG ICC profiles); `_for_format`
    # emptied it, and nothing else is passed, so the output holds pixels only.
    first, *rest = frames
    options = dict(_SAVE_OPTIONS[pil_format])
    if rest:
        options |= {"save_all": True, "append_images": rest, "duration": durations, "loop": loop}
    buffer = io.BytesIO()
    first.save(buffer, pil_format, **options)
    return buffer.getvalue()


# --- Messages


def _size(n: int, *, up: bool = False, en: bool = False) -> str:
    """22.5 MB as "22,5 MB" (Indonesian decimal comma); sizes round up, limits down, so 15.01 MB > 15 MB shows."""
    for unit, factor in (("MB", 1_048_576), ("KB", 1024)):
        if n >= factor:
            tenths = math.ceil(n * 10 / factor) if up else n * 10 // factor
            whole, tenth = divmod(tenths, 10)
            text = f"{whole}{'.' if en else ','}{tenth}" if tenth else str(whole)
            return f"{text} {unit}"
    return f"{n} byte"


def _too_large(name: str, size: int, limit: int, *, kind: str | None) -> EvidenceError:
    label, label_en = _KIND_LABELS[kind] if kind else (None, None)
    size_id, limit_id = _size(size, up=True), _size(limit)
    size_en, limit_en = _size(size, up=True, en=True), _size(limit, en=True)
    return EvidenceError(
        "too_large",
        f"Berkas “{name}” terlalu besar: {size_id}, batasnya {limit_id}" + (f" untuk {label}." if label else "."),
        f"The file “{name}” is too large: {size_en}; the limit"
        + (f" for a {label_en} is {limit_en}." if label_en else f" is {limit_en}."),
        name=name,
    )


def _image_bomb(name: str, dimensions: tuple[int, int, int] | None) -> EvidenceError:
    limit = settings.EVIDENCE_MAX_IMAGE_PIXELS
    limit_id = f"{limit // 1_000_000} juta" if limit % 1_000_000 == 0 else f"{limit:,}".replace(",", ".")
    limit_en = f"{limit // 1_000_000} million" if limit % 1_000_000 == 0 else f"{limit:,}"
    if dimensions is None:  # Pillow refused it while reading the header, before we saw the size
        size_id, size_en = "", ""
    else:
        width, height, frames = dimensions
        size_id = f"{width:,} × {height:,} piksel".replace(",", ".") + (f" × {frames} bingkai" if frames > 1 else "")
        size_en = f"{width:,} × {height:,} pixels" + (f" × {frames} frames" if frames > 1 else "")
        size_id, size_en = f" ({size_id})", f" ({size_en})"
    return EvidenceError(
        "image_bomb",
        f"Gambar “{name}” terlalu besar{size_id}; batasnya {limit_id} piksel. Kecilkan ukurannya lalu kirim ulang.",
        f"The image “{name}” is too large{size_en}; the limit is {limit_en} pixels. Resize it and send it again.",
        name=name,
    )


def _damaged(name: str) -> EvidenceError:
    return EvidenceError(
        "damaged",
        f"Berkas “{name}” rusak atau tidak lengkap sehingga tidak dapat dibuka. Coba kirim ulang berkas aslinya.",
        f"The file “{name}” is damaged or incomplete and cannot be opened. Try sending the original file again.",
        name=name,
    )


# --- Sealed storage


def blob_path(sha256: str) -> str:
    """The storage name of a blob: "ab/cd/abcd…" (two fan-out levels keep directories small).

    Raises ValueError for anything but 64 lowercase hex digits, so a hash taken from a URL cannot be a path.
    """
    if not _SHA256.fullmatch(sha256 or ""):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


def store_blob(data: bytes) -> tuple[str, bool]:
    """Store bytes under their SHA-256 unless already there; return (sha256, created).

    Content addressing means the same bytes are stored once and an existing blob is never overwritten. If a
    blob of that name exists with another size (a write cut short), EvidenceIntegrityError is raised rather
    than linking new evidence to it.
    """
    sha256 = hashlib.sha256(data).hexdigest()
    name = blob_path(sha256)
    storage = storages["evidence"]
    if storage.exists(name):
        _check_existing(storage, name, sha256, len(data))
        return sha256, False
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        # Another request stored the same bytes between exists() and save(), and the storage renamed ours.
        storage.delete(saved)
        _check_existing(storage, name, sha256, len(data))
        return sha256, False
    return sha256, True


def _check_existing(storage, name: str, sha256: str, size: int) -> None:
    # A size check costs nothing and catches a write interrupted mid-way; read_blob verifies the full hash.
    if storage.size(name) != size:
        raise EvidenceIntegrityError(sha256, reason="size_mismatch")


def delete_blob(sha256: str) -> None:
    """Remove a blob (missing is fine); for rolling back blobs that `store_blob` created in a failed request.

    Only delete what this request created (created=True), and only if no committed row refers to the hash:
    another request may have found the blob already present in between and linked to it.
    """
    storages["evidence"].delete(blob_path(sha256))


def read_blob(sha256: str) -> bytes:
    """The stored bytes, verified against their SHA-256; EvidenceIntegrityError if they differ or are gone."""
    name = blob_path(sha256)
    try:
        with storages["evidence"].open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as exc:
        raise EvidenceIntegrityError(sha256, reason="missing") from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise EvidenceIntegrityError(sha256, reason="mismatch")
    return data


def request_too_large(request) -> bool:
    """Whether the request body is larger than any acceptable report (refused before it is parsed)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.EVIDENCE_MAX_TOTAL_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
