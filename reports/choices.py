"""Vocabularies of public reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    # A formal report needs the reporter's name and address (Perbawaslu 7/2022 Art. 15: syarat formal);
    # without them the submission is initial information a supervisor may turn into a finding (temuan).
    FORMAL = "laporan", _("Laporan")
    TIP = "informasi_awal", _("Informasi awal (anonim)")


class ReportStatus(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    IN_REVIEW = "ditelaah", _("Sedang ditelaah")
    ACCEPTED = "ditangani", _("Ditindaklanjuti dalam penanganan pelanggaran")
    SET_ASIDE = "tidak_ditindaklanjuti", _("Tidak ditindaklanjuti")


class Channel(models.TextChoices):
    WEB = "web", _("Formulir web")
    API = "api", _("API")


class DuplicateReason(models.TextChoices):
    SIMILAR_TEXT = "text", _("Uraian mirip")
    SAME_NIP = "nip", _("NIP terlapor sama")
    SAME_PERSON = "person", _("Nama dan instansi terlapor sama")
    SAME_EVIDENCE = "evidence", _("Berkas bukti identik")
    SAME_LINK = "link", _("Tautan yang sama")
