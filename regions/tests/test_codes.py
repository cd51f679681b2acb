import pytest

from regions.codes import Kind, ancestor_codes, is_valid_code, kind_of, office_code

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("18", Kind.PROVINSI),
        ("18.01", Kind.KABUPATEN),
        ("18.69", Kind.KABUPATEN),
        ("18.71", Kind.KOTA),
        ("31.75", Kind.KOTA),
        ("18.71.01", Kind.KECAMATAN),
        ("18.71.01.1003", Kind.KELURAHAN),
        ("11.01.01.2001", Kind.DESA),
        ("91.03.01.3007", Kind.DESA_ADAT),
    ],
)
def test_kind_of_follows_the_code_rules(code, kind):
    assert kind_of(code) == kind


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("18", True),
        ("18.71", True),
        ("18.71.01", True),
        ("18.71.01.1001", True),
        ("abc", False),
        ("1", False),
        ("18.7", False),
        ("1871", False),
        ("18.71.01.100", False),
        ("18.71.", False),
        ("", False),
    ],
)
def test_is_valid_code_accepts_only_the_four_code_shapes(code, valid):
    assert is_valid_code(code) is valid


def test_ancestor_codes_of_a_village_are_province_regency_district():
    assert ancestor_codes("18.71.01.1003") == ["18", "18.71", "18.71.01"]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("code", "office"), [("18.71.01.1003", "18.71"), ("18.71.01", "18.71"), ("18.71", "18.71"), ("18", "18")]
)
def test_office_code_is_the_regency_or_the_province(code, office):
    assert office_code(code) == office
