import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from accounts.tests.factories import UserFactory
from core.models import AuditEntry
from core.tabular import RowError, TabularError
from elections.importing import import_candidates
from elections.models import Candidate, Election
from elections.tests.factories import CandidateFactory

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "contoh_impor_calon.csv"
HEADER = "pemilihan,kode_wilayah,jabatan,nomor_urut,nama_calon,nama_wakil,partai,perseorangan,akun"


def csv_file(*lines: str) -> io.BytesIO:
    return io.BytesIO("\n".join(lines).encode())


def xlsx_file(*rows: list) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def candidate_facts(candidate: Candidate) -> dict:
    return {
        "contest": (candidate.contest.election.slug, candidate.contest.office, candidate.contest.region_id),
        "ballot_number": candidate.ballot_number,
        "name": candidate.name,
        "running_mate": candidate.running_mate,
        "acronym": candidate.acronym,
        "nicknames": candidate.nicknames,
        "parties": sorted(party.abbreviation for party in candidate.parties.all()),
        "is_independent": candidate.is_independent,
        "slogans": candidate.slogans,
        "hashtags": candidate.hashtags,
        "accounts": sorted((a.platform, a.handle, a.kind) for a in candidate.accounts.all()),
    }


@pytest.mark.django_db
def test_import_candidates_sample_file_creates_both_pairs(reference):
    report = import_candidates(SAMPLE, actor=None)

    assert (report.total_rows, report.created, report.updated, report.errors) == (2, 2, 0, [])
    budi, hendra = Candidate.objects.filter(contest__region_id="18.71").order_by("ballot_number")
    assert candidate_facts(budi) == {
        "contest": ("pilkada-2024", "mayor", "18.71"),
        "ballot_number": 1,
        "name": "Budi Santoso",
        "running_mate": "Sari Wulandari",
        "acronym": "BUSAR",
        "nicknames": ["Pak Budi", "Bu Sari"],
        "parties": ["Gerindra", "PKB", "PKS"],
        "is_independent": False,
        "slogans": ["Bandar Lampung Maju Bersama"],
        "hashtags": ["busarmenang", "busar2024"],
        "accounts": [("instagram", "budi_sari", "official"), ("tiktok", "tim.busar", "winning_team")],
    }
    assert candidate_facts(hendra)["accounts"] == [
        ("facebook", "hendrawijayaofficial", "official"),
        ("x", "ratnakusuma", "candidate"),
    ]
    assert (candidate_facts(hendra)["is_independent"], candidate_facts(hendra)["parties"]) == (True, [])


@pytest.mark.django_db
def test_import_candidates_same_file_twice_changes_nothing(reference):
    import_candidates(SAMPLE, actor=None)
    before = [candidate_facts(c) for c in Candidate.objects.order_by("pk")]

    report = import_candidates(SAMPLE, actor=None)

    assert (report.total_rows, report.created, report.updated, report.errors) == (2, 0, 0, [])
    assert [candidate_facts(c) for c in Candidate.objects.order_by("pk")] == before


@pytest.mark.django_db
def test_import_candidates_from_xlsx_with_number_cells(reference):
    election = Election.objects.get(slug="pilkada-2024")
    source = xlsx_file(
        ["Kode Wilayah", "Jabatan", "Nomor Urut", "Nama Calon", "Nama Wakil", "Partai", "Tagar"],
        ["18", "gubernur", 2, "Rahmat Fiktif", "Wulan Fiktif", "Golkar;PAN", "#RahmatWulan"],
        [None, None, None, None, None, None, None],
        ["52.01", "Bupati", 1, "Joko Fiktif", "", "", ""],
    )

    report = import_candidates(source, file_name="calon.xlsx", actor=None, election=election)

    assert (report.total_rows, report.created, report.errors) == (2, 2, [])
    governor = Candidate.objects.get(contest__region_id="18")
    assert candidate_facts(governor) | {"accounts": None} == {
        "contest": ("pilkada-2024", "governor", "18"),
        "ballot_number": 2,
        "name": "Rahmat Fiktif",
        "running_mate": "Wulan Fiktif",
        "acronym": "",
        "nicknames": [],
        "parties": ["Golkar", "PAN"],
        "is_independent": False,
        "slogans": [],
        "hashtags": ["rahmatwulan"],
        "accounts": None,
    }
    assert Candidate.objects.get(contest__region_id="52.01").ballot_number == 1


@pytest.mark.django_db
def test_import_candidates_updates_by_ballot_number(reference):
    import_candidates(SAMPLE, actor=None)
    source = csv_file(
        "pemilihan,kode_wilayah,jabatan,nomor_urut,nama_calon,nama_wakil,tagar",
        "pilkada-2024,18.71,wali kota,1,BUDI SANTOSO,Sari Wulandari Putri,busar",
    )

    report = import_candidates(source, file_name="koreksi.csv", actor=None)

    assert (report.created, report.updated, report.errors) == (0, 1, [])
    budi = Candidate.objects.get(contest__region_id="18.71", ballot_number=1)
    facts = candidate_facts(budi)
    assert (facts["name"], facts["running_mate"], facts["hashtags"], facts["nicknames"], facts["parties"]) == (
        "BUDI SANTOSO",
        "Sari Wulandari Putri",
        ["busar"],
        ["Pak Budi", "Bu Sari"],  # no nama_panggilan column: kept
        ["Gerindra", "PKB", "PKS"],  # no partai column: kept
    )


@pytest.mark.django_db
def test_import_candidates_by_name_keeps_a_drawn_number(reference):
    election = Election.objects.get(slug="pilkada-2024")
    existing = CandidateFactory(
        contest=election.contests.get(region_id="18.71"), ballot_number=3, name="Budi Santoso", running_mate=""
    )
    source = csv_file("kode_wilayah,jabatan,nomor_urut,nama_calon,nama_wakil", "18.71,wali kota,,budi santoso,Sari")

    report = import_candidates(source, actor=None, election=election)

    existing.refresh_from_db()
    assert (report.created, report.updated, existing.ballot_number, existing.running_mate) == (0, 1, 3, "Sari")


@pytest.mark.django_db
def test_import_candidates_president_pair_by_number(reference):
    pemilu = Election.objects.get(slug="pemilu-2024")
    source = csv_file(
        "kode_wilayah,jabatan,nomor_urut,nama_calon,nama_wakil,akun",
        ",presiden,3,Ganjar Pranowo,Mohammad Mahfud MD,instagram:@GanjarPranowo",
    )

    report = import_candidates(source, actor=None, election=pemilu)

    ganjar = Candidate.objects.get(contest__election=pemilu, ballot_number=3)
    assert (report.created, report.updated, report.errors) == (0, 1, [])
    assert candidate_facts(ganjar)["accounts"] == [("instagram", "ganjarpranowo", "official")]
    assert candidate_facts(ganjar)["parties"] == ["Hanura", "PDI-P", "PPP", "Perindo"]


@pytest.mark.django_db
def test_import_candidates_reports_row_errors(reference):
    CandidateFactory(
        contest=Election.objects.get(slug="pilkada-2024").contests.get(region_id="32.73"),
        ballot_number=1,
        name="Calon Lama",
    )
    source = csv_file(
        HEADER,
        "pilkada-2024,18.71,bupati,1,A,,,,",
        "pilkada-2024,34,gubernur,1,B,,,,",
        "pilkada-2024,31.71,wali kota,1,C,,,,",
        "pilkada-2024,99.99,bupati,1,D,,,,",
        "pilkada-2024,18.04,bupati,1,E,,PKB;Partai Fiktif,,",
        "pilkada-2024,18.04,bupati,2,F,,,,",
        "pilkada-2024,18.04,bupati,2,G,,,,",
        "pilkada-2024,32.73,wali kota,1,H,,,,",
        "pilkada-2024,18.04,bupati,3,I,,PKB,ya,",
        "pilkada-2024,18.04,bupati,4,J,,PA,,",
        "pilkada-2024,18.04,bupati,nol,K,,,,tiktok:@k:teman;myspace:k;instagram",
        "pemilu-2023,,presiden,1,L,,,,",
        ",18.04,bupati,5,,,,mungkin,",
        "pemilu-2024,18,presiden,1,M,,,,",
        "pilkada-2024,18.04,kepala desa,6,N,,,,",
    )

    report = import_candidates(source, file_name="salah.csv", actor=None)

    assert (report.total_rows, report.created, report.updated) == (15, 1, 0)
    assert report.errors == [
        RowError(2, "jabatan", "18.71 (Kota Bandar Lampung) adalah kota: jabatannya wali kota, bukan bupati."),
        RowError(
            3,
            "kode_wilayah",
            "Tidak ada kontestasi Gubernur dan Wakil Gubernur di Daerah Istimewa Yogyakarta (34) "
            "dalam Pilkada Serentak 2024.",
        ),
        RowError(
            4,
            "kode_wilayah",
            "Tidak ada kontestasi Wali Kota dan Wakil Wali Kota di Kota Administrasi Jakarta Pusat (31.71) "
            "dalam Pilkada Serentak 2024.",
        ),
        RowError(5, "kode_wilayah", "Kode wilayah 99.99 tidak dikenal."),
        RowError(6, "partai", "Partai tidak dikenal dalam Pilkada Serentak 2024: Partai Fiktif."),
        RowError(8, "nomor_urut", "Nomor urut 2 sudah dipakai di baris 7 berkas ini."),
        RowError(9, "nomor_urut", "Nomor urut 1 sudah dipakai calon lain: Calon Lama."),
        RowError(10, "partai", "Pasangan perseorangan tidak diusung partai; kosongkan kolom partai."),
        RowError(11, "partai", "Partai lokal Aceh hanya mengusung calon di Aceh: PA."),
        RowError(12, "nomor_urut", "Nomor urut harus bilangan bulat 1–99."),
        RowError(12, "akun", "tiktok:@k:teman: jenis akun harus resmi, tim pemenangan atau pribadi."),
        RowError(12, "akun", "myspace:k: platform tidak dikenal."),
        RowError(12, "akun", "instagram: tulis sebagai platform:nama_akun:jenis."),
        RowError(13, "pemilihan", "Pemilihan pemilu-2023 tidak dikenal."),
        RowError(14, "pemilihan", "Wajib diisi (kode pemilihan, misalnya pilkada-2024)."),
        RowError(14, "nama_calon", "Wajib diisi."),
        RowError(14, "perseorangan", "Isi dengan ya atau tidak."),
        RowError(15, "kode_wilayah", "Kontestasi nasional: kosongkan kode wilayah."),
        RowError(16, "jabatan", "Jabatan kepala desa tidak dikenal."),
    ]
    assert list(Candidate.objects.filter(contest__region_id="18.04").values_list("ballot_number", "name")) == [(2, "F")]
    assert report.summary() == "15 baris dibaca: 1 baru, 0 diperbarui, 14 ditolak."


@pytest.mark.django_db
def test_import_candidates_row_for_another_election_than_chosen(reference):
    pemilu = Election.objects.get(slug="pemilu-2024")
    source = csv_file("pemilihan,kode_wilayah,jabatan,nama_calon", "pilkada-2024,18.71,wali kota,X")

    report = import_candidates(source, actor=None, election=pemilu)

    assert report.errors == [
        RowError(2, "pemilihan", "Baris ini untuk pemilihan pilkada-2024, bukan pemilu-2024 yang dipilih.")
    ]


@pytest.mark.django_db
def test_import_candidates_accounts_replace_the_stored_ones(reference):
    import_candidates(SAMPLE, actor=None)
    source = csv_file(
        "pemilihan,kode_wilayah,jabatan,nomor_urut,nama_calon,akun",
        "pilkada-2024,18.71,wali kota,1,Budi Santoso,instagram:budi_sari:tim pemenangan;youtube:@BusarTV",
    )

    report = import_candidates(source, actor=None)

    budi = Candidate.objects.get(contest__region_id="18.71", ballot_number=1)
    assert report.updated == 1
    assert candidate_facts(budi)["accounts"] == [
        ("instagram", "budi_sari", "winning_team"),
        ("youtube", "busartv", "official"),
    ]


@pytest.mark.django_db
def test_import_candidates_without_required_column_is_refused(reference):
    source = csv_file("pemilihan,kode_wilayah,nama", "pilkada-2024,18.71,X")

    with pytest.raises(TabularError) as refused:
        import_candidates(source, actor=None)

    assert str(refused.value) == "Kolom wajib tidak ada: jabatan, nama_calon."


@pytest.mark.django_db
def test_import_candidates_writes_one_audit_row_with_the_actor(reference):
    user = UserFactory()

    report = import_candidates(SAMPLE, file_name="contoh_impor_calon.csv", actor=user)

    entry = AuditEntry.objects.get(action="elections.import_candidates")
    assert (entry.actor, entry.summary, entry.changes) == (
        user,
        f"contoh_impor_calon.csv: {report.summary()}",
        {"created": 2, "updated": 0, "rejected": 0},
    )


@pytest.mark.django_db
def test_import_candidates_command_prints_summary_and_errors(reference, tmp_path):
    path = tmp_path / "calon.csv"
    path.write_text("kode_wilayah,jabatan,nama_calon\n18.71,wali kota,Budi\n18.71,bupati,Sari\n", encoding="utf-8")
    out = StringIO()

    call_command("import_candidates", str(path), "--election", "pilkada-2024", stdout=out)

    assert out.getvalue() == (
        "2 baris dibaca: 1 baru, 0 diperbarui, 1 ditolak.\n"
        "  baris 3, kolom jabatan: 18.71 (Kota Bandar Lampung) adalah kota: jabatannya wali kota, bukan bupati.\n"
    )


@pytest.mark.django_db
def test_import_candidates_command_missing_file_fails(reference, tmp_path):
    with pytest.raises(CommandError, match=r"tidak-ada\.csv tidak ditemukan"):
        call_command("import_candidates", str(tmp_path / "tidak-ada.csv"))


@pytest.mark.django_db
def test_import_candidates_command_unreadable_file_fails(reference, tmp_path):
    path = tmp_path / "calon.xlsx"
    path.write_bytes(b"bukan spreadsheet")

    with pytest.raises(CommandError) as failed:
        call_command("import_candidates", str(path))

    assert str(failed.value) == "calon.xlsx: Berkas bukan XLSX yang sah. Simpan ulang sebagai .xlsx atau .csv (UTF-8)."


@pytest.mark.django_db
def test_import_candidates_command_unknown_election_fails(reference):
    with pytest.raises(CommandError, match="Pemilihan pilkada-2029 tidak dikenal"):
        call_command("import_candidates", str(SAMPLE), "--election", "pilkada-2029")
