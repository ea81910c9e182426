package io.github.lambdaimage.maven;

import io.github.lambdaimage.context.BuildContext;
import io.github.lambdaimage.context.ContextInputs;
import io.github.lambdaimage.imagebuild.BaseImageResolver;
import io.github.lambdaimage.imagebuild.Dockerfiles;
import io.github.lambdaimage.imagebuild.ImageSettings;
import io.github.lambdaimage.imagebuild.PinnedBaseImage;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.model.ImageRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Renders the Dockerfile of each architecture to {@code
 * target/lambda-image/<arch>/context/Dockerfile} without building anything: to review what {@code
 * build} would send to the engine (as one Dockerfile: the build may send it in two parts, the
 * dependencies image and the image on top of it; see the README).
 */
@Mojo(name = "dockerfile", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class DockerfileMojo extends AbstractImageMojo {

  @Override
  protected void execute(List<Architecture> architectures) {
    ImageSettings settings =
        imageSettings(
            new ContextInputs(Map.of(), null, Map.of()),
            project.getArtifactId(),
            project.getVersion(),
            Map.of(),
            Map.of());
    Dockerfiles.reportUnusedOverrides(settings, architectures, buildLog());
    BaseImageResolver baseImages = baseImageResolver();
    for (Architecture architecture : architectures) {
      Path directory = settings.architectureDirectory(architecture);
      PinnedBaseImage base = baseImages.resolve(settings.baseImage(), architecture, directory);
      Path file = directory.resolve("context").resolve(BuildContext.DOCKERFILE);
      ImageRecords.writeAtomically(file, Dockerfiles.render(settings, architecture, base));
      getLog().info("Rendered " + file + " for " + architecture.platform());
    }
  }
}
