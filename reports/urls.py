from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/identitas/", views.reporter_identity, name="identity"),
    path("<int:report_id>/status/", views.change_status, name="change_status"),
    path("<int:report_id>/bukti/<int:evidence_id>/", views.evidence_file, name="evidence"),
]
