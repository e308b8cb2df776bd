"""Taking the user's findings out of kantlijn: what a query selects, in Markdown, CSV, JSON,
W3C Web Annotations or an annotated copy of the PDF; and the extract command's JSON/Markdown.
One module per format, all streaming from the records of :mod:`tui.core.export.records`."""
