import pickle
import random
import time

import pytest

from elections.choices import Office
from elections.tests.factories import (
    CampaignAccountFactory,
    CandidateFactory,
    ContestFactory,
    ElectionFactory,
    PartyFactory,
)
from patrol.automaton import (
    CandidateAutomaton,
    acceptable,
    automaton_for,
    build_automaton,
    clear_cache,
    registry_version,
)
from regions.tests.factories import province, regency

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BANDAR_LAMPUNG = "18.71"


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def election():
    return ElectionFactory()


@pytest.fixture
def mayor_contest(election):
    return ContestFactory(election=election, office=Office.MAYOR, region=regency())


@pytest.fixture
def eva(mayor_contest):
    candidate = CandidateFactory(
        contest=mayor_contest,
        ballot_number=2,
        name="Eva Dwiana",
        running_mate="Deddy Amarullah",
        acronym="ED",
        nicknames=["Eva", "Bunda Eva", "Dua"],
        slogans=["Bandar Lampung Makin Hebat"],
        hashtags=["#EvaDeddy", "#LanjutkanBundaEva"],
    )
    CampaignAccountFactory(candidate=candidate, handle="evadwiana.official")
    return candidate


@pytest.fixture
def rival(mayor_contest):
    return CandidateFactory(contest=mayor_contest, ballot_number=1, name="Reihana Wijayanto", running_mate="Aryodhia")


def spans(mentions):
    return [(m.term, m.kind, m.start, m.end, m.target.candidate_id or m.target.party_id) for m in mentions]


def test_names_nicknames_slogans_hashtags_and_accounts_are_found_with_offsets(eva, election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)
    text = "dukung eva dwiana dan deddy amarullah, bandar lampung makin hebat bersama @evadwiana.official eva deddy"

    mentions = automaton.find(text)

    assert spans(mentions) == [
        ("eva dwiana", "name", 7, 17, eva.id),
        ("deddy amarullah", "name", 22, 37, eva.id),
        ("bandar lampung makin hebat", "slogan", 39, 65, eva.id),
        ("@evadwiana.official", "account", 74, 93, eva.id),
        ("eva deddy", "hashtag", 94, 103, eva.id),
    ]
    assert all(text[m.start : m.end] == m.term for m in mentions)
    assert mentions[0].target.label == "02. Eva Dwiana – Deddy Amarullah (Wali Kota Bandar Lampung)"
    assert mentions[0].target.contest_id == eva.contest_id
    assert not any(m.ambiguous for m in mentions)


def test_nicknames_and_acronym_in_paslon_context(eva, election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    assert spans(automaton.find("bunda eva mantap")) == [("bunda eva", "nickname", 0, 9, eva.id)]
    assert spans(automaton.find("pilih eva ya")) == [("eva", "nickname", 6, 9, eva.id)]
    assert spans(automaton.find("ayo menangkan paslon ed")) == [("paslon ed", "acronym", 14, 23, eva.id)]
    assert automaton.find("ed sheeran konser") == []  # a two-letter acronym alone is too weak


def test_hashtag_words_and_joined_form(eva, election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    assert spans(automaton.find("evadeddy menang")) == [("evadeddy", "hashtag", 0, 8, eva.id)]
    assert spans(automaton.find("lanjutkan bunda eva")) == [("lanjutkan bunda eva", "hashtag", 0, 19, eva.id)]


def test_stop_words_never_become_terms(eva, election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    assert "dua" not in automaton.terms  # nickname "Dua"
    assert automaton.find("dua orang datang") == []
    assert not acceptable("dua")
    assert not acceptable("ayo pilih")
    assert not acceptable("02")
    assert acceptable("eva")


def test_no_match_inside_other_words(eva, election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    assert automaton.find("evaluasi kinerja pegawai") == []
    assert automaton.find("kakeva dan evan") == []
    assert automaton.find("follow @eva sekarang") == []  # another account, not the nickname
    assert automaton.find("@evadwiana.official.fans") == []
    assert automaton.find("budi@evadwiana.official") == []
    assert spans(automaton.find("(eva)")) == [("eva", "nickname", 1, 4, eva.id)]


def test_neutral_sentence_finds_nothing(eva, rival, election):
    PartyFactory(election=election, abbreviation="PKB", name="Partai Kebangkitan Bangsa")

    assert build_automaton(election, BANDAR_LAMPUNG).find("ayo datang ke tps tanggal 27 november") == []


def test_ballot_number_maps_to_the_candidate_of_the_regency_contest(eva, rival, election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    two = automaton.find("paslon nomor 2 pasti menang")
    one = automaton.find("coblos nomor urut 1")

    assert spans(two) == [("nomor 2", "ballot_number", 7, 14, eva.id)]
    assert not two[0].ambiguous
    assert spans(one) == [("nomor urut 1", "ballot_number", 7, 19, rival.id)]
    assert automaton.find("nomor 20 rumah") == []


def test_ballot_number_shared_by_governor_and_mayor_contests_is_ambiguous(eva, election):
    governor_contest = ContestFactory(election=election, office=Office.GOVERNOR, region=province())
    governor_two = CandidateFactory(contest=governor_contest, ballot_number=2, name="Rahmat Mirzani Djausal")
    other_regency = ContestFactory(election=election, office=Office.REGENT, region=regency("18.01", "Kabupaten X"))
    CandidateFactory(contest=other_regency, ballot_number=2, name="Calon Lain")  # out of scope

    mentions = build_automaton(election, BANDAR_LAMPUNG).find("pilih nomor 2")

    assert {m.target.candidate_id for m in mentions} == {eva.id, governor_two.id}
    assert all(m.ambiguous and m.kind == "ballot_number" and (m.start, m.end) == (6, 13) for m in mentions)
    labels = {m.target.label for m in mentions}
    assert "02. Rahmat Mirzani Djausal – " + governor_two.running_mate + " (Gubernur Lampung)" in labels


def test_village_code_scopes_like_its_regency_and_unknown_region_skips_regional_numbers(eva, election):
    from_village = build_automaton(election, "18.71.01.1003")
    unknown = build_automaton(election, None)

    assert spans(from_village.find("nomor 2")) == [("nomor 2", "ballot_number", 0, 7, eva.id)]
    assert unknown.find("nomor 2") == []
    assert spans(unknown.find("eva dwiana")) == [("eva dwiana", "name", 0, 10, eva.id)]
    assert build_automaton(election, "32.73").find("eva dwiana") == []  # Bandung: another regency


def test_parties_by_name_and_whole_word_abbreviation(election):
    pkb = PartyFactory(election=election, abbreviation="PKB", name="Partai Kebangkitan Bangsa")
    pdip = PartyFactory(election=election, abbreviation="PDI-P", name="Partai Demokrasi Indonesia Perjuangan")
    aceh = PartyFactory(election=election, abbreviation="PA", name="Partai Aceh")
    pas = PartyFactory(election=election, abbreviation="PAS", name="Partai Adil Sejahtera Aceh")
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    assert spans(automaton.find("kader pkb dan pdip")) == [
        ("pkb", "party_abbreviation", 6, 9, pkb.id),
        ("pdip", "party_abbreviation", 14, 18, pdip.id),
    ]
    assert spans(automaton.find("partai kebangkitan bangsa")) == [
        ("partai kebangkitan bangsa", "party_name", 0, 25, pkb.id)
    ]
    assert automaton.find("pkbm desa") == []
    assert automaton.find("pa kades datang pas jam 8") == []  # short or common abbreviations alone
    assert spans(automaton.find("partai pa")) == [("partai pa", "party_abbreviation", 0, 9, aceh.id)]
    assert spans(automaton.find("partai pas")) == [("partai pas", "party_abbreviation", 0, 10, pas.id)]
    assert automaton.find("partai pa")[0].target.kind == "party"


def test_longest_match_wins_and_mentions_do_not_overlap(eva, election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    mentions = automaton.find("bunda eva dwiana")

    assert spans(mentions) == [("bunda eva", "nickname", 0, 9, eva.id)]


def test_cache_reuses_and_rebuilds_after_a_candidate_is_added(eva, election, mayor_contest, django_assert_num_queries):
    first = automaton_for(election, BANDAR_LAMPUNG)
    assert automaton_for(election, "18.71.01") is first
    version = registry_version(election)
    assert first.version == version
    assert first.find("herman hn") == []

    CandidateFactory(contest=mayor_contest, ballot_number=3, name="Herman HN")

    assert registry_version(election) != version
    second = automaton_for(election, BANDAR_LAMPUNG)
    assert second is not first
    [mention] = second.find("herman hn")
    assert mention.target.label.startswith("03. Herman HN – ")
    assert mention.target.label.endswith(" (Wali Kota Bandar Lampung)")
    with django_assert_num_queries(4):  # only the version check when nothing changed
        assert automaton_for(election, BANDAR_LAMPUNG) is second


def test_pickle_round_trip_finds_the_same_mentions(eva, rival, election):
    PartyFactory(election=election, abbreviation="PKB", name="Partai Kebangkitan Bangsa")
    automaton = build_automaton(election, BANDAR_LAMPUNG)
    text = "pkb dukung paslon nomor 2 eva dwiana, bukan nomor 1; cek @evadwiana.official #evadeddy"

    restored = pickle.loads(pickle.dumps(automaton))  # noqa: S301  (our own object, as Dask ships it)

    assert isinstance(restored, CandidateAutomaton)
    assert restored.version == automaton.version
    assert restored.find(text) == automaton.find(text)
    assert len(restored.find(text)) == 6


def test_empty_registry_finds_nothing(election):
    automaton = build_automaton(election, BANDAR_LAMPUNG)

    assert len(automaton) == 0
    assert automaton.find("eva dwiana nomor 2") == []
    assert pickle.loads(pickle.dumps(automaton)).find("eva") == []  # noqa: S301


@pytest.mark.slow
def test_timing_of_100000_posts(eva, rival, election):
    for abbreviation, name in [("PKB", "Partai Kebangkitan Bangsa"), ("GOLKAR", "Partai Golongan Karya")]:
        PartyFactory(election=election, abbreviation=abbreviation, name=name)
    for number in range(3, 6):
        CandidateFactory(contest=eva.contest, ballot_number=number, nicknames=[f"tokoh{number}"])
    automaton = build_automaton(election, BANDAR_LAMPUNG)
    sentence = (
        "saya pegawai dinas kesehatan kota hari ini rapat evaluasi program kerja bersama warga kelurahan "
        "jangan lupa datang ke tps tanggal 27 november semoga lancar dan aman terima kasih"
    )
    words = sentence.split()
    extras = ["eva dwiana", "paslon nomor 2", "pkb", "@evadwiana.official", "bandar lampung makin hebat"]
    rng = random.Random(7)
    posts = []
    for _ in range(100_000):
        post = rng.choices(words, k=30)
        if rng.random() < 0.2:
            post.insert(rng.randrange(len(post)), rng.choice(extras))
        posts.append(" ".join(post))

    started = time.perf_counter()
    found = sum(len(automaton.find(post)) for post in posts)
    elapsed = time.perf_counter() - started

    print(
        f"\n{len(automaton)} terms; 100,000 posts (~{sum(map(len, posts)) // len(posts)} chars) in {elapsed:.2f} s "
        f"= {len(posts) / elapsed:,.0f} posts/s; {found} mentions"
    )
    assert found > 0
