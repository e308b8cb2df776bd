"""Developer tools that are not part of the kantlijn product (not in the wheel)."""
