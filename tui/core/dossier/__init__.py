"""The dossier of a document: its nota's in date order with their versions, the redaction
ledger per Woo ground, the reviewer's questions with the user's answers, and a timeline."""
