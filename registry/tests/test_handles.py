import pytest
from django.core.exceptions import ValidationError

from registry.handles import normalise_handle, parse_accounts

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("platform", "raw", "expected"),
    [
        ("instagram", "@Budi.S", "budi.s"),
        ("instagram", "https://www.instagram.com/budi.s/", "budi.s"),
        ("ig", "instagram.com/budi.s?igsh=abc", "budi.s"),
        ("x", "https://x.com/Budi", "budi"),
        ("twitter", "https://twitter.com/Budi_123", "budi_123"),
        ("tiktok", "tiktok.com/@budi", "budi"),
        ("tiktok", "https://www.tiktok.com/@budi.guru/video/123", "budi.guru"),
        ("facebook", "facebook.com/profile.php?id=123", "123"),
        ("facebook", "https://m.facebook.com/Budi.Santoso", "budi.santoso"),
        ("youtube", "https://www.youtube.com/@BudiChannel", "budichannel"),
        ("youtube", "youtube.com/channel/UCabcdefghijklmnopqrstuv", "channel/UCabcdefghijklmnopqrstuv"),
        ("threads", "https://www.threads.net/@budi.s", "budi.s"),
        ("whatsapp", "0812-3456-7890", "6281234567890"),
        ("whatsapp", "https://wa.me/6281234567890", "6281234567890"),
    ],
)
def test_normalise_handle_table(platform, raw, expected):
    assert normalise_handle(platform, raw) == expected


INVALID_INSTAGRAM = "Akun %s bukan nama akun Instagram yang sah."
PLATFORMS = "facebook, instagram, threads, tiktok, whatsapp, x, youtube"


@pytest.mark.parametrize(
    ("platform", "raw", "message"),
    [
        ("instagram", "@", INVALID_INSTAGRAM % "@"),
        ("instagram", "https://www.instagram.com/", INVALID_INSTAGRAM % "https://www.instagram.com/"),
        ("instagram", "https://www.instagram.com/p/Cx12/", INVALID_INSTAGRAM % "https://www.instagram.com/p/Cx12/"),
        ("instagram", "budi santoso", INVALID_INSTAGRAM % "budi santoso"),
        ("instagram", "https://x.com/budi", "Alamat https://x.com/budi bukan profil Instagram."),
        ("myspace", "budi", f"Platform myspace tidak dikenal; gunakan salah satu dari: {PLATFORMS}."),
    ],
)
def test_normalise_handle_unusable_raises(platform, raw, message):
    with pytest.raises(ValidationError) as caught:
        normalise_handle(platform, raw)

    assert caught.value.messages == [message]


def test_parse_accounts_reads_the_import_column():
    cell = "instagram:@budi.s; tiktok:budi123; https://x.com/Budi"

    assert parse_accounts(cell) == [("instagram", "budi.s"), ("tiktok", "budi123"), ("x", "budi")]


def test_parse_accounts_drops_duplicates_and_blanks():
    assert parse_accounts("ig:@Budi.S;; instagram:budi.s\n") == [("instagram", "budi.s")]


def test_parse_accounts_empty_cell():
    assert parse_accounts("") == []


def test_parse_accounts_without_platform_raises():
    with pytest.raises(ValidationError) as caught:
        parse_accounts("instagram:budi; budi.s")

    assert caught.value.messages == ["Akun budi.s: sebutkan platformnya, misalnya instagram:budi.s."]
