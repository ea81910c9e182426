"""The ways of building the same handler image: lambda-image, the docker CLI (classic builder,
and BuildKit where the CLI and engine have it), Jib.

Each tool works on its own copy of the handler module, so their target directories never mix, and
offers the same operations: build (the command a developer re-runs), push, and the image record
that lets lambda-image:invoke run its image.
"""

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from measure import (
    MAVEN_TIMESTAMPS,
    context_tar_bytes,
    inspect_image,
    engine_windows,
    mojo_seconds,
    payload_bytes,
    run,
)
from synthetic import dependency_size, write_payload

HANDLER = "io.github.lambdaimage.example.HelloHandler::handleRequest"
RUNTIME_CLIENT = ("com.amazonaws", "aws-lambda-java-runtime-interface-client", "2.10.1")
JIB = "com.google.cloud.tools:jib-maven-plugin:3.5.2"
ENTRYPOINT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
JVM_FLAGS = ["-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"]
CONSTANT = re.compile(r'(DEFAULT_NAME = ")[^"]*(")')


@dataclass
class Build:
    """One build: the whole command's wall time (timed from outside, every command of the flow
    summed), the image step's time, the image built, and the commands' CPU seconds and the Maven
    JVM's peak RSS."""

    wall: float
    step: float
    image: str
    cpu: float = 0.0
    rss: int = 0
    context_bytes: int | None = None
    context_payload: int | None = None
    own_step: float | None = None
    engine: float | None = None
    log: str = ""


@dataclass
class Push:
    """One push: the push step's time, the whole command's, where it went, CPU and peak RSS."""

    step: float
    wall: float
    repository: str
    tag: str
    cpu: float = 0.0
    rss: int = 0


@dataclass
class Scenario:
    """One function to build: the reference handler as it is, or with synthetic dependency jars
    and an application payload (see synthetic.py); `archs` it is measured on."""

    name: str
    archs: list
    dependencies: list = field(default_factory=list)
    payload: int = 0
    invoke: bool = True

    def describe(self):
        if not self.dependencies and not self.payload:
            return "handler (2 dependency jars, 7 kB application jar)"
        jars = sum(dependency_size(int(a[len("dep-"):])) for _, a, _ in self.dependencies)
        return (
            f"{len(self.dependencies)} synthetic dependency jars ({jars / 1e6:.1f} MB),"
            f" application payload {self.payload / 1e6:g} MB"
        )


class Maven:
    """Maven from the project's wrapper, on a separate local repository that reads ~/.m2 first
    and Maven Central for what ~/.m2 lacks (Jib, on a machine that never ran it)."""

    def __init__(self, repo_root, bench_dir):
        home = re.search(r"Maven home: (\S+)", run(["./mvnw", "--version"], cwd=repo_root).output)
        self.executable = str(Path(home.group(1)) / "bin/mvn")
        self.settings = Path(bench_dir) / "settings.xml"
        self.local_repository = Path(bench_dir) / "repo"
        repository = (
            "<id>users-local-repository</id>"
            f"<url>{(Path.home() / '.m2/repository').as_uri()}</url>"
            "<snapshots><enabled>false</enabled></snapshots>"
        )
        self.settings.write_text(
            "<settings><profiles><profile><id>users-local-repository</id>"
            f"<repositories><repository>{repository}</repository></repositories>"
            f"<pluginRepositories><pluginRepository>{repository}</pluginRepository>"
            "</pluginRepositories></profile></profiles>"
            "<activeProfiles><activeProfile>users-local-repository</activeProfile>"
            "</activeProfiles></settings>\n"
        )

    offline = True

    def run(self, project, *args, offline=None):
        """Runs Maven in `project`, offline unless told otherwise or during the warm-up."""
        command = [self.executable, "-B", "-s", str(self.settings)]
        command += [f"-Dmaven.repo.local={self.local_repository}", *MAVEN_TIMESTAMPS]
        if self.offline if offline is None else offline:
            command.append("-o")
        return run(command + list(args), cwd=project)


def copy_handler(repo_root, destination, scenario, keep_plugin=True, extra_dependency=None):
    """Copies the handler module's pom.xml and main sources to `destination` (not its tests, which
    assert the constant the benchmark changes), adds the scenario's dependencies and payload; the
    parent comes from the local repository. Without `keep_plugin` the pom loses its <build>
    (lambda-image) section."""
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(Path(repo_root) / "handler/src/main", Path(destination) / "src/main")
    pom = (Path(repo_root) / "handler/pom.xml").read_text()
    pom = pom.replace("</parent>", "  <relativePath/>\n  </parent>", 1)
    if not keep_plugin:
        pom = re.sub(r"\s*<build>.*</build>", "", pom, flags=re.DOTALL)
    extra = list(scenario.dependencies) + ([extra_dependency] if extra_dependency else [])
    pom = pom.replace(
        "</dependencies>",
        "".join(
            f"  <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId>"
            f"<version>{version}</version></dependency>\n"
            for group, artifact, version in extra
        )
        + "  </dependencies>",
    )
    (Path(destination) / "pom.xml").write_text(pom)
    if scenario.payload:
        write_payload(destination, scenario.payload)


def context_files(context, log):
    """Bytes of the files lambda-image sent from its context directory, without Dockerfiles: all
    of it for a single build; app/ when it built on its dependencies image, plus lib/ and runtime/
    when it also built that image."""
    if "dependencies image " not in log:
        return payload_bytes(context, [p.name for p in Path(context).iterdir() if p.name != "Dockerfile"])
    sent = ["app"] + (["lib", "runtime"] if "Sending dependencies context" in log else [])
    return payload_bytes(context, [name for name in sent if (Path(context) / name).exists()])


def sent_context_bytes(log):
    """The bytes lambda-image sent to the engine: its 'Sending build context of N bytes' line plus,
    when it built its dependencies image, that one's 'Sending dependencies context of N bytes'."""
    sizes = [int(n) for n in re.findall(r"Sending (?:build|dependencies) context of (\d+) bytes", log)]
    return sum(sizes) if sizes else None


def engine_seconds(log, arch):
    """lambda-image's 'Sending build context' to 'Built' for a one-architecture build, or None."""
    window = engine_windows(log, [arch]).get(arch) if "," not in arch else None
    return window[1] - window[0] if window else None


def change_class(project, value):
    """The one-class change: a new value of Greeting's string constant DEFAULT_NAME."""
    source = Path(project) / "src/main/java/io/github/lambdaimage/example/Greeting.java"
    text, count = CONSTANT.subn(rf"\g<1>{value}\g<2>", source.read_text())
    assert count == 1, "Greeting.DEFAULT_NAME not found"
    source.write_text(text)


def write_image_record(project, arch, image, repository, tag):
    """target/lambda-image/<arch>/image.json for an image another tool built, so that
    lambda-image:invoke can run it the same way as its own."""
    record = {
        "architecture": arch,
        "lambdaArchitecture": "x86_64" if arch == "amd64" else "arm64",
        "platform": f"linux/{arch}",
        "repository": repository,
        "tag": tag,
        "imageId": inspect_image(image)["Id"],
        "handler": HANDLER,
        "verifiedArchitecture": arch,
    }
    directory = Path(project) / "target/lambda-image" / arch
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "image.json").write_text(json.dumps(record, indent=2) + "\n")


class LambdaImage:
    """lambda-image:build bound to package in the handler module, custom runtime on the base."""

    name = "lambda-image"
    slug = "plugin"

    def __init__(self, maven, repo_root, work, base, repository, scenario):
        self.maven, self.project = maven, Path(work) / "lambda-image/handler"
        self.base, self.repository, self.tag = base, repository, "bench"
        copy_handler(repo_root, self.project, scenario)

    def image_name(self, arch):
        return f"{self.repository}:{self.tag}-{arch}"

    def properties(self, arch):
        return [
            "-Dlambda.runtime=custom",
            f"-Dlambda.baseImage={self.base}",
            f"-Dlambda.arch={arch}",
            f"-Dlambda.image.repository={self.repository}",
            f"-Dlambda.image.tag={self.tag}",
        ]

    def build(self, arch, extra=()):
        result = self.maven.run(self.project, "package", *self.properties(arch), *extra)
        own = re.search(r"lambda-image:build took (\d+) ms", result.output)
        if not own:
            raise RuntimeError("lambda-image:build logged no elapsed time:\n" + result.output[-3000:])
        context = sent_context_bytes(result.output)
        return Build(
            wall=result.wall,
            step=mojo_seconds(result.output, r"lambda-image:[^:]+:build "),
            image=self.image_name(arch),
            cpu=result.cpu,
            rss=result.rss,
            context_bytes=context,
            context_payload=(
                context_files(self.project / f"target/lambda-image/{arch}/context", result.output)
                if context is not None and "," not in arch
                else None
            ),
            own_step=int(own.group(1)) / 1000,
            engine=engine_seconds(result.output, arch),
            log=result.output,
        )

    def push(self, arch):
        result = self.maven.run(self.project, "lambda-image:push", *self.properties(arch))
        return Push(
            mojo_seconds(result.output, r"lambda-image:[^:]+:push "),
            result.wall, self.repository, f"{self.tag}-{arch}", result.cpu, result.rss,
        )

    def invoke_project(self, arch):
        return self.project


class DockerCli:
    """`docker build` of a hand-written Dockerfile of the kind AWS documents: the classic builder
    (DOCKER_BUILDKIT=0), or BuildKit (DOCKER_BUILDKIT=1) when the CLI and engine have it."""

    CONTEXT = ["Dockerfile", ".dockerignore", "runtime", "target/classes", "target/dependency"]

    def __init__(self, maven, repo_root, work, base, repository, scenario, buildkit=False):
        self.name = "docker CLI BuildKit" if buildkit else "docker CLI"
        self.slug = "cli-bk" if buildkit else "cli"
        self.buildkit = buildkit
        self.maven, self.project = maven, Path(work) / f"{self.slug}/handler"
        self.base, self.repository = base, repository
        copy_handler(repo_root, self.project, scenario, keep_plugin=False)
        (self.project / "Dockerfile").write_text(self._dockerfile())
        (self.project / ".dockerignore").write_text(
            "*\n!runtime\n!target/classes\n!target/dependency\n"
        )
        self._fetch_runtime_client(work)

    def _dockerfile(self):
        entrypoint = json.dumps(
            ["java", *JVM_FLAGS, "-cp", "/var/runtime/lib/*:/var/task:/var/task/lib/*",
             ENTRYPOINT_MAIN]
        )
        return (
            "# Hand-written, as AWS documents for Java images; per-architecture base tag, because\n"
            "# the classic builder resolves FROM against the local store whatever --platform says.\n"
            "ARG BASE_IMAGE\n"
            "FROM ${BASE_IMAGE}\n"
            "ENV LAMBDA_TASK_ROOT=/var/task\n"
            "WORKDIR ${LAMBDA_TASK_ROOT}\n"
            "COPY runtime/* /var/runtime/lib/\n"
            "COPY target/dependency/* ${LAMBDA_TASK_ROOT}/lib/\n"
            "COPY target/classes ${LAMBDA_TASK_ROOT}\n"
            f"ENTRYPOINT {entrypoint}\n"
            f'CMD ["{HANDLER}"]\n'
        )

    def _fetch_runtime_client(self, work):
        """The runtime interface client's jars, into runtime/ (what the AWS docs have users add)."""
        helper = Path(work) / f"runtime-client-{self.slug}"
        helper.mkdir(parents=True, exist_ok=True)
        group, artifact, version = RUNTIME_CLIENT
        (helper / "pom.xml").write_text(
            "<project><modelVersion>4.0.0</modelVersion><groupId>bench</groupId>"
            "<artifactId>runtime-client</artifactId><version>1</version><dependencies><dependency>"
            f"<groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}"
            "</version></dependency></dependencies></project>\n"
        )
        self.maven.run(
            helper,
            "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={self.project / 'runtime'}",
            offline=False,
        )

    def image_name(self, arch):
        return f"{self.repository}:{arch}"

    def build(self, arch):
        image = self.image_name(arch)
        mvn = self.maven.run(
            self.project, "package", "dependency:copy-dependencies", "-DincludeScope=runtime"
        )
        docker = run(
            ["docker", "build", "--platform", f"linux/{arch}", "--network", "host",
             "--build-arg", f"BASE_IMAGE={self.base}-{arch}", "-t", image, "."],
            cwd=self.project,
            env={"DOCKER_BUILDKIT": "1" if self.buildkit else "0"},
        )
        return Build(
            wall=mvn.wall + docker.wall,
            step=docker.wall,
            image=image,
            cpu=mvn.cpu + docker.cpu,
            rss=mvn.rss,
            context_bytes=context_tar_bytes(self.project, self.CONTEXT),
            context_payload=payload_bytes(self.project, self.CONTEXT[2:]),
        )

    def push(self, arch):
        result = run(["docker", "push", f"{self.repository}:{arch}"])
        return Push(result.wall, result.wall, self.repository, arch, result.cpu, 0)

    def invoke_project(self, arch):
        write_image_record(self.project, arch, f"{self.repository}:{arch}", self.repository, arch)
        return self.project


def buildkit_available(base, arch, directory):
    """None when `DOCKER_BUILDKIT=1 docker build` works with this CLI and engine (tried on a
    one-line Dockerfile from the base), else the reason, from the CLI's first error line."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Dockerfile").write_text(f"FROM {base}-{arch}\n")
    result = run(
        ["docker", "build", "-q", "--platform", f"linux/{arch}", "--network", "host", "."],
        cwd=directory, env={"DOCKER_BUILDKIT": "1"}, check=False,
    )
    if result.output.strip().startswith("sha256:") and "ERROR" not in result.output:
        return None
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    return lines[0] if lines else "docker build with DOCKER_BUILDKIT=1 failed without output"


class Jib:
    """Jib run by full coordinates (never a dependency of the product); the runtime interface
    client is a dependency of this copy, as Jib users add it. Offline after the warm-up (`-o`:
    its cached base, no registry check) for dockerBuild; online for build, which pushes."""

    name = "Jib"
    slug = "jib"

    def __init__(self, maven, repo_root, work, base, repository, local_name, cache, scenario):
        self.maven, self.project = maven, Path(work) / "jib/handler"
        self.base, self.repository, self.local_name, self.cache = base, repository, local_name, cache
        copy_handler(
            repo_root, self.project, scenario, keep_plugin=False, extra_dependency=RUNTIME_CLIENT
        )

    def properties(self, arch, image):
        entrypoint = ["java", *JVM_FLAGS, "-cp",
                      "/var/task/resources:/var/task/classes:/var/task/libs/*", ENTRYPOINT_MAIN]
        return [
            f"-Djib.from.image={self.base}-{arch}",
            f"-Djib.from.platforms=linux/{arch}",
            "-Djib.allowInsecureRegistries=true",
            f"-Djib.to.image={image}",
            "-Djib.container.appRoot=/var/task",
            "-Djib.container.workingDirectory=/var/task",
            "-Djib.container.environment=LAMBDA_TASK_ROOT=/var/task",
            "-Djib.container.entrypoint=" + ",".join(entrypoint),
            f"-Djib.container.args={HANDLER}",
            f"-Djib.baseImageCache={self.cache}-{arch}",
            "-Djib.console=plain",
        ]

    def image_name(self, arch):
        return f"{self.local_name}:{arch}"

    def build(self, arch):
        image = self.image_name(arch)
        result = self.maven.run(
            self.project, "package", f"{JIB}:dockerBuild", *self.properties(arch, image)
        )
        return Build(
            result.wall, mojo_seconds(result.output, r"jib:[^:]+:dockerBuild "), image,
            result.cpu, result.rss,
        )

    def push(self, arch):
        result = self.maven.run(
            self.project, "package", f"{JIB}:build",
            *self.properties(arch, f"{self.repository}:{arch}"),
            offline=False,  # Jib refuses to push in offline mode
        )
        return Push(
            mojo_seconds(result.output, r"jib:[^:]+:build "), result.wall, self.repository, arch,
            result.cpu, result.rss,
        )

    def invoke_project(self, arch):
        write_image_record(self.project, arch, f"{self.local_name}:{arch}", self.local_name, arch)
        return self.project
