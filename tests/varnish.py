"""Varnish in front of a `ServedSite`, run with the project's deploy/varnish.vcl, for tests that need the real one.

`Varnish` renders the VCL with the site's gunicorn port in place of the default 8000 (the one line that differs
from the file a deployment copies) and runs `varnishd` in the foreground on a free port of 127.0.0.1, with a
work directory of its own. `varnish_missing()` tells why it cannot run here, or None.
"""

import glob
import shutil
from pathlib import Path

from tests.served import HOST, ROOT, ServedProcess, free_port

VCL = ROOT / "deploy" / "varnish.vcl"
XKEY_VMODS = ("/usr/lib/*/varnish/vmods/libvmod_xkey.so", "/usr/lib/varnish/vmods/libvmod_xkey.so",
              "/usr/local/lib/varnish/vmods/libvmod_xkey.so")  # fmt: skip


def varnishd_path():
    return shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")


def varnish_missing():
    """Why Varnish cannot run here (a sentence for pytest.skip), or None."""
    if not varnishd_path():
        return "varnishd is not installed (apt-get install varnish varnish-modules; .ci/run does)"
    if not any(glob.glob(pattern) for pattern in XKEY_VMODS):
        return "varnish-modules (vmod_xkey) is not installed (apt-get install varnish-modules; .ci/run does)"
    return None


class Varnish(ServedProcess):
    def __init__(self, workdir, port=None):
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.workdir = Path(workdir) / "varnish"
        self.process = None

    def start(self, backend_port):
        self.workdir.mkdir(parents=True, exist_ok=True)
        vcl = VCL.read_text()
        assert vcl.count('.port = "8000";') == 1, "deploy/varnish.vcl: the backend's port line changed"
        rendered = self.workdir / "magazine.vcl"
        rendered.write_text(vcl.replace('.port = "8000";', f'.port = "{backend_port}";'))
        self.log = self.workdir / "varnishd.log"
        return self.launch(
            [varnishd_path(), "-F", "-f", str(rendered), "-a", f"{HOST}:{self.port}", "-n", str(self.workdir / "n"),
             "-s", "malloc,64m", "-j", "none", "-T", "none"],
        )  # fmt: skip
