"""Connect articles: exact and near-duplicate copies, the same story across outlets and over time."""
