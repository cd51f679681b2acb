"""Importing agencies and ASN from CSV or XLSX files (agency HR staff lists, BKN extracts).

ASN file columns (header names are case-insensitive; spaces and dashes count as underscores):

    nip            required  18-digit NIP (or NI PPPK); spaces and dots are ignored. Format the column as text.
    nama           required  full name as written, titles included: "Dr. H. Ahmad Fauzi, S.Pd., M.Si."
    status         required  PNS, CPNS or PPPK
    kode_instansi  required  code of an agency already in Sinetra (import agencies first)
    kode_wilayah   required  Kemendagri code of the province ("18") or regency/city ("18.71") of work
    jabatan                  position as written ("Kepala Bidang Anggaran")
    jenis_jabatan            jpt, administrator, pengawas, fungsional or pelaksana (Indonesian labels such
                             as "Jabatan Pimpinan Tinggi" or "JFU" also work); guessed from jabatan when empty
    golongan                 PNS/CPNS: I/a … IV/e ("III/b", "iii b"); PPPK: I … XVII
    unit_kerja               work unit
    email, telepon           stored encrypted
    akun_medsos              "instagram:@budi.s; tiktok:budi123; https://x.com/Budi"; replaces the person's
                             accounts; an empty cell leaves them as they are, "-" removes them
    aktif                    ya/tidak (empty: ya)

A row is taken whole or not at all: every bad field is reported as (line, column, message). A NIP already
in the registry is updated, a new one created, so importing the same file twice changes nothing. Optional
columns missing from the file leave the stored values alone. Rows are written in batches, one transaction
and one audit row per batch; on PostgreSQL through COPY into a temporary table and one upsert per batch.

Agency file columns: kode, nama, tingkat (pusat/provinsi/kabupaten/kota), kode_wilayah (required for
provincial and regency/city governments: a province code for a province, a regency code for the others).
"""

from registry.importing.agencies import import_agencies
from registry.importing.asn import import_asn
from registry.importing.rows import AsnRowCleaner, guess_position_kind, normalise_phone, normalise_rank

# The column table of the docstring above, for the command's --help.
ASN_COLUMNS_HELP = __doc__.split("ASN file columns", 1)[1].split("\n\n")[1]

__all__ = [
    "ASN_COLUMNS_HELP",
    "AsnRowCleaner",
    "guess_position_kind",
    "import_agencies",
    "import_asn",
    "normalise_phone",
    "normalise_rank",
]
