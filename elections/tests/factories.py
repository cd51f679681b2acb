"""Elections, stages, parties, contests and fictional candidates for tests (real data: `load_reference_elections`)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from elections.choices import AccountKind, ElectionKind, Office, StageKind
from elections.models import CampaignAccount, Candidate, Contest, Election, Party, Stage
from regions.tests.factories import regency


class ElectionFactory(DjangoModelFactory):
    class Meta:
        model = Election
        django_get_or_create = ("slug",)

    slug = "pilkada-2024"
    name = "Pilkada Serentak 2024"
    kind = ElectionKind.PILKADA
    year = 2024
    voting_day = datetime.date(2024, 11, 27)
    legal_basis = "UU 10/2016; PKPU 2/2024"


class StageFactory(DjangoModelFactory):
    class Meta:
        model = Stage

    election = factory.SubFactory(ElectionFactory)
    kind = StageKind.CAMPAIGN
    name = factory.Sequence(lambda n: f"Tahapan {n}")
    start = datetime.date(2024, 9, 25)
    end = datetime.date(2024, 11, 23)


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ("election", "abbreviation")

    election = factory.SubFactory(ElectionFactory)
    abbreviation = factory.Sequence(lambda n: f"P{n}")
    name = factory.LazyAttribute(lambda party: f"Partai {party.abbreviation}")


class ContestFactory(DjangoModelFactory):
    class Meta:
        model = Contest
        django_get_or_create = ("election", "office", "region")

    election = factory.SubFactory(ElectionFactory)
    office = Office.MAYOR
    region = factory.LazyFunction(regency)  # Kota Bandar Lampung, 18.71
    determination_date = datetime.date(2024, 9, 22)


class CandidateFactory(DjangoModelFactory):
    class Meta:
        model = Candidate

    contest = factory.SubFactory(ContestFactory)
    ballot_number = factory.Sequence(lambda n: n % 90 + 1)
    name = factory.Sequence(lambda n: f"Calon Fiktif {n}")
    running_mate = factory.Sequence(lambda n: f"Wakil Fiktif {n}")


class CampaignAccountFactory(DjangoModelFactory):
    class Meta:
        model = CampaignAccount

    candidate = factory.SubFactory(CandidateFactory)
    platform = "instagram"
    handle = factory.Sequence(lambda n: f"paslon.fiktif{n}")
    kind = AccountKind.OFFICIAL
