from django.core.management.base import BaseCommand, CommandError

from core.commands import existing_file, print_report
from core.tabular import TabularError
from elections.importing import import_candidates
from elections.models import Election


class Command(BaseCommand):
    help = (
        "Impor calon/pasangan calon dari berkas CSV atau XLSX (contoh: elections/data/contoh_impor_calon.csv).\n"
        "Columns: pemilihan (election slug; optional with --election), kode_wilayah (empty for national contests), "
        "jabatan (gubernur/bupati/wali kota/presiden or governor/regent/mayor/president), nomor_urut, nama_calon, "
        "nama_wakil, akronim, nama_panggilan (;), partai (; party abbreviations), perseorangan (ya/tidak), "
        "slogan (;), tagar (; without #), akun (; platform:handle:kind, kind resmi/tim pemenangan/pribadi). "
        "Upserts by (contest, nomor_urut) or (contest, nama_calon); rows with errors are listed and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas CSV (UTF-8) atau XLSX. / CSV (UTF-8) or XLSX file.")
        parser.add_argument("--election", metavar="SLUG", help="Kode pemilihan, mis. pilkada-2024. / Election slug.")
        parser.add_argument("--errors-csv", metavar="PATH", help="tulis semua baris yang ditolak ke berkas CSV ini")

    def handle(self, *args, file: str, election: str | None, errors_csv: str | None, **options):
        path = existing_file(file)
        chosen = None
        if election:
            chosen = Election.objects.filter(slug=election).first()
            if chosen is None:
                raise CommandError(f"Pemilihan {election} tidak dikenal. Jalankan dulu `manage.py load_elections`.")
        try:
            report = import_candidates(path, file_name=path.name, actor=None, election=chosen)
        except TabularError as error:
            raise CommandError(f"{path.name}: {error}") from error
        print_report(self, report, errors_csv)
