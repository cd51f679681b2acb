"""The vocabulary of ASN and agency files: column names and aliases, value aliases, limits, the checked row."""

from pathlib import Path
from typing import IO, NamedTuple

from regions.models import Level
from registry.choices import PNS_RANKS, PPPK_RANKS, AgencyLevel, PositionKind

Source = IO[bytes] | str | Path

ASN_COLUMN_ALIASES = {
    "nip": ("nip", "nip_baru", "ni_pppk"),
    "nama": ("nama", "nama_lengkap"),
    "status": ("status", "status_kepegawaian", "status_pegawai"),
    "jabatan": ("jabatan", "nama_jabatan"),
    "jenis_jabatan": ("jenis_jabatan",),
    "golongan": ("golongan", "golongan_ruang", "gol"),
    "unit_kerja": ("unit_kerja", "satuan_kerja"),
    "kode_instansi": ("kode_instansi",),
    "kode_wilayah": ("kode_wilayah",),
    "email": ("email", "surel"),
    "telepon": ("telepon", "no_hp", "nomor_telepon", "no_telepon"),
    "akun_medsos": ("akun_medsos", "medsos", "media_sosial"),
    "aktif": ("aktif",),
}
ASN_REQUIRED = ("nip", "nama", "status", "kode_instansi", "kode_wilayah")
# Which ASN fields each optional column writes; a column missing from the file leaves its fields alone.
FIELDS_BY_COLUMN = {
    "nama": ("name", "front_title", "back_title"),
    "status": ("status",),
    "kode_instansi": ("agency_id",),
    "kode_wilayah": ("region_id",),
    "jabatan": ("position",),
    "jenis_jabatan": ("position_kind",),
    "golongan": ("rank",),
    "unit_kerja": ("work_unit",),
    "email": ("email",),
    "telepon": ("phone",),
    "aktif": ("is_active",),
}
MAX_LENGTHS = {"front_title": 60, "name": 150, "back_title": 100, "position": 200, "work_unit": 200}

STATUS_ALIASES = {"pns": "PNS", "cpns": "CPNS", "pppk": "PPPK", "p3k": "PPPK"}
POSITION_KIND_ALIASES = {
    **{kind.value: kind.value for kind in PositionKind},
    **{str(kind.label).lower(): kind.value for kind in PositionKind},
    "pimpinan tinggi": PositionKind.JPT,
    "jpt pratama": PositionKind.JPT,
    "jpt madya": PositionKind.JPT,
    "jpt utama": PositionKind.JPT,
    "jft": PositionKind.FUNGSIONAL,
    "jabatan fungsional tertentu": PositionKind.FUNGSIONAL,
    "jfu": PositionKind.PELAKSANA,  # "jabatan fungsional umum" is the old name of jabatan pelaksana
    "jabatan fungsional umum": PositionKind.PELAKSANA,
}
# Leading words of a jabatan that decide its kind (from the shared jabatan lexicon); longest match wins.
POSITION_KIND_BY_TERM = {
    "sekretaris daerah": PositionKind.JPT,
    "sekda": PositionKind.JPT,
    "asisten": PositionKind.JPT,
    "staf ahli": PositionKind.JPT,
    "kepala dinas": PositionKind.JPT,
    "kepala badan": PositionKind.JPT,
    "kepala biro": PositionKind.JPT,
    "inspektur": PositionKind.JPT,
    "direktur": PositionKind.JPT,
    "sekretaris dinas": PositionKind.ADMINISTRATOR,
    "sekretaris badan": PositionKind.ADMINISTRATOR,
    "kepala bidang": PositionKind.ADMINISTRATOR,
    "kepala bagian": PositionKind.ADMINISTRATOR,
    "camat": PositionKind.ADMINISTRATOR,
    "sekretaris camat": PositionKind.PENGAWAS,
    "sekretaris kecamatan": PositionKind.PENGAWAS,
    "lurah": PositionKind.PENGAWAS,
    "sekretaris kelurahan": PositionKind.PENGAWAS,
    "kepala seksi": PositionKind.PENGAWAS,
    "kepala subbagian": PositionKind.PENGAWAS,
    "kepala sub bagian": PositionKind.PENGAWAS,
    "kepala upt": PositionKind.PENGAWAS,
    "guru": PositionKind.FUNGSIONAL,
    "kepala sekolah": PositionKind.FUNGSIONAL,
    "pengawas sekolah": PositionKind.FUNGSIONAL,
    "dosen": PositionKind.FUNGSIONAL,
    "widyaiswara": PositionKind.FUNGSIONAL,
    "dokter": PositionKind.FUNGSIONAL,
    "bidan": PositionKind.FUNGSIONAL,
    "perawat": PositionKind.FUNGSIONAL,
    "penyuluh": PositionKind.FUNGSIONAL,
    "pengadministrasi": PositionKind.PELAKSANA,
    "pengelola": PositionKind.PELAKSANA,
}
PNS_RANK_SET = frozenset(PNS_RANKS)
PPPK_RANK_SET = frozenset(PPPK_RANKS)
ACTIVE_VALUES = {"": True, "ya": True, "y": True, "1": True, "aktif": True, "true": True}
INACTIVE_VALUES = {"tidak": False, "t": False, "0": False, "nonaktif": False, "tidak aktif": False, "false": False}
CLEAR_ACCOUNTS = frozenset({"-", "tidak ada"})

AGENCY_LEVEL_ALIASES = {
    "pusat": AgencyLevel.CENTRAL,
    "central": AgencyLevel.CENTRAL,
    "provinsi": AgencyLevel.PROVINCE,
    "province": AgencyLevel.PROVINCE,
    "kabupaten": AgencyLevel.REGENCY,
    "kota": AgencyLevel.REGENCY,
    "kabupaten/kota": AgencyLevel.REGENCY,
    "regency": AgencyLevel.REGENCY,
}
REGION_LEVEL_FOR_AGENCY = {AgencyLevel.PROVINCE: Level.PROVINCE, AgencyLevel.REGENCY: Level.REGENCY}


class AsnRecord(NamedTuple):
    """One checked ASN row, ready to write; email/phone are plaintext until the writer encrypts them.

    A named tuple rather than a dataclass: batches of them cross a process boundary (parallel.py), and
    tuples pickle several times faster.
    """

    line: int
    nip: str
    name: str
    front_title: str
    back_title: str
    status: str
    position: str
    position_kind: str
    rank: str
    work_unit: str
    agency_id: int
    region_id: str
    email: str
    phone: str
    is_active: bool
    accounts: list[tuple[str, str]] | None  # None: leave the person's accounts alone
