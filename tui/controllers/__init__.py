"""Plain objects a screen owns to do one job: the user's annotations, the text selection."""
