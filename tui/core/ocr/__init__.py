"""Pages without a text layer read by OCR: rendered with pypdfium2, read by Tesseract.

:mod:`.need` decides which pages need it, :mod:`.render` draws them, :mod:`.engine` runs
Tesseract, :mod:`.layout` turns its words into the page-text model, :mod:`.boxes` finds
the filled boxes (burned-in redactions, flattened highlights) in the image, and
:mod:`.pages` puts it together, page by page in worker processes.
"""
