"""Widgets of the kantlijn app: the page view with its margin, the nota list, the prompt bar."""
