"""The ASN registry: agencies, civil servants and their social-media accounts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField
from registry.choices import AgencyLevel, EmploymentStatus, Platform, PositionKind


class Agency(models.Model):
    """An instansi: a ministry or central body, a provincial or a regency/city government."""

    code = models.CharField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=10, choices=AgencyLevel.choices)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("wilayah"),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ASN(models.Model):
    """A civil servant (PNS, CPNS or PPPK), identified by an 18-digit NIP.

    `region` is where the person works (regency/city, or the province when unknown) and is what
    Bawaslu scoping uses. Academic and religious titles are kept apart from the name so that matching
    against news and social media can use the bare name.
    """

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    front_title = models.CharField(_("gelar depan"), max_length=60, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=100, blank=True)
    status = models.CharField(_("status kepegawaian"), max_length=4, choices=EmploymentStatus.choices)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_kind = models.CharField(_("jenis jabatan"), max_length=16, choices=PositionKind.choices, blank=True)
    rank = models.CharField(_("golongan"), max_length=6, blank=True)
    work_unit = models.CharField(_("unit kerja"), max_length=200, blank=True)
    # No single-column indexes on the foreign keys: the (agency, name) and (region, name) indexes below
    # start with them and serve the joins, deletes and scoping filters as well.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="employees", verbose_name=_("instansi"), db_index=False
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="asn", verbose_name=_("wilayah kerja"), db_index=False
    )
    email = EncryptedTextField(_("email"), blank=True)
    phone = EncryptedTextField(_("telepon"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        ordering = ["name", "nip"]
        # Every index costs each imported row (the registry holds millions), so there is one per need:
        # unique nip (upsert, lookups; Django adds a pattern-ops twin for `nip__startswith` search), the
        # default ordering, lists within an agency, and region scoping (accounts.rules.region_scope_q:
        # `region_id = X OR region_id LIKE 'X.%'`). The region index uses pattern ops for its first column:
        # these serve both = and LIKE prefixes under any collation and still return a region's rows ordered
        # by name. Name search uses the trigram index of migration 0002.
        indexes = [
            models.Index(fields=["name", "nip"], name="registry_asn_name_nip_idx"),
            models.Index(fields=["agency", "name"]),
            models.Index(
                fields=["region", "name"],
                name="registry_asn_region_name_idx",
                opclasses=["varchar_pattern_ops", "text_ops"],
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.nip})"

    @property
    def full_name(self) -> str:
        """The name as written in letters: 'Dr. H. Ahmad Fauzi, S.Pd., M.Si.'."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


class SocialAccount(models.Model):
    """A social-media account known to belong to an ASN; the handle is stored normalised."""

    asn = models.ForeignKey(ASN, on_delete=models.CASCADE, related_name="accounts", verbose_name=_("ASN"))
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    handle = models.CharField(_("nama akun"), max_length=100)

    class Meta:
        verbose_name = _("akun media sosial")
        verbose_name_plural = _("akun media sosial")
        constraints = [models.UniqueConstraint(fields=["platform", "handle"], name="unique_social_account")]

    def __str__(self):
        return f"{self.get_platform_display()}: @{self.handle}"
