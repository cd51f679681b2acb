import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from openpyxl import Workbook

from core.models import AuditEntry
from core.tabular import RowError, TabularError
from regions.tests.factories import province, regency
from registry.importing import import_agencies, import_asn, parallel
from registry.models import ASN, Agency, SocialAccount
from registry.tests.factories import AgencyFactory, ASNFactory, SocialAccountFactory, csv_upload

pytestmark = pytest.mark.integration

DATA = Path(__file__).parent / "data"
HEADER = "nip,nama,status,golongan,kode_instansi,kode_wilayah,email,telepon,akun_medsos"
ROW_A = "198001012005011001,Budi Santoso,PNS,III/b,PEMKOT-BDL,18.71,budi@example.go.id,,"
ROW_B = "198502142010012003,Siti Aminah,PNS,III/c,PEMKOT-BDL,18.71,,,"
ROW_C = "199003032021212001,Rina Wati,PPPK,IX,PEMKOT-BDL,18.71,,,"


@pytest.fixture(autouse=True, params=["in_process", "worker"])
def reader(request, monkeypatch):
    """Every test runs twice: rows checked in this process, and in the worker process large files get."""
    if request.param == "worker":
        monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    return request.param


@pytest.fixture
def bandar_lampung():
    return AgencyFactory(code="PEMKOT-BDL", name="Pemerintah Kota Bandar Lampung", region=regency("18.71"))


def asn_values(nip: str) -> dict:
    fields = ["name", "front_title", "back_title", "status", "position", "position_kind", "rank", "work_unit"]
    asn = ASN.objects.select_related("agency").get(nip=nip)
    return {
        **{field: getattr(asn, field) for field in fields},
        "agency": asn.agency.code,
        "region": asn.region_id,
        "email": asn.email,
        "phone": asn.phone,
        "is_active": asn.is_active,
    }


@pytest.mark.django_db
def test_import_asn_sample_csv_creates_everything(bandar_lampung):
    report = import_asn(DATA / "asn_sample.csv", actor=None)

    assert (report.total_rows, report.created, report.updated, report.errors) == (3, 3, 0, [])
    assert asn_values("198001012005011001") == {
        "name": "Ahmad Fauzi",
        "front_title": "Dr. H.",
        "back_title": "S.Pd., M.Si.",
        "status": "PNS",
        "position": "Kepala Bidang Anggaran",
        "position_kind": "administrator",
        "rank": "IV/a",
        "work_unit": "Badan Keuangan Daerah",
        "agency": "PEMKOT-BDL",
        "region": "18.71",
        "email": "ahmad.fauzi@example.go.id",
        "phone": "+6281234567890",
        "is_active": True,
    }
    assert (ASN.objects.get(nip="198502142010012003").rank, ASN.objects.get(nip="199003032021212001").rank) == (
        "III/b",
        "IX",
    )
    assert sorted(SocialAccount.objects.values_list("asn__nip", "platform", "handle")) == [
        ("198001012005011001", "instagram", "ahmad.fauzi"),
        ("198001012005011001", "x", "ahmadf"),
        ("199003032021212001", "tiktok", "rina.guru"),
    ]


@pytest.mark.django_db
def test_import_asn_reads_xlsx(bandar_lampung):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Nama", "Status", "Kode Instansi", "Kode Wilayah", "Jabatan"])
    sheet.append(["198001012005011001", "Drs. Bambang", "PNS", "PEMKOT-BDL", "18.71", "Camat Teluk Betung"])
    sheet.append([198502142010012003, "Siti", "PNS", "PEMKOT-BDL", "18.71", ""])  # NIP typed as a number
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)

    report = import_asn(upload, file_name="pegawai.xlsx", actor=None)

    assert (report.created, report.errors) == (
        1,
        [
            RowError(
                3,
                "nip",
                "NIP 1.98502142010012E+17 terbaca sebagai angka sehingga digit terakhirnya hilang. Format kolom NIP "
                "sebagai Teks di Excel, ketik ulang NIP-nya, lalu simpan dan impor lagi.",
            )
        ],
    )
    bambang = ASN.objects.get()
    assert (bambang.front_title, bambang.name, bambang.position_kind) == ("Drs.", "Bambang", "administrator")


@pytest.mark.django_db
def test_import_asn_reports_each_bad_field_with_its_line(bandar_lampung):
    regency("18.72", "Kota Metro")
    upload = csv_upload(
        HEADER,
        ROW_A,
        "19800101200501100,,PNS,III/b,PEMKOT-BDL,18.71,,,",
        "198001012005011002,Andi,Honorer,III/b,PEMKOT-XXX,18.71.01,andi@,08x,instagram:@andi",
        "198001012005011003,Tono,PPPK,III/b,PEMKOT-BDL,18.72,,,myspace:tono",
        ROW_B,
    )

    report = import_asn(upload, file_name="asn.csv", actor=None)

    assert report.errors == [
        RowError(3, "nip", "NIP harus 18 digit; 19800101200501100 berisi 17 digit."),
        RowError(3, "nama", "Nama wajib diisi."),
        RowError(4, "status", "Status Honorer tidak dikenal; gunakan PNS, CPNS atau PPPK."),
        RowError(4, "kode_instansi", "Instansi dengan kode PEMKOT-XXX tidak terdaftar."),
        RowError(
            4,
            "kode_wilayah",
            "Kode wilayah 18.71.01 adalah kecamatan atau desa; gunakan kode provinsi atau kabupaten/kota.",
        ),
        RowError(4, "email", "Alamat email andi@ tidak sah."),
        RowError(4, "telepon", "Nomor telepon 08x tidak sah."),
        RowError(5, "golongan", "Golongan PPPK harus I sampai XVII, bukan III/b."),
        RowError(
            5,
            "akun_medsos",
            "Platform myspace tidak dikenal; gunakan salah satu dari: facebook, instagram, threads, tiktok, whatsapp, "
            "x, youtube.",
        ),
    ]
    assert (report.total_rows, report.created, report.rejected_lines) == (5, 2, 3)
    assert sorted(ASN.objects.values_list("nip", flat=True)) == ["198001012005011001", "198502142010012003"]


@pytest.mark.django_db
def test_import_asn_second_import_changes_nothing(bandar_lampung):
    import_asn(DATA / "asn_sample.csv", actor=None)
    before = sorted(ASN.objects.values_list("nip", "name", "rank", "email", "phone", "updated_at"))
    raw_before = _raw_contact("198001012005011001")

    report = import_asn(DATA / "asn_sample.csv", actor=None)

    assert (report.created, report.updated, report.errors) == (0, 3, [])
    assert sorted(ASN.objects.values_list("nip", "name", "rank", "email", "phone", "updated_at")) == before
    assert _raw_contact("198001012005011001") == raw_before  # identical rows are not rewritten
    assert (ASN.objects.count(), SocialAccount.objects.count()) == (3, 3)


@pytest.mark.django_db
def test_import_asn_existing_nip_is_updated(bandar_lampung):
    ASNFactory(nip="198001012005011001", name="Nama Lama", rank="II/a", agency=bandar_lampung, phone="+628111111111")

    report = import_asn(csv_upload(HEADER, ROW_A), file_name="asn.csv", actor=None)

    budi = ASN.objects.get(nip="198001012005011001")
    assert (report.created, report.updated) == (0, 1)
    assert (budi.name, budi.rank, budi.email, budi.phone) == ("Budi Santoso", "III/b", "budi@example.go.id", "")


@pytest.mark.django_db
def test_import_asn_missing_optional_column_keeps_stored_value(bandar_lampung):
    ASNFactory(nip="198001012005011001", agency=bandar_lampung, position="Camat", work_unit="Kecamatan Kemiling")

    import_asn(
        csv_upload("nip,nama,status,kode_instansi,kode_wilayah", "198001012005011001,Budi,PNS,PEMKOT-BDL,18.71"),
        file_name="asn.csv",
        actor=None,
    )

    budi = ASN.objects.get()
    assert (budi.name, budi.position, budi.work_unit) == ("Budi", "Camat", "Kecamatan Kemiling")


@pytest.mark.django_db
def test_import_asn_agency_officer_only_imports_own_staff(bandar_lampung):
    AgencyFactory(code="PEMKOT-MTR", region=regency("18.72", "Kota Metro"))
    other = "198001012005011009,Orang Lain,PNS,III/b,PEMKOT-MTR,18.72,,,"

    report = import_asn(csv_upload(HEADER, ROW_A, other), file_name="asn.csv", actor=None, agency=bandar_lampung)

    assert report.errors == [
        RowError(3, "kode_instansi", "Anda hanya dapat mengimpor pegawai instansi PEMKOT-BDL, bukan PEMKOT-MTR.")
    ]
    assert list(ASN.objects.values_list("nip", flat=True)) == ["198001012005011001"]


@pytest.mark.django_db
def test_import_asn_duplicate_nip_names_the_earlier_line(bandar_lampung):
    again = "19800101 200501 1 001,Budi Lagi,PNS,III/b,PEMKOT-BDL,18.71,,,"

    report = import_asn(csv_upload(HEADER, ROW_A, ROW_B, again), file_name="asn.csv", actor=None)

    assert report.errors == [RowError(4, "nip", "NIP 198001012005011001 sudah ada di baris 2 berkas ini.")]
    assert ASN.objects.get(nip="198001012005011001").name == "Budi Santoso"


@pytest.mark.django_db
def test_import_asn_missing_required_column_refuses_file(bandar_lampung):
    with pytest.raises(TabularError) as caught:
        import_asn(csv_upload("nip,nama,status", "198001012005011001,Budi,PNS"), file_name="asn.csv", actor=None)

    assert str(caught.value) == "Kolom wajib tidak ada di baris judul: kode_instansi, kode_wilayah."


@pytest.mark.django_db
def test_import_asn_stores_email_and_phone_encrypted(bandar_lampung):
    row = "198001012005011001,Budi,PNS,III/b,PEMKOT-BDL,18.71,budi@example.go.id,0812 3456 7890,"

    import_asn(csv_upload(HEADER, row), file_name="asn.csv", actor=None)

    raw_email, raw_phone = _raw_contact("198001012005011001")
    budi = ASN.objects.get()
    assert (raw_email.startswith("g1:"), "budi@" in raw_email, "3456" in raw_phone) == (True, False, False)
    assert (budi.email, budi.phone) == ("budi@example.go.id", "+6281234567890")


@pytest.mark.django_db
def test_import_asn_replaces_social_accounts(bandar_lampung):
    budi = ASNFactory(nip="198001012005011001", agency=bandar_lampung)
    siti = ASNFactory(nip="198502142010012003", agency=bandar_lampung)
    SocialAccountFactory(asn=budi, platform="facebook", handle="budi.lama")
    SocialAccountFactory(asn=siti, platform="instagram", handle="siti.aminah")
    rina = ASNFactory(nip="199003032021212001", agency=bandar_lampung, status="PPPK", rank="IX")
    SocialAccountFactory(asn=rina, platform="tiktok", handle="rina.guru")
    rows = [ROW_A + '"instagram:@Budi.S; https://x.com/Budi"', ROW_B + "-", ROW_C]

    report = import_asn(csv_upload(HEADER, *rows), file_name="asn.csv", actor=None)

    assert (report.updated, report.errors) == (3, [])
    assert sorted(SocialAccount.objects.values_list("asn__nip", "platform", "handle")) == [
        ("198001012005011001", "instagram", "budi.s"),
        ("198001012005011001", "x", "budi"),
        ("199003032021212001", "tiktok", "rina.guru"),
    ]


@pytest.mark.django_db
def test_import_asn_handle_of_another_asn_is_a_row_error(bandar_lampung):
    SocialAccountFactory(asn=ASNFactory(nip="197001012000011001", agency=bandar_lampung), handle="budi.s")

    report = import_asn(csv_upload(HEADER, ROW_A + "instagram:budi.s", ROW_B), file_name="asn.csv", actor=None)

    assert report.errors == [
        RowError(2, "akun_medsos", "Akun instagram @budi.s sudah terdaftar atas NIP 197001012000011001.")
    ]
    assert (report.created, ASN.objects.filter(nip="198001012005011001").exists()) == (1, False)


@pytest.mark.django_db
def test_import_asn_same_handle_twice_in_file_is_a_row_error(bandar_lampung):
    report = import_asn(
        csv_upload(HEADER, ROW_A + "instagram:budi.s", ROW_B + "ig:@Budi.S"), file_name="asn.csv", actor=None
    )

    assert report.errors == [RowError(3, "akun_medsos", "Akun instagram @budi.s sudah dipakai NIP lain di baris 2.")]


@pytest.mark.django_db
def test_import_asn_writes_one_audit_row_per_batch(bandar_lampung):
    done = []

    report = import_asn(
        csv_upload(HEADER, ROW_A, ROW_B, ROW_C), file_name="asn.csv", actor=None, batch_size=2, progress=done.append
    )

    entries = AuditEntry.objects.filter(action="registry.import_asn").order_by("id")
    assert (report.created, done) == (3, [2, 3])
    assert [(entry.summary, entry.changes) for entry in entries] == [
        (
            "Impor ASN dari asn.csv, baris 2–3: 2 baru, 0 diperbarui.",
            {"file": "asn.csv", "lines": [2, 3], "created": 2, "updated": 0},
        ),
        (
            "Impor ASN dari asn.csv, baris 4–4: 1 baru, 0 diperbarui.",
            {"file": "asn.csv", "lines": [4, 4], "created": 1, "updated": 0},
        ),
    ]


@pytest.mark.django_db(transaction=True)
def test_import_asn_refused_batch_rolls_back_only_itself(bandar_lampung):
    # Rows pass the Python checks, but agency PEMKOT-MTR disappears after the first batch (as when someone
    # deletes it meanwhile): the database refuses the second batch on its foreign key, the others land.
    metro = AgencyFactory(code="PEMKOT-MTR", region=regency("18.72", "Kota Metro"))
    metro_rows = [f"19800101200501100{n},Metro {n},PNS,III/b,PEMKOT-MTR,18.72,,," for n in (2, 3)]

    def delete_metro_after_first_batch(done):
        if done == 2:
            Agency.objects.filter(pk=metro.pk).delete()

    report = import_asn(
        csv_upload(HEADER, ROW_A, ROW_B, *metro_rows, ROW_C),
        file_name="asn.csv",
        actor=None,
        batch_size=2,
        progress=delete_metro_after_first_batch,
    )

    assert (report.created, report.rejected_lines, [error.line for error in report.errors]) == (3, 2, [4, 5])
    assert report.errors[0].message.startswith("Baris 4–5 tidak disimpan karena basis data menolak kelompok ini: ")
    assert sorted(ASN.objects.values_list("nip", flat=True)) == [
        "198001012005011001",
        "198502142010012003",
        "199003032021212001",
    ]
    assert AuditEntry.objects.filter(action="registry.import_asn").count() == 2


@pytest.mark.django_db
def test_import_asn_command_prints_report_and_writes_errors(bandar_lampung, tmp_path, capsys):
    source = tmp_path / "asn.csv"
    source.write_text("\n".join([HEADER, ROW_A, "123,Budi,PNS,,PEMKOT-BDL,18.71,,,"]) + "\n")
    errors = tmp_path / "errors.csv"

    call_command("import_asn", str(source), "--agency", "PEMKOT-BDL", "--errors-csv", str(errors))

    assert capsys.readouterr().out.splitlines() == [
        "2 baris dibaca: 1 baru, 0 diperbarui, 1 ditolak.",
        "  baris 3, kolom nip: NIP harus 18 digit; 123 berisi 3 digit.",
        f"Semua kesalahan ditulis ke {errors}.",
    ]
    assert errors.read_text().splitlines() == ["baris,kolom,pesan", "3,nip,NIP harus 18 digit; 123 berisi 3 digit."]


@pytest.mark.django_db
def test_import_asn_command_missing_file_fails(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("import_asn", str(tmp_path / "tidak-ada.csv"))

    assert str(caught.value) == f"Berkas {tmp_path / 'tidak-ada.csv'} tidak ditemukan."


@pytest.mark.django_db
def test_import_asn_command_unreadable_file_fails(tmp_path):
    source = tmp_path / "asn.xlsx"
    source.write_bytes(b"not a spreadsheet")

    with pytest.raises(CommandError) as caught:
        call_command("import_asn", str(source))

    assert str(caught.value) == "Berkas bukan XLSX yang sah. Simpan ulang sebagai .xlsx atau .csv (UTF-8)."


@pytest.mark.django_db
def test_import_agencies_sample_creates_and_reimport_updates():
    regency("18.71")

    first = import_agencies(DATA / "agencies_sample.csv", actor=None)
    second = import_agencies(DATA / "agencies_sample.csv", actor=None)

    assert [(r.created, r.updated, r.errors) for r in (first, second)] == [(3, 0, []), (0, 3, [])]
    assert sorted(Agency.objects.values_list("code", "level", "region_id")) == [
        ("KEMENDAGRI", "central", None),
        ("PEMKOT-BDL", "regency", "18.71"),
        ("PEMPROV-LPG", "province", "18"),
    ]
    assert AuditEntry.objects.filter(action="registry.import_agencies").count() == 2


@pytest.mark.django_db
def test_import_agencies_checks_level_against_region():
    regency("18.71")
    province("32", "Jawa Barat")
    upload = csv_upload(
        "kode,nama,tingkat,kode_wilayah",
        "PEMPROV-X,Pemerintah Provinsi X,provinsi,18.71",
        "PEMKAB-X,Pemerintah Kabupaten X,kabupaten,",
        "KEMEN-X,Kementerian X,pusat,32",
        "PEMPROV-JB,Pemerintah Provinsi Jawa Barat,Provinsi,32",
        "PEMPROV-JB,Duplikat,provinsi,32",
        ",Tanpa Kode,desa,",
    )

    report = import_agencies(upload, file_name="instansi.csv", actor=None)

    assert report.errors == [
        RowError(2, "kode_wilayah", "Tingkat instansi ini memerlukan kode provinsi, bukan 18.71."),
        RowError(3, "kode_wilayah", "Kode wilayah wajib diisi untuk pemerintah daerah."),
        RowError(4, "kode_wilayah", "Instansi pusat tidak memakai kode wilayah; kosongkan kolom ini."),
        RowError(6, "kode", "Kode PEMPROV-JB sudah ada di baris 5 berkas ini."),
        RowError(7, "kode", "Kode instansi wajib diisi."),
        RowError(7, "tingkat", "Tingkat harus pusat, provinsi, kabupaten atau kota."),
    ]
    assert list(Agency.objects.values_list("code", flat=True)) == ["PEMPROV-JB"]


def _raw_contact(nip: str) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, phone FROM registry_asn WHERE nip = %s", [nip])
        return cursor.fetchone()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index exists on PostgreSQL only")
def test_name_search_can_use_the_trigram_index(bandar_lampung):
    import_asn(DATA / "asn_sample.csv", actor=None)
    queryset = ASN.objects.filter(name__icontains="fauz")

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # three rows: make the planner show the index
        plan = queryset.explain()

    assert (list(queryset.values_list("name", flat=True)), "registry_asn_name_upper_trgm" in plan) == (
        ["Ahmad Fauzi"],
        True,
    )
