#!/usr/bin/env python3
"""Runs the Maven command lines of .github/workflows/{deploy,ci}.yml as their jobs would.

Each job gets a clean clone of HEAD (as actions/checkout gives it) and a local Maven repository
without any of this project's artifacts (as a fresh runner has), then its `run:` steps run as
written, in order; artifacts go from upload-artifact to download-artifact steps as on GitHub.
Stand-ins, all local: the ECR repository is the test registry (127.0.0.1:5000), the official
Lambda base image the offline test base image, and the AWS CDK CLI (which would call AWS) a
script that checks the synthesized cloud assembly it is given. Jobs that are not meant to use the
Docker Engine run with DOCKER_HOST pointing at a closed port, and no job gets the test environment
of scripts/env-up.sh (the plugin's integration tests would fail): a job whose commands need what
it does not set up fails this check. Matrix entries run for this machine's architecture only.

The command lines are read from the workflows at HEAD, never repeated here. Usage:
  python3 scripts/workflow-check.py [--keep] [<workflow>:<job> ...]
    --keep           leave the work directory
    <workflow>:<job> check only these jobs (and the ones they need), e.g. deploy.yml:registry
"""
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import yaml
except ImportError:
    sys.exit("workflow-check: PyYAML is missing; install it (apt-get install python3-yaml)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKFLOWS = ["deploy.yml", "ci.yml"]
# GitHub's runners all have Docker; only these jobs are meant to use it.
ENGINE_JOBS = {("deploy.yml", "image")}
# ci.yml's steps that are this test command itself (which runs this check) and its environment.
SELF_STEPS = ("bash scripts/test.sh", "bash scripts/env-up.sh")
REGISTRY = "127.0.0.1:5000"
TEST_BASE_IMAGE = REGISTRY + "/lambda-image-test/java-base:17"
CHECK_REPOSITORY = REGISTRY + "/lambda-image-ci-check/handler"
CLOSED = "127.0.0.1:9"
ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}[
    platform.machine().lower()]

CDK_STAND_IN = """#!/bin/sh
# Stand-in for the AWS CDK CLI (which would call AWS): checks the cloud assembly it is given.
echo "cdk stand-in: $*" >> "$CDK_STAND_IN_LOG"
app=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--app" ]; then app="$2"; fi
  shift
done
if [ ! -f "$app/manifest.json" ]; then
  echo "cdk stand-in: no cloud assembly at '$app'" >&2
  exit 1
fi
echo "cdk stand-in: cloud assembly $app with $(ls "$app"/*.template.json | wc -l) templates"
"""


def fail(message):
    print("workflow-check: FAILED: " + message, file=sys.stderr)
    sys.exit(1)


def evaluate(expression, context):
    """A ${{ }} expression of the forms the workflows use: a.b, a.b || 'literal'."""
    alternatives = [part.strip() for part in expression.split("||")]
    for alternative in alternatives:
        literal = re.fullmatch(r"'([^']*)'", alternative)
        if literal:
            return literal.group(1)
        if alternative not in context:
            fail("expression '${{ %s }}' is not one this check can stand in for; add it to the"
                 " check's context" % expression)
        if context[alternative]:
            return context[alternative]
    return ""


def substitute(text, context):
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: evaluate(m.group(1), context), str(text))


def run(command, cwd, env, log):
    print("workflow-check: $ " + command.replace("\n", "\n    "), flush=True)
    with open(log, "a") as out:
        out.write("\n$ " + command + "\n")
        out.flush()
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=cwd, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    return result.returncode


def tail_repository(work):
    """The runner's Maven cache: ~/.m2/repository without this project's artifacts."""
    home_repo = os.path.expanduser("~/.m2/repository")
    if not os.path.isdir(os.path.join(home_repo, "io", "github", "lambdaimage")):
        return home_repo
    filtered = os.path.join(work, "m2-cache")
    subprocess.run(["cp", "-al", home_repo, filtered], check=True)
    shutil.rmtree(os.path.join(filtered, "io", "github", "lambdaimage"))
    return filtered


def matrix_entries(job):
    matrix = (job.get("strategy") or {}).get("matrix")
    if not matrix:
        return [{}]
    if "include" in matrix:
        entries = matrix["include"]
    else:
        keys = [k for k in matrix if k != "exclude"]
        entries = [{}]
        for key in keys:
            entries = [dict(e, **{key: v}) for e in entries for v in matrix[key]]
    native = [e for e in entries if e.get("arch", ARCH) == ARCH]
    return native or entries[:1]


def check_job(workflow, job_id, job, entry, work, tail, artifacts, sha, stand_in):
    name = "%s %s%s" % (workflow, job_id, (" " + str(entry)) if entry else "")
    started = time.time()
    clone = os.path.join(work, re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-"))
    subprocess.run(["git", "clone", "-q", "--shared", "--no-checkout", ROOT, clone], check=True)
    subprocess.run(["git", "-C", clone, "checkout", "-q", sha], check=True)
    context = {"github.sha": sha, "vars.ECR_REPOSITORY": CHECK_REPOSITORY,
               "vars.LAMBDA_ARCH": ARCH, "vars.AWS_REGION": "us-east-1",
               "vars.AWS_DEPLOY_ROLE_ARN": "arn:aws:iam::123456789012:role/ci-check",
               "vars.DEBIAN_MIRROR": ""}
    context.update({"matrix." + k: str(v) for k, v in entry.items()})
    engine = (workflow, job_id) in ENGINE_JOBS
    maven_args = ["-Dmaven.repo.local=" + os.path.join(clone, ".m2-job"),
                  "-Dmaven.repo.local.tail=" + tail,
                  "-Dcdk.executable=" + stand_in]
    env = dict(os.environ, GITHUB_WORKSPACE=clone, CI="true",
               CDK_STAND_IN_LOG=os.path.join(work, "cdk-stand-in.log"))
    if engine:
        # the official Lambda base image is not reachable here: the offline test base image;
        # the test environment of scripts/env-up.sh is not set up in these jobs
        maven_args += ["-Dlambda.runtime=custom", "-Dlambda.baseImage=" + TEST_BASE_IMAGE,
                       "-Dlambda.test.registry=" + CLOSED,
                       "-Dlambda.test.baseImage=" + CLOSED + "/absent/java-base:17"]
    else:
        # without an engine, anything needing the engine or the test environment fails
        env["DOCKER_HOST"] = "tcp://" + CLOSED
    env["MAVEN_ARGS"] = " ".join(maven_args)
    log = os.path.join(work, os.path.basename(clone) + ".log")
    ran_maven = 0
    for step in job.get("steps", []):
        uses = step.get("uses", "")
        inputs = {k: substitute(v, context) for k, v in (step.get("with") or {}).items()}
        if uses.startswith("actions/upload-artifact@"):
            source = os.path.join(clone, inputs["path"])
            if not os.path.isfile(source):
                fail("%s: upload-artifact finds no %s" % (name, inputs["path"]))
            target = os.path.join(artifacts, inputs["name"])
            os.makedirs(target, exist_ok=True)
            shutil.copy(source, target)
        elif uses.startswith("actions/download-artifact@"):
            pattern = re.compile(inputs.get("pattern", "*").replace("*", ".*"))
            for artifact in sorted(os.listdir(artifacts)):
                if pattern.fullmatch(artifact):
                    shutil.copytree(os.path.join(artifacts, artifact),
                                    os.path.join(clone, inputs.get("path", "."), artifact))
        elif "run" in step:
            script = substitute(step["run"], context)
            if "sudo" in script and ("mvnw" in script or "test.sh" in script):
                fail("%s: Maven runs under sudo, so setup-java's Maven cache (the runner user's"
                     " ~/.m2) is not used: %s" % (name, script.strip()))
            if "./mvnw" not in script:
                if not any(s in script for s in SELF_STEPS):
                    fail("%s: run step without Maven this check does not know: %s"
                         % (name, script.strip()))
                print("workflow-check: %s: '%s' is part of the test command running this check"
                      % (name, script.strip()))
                continue
            step_env = dict(env, **{k: substitute(v, context)
                                    for k, v in (step.get("env") or {}).items()})
            ran_maven += 1
            if run(script, clone, step_env, log) != 0:
                fail("%s: step '%s' failed; the job's commands need something it does not set up"
                     " (engine %s). Log: %s"
                     % (name, step.get("name", script.strip()[:60]),
                        "available" if engine else "unreachable", log))
    print("workflow-check: %s: %d Maven step(s) passed in %.0f s"
          % (name, ran_maven, time.time() - started), flush=True)
    return ran_maven


def wanted(workflow, jobs, selected):
    """The jobs to check, in the workflow's order: all, or the selected ones and their needs."""
    if not selected:
        return list(jobs)
    chosen = set()
    pending = [a.split(":", 1)[1] for a in selected if a.split(":", 1)[0] == workflow]
    while pending:
        job_id = pending.pop()
        if job_id not in jobs:
            fail("%s has no job '%s'" % (workflow, job_id))
        if job_id not in chosen:
            chosen.add(job_id)
            needs = jobs[job_id].get("needs") or []
            pending.extend([needs] if isinstance(needs, str) else needs)
    return [job_id for job_id in jobs if job_id in chosen]


def main():
    keep = "--keep" in sys.argv[1:]
    selected = [a for a in sys.argv[1:] if a != "--keep"]
    sha = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], check=True,
                         capture_output=True, text=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="lambda-image-workflow-check-")
    stand_in = os.path.join(work, "cdk")
    with open(stand_in, "w") as out:
        out.write(CDK_STAND_IN)
    os.chmod(stand_in, 0o755)
    artifacts = os.path.join(work, "artifacts")
    os.makedirs(artifacts)
    tail = tail_repository(work)
    total = 0
    try:
        for workflow in WORKFLOWS:
            text = subprocess.run(["git", "-C", ROOT, "show", "%s:.github/workflows/%s"
                                   % (sha, workflow)], check=True, capture_output=True,
                                  text=True).stdout
            jobs = yaml.safe_load(text)["jobs"]
            for job_id in wanted(workflow, jobs, selected):
                for entry in matrix_entries(jobs[job_id]):
                    total += check_job(workflow, job_id, jobs[job_id], entry, work, tail,
                                       artifacts, sha, stand_in)
        if total == 0 and not selected:
            fail("no Maven command line found in the workflows")
        print("workflow-check: every job ran its %d Maven step(s) on a clean clone of %s"
              % (total, sha[:12]))
    except SystemExit:
        keep = True  # the failure names a log in the work directory
        raise
    finally:
        subprocess.run(["docker", "image", "rm", "-f"] +
                       ["%s:%s-%s" % (CHECK_REPOSITORY, sha, ARCH)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if keep:
            print("workflow-check: work directory kept: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
