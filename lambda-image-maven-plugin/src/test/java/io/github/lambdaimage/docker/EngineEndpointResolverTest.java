package io.github.lambdaimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdaimage.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineEndpointResolverTest {

  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  private EngineEndpoint resolve() {
    return new EngineEndpointResolver(env::get, home, false).resolve();
  }

  private void writeContext(Path dockerDir, String name, String host) throws IOException {
    Path meta = dockerDir.resolve("contexts/meta").resolve(Sha256.hex(name)).resolve("meta.json");
    Files.createDirectories(meta.getParent());
    Files.writeString(
        meta, "{\"Name\":\"" + name + "\",\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\"}}}");
  }

  private void writeCurrentContext(Path dockerDir, String name) throws IOException {
    Files.createDirectories(dockerDir);
    Files.writeString(dockerDir.resolve("config.json"), "{\"currentContext\":\"" + name + "\"}");
  }

  @Test
  void withNothingConfiguredUsesTheDefaultSocket() {
    assertThat(resolve())
        .isEqualTo(new EngineEndpoint("unix:///var/run/docker.sock", "the default socket", null));
  }

  @Test
  void onWindowsWithNothingConfiguredUsesDockerDesktopsNamedPipe() {
    assertThat(new EngineEndpointResolver(env::get, home, true).resolve())
        .isEqualTo(
            new EngineEndpoint("npipe:////./pipe/docker_engine", "the default named pipe", null));
  }

  @Test
  void onWindowsTheDefaultContextMeansTheNamedPipeAndDockerHostStillWins() throws IOException {
    writeCurrentContext(home.resolve(".docker"), "default");

    assertThat(new EngineEndpointResolver(env::get, home, true).resolve().host())
        .isEqualTo("npipe:////./pipe/docker_engine");
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2375");
    assertThat(new EngineEndpointResolver(env::get, home, true).resolve().host())
        .isEqualTo("tcp://127.0.0.1:2375");
  }

  @Test
  void dockerHostWinsOverContexts() throws IOException {
    writeContext(home.resolve(".docker"), "colima", "unix:///colima.sock");
    writeCurrentContext(home.resolve(".docker"), "colima");
    env.put("DOCKER_CONTEXT", "colima");
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2375");

    assertThat(resolve())
        .isEqualTo(new EngineEndpoint("tcp://127.0.0.1:2375", "DOCKER_HOST", null));
  }

  @Test
  void dockerContextVariableWinsOverTheCurrentContext() throws IOException {
    writeContext(home.resolve(".docker"), "colima", "unix:///colima.sock");
    writeContext(home.resolve(".docker"), "desktop-linux", "unix:///desktop.sock");
    writeCurrentContext(home.resolve(".docker"), "desktop-linux");
    env.put("DOCKER_CONTEXT", "colima");

    assertThat(resolve())
        .isEqualTo(
            new EngineEndpoint(
                "unix:///colima.sock", "Docker context 'colima' (from DOCKER_CONTEXT)", null));
  }

  @Test
  void currentContextIsReadFromDockerConfigDirectory() throws IOException {
    Path config = home.resolve("elsewhere");
    writeContext(config, "colima", "unix:///colima.sock");
    writeCurrentContext(config, "colima");
    env.put("DOCKER_CONFIG", config.toString());

    assertThat(resolve())
        .isEqualTo(
            new EngineEndpoint(
                "unix:///colima.sock",
                "Docker context 'colima' (the current context in "
                    + config.resolve("config.json")
                    + ")",
                null));
  }

  @Test
  void defaultContextMeansTheDefaultSocket() throws IOException {
    writeCurrentContext(home.resolve(".docker"), "default");

    assertThat(resolve().host()).isEqualTo("unix:///var/run/docker.sock");
  }

  @Test
  void contextWithTlsMaterialVerifiesTls() throws IOException {
    writeContext(home.resolve(".docker"), "remote", "tcp://127.0.0.1:2376");
    Path tls = home.resolve(".docker/contexts/tls").resolve(Sha256.hex("remote")).resolve("docker");
    Files.createDirectories(tls);
    env.put("DOCKER_CONTEXT", "remote");

    assertThat(resolve().tlsCertPath()).isEqualTo(tls.toString());
  }

  @Test
  void dockerHostWithTlsVerifyUsesTheCertPath() {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", "/certs");

    assertThat(resolve().tlsCertPath()).isEqualTo("/certs");
  }

  @Test
  void missingContextFailsNamingItAndTheFix() {
    env.put("DOCKER_CONTEXT", "nope");

    assertThatThrownBy(this::resolve)
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageStartingWith("Cannot read Docker context 'nope' (from DOCKER_CONTEXT) at ")
        .hasMessageContaining(Sha256.hex("nope") + "/meta.json")
        .hasMessageEndingWith(
            "List the contexts with `docker context ls`, switch with `docker context use <name>`,"
                + " or set DOCKER_HOST.");
  }

  @Test
  void contextDirectoryIsTheSha256OfTheName() {
    assertThat(Sha256.hex("default"))
        .isEqualTo("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f");
  }
}
