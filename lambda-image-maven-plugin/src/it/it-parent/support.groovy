// Helpers shared by the verify.groovy scripts: evaluate(new File(basedir, '../it-parent/support.groovy'))
// returns this map of closures. They use the docker CLI against the same engine the build used.
import groovy.json.JsonSlurper

def run = { List<String> command ->
  def process = command.execute()
  def output = new StringBuilder()
  // waits for the process and for both streams to be read to the end (waitFor() alone may return
  // before the reader threads have the output, leaving it empty)
  process.waitForProcessOutput(output, output)
  [process.exitValue(), output.toString()]
}

def record = { File projectDir, String arch ->
  new JsonSlurper().parse(new File(projectDir, "target/lambda-image/${arch}/image.json"))
}

def imagesIndex = { File projectDir ->
  new JsonSlurper().parse(new File(projectDir, 'target/lambda-image/images.json'))
}

// "linux/arm64" as the engine reports the image, and its labels
def inspect = { String image ->
  def (rc, output) = run(['docker', 'image', 'inspect', '--format', '{{json .}}', image])
  assert rc == 0 : "docker image inspect ${image}: ${output}"
  def json = new JsonSlurper().parseText(output)
  [platform: "${json.Os}/${json.Architecture}".toString(), id: json.Id, labels: json.Config.Labels ?: [:]]
}

// Starts the image's entrypoint against a Runtime API address where nothing listens: the runtime
// interface client (Java + its native library) must start and report that it found no endpoint.
def assertRuntimeClientStarts = { String image ->
  def (rc, output) = run(['docker', 'run', '--rm', '--network', 'none',
                          '-e', 'AWS_LAMBDA_RUNTIME_API=127.0.0.1:9', image])
  assert output.contains('Failed to get next invocation') : output
}

// Removes every tag the project's image.json files name, then the dependencies images they were
// built from (named in dependencies-image).
def removeImages = { File projectDir ->
  new File(projectDir, 'target/lambda-image').eachFileRecurse { file ->
    if (file.name == 'image.json') {
      def image = new JsonSlurper().parse(file)
      run(['docker', 'rmi', "${image.repository}:${image.tag}".toString()])
    }
  }
  new File(projectDir, 'target/lambda-image').eachFileRecurse { file ->
    if (file.name == 'dependencies-image') {
      run(['docker', 'rmi', file.text.trim()])
    }
  }
}

def buildLog = { File projectDir -> new File(projectDir, 'build.log').text }

// Builds wait under lambda-image-build/<random>:<arch> between build and tag; none may be left.
def assertNoTemporaryTags = { ->
  def (rc, output) = run(['docker', 'images', '--format', '{{.Repository}}:{{.Tag}}',
                          '--filter', 'reference=lambda-image-build/*'])
  assert rc == 0 : output
  assert output.trim().isEmpty() : "temporary tags left behind: ${output}"
}

// Everything a single-architecture build must produce: image.json, images.json, the image with
// the requested platform and labels, a runtime client that starts; removes the image afterwards.
def verifySingleBuild = { File projectDir, String arch, String lambdaArch ->
  try {
    def built = record(projectDir, arch)
    assert built.architecture == arch
    assert built.lambdaArchitecture == lambdaArch
    assert built.platform == "linux/${arch}".toString()
    assert built.repository == "lambda-image-it/build-${arch}".toString()
    assert built.tag ==~ /it-\d+-${arch}/
    assert built.verifiedArchitecture == arch
    assert built.handler == 'it.Handler::handleRequest'
    assert built.baseImage ==~ /.*\/lambda-image-test\/java-base:17@sha256:[0-9a-f]{64}/
    assert built.contextDigest ==~ /sha256:[0-9a-f]{64}/
    assert imagesIndex(projectDir).images*.architecture == [arch]

    def image = inspect("${built.repository}:${built.tag}")
    assert image.platform == "linux/${arch}".toString()
    assert image.id == built.imageId
    assert image.labels['io.github.lambdaimage.inputs'] == built.contextDigest
    assert image.labels['io.github.lambdaimage.architecture'] == arch
    assert image.labels['org.opencontainers.image.version'] == '1.0'
    assertRuntimeClientStarts("${built.repository}:${built.tag}")

    def dockerfile = new File(projectDir, "target/lambda-image/${arch}/context/Dockerfile").text
    assert dockerfile.contains("FROM --platform=linux/${arch} ".toString())
    assert dockerfile =~ /FROM .*\/lambda-image-test\/java-base@sha256:[0-9a-f]{64}\n/
    assert buildLog(projectDir) =~ /lambda-image:build took \d+ ms \(${arch} built \d+ ms\)/
    assertNoTemporaryTags()
  } finally {
    removeImages(projectDir)
  }
}

[verifySingleBuild: verifySingleBuild, run: run, record: record, imagesIndex: imagesIndex, inspect: inspect,
 assertRuntimeClientStarts: assertRuntimeClientStarts, removeImages: removeImages, buildLog: buildLog,
 assertNoTemporaryTags: assertNoTemporaryTags]
