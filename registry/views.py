from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from accounts import rules
from accounts.decorators import staff_required
from core.pagination import page_of
from registry import selectors, services
from registry.forms import ASNSearchForm, ImportForm


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
    context = {"form": form, "page": page, "can_import": rules.can_import_registry(request.user)}
    return render(request, "registry/asn_list.html", context)


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


@staff_required
def asn_import(request):
    """Upload a staff list; the import runs in the background and the job page shows its progress."""
    if not rules.can_import_registry(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.start_asn_import(actor=request.user, upload=form.cleaned_data["file"])
        return redirect("core:job_detail", job_id=job.pk)
    return render(request, "registry/asn_import.html", {"form": form})
