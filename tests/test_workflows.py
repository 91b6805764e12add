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


def test_actionlint_passes():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["deploy.yml", "preview-publish.yml", "pull-request.yml"]
    result = actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8").replace("needs: build", "needs: bulid")
    broken.write_text(text, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and "bulid" in result.stdout


def test_pull_request_checks_builds_a_preview_and_tests():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    [job] = workflow["jobs"].values()
    steps = run_lines(job)
    order = [steps.index(command) for command in ("make check", "make html", "make test")]
    assert order == sorted(order)
    assert "actions/upload-artifact" in uses(job)
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "output/"
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "the translation check reads the history"
    assert "bash .ci/install" in steps
    assert workflow["permissions"] == {"contents": "read"}


def test_deploy_only_after_every_step_of_the_build():
    workflow = load("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "if" not in deploy and not any("continue-on-error" in step for step in build["steps"])
    steps = run_lines(build)
    order = [steps.index(command) for command in ("make check", "make test", "make publish")]
    assert order == sorted(order)
    publish = next(step for step in build["steps"] if step.get("run") == "make publish")
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert uses(build)[-1] == "actions/upload-pages-artifact"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("name", ["deploy.yml", "pull-request.yml"])
def test_workflows_install_what_ci_installs(name):
    job = next(iter(load(name)["jobs"].values()))
    assert job["container"] == "debian:bookworm"
    assert "bash .ci/install" in run_lines(job)
    assert "bash .ci/install" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# --- what a pull request can and cannot steer (docs/security.md, "CI and workflows") --------------

def every_step(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["deploy.yml", "pull-request.yml"])
def test_third_party_actions_are_pinned_by_commit(name):
    """A tag can be moved to other code; a full commit SHA cannot. The version stays as a comment."""
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses_lines = [line.strip() for line in text.splitlines() if line.strip().lstrip("- ").startswith("uses:")]
    assert len(uses_lines) == sum("uses" in step for step in every_step(load(name)))
    for line in uses_lines:
        reference = line.lstrip("- ").removeprefix("uses:").strip()
        if reference.startswith(("./", "docker://")):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", reference), line


@pytest.mark.parametrize("name", ["deploy.yml", "pull-request.yml"])
def test_checkout_keeps_no_credentials(name):
    checkouts = [step for step in every_step(load(name)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_deploy_never_restores_a_cache_and_pull_requests_only_their_own():
    assert not any(step.get("uses", "").startswith("actions/cache") for step in every_step(load("deploy.yml")))
    [cache] = [step for step in every_step(load("pull-request.yml")) if step.get("uses", "").startswith("actions/cache")]
    own = "images-pr-${{ github.event.pull_request.number }}-"
    assert cache["with"]["key"].startswith(own) and cache["with"]["restore-keys"] == own


def test_least_permissions():
    deploy, pull_request = load("deploy.yml"), load("pull-request.yml")
    assert deploy["permissions"] == pull_request["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert all("permissions" not in job for job in pull_request["jobs"].values())


def test_pull_request_annotates_only_what_it_changed():
    [job] = load("pull-request.yml")["jobs"].values()
    check = next(step for step in job["steps"] if step.get("run") == "make check")
    assert check["env"]["CHECK_BASE_REF"] == "origin/${{ github.base_ref }}"
