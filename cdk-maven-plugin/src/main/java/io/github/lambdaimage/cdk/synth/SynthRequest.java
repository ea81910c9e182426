package io.github.lambdaimage.cdk.synth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One synthesis of a Java CDK app in a forked JVM.
 *
 * @param javaExecutable the {@code java} command of the forked JVM
 * @param classpath the app's runtime classpath, its own classes first
 * @param mainClass the class whose {@code main} builds and synthesizes the app
 * @param workingDirectory the forked JVM's working directory (the module's)
 * @param outputDirectory the cloud assembly directory ({@code CDK_OUTDIR}); emptied first
 * @param context CDK context for the app ({@code CDK_CONTEXT_JSON})
 * @param nodeExecutable the Node.js that aws-cdk-lib's jsii runtime starts ({@code JSII_NODE})
 * @param temporaryDirectory the forked JVM's {@code java.io.tmpdir}: the jsii runtime leaves a
 *     directory there per run, which then goes with {@code mvn clean}
 * @param limit how long the app may run before it is killed with its children
 */
public record SynthRequest(
    String javaExecutable,
    List<String> classpath,
    String mainClass,
    Path workingDirectory,
    Path outputDirectory,
    Map<String, String> context,
    String nodeExecutable,
    Path temporaryDirectory,
    Duration limit) {

  public SynthRequest {
    classpath = List.copyOf(classpath);
    context = Map.copyOf(context);
  }
}
