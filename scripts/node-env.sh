# Source this file (". scripts/node-env.sh") to put Node 24 on PATH.
#
# WARD FLUX runs its engine and tests on Node 24, the Node that Electron 45 embeds. When the
# machine's own node is older (Debian's machines here have Node 20), the exact version named in
# .node-version is installed from the npm registry's node-linux-<arch> package (a binary with its
# headers, so node-gyp builds better-sqlite3 and raw-socket against it) into .tools/, once.
_wf_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_wf_want=$(cat "$_wf_root/.node-version")
_wf_have=$(node --version 2>/dev/null | sed 's/^v//')
if [ "${_wf_have%%.*}" != "${_wf_want%%.*}" ]; then
  case "$(uname -m)" in
    x86_64) _wf_arch=x64 ;;
    aarch64|arm64) _wf_arch=arm64 ;;
    *) echo "node-env: no node-linux package for $(uname -m); install Node ${_wf_want%%.*} yourself" >&2; return 1 ;;
  esac
  _wf_dir="$_wf_root/.tools/node-$_wf_want"
  _wf_pkg="$_wf_dir/node_modules/node-linux-$_wf_arch"
  if [ ! -x "$_wf_pkg/bin/node" ]; then
    echo "node-env: installing Node $_wf_want (node-linux-$_wf_arch) into .tools/" >&2
    mkdir -p "$_wf_dir"
    npm install --prefix "$_wf_dir" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-$_wf_arch@$_wf_want" >&2 || return 1
  fi
  export PATH="$_wf_pkg/bin:$PATH"
  export npm_config_nodedir="$_wf_pkg"
fi
unset _wf_root _wf_want _wf_have _wf_arch _wf_dir _wf_pkg
