"""The content read on two cores (plugins/contract/prewarm.py): same items, same order, and the
helper's work really reaches the build's cache; a failing helper costs only time."""

import os

import pytest

from plugins.contract import prewarm
from plugins.contract.cache import _MEMORY, ContentCache


class Recorder:
    """A reader whose costly step goes through the content cache, counting the steps it made."""

    def __init__(self, cache, fail_in_helper=None):
        self.cache, self.fail_in_helper, self.made_here = cache, fail_in_helper, []
        self.parent = os.getpid()

    def __call__(self, job):
        if os.getpid() != self.parent and job == self.fail_in_helper:
            raise RuntimeError("the helper breaks")

        def make():
            self.made_here.append(job)
            return f"html of {job}"

        return (job, self.cache.remember("test-prewarm", [job, id(self)], make))


@pytest.fixture
def cache():
    _MEMORY.clear()
    yield ContentCache(None)
    _MEMORY.clear()


def test_two_processes_read_the_same_items_in_the_same_order(cache):
    jobs = [("cases", f"case-{number:03}") for number in range(100)]
    reader = Recorder(cache)
    assert prewarm.split_reading(jobs, reader, cache, processes=2) == [(job, f"html of {job}") for job in jobs]
    # The build made only its own share: the rest came from the helper, through the cache.
    assert reader.made_here == jobs[:100 - round(100 * prewarm.HELPER_SHARE)]
    assert len(cache.made()) == 100  # and the helper's entries are saved with the build's


def test_a_helper_that_fails_after_a_batch_leaves_only_the_rest_to_the_build(cache):
    jobs = [("cases", f"case-{number:03}") for number in range(200)]
    split = 200 - round(200 * prewarm.HELPER_SHARE)
    failing = split + prewarm.BATCH + 3  # in its second batch
    reader = Recorder(cache, fail_in_helper=jobs[failing])
    assert prewarm.split_reading(jobs, reader, cache, processes=2) == [(job, f"html of {job}") for job in jobs]
    assert reader.made_here == jobs[:split] + jobs[split + prewarm.BATCH:]


def test_a_failing_helper_leaves_its_half_to_the_build(cache):
    jobs = [("cases", f"case-{number:03}") for number in range(100)]
    reader = Recorder(cache, fail_in_helper=jobs[60])
    assert prewarm.split_reading(jobs, reader, cache, processes=2) == [(job, f"html of {job}") for job in jobs]
    assert reader.made_here == jobs  # nothing adopted from a helper that failed


@pytest.mark.parametrize("processes, count", [(1, 100), (2, prewarm.MINIMUM_ITEMS - 1)])
def test_one_process_for_a_small_site_or_when_asked(cache, processes, count):
    jobs = [("cases", f"case-{number:03}") for number in range(count)]
    reader = Recorder(cache)
    prewarm.split_reading(jobs, reader, cache, processes=processes)
    assert reader.made_here == jobs
