"""Explicit partisanship rules: hand-written normalised posts with hand-built mentions."""

from __future__ import annotations

import pytest

from patrol.automaton import Mention, Target
from patrol.normalize import normalize
from patrol.partisanship import Stance, Verdict, judge, rules
from patrol.schema import PostKind

EVA = Target("candidate", 2, None, 10, "Eva Dwiana")
ARINAL = Target("candidate", 1, None, 10, "Arinal Djunaidi")
PDIP = Target("party", None, 3, None, "PDI Perjuangan")


def m(text: str, term: str, target: Target = EVA, kind: str = "name", nth: int = 0) -> Mention:
    """A mention of ``term`` in ``text`` (the ``nth`` occurrence), as the automaton would produce it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(term, start + 1)
    return Mention(target=target, term=term, kind=kind, start=start, end=start + len(term))


def j(text: str, *terms, kind: PostKind = PostKind.POST, media_text: str = "") -> Verdict:
    assert normalize(text) == text, "test texts must already be normalised"
    mentions = [m(text, *t) if isinstance(t, tuple) else m(text, t) for t in terms]
    return judge(text, mentions, kind, media_text)


# --- support ------------------------------------------------------------------


def test_call_to_vote_near_ballot_number():
    text = "ayo pilih nomor 2 untuk bandar lampung lebih maju"
    v = j(text, ("nomor 2", EVA, "ballot_number"))
    assert v.stance == Stance.SUPPORT
    assert v.act_hint == "DSP-06"
    assert "ajakan 'ayo pilih' dekat 'nomor 2' (Eva Dwiana)" in v.reasons


def test_coblos_number_with_name():
    text = "besok jangan lupa coblos nomor 2 bunda eva"
    v = j(text, ("nomor 2", EVA, "ballot_number"), ("bunda eva", EVA, "nickname"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")
    assert v.score >= 0.9


def test_dukung_party():
    text = "kami keluarga besar siap dukung pdi perjuangan menang di pileg"
    v = j(text, ("pdi perjuangan", PDIP, "party_name"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")


def test_lanjutkan_two_periods():
    text = "lanjutkan 2 periode eva dwiana untuk kota tercinta"
    v = j(text, "eva dwiana")
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")


def test_tim_pemenangan_and_relawan():
    text = "rapat koordinasi relawan dan tim pemenangan eva dwiana malam ini"
    v = j(text, "eva dwiana")
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")
    assert len(v.reasons) >= 2


def test_satu_putaran_all_in():
    text = "all in arinal satu putaran"
    v = j(text, ("arinal", ARINAL, "nickname"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")


def test_salam_dua_jari_hashtag_form():
    text = normalize("#SalamDuaJari bersama Bunda Eva")
    assert text == "salam dua jari bersama bunda eva"
    v = j(text, ("bunda eva", EVA, "nickname"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")


def test_comment_with_support():
    text = "siap memenangkan bunda eva"
    v = j(text, ("bunda eva", EVA, "nickname"), kind=PostKind.COMMENT)
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")


def test_cue_far_from_mention_is_not_support():
    text = "pilih yang terbaik menurut hati nurani kita semua karena masa depan kota ada di tangan warga eva dwiana"
    v = j(text, "eva dwiana")
    assert v.stance == Stance.NEUTRAL


# --- gestures and photos --------------------------------------------------------


def test_gesture_next_to_number_is_photo_hint():
    text = normalize("Nomor 2 ✌️ pokoknya")
    assert text == "nomor 2 <emoji:dua_jari> pokoknya"
    v = j(text, ("nomor 2", EVA, "ballot_number"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-07")
    assert any("gestur <emoji:dua_jari>" in r for r in v.reasons)


def test_photo_caption_with_candidate_and_gesture():
    text = "foto bersama bunda eva <emoji:dua_jari>"
    v = j(text, ("bunda eva", EVA, "nickname"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-07")


def test_media_text_describes_photo_with_candidate():
    text = "silaturahmi sore ini eva dwiana"
    v = j(text, "eva dwiana", media_text="Foto: berpose bersama Eva Dwiana ☝️")
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-07")


def test_photo_caption_with_candidate_without_gesture():
    text = "berfoto bersama bunda eva di acara halalbihalal"
    v = j(text, ("bunda eva", EVA, "nickname"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-07")
    gesture = j("foto bersama bunda eva <emoji:dua_jari>", ("bunda eva", EVA, "nickname"))
    assert gesture.score > v.score


def test_news_photo_credit_is_not_a_photo_with_candidate():
    text = "foto eva dwiana saat debat publik kedua"
    v = j(text, "eva dwiana")
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")


def test_clenched_fist_is_not_a_gesture_cue():
    text = "sehat selalu eva dwiana <emoji:kepal>"
    v = j(text, "eva dwiana")
    assert v.stance == Stance.NEUTRAL


# --- acts: like, share, follow -----------------------------------------------


def test_like_of_campaign_account():
    v = judge("@evadwiana_official", [m("@evadwiana_official", "@evadwiana_official", EVA, "account")], PostKind.LIKE)
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")
    assert "menyukai" in v.reasons[0]


def test_share_of_campaign_account():
    v = judge("@evadwiana_official", [m("@evadwiana_official", "@evadwiana_official", EVA, "account")], PostKind.SHARE)
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")


def test_follow_is_support_with_lower_score_and_review_note():
    mentions = [m("@evadwiana_official", "@evadwiana_official", EVA, "account")]
    follow = judge("@evadwiana_official", mentions, PostKind.FOLLOW)
    like = judge("@evadwiana_official", mentions, PostKind.LIKE)
    assert (follow.stance, follow.act_hint) == (Stance.SUPPORT, "DSP-06")
    assert follow.score < like.score
    assert any("tinjauan" in r and "11.6" in r for r in follow.reasons)


def test_account_tag_in_own_post_needs_a_cue():
    text = "hadir di acara peresmian pasar bersama @evadwiana_official"
    v = j(text, ("@evadwiana_official", EVA, "account"))
    # "bersama" is a weak cue, counted only right next to the account
    assert v.stance == Stance.SUPPORT
    text2 = "peresmian pasar oleh @evadwiana_official hari ini"
    assert j(text2, ("@evadwiana_official", EVA, "account")).stance == Stance.NEUTRAL


# --- attack -------------------------------------------------------------------


def test_jangan_pilih_is_attack():
    text = "jangan pilih nomor 1 sudah terbukti gagal"
    v = j(text, ("nomor 1", ARINAL, "ballot_number"))
    assert (v.stance, v.act_hint) == (Stance.ATTACK, "DSP-06")


def test_korupsi_near_candidate_is_attack():
    text = "arinal djunaidi diduga korupsi dana hibah"
    v = j(text, ("arinal djunaidi", ARINAL))
    assert (v.stance, v.act_hint) == (Stance.ATTACK, "DSP-06")


def test_jangan_coblos_via_negator_is_attack():
    text = "jangan sampai coblos nomor 1"
    v = j(text, ("nomor 1", ARINAL, "ballot_number"))
    assert v.stance == Stance.ATTACK


def test_attack_one_support_other_is_support():
    text = "jangan pilih nomor 1 pilih nomor 2"
    v = j(text, ("nomor 1", ARINAL, "ballot_number"), ("nomor 2", EVA, "ballot_number"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")
    assert any("Arinal" in r for r in v.reasons)


# --- negation and neutral ------------------------------------------------------


def test_bukan_ajakan_memilih_is_not_support():
    text = "postingan ini bukan ajakan memilih eva dwiana hanya berbagi berita"
    v = j(text, "eva dwiana")
    assert v.stance == Stance.NEUTRAL
    assert v.act_hint == ""


def test_tidak_mendukung_is_not_support():
    text = "saya tidak mendukung eva dwiana maupun arinal"
    v = j(text, "eva dwiana", ("arinal", ARINAL, "nickname"))
    assert v.stance == Stance.NEUTRAL


def test_asn_harus_netral():
    text = "asn harus netral dalam pilkada 2024"
    v = j(text)
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")


def test_turnout_appeal_without_candidate():
    text = "ayo ke tps tanggal 27 november gunakan hak pilih anda jangan golput"
    v = j(text)
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")
    assert any("jangan golput" in r for r in v.reasons)


def test_cek_dpt_voter_information():
    # "dpt" (daftar pemilih tetap) is election vocabulary, never slang for "dapat"
    text = normalize("sudah cek dpt belum cek nama anda di situs kpu")
    assert j(text).stance == Stance.NEUTRAL


def test_asn_shares_kpu_schedule():
    text = "jadwal tahapan pilkada kota bandar lampung dari kpu pemungutan suara 27 november 2024"
    v = j(text, kind=PostKind.SHARE)
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")


def test_kpu_ballot_number_draw_news():
    text = "kpu tetapkan nomor urut eva dwiana nomor 2 dan arinal nomor 1"
    v = j(text, "eva dwiana", ("nomor 2", EVA, "ballot_number"), ("arinal", ARINAL, "nickname"))
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")


def test_news_with_candidate_name():
    text = "eva dwiana hadiri debat publik kedua di hotel bersama panelis"
    v = j(text, "eva dwiana")
    # "bersama" is a weak cue: it counts only right next to a mention, not "bersama panelis"
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")


def test_news_report_plain():
    text = "eva dwiana menyampaikan visi misi di gedung dprd kemarin"
    v = j(text, "eva dwiana")
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")
    assert v.score < 0.2


def test_no_election_content():
    v = j("selamat pagi rekan kerja semangat bekerja hari senin")
    assert v == Verdict(Stance.NONE, 0.0, (), "")


def test_pilih_without_election_context_is_none():
    assert j("pilih menu makan siang dulu").stance == Stance.NONE


def test_call_to_vote_without_candidate_is_neutral():
    v = j("ayo pilih pemimpin yang jujur di pilkada nanti")
    assert (v.stance, v.act_hint) == (Stance.NEUTRAL, "")


def test_slogan_mention_is_campaign_talk():
    text = "bandar lampung maju bersama eva"
    v = j(text, ("maju bersama eva", EVA, "slogan"))
    assert (v.stance, v.act_hint) == (Stance.SUPPORT, "DSP-06")


# --- scores -------------------------------------------------------------------


def test_score_ordering():
    strong = j(
        "ayo coblos nomor 2 <emoji:dua_jari> tim pemenangan eva dwiana",
        ("nomor 2", EVA, "ballot_number"),
        "eva dwiana",
    )
    single = j("dukung eva dwiana", "eva dwiana")
    weak = j("bersama eva dwiana", "eva dwiana")
    news = j("eva dwiana menyampaikan visi misi", "eva dwiana")
    none = j("selamat pagi")
    assert strong.score > single.score > weak.score > news.score > none.score == 0.0
    for v in (strong, single, weak, news, none):
        assert 0.0 <= v.score <= 1.0


def test_rules_loaded_once():
    assert rules() is rules()
    assert rules().window == 6


@pytest.mark.parametrize("kind", list(PostKind))
def test_every_kind_returns_a_verdict(kind):
    v = judge("", [], kind)
    assert v.stance == Stance.NONE
