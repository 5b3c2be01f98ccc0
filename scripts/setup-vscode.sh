#!/usr/bin/env bash
# Installs what the integration tests need to run the extension in a real VS Code:
# Debian's chromium (the browser), ripgrep and libkrb5-dev (for code-server's install),
# neovim if it can be had (optional: the language server's test under a real LSP client),
# and code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on node 20) into
# .vscode-test/code-server. Each step is skipped when its result is already there.
#
#   scripts/setup-vscode.sh                 install what is missing
#   CODE_SERVER_DIR=/some/dir scripts/...   install code-server somewhere else
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cs_dir="${CODE_SERVER_DIR:-$root/.vscode-test/code-server}"
cs_version=4.100.3
step() { printf 'setup-vscode: %s\n' "$*"; }

# 1. Debian packages.
missing=()
for pkg in libkrb5-dev ripgrep chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  step "apt packages: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq >/dev/null
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  step "apt packages: installed ${missing[*]}"
else
  step "apt packages: libkrb5-dev ripgrep chromium already installed"
fi
command -v rg >/dev/null || { echo "setup-vscode: rg not found after install" >&2; exit 1; }
[[ -x /usr/bin/chromium ]] || { echo "setup-vscode: /usr/bin/chromium not found after install" >&2; exit 1; }

# 1b. Neovim, optional: test/unit/lsp-neovim.test.ts runs the language server under its LSP client
# and is skipped without it, so a failed install is a note, never the end of the set-up.
if dpkg -s neovim >/dev/null 2>&1; then
  step "apt packages: neovim already installed"
else
  step "apt packages: installing neovim (optional)"
  nvim_sudo=()
  [[ $(id -u) -ne 0 ]] && nvim_sudo=(sudo)
  nvim_install() { "${nvim_sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null 2>&1; }
  if nvim_install || { "${nvim_sudo[@]}" apt-get update -qq >/dev/null 2>&1 && nvim_install; }; then
    step "apt packages: installed neovim"
  else
    step "apt packages: could not install neovim; continuing without it (the Neovim language-server test will be skipped)"
  fi
fi

# 2. code-server.
cs_bin="$cs_dir/node_modules/.bin/code-server"
if [[ -x "$cs_bin" ]] && [[ "$(node -p "require('$cs_dir/node_modules/code-server/package.json').version" 2>/dev/null)" == "$cs_version" ]]; then
  step "code-server $cs_version: already installed in $cs_dir"
else
  # @vscode/ripgrep downloads rg from the internet at install time unless it finds a
  # cached archive; give it Debian's rg.
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [[ ! -s "$archive" ]]; then
    mkdir -p "$cache"
    tar czf "$archive" -C "$(dirname "$(command -v rg)")" rg
    step "ripgrep cache: $archive"
  else
    step "ripgrep cache: already present"
  fi
  step "code-server $cs_version: installing into $cs_dir (takes a minute or two)"
  mkdir -p "$cs_dir"
  [[ -f "$cs_dir/package.json" ]] || (cd "$cs_dir" && npm init -y >/dev/null)
  # yes: node-pty's post-install runs `npx node-gyp`; unsafe_perm: code-server's post-install refuses root otherwise.
  (cd "$cs_dir" && npm_config_yes=true npm_config_unsafe_perm=true \
    npm install "code-server@$cs_version" --no-audit --no-fund --loglevel=error >"$cs_dir/install.log" 2>&1) || {
    echo "setup-vscode: npm install code-server failed; last lines of $cs_dir/install.log:" >&2
    tail -n 30 "$cs_dir/install.log" >&2
    exit 1
  }
  [[ -x "$cs_bin" ]] || { echo "setup-vscode: $cs_bin missing after install" >&2; exit 1; }
  step "code-server $cs_version: installed"
fi
