import io
import re

import pytest
from django.core.management import call_command

from regions.models import Region

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_load_regions_command_loads_districts_and_prints_a_summary():
    out = io.StringIO()

    call_command("load_regions", "--districts", stdout=out)

    assert _without_seconds(out) == "Selesai dalam N detik: 38 provinsi, 514 kabupaten/kota, 7.285 kecamatan.\n"
    assert Region.objects.count() == 7837


def test_load_regions_command_without_options_loads_provinces_and_regencies():
    out = io.StringIO()

    call_command("load_regions", stdout=out, verbosity=0)

    assert _without_seconds(out) == "Selesai dalam N detik: 38 provinsi, 514 kabupaten/kota.\n"
    assert Region.objects.count() == 552


def _without_seconds(out: io.StringIO) -> str:
    return re.sub(r"dalam [\d.]+ detik", "dalam N detik", out.getvalue())
