package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import io.github.lambdaimage.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchitectureEndpointsTest {

  private static final EngineEndpoint DEFAULT =
      new EngineEndpoint("unix:///var/run/docker.sock", "the default socket", null);

  @TempDir Path certs;
  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> dockerHosts = new HashMap<>();
  private final AtomicInteger defaultResolutions = new AtomicInteger();

  private ArchitectureEndpoints endpoints() {
    return ArchitectureEndpoints.of(
        properties,
        dockerHosts,
        () -> {
          defaultResolutions.incrementAndGet();
          return DEFAULT;
        });
  }

  private void assertRefused(String message) {
    assertThatThrownBy(this::endpoints)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(message);
  }

  @Test
  void anArchitectureWithItsOwnHostUsesItAndTheOtherFallsBackToTheDefaultEngine() {
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.2:2375");

    ArchitectureEndpoints endpoints = endpoints();

    assertThat(endpoints.endpoint(Architecture.ARM64))
        .isEqualTo(new EngineEndpoint("tcp://10.213.0.2:2375", "lambda.dockerHost.arm64", null));
    assertThat(endpoints.endpoint(Architecture.AMD64)).isSameAs(DEFAULT);
    assertThat(endpoints.hasOwnEngine(Architecture.ARM64)).isTrue();
    assertThat(endpoints.hasOwnEngine(Architecture.AMD64)).isFalse();
  }

  @Test
  void theDefaultEngineIsResolvedOnlyWhenAnArchitectureNeedsIt() {
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.2:2375");
    dockerHosts.put("amd64", "unix:///run/other.sock");

    ArchitectureEndpoints endpoints = endpoints();
    endpoints.endpoint(Architecture.ARM64);
    endpoints.endpoint(Architecture.AMD64);

    assertThat(endpoints.endpoint(Architecture.AMD64).source()).isEqualTo("<dockerHosts><amd64>");
    assertThat(defaultResolutions).hasValue(0);
  }

  @Test
  void theConfigurationMapAndAnEqualPropertyAgree() {
    dockerHosts.put("arm64", "tcp://10.213.0.2:2375");
    properties.put("lambda.dockerHost.arm64", " tcp://10.213.0.2:2375 ");

    assertThat(endpoints().endpoint(Architecture.ARM64).host()).isEqualTo("tcp://10.213.0.2:2375");
  }

  @Test
  void theConfigurationMapAndADifferentPropertyAreRefused() {
    dockerHosts.put("arm64", "tcp://10.213.0.2:2375");
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.3:2375");

    assertRefused(
        "Two engines for arm64: <dockerHosts><arm64> is tcp://10.213.0.2:2375 but"
            + " lambda.dockerHost.arm64 is tcp://10.213.0.3:2375. Keep one of them.");
  }

  @Test
  void anEmptyPropertyLeavesTheArchitectureOnTheDefaultEngine() {
    properties.put("lambda.dockerHost.arm64", "");

    assertThat(endpoints().endpoint(Architecture.ARM64)).isSameAs(DEFAULT);
  }

  @Test
  void anAliasIsRefusedWithTheCanonicalName() {
    properties.put("lambda.dockerHost.aarch64", "tcp://10.213.0.2:2375");

    assertRefused(
        "lambda.dockerHost.aarch64 names arm64 by an alias; per-architecture settings use the"
            + " names amd64 and arm64: rename it lambda.dockerHost.arm64.");
  }

  @Test
  void anAliasInTheConfigurationMapIsRefusedWithTheCanonicalElement() {
    dockerHosts.put("x86_64", "tcp://10.213.0.2:2375");

    assertRefused(
        "<dockerHosts><x86_64> names amd64 by an alias; per-architecture settings use the names"
            + " amd64 and arm64: rename it <dockerHosts><amd64>.");
  }

  @Test
  void anUnknownArchitectureIsRefused() {
    properties.put("lambda.dockerCertPath.arm", "/certs");

    assertRefused(
        "Invalid lambda.dockerCertPath.arm: Unknown architecture 'arm'; accepted values: amd64"
            + " (alias x86_64), arm64 (alias aarch64); did you mean 'arm64'? Name it amd64 or"
            + " arm64.");
  }

  @Test
  void anAddressWithoutAnEngineSchemeIsRefused() {
    properties.put("lambda.dockerHost.arm64", "10.213.0.2:2375");

    assertRefused(
        "Invalid engine address lambda.dockerHost.arm64=10.213.0.2:2375: give it as DOCKER_HOST"
            + " takes it, e.g. tcp://10.0.0.5:2376 (with lambda.dockerCertPath.<arch> for TLS),"
            + " unix:///var/run/docker.sock or npipe:////./pipe/docker_engine.");
  }

  @Test
  void aCertificateDirectoryMeansVerifiedTls() throws IOException {
    for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.writeString(certs.resolve(file), "-");
    }
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.2:2376");
    properties.put("lambda.dockerCertPath.arm64", certs.toString());

    EngineEndpoint arm64 = endpoints().endpoint(Architecture.ARM64);

    assertThat(arm64.tlsVerify()).isTrue();
    assertThat(arm64.tlsCertPath()).isEqualTo(certs.toAbsolutePath().toString());
  }

  @Test
  void aCertificateDirectoryWithoutTheClientKeyIsRefusedWhenTheArchitectureIsUsed()
      throws IOException {
    Files.writeString(certs.resolve("ca.pem"), "-");
    Files.writeString(certs.resolve("cert.pem"), "-");
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.2:2376");
    properties.put("lambda.dockerCertPath.arm64", certs.toString());
    properties.put("lambda.dockerTlsVerify.arm64", "true");
    ArchitectureEndpoints endpoints = endpoints();

    assertThat(endpoints.endpoint(Architecture.AMD64)).isSameAs(DEFAULT);
    assertThatThrownBy(() -> endpoints.endpoint(Architecture.ARM64))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "lambda.dockerCertPath.arm64="
                + certs.toAbsolutePath()
                + " has no key.pem: the directory must hold ca.pem (the CA that signed the"
                + " engine's certificate), cert.pem and key.pem (this client's certificate and"
                + " key), as DOCKER_CERT_PATH does.");
  }

  @Test
  void tlsVerifyWithoutACertificateDirectoryIsRefused() {
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.2:2376");
    properties.put("lambda.dockerTlsVerify.arm64", "1");

    assertRefused(
        "lambda.dockerTlsVerify.arm64 is true, but lambda.dockerCertPath.arm64 is not set: give"
            + " the directory with ca.pem, cert.pem and key.pem for arm64's engine.");
  }

  @Test
  void aCertificateDirectoryWithTlsVerifyFalseIsRefused() {
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.2:2376");
    properties.put("lambda.dockerCertPath.arm64", "/certs");
    properties.put("lambda.dockerTlsVerify.arm64", "false");

    assertRefused(
        "lambda.dockerCertPath.arm64 is set, but lambda.dockerTlsVerify.arm64 is false: the plugin"
            + " does not talk TLS without verifying the engine. Remove lambda.dockerTlsVerify.arm64"
            + " to verify with the certificates of /certs.");
  }

  @Test
  void tlsSettingsOfAnArchitectureWithoutItsOwnEngineAreRefused() {
    properties.put("lambda.dockerTlsVerify.amd64", "true");

    assertRefused(
        "lambda.dockerTlsVerify.amd64 is set, but amd64 has no engine of its own: set"
            + " lambda.dockerHost.amd64 to the engine's address, or remove the TLS setting (the"
            + " default engine's TLS comes from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH).");
  }

  @Test
  void anInvalidTlsVerifyValueIsRefused() {
    properties.put("lambda.dockerHost.arm64", "tcp://10.213.0.2:2376");
    properties.put("lambda.dockerTlsVerify.arm64", "yes");

    assertRefused("Invalid lambda.dockerTlsVerify.arm64: 'yes'; give true or false.");
  }

  @Test
  void theRecordedAddressCarriesNoCredentials() {
    assertThat(new EngineEndpoint("ssh://builder@graviton:22", "x", null).recordedHost())
        .isEqualTo("ssh://graviton:22");
    assertThat(new EngineEndpoint("tcp://user:secret@10.0.0.5:2376", "x", null).recordedHost())
        .isEqualTo("tcp://10.0.0.5:2376");
    assertThat(new EngineEndpoint("unix:///var/run/docker.sock", "x", null).recordedHost())
        .isEqualTo("unix:///var/run/docker.sock");
  }

  @Test
  void anUnreachablePerArchitectureEngineIsNamedWithItsSetting() {
    EngineEndpoint arm64 =
        new EngineEndpoint("tcp://10.213.0.9:2375", "lambda.dockerHost.arm64", null);

    assertThat(
            DockerEngine.unreachable(arm64, new java.net.ConnectException("Connection refused"))
                .getMessage())
        .isEqualTo(
            "Cannot reach the Docker Engine at tcp://10.213.0.9:2375 (chosen by"
                + " lambda.dockerHost.arm64): ConnectException: Connection refused. Start that"
                + " engine or make it reachable from this machine, or point"
                + " lambda.dockerHost.arm64 at a running one (without it, this architecture uses"
                + " DOCKER_HOST's engine).");
  }
}
