"""What several plugins share; a library, not a Pelican plugin (it is not in PLUGINS and has no
`register()`), so importing it changes nothing in a build.

- `hong_kong`: the programme's time zone and the build's notion of now (`HONG_KONG`, `build_time`);
- `labels`: a bilingual label in a language, with the one fallback order for Simplified Chinese;
- `pages`: `PageInfo`, what every template knows about the page it renders, and `alternates_for`;
- `generator`: `SiteGenerator`, a generator that does nothing when there is no loaded site;
- `fragments`: the `fragment()` template global (a card rendered once per build);
- `clues`: `may_hold`, a quick test that a case-insensitive pattern cannot match a text.

docs/architecture.md describes how the plugins depend on each other.
"""
