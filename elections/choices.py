"""Vocabularies of elections: kinds, stages, offices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu")  # UU 7/2017: President/VP, DPR, DPD, DPRD
    PILKADA = "pilkada", _("Pilkada")  # UU 10/2016: governors, regents, mayors


class StageKind(models.TextChoices):
    CANDIDACY = "candidacy", _("Pendaftaran calon")
    DETERMINATION = "determination", _("Penetapan calon")
    BALLOT_NUMBERS = "ballot_numbers", _("Pengundian nomor urut")
    CAMPAIGN = "campaign", _("Masa kampanye")
    QUIET = "quiet", _("Masa tenang")
    VOTING = "voting", _("Pemungutan suara")
    RECAPITULATION = "recapitulation", _("Rekapitulasi")
    OTHER = "other", _("Lainnya")


class Office(models.TextChoices):
    PRESIDENT = "president", _("Presiden dan Wakil Presiden")
    DPR = "dpr", _("DPR")
    DPD = "dpd", _("DPD")
    DPRD_PROVINCE = "dprd_province", _("DPRD Provinsi")
    DPRD_REGENCY = "dprd_regency", _("DPRD Kabupaten/Kota")
    GOVERNOR = "governor", _("Gubernur dan Wakil Gubernur")
    REGENT = "regent", _("Bupati dan Wakil Bupati")
    MAYOR = "mayor", _("Wali Kota dan Wakil Wali Kota")


class AccountKind(models.TextChoices):
    OFFICIAL = "official", _("Akun resmi")
    WINNING_TEAM = "winning_team", _("Akun tim pemenangan")
    CANDIDATE = "candidate", _("Akun pribadi calon")
