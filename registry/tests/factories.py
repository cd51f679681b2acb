"""Factories for agencies and ASN with valid NIPs."""

import datetime
import io

import factory
from factory.django import DjangoModelFactory

from regions.tests.factories import regency
from registry.choices import AgencyLevel, EmploymentStatus, PositionKind
from registry.models import ASN, Agency, SocialAccount


def build_nip(birth: datetime.date, appointed: datetime.date, gender: int, serial: int) -> str:
    """An 18-digit NIP: birth date, appointment year-month, gender digit (1 male, 2 female), serial."""
    return f"{birth:%Y%m%d}{appointed:%Y%m}{gender}{serial:03d}"


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PEMKOT-{n:04d}")
    name = factory.Sequence(lambda n: f"Pemerintah Kota Contoh {n}")
    level = AgencyLevel.REGENCY
    region = factory.LazyFunction(regency)


class ASNFactory(DjangoModelFactory):
    class Meta:
        model = ASN

    nip = factory.Sequence(
        lambda n: build_nip(
            datetime.date(1980, 1, 1) + datetime.timedelta(days=n % 3000),
            datetime.date(2005, 1 + n % 12, 1),
            1 + n % 2,
            1 + n % 999,
        )
    )
    name = factory.Sequence(lambda n: f"Aparatur Contoh {n}")
    status = EmploymentStatus.PNS
    position = "Analis Kebijakan"
    position_kind = PositionKind.FUNGSIONAL
    rank = "III/b"
    work_unit = "Sekretariat Daerah"
    agency = factory.SubFactory(AgencyFactory)
    region = factory.LazyAttribute(lambda asn: asn.agency.region)


class SocialAccountFactory(DjangoModelFactory):
    class Meta:
        model = SocialAccount

    asn = factory.SubFactory(ASNFactory)
    platform = "instagram"
    handle = factory.Sequence(lambda n: f"aparatur.contoh{n}")


def csv_upload(header: str, *lines: str) -> io.BytesIO:
    """An in-memory CSV file (comma-separated) with the given header and data lines."""
    return io.BytesIO("\n".join([header, *lines, ""]).encode())
