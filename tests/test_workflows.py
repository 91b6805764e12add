"""The GitHub workflows: valid for actionlint, and doing what the editor guide promises."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
#: actionlint's binary, installed into the virtual environment by requirements.txt
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(*files):
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def load(name):
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def run_lines(job):
    return [step.get("run", "") for step in job["steps"]]


def uses(job):
    return [step.get("uses", "").split("@")[0] for step in job["steps"]]


#: The reusable workflow both others call for the check and the tests.
CHECK_AND_TEST = "./.github/workflows/check-and-test.yml"


def check_and_test_job():
    [job] = load("check-and-test.yml")["jobs"].values()
    return job


def test_actionlint_passes():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["check-and-test.yml", "deploy.yml", "preview-publish.yml", "pull-request.yml"]
    result = actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8").replace("needs: build", "needs: bulid")
    broken.write_text(text, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and "bulid" in result.stdout


def test_check_and_test_is_one_reusable_workflow():
    workflow = load("check-and-test.yml")
    assert set(workflow[True]) == {"workflow_call"}  # PyYAML reads the key `on` as True
    steps = run_lines(check_and_test_job())
    order = [steps.index(command) for command in ("bash .ci/install", "make check", "make test")]
    assert order == sorted(order)
    checkout = next(step for step in check_and_test_job()["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "the translation check reads the history"


def dry_run(target):
    """What `make <target>` would run in a fresh clone (nothing is run)."""
    result = subprocess.run(["make", "-n", target, "VENV=/nonexistent"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_test_lints_and_installs_the_dev_lock_while_building_needs_only_the_runtime_lock():
    tests = dry_run("test")
    assert "ruff check ." in tests
    assert "pip install --quiet --require-hashes -r requirements-dev.txt" in tests
    for target in ("html", "serve", "publish"):
        steps = dry_run(target)
        assert "pip install --quiet --require-hashes -r requirements.txt" in steps
        assert "requirements-dev" not in steps


def test_failed_tests_leave_their_logs_and_screenshots():
    job = check_and_test_job()
    test = next(step for step in job["steps"] if step.get("run") == "make test")
    upload = job["steps"][job["steps"].index(test) + 1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["if"] == "${{ failure() }}" and upload["with"]["path"] == "test-artifacts/"


def test_the_virtual_environment_is_cached_by_the_locks():
    [cache] = [step for step in check_and_test_job()["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == ".venv"
    assert "hashFiles('requirements.txt', 'requirements-dev.txt')" in cache["with"]["key"]
    assert "restore-keys" not in cache["with"], "a virtual environment of other locks is never restored"


def test_pull_request_checks_builds_a_preview_and_tests():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    jobs = workflow["jobs"]
    assert jobs["check-and-test"]["uses"] == CHECK_AND_TEST
    job = jobs["preview"]
    steps = run_lines(job)
    assert "make html" in steps and "make check" not in steps and "make test" not in steps
    assert "actions/upload-artifact" in uses(job)
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "output/"
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "the review pack reads the changes since the base"
    assert "bash .ci/install" in steps
    assert workflow["permissions"] == {"contents": "read"}


def test_deploy_only_after_every_step_of_the_build():
    workflow = load("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    tested, build, deploy = (workflow["jobs"][name] for name in ("check-and-test", "build", "deploy"))
    assert tested["uses"] == CHECK_AND_TEST and "with" not in tested, "every warning counts on main"
    assert build["needs"] == "check-and-test" and deploy["needs"] == "build"
    assert "if" not in deploy and "if" not in build
    assert not any("continue-on-error" in step for step in build["steps"] + check_and_test_job()["steps"])
    steps = run_lines(build)
    assert "make publish" in steps and "make test" not in steps
    publish = next(step for step in build["steps"] if step.get("run") == "make publish")
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert uses(build)[-1] == "actions/upload-pages-artifact"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("name", ["check-and-test.yml", "deploy.yml", "pull-request.yml"])
def test_workflows_install_what_ci_installs(name):
    jobs = [job for job in load(name)["jobs"].values() if "steps" in job and "container" in job]
    assert jobs
    for job in jobs:
        assert job["container"] == "debian:bookworm"
        assert "bash .ci/install" in run_lines(job)
    assert "bash .ci/install" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# --- what a pull request can and cannot steer (docs/security.md, "CI and workflows") --------------

def every_step(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["check-and-test.yml", "deploy.yml", "pull-request.yml"])
def test_third_party_actions_are_pinned_by_commit(name):
    """A tag can be moved to other code; a full commit SHA cannot. The version stays as a comment."""
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses_lines = [line.strip() for line in text.splitlines() if line.strip().lstrip("- ").startswith("uses:")]
    jobs = load(name)["jobs"].values()
    assert len(uses_lines) == sum("uses" in step for step in every_step(load(name))) + sum("uses" in job for job in jobs)
    for line in uses_lines:
        reference = line.lstrip("- ").removeprefix("uses:").strip()
        if reference.startswith(("./", "docker://")):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", reference), line


@pytest.mark.parametrize("name", ["check-and-test.yml", "deploy.yml", "pull-request.yml"])
def test_checkout_keeps_no_credentials(name):
    checkouts = [step for step in every_step(load(name)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_deploy_never_restores_a_cache_and_pull_requests_only_their_own():
    # The published site's build restores nothing; the tests' only cache is the virtual environment.
    assert not any(step.get("uses", "").startswith("actions/cache") for step in every_step(load("deploy.yml")))
    [venv] = [step for step in every_step(load("check-and-test.yml")) if step.get("uses", "").startswith("actions/cache")]
    assert venv["with"]["path"] == ".venv"
    [cache] = [step for step in every_step(load("pull-request.yml")) if step.get("uses", "").startswith("actions/cache")]
    own = "images-pr-${{ github.event.pull_request.number }}-"
    assert cache["with"]["key"].startswith(own) and cache["with"]["restore-keys"] == own


def test_least_permissions():
    deploy, pull_request, tests = load("deploy.yml"), load("pull-request.yml"), load("check-and-test.yml")
    assert deploy["permissions"] == pull_request["permissions"] == tests["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in tests["jobs"].values())
    assert "permissions" not in deploy["jobs"]["check-and-test"]
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert all("permissions" not in job for job in pull_request["jobs"].values())


def test_pull_request_annotates_only_what_it_changed():
    called = load("pull-request.yml")["jobs"]["check-and-test"]
    assert called["with"]["check-base-ref"] == "origin/${{ github.base_ref }}"
    check = next(step for step in check_and_test_job()["steps"] if step.get("run") == "make check")
    assert check["env"]["CHECK_BASE_REF"] == "${{ inputs.check-base-ref }}"
