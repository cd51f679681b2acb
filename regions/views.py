from django.shortcuts import render


def region_list(request):
    return render(request, "regions/region_list.html", {})
