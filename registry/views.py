from django.shortcuts import render

from accounts import rules
from accounts.decorators import staff_required
from core.pagination import page_of
from registry import selectors
from registry.forms import ASNSearchForm


@staff_required
def asn_list(request):
    form = ASNSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    asn = selectors.search_asn(
        request.user,
        query=filters.get("q", ""),
        agency_code=filters.get("agency", ""),
        region_code=filters.get("region", ""),
    )
    page = page_of(asn, request.GET.get("page"))
    return render(request, "registry/asn_list.html", {"form": form, "page": page})


@staff_required
def asn_detail(request, nip):
    asn = selectors.asn_for_user(request.user, nip)
    context = {"asn": asn, "show_contact": rules.can_view_contact_details(request.user, asn)}
    return render(request, "registry/asn_detail.html", context)


@staff_required
def agency_list(request):
    query = request.GET.get("q", "").strip()
    agencies = selectors.agencies_with_counts(request.user)
    if query:
        agencies = agencies.filter(name__icontains=query)
    page = page_of(agencies.order_by("name"), request.GET.get("page"))
    return render(request, "registry/agency_list.html", {"page": page, "query": query})
