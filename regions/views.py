"""Public region pages: the province list with a search box, and one region with its children."""

from django.shortcuts import render

from regions import selectors
from regions.models import LEVEL_BY_CODE_PARTS, Level

SEARCH_RESULTS = 50


def region_list(request):
    """The 38 provinces with their regency counts, or search results when `q` is given."""
    query = request.GET.get("q", "").strip()[:100]
    level = request.GET.get("level", "")
    level = level if level in Level.values else ""
    context = {"query": query, "level": level, "levels": Level.choices}
    if query:
        results = list(selectors.search_regions(query, level=level or None, limit=SEARCH_RESULTS + 1))
        context.update(results=results[:SEARCH_RESULTS], more_results=len(results) > SEARCH_RESULTS)
    else:
        provinces = list(selectors.provinces_with_counts())
        context.update(
            provinces=provinces,
            kabupaten_total=sum(province.kabupaten_count for province in provinces),
            kota_total=sum(province.kota_count for province in provinces),
            regency_total=sum(province.regency_count for province in provinces),
        )
    return render(request, "regions/region_list.html", context)


def region_detail(request, code):
    """One region: breadcrumb up the hierarchy, facts, and its children in a table."""
    region = selectors.region_by_code(code)
    depth = region.code.count(".") + 1
    context = {
        "region": region,
        "ancestors": selectors.ancestors_of(region),
        "child_level": LEVEL_BY_CODE_PARTS.get(depth + 1),
        "grandchild_level": LEVEL_BY_CODE_PARTS.get(depth + 2),
        "children": selectors.children_of(region.code),
    }
    return render(request, "regions/region_detail.html", context)
