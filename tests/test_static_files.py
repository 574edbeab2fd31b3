"""Static files as production serves them (docs/deployment.md "Static
files"): ``collectstatic`` with the production storage (hashed names, gzip
copies; a missing file referenced from CSS fails it), and pages that link
the hashed names, served by whitenoise."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from config.settings.base import PRODUCTION_STORAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = PRODUCTION_STORAGES
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_collectstatic_hashes_and_compresses_every_file(collected):
    hashed = list((collected / "tracker").glob("tracker.*.css"))
    assert len(hashed) == 1
    assert hashed[0].with_name(hashed[0].name + ".gz").exists()
    assert (collected / "staticfiles.json").exists()


def test_pages_link_the_hashed_files_and_whitenoise_serves_them(collected, client):
    # The client loads its middleware at its first request, after collectstatic.
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    name = next((collected / "tracker").glob("tracker.*.css")).name
    url = f"/static/tracker/{name}"
    assert url in page.content.decode()
    served = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert served.status_code == 200
    assert served["Content-Encoding"] == "gzip"
    assert "immutable" in served["Cache-Control"]
    assert client.get("/static/tracker/no-such-file.css").status_code == 404
