"""The review-pack workflows (docs/review-pack.md): the pull request's run gathers the pack without
any secret, even when the check or the build fails; preview-publish.yml, which may write, never
checks out or runs the pull request's code and passes the artifact's values only through files
and environment variables."""

import re

from test_workflows import WORKFLOWS, actionlint, load


def steps_of(name):
    return [step for job in load(name)["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_passes_the_preview_workflow():
    result = actionlint(WORKFLOWS / "preview-publish.yml", WORKFLOWS / "pull-request.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_gathers_and_uploads_the_pack_even_when_check_or_build_fail():
    jobs = load("pull-request.yml")["jobs"]
    # The check and the tests run in their own job (check-and-test.yml): the preview never waits for them.
    assert "needs" not in jobs["preview"]
    steps = jobs["preview"]["steps"]
    names = [step.get("run", step.get("uses", "")) for step in steps]
    build = next(step for step in steps if step.get("run") == "make html")
    tools = next(step for step in steps if step.get("run") == "make setup-dev")
    gather = next(step for step in steps if "tools.review_pack" in step.get("run", ""))
    upload = next(step for step in steps if step.get("with", {}).get("name") == "review-pack")
    for step in (build, tools, gather, upload):
        assert step["if"] == "${{ !cancelled() }}"
    assert names.index("make html") < steps.index(tools) < steps.index(gather) < steps.index(upload)
    assert "--axe" in gather["run"] and "--build" in gather["run"]
    # The build's address and the pack's agree: the preview's links work where it is published.
    assert gather["env"]["SITE_URL"] in build["env"]["PELICANOPTS"]
    assert load("pull-request.yml")["permissions"] == {"contents": "read"}


def test_preview_publish_runs_after_the_pull_request_workflow_only():
    workflow = load("preview-publish.yml")
    assert workflow[True] == {"workflow_run": {"workflows": [load("pull-request.yml")["name"]], "types": ["completed"]}}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]


def test_preview_publish_never_runs_the_pull_requests_code():
    workflow = load("preview-publish.yml")
    [job] = workflow["jobs"].values()
    checkouts = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    own, previews = checkouts
    assert own["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert own["with"]["persist-credentials"] is False
    assert previews["with"]["repository"] == "${{ env.PREVIEWS_REPOSITORY }}"
    text = (WORKFLOWS / "preview-publish.yml").read_text(encoding="utf-8")
    assert "head_branch" not in text and "pull_request.head" not in text
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    # The only program run is the default branch's tool; the pack's files are only copied.
    assert not re.search(r"\b(make|pip|pelican|\.venv|pack/[\w/.-]*\.(py|sh))\b", runs)
    assert "python3 trusted/tools/review_comment.py" in runs
    # Nothing from the artifact or the event is put into a script by the workflow's ${{ }}.
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_one_sticky_comment_marked_as_the_renderer_marks_it():
    from tools.review_comment import MARKER

    runs = "\n".join(step.get("run", "") for step in steps_of("preview-publish.yml"))
    assert f'startswith("{MARKER}")' in runs
    assert "--method PATCH" in runs and "--method POST" in runs


def test_every_action_the_review_pack_adds_is_pinned_by_commit():
    """A tag can be moved to other code; a full commit SHA cannot (as the other workflows)."""
    [upload] = [step for step in steps_of("pull-request.yml") if step.get("with", {}).get("name") == "review-pack"]
    added = [upload] + [step for step in steps_of("preview-publish.yml") if "uses" in step]
    assert len(added) == 3
    for step in added:
        assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
