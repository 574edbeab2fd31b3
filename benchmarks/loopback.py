"""What the load benchmark needs to talk to a real server on loopback: a
scratch PostgreSQL database, gunicorn started and always stopped, and a
browser-like HTTP client (keep-alive, cookies, CSRF tokens, timings).

Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@contextmanager
def scratch_postgresql() -> Iterator[str]:
    """A new database beside ``DATABASE_URL``, dropped afterwards."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL database (the load test runs on it).")
    config = dj_database_url.parse(url)
    scratch = f"{config['NAME']}_load_{os.getpid()}"
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        # The maintenance database: the named one need not exist.
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        yield url.rsplit("/", 1)[0] + "/" + scratch
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(**params) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch))
            )


class Browser:
    """One person's browser: a keep-alive connection, cookies, timings."""

    def __init__(self, port: int, results: list) -> None:
        self.port = port
        self.results = results
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, kind: str, method: str, path: str, form: dict | None = None):
        body = urlencode(form, doseq=True) if form is not None else None
        headers = {"Host": HOST, "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            self.results.append((kind, 0, time.perf_counter() - started))
            return 0, "", ""
        self.results.append((kind, response.status, time.perf_counter() - started))
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content, response.getheader("Location", "")

    def csrf(self, page: str) -> str:
        found = _CSRF.search(page)
        return found.group(1) if found else self.cookies.get("csrftoken", "")

    def login(self, username: str, password: str) -> None:
        _status, page, _ = self.request("login", "GET", "/accounts/login/")
        form = {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf(page)}
        status, _page, _ = self.request("login", "POST", "/accounts/login/", form)
        if status != 302:
            raise RuntimeError(f"{username} could not log in ({status})")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int) -> Iterator[int]:
    # Production settings serve hashed static files (whitenoise's manifest):
    # collect them first, as a deployment does (docs/deployment.md).
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "60",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        for _ in range(150):
            try:
                probe = http.client.HTTPConnection(HOST, port, timeout=2)
                probe.request("GET", "/accounts/login/", headers={"Host": HOST})
                if probe.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer")
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
