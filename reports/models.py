"""Public reports (laporan) and anonymous tips (informasi awal), their evidence, links, status history and
possible duplicates.

A report is written once by `reports.services.submit_report` and never edited afterwards: staff add status
events (`reports.states.change_status`) and duplicate signals, never change what the reporter said.
"""

import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField
from regions.codes import office_code
from reports.choices import Channel, DuplicateReason, ReportKind, ReportStatus


class Report(models.Model):
    """What a member of the public saw: the reported ASN, the act, when and where, and who reports it.

    The reporter's identity and the witnesses are encrypted at rest; an anonymous tip has none. The receipt
    code is kept only as its SHA-256 (`receipt_digest`).
    """

    kind = models.CharField(_("jenis"), max_length=16, choices=ReportKind.choices)
    status = models.CharField(_("status"), max_length=24, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    channel = models.CharField(_("saluran"), max_length=8, choices=Channel.choices)
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)
    received_at = models.DateTimeField(_("diterima"), default=timezone.now, db_index=True)

    reporter_name = EncryptedTextField(_("nama pelapor"), blank=True)
    reporter_nik = EncryptedTextField(_("NIK pelapor"), blank=True)
    reporter_phone = EncryptedTextField(_("telepon pelapor"), blank=True)
    reporter_email = EncryptedTextField(_("surel pelapor"), blank=True)
    reporter_address = EncryptedTextField(_("alamat pelapor"), blank=True)
    witnesses_sealed = EncryptedTextField(_("saksi"), blank=True)

    reported_name = models.CharField(_("nama terlapor"), max_length=200)
    reported_nip = models.CharField(_("NIP terlapor"), max_length=18, blank=True, db_index=True)
    reported_agency = models.CharField(_("instansi terlapor"), max_length=200, blank=True)
    reported_position = models.CharField(_("jabatan terlapor"), max_length=200, blank=True)
    reported_asn = models.ForeignKey(
        "registry.ASN",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("ASN di registri"),
    )

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="reports", verbose_name=_("pemilihan")
    )
    act = models.ForeignKey(
        "acts.Act",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("jenis pelanggaran"),
    )
    act_other = models.CharField(_("pelanggaran lain"), max_length=300, blank=True)
    description = models.TextField(_("uraian kejadian"))
    occurred_on = models.DateField(_("tanggal kejadian"))
    known_on = models.DateField(_("tanggal diketahui"))
    place = models.CharField(_("tempat kejadian"), max_length=300)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="reports", verbose_name=_("wilayah kejadian")
    )

    reporting_due_on = models.DateField(_("batas waktu pelaporan"))
    is_late = models.BooleanField(_("melewati batas waktu"), default=False, db_index=True)
    late_reason = models.TextField(_("keterangan keterlambatan"), blank=True)

    text_fingerprint = models.BinaryField(null=True, blank=True, editable=False)
    duplicates_checked = models.BooleanField(default=False, editable=False)
    has_possible_duplicates = models.BooleanField(_("kemungkinan duplikat"), default=False, db_index=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(known_on__gte=models.F("occurred_on")), name="known_after_event"),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        """The public reference, e.g. LAP-2024-000123 (IA- for an anonymous tip)."""
        prefix = "IA" if self.kind == ReportKind.TIP else "LAP"
        return f"{prefix}-{timezone.localtime(self.received_at):%Y}-{self.pk:06d}"

    @property
    def is_tip(self) -> bool:
        return self.kind == ReportKind.TIP

    @property
    def witnesses(self) -> list[dict]:
        return json.loads(self.witnesses_sealed) if self.witnesses_sealed else []

    @property
    def office_region_code(self) -> str:
        """The regency/city whose Bawaslu office handles the report (routing by the place of the act)."""
        return office_code(self.region_id)

    @property
    def act_label(self) -> str:
        if self.act_id:
            return str(self.act)
        return self.act_other


class Evidence(models.Model):
    """One file received with a report, stored content-addressed and sealed (`reports.evidence`).

    `sha256` names the original exactly as received; `viewable_sha256` the copy with location and camera
    metadata removed, which staff normally open. Both are verified on every read.
    """

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(_("jenis isi"), max_length=40)
    kind = models.CharField(_("jenis bukti"), max_length=8)
    size = models.PositiveBigIntegerField(_("ukuran"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    viewable_sha256 = models.CharField(max_length=64)
    viewable_size = models.PositiveBigIntegerField()
    metadata_removed = models.BooleanField(default=False)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("diterima"), default=timezone.now)

    class Meta:
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        ordering = ["report", "id"]

    def __str__(self):
        return f"{self.name} ({self.sha256[:12]})"


class ReportLink(models.Model):
    """A link the reporter gave (a post, a video, a news page). `url_key` identifies the same post."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("tautan"), max_length=2000)
    url_key = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("tautan")
        verbose_name_plural = _("tautan")
        ordering = ["report", "id"]

    def __str__(self):
        return self.url


class StatusEvent(models.Model):
    """One step of a report's public history; the note is shown to the reporter on the status page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=24, choices=ReportStatus.choices)
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    note = models.TextField(_("keterangan"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["report", "at", "id"]

    def __str__(self):
        return f"{self.report_id} {self.status} {self.at:%Y-%m-%d}"


class PossibleDuplicate(models.Model):
    """`report` may repeat the earlier `earlier` report, for `reason`. Shown to staff, never merged silently."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="possible_duplicates")
    earlier = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("alasan"), max_length=16, choices=DuplicateReason.choices)
    detail = models.CharField(_("rincian"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kemungkinan duplikat")
        verbose_name_plural = _("kemungkinan duplikat")
        ordering = ["report", "earlier", "reason"]
        constraints = [
            models.UniqueConstraint(fields=["report", "earlier", "reason"], name="unique_duplicate_reason"),
        ]

    def __str__(self):
        return f"{self.report_id} ~ {self.earlier_id} ({self.reason})"
