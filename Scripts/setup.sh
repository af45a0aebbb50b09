#!/bin/sh
# Installs what cepa needs on a fresh Debian or Ubuntu machine, if it is missing:
# the ncursesw headers (to build), pdftotext from poppler-utils (to import PDF
# reports), tmux, vim and ed (the end-to-end tests hand the terminal to a real
# editor), jq (for examples).
set -eu
missing=""
[ -e /usr/include/ncursesw/curses.h ] || missing="$missing libncursesw5-dev"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
command -v vim >/dev/null 2>&1 || missing="$missing vim"
command -v ed >/dev/null 2>&1 || missing="$missing ed"
command -v jq >/dev/null 2>&1 || missing="$missing jq"
[ -n "$missing" ] || exit 0
echo "setup: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq $missing >/dev/null
