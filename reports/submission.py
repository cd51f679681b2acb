"""What a submission is, and when it is acceptable: the one set of checks the form and the API share.

The web form and the API each turn their input into a `Submission`; `check_submission` then raises one
`ValidationError` naming every field that is wrong, in words a citizen understands. Text is stored as
written and escaped on output, but markup and control characters are refused outright: a report is read
by people and printed on letters, and nobody writes HTML in a complaint in good faith.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext_lazy as _

from registry.nip import normalise_nip, parse_nip

MAX_LINKS = 10
MAX_WITNESSES = 10
MIN_DESCRIPTION = 20
LENGTHS = {
    "name": 200,
    "address": 500,
    "place": 300,
    "description": 5000,
    "act_other": 300,
    "agency": 200,
    "position": 200,
    "contact": 200,
    "url": 2000,
}
EARLIEST_EVENT = date(2000, 1, 1)
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript:", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NIK = re.compile(r"\d{16}")
PHONE = re.compile(r"\+?[0-9][0-9 \-]{6,18}[0-9]")


@dataclass
class Reporter:
    name: str = ""
    address: str = ""
    nik: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class Reported:
    name: str = ""
    nip: str = ""
    agency: str = ""
    position: str = ""


@dataclass
class Witness:
    name: str = ""
    contact: str = ""


@dataclass
class Submission:
    """A report as the reporter gave it; `reporter` is None for an anonymous tip."""

    reporter: Reporter | None
    reported: Reported
    act: str
    act_other: str
    election: str
    region: str
    occurred_on: date | None
    known_on: date | None
    place: str
    description: str
    witnesses: list[Witness] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def check_submission(submission: Submission, *, today: date) -> None:
    """Raise ValidationError({field: [message]}) for everything wrong with `submission`.

    Field names are those of the API (`reporter.name`, `reported.nip`, `occurred_on`, `links.0` …); the web
    form maps them onto its own fields. Whether the act, region and election exist is checked by the service.
    """
    errors: dict[str, list] = {}
    _check_reporter(submission.reporter, errors)
    _check_reported(submission.reported, errors)
    _check_event(submission, today, errors)
    _check_links(submission.links, errors)
    _check_witnesses(submission.witnesses, errors)
    if errors:
        raise ValidationError(errors)


def _text(errors, key: str, value: str, *, limit: str, required=None) -> None:
    if not value.strip():
        if required:
            errors.setdefault(key, []).append(required)
        return
    if CONTROL.search(value):
        errors.setdefault(key, []).append(_("Teks berisi karakter kendali yang tidak dapat disimpan."))
    elif MARKUP.search(value):
        errors.setdefault(key, []).append(_("Teks tidak boleh berisi kode HTML atau skrip; tulis sebagai teks biasa."))
    if len(value) > LENGTHS[limit]:
        errors.setdefault(key, []).append(
            _("Terlalu panjang: %(length)d karakter, paling banyak %(limit)d.")
            % {"length": len(value), "limit": LENGTHS[limit]}
        )


def _check_reporter(reporter: Reporter | None, errors) -> None:
    if reporter is None:
        return
    _text(errors, "reporter.name", reporter.name, limit="name", required=_("Nama pelapor wajib diisi."))
    _text(
        errors,
        "reporter.address",
        reporter.address,
        limit="address",
        required=_("Alamat pelapor wajib diisi untuk laporan resmi."),
    )
    if reporter.nik and not NIK.fullmatch(reporter.nik.strip()):
        errors["reporter.nik"] = [_("NIK terdiri atas 16 angka, seperti tertulis di KTP.")]
    if not reporter.phone.strip() and not reporter.email.strip():
        errors["reporter.phone"] = [_("Isi nomor telepon atau alamat surel agar pengawas dapat menghubungi Anda.")]
    if reporter.phone.strip() and not PHONE.fullmatch(reporter.phone.strip()):
        errors["reporter.phone"] = [_("Nomor telepon hanya berisi angka (boleh diawali +), 8–20 digit.")]
    if reporter.email.strip():
        try:
            validate_email(reporter.email.strip())
        except ValidationError:
            errors["reporter.email"] = [_("Alamat surel tidak valid.")]


def _check_reported(reported: Reported, errors) -> None:
    _text(errors, "reported.name", reported.name, limit="name", required=_("Nama ASN yang dilaporkan wajib diisi."))
    _text(errors, "reported.agency", reported.agency, limit="agency")
    _text(errors, "reported.position", reported.position, limit="position")
    if reported.nip.strip():
        try:
            parse_nip(normalise_nip(reported.nip))
        except ValidationError as error:
            errors["reported.nip"] = [
                _("NIP tidak valid: %(reason)s Kosongkan bila tidak tahu.") % {"reason": " ".join(error.messages)}
            ]


def _check_event(submission: Submission, today: date, errors) -> None:
    _text(errors, "place", submission.place, limit="place", required=_("Tuliskan tempat kejadian."))
    _text(
        errors,
        "description",
        submission.description,
        limit="description",
        required=_("Uraikan kejadiannya: siapa berbuat apa, kapan, di mana."),
    )
    if submission.description.strip() and len(submission.description.strip()) < MIN_DESCRIPTION:
        errors.setdefault("description", []).append(
            _("Uraian terlalu singkat; tulis paling sedikit %(count)d karakter.") % {"count": MIN_DESCRIPTION}
        )
    _text(errors, "act_other", submission.act_other, limit="act_other")
    if not submission.act and not submission.act_other.strip():
        errors["act"] = [_("Pilih jenis pelanggaran dari daftar, atau uraikan sendiri.")]
    if not submission.region:
        errors["region"] = [_("Pilih kabupaten/kota tempat kejadian.")]
    _check_dates(submission.occurred_on, submission.known_on, today, errors)


def _check_dates(occurred_on: date | None, known_on: date | None, today: date, errors) -> None:
    for key, value, missing in (
        ("occurred_on", occurred_on, _("Isi tanggal kejadian.")),
        ("known_on", known_on, _("Isi tanggal Anda mengetahui kejadian.")),
    ):
        if value is None:
            errors[key] = [missing]
        elif value > today:
            errors[key] = [_("Tanggal tidak boleh di masa depan.")]
        elif value < EARLIEST_EVENT:
            errors[key] = [_("Tanggal terlalu lampau.")]
    if occurred_on and known_on and known_on < occurred_on and "known_on" not in errors:
        errors["known_on"] = [_("Tanggal diketahui tidak boleh sebelum tanggal kejadian.")]


def _check_links(links: list[str], errors) -> None:
    if len(links) > MAX_LINKS:
        errors["links"] = [_("Paling banyak %(count)d tautan.") % {"count": MAX_LINKS}]
        return
    validate_url = URLValidator(schemes=["http", "https"])
    for index, url in enumerate(links):
        try:
            if len(url) > LENGTHS["url"]:
                raise ValidationError("too long")
            validate_url(url)
        except ValidationError:
            errors[f"links.{index}"] = [_("Tautan harus alamat web lengkap yang diawali https:// atau http://.")]


def _check_witnesses(witnesses: list[Witness], errors) -> None:
    if len(witnesses) > MAX_WITNESSES:
        errors["witnesses"] = [_("Paling banyak %(count)d saksi.") % {"count": MAX_WITNESSES}]
        return
    for index, witness in enumerate(witnesses):
        _text(errors, f"witnesses.{index}.name", witness.name, limit="name", required=_("Isi nama saksi."))
        _text(errors, f"witnesses.{index}.contact", witness.contact, limit="contact")
