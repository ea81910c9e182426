package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.log.BuildLog;
import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.render.DockerfileTemplates;
import io.github.lambdaimage.render.Template;
import io.github.lambdaimage.render.TemplateRenderer;
import io.github.lambdaimage.render.TemplateValues;
import java.util.Collection;

/** Renders the Dockerfile of one architecture from the module's template. */
public final class Dockerfiles {

  private Dockerfiles() {}

  /**
   * The Dockerfile text for {@code architecture}, {@code FROM} pinned to {@code base}.
   *
   * @throws io.github.lambdaimage.errors.InvalidConfigurationException for template errors
   */
  public static String render(
      ImageSettings settings, Architecture architecture, PinnedBaseImage base) {
    Template template =
        DockerfileTemplates.select(
            settings.templateDirectory(),
            settings.projectDirectory(),
            architecture,
            settings.runtime());
    return TemplateRenderer.render(
        template,
        TemplateValues.of(
            architecture,
            base.fromReference(),
            settings.handler(),
            settings.runtime(),
            settings.properties()));
  }

  /**
   * Logs each {@code Dockerfile.<arch>} override of an architecture that is not being built, so a
   * user who expected it to apply learns why it did not.
   *
   * @throws io.github.lambdaimage.errors.InvalidConfigurationException for an override named by an
   *     alias
   */
  public static void reportUnusedOverrides(
      ImageSettings settings, Collection<Architecture> requested, BuildLog log) {
    for (Architecture architecture :
        DockerfileTemplates.overrides(settings.templateDirectory(), settings.projectDirectory())) {
      if (!requested.contains(architecture)) {
        log.info(
            "Not using "
                + DockerfileTemplates.displayName(
                    settings.templateDirectory().resolve("Dockerfile." + architecture.dockerName()),
                    settings.projectDirectory())
                + ": "
                + architecture.dockerName()
                + " is not among the requested architectures ("
                + String.join(",", requested.stream().map(Architecture::dockerName).toList())
                + ").");
      }
    }
  }
}
