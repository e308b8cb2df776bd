"""Reading PDFs: opening a file safely, walking its content streams with their fonts, putting
glyphs in reading order, the text of each page, the annotations and their values, dates,
redaction marks, and pypdf's own complaints turned into warnings."""
