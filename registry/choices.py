"""Fixed vocabularies of the ASN registry (UU 20/2023, PP 11/2017, PP 49/2018)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", _("Instansi pusat")
    PROVINCE = "province", _("Pemerintah provinsi")
    REGENCY = "regency", _("Pemerintah kabupaten/kota")


class EmploymentStatus(models.TextChoices):
    PNS = "PNS", _("PNS")
    CPNS = "CPNS", _("CPNS")
    PPPK = "PPPK", _("PPPK")


class PositionKind(models.TextChoices):
    """Position kinds as used in KASN/BKN neutrality statistics (section 6 of the domain notes)."""

    JPT = "jpt", _("Jabatan pimpinan tinggi")
    ADMINISTRATOR = "administrator", _("Jabatan administrator")
    PENGAWAS = "pengawas", _("Jabatan pengawas")
    FUNGSIONAL = "fungsional", _("Jabatan fungsional")
    PELAKSANA = "pelaksana", _("Jabatan pelaksana")


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    THREADS = "threads", "Threads"
    WHATSAPP = "whatsapp", "WhatsApp"


PNS_RANKS = [
    f"{roman}/{letter}"
    for roman, letters in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for letter in letters
]
PPPK_RANKS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
