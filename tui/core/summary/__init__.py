"""Acrobat's comment summary ("Overzicht van opmerkingen"): its entries, its pages, and the
cleaning that turns a summary page back into readable page text."""
