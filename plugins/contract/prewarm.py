"""Read the content on both cores: a helper process fills the content cache for part of the items.

With a cold content cache, reading is mostly Markdown to safe HTML and the Simplified conversion
(cache.py), one item after another, on one core. So before the items are read, `split_reading`
forks a helper that reads the last `HELPER_SHARE` of them and sends back, every `BATCH` items, only
what it added to the content cache; the build reads the others meanwhile, then reads the helper's
items from the cache, each batch as soon as it comes. The build still reads every item itself, in
the same order, so the site and its problems are exactly those of one process; the helper's own
problems, items and any failure of it are thrown away (the items it did not send are then simply
read cold).

Reading an item from the cache still costs about a third of reading it cold (3 against 9.7 ms a
case report at 1,000), so the helper reads a little over half, and in batches: when it sent its
half all at once at the end, the build read on alone for 1.5 s after its helper ended.

Only for a full build of many items (`make html`, `make publish`) where the system can fork, not
in `make serve`, whose rebuilds read only what changed (and must not fork a process holding the
server's state), and not with `BUILD_PROCESSES = 1`.
"""

import logging
import os
import pickle
import queue
import sys
import threading

logger = logging.getLogger(__name__)

#: Below this many items the fork costs more than it saves.
MINIMUM_ITEMS = 64
#: The share of the items the helper reads. Cold reading c and cached w a item are even on both
#: cores at c / (2c - w) (0.59 with the figures above); a little less, as a helper that gets less
#: of its core makes the build wait.
HELPER_SHARE = 0.57
#: The helper sends what it made every this many items.
BATCH = 32


def split_reading(jobs, read, cache, processes=2):
    """[read(job) for job in jobs], with a helper process warming `cache` for the last HELPER_SHARE."""
    if processes < 2 or len(jobs) < MINIMUM_ITEMS or not hasattr(os, "fork"):
        return [read(job) for job in jobs]
    split = len(jobs) - round(len(jobs) * HELPER_SHARE)
    helper = _start_helper(jobs[split:], read, cache)
    batches = _batches(*helper) if helper is not None else iter(())
    results = [read(job) for job in jobs[:split]]
    for start in range(split, len(jobs), BATCH):
        cache.adopt(next(batches, {}))  # the helper's entries for these items, once it has sent them
        results += [read(job) for job in jobs[start:start + BATCH]]
    for _ in batches:  # to its end, and the helper waited for
        pass
    return results


def _start_helper(jobs, read, cache):
    """(pid, reading end of the pipe) of a forked helper that reads `jobs` and writes to the pipe,
    every BATCH of them, a pickle of the entries it added to the cache since the last; None when it
    cannot start."""
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
        sent = set()
        with os.fdopen(writing, "wb") as pipe:
            for start in range(0, len(jobs), BATCH):
                for job in jobs[start:start + BATCH]:
                    read(job)
                made = cache.made()
                pickle.dump({key: made[key] for key in made.keys() - sent}, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.flush()
                sent.update(made)
        status = 0
    finally:
        os._exit(status)


def _batches(pid, reading):
    """An iterator over the helper's batches of cache entries, as it sends them; the helper is
    waited for at its end.

    A thread takes them off the pipe from now on: a pipe holds 64 KB, and a helper left to wait
    until the build had read its own items stopped at its first batch."""
    received = queue.SimpleQueue()

    def receive():
        with os.fdopen(reading, "rb") as pipe:
            while True:
                try:
                    received.put(pickle.load(pipe))
                except Exception:  # the end, or a helper that died in the middle of a batch
                    break
        received.put(None)

    receiver = threading.Thread(target=receive, name="prewarm-receiver", daemon=True)
    receiver.start()

    def batches():
        while (batch := received.get()) is not None:
            yield batch
        receiver.join()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            logger.debug("contract: the reading helper failed; the items it did not send are read here")

    return batches()
