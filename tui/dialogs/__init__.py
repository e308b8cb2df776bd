"""Modal dialogs, one per module: tags, a pick list, a text, the tag manager."""
