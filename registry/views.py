from django.shortcuts import render

from accounts.decorators import staff_required


@staff_required
def asn_list(request):
    return render(request, "registry/asn_list.html", {})


@staff_required
def asn_detail(request, nip):
    return render(request, "registry/asn_detail.html", {})


@staff_required
def agency_list(request):
    return render(request, "registry/agency_list.html", {})
