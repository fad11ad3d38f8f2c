"""Connect articles: exact and near-duplicate copies, the same story across outlets and over time.

>>> from newsdesk.connect import near_duplicates
>>> near_duplicates([])
[]
"""

from newsdesk.connect.duplicates import CopyFeatures, DuplicateGroup, copy_features, near_duplicates

__all__ = ["CopyFeatures", "DuplicateGroup", "copy_features", "near_duplicates"]
