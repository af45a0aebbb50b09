#!/bin/sh
# Installs cepa on the PATH: a release build in PREFIX/bin (default ~/.local), shell
# completions for bash, zsh and fish, and a copy of the embedded CEPA store in
# PREFIX/share/cepa/store.
#
#   sh Scripts/install.sh            # into ~/.local
#   sh Scripts/install.sh /usr/local # system-wide (run as root)
set -eu
cd "$(dirname "$0")/.."
prefix="${1:-$HOME/.local}"
sh Scripts/setup.sh
swift build -c release --product cepa
bin="$(swift build -c release --show-bin-path)/cepa"

mkdir -p "$prefix/bin" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
  "$prefix/share/fish/vendor_completions.d" "$prefix/share/cepa/store"
install -m 0755 "$bin" "$prefix/bin/cepa"
"$prefix/bin/cepa" --generate-completion-script bash > "$prefix/share/bash-completion/completions/cepa"
"$prefix/bin/cepa" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_cepa"
"$prefix/bin/cepa" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/cepa.fish"
rm -rf "$prefix/share/cepa/store/Sessions" "$prefix/share/cepa/store/Themes"
cp -R Sessions Themes "$prefix/share/cepa/store/"

echo "installed $prefix/bin/cepa ($("$prefix/bin/cepa" --version)) with bash, zsh and fish completions"
echo "the embedded store is in $prefix/share/cepa/store: cepa --store $prefix/share/cepa/store"
echo "  or: export CEPA_STORE=$prefix/share/cepa/store"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it in your shell's profile" ;;
esac
