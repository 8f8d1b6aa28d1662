"""What an import did: counts per kind imported and skipped (with why), warnings, and every missing file."""

from collections import Counter

KINDS = ["authors", "posts", "pages", "attachments", "comments", "redirects", "other items"]


class Report:
    def __init__(self):
        self.imported = Counter()  # kind: count
        self.skipped = Counter()  # (kind, reason): count
        self.warnings = []
        self.missing_files = []

    def add(self, kind, count=1):
        self.imported[kind] += count

    def skip(self, kind, reason, count=1):
        if count:
            self.skipped[kind, reason] += count

    def warn(self, item, message):
        """A warning about one item (`item.label` names its line, kind, ID and title), or the whole run."""
        self.warnings.append(f"{item.label}: {message}" if item else message)

    def missing(self, path, item, role):
        self.missing_files.append(f"{path} ({role} of {item.label})")

    def lines(self, dry_run=False):
        skipped_per_kind = Counter()
        for (kind, _reason), count in self.skipped.items():
            skipped_per_kind[kind] += count
        heading = "Dry run: nothing was written. This is what an import would do." if dry_run else "Import done."
        lines = [heading, "", f"  {'':<12}{'imported':>9}{'skipped':>9}"]
        for kind in KINDS:
            lines.append(f"  {kind:<12}{self.imported[kind]:>9}{skipped_per_kind[kind]:>9}")
        if self.skipped:
            lines += ["", "Skipped:"]
            for (kind, reason), count in sorted(self.skipped.items(), key=lambda pair: KINDS.index(pair[0][0])):
                lines.append(f"  {count} {kind}: {reason}")
        lines += ["", f"Warnings ({len(self.warnings)}):" if self.warnings else "Warnings: none."]
        lines += [f"  {warning}" for warning in self.warnings]
        lines += ["", f"Missing files ({len(self.missing_files)}):" if self.missing_files else "Missing files: none."]
        lines += [f"  {missing}" for missing in self.missing_files]
        return lines
