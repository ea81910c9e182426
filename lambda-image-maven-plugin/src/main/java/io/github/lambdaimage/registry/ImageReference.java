package io.github.lambdaimage.registry;

import io.github.lambdaimage.errors.InvalidConfigurationException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference {@code [host[:port]/]path[:tag][@sha256:digest]}, normalised as Docker does:
 * without a host the image lives on {@code docker.io}, and a single-segment name there gets the
 * {@code library/} prefix. The first segment is a host when it is {@code localhost}, contains a
 * {@code .} or a {@code :}, or has upper-case letters (repository paths are lower case).
 *
 * <p>A reference with neither tag nor digest means the tag {@code latest}.
 */
public final class ImageReference {

  /** The registry Docker uses for references without a host. */
  public static final String DOCKER_HUB = "docker.io";

  private static final String DEFAULT_TAG = "latest";
  private static final int MAX_NAME_LENGTH = 255;
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern TAG_SUFFIX = Pattern.compile(":([^:/]*)$");

  private final String registry;
  private final String repository;
  private final String tag;
  private final String digest;

  private ImageReference(String registry, String repository, String tag, String digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses and normalises a reference.
   *
   * @param value e.g. {@code ubuntu}, {@code 127.0.0.1:5000/team/app:1.0}, {@code repo@sha256:…}
   * @throws InvalidConfigurationException naming the value and the part that is wrong
   */
  public static ImageReference parse(String value) {
    if (value == null || value.isBlank()) {
      throw invalid(value, "it is empty");
    }
    if (!value.equals(value.strip())) {
      throw invalid(value, "it has leading or trailing white space");
    }
    String rest = value;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw invalid(value, "the digest '" + digest + "' is not sha256: and 64 lower-case hex");
      }
    }
    String tag = null;
    Matcher tagMatcher = TAG_SUFFIX.matcher(rest);
    if (tagMatcher.find()) {
      tag = tagMatcher.group(1);
      rest = rest.substring(0, tagMatcher.start());
      if (!TAG.matcher(tag).matches()) {
        throw invalid(
            value,
            "the tag '"
                + tag
                + "' is not 1-128 of letters, digits, '_', '.', '-' (no leading . -)");
      }
    }
    String[] hostAndPath = splitHost(rest);
    String registry = normaliseHost(hostAndPath[0]);
    String repository = hostAndPath[1];
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    validateHost(value, registry);
    validatePath(value, repository);
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw invalid(value, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  private static String[] splitHost(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return new String[] {DOCKER_HUB, name};
    }
    String first = name.substring(0, slash);
    boolean isHost =
        first.contains(".")
            || first.contains(":")
            || first.equals("localhost")
            || !first.equals(first.toLowerCase(Locale.ROOT));
    return isHost
        ? new String[] {first, name.substring(slash + 1)}
        : new String[] {DOCKER_HUB, name};
  }

  private static String normaliseHost(String host) {
    return host.equals("index.docker.io") ? DOCKER_HUB : host;
  }

  private static void validateHost(String value, String host) {
    if (!HOST.matcher(host).matches()) {
      throw invalid(value, "the registry host '" + host + "' is not a valid host[:port]");
    }
  }

  private static void validatePath(String value, String path) {
    if (path.isEmpty()) {
      throw invalid(value, "the repository path is empty");
    }
    for (String component : path.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        throw invalid(
            value,
            "the path component '"
                + component
                + "' is not lower-case letters and digits separated by '.', '_', '__' or '-'");
      }
    }
  }

  private static InvalidConfigurationException invalid(String value, String reason) {
    return new InvalidConfigurationException(
        "Invalid image reference '"
            + value
            + "': "
            + reason
            + ". Use [host[:port]/]path[:tag][@sha256:digest], e.g."
            + " 127.0.0.1:5000/team/app:1.0.");
  }

  /** The registry host with optional port, e.g. {@code docker.io} or {@code 127.0.0.1:5000}. */
  public String registry() {
    return registry;
  }

  /** The repository path inside the registry, e.g. {@code library/ubuntu}. */
  public String repository() {
    return repository;
  }

  /** {@code registry/repository}, the name the engine knows the image by (without tag). */
  public String name() {
    return registry + "/" + repository;
  }

  /** The tag; empty only for a reference given by digest alone. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The manifest digest {@code sha256:…}, when the reference pins one. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * The tag or, when there is none, the digest: what the registry's manifest endpoint is asked for.
   * A digest wins over a tag when both are present, as it does for Docker.
   */
  public String manifestReference() {
    return digest != null ? digest : tag;
  }

  /** This reference pinned to {@code newDigest}, keeping the tag. */
  public ImageReference withDigest(String newDigest) {
    if (newDigest == null || !DIGEST.matcher(newDigest).matches()) {
      throw new IllegalArgumentException("Not a sha256 digest: " + newDigest);
    }
    return new ImageReference(registry, repository, tag, newDigest);
  }

  /** This reference with a different tag and no digest. */
  public ImageReference withTag(String newTag) {
    return parse(name() + ":" + newTag);
  }

  /**
   * This reference without its tag, {@code registry/repository@sha256:…}: the immutable form a
   * {@code FROM} line or a deploy uses.
   *
   * @throws IllegalStateException when the reference has no digest
   */
  public ImageReference withoutTag() {
    if (digest == null) {
      throw new IllegalStateException(this + " has no digest; it cannot drop its tag");
    }
    return new ImageReference(registry, repository, null, digest);
  }

  /** The canonical form, {@code registry/repository[:tag][@digest]}. */
  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageReference that && toString().equals(that.toString());
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }
}
