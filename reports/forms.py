"""The public report form, the receipt-code form and the staff forms of the inbox."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from acts.choices import Track
from acts.models import Act
from acts.selectors import public_form_acts
from core.forms import AccessibleForm, MultipleFileField
from elections.models import Election
from regions.models import Level, Region
from reports import evidence
from reports.choices import ReportKind, ReportStatus
from reports.selectors import SORTS, InboxFilters
from reports.submission import LENGTHS, Reported, Reporter, Submission, Witness

FORMAL, ANONYMOUS = "resmi", "anonim"
# Where a service error about a submission field belongs on this form.
FIELD_OF_ERROR = {
    "reporter.name": "reporter_name",
    "reporter.address": "reporter_address",
    "reporter.nik": "reporter_nik",
    "reporter.phone": "reporter_phone",
    "reporter.email": "reporter_email",
    "reported.name": "reported_name",
    "reported.nip": "reported_nip",
    "reported.agency": "reported_agency",
    "reported.position": "reported_position",
}


def region_choices() -> list[tuple[str, str]]:
    """Regencies and cities as "18.71 — Kota Bandar Lampung, Lampung", for the searchable picker."""
    regions = Region.objects.filter(level=Level.REGENCY).select_related("parent").order_by("code")
    return [(region.code, f"{region.code} — {region.name}, {region.parent.name}") for region in regions]


class ReportForm(AccessibleForm):
    identity = forms.ChoiceField(
        label=_("Bagaimana Anda ingin melapor?"),
        choices=[
            (FORMAL, _("Laporan resmi, dengan identitas saya (identitas dirahasiakan dan disimpan terenkripsi)")),
            (ANONYMOUS, _("Tanpa identitas (anonim): dicatat sebagai informasi awal, bukan laporan resmi")),
        ],
        initial=FORMAL,
        widget=forms.RadioSelect,
        help_text=_(
            "Laporan resmi memerlukan nama dan alamat pelapor. Informasi awal tanpa identitas tetap dibaca pengawas "
            "dan dapat dijadikan temuan, tetapi Anda tidak akan dihubungi dan tidak dapat dimintai keterangan."
        ),
    )
    reporter_name = forms.CharField(label=_("Nama lengkap"), required=False, max_length=LENGTHS["name"])
    reporter_address = forms.CharField(
        label=_("Alamat"),
        required=False,
        max_length=LENGTHS["address"],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sesuai KTP. Wajib untuk laporan resmi."),
    )
    reporter_nik = forms.CharField(
        label=_("NIK"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka pada KTP. Membantu pengawas memastikan identitas pelapor."),
    )
    reporter_phone = forms.CharField(
        label=_("Nomor telepon/WhatsApp"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Isi telepon atau surel agar pengawas dapat mengundang Anda untuk klarifikasi."),
    )
    reporter_email = forms.CharField(
        label=_("Surel"), required=False, max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    reported_name = forms.CharField(
        label=_("Nama ASN yang dilaporkan"),
        max_length=LENGTHS["name"],
        help_text=_("Nama sejelas mungkin, dengan gelar bila tahu."),
    )
    reported_nip = forms.CharField(
        label=_("NIP"),
        required=False,
        max_length=25,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("18 angka. Kosongkan bila tidak tahu."),
    )
    reported_agency = forms.CharField(
        label=_("Instansi/tempat kerja"),
        required=False,
        max_length=LENGTHS["agency"],
        help_text=_("Mis. Dinas Pendidikan Kota Bandar Lampung, SDN 2 Rajabasa."),
    )
    reported_position = forms.CharField(
        label=_("Jabatan"), required=False, max_length=LENGTHS["position"], help_text=_("Mis. guru, camat, lurah.")
    )
    act = forms.ChoiceField(
        label=_("Apa yang dilakukan?"),
        required=False,
        help_text=_(
            "Pilih yang paling mendekati; lihat daftar lengkap dengan contoh. Bila tidak ada, uraikan sendiri."
        ),
    )
    act_other = forms.CharField(
        label=_("Perbuatan lain (uraikan singkat)"), required=False, max_length=LENGTHS["act_other"]
    )
    election = forms.ChoiceField(
        label=_("Pemilihan"),
        required=False,
        help_text=_("Batas waktu melapor berbeda: Pemilu 7 hari kerja, Pilkada 7 hari sejak kejadian diketahui."),
    )
    region = forms.CharField(
        label=_("Kabupaten/kota tempat kejadian"),
        max_length=120,
        widget=forms.TextInput(attrs={"list": "region-options", "autocomplete": "off"}),
        help_text=_(
            "Ketik nama atau kode Kemendagri lalu pilih, mis. “Bandar Lampung” atau 18.71. Untuk unggahan di media "
            "sosial, pilih tempat ASN itu bekerja. Laporan diteruskan ke Bawaslu kabupaten/kota ini."
        ),
    )
    place = forms.CharField(
        label=_("Tempat kejadian"),
        max_length=LENGTHS["place"],
        help_text=_("Alamat, nama gedung, atau nama media sosial (mis. Instagram, grup WhatsApp)."),
    )
    occurred_on = forms.DateField(
        label=_("Tanggal kejadian"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    known_on = forms.DateField(
        label=_("Tanggal Anda mengetahuinya"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Batas waktu melapor dihitung dari tanggal ini."),
    )
    description = forms.CharField(
        label=_("Uraian kejadian"),
        max_length=LENGTHS["description"],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan siapa berbuat apa, kapan, di mana, dan bagaimana Anda mengetahuinya."),
    )
    witnesses = forms.CharField(
        label=_("Saksi"),
        required=False,
        max_length=2200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu saksi per baris: nama, lalu koma, lalu nomor telepon atau alamat (disimpan terenkripsi)."),
    )
    links = forms.CharField(
        label=_("Tautan unggahan atau berita"),
        required=False,
        max_length=21000,
        widget=forms.Textarea(attrs={"rows": 2, "inputmode": "url"}),
        help_text=_("Satu tautan per baris, mis. https://www.instagram.com/p/…"),
    )
    evidence = MultipleFileField(
        label=_("Bukti: foto, tangkapan layar, PDF, atau video pendek"),
        required=False,
        help_text=_(
            "Paling banyak 10 berkas; foto dan PDF sampai 15 MB, video sampai 50 MB. Lokasi GPS di foto dihapus "
            "dari salinan yang dibaca petugas; berkas asli disegel."
        ),
    )
    # A field people never see (hidden by CSS and from assistive technology); bots fill it in.
    website = forms.CharField(required=False, label=_("Jangan diisi"))
    truthful = forms.BooleanField(
        label=_("Saya menyatakan laporan ini saya sampaikan dengan sebenar-benarnya."),
        error_messages={"required": _("Centang pernyataan ini untuk mengirim laporan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].widget.attrs["accept"] = evidence.ACCEPT_ATTRIBUTE
        # Discipline acts (after candidates are determined) first: most reports concern determined candidates.
        ordered = sorted(public_form_acts(), key=lambda act: (act.track != Track.DISCIPLINE, act.position))
        acts = [(act.code, f"{act.public_title} ({act.code})") for act in ordered]
        self.fields["act"].choices = [("", _("— pilih —")), *acts]
        elections = Election.objects.order_by("-voting_day")
        self.fields["election"].choices = [
            ("", _("Tidak tahu (ditentukan dari tanggal kejadian)")),
            *[(e.slug, e.name) for e in elections],
        ]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Formulir tidak dapat diproses."))
        return ""

    def clean_region(self):
        # The picker shows "18.71 — Kota Bandar Lampung, Lampung"; the code is what counts.
        return self.cleaned_data["region"].split("—")[0].strip()

    def is_anonymous(self) -> bool:
        return self.cleaned_data.get("identity") == ANONYMOUS

    def submission(self) -> Submission:
        data = self.cleaned_data
        reporter = None
        if not self.is_anonymous():
            reporter = Reporter(
                name=data["reporter_name"],
                address=data["reporter_address"],
                nik=data["reporter_nik"],
                phone=data["reporter_phone"],
                email=data["reporter_email"],
            )
        return Submission(
            reporter=reporter,
            reported=Reported(
                name=data["reported_name"],
                nip=data["reported_nip"],
                agency=data["reported_agency"],
                position=data["reported_position"],
            ),
            act=data["act"],
            act_other=data["act_other"],
            election=data["election"],
            region=data["region"],
            occurred_on=data["occurred_on"],
            known_on=data["known_on"],
            place=data["place"],
            description=data["description"],
            witnesses=[_witness(line) for line in data["witnesses"].splitlines() if line.strip()],
            links=[line.strip() for line in data["links"].splitlines() if line.strip()],
        )

    def add_submission_errors(self, error: ValidationError) -> None:
        """Put the service's errors (keyed like the API) on this form's fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            name = FIELD_OF_ERROR.get(key, key.split(".")[0])
            self.add_error(name if name in self.fields else None, messages)
        self.describe_fields()


def _witness(line: str) -> Witness:
    name, _sep, contact = line.partition(",")
    return Witness(name=name.strip(), contact=contact.strip())


class ReceiptCodeForm(AccessibleForm):
    code = forms.CharField(
        label=_("Kode tanda terima"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        help_text=_("16 huruf dan angka yang Anda terima setelah mengirim laporan, mis. 7K3M-Q9TX-2HBD-V4NP."),
    )


class StatusChangeForm(AccessibleForm):
    status = forms.ChoiceField(label=_("Tindakan"), choices=ReportStatus.choices)
    note = forms.CharField(
        label=_("Alasan/keterangan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ditampilkan kepada pelapor di halaman status. Jangan tulis data pribadi."),
    )


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    region = forms.CharField(label=_("Kode wilayah"), required=False, max_length=13)
    act = forms.ChoiceField(label=_("Jenis pelanggaran"), required=False)
    kind = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua")), *ReportKind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *ReportStatus.choices])
    late = forms.ChoiceField(
        label=_("Batas waktu"),
        required=False,
        choices=[("", _("Semua")), ("ya", _("Terlambat")), ("tidak", _("Tepat waktu"))],
    )
    duplicate = forms.ChoiceField(
        label=_("Duplikat"),
        required=False,
        choices=[("", _("Semua")), ("ya", _("Kemungkinan duplikat")), ("tidak", _("Tanpa tanda duplikat"))],
    )
    received_from = forms.DateField(
        label=_("Diterima sejak"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    received_to = forms.DateField(
        label=_("Diterima sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sort = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[
            ("terbaru", _("Terbaru diterima")),
            ("terlama", _("Terlama diterima")),
            ("kejadian", _("Tanggal kejadian")),
            ("wilayah", _("Wilayah")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["act"].choices = [("", _("Semua")), *[(a.code, str(a)) for a in Act.objects.order_by("position")]]

    def filters(self) -> InboxFilters:
        data = self.cleaned_data if self.is_valid() else {}
        yes_no = {"ya": True, "tidak": False}
        return InboxFilters(
            q=data.get("q", ""),
            region=data.get("region", ""),
            act=data.get("act", ""),
            kind=data.get("kind", ""),
            status=data.get("status", ""),
            late=yes_no.get(data.get("late", "")),
            duplicate=yes_no.get(data.get("duplicate", "")),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            sort=data.get("sort") if data.get("sort") in SORTS else "terbaru",
        )
