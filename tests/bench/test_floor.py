"""The bench's bare-Django floor (bench/floor/), served by the site's own gunicorn command line."""

import os
import urllib.request

from bench.server import Server


def test_floor_serves_its_8_kb_page_with_the_sites_gunicorn_configuration(tmp_path):
    floor = Server(dict(os.environ, WEB_CONCURRENCY="1"), tmp_path / "floor.log", "bench.floor.wsgi:application", "/")
    try:
        floor.wait_until_up()
        with urllib.request.urlopen(f"{floor.base}/", timeout=5) as answer:
            assert (answer.status, len(answer.read())) == (200, 8192)
    finally:
        floor.stop()
