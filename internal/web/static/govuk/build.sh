#!/bin/sh
# build.sh rebuilds govuk-frontend.min.css in this folder from the
# govuk-frontend npm package, pinned below, so that the binary can embed
# the GOV.UK Design System's styles and a fresh clone needs no npm.
#
# The font is set to arial, sans-serif and the GDS Transport @font-face
# rules are left out: that typeface is licensed for service.gov.uk only,
# and councils' services are not on it. Images and fonts are not copied;
# the pages use none of them.
#
# Run it from anywhere with Node.js and npm on the path:
#     sh internal/web/static/govuk/build.sh
set -eu

GOVUK_FRONTEND_VERSION=6.6.0
SASS_VERSION=1.108.2

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --silent \
	"govuk-frontend@$GOVUK_FRONTEND_VERSION" "sass@$SASS_VERSION"

cat >village.scss <<'SCSS'
@use "govuk-frontend/dist/govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-include-default-font-face: false
);
SCSS

npx --no-install sass --no-source-map --style=compressed --quiet-deps \
	--load-path=node_modules village.scss govuk-frontend.min.css

if grep -q "@font-face" govuk-frontend.min.css; then
	echo "build.sh: the compiled CSS still declares a font face" >&2
	exit 1
fi
cp govuk-frontend.min.css "$here/govuk-frontend.min.css"
echo "built govuk-frontend $GOVUK_FRONTEND_VERSION into $here/govuk-frontend.min.css"
