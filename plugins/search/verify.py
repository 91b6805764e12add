"""Check a written Pagefind bundle before the site is published: a bundle cut short must stop the build.

A bundle can be incomplete without any error being reported: Pagefind's Python API returned before
its file writes were flushed and then ended the service, which on a loaded machine left
`pagefind.js` cut at 32,768 bytes (search dead in every language, build exit status 0). The indexer
now runs Pagefind's command-line binary to completion, and `verify_bundle` checks what it wrote:

- `pagefind-entry.json` parses and names, for each language, a metadata file and a WebAssembly
  file that exist;
- each metadata file decompresses and decodes, and every fragment, index chunk and filter file it
  names exists;
- every compressed file of the bundle (`*.pf_meta`, `*.pf_fragment`, `*.pf_index`, `*.pf_filter`,
  `wasm.*.pagefind`) decompresses to its end with the right checksum and begins as Pagefind's files
  do (`pagefind_dcd`);
- the same of each part that `parts.json` lists (a language indexed in parts, indexer.PAGES_PER_PART),
  whose WebAssembly is the bundle's;
- the pages indexed are the pages the site has (per the entry files' counts);
- `pagefind.js` parses as a JavaScript module (`node --check`), and `fold.json` parses.

Any problem raises `BundleError` with every problem found, each naming the file.
"""

import gzip
import json
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

#: What every compressed file of a Pagefind 1.x bundle begins with once decompressed.
MAGIC = b"pagefind_dcd"
#: Globs of the compressed files of a bundle, relative to it.
COMPRESSED = ("*.pf_meta", "wasm.*.pagefind", "fragment/*.pf_fragment", "index/*.pf_index", "filter/*.pf_filter")
#: How long `node --check` may take on pagefind.js (it takes well under a second).
NODE_TIMEOUT = 120


class BundleError(Exception):
    """The bundle is incomplete or damaged; the message lists each problem."""


def verify_bundle(bundle, expected_pages=None, node="node"):
    """Check the bundle in `bundle`, and the parts of it that parts.json lists; raise BundleError
    listing every problem found.

    `expected_pages`, when given, is the number of pages the bundle must hold in all languages.
    Returns {"files": files checked, "pages": pages in the entry files}.
    """
    bundle = Path(bundle)
    problems = []
    files, pages = _check_index(bundle, bundle, problems)
    for part in _parts(bundle, problems):
        part_files, part_pages = _check_index(part, bundle, problems)
        files, pages = files + part_files, pages + part_pages
    if expected_pages is not None and pages and pages != expected_pages:
        problems.append(f"{bundle / 'pagefind-entry.json'}: {pages} pages indexed, the site has {expected_pages} to index")
    problems.extend(check_javascript(bundle / "pagefind.js", node))
    _check_fold_map(bundle / "fold.json", problems)
    if problems:
        raise BundleError("the search bundle is incomplete or damaged:\n  " + "\n  ".join(problems))
    return {"files": files + 2, "pages": pages}


def _check_index(folder, bundle, problems):
    """Check the index in `folder` (the bundle, or a part of it, whose WebAssembly is the
    bundle's); return (compressed files checked, pages indexed)."""
    decoded = _decompress_all(folder, problems)
    pages = 0
    for language, about in _entry_languages(folder / "pagefind-entry.json", problems).items():
        pages += about.get("page_count", 0)
        _check_language(folder, language, about, decoded, problems, bundle)
    return len(decoded), pages


def _parts(bundle, problems):
    """The part folders that `bundle/parts.json` lists (see indexer.PAGES_PER_PART)."""
    listing = bundle / "parts.json"
    if not listing.exists():
        return []
    try:
        names = [name for names in json.loads(listing.read_text(encoding="utf-8")).values() for name in names]
    except (ValueError, AttributeError, TypeError) as error:
        problems.append(f"{listing}: not a list of parts ({_reason(error)})")
        return []
    folders = []
    for name in names:
        if not isinstance(name, str) or not re.fullmatch(r"part-[a-z]+-[0-9]+/", name):
            problems.append(f"{listing}: {name!r} is not the name of a part")
        elif not (bundle / name).is_dir():
            problems.append(f"{bundle / name}: missing (listed by {listing.name})")
        else:
            folders.append(bundle / name)
    return folders


def _decompress_all(bundle, problems):
    """{path: decompressed bytes, or None when damaged (reported)} of every compressed file."""
    decoded = {}
    for pattern in COMPRESSED:
        for path in sorted(bundle.glob(pattern)):
            try:
                decoded[path] = read_member(path)
            except BundleError as problem:
                decoded[path] = None
                problems.append(str(problem))
    return decoded


def _entry_languages(entry_path, problems):
    """{language: about} of pagefind-entry.json, or {} after reporting why not."""
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        assert isinstance(languages, dict) and languages
    except (OSError, ValueError, KeyError, TypeError, AssertionError) as error:
        problems.append(f"{entry_path}: missing or unreadable ({_reason(error)})")
        return {}
    return languages


def _check_language(bundle, language, about, decoded, problems, main=None):
    """One language's WebAssembly (in `main`, the bundle a part belongs to) and metadata files,
    and every file its metadata names."""
    wasm = (main or bundle) / f"wasm.{about.get('wasm') or 'unknown'}.pagefind"
    if not wasm.is_file():
        problems.append(f"{wasm}: missing (named by pagefind-entry.json for {language})")
    elif decoded.get(wasm) is not None and not decoded[wasm].startswith(b"\0asm"):  # (for a part, the bundle's, checked with the bundle)
        problems.append(f"{wasm}: not WebAssembly")
    meta = bundle / f"pagefind.{about.get('hash')}.pf_meta"
    if not meta.is_file():
        problems.append(f"{meta}: missing (named by pagefind-entry.json for {language})")
        return
    if decoded.get(meta) is None:
        return  # already reported as damaged
    try:
        named = meta_files(decode_cbor(decoded[meta]))
    except (BundleError, ValueError, IndexError, TypeError) as error:
        problems.append(f"{meta}: cannot be decoded ({_reason(error)})")
        return
    if len(named["fragment"]) != about.get("page_count"):
        problems.append(f"{meta}: holds {len(named['fragment'])} pages, pagefind-entry.json says {about.get('page_count')}")
    for folder, extension in (("fragment", "pf_fragment"), ("index", "pf_index"), ("filter", "pf_filter")):
        for name in named[folder]:
            if not (bundle / folder / f"{name}.{extension}").is_file():
                problems.append(f"{bundle / folder / f'{name}.{extension}'}: missing (named by {meta.name})")


def _check_fold_map(fold_map, problems):
    if fold_map.exists():
        try:
            json.loads(fold_map.read_text(encoding="utf-8"))
        except ValueError as error:
            problems.append(f"{fold_map}: not JSON ({_reason(error)})")


def read_member(path):
    """The decompressed bytes of a Pagefind file, after its `pagefind_dcd` mark."""
    try:
        data = gzip.decompress(Path(path).read_bytes())
    except (OSError, EOFError, zlib.error) as error:
        raise BundleError(f"{path}: does not decompress ({_reason(error)})") from None
    if not data.startswith(MAGIC):
        raise BundleError(f"{path}: not a Pagefind file (no {MAGIC.decode()} mark)")
    return data[len(MAGIC):]


def check_javascript(path, node="node"):
    """[problems] of `path` as a JavaScript module: `node --check` on a copy named .mjs."""
    if not path.is_file():
        return [f"{path}: missing"]
    executable = shutil.which(node)
    if executable is None:
        return [f"{path}: cannot be checked: Node.js (`{node}`) is not installed (Debian: apt-get install nodejs)"]
    with tempfile.TemporaryDirectory(prefix="search-check-") as scratch:
        copy = Path(scratch) / "pagefind.mjs"
        shutil.copyfile(path, copy)
        try:
            result = subprocess.run([executable, "--check", str(copy)], capture_output=True, text=True, timeout=NODE_TIMEOUT)
        except subprocess.TimeoutExpired:
            return [f"{path}: `node --check` did not finish in {NODE_TIMEOUT} s"]
    if result.returncode != 0:
        detail = [line for line in (result.stderr or result.stdout).splitlines() if re.match(r"\w*Error\b", line)]
        return [f"{path}: does not parse as JavaScript ({detail[0] if detail else 'node --check failed'})"]
    return []


def meta_files(meta):
    """{"fragment": [hash], "index": [hash], "filter": [hash]} named by a decoded metadata file.

    Pagefind 1.x metadata (`MetaIndex`): [version, pages [[hash, word count]], index chunks
    [[first word, last word, hash]], filters [[name, hash]], sorts [[name, hash]], meta fields]."""
    if not isinstance(meta, list) or len(meta) < 4 or not isinstance(meta[0], str):
        raise BundleError("not Pagefind 1.x metadata")
    return {
        "fragment": [page[0] for page in meta[1]],
        "index": [chunk[2] for chunk in meta[2]],
        "filter": [found[1] for found in meta[3]],
    }


def decode_cbor(data):
    """The value CBOR-encoded in `data` (the subset Pagefind writes: integers, strings, arrays, maps,
    simple values); raises BundleError on data that ends early or holds anything else."""
    value, end = _cbor_item(memoryview(data), 0)
    if end != len(data):
        raise BundleError(f"{len(data) - end} bytes after the end of the data")
    return value


def _cbor_item(data, at):
    if at >= len(data):
        raise BundleError("data ends early")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        if at + size > len(data):
            raise BundleError("data ends early")
        argument = int.from_bytes(data[at:at + size], "big")
        if major == 7 and info in (26, 27):
            argument = struct.unpack(">f" if size == 4 else ">d", data[at:at + size])[0]
        at += size
    else:
        raise BundleError(f"unsupported CBOR item {data[at - 1]:#x}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        if at + argument > len(data):
            raise BundleError("data ends early")
        raw = bytes(data[at:at + argument])
        return (raw if major == 2 else raw.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _cbor_item(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = _cbor_item(data, at)
            value, at = _cbor_item(data, at)
            if isinstance(key, list):
                raise BundleError("unsupported CBOR map key")
            mapping[key] = value
        return mapping, at
    if major == 7:
        return {20: False, 21: True, 22: None}.get(info, argument), at
    raise BundleError("unsupported CBOR tag")


def _reason(error):
    return str(error) or type(error).__name__
