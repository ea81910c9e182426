def log = new File(basedir, 'build.log').text
assert log.contains('No Lambda handler configured: set <handler> in the plugin configuration or the property lambda.handler, e.g. -Dlambda.handler=com.example.Handler::handleRequest.')
