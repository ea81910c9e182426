package io.github.lambdaimage.imagebuild;

import io.github.lambdaimage.model.Architecture;
import io.github.lambdaimage.render.DockerfileTemplates;
import io.github.lambdaimage.render.Template;
import io.github.lambdaimage.render.TemplateRenderer;
import io.github.lambdaimage.render.TemplateValues;

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
}
