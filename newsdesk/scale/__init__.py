"""Scale-out: the per-file stages on a Ray cluster writing Parquet shards, loaded into the store by one writer.

``ray`` is an optional extra (``pip install 'newsdesk[ray]'``); only :mod:`newsdesk.scale.ray_executor`
and the Ray half of :mod:`newsdesk.scale.lsh` import it, lazily.
"""
