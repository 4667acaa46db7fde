"""Readers that turn one kind of gazetteer data into ``Place`` records."""
