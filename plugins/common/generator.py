"""A Pelican generator with nothing to do when there is no loaded site."""

from pelican.generators import Generator


class SiteGenerator(Generator):
    """Calls `generate_site_context(site)` and `write_site(writer, site)` only when the context
    holds a site: there is none after a content error in `make serve` (plugins/contract), or once
    plugins/images has taken it away because an image cannot be published; then nothing is written
    and the last good site stays."""

    def generate_context(self):
        site = self.context.get("site")
        if site is not None:
            self.generate_site_context(site)

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is not None:
            self.write_site(writer, site)

    def generate_site_context(self, site):
        """Add to `self.context` what templates need; nothing by default."""

    def write_site(self, writer, site):
        """Write this generator's files; nothing by default."""
