#!/usr/bin/env bash
# Rehearses a release of the public packages under plugins/ without publishing anything:
#   1. builds them (yarn tsc, then backstage-cli repo build; skip with --skip-build when they are built),
#   2. yarn changeset status (what the pending changesets release),
#   3. scripts/check-packages.mjs metadata (package.json fields, README, @backstage/* ranges against
#      the pinned release, imports of the built files declared),
#   4. backstage-cli repo fix --publish must leave plugins/*/package.json unchanged,
#   5. packs every public package with yarn (prepack/postpack as on publish) and checks the tarball:
#      LICENSE, README.md, package.json, dist/, its config schema, no workspace: ranges, entry points
#      present (scripts/check-packages.mjs tarball), then npm publish --dry-run on it. Packs run
#      --jobs N at a time (default 2). --keep-tarballs DIR copies the tarballs there (the adoption
#      test installs them: OPSDECK_ADOPTION_TARBALLS=DIR).
# Leaves the working tree as it found it, ends with the packages that failed and why, and exits 1
# when any did.
set -uo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSDECK_ROOT" || exit 1

skip_build=false
jobs=2
keep_tarballs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --keep-tarballs)
      keep_tarballs="${2:-}"
      [ -n "$keep_tarballs" ] || jobs=""
      shift
      ;;
    --jobs)
      jobs="${2:-}"
      shift
      ;;
    *) jobs="" ;;
  esac
  shift
done
if ! [[ "$jobs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [--skip-build] [--jobs N] [--keep-tarballs DIR]" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=()

fail() {
  failures+=("$1: $2")
  echo "::: FAILED $1: $2"
}

step() {
  echo "::: $1"
}

# Runs a command, keeping its output in $work/<name>.log and showing its tail when it fails.
run_logged() {
  local name="$1"
  shift
  if "$@" </dev/null >"$work/$name.log" 2>&1; then
    return 0
  fi
  tail -n 40 "$work/$name.log"
  return 1
}

total_started=$SECONDS

if [ "$skip_build" = false ]; then
  step "build (yarn tsc, backstage-cli repo build)"
  started=$SECONDS
  if ! run_logged tsc yarn tsc || ! run_logged build yarn backstage-cli repo build; then
    fail build "the packages do not build; nothing else can be checked"
    echo "::: failed: ${failures[*]}"
    exit 1
  fi
  echo "::: built in $((SECONDS - started)) s"
fi

step "changeset status"
if ! yarn changeset status --verbose; then
  fail changesets "yarn changeset status failed (a changed package without a changeset, or a bad changeset)"
fi

step "package metadata and imports of the built files"
if ! node scripts/check-packages.mjs metadata >"$work/metadata.log" 2>&1; then
  cat "$work/metadata.log"
  while IFS= read -r line; do
    case "$line" in
      *": "*) fail "${line%%: *}" "${line#*: }" ;;
    esac
  done <"$work/metadata.log"
else
  cat "$work/metadata.log"
fi

# The public packages: "<folder> <name>" lines.
# shellcheck disable=SC2016 # JavaScript template literal, not a shell expansion
packages="$(node -e '
  const fs = require("fs");
  for (const dir of fs.readdirSync("plugins").sort()) {
    const file = `plugins/${dir}/package.json`;
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    if (pkg.private !== true) console.log(dir, pkg.name);
  }
')"

# Keeps a copy of every plugins/*/package.json to compare with after each step that may rewrite them.
mkdir -p "$work/manifests"
for file in plugins/*/package.json; do
  dir="${file#plugins/}"
  cp "$file" "$work/manifests/${dir%/package.json}.json"
done

# Reports (under $1) and undoes any change to plugins/*/package.json since the copies were taken.
check_manifests_unchanged() {
  local what="$1" file dir copy changed=0
  for file in plugins/*/package.json; do
    dir="${file#plugins/}"
    dir="${dir%/package.json}"
    copy="$work/manifests/$dir.json"
    if ! cmp -s "$copy" "$file"; then
      diff -u "$copy" "$file" | head -n 40
      fail "plugins/$dir" "$what changed package.json (diff above)"
      cp "$copy" "$file"
      changed=1
    fi
  done
  return "$changed"
}

step "backstage-cli repo fix --publish leaves plugins/*/package.json unchanged"
if ! run_logged repo-fix yarn backstage-cli repo fix --publish; then
  fail repo-fix "backstage-cli repo fix --publish failed"
fi
if check_manifests_unchanged "backstage-cli repo fix --publish"; then
  echo "::: no change"
fi

step "pack every public package (${jobs} at a time)"
started=$SECONDS
# yarn pack runs the prepack and postpack scripts (backstage-cli package prepack/postpack) as a
# publish does: it rewrites package.json with publishConfig and workspace: ranges resolved.
pack_one() {
  local dir="$1" name="$2"
  yarn workspace "$name" pack --out "$work/$dir.tgz" </dev/null >"$work/pack-$dir.log" 2>&1
  echo "$?" >"$work/pack-$dir.status"
}
while read -r dir name; do
  [ -n "$dir" ] || continue
  pack_one "$dir" "$name" &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n
  done
done <<<"$packages"
wait
echo "::: packed in $((SECONDS - started)) s"
check_manifests_unchanged "yarn pack (prepack/postpack)" || true

step "check every tarball and npm publish --dry-run it"
started=$SECONDS
count=0
while read -r dir name; do
  [ -n "$dir" ] || continue
  count=$((count + 1))
  tarball="$work/$dir.tgz"
  if [ "$(cat "$work/pack-$dir.status" 2>/dev/null)" != 0 ] || [ ! -f "$tarball" ]; then
    tail -n 40 "$work/pack-$dir.log"
    fail "$name" "yarn pack failed (log above)"
    continue
  fi
  if ! node scripts/check-packages.mjs tarball "plugins/$dir" "$tarball" </dev/null >"$work/tarball-$dir.log" 2>&1; then
    while IFS= read -r line; do
      fail "$name" "${line#"$name: "}"
    done <"$work/tarball-$dir.log"
  fi
  if ! npm publish --dry-run --access public "$tarball" </dev/null >"$work/publish-$dir.log" 2>&1; then
    tail -n 20 "$work/publish-$dir.log"
    fail "$name" "npm publish --dry-run of the tarball failed"
  elif grep -qi 'auto-corrected\|npm error' "$work/publish-$dir.log"; then
    grep -i 'auto-corrected\|npm error\|npm warn' "$work/publish-$dir.log"
    fail "$name" "npm publish --dry-run reports problems with the packed package.json"
  fi
  echo "::: $name: $(tar -tzf "$tarball" | wc -l) files"
done <<<"$packages"
echo "::: $count tarballs checked in $((SECONDS - started)) s"
if [ -n "$keep_tarballs" ]; then
  mkdir -p "$keep_tarballs" && cp "$work"/*.tgz "$keep_tarballs/" &&
    echo "::: tarballs kept in $keep_tarballs"
fi

echo "::: release dry-run finished in $((SECONDS - total_started)) s"
if [ ${#failures[@]} -gt 0 ]; then
  echo "::: release dry-run FAILED:"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
echo "::: release dry-run passed: $count public packages ready to publish"
