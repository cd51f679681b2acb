"""The elections registry as plain rows: the labelled data's fixture, the database, the patrol window, pickling."""

import datetime
import pickle

import pytest

from elections.tests.factories import CampaignAccountFactory, CandidateFactory, ContestFactory, ElectionFactory
from patrol.automaton import CANDIDATE, build_automaton
from patrol.book import ElectionBook
from patrol.normalize import normalize
from patrol.training import FIXTURE_BOOK


@pytest.fixture(scope="module")
def book():
    return ElectionBook.from_toml(FIXTURE_BOOK)


def _election(book, slug):
    return next(election for election in book.elections if election.slug == slug)


def _candidates_in(automaton, text: str) -> list[str]:
    """The names of the candidates the automaton finds in `text`, in order, each once."""
    found = [m.target.label for m in automaton.find(normalize(text)) if m.target.kind == CANDIDATE]
    return list(dict.fromkeys(found))


@pytest.mark.unit
def test_from_toml_loads_the_presidential_pairs_from_the_reference_file(book):
    pemilu = _election(book, "pemilu-2024")
    contests = [c for c in book.contests if c.election_id == pemilu.id]
    names = [c.name for c in book.candidates if c.contest_id == contests[0].id]

    assert [(c.office, c.label, c.region_code) for c in contests] == [("president", "Presiden", None)]
    assert names == ["Anies Rasyid Baswedan", "Prabowo Subianto", "Ganjar Pranowo"]


@pytest.mark.unit
def test_from_toml_labels_regional_contests_with_their_region(book):
    pilkada = _election(book, "pilkada-2024")

    labels = {c.region_code: c.label for c in book.contests if c.election_id == pilkada.id}

    assert labels["31"] == "Gubernur Daerah Khusus Ibukota Jakarta"
    assert labels["32"] == "Gubernur Jawa Barat"
    assert labels["18.71"] == "Wali Kota Bandar Lampung"


@pytest.mark.unit
def test_from_toml_keeps_governor_pairs_with_their_contest_and_accounts_without_platform(book):
    jakarta = next(c for c in book.contests if c.region_code == "31")

    pairs = [(c.ballot_number, c.name, c.running_mate) for c in book.candidates if c.contest_id == jakarta.id]
    ridwan = next(c for c in book.candidates if c.name == "Ridwan Kamil")

    assert pairs == [
        (1, "Ridwan Kamil", "Suswono"),
        (2, "Dharma Pongrekun", "Kun Wardana"),
        (3, "Pramono Anung", "Rano Karno"),
    ]
    assert (ridwan.accounts, jakarta.determination_date) == (("@ridwankamil",), datetime.date(2024, 9, 22))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("day", "slugs"),
    [
        (datetime.date(2024, 11, 10), ["pilkada-2024"]),  # Pemilu's window closed 30 days after 14 February
        (datetime.date(2024, 1, 20), ["pemilu-2024", "pilkada-2024"]),  # Pilkada's opens a year before voting
        (datetime.date(2024, 12, 27), ["pilkada-2024"]),  # the last day of the 30-day tail
        (datetime.date(2024, 12, 28), []),
    ],
)
def test_elections_on_gives_the_elections_whose_patrol_window_covers_the_day(book, day, slugs):
    assert [election.slug for election in book.elections_on(day)] == slugs


@pytest.mark.unit
def test_regency_scope_finds_its_mayor_pairs_ballot_number_but_no_scope_does_not(book):
    pilkada = _election(book, "pilkada-2024")

    in_city = _candidates_in(book.automaton(pilkada.id, "18.71"), "Coblos nomor 2!")
    unknown_region = _candidates_in(book.automaton(pilkada.id, None), "Coblos nomor 2!")

    assert in_city == ["02. Hendra Wijaya – Ratna Kusuma (Wali Kota Bandar Lampung)"]
    assert unknown_region == []


@pytest.mark.unit
def test_no_scope_still_finds_regional_candidates_by_name(book):
    pilkada = _election(book, "pilkada-2024")

    found = _candidates_in(book.automaton(pilkada.id, None), "Bang Hendra memang top")

    assert found == ["02. Hendra Wijaya – Ratna Kusuma (Wali Kota Bandar Lampung)"]


@pytest.mark.unit
def test_regency_scope_includes_its_provinces_governor_but_not_other_provinces(book):
    pilkada = _election(book, "pilkada-2024")

    jakarta = _candidates_in(book.automaton(pilkada.id, "31.71"), "Pramono nomor 3, Dedi Mulyadi nomor 4")

    assert jakarta == ["03. Pramono Anung – Rano Karno (Gubernur Daerah Khusus Ibukota Jakarta)"]


@pytest.mark.unit
def test_a_pickled_book_finds_the_same_mentions(book):
    pilkada = _election(book, "pilkada-2024")
    book.build_all()
    text = normalize("Ayo coblos nomor 1, Kang Emil! #ridoaja @ridwankamil")

    copy = pickle.loads(pickle.dumps(book))  # noqa: S301 (our own object)

    assert copy.version == book.version
    assert copy.automaton(pilkada.id, "31").find(text) == book.automaton(pilkada.id, "31").find(text)
    assert copy.automaton(pilkada.id, "31").find(text) != []


@pytest.mark.integration
@pytest.mark.django_db
def test_from_database_gives_the_terms_of_the_database_built_automaton():
    election = ElectionFactory()
    contest = ContestFactory(election=election)
    hendra = CandidateFactory(
        contest=contest, ballot_number=2, name="Hendra Wijaya", running_mate="Ratna Kusuma", acronym="HERA",
        nicknames=["Bang Hendra"], hashtags=["HERAuntukSemua"],
    )  # fmt: skip
    CampaignAccountFactory(candidate=hendra, handle="tim.hera")
    CandidateFactory(contest=contest, ballot_number=1, name="Budi Santoso", running_mate="Sari Wulandari")

    book = ElectionBook.from_database()
    from_book = book.automaton(election.pk, "18.71")
    from_database = build_automaton(election, "18.71")

    assert from_book.terms == from_database.terms
    assert _candidates_in(from_book, "Bang Hendra nomor 2 @tim.hera #HERAuntukSemua") == [
        "02. Hendra Wijaya – Ratna Kusuma (Wali Kota Bandar Lampung)"
    ]
    assert _candidates_in(from_book, "nomor 1") == ["01. Budi Santoso – Sari Wulandari (Wali Kota Bandar Lampung)"]
