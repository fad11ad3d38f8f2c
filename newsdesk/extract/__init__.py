"""Turning raw pages into Articles: body, metadata, scraped text and encodings."""
