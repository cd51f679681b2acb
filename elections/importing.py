"""Importing candidates (pairs) from CSV or XLSX files: the `import_candidates` service and its row parser."""

from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit
from core.tabular import ImportReport, TabularError, read_rows
from elections.choices import AccountKind, Office
from elections.models import CampaignAccount, Candidate, Contest, Election, Party
from regions.models import Region
from registry.choices import Platform

COLUMNS = (
    "pemilihan",
    "kode_wilayah",
    "jabatan",
    "nomor_urut",
    "nama_calon",
    "nama_wakil",
    "akronim",
    "nama_panggilan",
    "partai",
    "perseorangan",
    "slogan",
    "tagar",
    "akun",
)
REQUIRED_COLUMNS = ("jabatan", "nama_calon")
LIST_SEPARATOR = ";"
NATIONAL_OFFICES = {Office.PRESIDENT, Office.DPR, Office.DPD}
ACEH = "11"  # Aceh's local parties only take part in elections in Aceh (UU 11/2006)
MAX_BALLOT_NUMBER = 99


def _key(text: str) -> str:
    """Lower case, single spaces, '_' and '-' read as spaces: how office, platform and kind names are matched."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


OFFICE_NAMES = {
    **{_key(office.value): office for office in Office},
    **{_key(str(office.label)): office for office in Office},
    "presiden": Office.PRESIDENT,
    "gubernur": Office.GOVERNOR,
    "bupati": Office.REGENT,
    "wali kota": Office.MAYOR,
    "walikota": Office.MAYOR,
    "dprd provinsi": Office.DPRD_PROVINCE,
    "dprd kabupaten/kota": Office.DPRD_REGENCY,
    "dprd kabupaten": Office.DPRD_REGENCY,
    "dprd kota": Office.DPRD_REGENCY,
}
PLATFORM_NAMES = {
    **{_key(platform.value): platform for platform in Platform},
    **{_key(str(platform.label)): platform for platform in Platform},
    "twitter": Platform.X,
    "ig": Platform.INSTAGRAM,
    "fb": Platform.FACEBOOK,
    "wa": Platform.WHATSAPP,
}
ACCOUNT_KIND_NAMES = {
    **{_key(kind.value): kind for kind in AccountKind},
    "resmi": AccountKind.OFFICIAL,
    "tim pemenangan": AccountKind.WINNING_TEAM,
    "timses": AccountKind.WINNING_TEAM,
    "pribadi": AccountKind.CANDIDATE,
}
YES = {"ya", "y", "1", "true", "benar"}
NO = {"", "tidak", "t", "0", "false", "salah"}


def import_candidates(
    source: IO[bytes] | str | Path, *, file_name: str | None = None, actor, election: Election | None = None
) -> ImportReport:
    """Create or update candidates (pairs) from a CSV or XLSX file; return what was taken and what was refused.

    Columns (header names are case-insensitive; spaces count as "_"):
    - pemilihan: election slug ("pilkada-2024"); may be empty when `election` is given (then it must match);
    - kode_wilayah: Kemendagri code of the province (governor) or kab/kota (regent, mayor); empty for national
      contests (president, DPR, DPD);
    - jabatan (required): president/governor/regent/mayor/dpr/dpd or "presiden", "gubernur", "bupati",
      "wali kota";
    - nomor_urut: ballot number; empty before the draw (a number already stored is then kept);
    - nama_calon (required), nama_wakil (running mate), akronim;
    - nama_panggilan, slogan: ";"-separated lists;
    - partai: ";"-separated abbreviations (or full names) of the election's parties; unknown ones refuse the row;
    - perseorangan: ya/tidak; an independent pair has no parties;
    - tagar: ";"-separated hashtags, stored lower case without "#";
    - akun: ";"-separated "platform:handle:kind", e.g. "instagram:@budi_sari:official"; kind is official,
      winning_team or candidate (or "resmi", "tim pemenangan", "pribadi"; empty means official); handles are
      stored lower case without "@". The listed accounts replace the candidate's accounts.

    Matching: by (contest, nomor_urut), else by (contest, nama_calon) ignoring case; a number held by a candidate
    of another name refuses the row (renames go through the admin). A column missing from the file leaves that
    field of existing candidates alone; a present but empty cell clears it.
    Rows with errors are skipped; the others are saved, all in one transaction with one audit row
    ("elections.import_candidates"). Importing the same file twice changes nothing the second time.
    Raises TabularError when the file as a whole cannot be read or lacks a required column.
    """
    rows = list(read_rows(source, file_name))
    columns = set().union(*(row.keys() for _, row in rows))
    if rows and (missing := [name for name in REQUIRED_COLUMNS if name not in columns]):
        raise TabularError(_("Kolom wajib tidak ada: %(columns)s.") % {"columns": ", ".join(missing)})
    if rows and election is None and "pemilihan" not in columns:
        raise TabularError(_("Kolom wajib tidak ada: pemilihan (atau pilih pemilihannya)."))
    report = ImportReport(total_rows=len(rows))
    importer = _CandidateImporter(election, columns, report)
    shown_name = Path(file_name or (source if isinstance(source, str | Path) else "")).name
    with transaction.atomic():
        for line, row in rows:
            importer.import_row(line, row)
        audit.record(
            actor=actor,
            action="elections.import_candidates",
            summary=f"{shown_name}: {report.summary()}" if shown_name else report.summary(),
            changes={"created": report.created, "updated": report.updated, "rejected": report.rejected_lines},
        )
    return report


@dataclass
class _Row:
    """One parsed row: the contest, what to store on the candidate, and the lists to replace (None = keep)."""

    contest: Contest
    ballot_number: int | None
    values: dict
    parties: list[Party] | None
    accounts: dict[tuple[str, str], str] | None


class _RowRefusedError(Exception):
    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors


class _CandidateImporter:
    """Parses and applies rows one by one, with look-up caches and what the file itself already used."""

    def __init__(self, election: Election | None, columns: set[str], report: ImportReport):
        self.election = election
        self.columns = columns
        self.report = report
        self.elections: dict[str, Election | None] = {}
        self.regions: dict[str, Region | None] = {}
        self.parties: dict[int, dict[str, Party]] = {}
        self.numbers_seen: dict[tuple[int, int], int] = {}
        self.names_seen: dict[tuple[int, str], int] = {}

    def import_row(self, line: int, row: dict[str, str]) -> None:
        try:
            parsed = self._parse(line, row)
            with transaction.atomic():
                outcome = self._apply(parsed)
        except _RowRefusedError as refused:
            for field_name, message in refused.errors:
                self.report.add_error(line, field_name, message)
            return
        except IntegrityError:
            self.report.add_error(line, "nama_calon", _("Baris tidak dapat disimpan: bentrok dengan data calon lain."))
            return
        if outcome == "created":
            self.report.created += 1
        elif outcome == "updated":
            self.report.updated += 1

    # --- parsing -----------------------------------------------------------------------------------------------

    def _parse(self, line: int, row: dict[str, str]) -> _Row:
        errors: list[tuple[str, str]] = []
        election = self._election(row.get("pemilihan", ""), errors)
        office = self._office(row.get("jabatan", ""), errors)
        ballot_number = self._ballot_number(row.get("nomor_urut", ""), errors)
        values = self._values(row, errors)
        accounts = self._accounts(row.get("akun", ""), errors) if "akun" in self.columns else None
        contest = self._contest(election, office, row.get("kode_wilayah", ""), errors) if election and office else None
        if contest is not None:
            self._check_unique_in_file(line, contest, ballot_number, values.get("name", ""), errors)
        parties = self._parties(election, contest, row, values, errors) if election else None
        if errors:
            raise _RowRefusedError(errors)
        return _Row(contest, ballot_number, values, parties, accounts)

    def _election(self, slug: str, errors: list) -> Election | None:
        if self.election is not None:
            if slug and slug != self.election.slug:
                message = _("Baris ini untuk pemilihan %(slug)s, bukan %(chosen)s yang dipilih.")
                errors.append(("pemilihan", message % {"slug": slug, "chosen": self.election.slug}))
                return None
            return self.election
        if not slug:
            errors.append(("pemilihan", _("Wajib diisi (kode pemilihan, misalnya pilkada-2024).")))
            return None
        if slug not in self.elections:
            self.elections[slug] = Election.objects.filter(slug=slug).first()
        if self.elections[slug] is None:
            errors.append(("pemilihan", _("Pemilihan %(slug)s tidak dikenal.") % {"slug": slug}))
        return self.elections[slug]

    def _office(self, text: str, errors: list) -> Office | None:
        if not text:
            errors.append(("jabatan", _("Wajib diisi (misalnya gubernur, bupati, wali kota, presiden).")))
            return None
        office = OFFICE_NAMES.get(_key(text))
        if office is None:
            errors.append(("jabatan", _("Jabatan %(text)s tidak dikenal.") % {"text": text}))
        return office

    def _ballot_number(self, text: str, errors: list) -> int | None:
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= MAX_BALLOT_NUMBER:
            errors.append(("nomor_urut", _("Nomor urut harus bilangan bulat 1–%(max)d.") % {"max": MAX_BALLOT_NUMBER}))
            return None
        return int(text)

    def _values(self, row: dict[str, str], errors: list) -> dict:
        """The candidate's own fields from the columns present in the file."""
        values: dict = {}
        text_fields = (("nama_calon", "name"), ("nama_wakil", "running_mate"), ("akronim", "acronym"))
        for column, field_name in text_fields:
            if column in self.columns:
                values[field_name] = row.get(column, "")
                limit = Candidate._meta.get_field(field_name).max_length
                if len(values[field_name]) > limit:
                    errors.append((column, _("Paling banyak %(limit)d karakter.") % {"limit": limit}))
        if not values.get("name"):
            errors.append(("nama_calon", _("Wajib diisi.")))
        list_fields = (("nama_panggilan", "nicknames"), ("slogan", "slogans"))
        for column, field_name in list_fields:
            if column in self.columns:
                values[field_name] = _split(row.get(column, ""))
        if "tagar" in self.columns:
            values["hashtags"] = _split(row.get("tagar", ""), lambda tag: tag.lstrip("#").lower())
        if "perseorangan" in self.columns:
            answer = row.get("perseorangan", "").lower()
            if answer not in YES | NO:
                errors.append(("perseorangan", _("Isi dengan ya atau tidak.")))
            values["is_independent"] = answer in YES
        return values

    def _accounts(self, text: str, errors: list) -> dict[tuple[str, str], str]:
        """{(platform, handle): kind} for the cell; unusable items become errors."""
        accounts: dict[tuple[str, str], str] = {}
        limit = CampaignAccount._meta.get_field("handle").max_length
        for item in _split(text):
            parts = [part.strip() for part in item.split(":")]
            platform = PLATFORM_NAMES.get(_key(parts[0]))
            handle = parts[1].lstrip("@").lower() if len(parts) > 1 else ""
            kind = ACCOUNT_KIND_NAMES.get(_key(parts[2]) if len(parts) == 3 and parts[2] else "official")
            if len(parts) not in (2, 3) or not handle or len(handle) > limit:
                errors.append(("akun", _("%(item)s: tulis sebagai platform:nama_akun:jenis.") % {"item": item}))
            elif platform is None:
                errors.append(("akun", _("%(item)s: platform tidak dikenal.") % {"item": item}))
            elif kind is None:
                message = _("%(item)s: jenis akun harus resmi, tim pemenangan atau pribadi.")
                errors.append(("akun", message % {"item": item}))
            else:
                accounts[(platform, handle)] = kind
        return accounts

    def _contest(self, election: Election, office: Office, code: str, errors: list) -> Contest | None:
        if office in NATIONAL_OFFICES:
            if code:
                errors.append(("kode_wilayah", _("Kontestasi nasional: kosongkan kode wilayah.")))
                return None
            contest = election.contests.filter(office=office, region__isnull=True).first()
            if contest is None:
                message = _("%(election)s tidak memuat kontestasi %(office)s.")
                errors.append(("jabatan", message % {"election": election, "office": office.label}))
            return contest
        if not code:
            errors.append(("kode_wilayah", _("Wajib diisi untuk jabatan %(office)s.") % {"office": office.label}))
            return None
        if code not in self.regions:
            self.regions[code] = Region.objects.filter(code=code).first()
        region = self.regions[code]
        if region is None:
            errors.append(("kode_wilayah", _("Kode wilayah %(code)s tidak dikenal.") % {"code": code}))
            return None
        contest = election.contests.filter(office=office, region=region).select_related("region").first()
        if contest is None:
            errors.append(_contest_not_found(election, office, region))
        return contest

    def _check_unique_in_file(self, line: int, contest: Contest, number: int | None, name: str, errors: list) -> None:
        if number is not None:
            first = self.numbers_seen.setdefault((contest.pk, number), line)
            if first != line:
                message = _("Nomor urut %(number)d sudah dipakai di baris %(line)d berkas ini.")
                errors.append(("nomor_urut", message % {"number": number, "line": first}))
        if name:
            first = self.names_seen.setdefault((contest.pk, name.lower()), line)
            if first != line:
                message = _("Calon ini sudah ada di baris %(line)d berkas ini.")
                errors.append(("nama_calon", message % {"line": first}))

    def _parties(
        self, election: Election, contest: Contest | None, row: dict[str, str], values: dict, errors: list
    ) -> list[Party] | None:
        if values.get("is_independent"):
            if row.get("partai"):
                errors.append(("partai", _("Pasangan perseorangan tidak diusung partai; kosongkan kolom partai.")))
            return []
        if "partai" not in self.columns:
            return None
        known = self._party_names(election)
        names = _split(row.get("partai", ""))
        if unknown := [name for name in names if name.lower() not in known]:
            message = _("Partai tidak dikenal dalam %(election)s: %(names)s.")
            errors.append(("partai", message % {"election": election, "names": ", ".join(unknown)}))
            return None
        parties = [known[name.lower()] for name in names]
        in_aceh = contest is not None and (contest.region_id or "").startswith(ACEH)
        if contest and (outside := [party.abbreviation for party in parties if party.is_local and not in_aceh]):
            message = _("Partai lokal Aceh hanya mengusung calon di Aceh: %(names)s.")
            errors.append(("partai", message % {"names": ", ".join(outside)}))
        return parties

    def _party_names(self, election: Election) -> dict[str, Party]:
        if election.pk not in self.parties:
            parties = list(election.parties.all())
            by_name = {party.name.lower(): party for party in parties}
            self.parties[election.pk] = by_name | {party.abbreviation.lower(): party for party in parties}
        return self.parties[election.pk]

    # --- applying ----------------------------------------------------------------------------------------------

    def _apply(self, row: _Row) -> str:
        """Create or update the candidate; returns "created", "updated" or "unchanged"."""
        candidate = self._match(row)
        values = dict(row.values)
        if row.ballot_number is not None:
            values["ballot_number"] = row.ballot_number
        if candidate is None:
            candidate = Candidate.objects.create(contest=row.contest, **values)
            outcome = "created"
        else:
            changed = [field for field, value in values.items() if getattr(candidate, field) != value]
            for field in changed:
                setattr(candidate, field, values[field])
            if changed:
                candidate.save(update_fields=changed)
            outcome = "updated" if changed else "unchanged"
        parties_changed = row.parties is not None and _set_parties(candidate, row.parties)
        accounts_changed = row.accounts is not None and _set_accounts(candidate, row.accounts)
        if outcome == "unchanged" and (parties_changed or accounts_changed):
            outcome = "updated"
        return outcome

    def _match(self, row: _Row) -> Candidate | None:
        """The stored candidate this row is about: by ballot number, else by name.

        A number held by a candidate of another name refuses the row rather than renaming that candidate: a
        wrong number or region in a file must not overwrite someone else (renames are done in the admin).
        """
        candidates = row.contest.candidates
        name = row.values["name"]
        if row.ballot_number is not None:
            holder = candidates.filter(ballot_number=row.ballot_number).first()
            if holder is not None and holder.name.lower() != name.lower():
                message = _("Nomor urut %(number)d sudah dipakai calon lain: %(other)s.")
                raise _RowRefusedError([("nomor_urut", message % {"number": row.ballot_number, "other": holder.name})])
            if holder is not None:
                return holder
        return candidates.filter(name__iexact=name).first()


def _split(text: str, clean=str.strip) -> list[str]:
    """A ";"-separated cell as a list: items trimmed and cleaned, empty ones and repeats dropped, order kept."""
    items = (clean(item.strip()) for item in text.split(LIST_SEPARATOR))
    return list(dict.fromkeys(item for item in items if item))


def _contest_not_found(election: Election, office: Office, region: Region) -> tuple[str, str]:
    """The error for a region without this race, pointing at the right office when the office is the mistake."""
    where = {"code": region.code, "name": region.name, "election": election}
    if office == Office.REGENT and region.is_city:
        return ("jabatan", _("%(code)s (%(name)s) adalah kota: jabatannya wali kota, bukan bupati.") % where)
    if office == Office.MAYOR and region.level == "regency" and not region.is_city:
        return ("jabatan", _("%(code)s (%(name)s) adalah kabupaten: jabatannya bupati, bukan wali kota.") % where)
    message = _("Tidak ada kontestasi %(office)s di %(name)s (%(code)s) dalam %(election)s.")
    return ("kode_wilayah", message % {**where, "office": office.label})


def _set_parties(candidate: Candidate, parties: list[Party]) -> bool:
    wanted = {party.pk for party in parties}
    if set(candidate.parties.values_list("pk", flat=True)) == wanted:
        return False
    candidate.parties.set(parties)
    return True


def _set_accounts(candidate: Candidate, accounts: dict[tuple[str, str], str]) -> bool:
    """Make the candidate's accounts exactly `accounts`; True when anything changed."""
    stored = {(account.platform, account.handle): account for account in candidate.accounts.all()}
    gone = [account.pk for key, account in stored.items() if key not in accounts]
    new = [CampaignAccount(candidate=candidate, platform=p, handle=h, kind=k) for (p, h), k in accounts.items()]
    new = [account for account in new if (account.platform, account.handle) not in stored]
    changed_kind = [account for key, account in stored.items() if key in accounts and account.kind != accounts[key]]
    for account in changed_kind:
        account.kind = accounts[(account.platform, account.handle)]
    CampaignAccount.objects.filter(pk__in=gone).delete()
    CampaignAccount.objects.bulk_create(new)
    CampaignAccount.objects.bulk_update(changed_kind, ["kind"])
    return bool(gone or new or changed_kind)
