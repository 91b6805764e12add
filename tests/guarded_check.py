"""`python -m plugins.contract.check` on many content folders, each in a process of its own with a
wall-clock and an address-space limit, without paying Python's start and imports for each.

Run as a script, this is a small fork server: it imports the check once, then for every content
folder written on its standard input (one path a line) it forks a child that sets the limits,
sends its output to two files and runs the check's `main`, exactly as the command would; it answers
with the child's exit status (negative: killed by that signal, SIGALRM for the time limit).
`GuardedCheck` (used by tests/test_hostile_content.py) starts and drives it.
"""

import json
import os
import resource
import signal
import subprocess
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(content, out, timeout, memory):
    """In the forked child: the limits, the output files, then the check. Never returns."""
    code = 1
    try:
        signal.alarm(timeout)  # no handler: the kernel ends the process, whatever it is doing
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        for fd, name in ((1, "stdout"), (2, "stderr")):
            os.dup2(os.open(Path(out) / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        from plugins.contract.check import main

        code = main([content])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # what the interpreter would print for an uncaught exception
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(timeout, memory):
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import plugins.contract.check  # noqa: F401  (imported once, here, for every child)

    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run_child(request["content"], request["out"], timeout, memory)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)


class GuardedCheck:
    """check(content) -> CompletedProcess-like result of the check on `content`, run by the server."""

    def __init__(self, timeout, memory):
        self.timeout = timeout
        self.server = subprocess.Popen(
            [sys.executable, __file__, str(timeout), str(memory)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=dict(os.environ, COLUMNS="400"),
        )

    def __call__(self, content):
        out = Path(content).parent / "check-output"
        out.mkdir()
        self.server.stdin.write(json.dumps({"content": str(content), "out": str(out)}) + "\n")
        self.server.stdin.flush()
        answer = self.server.stdout.readline()
        assert answer, "the check server has stopped"
        returncode = json.loads(answer)["returncode"]
        assert returncode != -signal.SIGALRM, f"the check took more than {self.timeout} s"
        return subprocess.CompletedProcess(
            ["check", str(content)], returncode,
            (out / "stdout").read_text(encoding="utf-8", errors="replace"),
            (out / "stderr").read_text(encoding="utf-8", errors="replace"),
        )

    def close(self):
        self.server.stdin.close()
        self.server.wait(timeout=30)


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
