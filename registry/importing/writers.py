"""Writing a batch of ASN records: what is stored already, then one bulk upsert by NIP.

PostgreSQL gets its own path (array lookups, COPY into a temporary table, INSERT … ON CONFLICT); other
databases (SQLite) use the ORM. Both give the same results.
"""

from collections.abc import Collection, Iterable

from django.db import connection
from django.utils import timezone

from core.fields import field_cipher
from registry.importing.columns import AsnRecord
from registry.models import ASN, SocialAccount

ENCRYPTED_FIELDS = ("email", "phone")


def asn_writer() -> "OrmAsnWriter | PostgresAsnWriter":
    return PostgresAsnWriter() if connection.vendor == "postgresql" else OrmAsnWriter()


def chunks(items: list, size: int | None = None) -> Iterable[list]:
    size = size or (900 if connection.vendor == "sqlite" else 10_000)  # SQLite's old 999-parameter limit
    for start in range(0, len(items), size):
        yield items[start : start + size]


class OrmAsnWriter:
    """Reads and writes with the ORM (SQLite and other databases): bulk upsert by NIP."""

    def existing(self, nips: list[str], fields: list[str]) -> dict[str, tuple[int, tuple]]:
        """NIP -> (id, values of `fields`) for the stored ASN among `nips`; email/phone come back decrypted."""
        found = {}
        for chunk in chunks(nips):
            rows = ASN.objects.filter(nip__in=chunk).order_by().values_list("nip", "id", *fields)
            found.update((nip, (pk, tuple(values))) for nip, pk, *values in rows)
        return found

    def write(self, records: list[AsnRecord], update_fields: list[str], known: Collection[str]) -> tuple[int, dict]:
        """Insert or update `records`; (number created, NIP -> id of each written row)."""
        if not records:
            return 0, {}
        ASN.objects.bulk_create(
            [_asn_instance(record) for record in records],
            update_conflicts=True,
            unique_fields=["nip"],
            update_fields=[*update_fields, "updated_at"],
            batch_size=50,
        )
        ids = {}
        for chunk in chunks([record.nip for record in records]):
            ids.update(ASN.objects.filter(nip__in=chunk).order_by().values_list("nip", "id"))
        return sum(1 for record in records if record.nip not in known), ids

    def add_accounts(self, accounts: list[tuple[int, str, str]]) -> None:
        """Insert (asn_id, platform, handle) rows."""
        SocialAccount.objects.bulk_create(
            [SocialAccount(asn_id=asn_id, platform=platform, handle=handle) for asn_id, platform, handle in accounts],
            batch_size=500,
        )


def _asn_instance(record: AsnRecord) -> ASN:
    return ASN(
        nip=record.nip, name=record.name, front_title=record.front_title, back_title=record.back_title,
        status=record.status, position=record.position, position_kind=record.position_kind, rank=record.rank,
        work_unit=record.work_unit, agency_id=record.agency_id, region_id=record.region_id, email=record.email,
        phone=record.phone, is_active=record.is_active,
    )  # fmt: skip


class PostgresAsnWriter:
    """Reads and writes on PostgreSQL: COPY into a temporary table, then one upsert.

    The upsert is INSERT … SELECT … ON CONFLICT (nip) DO UPDATE; `xmax = 0` in RETURNING tells inserted
    rows from updated ones. Email and phone are encrypted here with the cipher of EncryptedTextField, since
    COPY bypasses the field. Constraints are checked per statement, so a refused batch fails in its own
    transaction even when the import runs inside a caller's transaction.

    synchronous_commit stays on: a commit that returned is on disk. With it off, a server crash could lose
    batches whose rows the report (and the job's progress) already counts as written.
    """

    columns = (
        "nip", "name", "front_title", "back_title", "status", "position", "position_kind", "rank", "work_unit",
        "agency_id", "region_id", "email", "phone", "is_active",
    )  # fmt: skip
    temp_table = "registry_asn_import"

    def existing(self, nips: list[str], fields: list[str]) -> dict[str, tuple[int, tuple]]:
        """NIP -> (id, values of `fields`) for the stored ASN among `nips`; email/phone come back decrypted."""
        decrypt = field_cipher().decrypt
        encrypted = [index for index, name in enumerate(fields) if name in ENCRYPTED_FIELDS]
        with connection.cursor() as cursor:
            # One array parameter instead of thousands of IN (...) parameters, which Django compiles one by
            # one. A few thousand unique-index probes; the planner's guess for a freshly filled table is a
            # slow seq scan, hence enable_seqscan off for this statement.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                f"SELECT nip, id, {', '.join(fields)} FROM {ASN._meta.db_table} WHERE nip = ANY(%s)",  # noqa: S608
                [nips],
            )
            rows = cursor.fetchall()
            cursor.execute("RESET enable_seqscan")  # when called inside a caller's transaction, do not leak
        if not encrypted:
            return {nip: (pk, tuple(values)) for nip, pk, *values in rows}
        found = {}
        for nip, pk, *values in rows:
            for index in encrypted:
                if values[index]:
                    values[index] = decrypt(values[index])
            found[nip] = (pk, tuple(values))
        return found

    def write(self, records: list[AsnRecord], update_fields: list[str], known: Collection[str]) -> tuple[int, dict]:
        """Insert or update `records`; (number created, NIP -> id of each written row)."""
        if not records:
            return 0, {}
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            self._load_temp_table(cursor, records)
            rows = self._upsert(cursor, update_fields)
        return sum(1 for _pk, _nip, inserted in rows if inserted), {nip: pk for pk, nip, _inserted in rows}

    def add_accounts(self, accounts: list[tuple[int, str, str]]) -> None:
        """Insert (asn_id, platform, handle) rows: one statement with three array parameters."""
        if not accounts:
            return
        asn_ids, platforms, handles = map(list, zip(*accounts, strict=True))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {SocialAccount._meta.db_table} (asn_id, platform, handle) "  # noqa: S608
                "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[])",
                [asn_ids, platforms, handles],
            )

    def _load_temp_table(self, cursor, records: list[AsnRecord]) -> None:
        fields = {field.column: field for field in ASN._meta.concrete_fields}
        definition = ", ".join(f"{column} {fields[column].db_type(connection)}" for column in self.columns)
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{self.temp_table}")
        cursor.execute(f"CREATE TEMPORARY TABLE {self.temp_table} ({definition}) ON COMMIT DROP")
        encrypt = field_cipher().encrypt
        with cursor.copy(f"COPY {self.temp_table} ({', '.join(self.columns)}) FROM STDIN") as copy:
            write_row = copy.write_row
            for r in records:
                write_row((
                    r.nip, r.name, r.front_title, r.back_title, r.status, r.position, r.position_kind, r.rank,
                    r.work_unit, r.agency_id, r.region_id, encrypt(r.email) if r.email else "",
                    encrypt(r.phone) if r.phone else "", r.is_active,
                ))  # fmt: skip

    def _upsert(self, cursor, update_fields: list[str]) -> list[tuple[int, str, bool]]:
        columns = ", ".join(self.columns)
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in [*update_fields, "updated_at"])
        cursor.execute(
            f"INSERT INTO {ASN._meta.db_table} ({columns}, updated_at) "  # noqa: S608 (names are ours)
            f"SELECT {columns}, %s FROM {self.temp_table} "
            f"ON CONFLICT (nip) DO UPDATE SET {updates} RETURNING id, nip, (xmax = 0)",
            [timezone.now()],
        )
        return cursor.fetchall()
