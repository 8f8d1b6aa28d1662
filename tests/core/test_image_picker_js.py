"""image_picker.js hands the chosen picture to the editor's figure dialog, CKEditor-style.

The browser test (tests/e2e/test_figures.py) runs the whole flow in Chromium; this one runs the script in Node
with a stand-in page, so the contract with django-prose-editor's figure.js is checked where no browser is.
"""

import json
import shutil
import subprocess

import pytest
from django.conf import settings

needs_node = pytest.mark.skipif(not shutil.which("node"), reason="node not found")

HARNESS = """
const vm = require("vm"), fs = require("fs")
const [script, search, withOpener] = process.argv.slice(1)
const calls = [], listeners = {}
const CKEDITOR = {tools: {callFunction: (...args) => calls.push(args)}}
const button = {dataset: {src: "/media/library/ward.png", alt: "A ward", caption: "Night — Photo: Kim", id: "7"},
  disabled: false, closest: (selector) => (selector === ".image-picker__use" ? button : null)}
const note = {hidden: true}
const window = {
  location: {search}, closed: false, close: () => { window.closed = true },
  opener: withOpener === "yes" ? {closed: false, CKEDITOR} : null,
}
const document = {
  addEventListener: (type, handler) => { listeners[type] = handler },
  querySelectorAll: (selector) => (selector === ".image-picker__use" ? [button] : [note]),
}
vm.runInNewContext(fs.readFileSync(script, "utf8"), {window, document, URLSearchParams})
if (listeners.click) listeners.click({target: button})
console.log(JSON.stringify({calls, closed: window.closed, noteHidden: note.hidden, disabled: button.disabled}))
"""


def run(search, opener):
    script = settings.BASE_DIR / "static/core/admin/image_picker.js"
    result = subprocess.run(
        ["node", "-e", HARNESS, str(script), search, "yes" if opener else "no"],
        capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


@needs_node
def test_a_click_sends_address_alt_and_caption_to_the_dialog_and_closes_the_window():
    outcome = run("?CKEditorFuncNum=-3&q=ward", opener=True)
    assert outcome["calls"] == [
        ["-3", "/media/library/ward.png", {"id": "7", "alternative_text": "A ward", "caption": "Night — Photo: Kim"}]
    ]
    assert outcome["closed"] and outcome["noteHidden"]


@needs_node
@pytest.mark.parametrize(("search", "opener"), [("", True), ("?CKEditorFuncNum=-3", False)])
def test_opened_without_the_editor_it_says_so_and_sends_nothing(search, opener):
    outcome = run(search, opener)
    assert outcome == {"calls": [], "closed": False, "noteHidden": False, "disabled": True}
