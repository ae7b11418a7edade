from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("mijn/leerdossier/", views.learning_record, name="learning_record"),
    path("mijn/leerdossier/leerdossier.csv", views.learning_record_csv, name="learning_record_csv"),
    path("mijn/leerdossier/leerdossier.pdf", views.learning_record_pdf, name="learning_record_pdf"),
    path("mijn/leerdossier/reflectielog.pdf", views.reflection_log_pdf, name="reflection_log_pdf"),
    path("mijn/certificaten/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("mijn/certificaten/<str:code>/", views.completion, name="completion"),
    path("certificaat/", views.verify_certificate_form, name="verify_certificate_form"),
    path("certificaat/<str:code>/", views.verify_certificate, name="verify_certificate"),
    path("rapportages/", views.reports, name="reports"),
    path("rapportages/rapportage.csv", views.report_csv, name="report_csv"),
    path("rapportages/presentielijst.csv", views.attendance_csv, name="attendance_csv"),
]
