import pytest

from registry.names import split_titles

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Dr. H. Ahmad Fauzi, S.Pd., M.Si.", ("Dr. H.", "Ahmad Fauzi", "S.Pd., M.Si.")),
        ("Hj. Siti Aminah, S.E", ("Hj.", "Siti Aminah", "S.E")),
        ("Drs. Bambang", ("Drs.", "Bambang", "")),
        ("Ir. H. Joko Widodo, M.M., IPU", ("Ir. H.", "Joko Widodo", "M.M., IPU")),
        ("dr. Andi, Sp.A", ("dr.", "Andi", "Sp.A")),
        ("Prof. Dr. Ir. Hasan, M.Sc., Ph.D.", ("Prof. Dr. Ir.", "Hasan", "M.Sc., Ph.D.")),
        ("Budi Santoso", ("", "Budi Santoso", "")),
        ("I Gusti Ngurah Rai", ("", "I Gusti Ngurah Rai", "")),
        ("  Dr.   H.  Ahmad   Fauzi ,S.Pd.,M.Si. ", ("Dr. H.", "Ahmad Fauzi", "S.Pd., M.Si.")),
        ("Dr.H. Ahmad", ("Dr.H.", "Ahmad", "")),
        ("KH Maimun Zubair", ("KH", "Maimun Zubair", "")),
        ("H Budi", ("", "H Budi", "")),
        ("M. Yusuf", ("", "M. Yusuf", "")),
        ("Budi Santoso S.Pd", ("", "Budi Santoso", "S.Pd")),
        ("DRS. BAMBANG SUTRISNO", ("DRS.", "BAMBANG SUTRISNO", "")),
        ("H.", ("", "H.", "")),
        ("", ("", "", "")),
    ],
)
def test_split_titles_table(full_name, expected):
    assert split_titles(full_name) == expected
