"""Fictional acts for tests that need rows but not the real catalogue (that is `load_acts`)."""

import factory
from factory.django import DjangoModelFactory

from acts.choices import Level, Track
from acts.models import Act


class ActFactory(DjangoModelFactory):
    class Meta:
        model = Act

    code = factory.Sequence(lambda n: f"TST-{n:02d}")
    track = Track.DISCIPLINE
    level = Level.HEAVY
    title = factory.LazyAttribute(lambda act: f"Rumusan resmi {act.code}")
    public_title = factory.LazyAttribute(lambda act: f"Perbuatan contoh {act.code}")
    explanation = "Penjelasan singkat untuk pengujian."
    examples = factory.LazyFunction(lambda: ["Contoh pertama", "Contoh kedua"])
    legal_basis = "PP 94/2021 Pasal 5 huruf n"
    in_public_form = True
    position = factory.Sequence(lambda n: n + 100)
