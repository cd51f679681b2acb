from django.urls import path

from reports import views

app_name = "report_public"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("terkirim/", views.submitted, name="submitted"),
    path("status/", views.status, name="status"),
    path("tanda-bukti/", views.receipt_pdf, name="receipt_pdf"),
]
