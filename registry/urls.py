from django.urls import path

from registry import views

app_name = "registry"
urlpatterns = [
    path("asn/", views.asn_list, name="asn_list"),
    path("asn/impor/", views.asn_import, name="asn_import"),
    path("asn/<str:nip>/", views.asn_detail, name="asn_detail"),
    path("instansi/", views.agency_list, name="agency_list"),
]
