"""The purge requests each front cache is sent, as a local stub server receives them (never a real account)."""

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core import frontcache
from core.frontcache import Cloudflare, Fastly, Varnish, tag


class Stub(ThreadingHTTPServer):
    """An HTTP server on a free local port that records every request and answers `status`."""

    daemon_threads = True

    def __init__(self):
        self.received, self.status = [], 200
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class StubHandler(BaseHTTPRequestHandler):
    def answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append({"method": self.command, "path": self.path, "headers": self.headers, "body": body})
        self.send_response(self.server.status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_PURGE = do_POST = answer

    def log_message(self, *args):
        pass


def serving():
    server = Stub()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


stub = pytest.fixture(serving, name="stub")
second_stub = pytest.fixture(serving, name="second_stub")


def test_varnish_is_sent_one_purge_naming_the_keys_at_each_address(settings, stub, second_stub):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Varnish"]
    settings.VARNISH_PURGE_URLS = [f"{stub.url}/", f"{second_stub.url}/"]
    frontcache.purge({"entry:blog.article:12", "list:blog.article", "everything"})
    for server in (stub, second_stub):
        (request,) = server.received
        assert request["method"] == "PURGE" and request["path"] == "/"
        assert request["headers"]["xkey-purge"] == "entry:blog.article:12 everything list:blog.article"


def test_fastly_is_sent_a_batch_purge_of_surrogate_keys_with_the_token(settings, stub, monkeypatch):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Fastly"]
    settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN = "SU1Z0isxPaozGVKXdv0eY", "fastly-token"
    monkeypatch.setattr(Fastly, "api", stub.url)
    frontcache.purge([f"tag:{n}" for n in range(300)])
    assert [r["path"] for r in stub.received] == ["/service/SU1Z0isxPaozGVKXdv0eY/purge"] * 2  # 256 keys a request
    first, second = stub.received
    assert all(r["method"] == "POST" and r["headers"]["Fastly-Key"] == "fastly-token" for r in stub.received)
    keys = first["headers"]["Surrogate-Key"].split(" ") + second["headers"]["Surrogate-Key"].split(" ")
    assert len(first["headers"]["Surrogate-Key"].split(" ")) <= 256
    assert sorted(keys) == sorted(f"tag:{n}" for n in range(300))


def test_cloudflare_is_sent_the_tags_as_json_in_batches_of_its_limit(settings, stub, monkeypatch):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Cloudflare"]
    settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN = "023e105f4ecef8ad9ca31a8372d0c353", "cf-token"
    monkeypatch.setattr(Cloudflare, "api", stub.url + "/client/v4")
    frontcache.purge([f"author:{n}" for n in range(250)])
    assert len(stub.received) == 3
    sent = []
    for request in stub.received:
        assert request["method"] == "POST"
        assert request["path"] == "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"
        assert request["headers"]["Authorization"] == "Bearer cf-token"
        assert request["headers"]["Content-Type"] == "application/json"
        batch = json.loads(request["body"])["tags"]
        assert len(batch) <= 100
        sent += batch
    assert sorted(sent) == sorted(f"author:{n}" for n in range(250))


def test_a_long_purge_to_varnish_is_split_to_fit_its_header_limit(settings, stub):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Varnish"]
    settings.VARNISH_PURGE_URLS = [stub.url]
    keys = [f"comments:blog.article:{n}" for n in range(1000)]
    frontcache.purge(keys)
    assert len(stub.received) > 1
    assert all(len(r["headers"]["xkey-purge"]) <= Varnish.batch_bytes for r in stub.received)
    assert sorted(k for r in stub.received for k in r["headers"]["xkey-purge"].split(" ")) == sorted(keys)


def test_keys_that_are_no_header_token_are_sent_hashed_the_same_way_as_pages_name_them(settings, stub):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Varnish"]
    settings.VARNISH_PURGE_URLS = [stub.url]
    odd = "comments:blog.article:a key, with spaces"
    frontcache.purge([odd])
    (request,) = stub.received
    assert request["headers"]["xkey-purge"] == tag(odd) and tag(odd).startswith("h:")
    assert frontcache.tag_headers([odd])["xkey"] == tag(odd)


def test_failures_are_logged_not_raised_and_the_other_front_caches_are_still_purged(
    settings, stub, second_stub, caplog
):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Varnish"]
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        refusing = f"http://127.0.0.1:{closed.getsockname()[1]}/"  # nothing listens there once it is closed
    stub.status = 500
    settings.VARNISH_PURGE_URLS = [refusing, stub.url, second_stub.url]
    with caplog.at_level(logging.ERROR, logger="core.frontcache"):
        frontcache.purge(["everything"])
    assert len(stub.received) == 1 and len(second_stub.received) == 1
    failures = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 2 and refusing in failures[0] and "500" in failures[1]


def test_a_front_cache_that_never_answers_is_given_up_after_the_timeout(settings, caplog):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Varnish"]
    settings.FRONT_CACHE_PURGE_TIMEOUT = 0.2
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.VARNISH_PURGE_URLS = [f"http://127.0.0.1:{silent.getsockname()[1]}/"]
        with caplog.at_level(logging.ERROR, logger="core.frontcache"):
            frontcache.purge(["everything"])
    assert "timed out" in caplog.text
