"""Scale-out: the per-file stages on a Ray cluster writing Parquet shards, loaded into the store by one writer.

``ray`` is an optional extra (``pip install 'newsdesk[ray]'``); only :mod:`newsdesk.scale.cluster` imports
it, lazily, when a run connects. The defaults of the Ray executor live
here, so that the command line can show them without importing pyarrow or Ray.
"""

#: Times Ray reruns a task whose worker died, before the file counts as failed.
DEFAULT_MAX_RETRIES = 3
#: Seconds a task may run. A 1 GB CC-NEWS file takes about 10 minutes on one core; a task at six
#: times that is stuck, not slow.
DEFAULT_TASK_TIMEOUT = 3600.0
