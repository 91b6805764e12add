"""The theme's JavaScript in the built site: every script is an ES module (one dialect; modules are
deferred), and every module it imports is published beside it. The modules' own tests are in
tests/js/ (`node --test`, run by `make test`)."""

import re
from pathlib import Path

import lxml.html
from output_pages import template_samples

#: `import ... from "./lib/x.js"` and `import "./x.js"` in a module.
IMPORT = re.compile(r"""^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']""", re.MULTILINE)


def theme_scripts(output):
    """{script address: [page, ...]} of every /theme/js/ script the sample pages load."""
    scripts = {}
    for path in template_samples(output).values():
        file = Path(output) / (path + "index.html" if path.endswith("/") or not path else path)
        for script in lxml.html.parse(str(file)).iter("script"):
            src = script.get("src") or ""
            if "/theme/js/" in src:
                scripts.setdefault((src, script.get("type")), []).append(f"/{path}")
    return scripts


def test_every_theme_script_is_a_module(fixture_output):
    scripts = theme_scripts(fixture_output)
    assert {src.rsplit("/", 1)[-1] for src, _ in scripts} >= {"menu.js", "search.js", "finder.js", "language-suggest.js", "filters.js"}
    classic = [f"{src} on {pages[0]}" for (src, kind), pages in scripts.items() if kind != "module"]
    assert not classic, "loaded as classic scripts (use type=module):\n" + "\n".join(classic)


def unresolved_imports(js_root):
    """`file: import` for every relative import under `js_root` with no file behind it."""
    missing = []
    for module in sorted(Path(js_root).rglob("*.js")):
        for target in IMPORT.findall(module.read_text(encoding="utf-8")):
            if not target.startswith("."):
                missing.append(f"{module.relative_to(js_root)}: {target} (a browser module imports by address)")
            elif not (module.parent / target).is_file():
                missing.append(f"{module.relative_to(js_root)}: {target}")
    return missing


def test_every_import_is_published(fixture_output):
    published = fixture_output / "theme" / "js"
    assert (published / "lib").is_dir()
    assert not unresolved_imports(published)


def test_the_import_check_catches_a_missing_module(tmp_path):
    (tmp_path / "page.js").write_text('import { a } from "./lib/a.js";\nimport "./gone.js";\nimport x from "bare";\n')
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.js").write_text("export const a = 1;\n")
    assert unresolved_imports(tmp_path) == ["page.js: ./gone.js", "page.js: bare (a browser module imports by address)"]
