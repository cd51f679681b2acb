"""Retraining the stance model on supervisors' decisions: stored, activated, and learning from what they decided."""

import pytest

from patrol import services, training
from patrol.models import StanceModelVersion
from patrol.tests.factories import finding
from regions.tests.factories import regency

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]

# A turn of phrase no shipped example uses; supervisors confirmed it as support in every variant below.
PHRASE = "sikat terus bosque kuda hitam"
CONFIRMED = [
    f"{PHRASE}, {tail}"
    for tail in ("mantap", "warga kompak", "gas pol", "sampai akhir", "jangan kendor", "semua satu suara", "yakin")
]
NEUTRAL = [
    "rapat koordinasi dinas hari ini membahas anggaran sekolah",
    "jalan di depan kantor kelurahan sudah diperbaiki",
    "selamat hari guru untuk semua pendidik",
    "jadwal posyandu bulan ini pindah ke hari kamis",
    "pelayanan KTP elektronik buka sampai sore",
]


@pytest.fixture
def decisions(people):
    """Findings decided by a Bawaslu supervisor of Kota Bandar Lampung: the phrase confirmed, chatter rejected."""
    regency()
    for number, text in enumerate(CONFIRMED):
        found = finding(text=text, nip=f"19800101200501{number:04d}", region_code="18.71")
        services.confirm_finding(found, actor=people["bawaslu"])
    for number, text in enumerate(NEUTRAL):
        found = finding(text=text, nip=f"19800101200502{number:04d}", region_code="18.71")
        services.reject_finding(found, actor=people["bawaslu"], reason="konten_netral")
    training.forget_models()
    yield
    training.forget_models()


def _score(model, text: str) -> float:
    return float(model.partisan_probability([training.example_text(training.fixture_book(), text, "", "share")])[0])


def test_retrain_stores_an_active_model_with_cross_validated_metrics(decisions):
    row = training.retrain(actor=None)

    assert list(StanceModelVersion.objects.filter(is_active=True)) == [row]
    shipped = row.metrics["shipped"]
    assert (row.metrics["decisions"], row.examples) == (len(CONFIRMED) + len(NEUTRAL), shipped + 12)
    assert 0.5 < row.metrics["precision"] <= 1
    assert 0.5 < row.metrics["recall"] <= 1


def test_retrain_learns_the_phrase_supervisors_confirmed(decisions):
    before = _score(training.shipped_model(), f"{PHRASE}, luar biasa")

    training.retrain(actor=None)
    after = _score(training.active_model(), f"{PHRASE}, luar biasa")

    assert after > before + 0.1
    assert after > _score(training.active_model(), "jadwal posyandu pindah ke hari jumat")


def test_a_second_retrain_replaces_the_active_model_and_active_model_loads_it(decisions):
    first = training.retrain(actor=None)
    second = training.retrain(actor=None)

    assert list(StanceModelVersion.objects.filter(is_active=True)) == [second]
    assert StanceModelVersion.objects.get(pk=first.pk).is_active is False
    assert training.active_model().fingerprint != training.shipped_model().fingerprint
    assert training.active_model().examples == second.examples


def test_active_model_without_a_stored_model_is_the_shipped_one(db):
    training.forget_models()

    assert training.active_model() is training.shipped_model()
