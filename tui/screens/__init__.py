"""Screens of the kantlijn app: the library, the reader and the help overlay."""
