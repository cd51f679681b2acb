from django.urls import path

from cases import views

app_name = "cases"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ambil/", views.assign_to_me, name="assign_to_me"),
    path("simpan-tampilan/", views.save_view, name="save_view"),
    path("temuan-baru/", views.new_finding, name="new_finding"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/langkah/", views.take_step, name="take_step"),
    path("<int:case_id>/catatan/", views.comment, name="comment"),
    path("<int:case_id>/penanggung-jawab/", views.assign, name="assign"),
    path("<int:case_id>/perpanjang/", views.extend, name="extend"),
    path("<int:case_id>/dokumen/", views.issue, name="issue"),
    path("<int:case_id>/dokumen/<int:document_id>/", views.document, name="document"),
    path("<int:case_id>/lampiran/", views.attach, name="attach"),
    path("<int:case_id>/lampiran/<int:attachment_id>/", views.attachment, name="attachment"),
]
