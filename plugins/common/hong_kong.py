"""Hong Kong's time zone, defined once, and the build's notion of now."""

import datetime
import os
from zoneinfo import ZoneInfo

HONG_KONG_TZID = "Asia/Hong_Kong"
HONG_KONG = ZoneInfo(HONG_KONG_TZID)


def build_time(settings=None):
    """The build's notion of now, in Hong Kong: SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=HONG_KONG)
    return datetime.datetime.now(tz=HONG_KONG)
