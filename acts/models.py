"""The catalogue of acts prohibited to ASN in elections (SKB 2/2022, Lampiran II), plus election-crime overlays."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from acts.choices import Level, Track


class Act(models.Model):
    """One prohibited act, identified by our stable code (ETK-04, DSP-06, PID-494; neutrality.md section 3).

    `title` keeps the official wording; `public_title`, `explanation` and `examples` say the same in words a
    citizen understands. An ethics act (bakal calon) and a discipline act (calon) describing the same deed are
    each other's `counterpart`; `acts.phase` uses the pair to pick the track from the date of the deed.
    The rows come from acts/data/acts.toml (`load_acts`).
    """

    code = models.CharField(_("kode"), primary_key=True, max_length=10)
    track = models.CharField(_("jalur penanganan"), max_length=8, choices=Track.choices)
    title = models.TextField(_("rumusan resmi"))
    public_title = models.CharField(_("judul untuk masyarakat"), max_length=200)
    explanation = models.TextField(_("penjelasan"))
    examples = models.JSONField(_("contoh"), default=list, blank=True)
    level = models.CharField(_("tingkat sanksi"), max_length=8, choices=Level.choices)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    counterpart = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("padanan"),
        help_text=_("Perbuatan yang sama pada tahap lain: etik (bakal calon) atau disiplin (calon)."),
    )
    in_public_form = models.BooleanField(_("tampil di formulir laporan"), default=False)
    position = models.PositiveSmallIntegerField(_("urutan"))
    source = models.URLField(_("sumber"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("perbuatan yang dilarang")
        verbose_name_plural = _("perbuatan yang dilarang")
        ordering = ["position"]

    def __str__(self):
        return f"{self.code} — {self.public_title}"

    @property
    def report_code(self) -> str:
        """The act the public report form offers for this deed: itself, else its counterpart ("" for overlays)."""
        if self.in_public_form:
            return self.code
        return self.counterpart_id or ""
