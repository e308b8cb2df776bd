"""What the screens use that is not a widget: the library as the app sees it, and the
background reading of a document."""
