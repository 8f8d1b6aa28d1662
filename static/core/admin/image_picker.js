// The image library's picker, opened by the body editor's figure dialog ("Browse...") the way CKEditor opens a
// file browser: the dialog's number comes in the CKEditorFuncNum parameter, and the chosen picture goes back to
// it through window.opener.CKEDITOR.tools.callFunction (django-prose-editor's figure.js listens there).
"use strict"
;(() => {
  const funcNum = new URLSearchParams(window.location.search).get("CKEditorFuncNum")
  const editor = window.opener && !window.opener.closed ? window.opener.CKEDITOR : null
  if (!funcNum || !editor?.tools?.callFunction) {
    for (const note of document.querySelectorAll(".image-picker__no-editor")) note.hidden = false
    for (const button of document.querySelectorAll(".image-picker__use")) button.disabled = true
    return
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".image-picker__use")
    if (!button) return
    const { src, alt, caption, id } = button.dataset
    editor.tools.callFunction(funcNum, src, { id, alternative_text: alt, caption })
    window.close()
  })
})()
