from django.urls import path
from django.views.generic import RedirectView

app_name = "tracker"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index"), name="plan-list"),
]
