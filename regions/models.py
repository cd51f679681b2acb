"""Administrative regions by Kemendagri code (Permendagri 58/2021 coding rules)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.codes import Kind, kind_of


class Level(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


LEVEL_BY_CODE_PARTS = {1: Level.PROVINCE, 2: Level.REGENCY, 3: Level.DISTRICT, 4: Level.VILLAGE}


class Region(models.Model):
    """A province (`18`), regency or city (`18.71`), district (`18.71.01`) or village (`18.71.01.1001`).

    The code is hierarchical: a region's code starts with its parent's code and a dot, which is what
    scoping by region relies on (`code = X or code LIKE 'X.%'`).
    """

    code = models.CharField(_("kode Kemendagri"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=100, db_index=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("induk")
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def kind(self) -> Kind:
        """Provinsi, kabupaten, kota, kecamatan, desa, kelurahan or desa adat, as the code says."""
        return kind_of(self.code)

    @property
    def is_city(self) -> bool:
        """Kota (regency part 71–99) rather than kabupaten (01–69)."""
        return self.kind == Kind.KOTA
