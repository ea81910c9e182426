def it = evaluate(new File(basedir, '../it-parent/support.groovy'))
def log = it.buildLog(basedir)
assert log.contains('The image built for linux/amd64 does not start handler it.Handler::handleRequest: its ENTRYPOINT + CMD are [java, ')
assert log.contains('End the Dockerfile template with CMD ["@lambda.handler@"].')
assert !new File(basedir, 'target/lambda-image/amd64/image.json').exists()
def (rc, tagged) = it.run(['docker', 'images', '--format', '{{.Repository}}', 'lambda-image-it/template-without-handler'])
assert rc == 0 && tagged.trim().isEmpty() : "tagged although unverified: ${tagged}"
it.assertNoTemporaryTags()
// The unverified image itself is gone too: nothing names it any more.
def (rc2, images) = it.run(['docker', 'images', '--all', '--quiet', '--filter', 'label=it.project=template-without-handler'])
assert rc2 == 0 && images.trim().isEmpty() : "unverified image left behind: ${images}"
