app_name = "report_public"
urlpatterns = []
