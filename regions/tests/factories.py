"""Regions for tests: real codes and names, created on demand (the full list loads with `load_regions`)."""

from regions.models import Level, Region


def province(code: str = "18", name: str = "Lampung") -> Region:
    return Region.objects.get_or_create(code=code, defaults={"name": name, "level": Level.PROVINCE})[0]


def regency(code: str = "18.71", name: str = "Kota Bandar Lampung", province_name: str = "Lampung") -> Region:
    parent = province(code[:2], province_name)
    return Region.objects.get_or_create(code=code, defaults={"name": name, "level": Level.REGENCY, "parent": parent})[0]


def district(code: str = "18.71.01", name: str = "Kedaton", regency_name: str = "Kota Bandar Lampung") -> Region:
    parent = regency(code[:5], regency_name)
    return Region.objects.get_or_create(code=code, defaults={"name": name, "level": Level.DISTRICT, "parent": parent})[
        0
    ]


def village(code: str = "18.71.01.1003", name: str = "Kedaton", district_name: str = "Kedaton") -> Region:
    parent = district(code[:8], district_name)
    return Region.objects.get_or_create(code=code, defaults={"name": name, "level": Level.VILLAGE, "parent": parent})[0]
