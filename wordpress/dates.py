from datetime import UTC, datetime


def wordpress_time(gmt, local=""):
    """A WordPress date ("2013-01-11 20:22:19") as an aware UTC datetime; None when it has none.

    The GMT date is the true one. Drafts have none ("0000-00-00 00:00:00"): their local date is taken as UTC,
    since the export does not say the old site's time zone.
    """
    for value in (gmt, local):
        if value and not value.startswith("0000"):
            try:
                return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            except ValueError:
                continue
    return None
