"""The case state machine: every allowed step, who may take it, what it needs — and `transition()`, the only
code that changes a case's state.

The procedure follows the domain notes §4 (Perbawaslu 7/2022 and 8/2020 for Bawaslu's part; the KASN/BKN
stage and the PPK's decision after it):

    received → preliminary review → registered | not registered (reason)
    registered → clarification → study → proven | not proven | handed on (not an ASN-neutrality matter)
    proven → forwarded to KASN/BKN → recommended → sanctioned (PPK decree) → follow-up verified → closed

Closed and not-registered cases reopen only by a reasoned step back into preliminary review.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from cases.choices import CaseState as S
from cases.choices import Penalty

BAWASLU = frozenset({Role.BAWASLU})
AUTHORITY = frozenset({Role.AUTHORITY})
AGENCY = frozenset({Role.AGENCY_HEAD, Role.AGENCY_HR})


@dataclass(frozen=True)
class Step:
    """One allowed move: the roles that may make it and the data fields it requires (besides `reason`)."""

    roles: frozenset[str]
    needs: tuple[str, ...] = ()
    needs_reason: bool = False
    label: str = ""


@dataclass(frozen=True)
class Field:
    """A piece of data a step asks for: its label and kind (text, date, choice) for forms and the API."""

    label: str
    kind: str = "text"
    choices: tuple = field(default=())


STEPS: dict[str, dict[str, Step]] = {
    S.RECEIVED: {
        S.PRELIMINARY_REVIEW: Step(BAWASLU, label="Mulai kajian awal"),
    },
    S.PRELIMINARY_REVIEW: {
        S.REGISTERED: Step(BAWASLU, label="Registrasi (syarat formal dan materiil terpenuhi)"),
        S.NOT_REGISTERED: Step(BAWASLU, needs_reason=True, label="Tidak diregistrasi"),
    },
    S.REGISTERED: {
        S.CLARIFICATION: Step(BAWASLU, needs=("clarification_on",), label="Undang klarifikasi"),
        S.STUDY: Step(BAWASLU, needs_reason=True, label="Langsung ke kajian (tanpa klarifikasi)"),
    },
    S.CLARIFICATION: {
        S.STUDY: Step(BAWASLU, needs=("minutes",), label="Catat berita acara klarifikasi, mulai kajian"),
    },
    S.STUDY: {
        S.PROVEN: Step(BAWASLU, needs=("study",), label="Putuskan: terbukti"),
        S.NOT_PROVEN: Step(BAWASLU, needs=("study",), label="Putuskan: tidak terbukti"),
        S.HANDED_ON: Step(BAWASLU, needs=("study", "handed_to"), label="Putuskan: bukan netralitas, limpahkan"),
    },
    S.PROVEN: {
        S.FORWARDED: Step(BAWASLU, needs=("forwarded_to", "letter_number"), label="Teruskan ke KASN/BKN"),
    },
    S.FORWARDED: {
        S.RECOMMENDED: Step(
            AUTHORITY, needs=("recommendation_number", "recommended_penalty"), label="Catat rekomendasi"
        ),
    },
    S.RECOMMENDED: {
        S.SANCTIONED: Step(
            AGENCY, needs=("decree_number", "decree_on", "imposed_penalty"), label="Catat keputusan PPK"
        ),
        S.CLOSED: Step(AUTHORITY, needs_reason=True, label="Tutup (rekomendasi tanpa sanksi)"),
    },
    S.SANCTIONED: {
        S.FOLLOW_UP_VERIFIED: Step(AUTHORITY | BAWASLU, label="Verifikasi tindak lanjut"),
    },
    S.FOLLOW_UP_VERIFIED: {S.CLOSED: Step(AUTHORITY | BAWASLU, label="Tutup kasus")},
    S.NOT_PROVEN: {S.CLOSED: Step(BAWASLU, label="Tutup kasus")},
    S.HANDED_ON: {S.CLOSED: Step(BAWASLU, label="Tutup kasus")},
    S.NOT_REGISTERED: {
        S.CLOSED: Step(BAWASLU, label="Tutup kasus"),
        S.PRELIMINARY_REVIEW: Step(BAWASLU, needs_reason=True, label="Buka kembali"),
    },
    S.CLOSED: {S.PRELIMINARY_REVIEW: Step(BAWASLU | AUTHORITY, needs_reason=True, label="Buka kembali")},
}

FIELDS: dict[str, Field] = {
    "clarification_on": Field("Tanggal klarifikasi", "date"),
    "minutes": Field("Ringkasan berita acara klarifikasi"),
    "study": Field("Ringkasan kajian"),
    "handed_to": Field("Dilimpahkan kepada (mis. Sentra Gakkumdu)"),
    "forwarded_to": Field("Diteruskan kepada", "choice", (("bkn", "BKN"), ("kasn", "KASN"))),
    "letter_number": Field("Nomor surat penerusan"),
    "recommendation_number": Field("Nomor rekomendasi"),
    "recommended_penalty": Field("Sanksi yang direkomendasikan", "penalty"),
    "decree_number": Field("Nomor keputusan PPK"),
    "decree_on": Field("Tanggal keputusan PPK", "date"),
    "imposed_penalty": Field("Sanksi yang dijatuhkan", "penalty"),
}

OPEN_STATES = frozenset(STEPS) - {S.CLOSED}
BAWASLU_HANDLING = frozenset({S.RECEIVED, S.PRELIMINARY_REVIEW, S.REGISTERED, S.CLARIFICATION, S.STUDY, S.PROVEN})


def step(current: str, to: str) -> Step | None:
    return STEPS.get(current, {}).get(to)


def may_take(user, current: str, to: str) -> bool:
    """Whether `user`'s role may make the step (scope — which cases the user sees — is checked by selectors)."""
    allowed = step(current, to)
    if allowed is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.role == Role.ADMIN or user.role in allowed.roles


def next_states(user, current: str) -> list[str]:
    return [to for to in STEPS.get(current, {}) if may_take(user, current, to)]


def transition(case, to: str, *, actor, reason: str = "", data: dict | None = None, expected_version=None) -> None:
    """Move `case` to state `to`. The only code that assigns `Case.state`.

    Steps, all in one transaction:
    1. lock the case row and, when `expected_version` is given, refuse if someone changed it meanwhile;
    2. check the step exists, the actor's role may take it, and the data and reason it needs are present;
    3. apply the step's data to the case (`cases.services.apply_step`: register number, dates, sanctions) and
       recompute the next deadline;
    4. save with the version bumped, and append the case event (who, when, from, to, reason, data) and the
       audit row;
    5. after commit: tell the reporter (status page history; e-mail if they gave one).
    """
    from cases import services  # services import this module

    data = {key: value for key, value in (data or {}).items() if value not in (None, "")}
    if to not in S.values:
        raise ValidationError({"to": [_("Status tujuan tidak dikenal.")]})
    with transaction.atomic():
        locked = type(case).objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and locked.version != expected_version:
            raise ValidationError(_("Kasus ini baru saja diubah orang lain; muat ulang halaman lalu coba lagi."))
        allowed = step(locked.state, to)
        if allowed is None:
            raise ValidationError(
                _("Kasus berstatus “%(from)s” tidak dapat diubah menjadi “%(to)s”.")
                % {"from": S(locked.state).label, "to": S(to).label}
            )
        if not may_take(actor, locked.state, to):
            raise PermissionDenied(_("Peran Anda tidak boleh melakukan langkah ini."))
        data = _check_needs(allowed, reason, data)
        previous = locked.state
        locked.state = to
        services.apply_step(locked, previous, to, data=data, actor=actor, at=timezone.now())
        locked.version += 1
        locked.save()
        services.record_event(locked, actor=actor, from_state=previous, to_state=to, reason=reason, data=data)
        transaction.on_commit(lambda: services.notify_reporter(locked.pk, to))
    case.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})


def _check_needs(allowed: Step, reason: str, data: dict) -> dict:
    """The step's data, checked and typed (dates as dates); ValidationError naming every missing or bad field."""
    errors, clean = {}, {}
    for name in allowed.needs:
        value = data.get(name)
        if value is None:
            errors[name] = [_("Wajib diisi untuk langkah ini.")]
        elif (parsed := _parse(FIELDS[name], value)) is None:
            errors[name] = [_("Isian tidak valid.")]
        else:
            clean[name] = parsed
    if allowed.needs_reason and not reason.strip():
        errors["reason"] = [_("Tuliskan alasannya.")]
    if errors:
        raise ValidationError(errors)
    return clean


def _parse(spec: Field, value):
    if spec.kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            return None
    if spec.kind == "choice":
        return value if value in dict(spec.choices) else None
    if spec.kind == "penalty":
        return value if value in Penalty.values else None
    text = str(value).strip()
    return text[:5000] if text else None
