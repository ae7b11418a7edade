from django.urls import path

from . import views

app_name = "stories"

# Under /verhalen/, before Wagtail's pages: services.RESERVED_SLUGS keeps
# stories from taking these slugs.
urlpatterns = [
    path("schrijven/", views.write, name="write"),
    path("schrijven/<int:pk>/", views.write, name="edit"),
    path("mijn/", views.mine, name="mine"),
    path("mijn/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("mijn/<int:pk>/gesprek/", views.discussion_state, name="discussion"),
    path("moderatie/", views.moderation, name="moderation"),
    path("moderatie/<int:pk>/", views.review, name="review"),
]
