from django.urls import path

from . import views

app_name = "intervisie"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("plannen/", views.plan, name="plan"),
    path("<int:pk>/", views.room, name="room"),
    path("<int:pk>/leiden/", views.control, name="control"),
    path("<int:pk>/agenda.ics", views.ics, name="ics"),
    path("<int:pk>/aanmelden/", views.join, name="join"),
    path("<int:pk>/casus/", views.attach_case, name="attach_case"),
    path("<int:pk>/inbrenger/", views.confirm_inbrenger, name="confirm_inbrenger"),
    path("<int:pk>/reflectie/", views.reflection, name="reflection"),
]
