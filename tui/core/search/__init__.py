"""Finding text: a phrase in one document's pages as the reader types it."""
