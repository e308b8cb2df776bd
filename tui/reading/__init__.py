"""What the reader shows, decided without drawing: the pure half of the page view.

The page layout (text wrapped to a width, cards placed beside or under it), which card has
the focus, the keyboard selection, the marks over a line, word wrapping and ink sketches.
Nothing here imports Textual or Rich: ``tui/widgets`` draws what these modules decide, and
the rules are tested without an app.
"""
