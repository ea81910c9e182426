package io.github.lambdaimage.cdk;

import static io.github.lambdaimage.cdk.Records.ARM64_DIGEST;
import static io.github.lambdaimage.cdk.Records.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cloud_assembly_schema.AssetManifest;
import software.amazon.awscdk.cloud_assembly_schema.Manifest;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.FunctionOptions;
import software.amazon.awscdk.services.lambda.Tracing;

class LambdaImageFunctionTest {

  private static final Path ECR_INDEX = FIXTURES.resolve("ecr/images.json");
  private static final Path LOCAL_IMAGE = FIXTURES.resolve("local-registry/image.json");

  private final App app = new App();
  private final Stack stack = new Stack(app, "Functions");

  private static Map<String, Object> join(Object... parts) {
    return Map.of("Fn::Join", List.of("", List.of(parts)));
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("Ref", name);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> ruleNames(Template template) {
    return ((Map<String, Object>) template.toJSON().get("Rules")).keySet();
  }

  @Test
  void functionFromImagesJsonRunsTheDigestWithTheRecordedArchitecture() {
    new LambdaImageFunction(stack, "Hello", LambdaImageCode.fromRecord(ECR_INDEX, "arm64"));

    Template template = Template.fromStack(stack);
    template.resourceCountIs("AWS::Lambda::Function", 1);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "PackageType",
                "Image",
                "Architectures",
                List.of("arm64"),
                "Description",
                "lambda-image arm64 sha256:bbbbbbbbbbbb",
                "Code",
                Map.of(
                    "ImageUri",
                    join(
                        "123456789012.dkr.ecr.eu-west-1.",
                        ref("AWS::URLSuffix"),
                        "/hello@" + ARM64_DIGEST)))));
  }

  @Test
  void synthesisHoldsNoContainerImageAsset() {
    new LambdaImageFunction(stack, "Hello", LambdaImageCode.fromRecord(ECR_INDEX, "amd64"));

    CloudAssembly assembly = app.synth();

    AssetManifest assets =
        Manifest.loadAssetManifest(
            Path.of(assembly.getDirectory()).resolve("Functions.assets.json").toString());
    assertThat(assets.getFiles()).as("the template itself").hasSize(1);
    assertThat(assets.getDockerImages()).isNullOrEmpty();
  }

  @Test
  void functionOptionsPassThrough() {
    new LambdaImageFunction(
        stack,
        "Hello",
        LambdaImageCode.fromRecord(ECR_INDEX, "arm64"),
        FunctionOptions.builder()
            .memorySize(1024)
            .timeout(Duration.seconds(60))
            .environment(Map.of("GREETING", "hi"))
            .tracing(Tracing.ACTIVE)
            .description("hello")
            .maxEventAge(Duration.minutes(5))
            .build());

    Template template = Template.fromStack(stack);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Architectures",
                List.of("arm64"),
                "MemorySize",
                1024,
                "Timeout",
                60,
                "Environment",
                Map.of("Variables", Map.of("GREETING", "hi")),
                "TracingConfig",
                Map.of("Mode", "Active"),
                "Description",
                "hello")));
    template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Match.objectLike(Map.of("MaximumEventAgeInSeconds", 300)));
  }

  @Test
  void everyFunctionOptionHasABuilderMethod() {
    List<Method> getters = FunctionOptionsCopy.getters();

    assertThat(getters).hasSizeGreaterThan(40);
    assertThat(getters)
        .allSatisfy(getter -> assertThat(FunctionOptionsCopy.setter(getter)).isNotNull());
  }

  @Test
  void theImagesArchitectureMayBeRepeatedButNotContradicted() {
    LambdaImageCode image = LambdaImageCode.fromRecord(ECR_INDEX, "arm64");
    new LambdaImageFunction(
        stack, "Same", image, FunctionOptions.builder().architecture(Architecture.ARM_64).build());

    assertThatThrownBy(
            () ->
                new LambdaImageFunction(
                    stack,
                    "Other",
                    image,
                    FunctionOptions.builder().architecture(Architecture.X86_64).build()))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "The function options declare architecture x86_64, but the image "
                + image.digestReference()
                + " from "
                + ECR_INDEX
                + " is arm64 (arm64); Lambda would fail with exec format error. Leave"
                + " architecture out: the function takes the image's.");
    Template.fromStack(stack).resourceCountIs("AWS::Lambda::Function", 1);
  }

  @Test
  void imageOutsideEcrIsPulledFromTheNamedRepositoryOfTheDeployAccountAndRegion() {
    new LambdaImageFunction(
        stack, "Hello", LambdaImageCode.fromRecord(LOCAL_IMAGE).orPullFrom("team/hello"));

    Template template = Template.fromStack(stack);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Code",
                Map.of(
                    "ImageUri",
                    join(
                        ref("AWS::AccountId"),
                        ".dkr.ecr.",
                        ref("AWS::Region"),
                        ".",
                        ref("AWS::URLSuffix"),
                        "/team/hello@sha256:" + "c".repeat(64))))));
    assertThat(ruleNames(template)).containsExactly("CheckBootstrapVersion");
  }

  @Test
  void imageOutsideEcrWithoutARepositoryToPullFromIsRefused() {
    LambdaImageCode image = LambdaImageCode.fromRecord(LOCAL_IMAGE);

    assertThatThrownBy(() -> new LambdaImageFunction(stack, "Hello", image))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "The arm64 image 127.0.0.1:5000/lambda-image-it/hello@sha256:"
                + "c".repeat(64)
                + " from "
                + LOCAL_IMAGE
                + " is not in Amazon ECR, and Lambda pulls images from ECR only. Push it to ECR"
                + " (./mvnw deploy -Dlambda.arch=arm64"
                + " -Dlambda.image.repository=<account>.dkr.ecr.<region>.amazonaws.com/<name>), or"
                + " name the ECR repository that holds the same digest with orPullFrom(name).");
  }

  @Test
  void environmentAgnosticStackGetsARuleAgainstDeployingToAnotherRegion() {
    new LambdaImageFunction(stack, "Hello", LambdaImageCode.fromRecord(ECR_INDEX, "arm64"));
    new LambdaImageFunction(stack, "Again", LambdaImageCode.fromRecord(ECR_INDEX, "amd64"));

    Template.fromStack(stack)
        .templateMatches(
            Match.objectLike(
                Map.of(
                    "Rules",
                    Map.of(
                        "ImageRegioneuwest1",
                        Map.of(
                            "Assertions",
                            List.of(
                                Map.of(
                                    "Assert",
                                    Map.of("Fn::Equals", List.of(ref("AWS::Region"), "eu-west-1")),
                                    "AssertDescription",
                                    "The image is in ECR region eu-west-1; Lambda pulls images"
                                        + " from its own region only. Deploy to eu-west-1"
                                        + " (cdk.region) or push the image to this region.")))))));
  }

  @Test
  void stackInAnotherRegionFailsSynthesis() {
    Stack elsewhere =
        new Stack(
            app,
            "Elsewhere",
            StackProps.builder()
                .env(Environment.builder().account("123456789012").region("us-east-1").build())
                .build());

    assertThatThrownBy(
            () ->
                new LambdaImageFunction(
                    elsewhere, "Hello", LambdaImageCode.fromRecord(ECR_INDEX, "arm64")))
        .isInstanceOf(LambdaImageCodeException.class)
        .hasMessage(
            "The image is in ECR region eu-west-1, but stack Elsewhere deploys to us-east-1;"
                + " Lambda pulls images from its own region only. Deploy to eu-west-1 or push the"
                + " image to us-east-1.");
  }

  @Test
  void stackInTheImagesRegionNeedsNoRule() {
    Stack home =
        new Stack(
            app,
            "Home",
            StackProps.builder()
                .env(Environment.builder().account("210987654321").region("eu-west-1").build())
                .build());
    new LambdaImageFunction(home, "Hello", LambdaImageCode.fromRecord(ECR_INDEX, "arm64"));

    Template template = Template.fromStack(home);
    template.resourceCountIs("AWS::Lambda::Function", 1);
    assertThat(ruleNames(template)).containsExactly("CheckBootstrapVersion");
  }
}
