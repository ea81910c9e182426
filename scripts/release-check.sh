#!/usr/bin/env bash
# Builds the Maven Central release bundle exactly as .github/workflows/release.yml does, but uploads
# nothing: a copy of the working tree at the release version (this version without -SNAPSHOT),
# `./mvnw deploy -Prelease -DskipUpload=true` signed with a throwaway GnuPG key made for this run.
# Then checks the bundle as Central would and prints the artifacts it holds. Tests and images are
# skipped (the test command runs them). Extra arguments go to Maven.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The modules Maven Central gets; every other module must set publish.skip (see the root pom.xml).
PUBLISHED=(
  lambda-image-parent
  lambda-image-model
  lambda-image-maven-plugin
  cdk-maven-plugin
  lambda-image-cdk
  lambda-image-archetype
)
NEVER_PUBLISHED=(handler infra-cdk it)

started=${SECONDS}
if ! command -v gpg >/dev/null 2>&1; then
  echo "release-check: installing gnupg"
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "release-check: gpg not found; install GnuPG (apt-get install gnupg)" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnupg >/dev/null
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/lambda-image-release-check.XXXXXX")"
cleanup() {
  gpgconf --kill gpg-agent >/dev/null 2>&1 || true
  rm -rf "${work}"
}
trap cleanup EXIT

# A throwaway signing key without a passphrase, in a key ring of its own.
export GNUPGHOME="${work}/gnupg"
mkdir -m 700 "${GNUPGHOME}"
echo "allow-loopback-pinentry" >"${GNUPGHOME}/gpg-agent.conf"
gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
  --quick-gen-key 'lambda-image release check <release-check@lambda-image.invalid>' ed25519 sign 1d \
  2>"${work}/gpg.log" || { cat "${work}/gpg.log" >&2; exit 1; }
key="$(gpg --batch --list-secret-keys --with-colons 2>/dev/null | awk -F: '$1 == "fpr" { print $10; exit }')"
echo "release-check: throwaway signing key ${key}"

# The release version, set in a copy so that the working tree stays as it is.
snapshot="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "${repo_root}/pom.xml" | head -1)"
version="${snapshot%-SNAPSHOT}"
mkdir "${work}/tree"
tar -C "${repo_root}" --exclude=./.git --exclude='*/target' --exclude=./target \
  --exclude=node_modules --exclude=./.env-state -cf - . | tar -C "${work}/tree" -xf -
cd "${work}/tree"
./mvnw -B -q versions:set -DnewVersion="${version}" -DprocessAllModules "$@"
echo "release-check: building the ${version} bundle (no upload)"
# maven.install.skip: a local repository must never hold this unreleased build under the release
# version, where it would stand in for the real one from Central.
./mvnw -B --no-transfer-progress deploy -Prelease -pl '!it' -DskipUpload=true \
  -DskipTests -Dinvoker.skip -Darchetype.test.skip -Dlambda.skip=true -Dmaven.install.skip=true \
  -Dgpg.keyname="${key}" "$@" >"${work}/build.log" 2>&1 || {
  tail -60 "${work}/build.log" >&2
  echo "release-check: the release build failed (log above)" >&2
  exit 1
}
bundle="${work}/tree/target/central-publishing/central-bundle.zip"
[ -f "${bundle}" ] || { echo "release-check: no bundle at ${bundle}" >&2; exit 1; }
mkdir "${work}/bundle"
(cd "${work}/bundle" && python3 -m zipfile -e "${bundle}" .)

python3 "${repo_root}/scripts/release-bundle.py" "${work}/bundle" "${version}" \
  --published "${PUBLISHED[@]}" --never "${NEVER_PUBLISHED[@]}"
echo "release-check: OK in $((SECONDS - started)) s"
