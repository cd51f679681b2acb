"""Vocabularies of the catalogue: the track an act is handled on and the sanction level it carries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    # The phase rule (neutrality.md 3.1) moves an act between ETHICS (bakal calon) and DISCIPLINE (calon).
    ETHICS = "etik", _("Pelanggaran kode etik")  # PP 42/2004
    DISCIPLINE = "disiplin", _("Pelanggaran disiplin")  # PP 94/2021; UU 5/2014 Pasal 87
    CRIME = "pidana", _("Tindak pidana pemilihan")  # UU 7/2017, UU 10/2016; may run in parallel (Gakkumdu)


class Level(models.TextChoices):
    MORAL = "moral", _("Sanksi moral")  # PP 42/2004 Pasal 15: pernyataan tertutup atau terbuka
    MODERATE = "sedang", _("Hukuman disiplin sedang")  # PP 94/2021: the PPK picks S1–S3
    HEAVY = "berat", _("Hukuman disiplin berat")  # PP 94/2021: the PPK picks B1–B3
    DISMISSAL = "ptdh", _("Pemberhentian tidak dengan hormat (PTDH)")  # UU 5/2014 Pasal 87 ayat (4) huruf c
    CRIMINAL = "pidana", _("Pidana")
    VARIES = "lainnya", _("Sesuai peraturan")  # the catch-all act DSP-13
