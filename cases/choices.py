"""Vocabularies of case handling."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    PRELIMINARY_REVIEW = "kajian_awal", _("Kajian awal")
    NOT_REGISTERED = "tidak_diregistrasi", _("Tidak diregistrasi")
    REGISTERED = "diregistrasi", _("Diregistrasi")
    CLARIFICATION = "klarifikasi", _("Klarifikasi")
    STUDY = "kajian", _("Kajian")
    PROVEN = "terbukti", _("Diputus: terbukti melanggar netralitas")
    NOT_PROVEN = "tidak_terbukti", _("Diputus: tidak terbukti")
    HANDED_ON = "dilimpahkan", _("Diputus: bukan netralitas ASN, dilimpahkan")
    FORWARDED = "diteruskan", _("Diteruskan ke KASN/BKN")
    RECOMMENDED = "direkomendasikan", _("Rekomendasi KASN/BKN terbit")
    SANCTIONED = "dijatuhi_sanksi", _("Keputusan PPK tercatat")
    FOLLOW_UP_VERIFIED = "tindak_lanjut_terverifikasi", _("Tindak lanjut terverifikasi")
    CLOSED = "ditutup", _("Ditutup")


class Origin(models.TextChoices):
    REPORT = "laporan", _("Laporan masyarakat")
    FINDING = "temuan", _("Temuan pengawas")


class Authority(models.TextChoices):
    BKN = "bkn", _("BKN (aplikasi SBT)")
    KASN = "kasn", _("KASN (aplikasi SIAPNET, sampai 2024)")


class Penalty(models.TextChoices):
    """Sanctions an authority may recommend and a PPK may impose (PP 42/2004, PP 94/2021, UU ASN)."""

    NONE = "none", _("Tidak ada pelanggaran")
    MORAL_PRIVATE = "M1", _("Sanksi moral: pernyataan secara tertutup")
    MORAL_PUBLIC = "M2", _("Sanksi moral: pernyataan secara terbuka")
    LIGHT_1 = "R1", _("Ringan: teguran lisan")
    LIGHT_2 = "R2", _("Ringan: teguran tertulis")
    LIGHT_3 = "R3", _("Ringan: pernyataan tidak puas secara tertulis")
    MODERATE_1 = "S1", _("Sedang: pemotongan tunjangan kinerja 25% selama 6 bulan")
    MODERATE_2 = "S2", _("Sedang: pemotongan tunjangan kinerja 25% selama 9 bulan")
    MODERATE_3 = "S3", _("Sedang: pemotongan tunjangan kinerja 25% selama 12 bulan")
    HEAVY_1 = "B1", _("Berat: penurunan jabatan setingkat lebih rendah selama 12 bulan")
    HEAVY_2 = "B2", _("Berat: pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan")
    HEAVY_3 = "B3", _("Berat: pemberhentian dengan hormat tidak atas permintaan sendiri")
    DISMISSAL = "PTDH", _("Pemberhentian tidak dengan hormat (PTDH)")
    OTHER = "lain", _("Lainnya (tulis dalam keterangan)")
