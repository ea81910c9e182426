// Four builds (invoker.properties); build.log holds them in order, each starting at the build goal.
def it = evaluate(new File(basedir, '../it-parent/support.groovy'))
def dependenciesTag = { String arch ->
  new File(basedir, "target/lambda-image/${arch}/dependencies-image").text.trim()
}
def tagExists = { String tag -> it.run(['docker', 'image', 'inspect', tag])[0] == 0 }
def libraryJars = { String image ->
  def (rc, output) = it.run(['docker', 'run', '--rm', '--entrypoint', 'ls', image, '/var/task/lib'])
  assert rc == 0 : output
  output.readLines().findAll { it.endsWith('.jar') }.sort()
}
// the dependency jars (context/lib) and the module's own jar (context/app/lib)
def builtJars = { String arch ->
  ['lib', 'app/lib'].collectMany { new File(basedir, "target/lambda-image/${arch}/context/${it}").list() as List }
      .findAll { it.endsWith('.jar') }.sort()
}
try {
  def builds = it.buildLog(basedir).split(/--- lambda-image:[^ ]+:build /).drop(1)
  assert builds.size() == 4

  // 1: the dependencies image is built, then the image from it with only app/ and its Dockerfile
  def first = (builds[0] =~ /Built dependencies image (lambda-image-dependencies\/split-dependencies:[0-9a-f]{16}-amd64)\n/)
  assert first.find() : builds[0]
  def firstTag = first.group(1)
  assert builds[0] =~ /Sending dependencies context of \d+ bytes to the engine/
  assert builds[0] =~ /Step 1\/3 : FROM --platform=linux\/amd64 ${java.util.regex.Pattern.quote(firstTag)}\n/

  // 2: a code change reuses it and sends only app/ (a few kB: the class, a resource, the Dockerfile)
  assert builds[1].contains("Reusing dependencies image ${firstTag}\n")
  assert !builds[1].contains('Sending dependencies context')
  def sent = (builds[1] =~ /Sending build context of (\d+) bytes to the engine/)
  assert sent.find() : builds[1]
  assert (sent.group(1) as long) < 16 * 1024 : "a code change sent ${sent.group(1)} bytes"
  assert (sent.group(1) as long) > 0

  // 3: a new dependency makes a new dependencies image; the previous tag is removed
  def third = (builds[2] =~ /Built dependencies image (lambda-image-dependencies\/split-dependencies:[0-9a-f]{16}-amd64)\n/)
  assert third.find() : builds[2]
  def secondTag = third.group(1)
  assert secondTag != firstTag
  assert dependenciesTag('amd64') == secondTag
  assert tagExists(secondTag)
  assert !tagExists(firstTag) : "the replaced dependencies image ${firstTag} is still tagged"

  // the image has what the single build would have put in it
  def amd64 = it.record(basedir, 'amd64')
  def image = "${amd64.repository}:${amd64.tag}".toString()
  assert it.inspect(image).labels['io.github.lambdaimage.inputs'] == amd64.contextDigest
  assert libraryJars(image) == builtJars('amd64')
  assert libraryJars(image) == ['jackson-annotations-2.20.jar', 'split-dependencies-1.0.jar']
  it.assertRuntimeClientStarts(image)

  // the whole Dockerfile stays where users read it, the two parts beside it
  def directory = new File(basedir, 'target/lambda-image/amd64')
  def whole = new File(directory, 'context/Dockerfile').text
  def dependencies = new File(directory, 'Dockerfile.dependencies').text
  def application = new File(directory, 'Dockerfile.application').text
  assert whole.endsWith('COPY app/ /var/task/\n')
  assert whole.startsWith(dependencies)
  assert !dependencies.contains('app/')
  assert application.contains("FROM --platform=linux/amd64 ${secondTag}\n")

  // 4: arm64, under QEMU here, has its own dependencies image
  assert builds[3] =~ /Built dependencies image lambda-image-dependencies\/split-dependencies:[0-9a-f]{16}-arm64\n/
  def arm64 = it.record(basedir, 'arm64')
  def arm64Image = "${arm64.repository}:${arm64.tag}".toString()
  assert it.inspect(arm64Image).platform == 'linux/arm64'
  assert it.inspect(dependenciesTag('arm64')).platform == 'linux/arm64'
  it.assertRuntimeClientStarts(arm64Image)
  it.assertNoTemporaryTags()
} finally {
  it.removeImages(basedir)
}
