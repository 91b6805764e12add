"""Read the content on both cores: a helper process fills the content cache for half the items.

With a cold content cache, reading is mostly Markdown to safe HTML and the Simplified conversion
(cache.py), one item after another, on one core. So before the items are read, `split_reading`
forks a helper that reads the second half of them and sends back only what it added to the
content cache; the build reads the first half meanwhile, takes the helper's entries, then reads the
second half from the cache. The build still reads every item itself, in the same order, so the
site and its problems are exactly those of one process; the helper's own problems, items and any
failure of it are thrown away (its half is then simply read cold).

Only for a full build of many items (`make html`, `make publish`) where the system can fork, not
in `make serve`, whose rebuilds read only what changed (and must not fork a process holding the
server's state), and not with `BUILD_PROCESSES = 1`.
"""

import logging
import os
import pickle
import sys

logger = logging.getLogger(__name__)

#: Below this many items the fork costs more than it saves.
MINIMUM_ITEMS = 64


def split_reading(jobs, read, cache, processes=2):
    """[read(job) for job in jobs], with a helper process warming `cache` for the second half."""
    if processes < 2 or len(jobs) < MINIMUM_ITEMS or not hasattr(os, "fork"):
        return [read(job) for job in jobs]
    half = len(jobs) // 2
    helper = _start_helper(jobs[half:], read, cache)
    results = [read(job) for job in jobs[:half]]
    if helper is not None:
        cache.adopt(_collect(*helper))
    return results + [read(job) for job in jobs[half:]]


def _start_helper(jobs, read, cache):
    """(pid, reading end of the pipe) of a forked helper that reads `jobs` and writes back
    pickle of cache.made(); None when it cannot start."""
    try:
        reading, writing = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
    except OSError as error:
        logger.debug("contract: reading in one process (%s)", error)
        return None
    if pid:
        os.close(writing)
        return pid, reading
    status = 1
    try:  # the helper: nothing of it may reach the build but its cache entries
        os.close(reading)
        cache.detach()
        for job in jobs:
            read(job)
        with os.fdopen(writing, "wb") as pipe:
            pickle.dump(cache.made(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _collect(pid, reading):
    """The helper's cache entries ({} if it failed), once it has ended."""
    with os.fdopen(reading, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not data:
        logger.debug("contract: the reading helper failed; its half is read here")
        return {}
    return pickle.loads(data)
