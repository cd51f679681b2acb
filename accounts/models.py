"""Users, their role and the scope (region or agency) their role is exercised in."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Level


class Role(models.TextChoices):
    BAWASLU = "bawaslu", _("Pengawas Bawaslu")
    AUTHORITY = "authority", _("Analis KASN/BKN")
    AGENCY_HR = "agency_hr", _("Pengelola kepegawaian instansi (BKPSDM)")
    AGENCY_HEAD = "agency_head", _("Pejabat Pembina Kepegawaian (PPK)")
    ASN = "asn", _("ASN")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A person who logs in. The public never needs an account.

    Scope by role: Bawaslu users work in `scope_region` (a province or regency/city; empty means
    Bawaslu RI, the whole country); agency HR and agency heads in `agency`; an ASN user is linked to their
    registry record. What each role may see is decided in `accounts/rules.py`, nowhere else.
    """

    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.ASN)
    scope_region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah tugas"),
    )
    agency = models.ForeignKey(
        "registry.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("instansi"),
    )
    asn = models.OneToOneField(
        "registry.ASN",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name=_("data ASN"),
    )
    is_demo = models.BooleanField(_("akun demo"), default=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def clean(self):
        super().clean()
        if (
            self.role == Role.BAWASLU
            and self.scope_region_id
            and self.scope_region.level
            not in (
                Level.PROVINCE,
                Level.REGENCY,
            )
        ):
            raise ValidationError({"scope_region": _("Wilayah tugas Bawaslu harus provinsi atau kabupaten/kota.")})
        if self.role in (Role.AGENCY_HR, Role.AGENCY_HEAD) and not self.agency_id:
            raise ValidationError({"agency": _("Peran instansi harus dikaitkan dengan satu instansi.")})
        if self.role == Role.ASN and not self.asn_id:
            raise ValidationError({"asn": _("Akun ASN harus dikaitkan dengan data ASN di registri.")})

    @property
    def scope_label(self) -> str:
        """Where this user works, as shown in the page header."""
        if self.role == Role.BAWASLU:
            return f"Bawaslu {self.scope_region}" if self.scope_region_id else "Bawaslu RI"
        if self.role in (Role.AGENCY_HR, Role.AGENCY_HEAD) and self.agency_id:
            return str(self.agency)
        if self.role == Role.AUTHORITY:
            return str(_("Nasional"))
        return ""
