package io.github.lambdaimage.endpoint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function an Invoke request names, in any of the forms Lambda accepts: {@code my-function},
 * {@code my-function:$LATEST}, {@code 123456789012:function:my-function} or the full ARN {@code
 * arn:aws:lambda:us-east-1:123456789012:function:my-function}, each optionally with a qualifier.
 *
 * @param name the function name
 * @param qualifier the version or alias, or {@code null} when none was given
 */
record FunctionReference(String name, String qualifier) {

  /** The only version a local endpoint serves. */
  static final String LATEST = "$LATEST";

  private static final Pattern FORM =
      Pattern.compile(
          "(?:arn:[a-z-]+:lambda:[a-z0-9-]+:)?(?:\\d{12}:function:)?([A-Za-z0-9_-]{1,64})(?::([^:]+))?");

  /**
   * Reads the path segment (already URL-decoded) and the {@code Qualifier} query parameter.
   *
   * @return the reference, or {@code null} when {@code segment} is none of the accepted forms
   */
  static FunctionReference parse(String segment, String qualifierParameter) {
    Matcher matcher = FORM.matcher(segment);
    if (!matcher.matches()) {
      return null;
    }
    String qualifier = matcher.group(2) != null ? matcher.group(2) : qualifierParameter;
    return new FunctionReference(matcher.group(1), qualifier);
  }

  /** True when the reference asks for {@code $LATEST}, the only version served. */
  boolean latest() {
    return qualifier == null || qualifier.equals(LATEST);
  }

  /** The function ARN Lambda names in its "Function not found" message. */
  String arn(String region, String account) {
    return "arn:aws:lambda:"
        + region
        + ":"
        + account
        + ":function:"
        + name
        + (qualifier == null ? "" : ":" + qualifier);
  }
}
