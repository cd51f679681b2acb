"""Patrol findings: what the pipeline flagged (one per ASN, act and day), the archived posts behind each, the keys
collectors use to send posts, and the stance models trained on supervisors' decisions."""

import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FindingStatus(models.TextChoices):
    NEW = "baru", _("Baru")
    CONFIRMED = "dikonfirmasi", _("Dikonfirmasi")
    REJECTED = "ditolak", _("Ditolak")


class RejectReason(models.TextChoices):
    NOT_ASN = "bukan_asn", _("Bukan ASN / salah orang")
    NEUTRAL = "konten_netral", _("Konten netral, boleh dibagikan")
    WRONG_CANDIDATE = "salah_calon", _("Calon/partai salah dikenali")
    DUPLICATE = "duplikat", _("Duplikat temuan lain")
    OTHER = "lainnya", _("Lainnya")


class Finding(models.Model):
    """Posts of one ASN (or one account) that the pipeline judged partisan, for one act on one day.

    `key` is `patrol.assessment.Assessment.key` ("who|act|day"); later posts with the same key join this finding.
    A supervisor decides it once (`status`): confirming opens a case (`case`), rejecting records why, which also
    labels its posts for training the stance model. `region` is the ASN's work region and decides who sees it.
    """

    key = models.CharField(max_length=200, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.NEW)
    asn = models.ForeignKey(
        "registry.ASN", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings", verbose_name="ASN"
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    platform = models.CharField(_("platform"), max_length=16)
    author_handle = models.CharField(_("akun"), max_length=100)
    author_name = models.CharField(_("nama tampilan"), max_length=200, blank=True)
    act = models.ForeignKey("acts.Act", null=True, blank=True, on_delete=models.PROTECT, related_name="findings")
    election = models.ForeignKey("elections.Election", on_delete=models.PROTECT, related_name="findings")
    contest = models.ForeignKey(
        "elections.Contest", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    candidate = models.ForeignKey(
        "elections.Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    targets = models.JSONField(_("sasaran"), default=list, blank=True)
    day = models.DateField(_("tanggal"))
    score = models.FloatField(_("skor"))
    explanation = models.JSONField(_("penjelasan"), default=dict, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="findings",
        verbose_name=_("wilayah kerja"),
    )  # fmt: skip
    first_seen_at = models.DateTimeField(_("pertama terlihat"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("terakhir terlihat"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    reject_reason = models.CharField(_("alasan penolakan"), max_length=16, choices=RejectReason.choices, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="patrol_finding"
    )

    class Meta:
        verbose_name = _("temuan patroli")
        verbose_name_plural = _("temuan patroli")
        ordering = ["-score", "-last_seen_at"]
        indexes = [
            models.Index(fields=["status", "-score"], name="finding_status_score"),
            models.Index(fields=["region", "status"], name="finding_region_status"),
        ]

    def __str__(self):
        return f"{self.act_id or '?'} · {self.nip or '@' + self.author_handle} · {self.day:%Y-%m-%d}"

    @property
    def who(self) -> str:
        """The person as the list shows them: the registry name, else the account's display name or handle."""
        if self.asn_id:
            return self.asn.name
        return self.author_name or f"@{self.author_handle}"


class FindingPost(models.Model):
    """One post behind a finding, archived as received (`raw`, its SHA-256 and capture time). Never edited."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="posts")
    platform = models.CharField(max_length=16)
    post_id = models.CharField(max_length=200)
    url = models.URLField(max_length=2000, blank=True)
    kind = models.CharField(max_length=16)
    text = models.TextField(blank=True)
    media_text = models.TextField(blank=True)
    posted_at = models.DateTimeField()
    raw = models.JSONField()
    raw_sha256 = models.CharField(max_length=64)
    captured_at = models.DateTimeField()
    source = models.CharField(max_length=300)
    stance = models.CharField(max_length=16, blank=True)
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    archived_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("unggahan temuan")
        verbose_name_plural = _("unggahan temuan")
        ordering = ["finding", "posted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["finding", "platform", "post_id"], name="finding_post_unique"),
        ]

    def __str__(self):
        return f"{self.platform}:{self.post_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Archived posts are never edited.")
        super().save(*args, **kwargs)

    @property
    def link_url(self) -> str:
        """The post's URL when it is a web address; anything else (``javascript:``…) is never made a link."""
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""

    @property
    def raw_json(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False, indent=2, sort_keys=True)


class CollectorKey(models.Model):
    """A secret a running collector sends as `Authorization: Bearer …`; only its SHA-256 is stored."""

    name = models.CharField(_("nama"), max_length=80)
    key_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunci kolektor")
        verbose_name_plural = _("kunci kolektor")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class StanceModelVersion(models.Model):
    """A trained stance classifier (pickled scikit-learn model); at most one is active (a partial unique index,
    and `patrol.services.save_stance_model` switches under a row lock)."""

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    blob = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    examples = models.PositiveIntegerField()
    metrics = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("versi model sikap")
        verbose_name_plural = _("versi model sikap")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="one_active_stance_model"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H.%M} · {self.sha256[:12]}"
