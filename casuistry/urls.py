from django.urls import path

from . import views

app_name = "casuistry"

urlpatterns = [
    path("", views.library, name="library"),
    path("inbrengen/", views.submit, name="submit"),
    path("mijn/", views.mine, name="mine"),
    path("moderatie/", views.queue, name="queue"),
    path("moderatie/<int:pk>/", views.review, name="review"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/aanpassen/", views.edit, name="edit"),
    path("<int:pk>/intrekken/", views.withdraw, name="withdraw"),
]
