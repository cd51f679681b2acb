"""Elections, their stages, contests, parties and candidates (pairs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from elections.choices import AccountKind, ElectionKind, Office, StageKind
from registry.choices import Platform


class Election(models.Model):
    """One national Pemilu or one simultaneous Pilkada (e.g. "Pilkada Serentak 2024")."""

    slug = models.SlugField(_("kode"), unique=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=8, choices=ElectionKind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    voting_day = models.DateField(_("hari pemungutan suara"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")
        ordering = ["-voting_day"]

    def __str__(self):
        return self.name


class Stage(models.Model):
    """A stage of an election's schedule (PKPU), e.g. the campaign period."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("jenis tahapan"), max_length=16, choices=StageKind.choices)
    name = models.CharField(_("nama"), max_length=150)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    source = models.URLField(_("sumber"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tahapan")
        verbose_name_plural = _("tahapan")
        ordering = ["election", "start", "end"]
        constraints = [
            models.UniqueConstraint(fields=["election", "name"], name="unique_stage_name"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="stage_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.election}: {self.name}"


class Party(models.Model):
    """A political party taking part in an election, with its ballot number."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="parties")
    ballot_number = models.PositiveSmallIntegerField(_("nomor urut"), null=True, blank=True)
    name = models.CharField(_("nama"), max_length=150)
    abbreviation = models.CharField(_("singkatan"), max_length=30)
    is_local = models.BooleanField(_("partai lokal Aceh"), default=False)

    class Meta:
        verbose_name = _("partai politik")
        verbose_name_plural = _("partai politik")
        ordering = ["election", "ballot_number", "name"]
        constraints = [
            models.UniqueConstraint(fields=["election", "abbreviation"], name="unique_party_abbreviation"),
        ]

    def __str__(self):
        return self.abbreviation


class Contest(models.Model):
    """One race in an election: an office in a region (no region for national races)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="contests")
    office = models.CharField(_("jabatan"), max_length=16, choices=Office.choices)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contests",
        verbose_name=_("wilayah"),
    )
    determination_date = models.DateField(
        _("tanggal penetapan calon"),
        null=True,
        blank=True,
        help_text=_("Sebelum tanggal ini yang ada bakal calon (pelanggaran etik); sesudahnya calon (disiplin)."),
    )

    class Meta:
        verbose_name = _("kontestasi")
        verbose_name_plural = _("kontestasi")
        ordering = ["election", "region", "office"]
        constraints = [
            models.UniqueConstraint(fields=["election", "office", "region"], name="unique_contest"),
            models.UniqueConstraint(
                fields=["election", "office"], condition=models.Q(region__isnull=True), name="unique_national_contest"
            ),
        ]

    def __str__(self):
        where = f" {self.region}" if self.region_id else ""
        return f"{self.get_office_display()}{where} ({self.election})"


class Candidate(models.Model):
    """A candidate or candidate pair (paslon) in one contest, with what identifies them in public talk."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="candidates")
    ballot_number = models.PositiveSmallIntegerField(_("nomor urut"), null=True, blank=True)
    name = models.CharField(_("nama calon"), max_length=150)
    running_mate = models.CharField(_("nama calon wakil"), max_length=150, blank=True)
    acronym = models.CharField(_("akronim pasangan"), max_length=40, blank=True)
    nicknames = models.JSONField(_("nama panggilan"), default=list, blank=True)
    parties = models.ManyToManyField(Party, blank=True, related_name="candidates", verbose_name=_("koalisi"))
    is_independent = models.BooleanField(_("jalur perseorangan"), default=False)
    slogans = models.JSONField(_("slogan"), default=list, blank=True)
    hashtags = models.JSONField(_("tagar"), default=list, blank=True)

    class Meta:
        verbose_name = _("calon")
        verbose_name_plural = _("calon")
        ordering = ["contest", "ballot_number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "ballot_number"],
                condition=models.Q(ballot_number__isnull=False),
                name="unique_ballot_number",
            ),
            models.UniqueConstraint(fields=["contest", "name"], name="unique_candidate_name"),
        ]

    def __str__(self):
        pair = f" – {self.running_mate}" if self.running_mate else ""
        number = f"{self.ballot_number:02d}. " if self.ballot_number else ""
        return f"{number}{self.name}{pair}"


class CampaignAccount(models.Model):
    """An official, personal or winning-team social-media account of a candidate."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="accounts")
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    handle = models.CharField(_("nama akun"), max_length=100)
    kind = models.CharField(_("jenis akun"), max_length=16, choices=AccountKind.choices)

    class Meta:
        verbose_name = _("akun kampanye")
        verbose_name_plural = _("akun kampanye")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "platform", "handle"], name="unique_campaign_account"),
        ]

    def __str__(self):
        return f"{self.get_platform_display()}: @{self.handle}"
