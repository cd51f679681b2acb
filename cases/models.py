"""Cases: a report or a supervisor's finding on its way from review to sanction, and its history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import Authority, CaseState, Origin, Penalty


class Case(models.Model):
    """One matter of suspected ASN non-neutrality handled under the procedure (`cases/states.py`).

    `state` changes only through `cases.states.transition`; `version` increases with every change so two people
    acting at once cannot overwrite each other. `next_due_on` is the next legal deadline (`cases/deadlines.py`),
    kept on the row so the dashboard can sort by it.
    """

    state = models.CharField(_("status"), max_length=32, choices=CaseState.choices, default=CaseState.RECEIVED)
    version = models.PositiveIntegerField(default=1)
    origin = models.CharField(_("asal"), max_length=8, choices=Origin.choices)
    report = models.OneToOneField(
        "reports.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    election = models.ForeignKey("elections.Election", on_delete=models.PROTECT, related_name="cases")
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="cases", verbose_name=_("wilayah kejadian")
    )
    act = models.ForeignKey("acts.Act", null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    act_other = models.CharField(_("pelanggaran lain"), max_length=300, blank=True)
    summary = models.TextField(_("uraian"))
    occurred_on = models.DateField(_("tanggal kejadian"))
    reported_name = models.CharField(_("nama terlapor"), max_length=200)
    reported_nip = models.CharField(_("NIP terlapor"), max_length=18, blank=True)
    reported_agency_name = models.CharField(_("instansi terlapor"), max_length=200, blank=True)
    reported_asn = models.ForeignKey(
        "registry.ASN", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    reported_agency = models.ForeignKey(
        "registry.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
        verbose_name=_("penanggung jawab"),
    )

    received_on = models.DateField(_("tanggal diterima"))
    registered_on = models.DateField(_("tanggal registrasi"), null=True, blank=True)
    register_number = models.CharField(_("nomor register"), max_length=60, blank=True)
    deadline_extended = models.BooleanField(_("batas waktu diperpanjang"), default=False)
    decided_on = models.DateField(_("tanggal putusan"), null=True, blank=True)
    forwarded_to = models.CharField(_("diteruskan kepada"), max_length=8, choices=Authority.choices, blank=True)
    forwarded_on = models.DateField(_("tanggal diteruskan"), null=True, blank=True)
    forwarding_number = models.CharField(_("nomor surat penerusan"), max_length=100, blank=True)
    recommendation_number = models.CharField(_("nomor rekomendasi"), max_length=100, blank=True)
    recommended_on = models.DateField(_("tanggal rekomendasi"), null=True, blank=True)
    recommended_penalty = models.CharField(
        _("sanksi direkomendasikan"), max_length=8, choices=Penalty.choices, blank=True
    )
    decree_number = models.CharField(_("nomor keputusan PPK"), max_length=100, blank=True)
    decree_on = models.DateField(_("tanggal keputusan PPK"), null=True, blank=True)
    imposed_penalty = models.CharField(_("sanksi dijatuhkan"), max_length=8, choices=Penalty.choices, blank=True)
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)

    next_due_on = models.DateField(_("batas waktu berikutnya"), null=True, blank=True)
    next_due_rule = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["next_due_on", "id"]
        indexes = [
            models.Index(fields=["state", "next_due_on"], name="case_state_due"),
            models.Index(fields=["next_due_on", "id"], name="case_due"),
        ]

    def __str__(self):
        return self.register_number or self.number

    @property
    def number(self) -> str:
        prefix = "TM" if self.origin == Origin.FINDING else "LP"
        return f"{prefix}-{self.received_on:%Y}-{self.pk:06d}"


class CaseEvent(models.Model):
    """One step of a case: who moved it from which state to which, when, why, with what data. Append-only;
    replaying the events of a case gives its current state."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=150)
    from_state = models.CharField(max_length=32, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=32, choices=CaseState.choices)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat kasus")
        verbose_name_plural = _("riwayat kasus")
        ordering = ["case", "at", "id"]

    def __str__(self):
        return f"{self.case_id}: {self.from_state or '∅'} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Case events are append-only.")
        super().save(*args, **kwargs)


class CaseComment(models.Model):
    """An internal note between the people handling a case; never shown to the reporter."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("catatan"))

    class Meta:
        verbose_name = _("catatan internal")
        verbose_name_plural = _("catatan internal")
        ordering = ["case", "at", "id"]

    def __str__(self):
        return f"{self.case_id} {self.at:%Y-%m-%d}"


class NumberSequence(models.Model):
    """The last number given out in one series (e.g. the register of one office in one year)."""

    series = models.CharField(max_length=80)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="unique_number_series")]

    def __str__(self):
        return f"{self.series}/{self.year}: {self.last}"


class CaseDocument(models.Model):
    """One formal document issued for a case (`cases/documents.py`): register entry, invitation, minutes, study,
    status notice or forwarding letter, as a PDF sealed in the evidence store under its SHA-256.

    Issuing the same kind again gives a new number and a new row; earlier versions are kept, never changed.
    """

    class Kind(models.TextChoices):
        # Titles of legal documents: Indonesian whatever the interface language, so not marked for translation.
        REGISTER = "register", "Buku Register Laporan/Temuan"
        INVITATION = "invitation", "Undangan Klarifikasi"
        MINUTES = "minutes", "Berita Acara Klarifikasi"
        STUDY = "study", "Kajian Dugaan Pelanggaran"
        STATUS_NOTICE = "status_notice", "Pemberitahuan Status Laporan"
        FORWARDING = "forwarding", "Surat Penerusan Pelanggaran Peraturan Perundang-undangan Lainnya"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("jenis dokumen"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("nomor dokumen"), max_length=60, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("ukuran"))
    issued_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )

    class Meta:
        verbose_name = _("dokumen kasus")
        verbose_name_plural = _("dokumen kasus")
        ordering = ["case", "kind", "issued_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class CaseAttachment(models.Model):
    """A file the handlers add to a case (a letter received, a screenshot), sealed in the evidence store."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    viewable_sha256 = models.CharField(max_length=64)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("lampiran kasus")
        verbose_name_plural = _("lampiran kasus")
        ordering = ["case", "added_at", "id"]

    def __str__(self):
        return self.name


class SavedView(models.Model):
    """A supervisor's named dashboard filter (the query string of /kasus/)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_case_views")
    name = models.CharField(_("nama"), max_length=80)
    query = models.CharField(max_length=500)

    class Meta:
        ordering = ["user", "name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="unique_saved_view_name")]

    def __str__(self):
        return self.name
