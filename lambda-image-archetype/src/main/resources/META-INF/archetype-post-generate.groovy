// Archetype resources lose their file modes; the Maven Wrapper script must stay executable.
def project = new File(request.outputDirectory, request.artifactId)
new File(project, "mvnw").setExecutable(true, false)
