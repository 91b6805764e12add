"""A cache of the costly, pure steps of reading content: Markdown to safe HTML, and Traditional to
Simplified Chinese.

An entry's key is a hash of its input and of everything else that shapes its output (the code of
markdown_body.py, images/plan.py, multilingual/languages.py and mainland.py, the versions of Markdown, nh3 and
OpenCC; a Simplified text's key also holds the fingerprint of the mainland wording table), so an entry
is never stale: a changed file or a changed converter simply misses. Entries live in memory
for the life of the process (so `make serve` converts again only the file that was saved) and in
an SQLite file (setting `CONTENT_CACHE`, default `cache/content.sqlite`, beside the image cache;
`None` switches the file off), so the next build starts warm. Entries unused for 30 days are
dropped. In `make serve` (`reuse_items`), a whole item whose files did not change is kept from
one rebuild to the next, not read again. The cache can always be deleted; a cache that cannot be read or written is reported and
the build goes on without it.
"""

import hashlib
import json
import logging
import sqlite3
import time
from importlib.metadata import version
from pathlib import Path

logger = logging.getLogger(__name__)

DEFAULT_PATH = "cache/content.sqlite"
KEEP_UNUSED = 30 * 24 * 3600  # seconds
#: The code whose output is cached: a change to any of it changes every key.
_SHAPING_CODE = ("markdown_body.py", "../images/plan.py", "../multilingual/languages.py", "../multilingual/mainland.py")
_SHAPING_PACKAGES = ("Markdown", "nh3", "OpenCC")
_MEMORY = {}  # key -> value, for the life of the process (keys are content hashes: never stale)
_ITEMS = {}  # (kind, folder) -> (signature, Item, [Problem]): items kept between rebuilds


def _code_version():
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _SHAPING_CODE:
        path = here / name
        digest.update(path.read_bytes() if path.exists() else name.encode())
    for package in _SHAPING_PACKAGES:
        digest.update(f"{package}={version(package)}".encode())
    return digest.hexdigest()


class ContentCache:
    def __init__(self, path=DEFAULT_PATH, reuse_items=False):
        self.path = Path(path) if path else None
        self.reuse_items = reuse_items
        self._version = _code_version()
        self._database = None
        self._new = {}
        self._used = set()

    def reused_item(self, kind, folder, signature, read):
        """`make serve` only (`reuse_items`): the item read last time from these very files (and
        with the same vocabularies, slugs and programme figures, all in `signature`), or
        `read()`'s. Returns (item, problems it had, True if reused)."""
        known = _ITEMS.get((kind, str(folder)))
        if self.reuse_items and known and known[0] == signature:
            return known[1], known[2], True
        item, problems = read()
        if self.reuse_items:
            _ITEMS[(kind, str(folder))] = (signature, item, problems)
        return item, problems, False

    def key(self, step, *inputs):
        return hashlib.sha256(json.dumps([self._version, step, *inputs], ensure_ascii=False).encode()).hexdigest()

    def remember(self, step, inputs, make, still_valid=None):
        """The cached value of `make()` for `inputs`, made and kept if missing (or no longer valid)."""
        key = self.key(step, *inputs)
        value = _MEMORY.get(key)
        if value is None:
            value = self._read(key)
        if value is None or (still_valid and not still_valid(value)):
            value = make()
            self._new[key] = value
        _MEMORY[key] = value
        self._used.add(key)
        return value

    def made(self):
        """The entries made since the last save (what a reading helper sends back, prewarm.py)."""
        return dict(self._new)

    def adopt(self, entries):
        """Take entries another process made: kept in memory, and saved with this process's."""
        _MEMORY.update(entries)
        self._new.update(entries)

    def detach(self):
        """In a forked process: leave the parent's database connection alone, open its own."""
        self._database = None

    def _connect(self):
        if self._database is None and self.path:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._database = sqlite3.connect(self.path, timeout=30)
                self._database.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT, used INTEGER)")
            except (OSError, sqlite3.Error) as error:
                logger.warning("contract: content cache %s unusable (%s); going on without it", self.path, error)
                self.path = None
        return self._database

    def _read(self, key):
        database = self._connect()
        if database is None:
            return None
        try:
            row = database.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return json.loads(row[0]) if row else None

    def save(self):
        """Write new entries, mark the used ones, drop those unused for KEEP_UNUSED."""
        database = self._connect()
        if database is None:
            return
        now = int(time.time())
        try:
            with database:
                database.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                                     ((key, json.dumps(value, ensure_ascii=False), now) for key, value in self._new.items()))
                database.executemany("UPDATE entries SET used = ? WHERE key = ? AND used < ?",
                                     ((now, key, now - 24 * 3600) for key in self._used - self._new.keys()))
                database.execute("DELETE FROM entries WHERE used < ?", (now - KEEP_UNUSED,))
        except sqlite3.Error as error:
            logger.warning("contract: could not write the content cache %s (%s)", self.path, error)
        finally:
            database.close()
            self._database = None
        self._new.clear()
        self._used.clear()
