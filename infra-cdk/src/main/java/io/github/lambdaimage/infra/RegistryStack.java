package io.github.lambdaimage.infra;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.LegacyStackSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

/**
 * The ECR repository images are pushed to: scanned on push, tags immutable (a tag always names the
 * same image), and a lifecycle rule that keeps the newest images only. The repository is retained
 * when the stack is destroyed, so deployed functions never lose their image.
 */
public class RegistryStack extends Stack {

  private final Repository repository;
  private final String repositoryName;

  /**
   * @param scope the app
   * @param id the stack's name
   * @param props the repository's settings
   */
  public RegistryStack(Construct scope, String id, RegistryStackProps props) {
    super(scope, id, StackProps.builder().synthesizer(new LegacyStackSynthesizer()).build());
    this.repositoryName = props.repositoryName();
    this.repository =
        Repository.Builder.create(this, "Repository")
            .repositoryName(props.repositoryName())
            .imageScanOnPush(true)
            .imageTagMutability(TagMutability.IMMUTABLE)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .rulePriority(1)
                        .description("Keep the newest " + props.keepImages() + " images")
                        .maxImageCount(props.keepImages())
                        .build()))
            .build();
    CfnOutput.Builder.create(this, "RepositoryUri")
        .description("Push images here: -Dlambda.image.repository=<this value>")
        .value(repository.getRepositoryUri())
        .build();
  }

  /** The repository this stack creates. */
  public Repository repository() {
    return repository;
  }

  /** The repository's name, known at synthesis time. */
  public String repositoryName() {
    return repositoryName;
  }
}
